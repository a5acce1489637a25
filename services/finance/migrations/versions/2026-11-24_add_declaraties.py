"""add declaratie prestatie and betaalbatch

Revision ID: 51d72ea6c87e
Revises: 4e8d91793d7d
Create Date: 2026-11-24 07:59:15.735800
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "51d72ea6c87e"
down_revision: str | None = "4e8d91793d7d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "betaalbatch",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("periode", sa.Date(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("aantal_prestaties", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_betaalbatch")),
        sa.UniqueConstraint("aanbieder_agb", "periode", name=op.f("uq_betaalbatch_aanbieder_agb")),
    )
    op.create_table(
        "declaratie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bericht_id", sa.Uuid(), nullable=False),
        sa.Column("berichtidentificatie", sa.String(length=100), nullable=False),
        sa.Column("declaratienummer", sa.String(length=20), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("declaratiedatum", sa.Date(), nullable=False),
        sa.Column("periode_begin", sa.Date(), nullable=False),
        sa.Column("periode_eind", sa.Date(), nullable=False),
        sa.Column("totaal_ingediend_cents", sa.BigInteger(), nullable=False),
        sa.Column("totaal_toegekend_cents", sa.BigInteger(), nullable=False),
        sa.Column("retourcode", sa.String(length=4), nullable=False),
        sa.Column("beoordeeld_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaratie")),
        sa.UniqueConstraint("bericht_id", name=op.f("uq_declaratie_bericht_id")),
    )
    op.create_index(
        "ix_declaratie_aanbieder_nummer",
        "declaratie",
        ["aanbieder_agb", "declaratienummer"],
        unique=False,
    )
    op.create_table(
        "prestatie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("declaratie_id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("referentie", sa.String(length=20), nullable=False),
        sa.Column("vorige_referentie", sa.String(length=20), nullable=True),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=True),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=False),
        sa.Column("geleverd_volume", sa.BigInteger(), nullable=False),
        sa.Column("eenheid", sa.String(length=2), nullable=False),
        sa.Column("product_tarief_cents", sa.BigInteger(), nullable=False),
        sa.Column("ingediend_bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("debet_credit", sa.String(length=1), nullable=False),
        sa.Column("is_beoordeeld", sa.Boolean(), nullable=False),
        sa.Column("is_goedgekeurd", sa.Boolean(), nullable=False),
        sa.Column("retourcodes", postgresql.ARRAY(sa.String(length=4)), nullable=False),
        sa.Column("toegekend_bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("is_gecrediteerd", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaratie_id"],
            ["declaratie.id"],
            name=op.f("fk_prestatie_declaratie_id_declaratie"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prestatie")),
    )
    op.create_index(
        "ix_prestatie_aanbieder_referentie",
        "prestatie",
        ["aanbieder_agb", "referentie"],
        unique=False,
    )
    op.create_index(
        op.f("ix_prestatie_declaratie_id"), "prestatie", ["declaratie_id"], unique=False
    )
    op.create_index("ix_prestatie_toewijzing_id", "prestatie", ["toewijzing_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_prestatie_toewijzing_id", table_name="prestatie")
    op.drop_index(op.f("ix_prestatie_declaratie_id"), table_name="prestatie")
    op.drop_index("ix_prestatie_aanbieder_referentie", table_name="prestatie")
    op.drop_table("prestatie")
    op.drop_index("ix_declaratie_aanbieder_nummer", table_name="declaratie")
    op.drop_table("declaratie")
    op.drop_table("betaalbatch")
