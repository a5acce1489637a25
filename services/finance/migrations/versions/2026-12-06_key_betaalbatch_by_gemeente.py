"""key betaalbatch by aanbieder, gemeente and month

Revision ID: 2e9c4b61d0f3
Revises: 8d1f0c2b7a64
Create Date: 2026-12-06 05:11:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2e9c4b61d0f3"
down_revision: str | None = "8d1f0c2b7a64"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column(
        "betaalbatch", "gemeentecode", existing_type=sa.String(length=4), nullable=False
    )
    op.drop_constraint(op.f("uq_betaalbatch_aanbieder_agb"), "betaalbatch", type_="unique")
    op.create_unique_constraint(
        op.f("uq_betaalbatch_aanbieder_agb"),
        "betaalbatch",
        ["aanbieder_agb", "gemeentecode", "periode"],
    )


def downgrade() -> None:
    op.drop_constraint(op.f("uq_betaalbatch_aanbieder_agb"), "betaalbatch", type_="unique")
    op.create_unique_constraint(
        op.f("uq_betaalbatch_aanbieder_agb"), "betaalbatch", ["aanbieder_agb", "periode"]
    )
    op.alter_column("betaalbatch", "gemeentecode", existing_type=sa.String(length=4), nullable=True)
