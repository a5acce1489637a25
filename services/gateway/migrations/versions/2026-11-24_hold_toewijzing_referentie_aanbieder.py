"""hold the ReferentieAanbieder a toewijzing honours, and whether a Wmo301 still has to carry it

Revision ID: 9c1b5329824d
Revises: 7802282f4b93
Create Date: 2026-11-24 08:41:19
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9c1b5329824d"
down_revision: str | None = "7802282f4b93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("toewijzing", sa.Column("referentie_aanbieder", sa.String(length=36)))
    op.add_column("toewijzing", sa.Column("referentie_version_at", sa.DateTime(timezone=True)))
    # Toewijzingen held so far already had their Wmo301: nothing left to carry.
    op.add_column(
        "toewijzing",
        sa.Column(
            "referentie_te_melden", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )


def downgrade() -> None:
    op.drop_column("toewijzing", "referentie_te_melden")
    op.drop_column("toewijzing", "referentie_version_at")
    op.drop_column("toewijzing", "referentie_aanbieder")
