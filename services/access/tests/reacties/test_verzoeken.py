import uuid
from datetime import timedelta

import httpx

from wmo_access.settings import Settings
from wmo_common.calendar import add_working_days, today
from wmo_common.events.common import Omvang, Product
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.events.gateway import INBOUND, GevraagdProduct, VerzoekToewijzingOntvangen
from wmo_common.privacy import pseudonymise
from wmo_testing.access import PRODUCT, START, Toegang, contract, queued, random_agb, strategie
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def market(publish: Publish, drained: Drained, *, lumpsum: bool) -> str:
    segment_id, agb = uuid.uuid4(), random_agb()
    await publish(
        strategie(
            segment_id,
            individueel=not lumpsum,
            model="taakgericht" if lumpsum else "inspanningsgericht",
        )
    )
    await publish(contract(segment_id, [(agb, "hoofdaannemer")]))
    await drained("contracten", [CONTRACTEN])
    return agb


def verzoek(agb: str, pseudonym: str, referentie: str) -> VerzoekToewijzingOntvangen:
    return VerzoekToewijzingOntvangen(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=uuid.uuid4().hex[:20],
        aanbieder_agb=agb,
        gemeentecode="0855",
        referentie=referentie,
        client_pseudonym=pseudonym,
        producten=[
            GevraagdProduct(
                product=Product.model_validate(PRODUCT),
                ingangsdatum=START,
                einddatum=START + timedelta(days=180),
                omvang=Omvang(volume=3, eenheid="04", frequentie="2"),
            )
        ],
    )


async def test_a_315_in_a_lumpsum_segment_is_granted_to_the_coalition_once(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
) -> None:
    agb = await market(publish, drained, lumpsum=True)
    klant = await Toegang(client, harness).register_client()
    pseudonym = pseudonymise(klant["bsn"], harness.settings.pseudonym_key)
    referentie = uuid.uuid4().hex
    await publish(verzoek(agb, pseudonym, referentie))
    await publish(verzoek(agb, pseudonym, referentie))  # the same request sent again
    await drained("berichten", [INBOUND])

    [antwoord] = await queued(harness, "nl.wmo.toewijzingen.verzoek-beantwoord.v1")
    assert antwoord["data"]["toegekend"] is True
    assert antwoord["data"]["berichtReferentie"] == referentie
    [toegewezen] = await queued(harness, "nl.wmo.toewijzingen.toewijzing-afgegeven.v1")
    assert antwoord["data"]["toewijzingnummers"] == [toegewezen["data"]["toewijzingnummer"]]
    assert toegewezen["data"]["referentieAanbieder"] == referentie
    assert toegewezen["data"]["aanbiederAgb"] == agb
    assert toegewezen["data"]["omvang"] == {"volume": 3, "eenheid": "04", "frequentie": "2"}
    listed = await client.get(
        "/api/v1/toewijzingen",
        params={"clientId": klant["id"]},
        headers=harness.headers("consultant"),
    )
    assert listed.json()["count"] == 1


async def test_a_315_outside_a_lumpsum_segment_becomes_a_taak_due_in_five_working_days(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
) -> None:
    agb = await market(publish, drained, lumpsum=False)
    klant = await Toegang(client, harness).register_client()
    pseudonym = pseudonymise(klant["bsn"], harness.settings.pseudonym_key)
    await publish(verzoek(agb, pseudonym, uuid.uuid4().hex))
    await drained("berichten", [INBOUND])

    assert await queued(harness, "nl.wmo.toewijzingen.verzoek-beantwoord.v1") == []
    taken = await client.get(
        "/api/v1/taken", params={"soort": "verzoek"}, headers=harness.headers("consultant")
    )
    [taak] = taken.json()["results"]
    assert taak["clientId"] == klant["id"]
    assert taak["deadline"] == add_working_days(today(), 5).isoformat()
