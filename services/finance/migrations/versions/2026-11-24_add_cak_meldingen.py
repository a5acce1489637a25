"""Add cak meldingen: eigen-bijdrage products, reported care, contribution periods, notices

Revision ID: 7b64f5ed9523
Revises: 432096ebaf4f
Create Date: 2026-11-24 08:11:46.506192
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "7b64f5ed9523"
down_revision: str | None = "432096ebaf4f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "eigen_bijdrage_periode",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("stopdatum", sa.Date(), nullable=True),
        sa.Column("is_ingetrokken", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eigen_bijdrage_periode")),
    )
    op.create_index(
        "ix_eigen_bijdrage_periode_client",
        "eigen_bijdrage_periode",
        ["client_pseudonym", "gemeentecode"],
        unique=False,
    )
    op.create_table(
        "eigen_bijdrage_product",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eigen_bijdrage_product")),
        sa.UniqueConstraint(
            "categorie",
            "code",
            name=op.f("uq_eigen_bijdrage_product_categorie"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "zorgperiode",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("aanbieder_agb", sa.String(length=8), nullable=False),
        sa.Column("toewijzingnummer", sa.String(length=8), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("categorie", sa.String(length=2), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=True),
        sa.Column("begindatum", sa.Date(), nullable=False),
        sa.Column("einddatum", sa.Date(), nullable=True),
        sa.Column("is_verwijderd", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zorgperiode")),
        sa.UniqueConstraint(
            "gemeentecode",
            "aanbieder_agb",
            "toewijzingnummer",
            "begindatum",
            "einddatum",
            name=op.f("uq_zorgperiode_gemeentecode"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(
        "ix_zorgperiode_client", "zorgperiode", ["client_pseudonym", "gemeentecode"], unique=False
    )
    op.create_table(
        "cak_melding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("periode_id", sa.Uuid(), nullable=False),
        sa.Column("client_pseudonym", sa.String(length=64), nullable=False),
        sa.Column("gemeentecode", sa.String(length=4), nullable=False),
        sa.Column("berichtcode", sa.String(length=3), nullable=False),
        sa.Column("aanleiding", sa.String(length=20), nullable=False),
        sa.Column("startdatum", sa.Date(), nullable=False),
        sa.Column("stopdatum", sa.Date(), nullable=True),
        sa.Column("uiterste_verzenddatum", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("verzonden_op", sa.Date(), nullable=True),
        sa.Column("antwoord_berichtcode", sa.String(length=3), nullable=True),
        sa.Column("retourcodes", postgresql.ARRAY(sa.String(length=4)), nullable=False),
        sa.Column("beantwoord_op", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["periode_id"],
            ["eigen_bijdrage_periode.id"],
            name=op.f("fk_cak_melding_periode_id_eigen_bijdrage_periode"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cak_melding")),
    )
    op.create_index(op.f("ix_cak_melding_periode_id"), "cak_melding", ["periode_id"], unique=False)
    op.create_index(
        "ix_cak_melding_status", "cak_melding", ["status", "uiterste_verzenddatum"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_cak_melding_status", table_name="cak_melding")
    op.drop_index(op.f("ix_cak_melding_periode_id"), table_name="cak_melding")
    op.drop_table("cak_melding")
    op.drop_index("ix_zorgperiode_client", table_name="zorgperiode")
    op.drop_table("zorgperiode")
    op.drop_table("eigen_bijdrage_product")
    op.drop_index("ix_eigen_bijdrage_periode_client", table_name="eigen_bijdrage_periode")
    op.drop_table("eigen_bijdrage_periode")
