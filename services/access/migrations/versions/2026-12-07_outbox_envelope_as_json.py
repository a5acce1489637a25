"""outbox envelope as JSON text (was JSONB): the relay sends the bytes written

Revision ID: 9c410c28b83c
Revises: 4e8a1c6d2b95
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import outbox_envelope_as_json_v2, outbox_envelope_as_jsonb_v1

revision: str = "9c410c28b83c"
down_revision: str | None = "4e8a1c6d2b95"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    outbox_envelope_as_json_v2()


def downgrade() -> None:
    outbox_envelope_as_jsonb_v1()
