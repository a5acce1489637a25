"""Flow 4: the provider posts a Wmo323; finance judges each line against the toewijzing, the
contract tarief and the period, and the gateway answers with a Wmo325 carrying the right retour
codes; the controller sees the judged declaratie and the realisation on the budget."""

from __future__ import annotations

import uuid
from datetime import timedelta

from iwmo.models import Wmo325
from wmo_common.calendar import add_months
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.suite import TARIEF_CENTS, Suite, expect, first_of_previous_month, wait_for

ANDER_TARIEF = "0611"


async def test_a_wmo323_is_judged_per_line_and_answered_with_a_wmo325(suite: Suite) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = first_of_previous_month()
        einde_maand = add_months(start, 1) - timedelta(days=1)
        budget_id = await flow.budget(markt, start.year, 500_000_000)
        einddatum = add_months(start, 12) - timedelta(days=1)
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=einddatum
        )
        ander, andere_toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=einddatum
        )
        await flow.wmo301(markt.agb, toewijzing["toewijzingnummer"])
        await flow.wmo301(markt.agb, andere_toewijzing["toewijzingnummer"])

        # Two clients, a whole month of 4 hours each (TR387/TR388): one at the contract tarief,
        # the other at a higher one.
        nummer = f"D{uuid.uuid4().hex[:10]}"
        goed, fout = f"R{uuid.uuid4().hex[:8]}", f"R{uuid.uuid4().hex[:8]}"
        maand = (start, einde_maand)
        xml = Berichten(markt.agb).wmo323(
            nummer,
            maand,
            [
                (client.bsn, goed, toewijzing, maand, 4, TARIEF_CENTS),
                (ander.bsn, fout, andere_toewijzing, maand, 4, TARIEF_CENTS + 500),
            ],
        )
        ontvangst = await flow.send(markt.agb, xml)
        assert ontvangst["berichtsoort"] == "WMO323"
        assert ontvangst["findings"] == []

        _, wmo325 = await flow.wait_for_bericht(
            markt.agb,
            "WMO325",
            lambda m: (
                isinstance(m, Wmo325)
                and m.declaratie_antwoord is not None
                and m.declaratie_antwoord.declaratie_nummer == nummer
            ),
            "the Wmo325 in the provider's outbox",
        )
        assert wmo325.header.retour_codes == ("0200",)
        antwoord = wmo325.declaratie_antwoord
        assert antwoord.totaal_ingediend_bedrag.totaal_bedrag == 4 * TARIEF_CENTS + 4 * (
            TARIEF_CENTS + 500
        )
        assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 4 * TARIEF_CENTS
        # Only the rejected line is echoed, with the code of the broken rule.
        afgewezen = [p for c in antwoord.clienten for p in c.prestaties]
        assert [p.product_referentie.referentie_nummer for p in afgewezen] == [fout]
        assert afgewezen[0].retour_codes == (ANDER_TARIEF,)

        # The provider and the controller read the same verdict from finance.
        page = expect(await flow.get("finance", "/declaraties", "provider", agb=markt.agb), 200)
        declaratie = next(d for d in page["results"] if d["declaratienummer"] == nummer)
        assert declaratie["totaalToegekendCents"] == 4 * TARIEF_CENTS
        assert declaratie["retourcode"] == "0200"
        detail = expect(
            await flow.get("finance", f"/declaraties/{declaratie['id']}", "controller"), 200
        )
        verdicts = {
            p["referentie"]: (p["isGoedgekeurd"], p["retourcodes"]) for p in detail["prestaties"]
        }
        assert verdicts == {goed: (True, []), fout: (False, [ANDER_TARIEF])}

        async def realised() -> dict[str, object] | None:
            budget = await flow.read_budget(budget_id)
            return budget if budget["gerealiseerdCents"] == 4 * TARIEF_CENTS else None

        await wait_for("the budget shows the approved amount as realised", realised)
