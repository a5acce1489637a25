"""add scheduler_run, the shared record of scheduler runs

Revision ID: 69d7a96cfbe2
Revises: f7fa08e653d3
Create Date: 2026-11-24 08:30:00
"""

from collections.abc import Sequence

from wmo_common.migration_ops import create_scheduler_run_table_v1, drop_scheduler_run_table_v1

revision: str = "69d7a96cfbe2"
down_revision: str | None = "f7fa08e653d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_scheduler_run_table_v1()


def downgrade() -> None:
    drop_scheduler_run_table_v1()
