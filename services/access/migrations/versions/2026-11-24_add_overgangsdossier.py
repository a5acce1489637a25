"""add overgangsdossier

Revision ID: f7fa08e653d3
Revises: d1392794d084
Create Date: 2026-11-24 08:15:47.432558
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f7fa08e653d3"
down_revision: str | None = "d1392794d084"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "overgangsdossier",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("situatie", sa.String(length=30), nullable=False),
        sa.Column("moment", sa.String(length=30), nullable=False),
        sa.Column("overgangsdatum", sa.Date(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("huidige_aanbieder_agb", sa.String(length=8), nullable=True),
        sa.Column("is_pgb", sa.Boolean(), nullable=False),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("uitkomst", sa.String(length=30), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'afgerond')", name=op.f("ck_overgangsdossier_status")
        ),
        sa.CheckConstraint(
            "einddatum IS NULL OR einddatum >= ingangsdatum",
            name=op.f("ck_overgangsdossier_periode"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_overgangsdossier_client_id_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overgangsdossier")),
    )
    op.create_index(
        op.f("ix_overgangsdossier_client_id"), "overgangsdossier", ["client_id"], unique=False
    )
    op.create_index(
        op.f("ix_overgangsdossier_gemeentecode"), "overgangsdossier", ["gemeentecode"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_overgangsdossier_gemeentecode"), table_name="overgangsdossier")
    op.drop_index(op.f("ix_overgangsdossier_client_id"), table_name="overgangsdossier")
    op.drop_table("overgangsdossier")
