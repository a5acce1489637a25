"""create client and the shared outbox, inbox and audit tables

Revision ID: 758c14f0d6b4
Revises:
Create Date: 2026-11-24 07:16:40.142842
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from wmo_common.migration_ops import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "758c14f0d6b4"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()
    op.create_table(
        "client",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("voornamen", sa.String(length=200), nullable=False),
        sa.Column("achternaam", sa.String(length=200), nullable=False),
        sa.Column("geboortedatum", sa.Date(), nullable=False),
        sa.Column("geslacht", sa.String(length=1), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("geslacht IN ('0', '1', '2')", name=op.f("ck_client_geslacht")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client")),
        sa.UniqueConstraint("bsn", name=op.f("uq_client_bsn")),
        sa.UniqueConstraint("pseudonym", name=op.f("uq_client_pseudonym")),
    )


def downgrade() -> None:
    op.drop_table("client")
    drop_shared_tables_v1()
