"""add strategies, tenders, products and contracts

Revision ID: e7a5743b8c7e
Revises: 9bfe91a84097
Create Date: 2026-11-24 07:57:59.300028
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "e7a5743b8c7e"
down_revision: str | None = "9bfe91a84097"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "product",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("eenheid", sa.String(length=2), nullable=False),
        sa.Column("intensiteit", sa.String(length=10), nullable=True),
        sa.Column("toeslag", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "intensiteit IN ('licht', 'midden', 'zwaar')", name=op.f("ck_product_intensiteit")
        ),
        sa.CheckConstraint(
            "toeslag IN ('vervoer', 'rolstoelvervoer')", name=op.f("ck_product_toeslag")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
        sa.UniqueConstraint("categorie", "code", name=op.f("uq_product_categorie")),
    )
    op.create_table(
        "aanbesteding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("procedure", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "procedure IN ('open-house', 'toelatingsprocedure', 'selectief', 'partnerschap')",
            name=op.f("ck_aanbesteding_procedure"),
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_aanbesteding_segment_id_segment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanbesteding")),
        sa.UniqueConstraint("naam", name=op.f("uq_aanbesteding_naam")),
    )
    op.create_index(
        op.f("ix_aanbesteding_segment_id"), "aanbesteding", ["segment_id"], unique=False
    )
    op.create_table(
        "verwervingsstrategie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("max_indicatie_maanden", sa.Integer(), nullable=True),
        sa.Column("is_individuele_beschikking", sa.Boolean(), nullable=False),
        sa.Column("herindicatie_doorlooptijd_dagen", sa.Integer(), nullable=False),
        sa.Column("casusregie", sa.String(length=200), nullable=True),
        sa.Column("leveranciersbeleid", sa.String(length=20), nullable=False),
        sa.Column("max_aanbieders", sa.Integer(), nullable=True),
        sa.Column("looptijd_jaren", sa.Integer(), nullable=False),
        sa.Column("verlengingsopties", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("opzegtermijn_maanden", sa.Integer(), nullable=False),
        sa.Column("prestatie_indicatoren", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("gepubliceerd_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gepubliceerd_by", sa.String(length=200), nullable=True),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("realisatiefactor", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("resultaat_percentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("kortingspercentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column(
            "uitvoeringsbijdrage_percentage", sa.Numeric(precision=5, scale=2), nullable=True
        ),
        sa.Column("budgetplafond_cents", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "bekostigingsmodel IN ('inspanningsgericht', 'outputgericht', 'taakgericht')",
            name=op.f("ck_verwervingsstrategie_bekostigingsmodel"),
        ),
        sa.CheckConstraint(
            "leveranciersbeleid IN ('reduceren', 'beperkt', 'breed', 'een-per-gebied')",
            name=op.f("ck_verwervingsstrategie_leveranciersbeleid"),
        ),
        sa.CheckConstraint(
            "status IN ('concept', 'gepubliceerd', 'vervangen')",
            name=op.f("ck_verwervingsstrategie_status"),
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_verwervingsstrategie_segment_id_segment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verwervingsstrategie")),
        sa.UniqueConstraint(
            "segment_id", "versie", name=op.f("uq_verwervingsstrategie_segment_id")
        ),
    )
    op.create_index(
        op.f("ix_verwervingsstrategie_segment_id"),
        "verwervingsstrategie",
        ["segment_id"],
        unique=False,
    )
    op.create_index(
        "uq_verwervingsstrategie_gepubliceerd",
        "verwervingsstrategie",
        ["segment_id"],
        unique=True,
        postgresql_where=sa.text("status = 'gepubliceerd'"),
    )
    op.create_table(
        "perceel",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbesteding_id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=False),
        sa.Column("gegund_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gegund_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["aanbesteding_id"],
            ["aanbesteding.id"],
            name=op.f("fk_perceel_aanbesteding_id_aanbesteding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perceel")),
        sa.UniqueConstraint("aanbesteding_id", "naam", name=op.f("uq_perceel_aanbesteding_id")),
    )
    op.create_index(
        op.f("ix_perceel_aanbesteding_id"), "perceel", ["aanbesteding_id"], unique=False
    )
    op.create_table(
        "contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contractnummer", sa.String(length=50), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("perceel_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("opzegtermijn_maanden", sa.Integer(), nullable=False),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("indexatieformule", sa.String(length=500), nullable=True),
        sa.Column("prestatie_indicatoren", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("realisatiefactor", sa.Numeric(precision=9, scale=4), nullable=True),
        sa.Column("resultaat_percentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("kortingspercentage", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column(
            "uitvoeringsbijdrage_percentage", sa.Numeric(precision=5, scale=2), nullable=True
        ),
        sa.Column("budgetplafond_cents", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "bekostigingsmodel IN ('inspanningsgericht', 'outputgericht', 'taakgericht')",
            name=op.f("ck_contract_bekostigingsmodel"),
        ),
        sa.CheckConstraint(
            "status IN ('concept', 'actief', 'verlengd', 'beeindigd', 'ontbonden')",
            name=op.f("ck_contract_status"),
        ),
        sa.CheckConstraint("einddatum >= ingangsdatum", name=op.f("ck_contract_periode")),
        sa.ForeignKeyConstraint(
            ["perceel_id"], ["perceel.id"], name=op.f("fk_contract_perceel_id_perceel")
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"], ["segment.id"], name=op.f("fk_contract_segment_id_segment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("contractnummer", name=op.f("uq_contract_contractnummer")),
    )
    op.create_index(op.f("ix_contract_perceel_id"), "contract", ["perceel_id"], unique=False)
    op.create_index(op.f("ix_contract_segment_id"), "contract", ["segment_id"], unique=False)
    op.create_table(
        "gunningspartij",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("perceel_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=30), nullable=False),
        sa.CheckConstraint(
            "rol IN ('hoofdaannemer', 'combinant', 'strategische-partner', 'onderaannemer')",
            name=op.f("ck_gunningspartij_rol"),
        ),
        sa.ForeignKeyConstraint(
            ["perceel_id"],
            ["perceel.id"],
            name=op.f("fk_gunningspartij_perceel_id_perceel"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gunningspartij")),
        sa.UniqueConstraint(
            "perceel_id", "aanbieder_agb", name=op.f("uq_gunningspartij_perceel_id")
        ),
    )
    op.create_index(
        "uq_gunningspartij_hoofdaannemer",
        "gunningspartij",
        ["perceel_id"],
        unique=True,
        postgresql_where=sa.text("rol = 'hoofdaannemer'"),
    )
    op.create_table(
        "contractpartij",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=30), nullable=False),
        sa.Column("toestemming_date", sa.Date(), nullable=True),
        sa.Column("onderaanneming_reden", sa.String(length=20), nullable=True),
        sa.Column("evaluatie_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "rol <> 'onderaannemer' OR (toestemming_date IS NOT NULL "
            "AND onderaanneming_reden IS NOT NULL AND evaluatie_date IS NOT NULL)",
            name=op.f("ck_contractpartij_onderaanneming"),
        ),
        sa.CheckConstraint(
            "rol IN ('hoofdaannemer', 'combinant', 'strategische-partner', 'onderaannemer')",
            name=op.f("ck_contractpartij_rol"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contractpartij_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractpartij")),
        sa.UniqueConstraint(
            "contract_id", "aanbieder_agb", name=op.f("uq_contractpartij_contract_id")
        ),
    )
    op.create_index(
        "uq_contractpartij_hoofdaannemer",
        "contractpartij",
        ["contract_id"],
        unique=True,
        postgresql_where=sa.text("rol = 'hoofdaannemer'"),
    )
    op.create_table(
        "contractproduct",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contractproduct_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_contractproduct_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractproduct")),
        sa.UniqueConstraint(
            "contract_id", "product_id", name=op.f("uq_contractproduct_contract_id")
        ),
    )
    op.create_table(
        "contractwijziging",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("reden", sa.Text(), nullable=False),
        sa.Column("wijzigingen", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("door", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "soort IN ('activering', 'wijziging', 'verlenging', 'beeindiging', 'ontbinding')",
            name=op.f("ck_contractwijziging_soort"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contractwijziging_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractwijziging")),
        sa.UniqueConstraint(
            "contract_id", "volgnummer", name=op.f("uq_contractwijziging_contract_id")
        ),
    )
    op.create_table(
        "tarief",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("geldig_vanaf", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.CheckConstraint("bedrag_cents >= 0", name=op.f("ck_tarief_bedrag")),
        sa.CheckConstraint(
            "geldig_tot IS NULL OR geldig_tot >= geldig_vanaf", name=op.f("ck_tarief_periode")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_tarief_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_tarief_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tarief")),
    )
    op.create_index(op.f("ix_tarief_contract_id"), "tarief", ["contract_id"], unique=False)
    op.create_table(
        "termijnmelding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("termijn", sa.String(length=20), nullable=False),
        sa.Column("termijndatum", sa.Date(), nullable=False),
        sa.Column("gemeld_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_termijnmelding_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_termijnmelding")),
        sa.UniqueConstraint(
            "contract_id", "termijn", "termijndatum", name=op.f("uq_termijnmelding_contract_id")
        ),
    )
    op.create_table(
        "verlengingsoptie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("jaren", sa.Integer(), nullable=False),
        sa.Column("beslisdatum", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'gelicht')", name=op.f("ck_verlengingsoptie_status")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_verlengingsoptie_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verlengingsoptie")),
        sa.UniqueConstraint(
            "contract_id", "volgnummer", name=op.f("uq_verlengingsoptie_contract_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("verlengingsoptie")
    op.drop_table("termijnmelding")
    op.drop_index(op.f("ix_tarief_contract_id"), table_name="tarief")
    op.drop_table("tarief")
    op.drop_table("contractwijziging")
    op.drop_table("contractproduct")
    op.drop_index(
        "uq_contractpartij_hoofdaannemer",
        table_name="contractpartij",
        postgresql_where=sa.text("rol = 'hoofdaannemer'"),
    )
    op.drop_table("contractpartij")
    op.drop_index(
        "uq_gunningspartij_hoofdaannemer",
        table_name="gunningspartij",
        postgresql_where=sa.text("rol = 'hoofdaannemer'"),
    )
    op.drop_table("gunningspartij")
    op.drop_index(op.f("ix_contract_segment_id"), table_name="contract")
    op.drop_index(op.f("ix_contract_perceel_id"), table_name="contract")
    op.drop_table("contract")
    op.drop_index(op.f("ix_perceel_aanbesteding_id"), table_name="perceel")
    op.drop_table("perceel")
    op.drop_index(
        "uq_verwervingsstrategie_gepubliceerd",
        table_name="verwervingsstrategie",
        postgresql_where=sa.text("status = 'gepubliceerd'"),
    )
    op.drop_index(op.f("ix_verwervingsstrategie_segment_id"), table_name="verwervingsstrategie")
    op.drop_table("verwervingsstrategie")
    op.drop_index(op.f("ix_aanbesteding_segment_id"), table_name="aanbesteding")
    op.drop_table("aanbesteding")
    op.drop_table("product")
