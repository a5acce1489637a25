import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_access.termijnen import VERZOEK_ONDERZOEK_TERMIJN
from wmo_common.audit import AuditRecord
from wmo_common.calendar import add_working_days, today
from wmo_common.events.common import Omvang, Product
from wmo_common.events.gateway import (
    INBOUND,
    GevraagdProduct,
    VerzoekToewijzingOntvangen,
    VerzoekWijzigingOntvangen,
)
from wmo_common.privacy import pseudonymise
from wmo_testing.access import PRODUCT, START, Markt, Toegang, indicatie, queued, random_agb
from wmo_testing.harness import Drained, Publish, ServiceHarness

AFGEGEVEN = "nl.wmo.toewijzingen.toewijzing-afgegeven.v1"
GEWIJZIGD = "nl.wmo.toewijzingen.toewijzing-gewijzigd.v1"
BEANTWOORD = "nl.wmo.toewijzingen.verzoek-beantwoord.v1"
IN_ONDERZOEK = "nl.wmo.toewijzingen.verzoek-in-onderzoek.v1"
OMVANG = Omvang(volume=3, eenheid="04", frequentie="2")


def _inbound(agb: str) -> dict[str, Any]:
    return {
        "bericht_id": uuid.uuid4(),
        "berichtidentificatie": uuid.uuid4().hex[:20],
        "aanbieder_agb": agb,
        "gemeentecode": "0855",
        "referentie": uuid.uuid4().hex,
    }


async def receive_315(
    toegang: Toegang, publish: Publish, drained: Drained, agb: str, **client: Any
) -> dict[str, Any]:
    """A registered client and a 315 for them from `agb`, as the consultant's queue shows it."""
    klant = await toegang.register_client(**client)
    await publish(
        VerzoekToewijzingOntvangen(
            **_inbound(agb),
            client_pseudonym=pseudonymise(klant["bsn"], toegang.harness.settings.pseudonym_key),
            producten=[
                GevraagdProduct(
                    product=Product.model_validate(PRODUCT),
                    ingangsdatum=START,
                    einddatum=START + timedelta(days=180),
                    omvang=OMVANG,
                    soort="aangevraagd",
                )
            ],
        )
    )
    await drained("berichten", [INBOUND])
    return await only_verzoek(toegang, klant["id"])


async def only_verzoek(toegang: Toegang, client_id: str) -> dict[str, Any]:
    listed = await toegang.client.get("/api/v1/verzoeken", headers=toegang.consultant)
    assert listed.status_code == 200, listed.text
    results: list[dict[str, Any]] = listed.json()["results"]
    [verzoek] = [v for v in results if v["clientId"] == client_id]
    return verzoek


async def decide(toegang: Toegang, verzoek: dict[str, Any], **body: Any) -> httpx.Response:
    return await toegang.post(f"verzoeken/{verzoek['id']}/beslissingen", body)


async def open_taken(toegang: Toegang) -> list[dict[str, Any]]:
    response = await toegang.client.get(
        "/api/v1/taken", params={"soort": "verzoek"}, headers=toegang.consultant
    )
    results: list[dict[str, Any]] = response.json()["results"]
    return results


