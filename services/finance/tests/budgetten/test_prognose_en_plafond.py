"""The year-end forecast from what is realised and what is still committed (the run rate beside
it), and the aanbieder's spending ceiling signalled once per threshold, from real events."""

from datetime import date
from decimal import Decimal
from typing import Any

from wmo_common.events.common import Omvang
from wmo_common.events.contracting import Bekostiging
from wmo_finance.budgetten.service import prognose
from wmo_testing.finance import Regio
from wmo_testing.harness import eventually

DREMPEL = "nl.wmo.budgetten.budgetdrempel-overschreden.v1"


def test_the_forecast_is_the_monthly_run_rate_times_twelve_rounded_once() -> None:
    assert prognose(1000, 7) == 1714  # 1000 x 12 / 7 = 1714.285...
    assert prognose(35, 8) == 53  # 52.5 rounds half-up
    assert prognose(0, 3) == 0
    assert prognose(500, 0) is None  # nothing realised yet: no run rate


async def test_a_budget_line_forecasts_the_realised_plus_the_commitments_not_yet_realised(
    regio: Regio,
) -> None:
    naam = f"Begeleiding {regio.agb}"
    await regio.publish(
        regio.strategie(Bekostiging(model="inspanningsgericht")).model_copy(
            update={"segment_naam": naam}
        ),
        regio.contract("inspanningsgericht", [regio.tarief(6543)]),
    )
    toewijzing = regio.toewijzing()  # 3 hours a week, Mon 5 Jan - Sun 29 Mar 2026
    await regio.publish(toewijzing)
    await regio.verplichting_van(toewijzing.toewijzing_id)
    created = await regio.client.post(
        "/api/v1/budgetten",
        json={"jaar": 2026, "segmentNaam": naam, "bedragCents": 10_000_000},
        headers=regio.headers("controller"),
    )
    budget_id = created.json()["id"]

    jan = await regio.beoordeeld(
        regio.declaratie(date(2026, 1, 1), date(2026, 1, 31)).regel(toewijzing, "R1").bericht("D1")
    )
    feb = await regio.beoordeeld(
        regio.declaratie(date(2026, 2, 1), date(2026, 2, 28))
        .regel(toewijzing, "R2", geleverd_volume=9)
        .bericht("D2")
    )
    assert (jan["retourcode"], feb["retourcode"]) == ("8001", "8001")

    read = await regio.client.get(
        f"/api/v1/budgetten/{budget_id}", headers=regio.headers("auditor")
    )
    realised = 12 * 6543 + 9 * 6543  # 137_403
    committed = 3 * 12 * 6543  # 12 weeks of 3 hours: 235_548
    assert read.json()["verplichtCents"] == committed
    assert read.json()["gerealiseerdCents"] == realised
    # Still to come on the verplichting: 235_548 - 137_403 = 98_145.
    assert read.json()["openstaandCents"] == committed - realised
    assert read.json()["prognoseCents"] == committed
    # The pace so far, two months realised, would say 824_418: the run rate alone overshoots.
    assert read.json()["prognoseMaanden"] == 2
    assert read.json()["runRatePrognoseCents"] == realised * 6


async def test_an_aanbieders_ceiling_is_signalled_at_70_percent_once_and_is_configurable(
    regio: Regio,
) -> None:
    contract = regio.contract(
        "inspanningsgericht", [regio.tarief(10_000)], budgetplafond_cents=1_000_000
    )
    await regio.publish(contract)

    def per_week(uren: int) -> Any:
        # 4 weeks (Mon 5 Jan - Sun 1 Feb) at 10_000 ct/uur: 40_000 ct per weekly hour.
        return regio.toewijzing(
            einddatum=date(2026, 2, 1), omvang=Omvang(volume=uren, eenheid="04", frequentie="2")
        )

    first = per_week(18)  # 720_000: 72 % crosses 70
    await regio.publish(first)
    await regio.verplichting_van(first.toewijzing_id, bedragCents=720_000)
    second = per_week(1)  # 760_000: 76 %, nothing new
    await regio.publish(second)
    await regio.verplichting_van(second.toewijzing_id, bedragCents=40_000)

    def signals(events: list[dict[str, Any]]) -> list[tuple[Decimal, int]]:
        return [
            (Decimal(e["drempelPercentage"]), e["besteedCents"])
            for e in events
            if e.get("contractId") == str(contract.contract_id)
        ]

    published = await regio.outbox(DREMPEL)
    assert signals(published) == [(Decimal(70), 720_000)]
    [signal] = [e for e in published if e.get("contractId") == str(contract.contract_id)]
    assert (signal["soort"], signal["aanbiederAgb"], signal["budgetCents"]) == (
        "budgetplafond",
        regio.agb,
        1_000_000,
    )
    assert Decimal(signal["percentage"]) == Decimal("72.00")

    listed = await regio.client.get(
        "/api/v1/budgetplafonds",
        params={"jaar": "2026"},
        headers=regio.headers("provider", agb=regio.agb),
    )
    assert listed.status_code == 200
    [plafond] = listed.json()["results"]
    assert plafond["id"] == signal["budgetId"]
    assert (plafond["plafondCents"], plafond["besteedCents"]) == (1_000_000, 760_000)
    assert plafond["drempelPercentages"] == [70]
    every_year = await regio.client.get(
        "/api/v1/budgetplafonds",
        params={"aanbiederAgb": regio.agb},
        headers=regio.headers("contract-manager"),
    )
    assert [p["jaar"] for p in every_year.json()["results"]] == [2025, 2026, 2027, 2028]

    # A threshold set below what is committed already signals at once, and only once.
    for _ in range(2):
        changed = await regio.client.patch(
            f"/api/v1/budgetplafonds/{plafond['id']}",
            json={"drempelPercentages": [70, 75, 90]},
            headers=regio.headers("controller"),
        )
        assert changed.status_code == 200
    assert changed.json()["drempelPercentages"] == [70, 75, 90]
    assert signals(await regio.outbox(DREMPEL)) == [(Decimal(70), 720_000), (Decimal(75), 760_000)]

    out_of_order = await regio.client.patch(
        f"/api/v1/budgetplafonds/{plafond['id']}",
        json={"drempelPercentages": [90, 70]},
        headers=regio.headers("controller"),
    )
    assert out_of_order.status_code == 400
    assert out_of_order.json()["invalidParams"][0]["name"].startswith("drempelPercentages")
    stranger = "00000001" if regio.agb != "00000001" else "00000002"
    foreign = await regio.client.get(
        f"/api/v1/budgetplafonds/{plafond['id']}", headers=regio.headers("provider", agb=stranger)
    )
    # Another aanbieder's ceiling is as unknown as a missing one: its existence does not leak.
    assert foreign.status_code == 404
    not_controller = await regio.client.patch(
        f"/api/v1/budgetplafonds/{plafond['id']}",
        json={"drempelPercentages": [80]},
        headers=regio.headers("contract-manager"),
    )
    assert not_controller.status_code == 403


