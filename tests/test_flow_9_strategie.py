"""Flow 9: the strategy steers execution. A provider's aanmeldstop refuses new toewijzingen from
its date and not before; an expired VOG turns toewijzingen to that provider into warnings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.suite import GEBIED, Suite, expect, problem_slug, wait_for


async def test_an_aanmeldstop_refuses_a_toewijzing_from_its_date_and_not_before(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        stop_date = today() + timedelta(days=14)
        expect(
            await flow.post(
                "providers",
                f"/aanbieders/{markt.agb}/aanmeldstops",
                "provider",
                {
                    "product": markt.product,
                    "gebied": GEBIED,
                    "reden": "Geen personeel voor nieuwe cliënten",
                    "ingangsdatum": stop_date.isoformat(),
                },
                agb=markt.agb,
            ),
            201,
        )
        client = await flow.register_client()
        beschikking = await flow.beschikking(
            client.id,
            [flow.indicatie(markt.segment_id, markt.product, today(), add_months(today(), 6))],
        )
        indicatie_id = beschikking["indicaties"][0]["id"]

        async def toewijzing(ingangsdatum: str) -> Any:
            return await flow.post(
                "access",
                "/toewijzingen",
                "consultant",
                {
                    "indicatieId": indicatie_id,
                    "aanbiederAgb": markt.agb,
                    "ingangsdatum": ingangsdatum,
                },
            )

        async def refused() -> Any:
            response = await toewijzing(stop_date.isoformat())
            return response if problem_slug(response) == "aanmeldstop" else None

        response = await wait_for("toegang refuses from the stop's date", refused)
        assert response.status_code == 409
        assert "Geen personeel" in response.json()["detail"]
        before = await toewijzing((stop_date - timedelta(days=1)).isoformat())
        assert before.status_code == 201, before.text


async def test_an_expired_vog_turns_toewijzingen_to_its_provider_into_counted_warnings(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        expect(
            await flow.post(
                "providers",
                f"/aanbieders/{markt.agb}/kwaliteitsdocumenten",
                "contract-manager",
                {
                    "soort": "vog",
                    "naam": "VOG rechtspersonen",
                    "afgiftedatum": (today() - timedelta(days=800)).isoformat(),
                    "vervaldatum": (today() - timedelta(days=1)).isoformat(),
                    "bewijsReferentie": "DMS-1",
                },
            ),
            201,
        )
        expect(
            await flow.post(
                "providers",
                "/kwaliteitsdocumenten/_verloopcontrole",
                "operations",
                {"peildatum": today().isoformat()},
            ),
            200,
        )

        async def warned() -> dict[str, Any] | None:
            _, toewijzing = await flow.client_in_zorg(
                markt, ingangsdatum=today(), einddatum=add_months(today(), 6)
            )
            return toewijzing if toewijzing["waarschuwingen"] else None

        toewijzing = await wait_for("the toewijzing carries the VOG warning", warned)
        assert toewijzing["status"] == "actief"
        assert any("vog" in w for w in toewijzing["waarschuwingen"])
        tellingen = expect(
            await flow.get("access", "/toewijzing-waarschuwingen/tellingen", "auditor"), 200
        )
        [telling] = [t for t in tellingen if t["agb"] == markt.agb]
        assert telling["toewijzingen"] >= 1
