"""Flow 7: the provider posts a Wmo307; the care and the toewijzing end, finance stops the
verplichting at the stop, and the CAK is told of the start and of the stop."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from iwmo.models import Wmo308
from wmo_common.calendar import add_months, today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.suite import (
    GEMEENTE,
    Suite,
    expect,
    first_of_previous_month,
    parse_retour,
    pseudonym,
    retourcodes,
    wait_for,
)

# A product of its own, so that its eigen-bijdrage rule touches no other test's clients.
PRODUCT = {"categorie": "02", "code": "02Z07"}
IN_OVERLEG_BEEINDIGD = "23"


async def cak_melding(flow: Flow, bsn: str, aanleiding: str) -> dict[str, Any] | None:
    page = expect(
        await flow.get(
            "finance", "/cak-meldingen", "controller", gemeentecode=GEMEENTE, pageSize=100
        ),
        200,
    )
    found = [
        m
        for m in page["results"]
        if m["clientPseudonym"] == pseudonym(bsn) and m["aanleiding"] == aanleiding
    ]
    return found[0] if found else None


async def test_a_wmo307_ends_the_care_the_verplichting_and_the_eigen_bijdrage(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        regel = await flow.post(
            "finance",
            "/eigen-bijdrage-producten",
            "controller",
            PRODUCT | {"soort": "abonnementstarief"},
        )
        expect(regel, 201, 409)
        markt = await flow.markt(product=PRODUCT)
        start = first_of_previous_month()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)
        berichten = Berichten(markt.agb)
        expect_clean = await flow.send(markt.agb, berichten.wmo305(client.bsn, toewijzing, start))
        assert expect_clean["findings"] == []

        # The CAK hears of the start of the real care; the controller sends that melding.
        start_melding = await wait_for(
            "a CAK start melding", lambda: cak_melding(flow, client.bsn, "start")
        )
        assert start_melding["berichtcode"] == "405"
        assert date.fromisoformat(start_melding["startdatum"]) == start
        assert start_melding["stopdatum"] is None
        expect(
            await flow.post(
                "finance",
                f"/cak-meldingen/{start_melding['id']}/verzendingen",
                "controller",
                {"verzondenOp": today().isoformat()},
            ),
            201,
        )
        await wait_for(
            "finance books the verplichting", lambda: flow.verplichting(markt.agb, nummer)
        )

        stop = today() - timedelta(days=1)
        ontvangst = await flow.send(
            markt.agb,
            berichten.wmo307(client.bsn, toewijzing, start, stop, IN_OVERLEG_BEEINDIGD),
        )
        assert ontvangst["findings"] == []
        retour = parse_retour(ontvangst)
        assert isinstance(retour, Wmo308)
        assert retourcodes(retour) == []

        # Access ends the toewijzing per the stop; the provider gets the Wmo301 that says so.
        async def stopped() -> dict[str, Any] | None:
            read: dict[str, Any] = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
            return read if read["leveringsstatus"] == "gestopt" else None

        gestopt = await wait_for("access records the stop", stopped)
        assert gestopt["status"] == "beeindigd"
        assert date.fromisoformat(gestopt["einddatum"]) == stop
        assert date.fromisoformat(gestopt["zorgEinddatum"]) == stop
        await flow.wmo301(markt.agb, nummer, einddatum=stop)

        # Finance no longer commits money past the stop.
        async def ended() -> dict[str, Any] | None:
            verplichting = await flow.verplichting(markt.agb, nummer)
            return verplichting if verplichting and verplichting["status"] == "beeindigd" else None

        verplichting = await wait_for("finance ends the verplichting", ended)
        assert date.fromisoformat(verplichting["einddatum"]) == stop

        # The CAK hears of the stop, due within a month of it.
        stop_melding = await wait_for(
            "a CAK stop melding", lambda: cak_melding(flow, client.bsn, "stop")
        )
        assert date.fromisoformat(stop_melding["stopdatum"]) == stop
        assert date.fromisoformat(stop_melding["startdatum"]) == start
        assert stop_melding["status"] == "te-verzenden"
        assert date.fromisoformat(stop_melding["uitersteVerzenddatum"]) == add_months(stop, 1)
