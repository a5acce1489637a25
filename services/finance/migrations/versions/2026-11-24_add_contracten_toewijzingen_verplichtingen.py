"""add read models of contracten and toewijzingen and verplichtingen

Revision ID: 4e8d91793d7d
Revises: c544137d9585
Create Date: 2026-11-24 07:36:29.141515
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "4e8d91793d7d"
down_revision: str | None = "c544137d9585"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contractnummer", sa.String(length=100), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("hoofdaannemer_agb", sa.String(length=8), nullable=True),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("is_beeindigd", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("realisatiefactor", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("resultaat_percentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("kortingspercentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column(
            "uitvoeringsbijdrage_percentage", sa.Numeric(precision=5, scale=2), nullable=True
        ),
        sa.Column("budgetplafond_cents", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    op.create_index(
        "ix_contract_hoofdaannemer_agb", "contract", ["hoofdaannemer_agb"], unique=False
    )
    op.create_table(
        "resultaatevaluatie",
        sa.Column("resultaat_id", sa.Uuid(), nullable=False),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=False),
        sa.Column("is_behaald", sa.Boolean(), nullable=False),
        sa.Column("geevalueerd_op", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("resultaat_id", name=op.f("pk_resultaatevaluatie")),
    )
    op.create_index(
        op.f("ix_resultaatevaluatie_toewijzing_id"),
        "resultaatevaluatie",
        ["toewijzing_id"],
        unique=False,
    )
    op.create_table(
        "segment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("realisatiefactor", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("resultaat_percentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("kortingspercentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column(
            "uitvoeringsbijdrage_percentage", sa.Numeric(precision=5, scale=2), nullable=True
        ),
        sa.Column("budgetplafond_cents", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment")),
    )
    op.create_table(
        "toewijzing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("eenheid", sa.String(length=2), nullable=True),
        sa.Column("frequentie", sa.String(length=1), nullable=True),
        sa.Column("budget_cents", sa.BigInteger(), nullable=True),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("toewijzingsdatum", sa.Date(), nullable=False),
        sa.Column("reden_wijziging", sa.String(length=2), nullable=True),
        sa.Column("is_beeindigd", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing")),
    )
    op.create_index(
        "ix_toewijzing_aanbieder_nummer",
        "toewijzing",
        ["aanbieder_agb", "toewijzingnummer"],
        unique=False,
    )
    op.create_index(op.f("ix_toewijzing_segment_id"), "toewijzing", ["segment_id"], unique=False)
    op.create_table(
        "verplichting",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=True),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("resultaat_cents", sa.BigInteger(), nullable=False),
        sa.Column("resultaatstatus", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "bedrag_cents >= 0", name=op.f("ck_verplichting_bedrag_cents_niet_negatief")
        ),
        sa.CheckConstraint(
            "resultaat_cents >= 0", name=op.f("ck_verplichting_resultaat_cents_niet_negatief")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verplichting")),
        sa.UniqueConstraint("toewijzing_id", name=op.f("uq_verplichting_toewijzing_id")),
    )
    op.create_index(
        op.f("ix_verplichting_aanbieder_agb"), "verplichting", ["aanbieder_agb"], unique=False
    )
    op.create_table(
        "contract_tarief",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("eenheid", sa.String(length=2), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contract_tarief_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_tarief")),
    )
    op.create_index(
        op.f("ix_contract_tarief_contract_id"), "contract_tarief", ["contract_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_contract_tarief_contract_id"), table_name="contract_tarief")
    op.drop_table("contract_tarief")
    op.drop_index(op.f("ix_verplichting_aanbieder_agb"), table_name="verplichting")
    op.drop_table("verplichting")
    op.drop_index(op.f("ix_toewijzing_segment_id"), table_name="toewijzing")
    op.drop_index("ix_toewijzing_aanbieder_nummer", table_name="toewijzing")
    op.drop_table("toewijzing")
    op.drop_table("segment")
    op.drop_index(op.f("ix_resultaatevaluatie_toewijzing_id"), table_name="resultaatevaluatie")
    op.drop_table("resultaatevaluatie")
    op.drop_index("ix_contract_hoofdaannemer_agb", table_name="contract")
    op.drop_table("contract")
