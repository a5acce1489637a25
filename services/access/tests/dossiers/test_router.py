import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_common.calendar import add_working_days, today
from wmo_common.events.common import Omvang, Product
from wmo_common.events.gateway import (
    INBOUND,
    GevraagdProduct,
    VerzoekToewijzingOntvangen,
    ZorgGestart,
)
from wmo_common.events.providers import AANBIEDERS, AanbiederGeregistreerd
from wmo_common.privacy import pseudonymise
from wmo_testing.access import PRODUCT, START, TODAY, Markt, Toegang, indicatie
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def dossier(toegang: Toegang, client_id: str, **params: Any) -> dict[str, Any]:
    response = await toegang.client.get(
        f"/api/v1/clienten/{client_id}/dossier", params=params, headers=toegang.consultant
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def ids(lijst: dict[str, Any]) -> list[str]:
    return [item["id"] for item in lijst["results"]]


async def test_the_dossier_holds_every_step_of_a_clients_process(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(
        AanbiederGeregistreerd(aanbieder_id=uuid.uuid4(), agb=markt.agb, naam="Thuiszorg West")
    )
    await drained("aanbieders", [AANBIEDERS])
    klant = await toegang.register_client()
    pseudonym = pseudonymise(klant["bsn"], toegang.harness.settings.pseudonym_key)
    beschikking = await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    [ind] = beschikking["indicaties"]
    toewijzing = (await toegang.toewijzing(ind["id"], markt.agb)).json()
    await publish(
        ZorgGestart(
            bericht_id=uuid.uuid4(),
            berichtidentificatie=uuid.uuid4().hex[:20],
            aanbieder_agb=markt.agb,
            gemeentecode="0855",
            toewijzingnummer=toewijzing["toewijzingnummer"],
            client_pseudonym=pseudonym,
            product=Product.model_validate(PRODUCT),
            begindatum=START,
            status_aanlevering="1",
        )
    )
    await publish(
        VerzoekToewijzingOntvangen(
            bericht_id=uuid.uuid4(),
            berichtidentificatie=uuid.uuid4().hex[:20],
            aanbieder_agb=markt.agb,
            gemeentecode="0855",
            referentie=uuid.uuid4().hex,
            client_pseudonym=pseudonym,
            producten=[
                GevraagdProduct(
                    product=Product.model_validate(PRODUCT),
                    ingangsdatum=START,
                    einddatum=START + timedelta(days=90),
                    omvang=Omvang(volume=2, eenheid="04", frequentie="2"),
                )
            ],
        )
    )
    await drained("berichten", [INBOUND])
    aanvraag = (
        await toegang.client.get(
            f"/api/v1/aanvragen/{beschikking['aanvraagId']}", headers=toegang.consultant
        )
    ).json()
    plan = (
        await toegang.client.get(
            f"/api/v1/ondersteuningsplannen/{aanvraag['ondersteuningsplanId']}",
            headers=toegang.consultant,
        )
    ).json()
    [resultaat] = plan["resultaten"]
    await toegang.ok(
        f"ondersteuningsplannen/{plan['id']}/resultaten/{resultaat['id']}/evaluatie",
        {"behaald": True, "geevalueerdOp": TODAY.isoformat()},
    )
    nieuwe_melding = await toegang.ok(
        "meldingen",
        {"clientId": klant["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "Valt vaak"},
    )

    found = await dossier(toegang, klant["id"])

    assert found["client"]["id"] == klant["id"]
    assert found["meldingen"]["count"] == 2
    assert nieuwe_melding["id"] in ids(found["meldingen"])
    [onderzoek] = found["onderzoeken"]["results"]
    assert onderzoek["conclusie"] == "Begeleiding individueel nodig"
    [gevonden_plan] = found["ondersteuningsplannen"]["results"]
    assert gevonden_plan["id"] == plan["id"]
    assert gevonden_plan["evaluatiemomenten"] == plan["evaluatiemomenten"]
    assert gevonden_plan["resultaten"][0]["behaald"] is True
    assert gevonden_plan["resultaten"][0]["geevalueerdOp"] == TODAY.isoformat()
    assert ids(found["aanvragen"]) == [aanvraag["id"]]
    assert found["aanvragen"]["results"][0]["beschikt"] is True
    [gevonden_beschikking] = found["beschikkingen"]["results"]
    assert gevonden_beschikking["status"] == "afgegeven"
    assert ids({"results": gevonden_beschikking["indicaties"]}) == [ind["id"]]
    [gevonden_toewijzing] = found["toewijzingen"]["results"]
    assert gevonden_toewijzing["toewijzingnummer"] == toewijzing["toewijzingnummer"]
    assert gevonden_toewijzing["leveringsstatus"] == "gestart"
    assert gevonden_toewijzing["zorgBegindatum"] == START.isoformat()
    assert gevonden_toewijzing["aanbiederNaam"] == "Thuiszorg West"
    [verzoek] = found["verzoeken"]["results"]
    assert verzoek["status"] == "in-behandeling"
    # Open work: the verzoek to decide and the plan's evaluation moment.
    open_taken = {t["soort"]: t for t in found["openTaken"]["results"]}
    assert set(open_taken) == {"verzoek", "evaluatie"}
    assert open_taken["verzoek"]["verzoekId"] == verzoek["id"]
    assert open_taken["evaluatie"]["deadline"] == plan["evaluatiemomenten"][0]
    # The clocks still running: the new melding's onderzoek and the verzoek's answer.
    assert [(t["soort"], t["id"]) for t in found["termijnen"]] == [
        ("verzoek", verzoek["id"]),
        ("onderzoek", nieuwe_melding["id"]),
    ]
    onderzoekstermijn = found["termijnen"][1]
    assert onderzoekstermijn["uiterlijk"] == (TODAY + timedelta(weeks=6)).isoformat()
    assert onderzoekstermijn["resterendeDagen"] == 42
    assert onderzoekstermijn["overschreden"] is False
    assert found["termijnen"][0]["uiterlijk"] == add_working_days(today(), 5).isoformat()


async def test_each_list_shows_the_newest_items_with_the_count_and_a_link_to_the_rest(
    toegang: Toegang,
) -> None:
    klant = await toegang.register_client()
    andere = await toegang.register_client()
    meldingen = [
        await toegang.ok(
            "meldingen",
            {
                "clientId": klant["id"],
                "meldingsdatum": (TODAY - timedelta(days=dagen)).isoformat(),
                "omschrijving": "x",
            },
        )
        for dagen in (3, 1, 2)
    ]
    await toegang.ok(
        "meldingen",
        {"clientId": andere["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "y"},
    )

    found = await dossier(toegang, klant["id"], pageSize=2)

    assert found["meldingen"]["count"] == 3
    assert ids(found["meldingen"]) == [meldingen[1]["id"], meldingen[2]["id"]]
    rest = await toegang.client.get(found["meldingen"]["href"], headers=toegang.consultant)
    assert ids(rest.json()) == [meldingen[1]["id"], meldingen[2]["id"], meldingen[0]["id"]]
    for lijst in ("onderzoeken", "ondersteuningsplannen", "aanvragen", "beschikkingen"):
        assert found[lijst] == {
            "results": [],
            "count": 0,
            "href": found[lijst]["href"],
        }
        empty = await toegang.client.get(found[lijst]["href"], headers=toegang.consultant)
        assert empty.status_code == 200, empty.text
        assert empty.json()["count"] == 0


async def test_reading_a_dossier_is_one_entry_in_the_audit_log(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], toegang: Toegang
) -> None:
    klant = await toegang.register_client()
    await toegang.aanvraag(klant["id"])
    auditor = harness.headers("auditor", subject="auditor-dossier")
    response = await client.get(f"/api/v1/clienten/{klant['id']}/dossier", headers=auditor)
    assert response.status_code == 200
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            select(AuditRecord.resource, AuditRecord.client_pseudonym).where(
                AuditRecord.actor == "auditor-dossier"
            )
        )
        assert rows.all() == [
            (
                f"clienten/{klant['id']}/dossier",
                pseudonymise(klant["bsn"], harness.settings.pseudonym_key),
            )
        ]


async def test_only_consultants_and_auditors_read_a_dossier_of_a_known_client(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], toegang: Toegang
) -> None:
    klant = await toegang.register_client()
    aanbieder = harness.headers("provider", agb="12345678")
    assert (
        await client.get(f"/api/v1/clienten/{klant['id']}/dossier", headers=aanbieder)
    ).status_code == 403
    unknown = await client.get(
        f"/api/v1/clienten/{uuid.uuid4()}/dossier", headers=toegang.consultant
    )
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("/client-niet-gevonden")
    too_many = await client.get(
        f"/api/v1/clienten/{klant['id']}/dossier",
        params={"pageSize": 101},
        headers=toegang.consultant,
    )
    assert too_many.status_code == 400
