"""create uitgaand_bericht and the shared outbox, inbox and audit tables

Revision ID: 0f9929882861
Revises:
Create Date: 2026-11-24 07:20:21.259429
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from wmo_common.migration_ops import create_shared_tables_v1, drop_shared_tables_v1

revision: str = "0f9929882861"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_shared_tables_v1()
    op.create_table(
        "uitgaand_bericht",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("berichtsoort", sa.String(length=10), nullable=False),
        sa.Column("berichtidentificatie", sa.String(length=12), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uitgaand_bericht")),
        sa.UniqueConstraint(
            "berichtidentificatie", name=op.f("uq_uitgaand_bericht_berichtidentificatie")
        ),
    )
    op.create_index(
        op.f("ix_uitgaand_bericht_aanbieder_agb"),
        "uitgaand_bericht",
        ["aanbieder_agb"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_uitgaand_bericht_aanbieder_agb"), table_name="uitgaand_bericht")
    op.drop_table("uitgaand_bericht")
    drop_shared_tables_v1()
