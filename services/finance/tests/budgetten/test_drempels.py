"""Budget lines watch what is committed and signal each threshold once, through real events."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import event

from wmo_common.events.common import Omvang
from wmo_common.events.contracting import Bekostiging, Partij
from wmo_finance.budgetten import drempels, repository
from wmo_testing.finance import Regio
from wmo_testing.harness import eventually

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

    # Past all its thresholds, the line costs one read of what was announced, not a claim per
    # threshold, for every further commitment.
    seen: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = regio.harness.runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        async with regio.harness.sessionmaker() as session, session.begin():
            await drempels.check_drempels_for(
                session, jaar=2026, segment_id=regio.segment_id, gebied=None
            )
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert [q for q in seen if "FROM budgetdrempelmelding" in q]
    assert not [q for q in seen if "INSERT INTO budgetdrempelmelding" in q]
    assert [e for e in await regio.outbox(DREMPEL) if e["budgetId"] == budget_id] == signals


async def test_a_threshold_counts_exactly_what_each_kind_of_line_shows_as_committed(
    regio: Regio,
) -> None:
    """The threshold check sums only the committed parts (`repository.verplicht_cents`); the
    line's stand sums committed, realised and open together. Both must agree on every kind of
    line: regional, per gebied, per gemeente, with verplichtingen across two years, another
    gemeente's, an approved declaratie and a lumpsum in the same segment."""
    naam = f"Begeleiding {regio.agb}"
    lumpsum_agb = f"{(int(regio.agb) + 1) % 10**8:08d}"
    lumpsum_contract = regio.contract(
        "taakgericht", [], partijen=[Partij(aanbieder_agb=lumpsum_agb, rol="hoofdaannemer")]
    )
    await regio.publish(
        regio.strategie(Bekostiging(model="inspanningsgericht")).model_copy(
            update={"segment_naam": naam}
        ),
        regio.contract("inspanningsgericht", [regio.tarief(10_000)]),
        lumpsum_contract,
    )
    lines = {}
    for gebied, gemeentecode in [(None, None), ("Tilburg", None), (None, "0855"), (None, "0784")]:
        body: dict[str, Any] = {"jaar": 2026, "segmentNaam": naam, "bedragCents": 10**9}
        body |= {"gebied": gebied} if gebied else {}
        body |= {"gemeentecode": gemeentecode} if gemeentecode else {}
        created = await regio.client.post(
            "/api/v1/budgetten", json=body, headers=regio.headers("controller")
        )
        assert created.status_code == 201, created.text
        lines[gebied, gemeentecode] = uuid.UUID(created.json()["id"])
    over_de_jaargrens = regio.toewijzing(
        gebied="Tilburg", ingangsdatum=date(2026, 12, 7), einddatum=date(2027, 1, 31)
    )
    elders = regio.toewijzing(gemeentecode="0784", gebied="Goirle")
    gedeclareerd = regio.toewijzing(gebied="Tilburg")
    await regio.publish(over_de_jaargrens, elders, gedeclareerd)
    for toewijzing in (over_de_jaargrens, elders, gedeclareerd):
        await regio.verplichting_van(toewijzing.toewijzing_id)
    beoordeeld = await regio.beoordeeld(
        regio.declaratie(date(2026, 1, 1), date(2026, 1, 31))
        .regel(gedeclareerd, "R1", product_tarief_cents=10_000)
        .bericht("D1")
    )
    assert beoordeeld["retourcode"] == "8001"
    lumpsum = await eventually(lambda: _lumpsum(regio, lumpsum_contract.contract_id))
    assert lumpsum.status_code == 201, lumpsum.text

    async with regio.harness.sessionmaker() as session:
        for key, budget_id in lines.items():
            budget = await repository.find_by_id(session, budget_id)
            assert budget is not None
            read = await regio.client.get(
                f"/api/v1/budgetten/{budget_id}", headers=regio.headers("auditor")
            )
            shown = read.json()["verplichtCents"]
            assert shown > 0, key
            assert await repository.verplicht_cents(session, budget) == shown, key


async def _lumpsum(regio: Regio, contract_id: uuid.UUID) -> httpx.Response | None:
    """The lumpsum of a taakgericht contract in gebied Tilburg, once finance knows it."""
    response = await regio.client.post(
        "/api/v1/lumpsumtermijnen",
        json={
            "contractId": str(contract_id),
            "gebied": "Tilburg",
            "jaar": 2026,
            "taakbudgetCents": 1_200_000,
        },
        headers=regio.headers("controller"),
    )
    unknown = response.status_code == 409 and response.json()["type"].endswith("/contract-onbekend")
    return None if unknown else response
