from datetime import date, timedelta
from typing import Any

from wmo_testing.access import TODAY, Markt, Toegang, indicatie, problem_type, random_agb


async def taken_of(toegang: Toegang, client_id: str, **params: Any) -> list[dict[str, Any]]:
    listed = await toegang.client.get(
        "/api/v1/taken", params={"clientId": client_id, **params}, headers=toegang.consultant
    )
    assert listed.status_code == 200, listed.text
    results: list[dict[str, Any]] = listed.json()["results"]
    return results


async def plan_of(toegang: Toegang, aanvraag_id: str) -> dict[str, Any]:
    aanvraag = await toegang.client.get(
        f"/api/v1/aanvragen/{aanvraag_id}", headers=toegang.consultant
    )
    plan = await toegang.client.get(
        f"/api/v1/ondersteuningsplannen/{aanvraag.json()['ondersteuningsplanId']}",
        headers=toegang.consultant,
    )
    result: dict[str, Any] = plan.json()
    return result


async def test_each_evaluation_moment_of_a_plan_is_a_taak_due_on_the_moment(
    toegang: Toegang,
) -> None:
    klant = await toegang.register_client()
    aanvraag = await toegang.aanvraag(klant["id"])
    plan = await plan_of(toegang, aanvraag["id"])
    [moment] = plan["evaluatiemomenten"]

    [taak] = await taken_of(toegang, klant["id"], soort="evaluatie")
    assert (taak["deadline"], taak["ondersteuningsplanId"]) == (moment, plan["id"])
    assert taak["eigenaar"] == "toegang"
    assert taak["afgehandeld"] is False


async def test_a_result_not_met_asks_its_aanbieder_to_explain_within_two_weeks(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    assigned = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert assigned.status_code == 201, assigned.text
    plan = await plan_of(toegang, beschikking["aanvraagId"])
    [resultaat] = plan["resultaten"]
    await toegang.ok(
        f"ondersteuningsplannen/{plan['id']}/resultaten/{resultaat['id']}/evaluatie",
        {"behaald": False, "geevalueerdOp": TODAY.isoformat()},
    )

    [taak] = await taken_of(toegang, klant["id"], soort="uitleg-resultaat")
    assert taak["eigenaar"] == f"aanbieder {markt.agb}"
    assert taak["resultaatId"] == resultaat["id"]
    assert taak["deadline"] == (TODAY + timedelta(days=14)).isoformat()
    assert resultaat["omschrijving"] in taak["omschrijving"]
    assert "niet behaald" in taak["omschrijving"].lower()


async def test_a_result_met_asks_nobody_for_an_explanation(toegang: Toegang) -> None:
    klant = await toegang.register_client()
    aanvraag = await toegang.aanvraag(klant["id"])
    plan = await plan_of(toegang, aanvraag["id"])
    [resultaat] = plan["resultaten"]
    await toegang.ok(
        f"ondersteuningsplannen/{plan['id']}/resultaten/{resultaat['id']}/evaluatie",
        {"behaald": True, "geevalueerdOp": TODAY.isoformat()},
    )
    assert await taken_of(toegang, klant["id"], soort="uitleg-resultaat") == []


async def keuze_dossier(toegang: Toegang, client_id: str) -> dict[str, Any]:
    return await toegang.ok(
        "overgangsdossiers",
        {
            "clientId": client_id,
            "situatie": "client-aanbieder-onbekend",
            "moment": "herindicatie-na-overgang",
            "overgangsdatum": "2023-01-01",
            "ingangsdatum": "2023-02-01",
            "huidigeAanbiederAgb": random_agb(),
        },
    )


async def test_an_overgangsdossier_outcome_becomes_the_taak_to_make_what_it_requires(
    toegang: Toegang,
) -> None:
    verwacht = {
        "coalitie-neemt-over": "overgang-toewijzing",
        "pgb-via-toegang": "overgang-pgb",
        "maatwerkafspraak": None,
    }
    for uitkomst, soort in verwacht.items():
        klant = await toegang.register_client()
        dossier = await keuze_dossier(toegang, klant["id"])
        await toegang.ok(f"overgangsdossiers/{dossier['id']}/uitkomsten", {"uitkomst": uitkomst})
        taken = [t for t in await taken_of(toegang, klant["id"]) if t["overgangsdossierId"]]
        if soort is None:
            assert taken == [], uitkomst
            continue
        [taak] = taken
        assert (taak["soort"], taak["deadline"]) == (soort, date(2023, 1, 1).isoformat())
        assert taak["overgangsdossierId"] == dossier["id"]
        # Choosing the same outcome again makes no second taak.
        await toegang.ok(f"overgangsdossiers/{dossier['id']}/uitkomsten", {"uitkomst": uitkomst})
        assert len(await taken_of(toegang, klant["id"], soort=soort)) == 1


async def test_a_taak_is_closed_once_with_who_closed_it_and_what_was_done(
    toegang: Toegang,
) -> None:
    klant = await toegang.register_client()
    dossier = await keuze_dossier(toegang, klant["id"])
    await toegang.ok(
        f"overgangsdossiers/{dossier['id']}/uitkomsten", {"uitkomst": "coalitie-neemt-over"}
    )
    [taak] = await taken_of(toegang, klant["id"], soort="overgang-toewijzing")
    path = f"/api/v1/taken/{taak['id']}/afrondingen"
    body = {"toelichting": "Toegewezen aan de coalitie"}

    auditor = await toegang.client.post(path, json=body, headers=toegang.harness.headers("auditor"))
    assert auditor.status_code == 403

    closer = toegang.harness.headers("consultant", subject="consulent@tilburg")
    closed = await toegang.client.post(path, json=body, headers=closer)
    assert closed.status_code == 200, closed.text
    afgerond = closed.json()
    assert afgerond["afgehandeld"] is True
    assert afgerond["afgerondDoor"] == "consulent@tilburg"
    assert afgerond["afgerondAt"] is not None
    assert afgerond["afrondingstoelichting"] == "Toegewezen aan de coalitie"
    assert await taken_of(toegang, klant["id"], soort="overgang-toewijzing") == []

    again = await toegang.client.post(path, json=body, headers=closer)
    assert again.status_code == 409
    assert problem_type(again) == "taak-al-afgerond"
    assert "consulent@tilburg" in again.json()["detail"]

    unknown = await toegang.client.post(
        "/api/v1/taken/7f0c1d8e-0000-4000-8000-000000000000/afrondingen", json={}, headers=closer
    )
    assert unknown.status_code == 404