async def test_the_queue_shows_each_open_verzoek_with_its_five_working_day_deadline(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    verzoek = await receive_315(toegang, publish, drained, markt.agb)
    assert verzoek["soort"] == "toewijzing"
    assert verzoek["status"] == "in-behandeling"
    assert verzoek["ontvangenOp"] == today().isoformat()
    assert verzoek["deadline"] == add_working_days(today(), 5).isoformat()
    assert verzoek["inOnderzoek"] is False
    assert verzoek["overschreden"] is False
    assert verzoek["producten"][0]["omvang"] == {"volume": 3, "eenheid": "04", "frequentie": "2"}
    async with toegang.harness.sessionmaker() as session:
        records = (await session.execute(select(AuditRecord))).scalars().all()
    assert f"verzoeken/{verzoek['id']}" in {r.resource for r in records}


async def test_granting_a_315_assigns_the_product_with_the_verzoek_referentie_once(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    markt: Markt,
    publish: Publish,
    drained: Drained,
) -> None:
    verzoek = await receive_315(toegang, publish, drained, markt.agb)
    granted = await decide(toegang, verzoek, besluit="toekennen")
    assert granted.status_code == 200, granted.text
    assert granted.json()["status"] == "toegekend"
    [toegewezen] = await queued(harness, AFGEGEVEN)
    assert toegewezen["data"]["referentieAanbieder"] == verzoek["referentie"]
    assert toegewezen["data"]["verzoekId"] == verzoek["id"]
    assert toegewezen["data"]["omvang"] == {"volume": 3, "eenheid": "04", "frequentie": "2"}
    assert granted.json()["toewijzingnummers"] == [toegewezen["data"]["toewijzingnummer"]]
    [antwoord] = await queued(harness, BEANTWOORD)
    assert antwoord["data"]["toegekend"] is True
    assert antwoord["data"]["berichtReferentie"] == verzoek["referentie"]
    assert await open_taken(toegang) == []

    again = await decide(toegang, verzoek, besluit="toekennen")
    assert again.status_code == 200
    assert again.json() == granted.json()
    assert len(await queued(harness, AFGEGEVEN)) == 1
    assert len(await queued(harness, BEANTWOORD)) == 1
    other = await decide(toegang, verzoek, besluit="afwijzen", redenAfwijzing="7")
    assert other.status_code == 409
    assert other.json()["type"].endswith("/verzoek-al-beslist")


async def test_refusing_names_the_iwmo_reason_zero_padded_in_the_answer(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    markt: Markt,
    publish: Publish,
    drained: Drained,
) -> None:
    verzoek = await receive_315(toegang, publish, drained, markt.agb)
    without = await decide(toegang, verzoek, besluit="afwijzen")
    assert without.status_code == 400
    with_on_grant = await decide(toegang, verzoek, besluit="toekennen", redenAfwijzing="3")
    assert with_on_grant.status_code == 400
    refused = await decide(toegang, verzoek, besluit="afwijzen", redenAfwijzing="3")
    assert refused.status_code == 200, refused.text
    assert refused.json()["status"] == "afgewezen"
    assert refused.json()["redenAfwijzing"] == "3"
    [antwoord] = await queued(harness, BEANTWOORD)
    assert antwoord["data"]["toegekend"] is False
    assert antwoord["data"]["redenAfwijzing"] == "03"
    assert antwoord["data"]["toewijzingnummers"] == []
    assert await queued(harness, AFGEGEVEN) == []
    repeated = await decide(toegang, verzoek, besluit="afwijzen", redenAfwijzing="3")
    assert repeated.status_code == 200
    assert len(await queued(harness, BEANTWOORD)) == 1


async def test_in_onderzoek_moves_the_deadline_to_eight_weeks_and_still_awaits_a_decision(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    markt: Markt,
    publish: Publish,
    drained: Drained,
) -> None:
    verzoek = await receive_315(toegang, publish, drained, markt.agb)
    marked = await decide(toegang, verzoek, besluit="in-onderzoek")
    assert marked.status_code == 200, marked.text
    deadline = (date.fromisoformat(verzoek["ontvangenOp"]) + VERZOEK_ONDERZOEK_TERMIJN).isoformat()
    assert marked.json()["inOnderzoek"] is True
    assert marked.json()["deadline"] == deadline
    assert marked.json()["status"] == "in-behandeling"
    assert (await decide(toegang, verzoek, besluit="in-onderzoek")).json() == marked.json()
    [taak] = await open_taken(toegang)
    assert taak["deadline"] == deadline
    assert await queued(harness, BEANTWOORD) == []
    # The aanbieder is told once, with the referentie and the new deadline: a Wmo319 answer 2.
    [onderzoek] = await queued(harness, IN_ONDERZOEK)
    assert onderzoek["data"]["berichtReferentie"] == verzoek["referentie"]
    assert onderzoek["data"]["deadline"] == deadline
    granted = await decide(toegang, verzoek, besluit="toekennen")
    assert granted.json()["status"] == "toegekend"


async def test_granting_for_an_aanbieder_without_contract_is_refused_with_a_hint(
    toegang: Toegang, publish: Publish, drained: Drained, markt: Markt
) -> None:
    verzoek = await receive_315(toegang, publish, drained, random_agb())
    response = await decide(toegang, verzoek, besluit="toekennen")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/geen-actief-contract")
    assert "reden 3" in response.json()["detail"]
    assert (await only_verzoek(toegang, verzoek["clientId"]))["status"] == "in-behandeling"


async def test_only_a_consultant_decides(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    markt: Markt,
    publish: Publish,
    drained: Drained,
) -> None:
    verzoek = await receive_315(toegang, publish, drained, markt.agb)
    for headers in (harness.headers("auditor"), harness.headers("provider", agb=markt.agb)):
        response = await toegang.client.post(
            f"/api/v1/verzoeken/{verzoek['id']}/beslissingen",
            json={"besluit": "toekennen"},
            headers=headers,
        )
        assert response.status_code == 403
    unknown = await toegang.post(f"verzoeken/{uuid.uuid4()}/beslissingen", {"besluit": "toekennen"})
    assert unknown.status_code == 404


@pytest.fixture
async def toegewezen(toegang: Toegang, markt: Markt) -> dict[str, Any]:
    """A client's toewijzing (4 hours a week for 180 days) made by a consultant."""
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert created.status_code == 201, created.text
    result: dict[str, Any] = created.json()
    result["pseudonym"] = pseudonymise(klant["bsn"], toegang.harness.settings.pseudonym_key)
    return result


async def receive_317(
    toegang: Toegang,
    publish: Publish,
    drained: Drained,
    toewijzing: dict[str, Any],
    *,
    agb: str | None = None,
    **gevraagd: Any,
) -> dict[str, Any]:
    await publish(
        VerzoekWijzigingOntvangen(
            **_inbound(agb or toewijzing["aanbiederAgb"]),
            client_pseudonym=toewijzing["pseudonym"],
            producten=[
                GevraagdProduct(
                    product=Product.model_validate(PRODUCT),
                    ingangsdatum=START,
                    toewijzingnummer=toewijzing["toewijzingnummer"],
                    soort="te-wijzigen",
                    **gevraagd,
                )
            ],
        )
    )
    await drained("berichten", [INBOUND])
    return await only_verzoek(toegang, toewijzing["clientId"])


async def test_granting_a_317_extends_the_toewijzing_under_its_number(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    toegewezen: dict[str, Any],
    publish: Publish,
    drained: Drained,
) -> None:
    nieuw_einde = START + timedelta(days=300)
    verzoek = await receive_317(
        toegang,
        publish,
        drained,
        toegewezen,
        einddatum=nieuw_einde,
        omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
    )
    assert verzoek["soort"] == "wijziging"
    granted = await decide(toegang, verzoek, besluit="toekennen")
    assert granted.status_code == 200, granted.text
    assert granted.json()["toewijzingnummers"] == [toegewezen["toewijzingnummer"]]
    [gewijzigd] = await queued(harness, GEWIJZIGD)
    assert gewijzigd["data"]["toewijzingnummer"] == toegewezen["toewijzingnummer"]
    assert gewijzigd["data"]["einddatum"] == nieuw_einde.isoformat()
    assert gewijzigd["data"]["redenWijziging"] == "04"
    assert gewijzigd["data"]["referentieAanbieder"] == verzoek["referentie"]
    [antwoord] = await queued(harness, BEANTWOORD)
    assert antwoord["data"]["soort"] == "wijziging"
    assert antwoord["data"]["toegekend"] is True
    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{toegewezen['id']}", headers=toegang.consultant
    )
    assert read.json()["einddatum"] == nieuw_einde.isoformat()
    assert read.json()["indicatieId"] != toegewezen["indicatieId"]

    # The replaced indicatie no longer expires on its own; the new one runs to the new end.
    old_end = date.fromisoformat(toegewezen["einddatum"])
    check = await toegang.ok("indicaties/_verloopcontrole", {"peildatum": old_end.isoformat()})
    assert check["verlopen"] == 0
    assert check["toewijzingenBeeindigd"] == 0


