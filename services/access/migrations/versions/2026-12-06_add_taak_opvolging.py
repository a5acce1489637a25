"""add taken that follow from decisions, and their closing

Revision ID: 7b3e9f2c5a81
Revises: 2f9c6b1e8d47
Create Date: 2026-12-06 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b3e9f2c5a81"
down_revision: str | None = "2f9c6b1e8d47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOORTEN = (
    "'herindicatie', 'verzoek', 'evaluatie', 'uitleg-resultaat', 'overgang-toewijzing', "
    "'overgang-pgb'"
)


def upgrade() -> None:
    op.drop_constraint(op.f("ck_taak_soort"), "taak", type_="check")
    op.create_check_constraint(op.f("ck_taak_soort"), "taak", f"soort IN ({SOORTEN})")
    op.add_column("taak", sa.Column("ondersteuningsplan_id", sa.Uuid(), nullable=True))
    op.add_column("taak", sa.Column("resultaat_id", sa.Uuid(), nullable=True))
    op.add_column("taak", sa.Column("overgangsdossier_id", sa.Uuid(), nullable=True))
    op.add_column("taak", sa.Column("omschrijving", sa.String(length=1000), nullable=True))
    op.add_column("taak", sa.Column("aanbieder_agb", sa.String(length=8), nullable=True))
    op.add_column("taak", sa.Column("afgerond_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("taak", sa.Column("afgerond_door", sa.String(length=200), nullable=True))
    op.add_column("taak", sa.Column("afrondingstoelichting", sa.String(length=1000), nullable=True))
    op.create_foreign_key(
        op.f("fk_taak_ondersteuningsplan_id_ondersteuningsplan"),
        "taak",
        "ondersteuningsplan",
        ["ondersteuningsplan_id"],
        ["id"],
    )
    op.create_foreign_key(
        op.f("fk_taak_resultaat_id_resultaat"), "taak", "resultaat", ["resultaat_id"], ["id"]
    )
    op.create_foreign_key(
        op.f("fk_taak_overgangsdossier_id_overgangsdossier"),
        "taak",
        "overgangsdossier",
        ["overgangsdossier_id"],
        ["id"],
    )
    op.create_index(
        "uq_taak_evaluatie",
        "taak",
        ["ondersteuningsplan_id", "deadline_date"],
        unique=True,
        postgresql_where=sa.text("soort = 'evaluatie'"),
    )
    op.create_index(
        "uq_taak_uitleg_resultaat",
        "taak",
        ["resultaat_id"],
        unique=True,
        postgresql_where=sa.text("soort = 'uitleg-resultaat'"),
    )
    op.create_index(
        "uq_taak_overgangsdossier",
        "taak",
        ["overgangsdossier_id"],
        unique=True,
        postgresql_where=sa.text("overgangsdossier_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_taak_overgangsdossier", table_name="taak")
    op.drop_index("uq_taak_uitleg_resultaat", table_name="taak")
    op.drop_index("uq_taak_evaluatie", table_name="taak")
    op.drop_constraint(
        op.f("fk_taak_overgangsdossier_id_overgangsdossier"), "taak", type_="foreignkey"
    )
    op.drop_constraint(op.f("fk_taak_resultaat_id_resultaat"), "taak", type_="foreignkey")
    op.drop_constraint(
        op.f("fk_taak_ondersteuningsplan_id_ondersteuningsplan"), "taak", type_="foreignkey"
    )
    for column in (
        "afrondingstoelichting",
        "afgerond_door",
        "afgerond_at",
        "aanbieder_agb",
        "omschrijving",
        "overgangsdossier_id",
        "resultaat_id",
        "ondersteuningsplan_id",
    ):
        op.drop_column("taak", column)
    op.execute("DELETE FROM taak WHERE soort NOT IN ('herindicatie', 'verzoek')")
    op.drop_constraint(op.f("ck_taak_soort"), "taak", type_="check")
    op.create_check_constraint(
        op.f("ck_taak_soort"), "taak", "soort IN ('herindicatie', 'verzoek')"
    )
