"""Flow 8b, outputgericht: 80 % payable at the Wmo305, 20 % when the result is met, nothing
when it is not, in verplichtingen and betaalbatches. Hand-computed amounts; the rules:
docs/bekostiging.md."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.bekostigingsmarkt import (
    PRODUCT,
    active_contract,
    batch,
    in_zorg,
    indicatie,
    market,
    partij,
    started,
    verplichting,
)
from wmo_common.calendar import today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import (
    GEMEENTE,
    TARIEF_CENTS,
    Suite,
    expect,
    first_of_previous_month,
)


async def resultaat_evalueren(flow: Flow, beschikking: dict[str, Any], behaald: bool) -> None:
    """The consultant evaluates the SMART result of the plan the beschikking followed."""
    aanvraag = expect(
        await flow.get("access", f"/aanvragen/{beschikking['aanvraagId']}", "consultant"), 200
    )
    plan_id = aanvraag["ondersteuningsplanId"]
    plan = expect(await flow.get("access", f"/ondersteuningsplannen/{plan_id}", "consultant"), 200)
    [resultaat] = plan["resultaten"]
    expect(
        await flow.post(
            "access",
            f"/ondersteuningsplannen/{plan_id}/resultaten/{resultaat['id']}/evaluatie",
            "consultant",
            {"behaald": behaald, "geevalueerdOp": today().isoformat()},
        ),
        200,
    )


async def test_an_outcome_toewijzing_pays_80_percent_at_the_wmo305_and_20_when_the_result_is_met(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb = fresh_agb()
        output = {"model": "outputgericht", "realisatiefactor": "0.95", "resultaatPercentage": "20"}
        segment_id, _ = await market(flow, output, (agb, "hoofdaannemer"))
        await active_contract(
            flow,
            segment_id,
            bekostiging=output,
            partijen=[partij(agb, "hoofdaannemer")],
            tarieven=[
                {"product": PRODUCT, "bedragCents": TARIEF_CENTS, "geldigVanaf": "2020-01-01"}
            ],
        )
        van = first_of_previous_month()
        einde = van + timedelta(weeks=12, days=-1)
        gehaald = await in_zorg(flow, agb, indicatie(segment_id, van, einde))
        gemist = await in_zorg(flow, agb, indicatie(segment_id, van, einde))

        # The budget, not the hours: 4 uur x 12 weeks x 6543 = 314_064, x 0.95 = 298_360.8
        # -> 298_361; 20 % of it (59_672.2 -> 59_672) waits for the result, 80 % is 238_689.
        for _, _, toewijzing in (gehaald, gemist):
            row = await verplichting(flow, toewijzing, resultaatstatus="open")
            assert (row["bedragCents"], row["resultaatCents"], row["betaalbaarCents"]) == (
                298_361,
                59_672,
                0,
            )
            assert sum(j["bedragCents"] for j in row["perJaar"]) == 298_361

        # The Wmo305 makes the 80 % payable, in last month's batch of Tilburg.
        berichten = Berichten(agb)
        for client, _, toewijzing in (gehaald, gemist):
            await started(flow, berichten, client, toewijzing, van)
            await verplichting(flow, toewijzing, betaalbaarCents=238_689)
        await batch(flow, agb, GEMEENTE, van, outputbetalingenCents=2 * 238_689)

        # Met: the 20 % becomes payable this month. Not met: nothing more, and the 20 % leaves
        # the verplichting (298_361 - 59_672 = 238_689).
        await resultaat_evalueren(flow, gehaald[1], behaald=True)
        await resultaat_evalueren(flow, gemist[1], behaald=False)
        await verplichting(
            flow,
            gehaald[2],
            resultaatstatus="behaald",
            bedragCents=298_361,
            betaalbaarCents=298_361,
        )
        await verplichting(
            flow,
            gemist[2],
            resultaatstatus="niet-behaald",
            bedragCents=238_689,
            betaalbaarCents=238_689,
        )
        await batch(flow, agb, GEMEENTE, today().replace(day=1), outputbetalingenCents=59_672)