async def test_a_317_asking_a_different_weekly_omvang_cannot_be_granted_in_place(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    toegewezen: dict[str, Any],
    publish: Publish,
    drained: Drained,
) -> None:
    verzoek = await receive_317(
        toegang,
        publish,
        drained,
        toegewezen,
        einddatum=date.fromisoformat(toegewezen["einddatum"]),
        omvang=Omvang(volume=6, eenheid="04", frequentie="2"),
    )
    response = await decide(toegang, verzoek, besluit="toekennen")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/nieuwe-toewijzing-nodig")
    assert await queued(harness, GEWIJZIGD) == []
    # The iWmo answer for this case: "geen wijziging, maar nieuwe aanvraag".
    refused = await decide(toegang, verzoek, besluit="afwijzen", redenAfwijzing="1")
    assert refused.json()["status"] == "afgewezen"


async def test_a_317_naming_a_toewijzing_of_another_aanbieder_is_refused(
    toegang: Toegang, toegewezen: dict[str, Any], publish: Publish, drained: Drained
) -> None:
    verzoek = await receive_317(
        toegang,
        publish,
        drained,
        toegewezen,
        agb=random_agb(),
        einddatum=START + timedelta(days=300),
        omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
    )
    response = await decide(toegang, verzoek, besluit="toekennen")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/verzoek-past-niet")
