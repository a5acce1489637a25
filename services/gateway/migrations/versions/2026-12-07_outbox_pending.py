"""outbox pending rows: an unsent event has one, the relay deletes it once sent

Revision ID: 1a3bc059a410
Revises: 08be166c53b5
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import outbox_pending_v3, outbox_sent_at_v2

revision: str = "1a3bc059a410"
down_revision: str | None = "08be166c53b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    outbox_pending_v3()


def downgrade() -> None:
    outbox_sent_at_v2()
