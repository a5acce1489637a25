import uuid
from datetime import timedelta

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.privacy import pseudonymise
from wmo_testing.access import START, Toegang, contract, indicatie, random_agb, strategie
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def test_reading_the_werkvoorraad_records_a_read_of_each_client_on_the_page(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], publish: Publish, drained: Drained
) -> None:
    segment_id, agb = uuid.uuid4(), random_agb()
    await publish(strategie(segment_id, doorlooptijd=30))
    await publish(contract(segment_id, [(agb, "hoofdaannemer")]))
    await drained("contracten", [CONTRACTEN])
    toegang = Toegang(client, harness)
    einde = START + timedelta(days=60)
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(segment_id, einddatum=einde.isoformat())]
    )
    assert (await toegang.toewijzing(beschikking["indicaties"][0]["id"], agb)).status_code == 201
    checked = await client.post(
        "/api/v1/indicaties/_verloopcontrole",
        json={"peildatum": (einde - timedelta(days=30)).isoformat()},
        headers=harness.headers("operations"),
    )
    assert checked.json()["verloopt"] == 1

    taken = await client.get(
        "/api/v1/taken",
        params={"soort": "herindicatie"},
        headers=harness.headers("auditor", subject="werkvoorraad-lezer"),
    )
    [taak] = taken.json()["results"]
    async with harness.sessionmaker() as session:
        query = select(AuditRecord).where(AuditRecord.actor == "werkvoorraad-lezer")
        [record] = (await session.execute(query)).scalars()
    assert record.handeling == "lezen"
    assert record.resource == f"taken/{taak['id']}"
    assert record.client_pseudonym == pseudonymise(klant["bsn"], harness.settings.pseudonym_key)
