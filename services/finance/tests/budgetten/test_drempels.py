"""Budget lines watch what is committed and signal each threshold once, through real events."""

from datetime import date
from decimal import Decimal
from typing import Any

from wmo_common.events.common import Omvang
from wmo_common.events.contracting import Bekostiging
from wmo_testing.finance import Regio

DREMPEL = "nl.wmo.budgetten.budgetdrempel-overschreden.v1"


async def test_each_threshold_is_signalled_exactly_once_as_commitments_grow(regio: Regio) -> None:
    naam = f"Begeleiding {regio.agb}"
    strategie = regio.strategie(Bekostiging(model="inspanningsgericht"))
    await regio.publish(
        strategie.model_copy(update={"segment_naam": naam}),
        regio.contract("inspanningsgericht", [regio.tarief(10_000)]),
    )
    created = await regio.client.post(
        "/api/v1/budgetten",
        json={
            "jaar": 2026,
            "segmentNaam": naam,
            "bedragCents": 1_000_000,
            "drempelPercentages": [70, 90, 100],
        },
        headers=regio.headers("controller"),
    )
    assert created.status_code == 201
    budget_id = created.json()["id"]

    def per_week(uren: int, **extra: Any) -> Any:
        # 4 weeks (Mon 5 Jan - Sun 1 Feb) at 10_000 ct/uur: 40_000 ct per weekly hour.
        return regio.toewijzing(
            einddatum=date(2026, 2, 1),
            omvang=Omvang(volume=uren, eenheid="04", frequentie="2"),
            **extra,
        )

    first = per_week(18)  # 720_000: 72 % crosses 70
    await regio.publish(first)
    await regio.verplichting_van(first.toewijzing_id, bedragCents=720_000)
    second = per_week(1)  # 760_000: 76 %, nothing new
    await regio.publish(second)
    await regio.verplichting_van(second.toewijzing_id, bedragCents=40_000)
    third = per_week(7)  # 1_040_000: 104 % crosses 90 and 100 at once
    await regio.publish(third)
    await regio.verplichting_van(third.toewijzing_id, bedragCents=280_000)
    # Another commitment above 100 % signals nothing more.
    fourth = per_week(1)
    await regio.publish(fourth)
    await regio.verplichting_van(fourth.toewijzing_id)

    signals = [e for e in await regio.outbox(DREMPEL) if e["budgetId"] == budget_id]
    assert [(Decimal(e["drempelPercentage"]), e["besteedCents"]) for e in signals] == [
        (Decimal(70), 720_000),
        (Decimal(90), 1_040_000),
        (Decimal(100), 1_040_000),
    ]
    assert Decimal(signals[0]["percentage"]) == Decimal("72.00")
    read = await regio.client.get(
        f"/api/v1/budgetten/{budget_id}", headers=regio.headers("auditor")
    )
    assert read.json()["verplichtCents"] == 1_080_000
