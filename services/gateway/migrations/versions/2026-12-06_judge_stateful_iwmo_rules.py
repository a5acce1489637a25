"""log starts, stops and answered verzoeken, a reused BerichtIdentificatie and transport keys

Revision ID: c7e425d62ceb
Revises: 9c1b5329824d
Create Date: 2026-12-06 04:42:53.978981
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c7e425d62ceb"
down_revision: str | None = "9c1b5329824d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "levering",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bericht_id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("soort", sa.String(length=5), nullable=False),
        sa.Column("toewijzingnummer", sa.BigInteger(), nullable=False),
        sa.Column("product_categorie", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=True),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("reden_beeindiging", sa.String(length=2), nullable=True),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("verwijderd_door", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bericht_id"], ["bericht.id"], name=op.f("fk_levering_bericht_id_bericht")
        ),
        sa.ForeignKeyConstraint(
            ["verwijderd_door"], ["bericht.id"], name=op.f("fk_levering_verwijderd_door_bericht")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_levering")),
    )
    op.create_index(op.f("ix_levering_bericht_id"), "levering", ["bericht_id"], unique=False)
    op.create_index(
        "ix_levering_toewijzing",
        "levering",
        ["gemeentecode", "toewijzingnummer", "client_pseudonym"],
        unique=False,
    )
    op.create_table(
        "transportsleutel",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("sleutel", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("bericht_id", sa.Uuid(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("antwoord", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bericht_id"], ["bericht.id"], name=op.f("fk_transportsleutel_bericht_id_bericht")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transportsleutel")),
        sa.UniqueConstraint(
            "aanbieder_agb", "sleutel", name=op.f("uq_transportsleutel_aanbieder_agb")
        ),
    )
    op.create_index(
        op.f("ix_transportsleutel_bericht_id"), "transportsleutel", ["bericht_id"], unique=False
    )
    # Verzoeken received so far count as unanswered until access answers them.
    op.add_column(
        "bericht",
        sa.Column(
            "beantwoorde_referenties",
            postgresql.ARRAY(sa.String(length=36)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.drop_constraint(op.f("uq_bericht_aanbieder_agb"), "bericht", type_="unique")
    op.create_index(
        "ix_bericht_client_pseudonyms",
        "bericht",
        ["client_pseudonyms"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "uq_bericht_berichtsleutel",
        "bericht",
        ["aanbieder_agb", "berichtsoort", "berichtidentificatie"],
        unique=True,
        postgresql_where=sa.text("status <> 'dubbel'"),
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_transportsleutel_bericht_id"), table_name="transportsleutel")
    op.drop_table("transportsleutel")
    op.drop_index("ix_levering_toewijzing", table_name="levering")
    op.drop_index(op.f("ix_levering_bericht_id"), table_name="levering")
    op.drop_table("levering")
    op.drop_index("uq_bericht_berichtsleutel", table_name="bericht")
    op.drop_index("ix_bericht_client_pseudonyms", table_name="bericht")
    # A reused BerichtIdentificatie cannot live under the old key: its log rows go.
    op.execute(
        "DELETE FROM uitgaand_bericht WHERE bericht_id IN "
        "(SELECT id FROM bericht WHERE status = 'dubbel')"
    )
    op.execute("DELETE FROM bericht WHERE status = 'dubbel'")
    op.create_unique_constraint(
        op.f("uq_bericht_aanbieder_agb"),
        "bericht",
        ["aanbieder_agb", "berichtsoort", "berichtidentificatie"],
    )
    op.drop_column("bericht", "beantwoorde_referenties")
