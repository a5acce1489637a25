"""Flow 8c, P x Q: the tarief of the indicated intensiteit prices the verplichting and judges
the claim; two clients of two gemeenten are booked to their own gemeente's budget, and each
budget line signals the thresholds it crossed.
Hand-computed amounts; the rules: docs/bekostiging.md."""

from __future__ import annotations

import json
import sys
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from iwmo.models import Wmo325
from tests.bekostigingsmarkt import (
    ANDER_TARIEF,
    GOIRLE,
    PRODUCT,
    WEST,
    active_contract,
    in_zorg,
    indicatie,
    market,
    partij,
    register_client,
    verplichting,
)
from wmo_common.calendar import add_months
from wmo_common.events.finance import BUDGETTEN, BudgetdrempelOverschreden
from wmo_testing.aanbieder import Berichten
from wmo_testing.events import read_all
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import (
    GEBIED,
    GEMEENTE,
    TARIEF_CENTS,
    Suite,
    expect,
    first_of_previous_month,
    problem_slug,
    wait_for,
)


async def test_the_tarief_of_the_indicated_intensiteit_prices_the_verplichting_and_the_claim(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb = fresh_agb()
        pxq = {"model": "inspanningsgericht"}
        segment_id, _ = await market(flow, pxq, (agb, "hoofdaannemer"))
        await active_contract(
            flow,
            segment_id,
            bekostiging=pxq,
            partijen=[partij(agb, "hoofdaannemer")],
            tarieven=[
                {
                    "product": PRODUCT,
                    "intensiteit": i,
                    "bedragCents": c,
                    "geldigVanaf": "2020-01-01",
                }
                for i, c in (("midden", 6543), ("zwaar", 8000))
            ],
        )
        van = first_of_previous_month()
        vier_weken = van + timedelta(weeks=4, days=-1)
        zwaar_client, _, zwaar = await in_zorg(
            flow, agb, indicatie(segment_id, van, vier_weken, intensiteit="zwaar")
        )
        midden_client, _, midden = await in_zorg(
            flow, agb, indicatie(segment_id, van, vier_weken, intensiteit="2")
        )
        # 4 uur x 4 weeks at the tarief of each intensiteit.
        await verplichting(flow, zwaar, bedragCents=4 * 4 * 8000, intensiteit="zwaar")
        await verplichting(flow, midden, bedragCents=4 * 4 * 6543, intensiteit="midden")

        # An intensiteit the contract does not offer is refused at the beschikking (409); one
        # that is no intensiteit at all is invalid input (400).
        client = await flow.register_client()
        aanvraag = await flow.aanvraag(client.id)
        licht = await flow.post_beschikking(
            aanvraag, [indicatie(segment_id, van, vier_weken, intensiteit="licht")]
        )
        assert (licht.status_code, problem_slug(licht)) == (409, "intensiteit-niet-gecontracteerd")
        onzin = await flow.post_beschikking(
            aanvraag, [indicatie(segment_id, van, vier_weken, intensiteit="heel zwaar")]
        )
        assert onzin.status_code == 400
        assert [p["name"] for p in onzin.json()["invalidParams"]] == ["indicaties.0.intensiteit"]

        # Both claim 4 hours at 8000: right for zwaar, the midden client's tarief is 6543.
        nummer = f"D{uuid.uuid4().hex[:10]}"
        goed, fout = f"R{uuid.uuid4().hex[:8]}", f"R{uuid.uuid4().hex[:8]}"
        maand = (van, add_months(van, 1) - timedelta(days=1))
        xml = Berichten(agb).wmo323(
            nummer,
            maand,
            [
                (zwaar_client.bsn, goed, zwaar, (van, vier_weken), 4, 8000),
                (midden_client.bsn, fout, midden, (van, vier_weken), 4, 8000),
            ],
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
            "the Wmo325 on the claims per intensiteit",
        )
        antwoord = wmo325.declaratie_antwoord
        assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 4 * 8000
        [afgewezen] = [p for c in antwoord.clienten for p in c.prestaties]
        assert afgewezen.product_referentie.referentie_nummer == fout
        assert afgewezen.retour_codes == (ANDER_TARIEF,)


# --- per gemeente ------------------------------------------------------------------------------


async def test_two_clients_of_two_gemeenten_are_booked_to_their_own_gemeentes_budget(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb = fresh_agb()
        pxq = {"model": "inspanningsgericht"}
        segment_id, segment_naam = await market(flow, pxq, (agb, "hoofdaannemer"))
        await active_contract(
            flow,
            segment_id,
            bekostiging=pxq,
            gebieden=[GEBIED, WEST],
            partijen=[partij(agb, "hoofdaannemer")],
            tarieven=[
                {"product": PRODUCT, "bedragCents": TARIEF_CENTS, "geldigVanaf": "2020-01-01"}
            ],
        )
        jaar = first_of_previous_month().year
        budgetten = {}
        for gemeente in (GEMEENTE, GOIRLE, None):
            body = {
                "jaar": jaar,
                "segmentNaam": segment_naam,
                "bedragCents": 1_000_000,
                "drempelPercentages": [10, 15],
            }
            created = expect(
                await flow.post(
                    "finance", "/budgetten", "controller", body | {"gemeentecode": gemeente}
                ),
                201,
            )
            budgetten[gemeente] = created["id"]

        van = first_of_previous_month()
        vier_weken = van + timedelta(weeks=4, days=-1)
        _, _, in_tilburg = await in_zorg(flow, agb, indicatie(segment_id, van, vier_weken))
        goirlenaar = await register_client(flow, GOIRLE, WEST)
        _, _, in_goirle = await in_zorg(
            flow, agb, indicatie(segment_id, van, vier_weken, uren=2), goirlenaar
        )
        # 4 weeks at 6543: 4 uur a week for the Tilburger, 2 for the Goirlenaar.
        await verplichting(flow, in_tilburg, bedragCents=104_688, gemeentecode=GEMEENTE)
        await verplichting(flow, in_goirle, bedragCents=52_344, gemeentecode=GOIRLE)

        async def verplicht(gemeente: str | None, cents: int) -> None:
            async def booked() -> dict[str, Any] | None:
                read: dict[str, Any] = expect(
                    await flow.get("finance", f"/budgetten/{budgetten[gemeente]}", "controller"),
                    200,
                )
                return read if read["verplichtCents"] == cents else None

            await wait_for(f"the budget of {gemeente or 'the region'} at {cents}", booked)

        await verplicht(GEMEENTE, 104_688)
        await verplicht(GOIRLE, 52_344)
        await verplicht(None, 104_688 + 52_344)

        # A controller asks per gemeente and per segment.
        uitgaven = expect(
            await flow.get("finance", "/uitgaven", "controller", jaar=jaar, segmentId=segment_id),
            200,
        )
        assert [(r["gemeentecode"], r["verplichtCents"]) for r in uitgaven["regels"]] == [
            (GOIRLE, 52_344),
            (GEMEENTE, 104_688),
        ]
        alleen_goirle = expect(
            await flow.get(
                "finance",
                "/uitgaven",
                "controller",
                jaar=jaar,
                segmentId=segment_id,
                gemeente=GOIRLE,
            ),
            200,
        )
        assert alleen_goirle["totaal"]["verplichtCents"] == 52_344

        # Each line signals the thresholds what it counts has crossed, once each, on finance's
        # topic: the region 15.7 % (10 and 15), Tilburg 10.5 % (10), Goirle 5.2 % (none).
        verwacht = {
            (budgetten[None], Decimal(10)),
            (budgetten[None], Decimal(15)),
            (budgetten[GEMEENTE], Decimal(10)),
        }

        async def alle_drempels() -> list[tuple[str, Decimal]] | None:
            gemeld = await drempels_gemeld(set(budgetten.values()))
            return gemeld if set(gemeld) >= verwacht else None

        gemeld = await wait_for("the budget thresholds on finance's topic", alle_drempels)
        assert sorted(gemeld) == sorted(verwacht)


async def drempels_gemeld(budget_ids: set[str]) -> list[tuple[str, Decimal]]:
    """The (budget, threshold) pairs of every budgetdrempel-overschreden of these budget lines
    on finance's topic so far."""
    records = await read_all(BUDGETTEN, expected=sys.maxsize, timeout=2.0)
    gemeld = []
    for record in records:
        envelope = json.loads(record.value)
        if envelope["type"] == BudgetdrempelOverschreden.event_type:
            data = envelope["data"]
            if data["budgetId"] in budget_ids:
                gemeld.append((data["budgetId"], Decimal(data["drempelPercentage"])))
    return gemeld
