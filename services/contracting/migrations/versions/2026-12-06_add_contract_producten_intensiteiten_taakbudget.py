"""add contract producten intensiteiten, taakbudget and verdeelsleutel

Revision ID: 6abc55f4905c
Revises: 1b56d492409d
Create Date: 2026-12-06 04:53:30.369321
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6abc55f4905c"
down_revision: str | None = "1b56d492409d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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
    op.add_column(
        "contractproduct",
        sa.Column(
            "intensiteiten",
            postgresql.ARRAY(sa.String(length=10)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.add_column(
        "contractproduct",
        sa.Column(
            "gebieden", postgresql.ARRAY(sa.String(length=100)), server_default="{}", nullable=False
        ),
    )
    op.add_column("tarief", sa.Column("intensiteit", sa.String(length=10), nullable=True))
    op.create_check_constraint(
        op.f("ck_tarief_intensiteit"), "tarief", "intensiteit IN ('licht', 'midden', 'zwaar')"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_tarief_intensiteit"), "tarief", type_="check")
    op.drop_column("tarief", "intensiteit")
    op.drop_column("contractproduct", "gebieden")
    op.drop_column("contractproduct", "intensiteiten")
    op.drop_column("contract", "verdeelsleutel")
    op.drop_column("contract", "taakbudget_cents")
