"""add scheduler_run, the shared record of scheduler runs

Revision ID: 1b56d492409d
Revises: e7a5743b8c7e
Create Date: 2026-11-24 08:30:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import create_scheduler_run_table_v1, drop_scheduler_run_table_v1

revision: str = "1b56d492409d"
down_revision: str | None = "e7a5743b8c7e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_scheduler_run_table_v1()


def downgrade() -> None:
    drop_scheduler_run_table_v1()