async def test_a_gemeente_has_its_own_ceiling_beside_the_regional_one_over_its_own_clients(
    regio: Regio,
) -> None:
    contract = regio.contract(
        "inspanningsgericht", [regio.tarief(10_000)], budgetplafond_cents=1_000_000
    )
    await regio.publish(contract)
    controller = regio.headers("controller")

    async def regional() -> list[dict[str, Any]] | None:
        listed = await regio.client.get(
            "/api/v1/budgetplafonds",
            params={"aanbiederAgb": regio.agb, "jaar": "2026"},
            headers=controller,
        )
        results: list[dict[str, Any]] = listed.json()["results"]
        return results or None

    await eventually(regional)
    body = {
        "contractId": str(contract.contract_id),
        "jaar": 2026,
        "gemeentecode": "0855",
        "plafondCents": 500_000,
    }
    created = await regio.client.post("/api/v1/budgetplafonds", json=body, headers=controller)
    assert created.status_code == 201, created.text
    tilburg = created.json()
    assert created.headers["location"] == f"/api/v1/budgetplafonds/{tilburg['id']}"
    assert (tilburg["gemeentecode"], tilburg["plafondCents"], tilburg["drempelPercentages"]) == (
        "0855",
        500_000,
        [70],
    )

    # 4 weeks at 10_000 ct/uur: 18 uur a week for a Tilburger (720_000), 1 for a Goirlenaar.
    def per_week(uren: int, gemeentecode: str) -> Any:
        return regio.toewijzing(
            gemeentecode=gemeentecode,
            einddatum=date(2026, 2, 1),
            omvang=Omvang(volume=uren, eenheid="04", frequentie="2"),
        )

    tilburger, goirlenaar = per_week(18, "0855"), per_week(1, "0785")
    await regio.publish(tilburger)
    await regio.verplichting_van(tilburger.toewijzing_id, bedragCents=720_000)
    await regio.publish(goirlenaar)
    await regio.verplichting_van(goirlenaar.toewijzing_id, bedragCents=40_000)

    async def signalled() -> list[dict[str, Any]] | None:
        found = [
            e
            for e in await regio.outbox(DREMPEL)
            if e.get("contractId") == str(contract.contract_id)
        ]
        return found if len(found) == 2 else None

    # Tilburg's ceiling counts only Tilburg's clients: 720_000 of 500_000 is 144 %; the regional
    # one counts both, and crossed its 70 % with the Tilburger (72 %). Each signals once.
    by_gemeente = {e.get("gemeentecode"): e for e in await eventually(signalled)}
    assert by_gemeente["0855"]["budgetId"] == tilburg["id"]
    assert (by_gemeente["0855"]["besteedCents"], by_gemeente["0855"]["budgetCents"]) == (
        720_000,
        500_000,
    )
    assert Decimal(by_gemeente["0855"]["percentage"]) == Decimal("144.00")
    assert by_gemeente[None]["besteedCents"] == 720_000

    shown = {p["gemeentecode"]: p for p in await regional() or []}
    assert shown["0855"]["besteedCents"] == 720_000
    assert shown["0855"]["perGemeente"] == [{"gemeentecode": "0855", "besteedCents": 720_000}]
    assert shown[None]["besteedCents"] == 760_000
    assert {g["gemeentecode"] for g in shown[None]["perGemeente"]} == {"0855", "0785"}

    again = await regio.client.post("/api/v1/budgetplafonds", json=body, headers=controller)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/budgetplafond-bestaat-al")
    later = await regio.client.post(
        "/api/v1/budgetplafonds", json=body | {"jaar": 2030}, headers=controller
    )
    assert later.json()["type"].endswith("/jaar-buiten-contract")
    unknown = await regio.client.post(
        "/api/v1/budgetplafonds",
        json=body | {"contractId": "00000000-0000-4000-8000-000000000000"},
        headers=controller,
    )
    assert unknown.json()["type"].endswith("/contract-onbekend")
    not_controller = await regio.client.post(
        "/api/v1/budgetplafonds",
        json=body | {"gemeentecode": "0785"},
        headers=regio.headers("contract-manager"),
    )
    assert not_controller.status_code == 403
