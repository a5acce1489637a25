"""book verplichtingen per year and betaalbatches per gemeente

Data: each verplichting held so far becomes one part in its own year (it is rebooked into
its yearly parts the next time its toewijzing, contract or strategy changes), and the
betaalbatches are rebuilt from the approved declaratie lines, per gemeente of the declaratie.

Revision ID: 8d1f0c2b7a64
Revises: 5ffb5a88f9e1
Create Date: 2026-12-06 05:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8d1f0c2b7a64"
down_revision: str | None = "5ffb5a88f9e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO verplichtingjaar (id, verplichting_id, jaar, bedrag_cents) "
        "SELECT gen_random_uuid(), id, jaar, bedrag_cents FROM verplichting"
    )
    op.execute("DELETE FROM betaalbatch")
    op.execute(
        "INSERT INTO betaalbatch (id, aanbieder_agb, gemeentecode, periode, bedrag_cents, "
        "outputbetalingen_cents, aantal_prestaties, updated_at) "
        "SELECT gen_random_uuid(), d.aanbieder_agb, d.gemeentecode, "
        "date_trunc('month', d.periode_begin)::date, "
        "sum(CASE WHEN p.debet_credit = 'C' THEN -p.toegekend_bedrag_cents "
        "ELSE p.toegekend_bedrag_cents END), 0, count(*), now() "
        "FROM prestatie p JOIN declaratie d ON d.id = p.declaratie_id "
        "WHERE p.is_goedgekeurd "
        "GROUP BY d.aanbieder_agb, d.gemeentecode, date_trunc('month', d.periode_begin)"
    )


def downgrade() -> None:
    op.execute("DELETE FROM betaalbatch")
    op.execute(
        "INSERT INTO betaalbatch (id, aanbieder_agb, periode, bedrag_cents, "
        "outputbetalingen_cents, aantal_prestaties, updated_at) "
        "SELECT gen_random_uuid(), d.aanbieder_agb, date_trunc('month', d.periode_begin)::date, "
        "sum(CASE WHEN p.debet_credit = 'C' THEN -p.toegekend_bedrag_cents "
        "ELSE p.toegekend_bedrag_cents END), 0, count(*), now() "
        "FROM prestatie p JOIN declaratie d ON d.id = p.declaratie_id "
        "WHERE p.is_goedgekeurd "
        "GROUP BY d.aanbieder_agb, date_trunc('month', d.periode_begin)"
    )
    op.execute("DELETE FROM verplichtingjaar")
