"""Flow 1: a contract is activated and access, finance and providers work with it; a published
verwervingsstrategie sets the segment's rules in toegang."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import GEBIED, Suite, expect, fresh_name, problem_slug, wait_for

LUMPSUM = {"model": "taakgericht", "kortingspercentage": "6", "uitvoeringsbijdragePercentage": "15"}
PRODUCT = {"categorie": "02", "code": "02A01"}


async def test_an_activated_coalition_contract_is_known_to_access_finance_and_providers(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        hoofdaannemer, combinant = fresh_agb(), fresh_agb()
        await flow.register_aanbieder(hoofdaannemer, "Coalitie Hart van Brabant")
        await flow.register_aanbieder(combinant, "Samen Verder")
        segment_naam = fresh_name("Begeleiding HvB")
        segment_id = await flow.segment(segment_naam)
        await flow.publish_strategie(segment_id, bekostiging=LUMPSUM, max_indicatie_maanden=12)
        await flow.catalogue_product(PRODUCT)
        contract = await flow.active_contract(
            segment_id,
            [
                {"aanbiederAgb": hoofdaannemer, "naam": "Coalitie", "rol": "hoofdaannemer"},
                {"aanbiederAgb": combinant, "naam": "Samen Verder", "rol": "combinant"},
            ],
            product=PRODUCT,
            bekostiging=LUMPSUM,
            ingangsdatum=date(today().year - 1, 1, 1),
        )
        assert contract["status"] == "actief"

        # Providers: the combinant's file shows the contract, its role and its coalition partner.
        async def deelname() -> dict[str, object] | None:
            aanbieder = expect(
                await flow.get("providers", f"/aanbieders/{combinant}", "contract-manager"), 200
            )
            found = [c for c in aanbieder["contracten"] if c["contractId"] == contract["id"]]
            return found[0] if found else None

        contractdeelname = await wait_for("providers knows the contract", deelname)
        assert contractdeelname["rol"] == "combinant"
        assert contractdeelname["isActief"] is True
        assert contractdeelname["partners"] == [{"agb": hoofdaannemer, "rol": "hoofdaannemer"}]

        # Finance: the lumpsum of the contract after the 6 % cut (the 15 % is a term inside the
        # coalition) is paid to the hoofdaannemer only, in twelve termijnen that add up exactly.
        async def lumpsum() -> httpx.Response | None:
            response = await flow.post(
                "finance",
                "/lumpsumtermijnen",
                "controller",
                {
                    "contractId": contract["id"],
                    "gebied": GEBIED,
                    "jaar": today().year,
                    "taakbudgetCents": 120_000_000,
                    "aantalTermijnen": 12,
                },
            )
            return None if problem_slug(response) == "contract-onbekend" else response

        termijnen = expect(await wait_for("finance knows the contract", lumpsum), 201)
        netto = 120_000_000 * 94 // 100  # the 15 % is the coalition's own term, not deducted
        assert len(termijnen) == 12
        assert {t["nettoBudgetCents"] for t in termijnen} == {netto}
        assert sum(t["bedragCents"] for t in termijnen) == netto
        assert {t["aanbiederAgb"] for t in termijnen} == {hoofdaannemer}

        # Access: the strategy's maximum of 12 months holds for every indicatie in the segment,
        # and the coalition's combinant may be assigned under the contract.
        client = await flow.register_client()
        aanvraag_id = await flow.aanvraag(client.id)
        start = today()

        async def too_long() -> httpx.Response | None:
            indicatie = flow.indicatie(segment_id, PRODUCT, start, add_months(start, 13))
            response = await flow.post_beschikking(aanvraag_id, [indicatie])
            return None if "segment-onbekend" in response.text else response

        refused = await wait_for("toegang knows the strategy", too_long)
        assert refused.status_code == 409, refused.text
        assert problem_slug(refused) == "segmentregels-geschonden"
        assert [p["code"] for p in refused.json()["invalidParams"]] == ["na-segmentmaximum"]

        beschikking = await flow.beschikking(
            client.id,
            [flow.indicatie(segment_id, PRODUCT, start, add_months(start, 12) - timedelta(days=1))],
        )
        toewijzing = await flow.toewijzing(beschikking["indicaties"][0]["id"], combinant)
        assert toewijzing["aanbiederAgb"] == combinant
        assert toewijzing["segmentId"] == segment_id
