"""add consultant decisions on verzoeken

Revision ID: d1392794d084
Revises: 0249d5784260
Create Date: 2026-11-24 08:12:10.765388
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d1392794d084"
down_revision: str | None = "0249d5784260"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("indicatie", sa.Column("vervangt_indicatie_id", sa.Uuid(), nullable=True))
    op.create_index(
        op.f("ix_indicatie_vervangt_indicatie_id"),
        "indicatie",
        ["vervangt_indicatie_id"],
        unique=False,
    )
    op.create_foreign_key(
        op.f("fk_indicatie_vervangt_indicatie_id_indicatie"),
        "indicatie",
        "indicatie",
        ["vervangt_indicatie_id"],
        ["id"],
    )
    op.add_column(
        "verzoek",
        sa.Column(
            "toewijzingnummers",
            postgresql.ARRAY(sa.String(length=8)),
            server_default="{}",
            nullable=False,
        ),
    )
    op.add_column("verzoek", sa.Column("beslist_door", sa.String(length=200), nullable=True))
    op.add_column("verzoek", sa.Column("beslist_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("verzoek", "beslist_at")
    op.drop_column("verzoek", "beslist_door")
    op.drop_column("verzoek", "toewijzingnummers")
    op.drop_constraint(
        op.f("fk_indicatie_vervangt_indicatie_id_indicatie"), "indicatie", type_="foreignkey"
    )
    op.drop_index(op.f("ix_indicatie_vervangt_indicatie_id"), table_name="indicatie")
    op.drop_column("indicatie", "vervangt_indicatie_id")
