"""Flow 5: an indicatie nears its end (indicatie-verloopt, with the segment's lead time) and a
herindicatie taak appears; extending keeps the toewijzing and moves its end (OP380); at the end
date (indicatie-verlopen) the toewijzing ends and finance stops the verplichting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.suite import (
    Suite,
    expect,
    first_of_previous_month,
    toegewezen,
    valid_wmo301,
    wait_for,
)

VERLENGING = "04"


async def verloopcontrole(flow: Flow) -> dict[str, Any]:
    result: dict[str, Any] = expect(
        await flow.post("access", "/indicaties/_verloopcontrole", "operations", {}), 200
    )
    return result


async def herindicatietaak(flow: Flow, indicatie_id: str) -> dict[str, Any] | None:
    page = expect(
        await flow.get("access", "/taken", "consultant", soort="herindicatie", pageSize=100), 200
    )
    found = [t for t in page["results"] if t["indicatieId"] == indicatie_id]
    return found[0] if found else None


async def test_an_indicatie_near_its_end_gets_a_herindicatie_and_an_extension_keeps_the_number(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt(herindicatie_dagen=28)
        start = first_of_previous_month()
        einde = today() + timedelta(days=20)
        client, toewijzing = await flow.client_in_zorg(markt, ingangsdatum=start, einddatum=einde)
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)

        # Twenty days before the end, inside the segment's 28 days: a herindicatie taak.
        assert await herindicatietaak(flow, toewijzing["indicatieId"]) is None
        await verloopcontrole(flow)
        taak = await herindicatietaak(flow, toewijzing["indicatieId"])
        assert taak is not None
        assert taak["clientId"] == client.id
        assert date.fromisoformat(taak["deadline"]) == einde
        assert taak["afgehandeld"] is False

        # The herindicatie: a beschikking that replaces the first, and the same toewijzing
        # extended onto it with reden 04.
        verlengd = add_months(start, 12) - timedelta(days=1)
        herindicatie = await flow.beschikking(
            client.id,
            [flow.indicatie(markt.segment_id, markt.product, start, verlengd)],
            vervangt=toewijzing["beschikkingId"],
        )
        gelezen = await flow.read_toewijzing(toewijzing["id"])
        wijziging = expect(
            await flow.post(
                "access",
                f"/toewijzingen/{toewijzing['id']}/wijzigingen",
                "consultant",
                {
                    "redenWijziging": VERLENGING,
                    "einddatum": verlengd.isoformat(),
                    "indicatieId": herindicatie["indicaties"][0]["id"],
                },
                headers={"If-Match": gelezen.headers["ETag"]},
            ),
            200,
        )
        assert wijziging["toewijzingnummer"] == nummer
        assert date.fromisoformat(wijziging["einddatum"]) == verlengd

        row, _ = await flow.wmo301(markt.agb, nummer, einddatum=verlengd)
        product = toegewezen(valid_wmo301(row["xml"]), nummer)
        assert product.ingangsdatum == start
        assert product.reden_wijziging == VERLENGING

        async def moved() -> dict[str, Any] | None:
            verplichting = await flow.verplichting(markt.agb, nummer)
            if verplichting and date.fromisoformat(verplichting["einddatum"]) == verlengd:
                return verplichting
            return None

        verplichting = await wait_for("finance moves the verplichting's end", moved)
        assert verplichting["status"] == "actief"


async def test_at_its_end_date_an_indicatie_ends_its_toewijzing_and_the_verplichting(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt(herindicatie_dagen=28)
        start = first_of_previous_month()
        einde = today()
        _, toewijzing = await flow.client_in_zorg(markt, ingangsdatum=start, einddatum=einde)
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)
        await wait_for(
            "finance books the verplichting", lambda: flow.verplichting(markt.agb, nummer)
        )

        await verloopcontrole(flow)

        beeindigd = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
        assert beeindigd["status"] == "beeindigd"
        assert date.fromisoformat(beeindigd["einddatum"]) == einde

        async def released() -> dict[str, Any] | None:
            verplichting = await flow.verplichting(markt.agb, nummer)
            return verplichting if verplichting and verplichting["status"] != "actief" else None

        verplichting = await wait_for("finance stops the verplichting", released)
        assert verplichting["status"] == "beeindigd"
        assert date.fromisoformat(verplichting["einddatum"]) == einde
