"""add bericht log, toewijzing read model and outbox deadlines

Revision ID: c0f0ab30757c
Revises: 0f9929882861
Create Date: 2026-11-24 07:45:29.027534
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c0f0ab30757c"
down_revision: str | None = "0f9929882861"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("uitgaand_bericht_nummer_seq")))
    op.create_table(
        "bericht",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("berichtsoort", sa.String(length=6), nullable=False),
        sa.Column("berichtidentificatie", sa.String(length=12), nullable=False),
        sa.Column("dagtekening", sa.Date(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("xml", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("findings", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("retour_xml", sa.Text(), nullable=True),
        sa.Column("toewijzingnummers", postgresql.ARRAY(sa.String(length=10)), nullable=False),
        sa.Column("client_pseudonyms", postgresql.ARRAY(sa.String(length=64)), nullable=False),
        sa.Column("referenties", postgresql.ARRAY(sa.String(length=36)), nullable=False),
        sa.Column("fout", sa.String(length=200), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("antwoord_deadline", sa.Date(), nullable=True),
        sa.Column("beantwoord_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bericht")),
        sa.UniqueConstraint(
            "aanbieder_agb",
            "berichtsoort",
            "berichtidentificatie",
            name=op.f("uq_bericht_aanbieder_agb"),
        ),
    )
    op.create_index(op.f("ix_bericht_aanbieder_agb"), "bericht", ["aanbieder_agb"], unique=False)
    op.create_index(
        op.f("ix_bericht_berichtidentificatie"), "bericht", ["berichtidentificatie"], unique=False
    )
    op.create_index(op.f("ix_bericht_berichtsoort"), "bericht", ["berichtsoort"], unique=False)
    op.create_index(op.f("ix_bericht_received_at"), "bericht", ["received_at"], unique=False)
    op.create_index(op.f("ix_bericht_status"), "bericht", ["status"], unique=False)
    op.create_index(
        "ix_bericht_toewijzingnummers",
        "bericht",
        ["toewijzingnummers"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_table(
        "toewijzing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("nummer", sa.BigInteger(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("omvang_volume", sa.BigInteger(), nullable=True),
        sa.Column("omvang_eenheid", sa.String(length=2), nullable=True),
        sa.Column("omvang_frequentie", sa.String(length=1), nullable=True),
        sa.Column("budget_cents", sa.BigInteger(), nullable=True),
        sa.Column("toewijzingsdatum", sa.Date(), nullable=False),
        sa.Column("toewijzingstijd", sa.Time(), nullable=False),
        sa.Column("reden_wijziging", sa.String(length=2), nullable=True),
        sa.Column("version_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing")),
        sa.UniqueConstraint("gemeentecode", "nummer", name=op.f("uq_toewijzing_gemeentecode")),
    )
    op.create_index(
        op.f("ix_toewijzing_aanbieder_agb"), "toewijzing", ["aanbieder_agb"], unique=False
    )
    op.create_index(
        op.f("ix_toewijzing_client_pseudonym"), "toewijzing", ["client_pseudonym"], unique=False
    )
    op.add_column("uitgaand_bericht", sa.Column("bericht_id", sa.Uuid(), nullable=True))
    # Messages already in an outbox name no client or toewijzing: they get empty lists.
    op.add_column(
        "uitgaand_bericht",
        sa.Column(
            "client_pseudonyms",
            postgresql.ARRAY(sa.String(length=64)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.add_column(
        "uitgaand_bericht",
        sa.Column(
            "toewijzingnummers",
            postgresql.ARRAY(sa.String(length=10)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.add_column("uitgaand_bericht", sa.Column("referentie", sa.String(length=36), nullable=True))
    op.add_column("uitgaand_bericht", sa.Column("retour_deadline", sa.Date(), nullable=True))
    op.add_column(
        "uitgaand_bericht",
        sa.Column("retour_ontvangen_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "uitgaand_bericht",
        sa.Column("retour_codes", postgresql.ARRAY(sa.String(length=4)), nullable=True),
    )
    op.create_index(
        op.f("ix_uitgaand_bericht_bericht_id"), "uitgaand_bericht", ["bericht_id"], unique=False
    )
    op.create_index(
        op.f("ix_uitgaand_bericht_retour_deadline"),
        "uitgaand_bericht",
        ["retour_deadline"],
        unique=False,
    )
    op.create_foreign_key(
        op.f("fk_uitgaand_bericht_bericht_id_bericht"),
        "uitgaand_bericht",
        "bericht",
        ["bericht_id"],
        ["id"],
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_uitgaand_bericht_bericht_id_bericht"), "uitgaand_bericht", type_="foreignkey"
    )
    op.drop_index(op.f("ix_uitgaand_bericht_retour_deadline"), table_name="uitgaand_bericht")
    op.drop_index(op.f("ix_uitgaand_bericht_bericht_id"), table_name="uitgaand_bericht")
    op.drop_column("uitgaand_bericht", "retour_codes")
    op.drop_column("uitgaand_bericht", "retour_ontvangen_at")
    op.drop_column("uitgaand_bericht", "retour_deadline")
    op.drop_column("uitgaand_bericht", "referentie")
    op.drop_column("uitgaand_bericht", "toewijzingnummers")
    op.drop_column("uitgaand_bericht", "client_pseudonyms")
    op.drop_column("uitgaand_bericht", "bericht_id")
    op.drop_index(op.f("ix_toewijzing_client_pseudonym"), table_name="toewijzing")
    op.drop_index(op.f("ix_toewijzing_aanbieder_agb"), table_name="toewijzing")
    op.drop_table("toewijzing")
    op.drop_index("ix_bericht_toewijzingnummers", table_name="bericht", postgresql_using="gin")
    op.drop_index(op.f("ix_bericht_status"), table_name="bericht")
    op.drop_index(op.f("ix_bericht_received_at"), table_name="bericht")
    op.drop_index(op.f("ix_bericht_berichtsoort"), table_name="bericht")
    op.drop_index(op.f("ix_bericht_berichtidentificatie"), table_name="bericht")
    op.drop_index(op.f("ix_bericht_aanbieder_agb"), table_name="bericht")
    op.drop_table("bericht")
    op.execute(sa.schema.DropSequence(sa.Sequence("uitgaand_bericht_nummer_seq")))
