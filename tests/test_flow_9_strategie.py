"""Flow 9: the strategy steers execution. A provider's aanmeldstop refuses new toewijzingen from
its date and not before; an expired VOG turns toewijzingen to that provider into warnings, or
refusals where the strategy says so; a strategy of one provider per gebied refuses a second
contract there; the acceptatieplicht is the waiting list's norm; the referral advice ranks the
contracted aanbieders by the documented criteria and skips one with an aanmeldstop."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import GEBIED, Markt, Suite, expect, fresh_name, problem_slug, wait_for


async def register_expired_vog(flow: Flow, agb: str) -> None:
    """The aanbieder's only VOG expired yesterday."""
    expect(
        await flow.post(
            "providers",
            f"/aanbieders/{agb}/kwaliteitsdocumenten",
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


async def run_verloopcontrole(flow: Flow) -> None:
    """The daily expiry check of the quality documents, run today."""
    expect(
        await flow.post(
            "providers",
            "/kwaliteitsdocumenten/_verloopcontrole",
            "operations",
            {"peildatum": today().isoformat()},
        ),
        200,
    )


async def expire_vog(flow: Flow, agb: str) -> None:
    await register_expired_vog(flow, agb)
    await run_verloopcontrole(flow)


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
        await expire_vog(flow, markt.agb)

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


async def test_a_strategy_of_one_provider_per_gebied_refuses_a_second_contract_in_that_gebied(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        product = {"categorie": "02", "code": "02A01"}
        pxq = {"model": "inspanningsgericht"}
        eerste, tweede = fresh_agb(), fresh_agb()
        naam = fresh_name("Dagbesteding")
        segment_id = await flow.segment(naam)
        await flow.publish_strategie(segment_id, bekostiging=pxq, beleid="een-per-gebied")
        await flow.catalogue_product(product)
        begin = date(today().year, 1, 1)
        contract = await flow.active_contract(
            segment_id,
            [{"aanbiederAgb": eerste, "naam": "Dagbesteding Tilburg", "rol": "hoofdaannemer"}],
            product=product,
            bekostiging=pxq,
            ingangsdatum=begin,
        )
        concept = expect(
            await flow.post(
                "contracting",
                "/contracten",
                "contract-manager",
                {
                    "contractnummer": f"FLOW9-{uuid.uuid4().hex[:10]}",
                    "segmentId": segment_id,
                    "ingangsdatum": begin.isoformat(),
                    "einddatum": date(today().year + 2, 12, 31).isoformat(),
                    "gebieden": [GEBIED],
                    "bekostiging": pxq,
                    "partijen": [
                        {"aanbiederAgb": tweede, "naam": "Concurrent", "rol": "hoofdaannemer"}
                    ],
                    "tarieven": [
                        {"product": product, "bedragCents": 6000, "geldigVanaf": begin.isoformat()}
                    ],
                },
            ),
            201,
        )
        refused = await flow.post(
            "contracting", f"/contracten/{concept['id']}/activeringen", "contract-manager", {}
        )
        assert refused.status_code == 409, refused.text
        assert problem_slug(refused) == "gebied-al-gecontracteerd"
        assert contract["contractnummer"] in refused.json()["detail"]
        assert GEBIED in refused.json()["detail"]

        # Toegang works with the first aanbieder and never hears of the refused contract.
        markt = Markt(segment_id, naam, contract["id"], eerste, product, begin)
        await flow.client_in_zorg(markt, ingangsdatum=today(), einddatum=add_months(today(), 6))
        client = await flow.register_client()
        beschikking = await flow.beschikking(
            client.id, [flow.indicatie(segment_id, product, today(), add_months(today(), 6))]
        )
        geen = await flow.post(
            "access",
            "/toewijzingen",
            "consultant",
            {"indicatieId": beschikking["indicaties"][0]["id"], "aanbiederAgb": tweede},
        )
        assert geen.status_code == 409
        assert problem_slug(geen) == "geen-actief-contract"


async def test_an_expired_vog_under_a_blocking_policy_refuses_toewijzingen_to_its_provider(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt(verlopen_kwaliteitsdocument_blokkeert=True)
        # Toegang knows the contract: a client is assigned while the VOG is still valid.
        await flow.client_in_zorg(markt, ingangsdatum=today(), einddatum=add_months(today(), 6))
        await register_expired_vog(flow, markt.agb)

        async def blocking() -> dict[str, Any] | None:
            # Providers learns the strategy and the contract from two event streams; the check
            # runs again until it has both.
            await run_verloopcontrole(flow)
            listed = expect(
                await flow.get("providers", f"/signaleringen?agb={markt.agb}", "contract-manager"),
                200,
            )
            found = [
                s
                for s in listed["results"]
                if s["agb"] == markt.agb and s["isBlokkerend"] and s["isOpen"]
            ]
            return found[0] if found else None

        signalering = await wait_for("providers blocks the aanbieder in the segment", blocking)
        assert signalering["segmentId"] == markt.segment_id
        assert "vog" in signalering["reden"]

        async def refused() -> Any:
            client = await flow.register_client()
            beschikking = await flow.beschikking(
                client.id,
                [flow.indicatie(markt.segment_id, markt.product, today(), add_months(today(), 6))],
            )
            response = await flow.post(
                "access",
                "/toewijzingen",
                "consultant",
                {"indicatieId": beschikking["indicaties"][0]["id"], "aanbiederAgb": markt.agb},
            )
            return response if problem_slug(response) == "aanbieder-gesignaleerd" else None

        response = await wait_for("toegang refuses the blocked aanbieder", refused)
        assert response.status_code == 409


async def test_a_waiting_list_breach_appears_after_the_acceptatieplicht_and_not_before(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt(acceptatieplicht_maanden=6)
        client = await flow.register_client()
        beschikking = await flow.beschikking(
            client.id,
            [flow.indicatie(markt.segment_id, markt.product, today(), add_months(today(), 6))],
        )
        aanmelddatum = today() - timedelta(days=30)
        aanmelding = expect(
            await flow.post(
                "access",
                "/aanmeldingen",
                "consultant",
                {
                    "indicatieId": beschikking["indicaties"][0]["id"],
                    "aanbiederAgb": markt.agb,
                    "aanmelddatum": aanmelddatum.isoformat(),
                },
            ),
            201,
        )
        termijn = add_months(aanmelddatum, 6)

        async def breaches(peildatum: date) -> list[dict[str, Any]]:
            listed = expect(
                await flow.get(
                    "access",
                    "/wachtlijsten",
                    "auditor",
                    overschreden="true",
                    peildatum=peildatum.isoformat(),
                ),
                200,
            )
            return [a for a in listed if a["id"] == aanmelding["id"]]

        assert await breaches(termijn) == []
        [breach] = await breaches(termijn + timedelta(days=1))
        assert breach["normDagen"] == (termijn - aanmelddatum).days
        assert breach["dagenWachtend"] == breach["normDagen"] + 1


async def test_the_referral_advice_ranks_by_the_documented_criteria_and_skips_an_aanmeldstop(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        product = {"categorie": "02", "code": "02A01"}
        pxq = {"model": "inspanningsgericht"}
        schoon, gesignaleerd, gestopt = fresh_agb(), fresh_agb(), fresh_agb()
        segment_id = await flow.segment(fresh_name("Begeleiding"))
        await flow.publish_strategie(segment_id, bekostiging=pxq)
        await flow.catalogue_product(product)
        for agb in (schoon, gesignaleerd, gestopt):
            await flow.register_aanbieder(agb, f"Zorgaanbieder {agb}")
            await flow.active_contract(
                segment_id,
                [{"aanbiederAgb": agb, "naam": f"Zorgaanbieder {agb}", "rol": "hoofdaannemer"}],
                product=product,
                bekostiging=pxq,
                ingangsdatum=date(today().year, 1, 1),
            )
        await expire_vog(flow, gesignaleerd)
        expect(
            await flow.post(
                "providers",
                f"/aanbieders/{gestopt}/aanmeldstops",
                "provider",
                {
                    "product": product,
                    "gebied": GEBIED,
                    "reden": "Geen personeel voor nieuwe cliënten",
                    "ingangsdatum": (today() + timedelta(days=14)).isoformat(),
                },
                agb=gestopt,
            ),
            201,
        )
        client = await flow.register_client()
        ingang = today() + timedelta(days=21)
        beschikking = await flow.beschikking(
            client.id, [flow.indicatie(segment_id, product, ingang, add_months(ingang, 6))]
        )
        indicatie_id = beschikking["indicaties"][0]["id"]

        async def settled() -> dict[str, Any] | None:
            advies = expect(
                await flow.get(
                    "access",
                    f"/indicaties/{indicatie_id}/verwijsadvies",
                    "consultant",
                    voorkeurAgb=gesignaleerd,
                ),
                200,
            )
            gezien = {a["agb"] for a in advies["aanbieders"]} | {
                o["agb"] for o in advies["overgeslagen"]
            }
            signalering_bekend = any(a["openSignaleringen"] for a in advies["aanbieders"])
            compleet = gezien == {schoon, gesignaleerd, gestopt} and signalering_bekend
            return advies if compleet and advies["overgeslagen"] else None

        advies = await wait_for("toegang knows the three aanbieders and their standing", settled)
        # Equal on the Treeknorm (no waiting times measured yet): fewer open signaleringen
        # first; the client's wish is noted, not put first.
        assert [(a["rang"], a["agb"]) for a in advies["aanbieders"]] == [
            (1, schoon),
            (2, gesignaleerd),
        ]
        eerste, tweede = advies["aanbieders"]
        assert (eerste["openSignaleringen"], tweede["openSignaleringen"]) == (0, 1)
        assert tweede["isVoorkeur"] is True
        assert "Voorkeur van de cliënt." in tweede["redenen"]
        assert any(r.startswith("Signalering:") for r in tweede["redenen"])
        [overgeslagen] = advies["overgeslagen"]
        assert overgeslagen["agb"] == gestopt
        assert overgeslagen["reden"].startswith("Aanmeldstop vanaf")
        assert advies["criteria"]
