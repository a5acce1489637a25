"""the GGk outbox: every envelope the gateway sends through the GGk, and the answer it got

Revision ID: 4d1f0a9b6c20
Revises: c7e425d62ceb
Create Date: 2026-12-06 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4d1f0a9b6c20"
down_revision: str | None = "c7e425d62ceb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ggk_zending",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("berichtcode", sa.String(length=4), nullable=False),
        sa.Column("functie", sa.String(length=30), nullable=True),
        sa.Column("referentienummer", sa.String(length=40), nullable=False),
        sa.Column("cross_refnummer", sa.String(length=40), nullable=True),
        sa.Column("ontvanger", sa.String(length=200), nullable=False),
        sa.Column("envelop", sa.Text(), nullable=False),
        sa.Column("uitgaand_bericht_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pogingen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("volgende_poging_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatste_fout", sa.String(length=200), nullable=True),
        sa.Column("afgeleverd_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("antwoord_berichtcode", sa.String(length=4), nullable=True),
        sa.Column("antwoord_functie", sa.String(length=30), nullable=True),
        sa.Column("antwoord_foutcode", sa.String(length=10), nullable=True),
        sa.Column("antwoord_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["uitgaand_bericht_id"],
            ["uitgaand_bericht.id"],
            name=op.f("fk_ggk_zending_uitgaand_bericht_id_uitgaand_bericht"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ggk_zending")),
        sa.UniqueConstraint("referentienummer", name=op.f("uq_ggk_zending_referentienummer")),
    )
    op.create_index("ix_ggk_zending_uitgaand_bericht_id", "ggk_zending", ["uitgaand_bericht_id"])
    op.create_index(
        "uq_ggk_zending_antwoord",
        "ggk_zending",
        ["berichtcode", "cross_refnummer"],
        unique=True,
        postgresql_where=sa.text("cross_refnummer IS NOT NULL"),
    )
    op.create_index(
        "ix_ggk_zending_te_versturen",
        "ggk_zending",
        ["volgende_poging_at"],
        postgresql_where=sa.text("afgeleverd_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("ggk_zending")
