"""Flow 3: the provider posts a Wmo305; the gateway answers with a clean 306, access marks the
toewijzing started, providers measures the 301 -> 305 waiting time and the caseload."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from iwmo.models import Wmo306
from wmo_common.calendar import add_months, today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.suite import Suite, expect, parse_retour, retourcodes, wait_for


async def test_a_wmo305_starts_the_care_in_access_and_in_the_providers_figures(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)

        berichten = Berichten(markt.agb)
        ontvangst = await flow.send(markt.agb, berichten.wmo305(client.bsn, toewijzing, start))
        assert ontvangst["berichtsoort"] == "WMO305"
        assert ontvangst["findings"] == []
        retour = parse_retour(ontvangst)
        assert isinstance(retour, Wmo306)
        assert retourcodes(retour) == []

        # The same 306 waits in the provider's outbox.
        await flow.wait_for_bericht(
            markt.agb,
            "WMO306",
            lambda m: (
                m.header.bericht_identificatie.identificatie == ontvangst["berichtidentificatie"]
            ),
            "the 306 in the provider's outbox",
        )

        async def started() -> dict[str, object] | None:
            read = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
            return read if read["leveringsstatus"] == "gestart" else None

        gestart = await wait_for("access marks the toewijzing started", started)
        assert date.fromisoformat(str(gestart["zorgBegindatum"])) == start
        assert gestart["status"] == "actief"

        async def measured() -> dict[str, object] | None:
            kpi = await flow.prestatie_indicatoren(markt.agb, start.strftime("%Y-%m"))
            return kpi if kpi and kpi["gestart"] == 1 else None

        kpi = await wait_for("providers measures the start", measured)
        # Toewijzing and start on the same day: no waiting time, within any treeknorm.
        assert Decimal(str(kpi["gemiddeldeWachttijdDagen"])) == 0
        assert kpi["toewijzingenOntvangen"] == 1
        assert kpi["actieveCaseload"] == 1
