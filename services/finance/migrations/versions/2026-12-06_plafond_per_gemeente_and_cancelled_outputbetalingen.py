"""budgetplafonds per gemeente beside the regional one; cancelled outputbetalingen

Revision ID: 7b3e5a1c9d42
Revises: 2e9c4b61d0f3
Create Date: 2026-12-06 18:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b3e5a1c9d42"
down_revision: str | None = "2e9c4b61d0f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("budgetplafond", sa.Column("gemeentecode", sa.String(length=4), nullable=True))
    op.drop_constraint(op.f("uq_budgetplafond_contract_id"), "budgetplafond", type_="unique")
    # One regional ceiling per contract and year (from the bekostiging), and at most one per
    # gemeente beside it.
    op.create_index(
        "uq_budgetplafond_regio",
        "budgetplafond",
        ["contract_id", "jaar"],
        unique=True,
        postgresql_where=sa.text("gemeentecode IS NULL"),
    )
    op.create_index(
        "uq_budgetplafond_gemeente",
        "budgetplafond",
        ["contract_id", "jaar", "gemeentecode"],
        unique=True,
        postgresql_where=sa.text("gemeentecode IS NOT NULL"),
    )
    op.add_column("outputbetaling", sa.Column("geannuleerd_op", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("outputbetaling", "geannuleerd_op")
    op.execute("DELETE FROM budgetplafond WHERE gemeentecode IS NOT NULL")
    op.drop_index("uq_budgetplafond_gemeente", table_name="budgetplafond")
    op.drop_index("uq_budgetplafond_regio", table_name="budgetplafond")
    op.create_unique_constraint(
        op.f("uq_budgetplafond_contract_id"), "budgetplafond", ["contract_id", "jaar"]
    )
    op.drop_column("budgetplafond", "gemeentecode")
