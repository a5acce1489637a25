"""outbox envelope as JSON text (was JSONB): the relay sends the bytes written

Revision ID: 5a83ef320c85
Revises: 7b3e5a1c9d42
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import outbox_envelope_as_json_v2, outbox_envelope_as_jsonb_v1

revision: str = "5a83ef320c85"
down_revision: str | None = "7b3e5a1c9d42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    outbox_envelope_as_json_v2()


def downgrade() -> None:
    outbox_envelope_as_jsonb_v1()
