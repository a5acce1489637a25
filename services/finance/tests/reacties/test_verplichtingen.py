"""Verplichtingen booked from real events on the real topics, checked on hand-computed amounts."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from wmo_common.events.access import (
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.common import Omvang
from wmo_common.events.contracting import Bekostiging, Partij
from wmo_testing.finance import Regio
from wmo_testing.harness import eventually

AANGEMAAKT = "nl.wmo.budgetten.verplichting-aangemaakt.v1"


def gewijzigd(toewijzing: ToewijzingAfgegeven, **changes: Any) -> ToewijzingGewijzigd:
    return ToewijzingGewijzigd(**(toewijzing.model_dump() | {"reden_wijziging": "02"} | changes))


def beeindigd(toewijzing: ToewijzingAfgegeven, **changes: Any) -> ToewijzingBeeindigd:
    return ToewijzingBeeindigd(**(toewijzing.model_dump() | {"reden_wijziging": "01"} | changes))


def resultaat(toewijzing: ToewijzingAfgegeven, *, behaald: bool) -> ResultaatGeevalueerd:
    return ResultaatGeevalueerd(
        resultaat_id=uuid.uuid4(),
        ondersteuningsplan_id=uuid.uuid4(),
        client_pseudonym=toewijzing.client_pseudonym,
        toewijzing_id=toewijzing.toewijzing_id,
        behaald=behaald,
        geevalueerd_op=date(2026, 6, 30),
    )


async def test_inspanningsgericht_is_tarief_times_volume_times_weeks_per_valid_tarief(
    regio: Regio,
) -> None:
    # 6543 ct/uur until 28 Feb, 6800 ct/uur from 1 Mar; 3 hours a week, Mon 5 Jan - Sun 29 Mar.
    await regio.publish(
        regio.contract(
            "inspanningsgericht",
            [
                regio.tarief(6543, geldig_tot=date(2026, 2, 28)),
                regio.tarief(6800, vanaf=date(2026, 3, 1)),
            ],
        )
    )
    weekly = regio.toewijzing()
    # 10 hours a month from 16 Jan to 31 Mar: 16/31 + 1 (Feb at 6543) + 1 (Mar at 6800).
    monthly = regio.toewijzing(
        ingangsdatum=date(2026, 1, 16),
        einddatum=date(2026, 3, 31),
        omvang=Omvang(volume=10, eenheid="04", frequentie="4"),
    )
    # 90 minutes a day against the hourly tarief, 1-10 Jan 2026: 10 x 1.5 h x 6543.
    daily = regio.toewijzing(
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2026, 1, 10),
        omvang=Omvang(volume=90, eenheid="01", frequentie="1"),
    )
    await regio.publish(weekly, monthly, daily)

    # 3 x (55/7 x 6543 + 29/7 x 6800) = 1_671_195 / 7 = 238_742.14 -> 238_742 cents.
    row = await regio.verplichting_van(weekly.toewijzing_id, bedragCents=238_742)
    assert row["bekostigingsmodel"] == "inspanningsgericht"
    assert row["status"] == "actief"
    assert row["jaar"] == 2026
    # 10 x (16/31 x 6543 + 6543 + 6800) = 133_430 + 33_770.32 = 167_200.32 -> 167_200 cents.
    await regio.verplichting_van(monthly.toewijzing_id, bedragCents=167_200)
    await regio.verplichting_van(daily.toewijzing_id, bedragCents=98_145)


async def test_outputgericht_is_the_budget_times_the_realisatiefactor_with_20_percent_held(
    regio: Regio,
) -> None:
    # The contract names the model; the segment's strategy sets factor 0.95 and the 80/20 split.
    await regio.publish(
        regio.strategie(
            Bekostiging(
                model="outputgericht",
                realisatiefactor=Decimal("0.95"),
                resultaat_percentage=Decimal("20"),
            )
        ),
        regio.contract("outputgericht", [regio.tarief(6543)]),
    )
    met = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    missed = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    open_ = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    # The evaluation may arrive before the toewijzing it is about: order carries no meaning.
    await regio.publish(resultaat(missed, behaald=False), met, missed, open_)
    await regio.publish(resultaat(met, behaald=True))

    # 1_000_001 x 0.95 = 950_000.95 -> 950_001; 20 % of it = 190_000.2 -> 190_000 held back.
    held = {"resultaatCents": 190_000, "bekostigingsmodel": "outputgericht"}
    await regio.verplichting_van(open_.toewijzing_id, bedragCents=950_001, resultaatstatus="open")
    await regio.verplichting_van(
        met.toewijzing_id, bedragCents=950_001, resultaatstatus="behaald", **held
    )
    # Results not met: the 20 % is released from the commitment, the 80 % stays.
    await regio.verplichting_van(
        missed.toewijzing_id, bedragCents=760_001, resultaatstatus="niet-behaald", **held
    )


async def test_taakgericht_books_no_amount_per_client_but_counts_each_toewijzing(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("taakgericht", []))
    await regio.publish(regio.toewijzing(), regio.toewijzing(omvang=None))

    async def two_counted() -> list[dict[str, Any]] | None:
        rows = await regio.verplichtingen(bekostigingsmodel="taakgericht")
        return rows if len(rows) == 2 else None

    rows = await eventually(two_counted)
    assert [r["bedragCents"] for r in rows] == [0, 0]


async def test_a_change_adjusts_an_end_shortens_and_a_withdrawal_releases_the_verplichting(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(7000)]))
    changed = regio.toewijzing(einddatum=date(2026, 2, 1))  # 4 weeks
    ended = regio.toewijzing(einddatum=date(2026, 2, 1))
    withdrawn = regio.toewijzing(einddatum=date(2026, 2, 1))
    await regio.publish(changed, ended, withdrawn)
    await regio.verplichting_van(changed.toewijzing_id, bedragCents=84_000)
    await regio.verplichting_van(ended.toewijzing_id, bedragCents=84_000)
    await regio.verplichting_van(withdrawn.toewijzing_id, bedragCents=84_000)

    later = date(2026, 1, 12)
    await regio.publish(
        gewijzigd(
            changed,
            omvang=Omvang(volume=5, eenheid="04", frequentie="2"),
            toewijzingsdatum=later,
        ),
        beeindigd(ended, einddatum=date(2026, 1, 18), toewijzingsdatum=later),
        beeindigd(withdrawn, reden_wijziging="13", toewijzingsdatum=later),
    )
    await regio.verplichting_van(changed.toewijzing_id, bedragCents=140_000, status="actief")
    await regio.verplichting_van(ended.toewijzing_id, bedragCents=42_000, status="beeindigd")
    await regio.verplichting_van(withdrawn.toewijzing_id, bedragCents=0, status="vrijgegeven")

    # An older version arriving late changes nothing.
    await regio.consumed(*await regio.publish(changed))
    await regio.verplichting_van(changed.toewijzing_id, bedragCents=140_000, status="actief")

    # Each toewijzing announced its verplichting once, with the first amount.
    published = [e for e in await regio.outbox(AANGEMAAKT) if e["aanbiederAgb"] == regio.agb]
    assert sorted(e["toewijzingId"] for e in published) == sorted(
        str(t.toewijzing_id) for t in (changed, ended, withdrawn)
    )
    assert {e["bedragCents"] for e in published} == {84_000}


async def test_a_toewijzing_before_its_contract_is_booked_when_the_contract_arrives(
    regio: Regio,
) -> None:
    early = regio.toewijzing()
    await regio.publish(early)
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(7000)]))
    # 3 hours x 12 weeks x 7000.
    await regio.verplichting_van(early.toewijzing_id, bedragCents=252_000)


async def test_only_the_hoofdaannemer_is_paid_so_a_combinant_gets_no_verplichting(
    regio: Regio,
) -> None:
    combinant = "87654321" if regio.agb != "87654321" else "87654322"
    await regio.publish(
        regio.contract(
            "inspanningsgericht",
            [regio.tarief(7000)],
            partijen=[
                Partij(aanbieder_agb=regio.agb, rol="hoofdaannemer"),
                Partij(aanbieder_agb=combinant, rol="combinant"),
            ],
        )
    )
    at_combinant = regio.toewijzing(aanbieder_agb=combinant)
    at_hoofdaannemer = regio.toewijzing()
    await regio.publish(at_combinant, at_hoofdaannemer)
    await regio.verplichting_van(at_hoofdaannemer.toewijzing_id, bedragCents=252_000)
    response = await regio.client.get(
        "/api/v1/verplichtingen",
        params={"aanbiederAgb": combinant},
        headers=regio.headers("auditor"),
    )
    assert [r["toewijzingId"] for r in response.json()["results"]] == []


async def test_verplichtingen_are_read_by_controllers_contract_managers_and_auditors_only(
    regio: Regio,
) -> None:
    for role in ("controller", "contract-manager", "auditor"):
        response = await regio.client.get("/api/v1/verplichtingen", headers=regio.headers(role))
        assert response.status_code == 200
    provider = await regio.client.get(
        "/api/v1/verplichtingen", headers=regio.headers("provider", agb=regio.agb)
    )
    assert provider.status_code == 403
    bad = await regio.client.get(
        "/api/v1/verplichtingen?bekostigingsmodel=pxq&aanbiederAgb=12",
        headers=regio.headers("controller"),
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {
        "bekostigingsmodel",
        "aanbiederAgb",
    }
    missing = await regio.client.get(
        f"/api/v1/verplichtingen/{uuid.uuid4()}", headers=regio.headers("controller")
    )
    assert missing.status_code == 404
