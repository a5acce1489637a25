"""add the toegang process, toewijzingen and read models

Revision ID: 1232eaab6949
Revises: 758c14f0d6b4
Create Date: 2026-11-24 07:50:08.935651
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "1232eaab6949"
down_revision: str | None = "758c14f0d6b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("beschikkingnummer_seq")))
    op.execute(
        sa.schema.CreateSequence(
            sa.Sequence("toewijzingnummer_seq", minvalue=1, maxvalue=99_999_999)
        )
    )
    op.create_table(
        "aanbieder",
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("aanbieder_id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("capaciteit", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("version_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("agb", name=op.f("pk_aanbieder")),
    )
    op.create_table(
        "contract",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contractnummer", sa.String(length=100), nullable=True),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("aanbieder_agbs", postgresql.ARRAY(sa.String(length=8)), nullable=False),
        sa.Column("partijen", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("gebieden", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("producten", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("ingangsdatum", sa.Date(), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("beeindigd_per", sa.Date(), nullable=True),
        sa.Column("version_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
    )
    op.create_index(
        "ix_contract_aanbieder_agbs",
        "contract",
        ["aanbieder_agbs"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_table(
        "segment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("bekostigingsmodel", sa.String(length=20), nullable=False),
        sa.Column("max_indicatie_maanden", sa.Integer(), nullable=True),
        sa.Column("is_individuele_beschikking", sa.Boolean(), nullable=False),
        sa.Column("herindicatie_doorlooptijd_dagen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment")),
    )
    op.create_table(
        "signalering",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agb", sa.String(length=8), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("reden", sa.String(length=500), nullable=True),
        sa.Column("is_blokkerend", sa.Boolean(), nullable=False),
        sa.Column("is_opgeheven", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signalering")),
    )
    op.create_index(op.f("ix_signalering_agb"), "signalering", ["agb"], unique=False)
    op.create_table(
        "melding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("meldingsdatum", sa.Date(), nullable=False),
        sa.Column("termijn_date", sa.Date(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_melding_client_id_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_melding")),
    )
    op.create_index(op.f("ix_melding_client_id"), "melding", ["client_id"], unique=False)
    op.create_index(op.f("ix_melding_gemeentecode"), "melding", ["gemeentecode"], unique=False)
    op.create_table(
        "verzoek",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bericht_id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("referentie", sa.String(length=36), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("producten", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("ontvangen_date", sa.Date(), nullable=False),
        sa.Column("deadline_date", sa.Date(), nullable=False),
        sa.Column("is_in_onderzoek", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=15), nullable=False),
        sa.Column("reden_afwijzing", sa.String(length=2), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("soort IN ('toewijzing', 'wijziging')", name=op.f("ck_verzoek_soort")),
        sa.CheckConstraint(
            "status IN ('in-behandeling', 'toegekend', 'afgewezen')", name=op.f("ck_verzoek_status")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_verzoek_client_id_client")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verzoek")),
        sa.UniqueConstraint("aanbieder_agb", "referentie", name=op.f("uq_verzoek_aanbieder_agb")),
    )
    op.create_index(op.f("ix_verzoek_aanbieder_agb"), "verzoek", ["aanbieder_agb"], unique=False)
    op.create_index(op.f("ix_verzoek_client_id"), "verzoek", ["client_id"], unique=False)
    op.create_table(
        "onderzoek",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("persoonlijk_plan", sa.Text(), nullable=True),
        sa.Column("persoonlijk_plan_ontvangen_date", sa.Date(), nullable=True),
        sa.Column("eigen_netwerk", sa.Text(), nullable=True),
        sa.Column("algemene_voorzieningen", sa.Text(), nullable=True),
        sa.Column("conclusie", sa.Text(), nullable=True),
        sa.Column("afgerond_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"], ["melding.id"], name=op.f("fk_onderzoek_melding_id_melding")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_onderzoek")),
        sa.UniqueConstraint("melding_id", name=op.f("uq_onderzoek_melding_id")),
    )
    op.create_table(
        "ondersteuningsplan",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("onderzoek_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("vastgesteld_date", sa.Date(), nullable=False),
        sa.Column("evaluatiemomenten", postgresql.ARRAY(sa.Date()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_ondersteuningsplan_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["onderzoek_id"],
            ["onderzoek.id"],
            name=op.f("fk_ondersteuningsplan_onderzoek_id_onderzoek"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ondersteuningsplan")),
    )
    op.create_index(
        op.f("ix_ondersteuningsplan_client_id"), "ondersteuningsplan", ["client_id"], unique=False
    )
    op.create_index(
        op.f("ix_ondersteuningsplan_onderzoek_id"),
        "ondersteuningsplan",
        ["onderzoek_id"],
        unique=False,
    )
    op.create_table(
        "aanvraag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("ondersteuningsplan_id", sa.Uuid(), nullable=True),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("aanvraagdatum", sa.Date(), nullable=False),
        sa.Column("termijn_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_aanvraag_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["ondersteuningsplan_id"],
            ["ondersteuningsplan.id"],
            name=op.f("fk_aanvraag_ondersteuningsplan_id_ondersteuningsplan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aanvraag")),
    )
    op.create_index(op.f("ix_aanvraag_client_id"), "aanvraag", ["client_id"], unique=False)
    op.create_index(op.f("ix_aanvraag_gemeentecode"), "aanvraag", ["gemeentecode"], unique=False)
    op.create_table(
        "resultaat",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ondersteuningsplan_id", sa.Uuid(), nullable=False),
        sa.Column("omschrijving", sa.Text(), nullable=False),
        sa.Column("meetcriterium", sa.Text(), nullable=False),
        sa.Column("streefdatum", sa.Date(), nullable=False),
        sa.Column("is_behaald", sa.Boolean(), nullable=True),
        sa.Column("geevalueerd_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ondersteuningsplan_id"],
            ["ondersteuningsplan.id"],
            name=op.f("fk_resultaat_ondersteuningsplan_id_ondersteuningsplan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resultaat")),
    )
    op.create_index(
        op.f("ix_resultaat_ondersteuningsplan_id"),
        "resultaat",
        ["ondersteuningsplan_id"],
        unique=False,
    )
    op.create_table(
        "beschikking",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("beschikkingnummer", sa.String(length=20), nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("afgifte_date", sa.Date(), nullable=True),
        sa.Column("vervangt_id", sa.Uuid(), nullable=True),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('concept', 'afgegeven', 'vervangen')", name=op.f("ck_beschikking_status")
        ),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["aanvraag.id"], name=op.f("fk_beschikking_aanvraag_id_aanvraag")
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_beschikking_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["vervangt_id"], ["beschikking.id"], name=op.f("fk_beschikking_vervangt_id_beschikking")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beschikking")),
        sa.UniqueConstraint("beschikkingnummer", name=op.f("uq_beschikking_beschikkingnummer")),
    )
    op.create_index(
        op.f("ix_beschikking_aanvraag_id"), "beschikking", ["aanvraag_id"], unique=False
    )
    op.create_index(op.f("ix_beschikking_client_id"), "beschikking", ["client_id"], unique=False)
    op.create_table(
        "indicatie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("beschikking_id", sa.Uuid(), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("intensiteit", sa.String(length=20), nullable=True),
        sa.Column("omvang_volume", sa.BigInteger(), nullable=True),
        sa.Column("omvang_eenheid", sa.String(length=2), nullable=True),
        sa.Column("omvang_frequentie", sa.String(length=1), nullable=True),
        sa.Column("budget_cents", sa.BigInteger(), nullable=True),
        sa.Column("ingangsdatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("leveringsvorm", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "leveringsvorm IN ('zin', 'pgb')", name=op.f("ck_indicatie_leveringsvorm")
        ),
        sa.CheckConstraint(
            "(omvang_volume IS NULL) <> (budget_cents IS NULL)",
            name=op.f("ck_indicatie_omvang_of_budget"),
        ),
        sa.CheckConstraint(
            "einddatum IS NULL OR einddatum >= ingangsdatum", name=op.f("ck_indicatie_periode")
        ),
        sa.ForeignKeyConstraint(
            ["beschikking_id"],
            ["beschikking.id"],
            name=op.f("fk_indicatie_beschikking_id_beschikking"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicatie")),
    )
    op.create_index(
        op.f("ix_indicatie_beschikking_id"), "indicatie", ["beschikking_id"], unique=False
    )
    op.create_index(op.f("ix_indicatie_einddatum"), "indicatie", ["einddatum"], unique=False)
    op.create_table(
        "indicatiesignaal",
        sa.Column("indicatie_id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "soort IN ('verloopt', 'verlopen')", name=op.f("ck_indicatiesignaal_soort")
        ),
        sa.ForeignKeyConstraint(
            ["indicatie_id"],
            ["indicatie.id"],
            name=op.f("fk_indicatiesignaal_indicatie_id_indicatie"),
        ),
        sa.PrimaryKeyConstraint("indicatie_id", "soort", name=op.f("pk_indicatiesignaal")),
    )
    op.create_table(
        "taak",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("indicatie_id", sa.Uuid(), nullable=True),
        sa.Column("verzoek_id", sa.Uuid(), nullable=True),
        sa.Column("deadline_date", sa.Date(), nullable=False),
        sa.Column("is_afgehandeld", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("soort IN ('herindicatie', 'verzoek')", name=op.f("ck_taak_soort")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_taak_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["indicatie_id"], ["indicatie.id"], name=op.f("fk_taak_indicatie_id_indicatie")
        ),
        sa.ForeignKeyConstraint(
            ["verzoek_id"], ["verzoek.id"], name=op.f("fk_taak_verzoek_id_verzoek")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taak")),
    )
    op.create_index(op.f("ix_taak_gemeentecode"), "taak", ["gemeentecode"], unique=False)
    op.create_index(
        "uq_taak_herindicatie",
        "taak",
        ["indicatie_id"],
        unique=True,
        postgresql_where=sa.text("soort = 'herindicatie'"),
    )
    op.create_index(
        "uq_taak_verzoek",
        "taak",
        ["verzoek_id"],
        unique=True,
        postgresql_where=sa.text("soort = 'verzoek'"),
    )
    op.create_table(
        "toewijzing",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("indicatie_id", sa.Uuid(), nullable=False),
        sa.Column("beschikking_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("verzoek_id", sa.Uuid(), nullable=True),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("gebied", sa.String(length=100), nullable=True),
        sa.Column("segment_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
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
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("leveringsstatus", sa.String(length=12), nullable=False),
        sa.Column("zorg_begindatum", sa.Date(), nullable=True),
        sa.Column("zorg_einddatum", sa.Date(), nullable=True),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "leveringsstatus IN ('niet-gestart', 'gestart', 'gestopt')",
            name=op.f("ck_toewijzing_leveringsstatus"),
        ),
        sa.CheckConstraint("status IN ('actief', 'beeindigd')", name=op.f("ck_toewijzing_status")),
        sa.CheckConstraint(
            "einddatum IS NULL OR einddatum >= ingangsdatum", name=op.f("ck_toewijzing_periode")
        ),
        sa.ForeignKeyConstraint(
            ["beschikking_id"],
            ["beschikking.id"],
            name=op.f("fk_toewijzing_beschikking_id_beschikking"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["client.id"], name=op.f("fk_toewijzing_client_id_client")
        ),
        sa.ForeignKeyConstraint(
            ["indicatie_id"], ["indicatie.id"], name=op.f("fk_toewijzing_indicatie_id_indicatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toewijzing")),
        sa.UniqueConstraint("toewijzingnummer", name=op.f("uq_toewijzing_toewijzingnummer")),
    )
    op.create_index(
        op.f("ix_toewijzing_aanbieder_agb"), "toewijzing", ["aanbieder_agb"], unique=False
    )
    op.create_index(op.f("ix_toewijzing_client_id"), "toewijzing", ["client_id"], unique=False)
    op.create_index(
        op.f("ix_toewijzing_indicatie_id"), "toewijzing", ["indicatie_id"], unique=False
    )
    op.create_index(
        "uq_toewijzing_indicatie_actief",
        "toewijzing",
        ["indicatie_id"],
        unique=True,
        postgresql_where=sa.text("status = 'actief'"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_toewijzing_indicatie_actief",
        table_name="toewijzing",
        postgresql_where=sa.text("status = 'actief'"),
    )
    op.drop_index(op.f("ix_toewijzing_indicatie_id"), table_name="toewijzing")
    op.drop_index(op.f("ix_toewijzing_client_id"), table_name="toewijzing")
    op.drop_index(op.f("ix_toewijzing_aanbieder_agb"), table_name="toewijzing")
    op.drop_table("toewijzing")
    op.drop_index(
        "uq_taak_verzoek", table_name="taak", postgresql_where=sa.text("soort = 'verzoek'")
    )
    op.drop_index(
        "uq_taak_herindicatie",
        table_name="taak",
        postgresql_where=sa.text("soort = 'herindicatie'"),
    )
    op.drop_index(op.f("ix_taak_gemeentecode"), table_name="taak")
    op.drop_table("taak")
    op.drop_table("indicatiesignaal")
    op.drop_index(op.f("ix_indicatie_einddatum"), table_name="indicatie")
    op.drop_index(op.f("ix_indicatie_beschikking_id"), table_name="indicatie")
    op.drop_table("indicatie")
    op.drop_index(op.f("ix_beschikking_client_id"), table_name="beschikking")
    op.drop_index(op.f("ix_beschikking_aanvraag_id"), table_name="beschikking")
    op.drop_table("beschikking")
    op.drop_index(op.f("ix_resultaat_ondersteuningsplan_id"), table_name="resultaat")
    op.drop_table("resultaat")
    op.drop_index(op.f("ix_aanvraag_gemeentecode"), table_name="aanvraag")
    op.drop_index(op.f("ix_aanvraag_client_id"), table_name="aanvraag")
    op.drop_table("aanvraag")
    op.drop_index(op.f("ix_ondersteuningsplan_onderzoek_id"), table_name="ondersteuningsplan")
    op.drop_index(op.f("ix_ondersteuningsplan_client_id"), table_name="ondersteuningsplan")
    op.drop_table("ondersteuningsplan")
    op.drop_table("onderzoek")
    op.drop_index(op.f("ix_verzoek_client_id"), table_name="verzoek")
    op.drop_index(op.f("ix_verzoek_aanbieder_agb"), table_name="verzoek")
    op.drop_table("verzoek")
    op.drop_index(op.f("ix_melding_gemeentecode"), table_name="melding")
    op.drop_index(op.f("ix_melding_client_id"), table_name="melding")
    op.drop_table("melding")
    op.drop_index(op.f("ix_signalering_agb"), table_name="signalering")
    op.drop_table("signalering")
    op.drop_table("segment")
    op.drop_index("ix_contract_aanbieder_agbs", table_name="contract", postgresql_using="gin")
    op.drop_table("contract")
    op.drop_table("aanbieder")
    op.execute(sa.schema.DropSequence(sa.Sequence("toewijzingnummer_seq")))
    op.execute(sa.schema.DropSequence(sa.Sequence("beschikkingnummer_seq")))
