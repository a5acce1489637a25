"""the GGk's Di01s whose bericht has a retour: who sent them, so their Du01 can follow any path

Revision ID: 5e2b8c3d7f41
Revises: 4d1f0a9b6c20
Create Date: 2026-12-06 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2b8c3d7f41"
down_revision: str | None = "4d1f0a9b6c20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ggk_ontvangst",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("referentienummer", sa.String(length=40), nullable=False),
        sa.Column("referentienummer_bericht", sa.String(length=40), nullable=True),
        sa.Column("functie", sa.String(length=30), nullable=False),
        sa.Column("zender_organisatie", sa.String(length=200), nullable=False),
        sa.Column("zender_applicatie", sa.String(length=200), nullable=False),
        sa.Column("ontvanger_organisatie", sa.String(length=200), nullable=False),
        sa.Column("ontvanger_applicatie", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("beantwoord_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ggk_ontvangst")),
        sa.UniqueConstraint(
            "zender_organisatie",
            "referentienummer",
            name=op.f("uq_ggk_ontvangst_zender_organisatie"),
        ),
    )
    op.create_index(
        "ix_ggk_ontvangst_open",
        "ggk_ontvangst",
        ["created_at"],
        postgresql_where=sa.text("beantwoord_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("ggk_ontvangst")
