"""outbox pending rows: an unsent event has one, the relay deletes it once sent

Revision ID: 0a362a04a50f
Revises: 9c410c28b83c
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import outbox_pending_v3, outbox_sent_at_v2

revision: str = "0a362a04a50f"
down_revision: str | None = "9c410c28b83c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    outbox_pending_v3()


def downgrade() -> None:
    outbox_sent_at_v2()
