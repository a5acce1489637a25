"""What judging a Wmo323 stores: every column of every line, the debit a credit reverses, the
declaratie's totals, the payment and the verdict event, all in the judging transaction."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select

from wmo_common.events.common import Omvang
from wmo_common.events.outbox import OutboxMessage
from wmo_finance.declaraties.models import Betaalbatch, Declaratie, Prestatie
from wmo_finance.declaraties.service import judge_declaratie
from wmo_testing.finance import Regio

JAN = (date(2026, 1, 1), date(2026, 1, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))
BEOORDEELD = "nl.wmo.declaraties.declaratie-beoordeeld.v1"
TARIEF = 6543


async def _rows(regio: Regio, declaratie_id: str) -> list[dict[str, Any]]:
    async with regio.harness.sessionmaker() as session:
        query = (
            select(Prestatie)
            .where(Prestatie.declaratie_id == uuid.UUID(declaratie_id))
            .order_by(Prestatie.volgnummer)
        )
        rows = (await session.execute(query)).scalars().all()
        return [{c.key: getattr(r, c.key) for c in Prestatie.__table__.columns} for r in rows]


async def test_a_mixed_declaratie_stores_every_column_of_every_line_and_its_verdict(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(TARIEF)]))
    t1, t2 = regio.toewijzing(), regio.toewijzing()
    onbekend = regio.toewijzing()  # never published: finance does not hold it
    await regio.publish(t1, t2)
    for toewijzing in (t1, t2):
        await regio.verplichting_van(toewijzing.toewijzing_id)
    first = await regio.beoordeeld(
        regio.declaratie(*JAN).regel(t1, "R1").regel(t2, "R2").bericht("D1")
    )

    # Debits before credits in the message: credits are judged first, rows keep message order.
    bericht = (
        regio.declaratie(*FEB)
        .regel(t1, "R1-NIEUW", begindatum=date(2026, 1, 5), geleverd_volume=9, einddatum=JAN[1])
        .regel(t2, "TARIEF", product_tarief_cents=7000)
        .regel(onbekend, "ONBEKEND")
        .regel(t2, "R2")
        .regel(
            t1,
            "R1-CREDIT",
            begindatum=date(2026, 1, 5),
            einddatum=JAN[1],
            debet_credit="C",
            vorige_referentie="R1",
        )
        .regel(t1, "LOS-CREDIT", debet_credit="C", vorige_referentie="NOOIT")
        .bericht("D2")
    )
    judged = await regio.beoordeeld(bericht)

    line = {p.referentie: p for p in bericht.prestaties}
    toewijzing_ids = {"R1-NIEUW": t1, "TARIEF": t2, "R2": t2, "R1-CREDIT": t1, "LOS-CREDIT": t1}
    verdicts = {
        "R1-NIEUW": [],
        "TARIEF": ["0611"],
        "ONBEKEND": ["9338"],
        "R2": ["8021"],
        "R1-CREDIT": [],
        "LOS-CREDIT": ["8017"],
    }
    expected = [
        {
            "declaratie_id": uuid.UUID(judged["id"]),
            "volgnummer": volgnummer,
            "aanbieder_agb": regio.agb,
            "referentie": referentie,
            "vorige_referentie": line[referentie].vorige_referentie,
            "toewijzingnummer": line[referentie].toewijzingnummer,
            "toewijzing_id": (
                toewijzing_ids[referentie].toewijzing_id if referentie in toewijzing_ids else None
            ),
            "client_pseudonym": line[referentie].client_pseudonym,
            "categorie": "02",
            "code": "02A08",
            "begindatum": line[referentie].begindatum,
            "einddatum": line[referentie].einddatum,
            "geleverd_volume": line[referentie].geleverd_volume,
            "eenheid": "04",
            "product_tarief_cents": line[referentie].product_tarief_cents,
            "ingediend_bedrag_cents": line[referentie].ingediend_bedrag_cents,
            "debet_credit": line[referentie].debet_credit,
            "is_beoordeeld": True,
            "is_goedgekeurd": not codes,
            "retourcodes": codes,
            "toegekend_bedrag_cents": 0 if codes else line[referentie].ingediend_bedrag_cents,
            "is_gecrediteerd": False,
        }
        for volgnummer, (referentie, codes) in enumerate(verdicts.items())
    ]
    rows = await _rows(regio, judged["id"])
    assert [r.pop("id") is not None for r in rows] == [True] * len(expected)
    assert rows == expected

    # The credited debit of D1 is marked in the same transaction; the other is untouched.
    assert [(r["referentie"], r["is_gecrediteerd"]) for r in await _rows(regio, first["id"])] == [
        ("R1", True),
        ("R2", False),
    ]
    toegekend = 9 * TARIEF - 12 * TARIEF
    assert (judged["totaalToegekendCents"], judged["retourcode"]) == (toegekend, "0200")
    async with regio.harness.sessionmaker() as session:
        batches = (
            await session.execute(
                select(Betaalbatch.periode, Betaalbatch.bedrag_cents, Betaalbatch.aantal_prestaties)
                .where(Betaalbatch.aanbieder_agb == regio.agb)
                .order_by(Betaalbatch.periode)
            )
        ).all()
    assert [tuple(b) for b in batches] == [
        (date(2026, 1, 1), 2 * 12 * TARIEF, 2),
        (date(2026, 2, 1), toegekend, 2),
    ]
    published = [e for e in await regio.outbox(BEOORDEELD) if e["aanbiederAgb"] == regio.agb]
    assert published[-1]["prestaties"] == [
        {
            "referentie": r["referentie"],
            "toewijzingnummer": r["toewijzingnummer"],
            "goedgekeurd": r["is_goedgekeurd"],
            "retourcodes": r["retourcodes"],
            "ingediendBedragCents": r["ingediend_bedrag_cents"],
            "toegekendBedragCents": r["toegekend_bedrag_cents"],
            "debetCredit": r["debet_credit"],
        }
        for r in expected
    ]
    assert (published[-1]["totaalToegekendCents"], published[-1]["retourcodes"]) == (
        toegekend,
        ["0200"],
    )


async def test_judging_that_is_rolled_back_leaves_no_declaratie_and_no_line(regio: Regio) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(TARIEF)]))
    t = regio.toewijzing()
    await regio.publish(t)
    await regio.verplichting_van(t.toewijzing_id)
    bericht = regio.declaratie(*JAN).regel(t, "R1").regel(t, "R2").bericht("D1")

    async with regio.harness.sessionmaker() as session:
        declaratie = await judge_declaratie(session, bericht)
        assert declaratie is not None
        written = select(func.count()).where(Prestatie.declaratie_id == declaratie.id)
        assert (await session.execute(written)).scalar_one() == 2
        # The edge fails before its commit.
        await session.rollback()

    async with regio.harness.sessionmaker() as session:
        for table in (Declaratie, Prestatie, Betaalbatch):
            found = select(func.count()).select_from(table).where(table.aanbieder_agb == regio.agb)
            assert (await session.execute(found)).scalar_one() == 0
        outbox = select(func.count()).where(OutboxMessage.event_type == BEOORDEELD)
        assert (await session.execute(outbox)).scalar_one() == 0


async def test_budget_and_minutes_count_every_approved_debit_not_credited_across_declaraties(
    regio: Regio,
) -> None:
    contract = regio.contract("inspanningsgericht", [regio.tarief(TARIEF)])
    budget = regio.toewijzing(omvang=None, budget_cents=100_000)
    uren = regio.toewijzing(omvang=Omvang(volume=10, eenheid="04", frequentie="6"))
    await regio.consumed(*await regio.publish(contract, budget, uren))

    def euro(bedrag_cents: int, begin: date, end: date, **extra: Any) -> dict[str, Any]:
        return {
            "eenheid": "83",
            "geleverd_volume": bedrag_cents,
            "product_tarief_cents": 1,
            "begindatum": begin,
            "einddatum": end,
            **extra,
        }

    def minuten(aantal: int, begin: date, end: date) -> dict[str, Any]:
        # Priced at the hourly tarief (TR346): 240 and 420 minutes are whole cents.
        return {
            "eenheid": "01",
            "geleverd_volume": aantal,
            "ingediend_bedrag_cents": aantal * TARIEF // 60,
            "begindatum": begin,
            "einddatum": end,
        }

    first = await regio.beoordeeld(
        regio.declaratie(*JAN)
        .regel(budget, "B1", **euro(60_000, date(2026, 1, 5), JAN[1]))
        .regel(uren, "M1", **minuten(240, date(2026, 1, 5), JAN[1]))
        .bericht("D1")
    )
    assert codes_of(first) == {"B1": [], "M1": []}

    feb_1, feb_2 = (date(2026, 2, 1), date(2026, 2, 14)), (date(2026, 2, 15), date(2026, 2, 28))
    second = await regio.beoordeeld(
        regio.declaratie(*FEB)
        .regel(budget, "B2", **euro(70_000, *feb_1))
        .regel(budget, "B3", **euro(40_000, *feb_2))
        .regel(
            budget,
            "B1-CREDIT",
            **euro(60_000, date(2026, 1, 5), JAN[1], debet_credit="C", vorige_referentie="B1"),
        )
        .regel(uren, "M2", **minuten(420, *feb_1))
        .bericht("D2")
    )
    # B1 credited first frees its 60,000: B2 fits the budget, B3 does not; 4 h + 7 h > 10 h.
    assert codes_of(second) == {"B2": [], "B3": ["9369"], "B1-CREDIT": [], "M2": ["9322"]}


def codes_of(declaratie: dict[str, Any]) -> dict[str, list[str]]:
    return {p["referentie"]: p["retourcodes"] for p in declaratie["prestaties"]}
