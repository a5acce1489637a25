"""Flow 8b, outputgericht: 80 % payable at the Wmo305, 20 % when the result is met, nothing
when it is not, in verplichtingen and betaalbatches; a Wmo323 on it refused (no claims per
prestatie); the 80 % after the toewijzing ended early or was withdrawn. Hand-computed amounts;
the rules: docs/bekostiging.md."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from iwmo.models import Wmo325
from tests.bekostigingsmarkt import (
    NIET_DECLAREERBAAR,
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
from wmo_common.calendar import add_months, today
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

OUTPUT = {"model": "outputgericht", "realisatiefactor": "0.95", "resultaatPercentage": "20"}


async def output_contract(flow: Flow) -> tuple[str, str]:
    """An aanbieder with an outputgericht 80/20 contract at 6543 ct/uur; its agb and segment."""
    agb = fresh_agb()
    segment_id, _ = await market(flow, OUTPUT, (agb, "hoofdaannemer"))
    await active_contract(
        flow,
        segment_id,
        bekostiging=OUTPUT,
        partijen=[partij(agb, "hoofdaannemer")],
        tarieven=[{"product": PRODUCT, "bedragCents": TARIEF_CENTS, "geldigVanaf": "2020-01-01"}],
    )
    return agb, segment_id


async def end_toewijzing(
    flow: Flow, toewijzing: dict[str, Any], einddatum: date, reden: str
) -> None:
    """The consultant ends the toewijzing (or withdraws it, reden 13) on the version just read."""
    gelezen = await flow.read_toewijzing(toewijzing["id"])
    expect(
        await flow.post(
            "access",
            f"/toewijzingen/{toewijzing['id']}/beeindigingen",
            "consultant",
            {"einddatum": einddatum.isoformat(), "redenWijziging": reden},
            headers={"If-Match": gelezen.headers["ETag"]},
        ),
        200,
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


async def test_a_323_on_an_outputgericht_toewijzing_gets_9338_and_finance_books_nothing(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb, segment_id = await output_contract(flow)
        van = first_of_previous_month()
        tot = add_months(van, 1) - timedelta(days=1)
        client, _, toewijzing = await in_zorg(
            flow, agb, indicatie(segment_id, van, van + timedelta(weeks=12, days=-1))
        )
        berichten = Berichten(agb)
        await started(flow, berichten, client, toewijzing, van)
        await verplichting(flow, toewijzing, betaalbaarCents=238_689)

        # Ten hours at the contract tarief: "geen afrekening op inzet", the 80/20 pays this care.
        nummer, referentie = f"D{uuid.uuid4().hex[:10]}", f"R{uuid.uuid4().hex[:8]}"
        xml = berichten.wmo323(
            nummer, (van, tot), [(client.bsn, referentie, toewijzing, (van, tot), 10, TARIEF_CENTS)]
        )
        assert (await flow.send(agb, xml))["findings"] == []
        _, wmo325 = await flow.wait_for_bericht(
            agb,
            "WMO325",
            lambda m: (
                isinstance(m, Wmo325)
                and m.declaratie_antwoord is not None
                and m.declaratie_antwoord.declaratie_nummer == nummer
            ),
            "the Wmo325 refusing the outputgericht claim",
        )
        antwoord = wmo325.declaratie_antwoord
        assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
        [afgewezen] = [p for c in antwoord.clienten for p in c.prestaties]
        assert afgewezen.product_referentie.referentie_nummer == referentie
        assert afgewezen.retour_codes == (NIET_DECLAREERBAAR,)

        # Finance booked nothing for it: the month's batch holds only the 80 %, no prestatie.
        await batch(
            flow,
            agb,
            GEMEENTE,
            van,
            bedragCents=238_689,
            outputbetalingenCents=238_689,
            aantalPrestaties=0,
        )
        await verplichting(flow, toewijzing, bedragCents=298_361, betaalbaarCents=238_689)


async def test_an_outcome_toewijzing_ended_early_keeps_its_80_percent_a_withdrawn_one_cancels_it(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb, segment_id = await output_contract(flow)
        van = first_of_previous_month()
        einde = van + timedelta(weeks=12, days=-1)
        berichten = Berichten(agb)
        beeindigd = await in_zorg(flow, agb, indicatie(segment_id, van, einde))
        ingetrokken = await in_zorg(flow, agb, indicatie(segment_id, van, einde))
        for client, _, toewijzing in (beeindigd, ingetrokken):
            await started(flow, berichten, client, toewijzing, van)
            await verplichting(flow, toewijzing, betaalbaarCents=238_689)
        await batch(flow, agb, GEMEENTE, van, outputbetalingenCents=2 * 238_689)

        # Ended after two weeks, before any result: the 80 % paid the start and stays; the 20 %
        # can no longer be earned and leaves the verplichting (298_361 - 59_672 = 238_689).
        await end_toewijzing(flow, beeindigd[2], van + timedelta(days=13), "02")
        await verplichting(
            flow,
            beeindigd[2],
            status="beeindigd",
            resultaatstatus="vervallen",
            bedragCents=238_689,
            betaalbaarCents=238_689,
        )

        # Withdrawn (reden 13): as if never issued, so its 80 % leaves the batch and the
        # verplichting is released.
        await end_toewijzing(flow, ingetrokken[2], van, "13")
        await verplichting(
            flow, ingetrokken[2], status="vrijgegeven", bedragCents=0, betaalbaarCents=0
        )
        await batch(flow, agb, GEMEENTE, van, bedragCents=238_689, outputbetalingenCents=238_689)
