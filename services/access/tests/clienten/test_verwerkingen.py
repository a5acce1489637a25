"""Processing that tells something about a person is recorded even when the request fails."""

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_common.privacy import pseudonymise
from wmo_testing.access import random_bsn
from wmo_testing.harness import ServiceHarness


async def test_registering_a_known_bsn_is_refused_and_recorded_as_a_search_of_that_person(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    bsn = random_bsn()
    body = {
        "bsn": bsn,
        "voornamen": "Johanna",
        "achternaam": "de Vries",
        "geboortedatum": "1948-03-12",
        "geslacht": "2",
        "gemeentecode": "0855",
    }
    first = await client.post("/api/v1/clienten", json=body, headers=harness.headers("consultant"))
    assert first.status_code == 201
    again = await client.post(
        "/api/v1/clienten", json=body, headers=harness.headers("consultant", subject="nieuwsgierig")
    )
    assert again.status_code == 409

    async with harness.sessionmaker() as session:
        records = (await session.execute(select(AuditRecord).order_by(AuditRecord.id))).scalars()
        rows = [(r.actor, r.handeling, r.client_pseudonym, r.resource) for r in records]
    pseudonym = pseudonymise(bsn, harness.settings.pseudonym_key)
    assert rows[-1] == ("nieuwsgierig", "zoeken", pseudonym, "clienten")
    assert [r[1] for r in rows] == ["aanmaken", "zoeken"]
