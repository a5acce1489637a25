"""add money per financing model and per gemeente

Revision ID: 5ffb5a88f9e1
Revises: 3429ed686d3e
Create Date: 2026-12-06 04:57:32.132330
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5ffb5a88f9e1"
down_revision: str | None = "3429ed686d3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicatie",
        sa.Column("indicatie_id", sa.Uuid(), nullable=False),
        sa.Column("beschikking_id", sa.Uuid(), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("intensiteit", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("indicatie_id", name=op.f("pk_indicatie")),
    )
    op.create_index(
        "ix_indicatie_beschikking_product",
        "indicatie",
        ["beschikking_id", "categorie"],
        unique=False,
    )
    op.create_table(
        "outputbetaling",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("verplichting_id", sa.Uuid(), nullable=False),
        sa.Column("toewijzing_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("segment_id", sa.Uuid(), nullable=True),
        sa.Column("soort", sa.String(length=10), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.Column("betaalbaar_op", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("soort IN ('start', 'resultaat')", name=op.f("ck_outputbetaling_soort")),
        sa.CheckConstraint(
            "bedrag_cents >= 0", name=op.f("ck_outputbetaling_bedrag_cents_niet_negatief")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outputbetaling")),
        sa.UniqueConstraint("toewijzing_id", "soort", name=op.f("uq_outputbetaling_toewijzing_id")),
    )
    op.create_index(
        op.f("ix_outputbetaling_verplichting_id"),
        "outputbetaling",
        ["verplichting_id"],
        unique=False,
    )
    op.create_table(
        "zorgstart",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("is_verwijderd", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zorgstart")),
        sa.UniqueConstraint(
            "gemeentecode",
            "aanbieder_agb",
            "toewijzingnummer",
            "begindatum",
            name=op.f("uq_zorgstart_gemeentecode"),
        ),
    )
    op.create_table(
        "verplichtingjaar",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("verplichting_id", sa.Uuid(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("bedrag_cents", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["verplichting_id"],
            ["verplichting.id"],
            name=op.f("fk_verplichtingjaar_verplichting_id_verplichting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verplichtingjaar")),
        sa.UniqueConstraint(
            "verplichting_id", "jaar", name=op.f("uq_verplichtingjaar_verplichting_id")
        ),
    )
    op.create_index(op.f("ix_verplichtingjaar_jaar"), "verplichtingjaar", ["jaar"], unique=False)
    # Filled from the declaraties by the next revision, then required.
    op.add_column("betaalbatch", sa.Column("gemeentecode", sa.String(length=4), nullable=True))
    op.add_column(
        "betaalbatch",
        sa.Column("outputbetalingen_cents", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.add_column("budget", sa.Column("gemeentecode", sa.String(length=4), nullable=True))
    op.drop_constraint(op.f("uq_budget_jaar"), "budget", type_="unique")
    op.create_unique_constraint(
        op.f("uq_budget_jaar"),
        "budget",
        ["jaar", "segment_naam", "gebied", "gemeentecode"],
        postgresql_nulls_not_distinct=True,
    )
    op.add_column(
        "contract",
        sa.Column(
            "partijen", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False
        ),
    )
    op.add_column(
        "contract",
        sa.Column(
            "producten",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )
    op.add_column("contract", sa.Column("taakbudget_cents", sa.BigInteger(), nullable=True))
    op.add_column(
        "contract",
        sa.Column(
            "verdeelsleutel",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )
    op.create_index(
        "ix_contract_partijen", "contract", ["partijen"], unique=False, postgresql_using="gin"
    )
    op.add_column("contract_tarief", sa.Column("intensiteit", sa.String(length=10), nullable=True))
    op.add_column("lumpsumtermijn", sa.Column("gemeentecode", sa.String(length=4), nullable=True))
    op.alter_column("lumpsumtermijn", "gebied", existing_type=sa.VARCHAR(length=100), nullable=True)
    op.drop_constraint(op.f("uq_lumpsumtermijn_contract_id"), "lumpsumtermijn", type_="unique")
    op.create_unique_constraint(
        op.f("uq_lumpsumtermijn_contract_id"),
        "lumpsumtermijn",
        ["contract_id", "gebied", "jaar", "volgnummer", "gemeentecode"],
        postgresql_nulls_not_distinct=True,
    )
    op.create_index(
        op.f("ix_lumpsumtermijn_gemeentecode"), "lumpsumtermijn", ["gemeentecode"], unique=False
    )
    # A result evaluated for several toewijzingen is kept once per toewijzing.
    op.drop_constraint(op.f("pk_resultaatevaluatie"), "resultaatevaluatie", type_="primary")
    op.create_primary_key(
        op.f("pk_resultaatevaluatie"), "resultaatevaluatie", ["resultaat_id", "toewijzing_id"]
    )
    op.add_column("verplichting", sa.Column("gemeentecode", sa.String(length=4), nullable=True))
    op.add_column("verplichting", sa.Column("intensiteit", sa.String(length=10), nullable=True))
    op.add_column(
        "verplichting",
        sa.Column("betaalbaar_cents", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.create_index(
        op.f("ix_verplichting_gemeentecode"), "verplichting", ["gemeentecode"], unique=False
    )


def downgrade() -> None:
    op.drop_constraint(op.f("pk_resultaatevaluatie"), "resultaatevaluatie", type_="primary")
    op.create_primary_key(op.f("pk_resultaatevaluatie"), "resultaatevaluatie", ["resultaat_id"])
    op.drop_index(op.f("ix_verplichting_gemeentecode"), table_name="verplichting")
    op.drop_column("verplichting", "betaalbaar_cents")
    op.drop_column("verplichting", "intensiteit")
    op.drop_column("verplichting", "gemeentecode")
    op.drop_index(op.f("ix_lumpsumtermijn_gemeentecode"), table_name="lumpsumtermijn")
    op.drop_constraint(op.f("uq_lumpsumtermijn_contract_id"), "lumpsumtermijn", type_="unique")
    op.create_unique_constraint(
        op.f("uq_lumpsumtermijn_contract_id"),
        "lumpsumtermijn",
        ["contract_id", "gebied", "jaar", "volgnummer"],
    )
    op.alter_column(
        "lumpsumtermijn", "gebied", existing_type=sa.VARCHAR(length=100), nullable=False
    )
    op.drop_column("lumpsumtermijn", "gemeentecode")
    op.drop_column("contract_tarief", "intensiteit")
    op.drop_index("ix_contract_partijen", table_name="contract", postgresql_using="gin")
    op.drop_column("contract", "verdeelsleutel")
    op.drop_column("contract", "taakbudget_cents")
    op.drop_column("contract", "producten")
    op.drop_column("contract", "partijen")
    op.drop_constraint(op.f("uq_budget_jaar"), "budget", type_="unique")
    op.create_unique_constraint(
        op.f("uq_budget_jaar"),
        "budget",
        ["jaar", "segment_naam", "gebied"],
        postgresql_nulls_not_distinct=True,
    )
    op.drop_column("budget", "gemeentecode")
    op.drop_column("betaalbatch", "outputbetalingen_cents")
    op.drop_column("betaalbatch", "gemeentecode")
    op.drop_index(op.f("ix_verplichtingjaar_jaar"), table_name="verplichtingjaar")
    op.drop_table("verplichtingjaar")
    op.drop_index(op.f("ix_outputbetaling_verplichting_id"), table_name="outputbetaling")
    op.drop_table("outputbetaling")
    op.drop_table("zorgstart")
    op.drop_index("ix_indicatie_beschikking_product", table_name="indicatie")
    op.drop_table("indicatie")
