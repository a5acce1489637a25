"""add address and contact details to client

Revision ID: 0249d5784260
Revises: 1232eaab6949
Create Date: 2026-11-24 08:08:06.254958
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0249d5784260"
down_revision: str | None = "1232eaab6949"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("client", sa.Column("voorvoegsel", sa.String(length=10), nullable=True))
    op.add_column("client", sa.Column("voorletters", sa.String(length=6), nullable=True))
    op.add_column("client", sa.Column("adres_soort", sa.String(length=2), nullable=True))
    op.add_column("client", sa.Column("straatnaam", sa.String(length=24), nullable=True))
    op.add_column("client", sa.Column("huisnummer", sa.Integer(), nullable=True))
    op.add_column("client", sa.Column("huisletter", sa.String(length=1), nullable=True))
    op.add_column("client", sa.Column("huisnummertoevoeging", sa.String(length=4), nullable=True))
    op.add_column("client", sa.Column("postcode", sa.String(length=8), nullable=True))
    op.add_column("client", sa.Column("plaatsnaam", sa.String(length=80), nullable=True))
    op.add_column("client", sa.Column("landcode", sa.String(length=2), nullable=True))
    op.add_column("client", sa.Column("telefoon", sa.String(length=15), nullable=True))
    op.add_column("client", sa.Column("emailadres", sa.String(length=80), nullable=True))
    op.add_column("client", sa.Column("versie", sa.Integer(), server_default="1", nullable=False))
    op.create_check_constraint(
        op.f("ck_client_adres_soort"), "client", "adres_soort IN ('01', '02', '03')"
    )
    op.create_check_constraint(
        op.f("ck_client_adres_volledig"), "client", "(postcode IS NULL) = (huisnummer IS NULL)"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_client_adres_volledig"), "client", type_="check")
    op.drop_constraint(op.f("ck_client_adres_soort"), "client", type_="check")
    op.drop_column("client", "versie")
    op.drop_column("client", "emailadres")
    op.drop_column("client", "telefoon")
    op.drop_column("client", "landcode")
    op.drop_column("client", "plaatsnaam")
    op.drop_column("client", "postcode")
    op.drop_column("client", "huisnummertoevoeging")
    op.drop_column("client", "huisletter")
    op.drop_column("client", "huisnummer")
    op.drop_column("client", "straatnaam")
    op.drop_column("client", "adres_soort")
    op.drop_column("client", "voorletters")
    op.drop_column("client", "voorvoegsel")
