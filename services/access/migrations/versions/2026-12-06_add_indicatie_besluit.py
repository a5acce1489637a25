"""add indicatie besluit and grond: a beschikking may refuse (part of) an aanvraag

Revision ID: 4e8a1c6d2b95
Revises: 7b3e9f2c5a81
Create Date: 2026-12-06 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4e8a1c6d2b95"
down_revision: str | None = "7b3e9f2c5a81"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "indicatie",
        sa.Column("besluit", sa.String(length=10), server_default="toegekend", nullable=False),
    )
    op.add_column("indicatie", sa.Column("grond", sa.String(length=2000), nullable=True))
    op.create_check_constraint(
        op.f("ck_indicatie_besluit"), "indicatie", "besluit IN ('toegekend', 'afgewezen')"
    )
    op.create_check_constraint(
        op.f("ck_indicatie_grond_bij_afwijzing"),
        "indicatie",
        "besluit <> 'afgewezen' OR grond IS NOT NULL",
    )
    op.drop_constraint(op.f("ck_indicatie_omvang_of_budget"), "indicatie", type_="check")
    op.create_check_constraint(
        op.f("ck_indicatie_omvang_of_budget"),
        "indicatie",
        "CASE WHEN besluit = 'afgewezen' "
        "THEN omvang_volume IS NULL AND budget_cents IS NULL "
        "ELSE (omvang_volume IS NULL) <> (budget_cents IS NULL) END",
    )


def downgrade() -> None:
    op.execute("DELETE FROM indicatie WHERE besluit = 'afgewezen'")
    op.drop_constraint(op.f("ck_indicatie_omvang_of_budget"), "indicatie", type_="check")
    op.create_check_constraint(
        op.f("ck_indicatie_omvang_of_budget"),
        "indicatie",
        "(omvang_volume IS NULL) <> (budget_cents IS NULL)",
    )
    op.drop_constraint(op.f("ck_indicatie_grond_bij_afwijzing"), "indicatie", type_="check")
    op.drop_constraint(op.f("ck_indicatie_besluit"), "indicatie", type_="check")
    op.drop_column("indicatie", "grond")
    op.drop_column("indicatie", "besluit")
