"""add kpi facts, prestatienorm and signalering

Revision ID: 6c009d77cc7c
Revises: e20d2fe5d400
Create Date: 2026-11-24 07:41:12.845973
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6c009d77cc7c"
down_revision: str | None = "e20d2fe5d400"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "declaratieregel_feit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("declaratie_id", sa.Uuid(), nullable=False),
        sa.Column("referentie", sa.String(length=20), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=20), nullable=True),
        sa.Column("is_goedgekeurd", sa.Boolean(), nullable=False),
        sa.Column("ingediend_cents", sa.BigInteger(), nullable=False),
        sa.Column("toegekend_cents", sa.BigInteger(), nullable=False),
        sa.Column("beoordeeld_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaratieregel_feit")),
        sa.UniqueConstraint(
            "declaratie_id", "referentie", name=op.f("uq_declaratieregel_feit_declaratie_id")
        ),
    )
    op.create_index(
        op.f("ix_declaratieregel_feit_aanbieder_agb"),
        "declaratieregel_feit",
        ["aanbieder_agb"],
        unique=False,
    )
    op.create_table(
        "prestatienorm",
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("treeknorm_dagen", sa.Integer(), nullable=True),
        sa.Column("signalering_na_perioden", sa.Integer(), nullable=True),
        sa.Column("normen", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("segment_id", name=op.f("pk_prestatienorm")),
    )
    op.create_table(
        "resultaat_feit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=True),
        sa.Column("is_behaald", sa.Boolean(), nullable=False),
        sa.Column("geevalueerd_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resultaat_feit")),
    )
    op.create_index(
        op.f("ix_resultaat_feit_aanbieder_agb"), "resultaat_feit", ["aanbieder_agb"], unique=False
    )
    op.create_table(
        "toewijzing_feit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("toewijzingsdatum", sa.Date(), nullable=True),
        sa.Column("ingangsdatum", sa.Date(), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("beeindigd_reden", sa.String(length=2), nullable=True),
        sa.Column("toewijzing_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("begindatum", sa.Date(), nullable=True),
        sa.Column("start_ontvangen_date", sa.Date(), nullable=True),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopdatum", sa.Date(), nullable=True),
        sa.Column("reden_beeindiging", sa.String(length=2), nullable=True),
        sa.Column("stop_ontvangen_date", sa.Date(), nullable=True),
        sa.Column("stop_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing_feit")),
        sa.UniqueConstraint(
            "aanbieder_agb", "toewijzingnummer", name=op.f("uq_toewijzing_feit_aanbieder_agb")
        ),
    )
    op.create_index(
        op.f("ix_toewijzing_feit_segment_id"), "toewijzing_feit", ["segment_id"], unique=False
    )
    op.create_table(
        "signalering",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("indicator", sa.String(length=50), nullable=True),
        sa.Column("periode", sa.String(length=7), nullable=True),
        sa.Column("reden", sa.String(length=1000), nullable=False),
        sa.Column("is_blokkerend", sa.Boolean(), nullable=False),
        sa.Column("gesignaleerd_door", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opgeheven_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opheffing_reden", sa.String(length=1000), nullable=True),
        sa.Column("opgeheven_door", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["aanbieder_id"],
            ["aanbieder.id"],
            name=op.f("fk_signalering_aanbieder_id_aanbieder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signalering")),
    )
    op.create_index(
        op.f("ix_signalering_aanbieder_id"), "signalering", ["aanbieder_id"], unique=False
    )
    op.create_index(
        "uq_signalering_open_indicator",
        "signalering",
        ["aanbieder_id", "segment_id", "indicator"],
        unique=True,
        postgresql_where=sa.text("opgeheven_at IS NULL AND indicator IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_signalering_open_indicator",
        table_name="signalering",
        postgresql_where=sa.text("opgeheven_at IS NULL AND indicator IS NOT NULL"),
    )
    op.drop_index(op.f("ix_signalering_aanbieder_id"), table_name="signalering")
    op.drop_table("signalering")
    op.drop_index(op.f("ix_toewijzing_feit_segment_id"), table_name="toewijzing_feit")
    op.drop_table("toewijzing_feit")
    op.drop_index(op.f("ix_resultaat_feit_aanbieder_agb"), table_name="resultaat_feit")
    op.drop_table("resultaat_feit")
    op.drop_table("prestatienorm")
    op.drop_index(op.f("ix_declaratieregel_feit_aanbieder_agb"), table_name="declaratieregel_feit")
    op.drop_table("declaratieregel_feit")
