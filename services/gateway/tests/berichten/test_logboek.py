"""The message log and the deadline watch, as operations and auditors use them."""

from datetime import timedelta

import httpx
from aiokafka import AIOKafkaProducer
from sqlalchemy import text

from iwmo import build_retour, read_message, write_message
from wmo_common.calendar import today
from wmo_gateway.settings import Settings
from wmo_testing.gateway import XML, fresh_nummer, issue_toewijzing, wmo305
from wmo_testing.harness import ServiceHarness
from wmo_testing.nummers import fresh_agb


async def test_operations_find_a_bericht_and_reading_its_xml_is_audited(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    posted = await client.post(
        "/api/v1/berichten",
        content=wmo305(agb, nummer),
        headers=XML | harness.headers("provider", agb=agb),
    )
    bericht_id = posted.json()["id"]
    ops = harness.headers("operations", subject="ops-1")
    found = await client.get(
        f"/api/v1/berichten?toewijzingnummer={nummer}&status=afgekeurd&berichtsoort=WMO305",
        headers=ops,
    )
    assert [b["id"] for b in found.json()["results"]] == [bericht_id]
    assert found.json()["results"][0]["retourcodes"] == ["9019"]
    assert "xml" not in found.json()["results"][0]
    none = await client.get(f"/api/v1/berichten?aanbiederAgb={fresh_agb()}", headers=ops)
    assert none.json()["count"] == 0

    detail = await client.get(f"/api/v1/berichten/{bericht_id}", headers=ops)
    assert detail.status_code == 200
    assert detail.json()["xml"] == wmo305(agb, nummer).decode()
    assert detail.json()["parsed"]["client"]["start_producten"][0]["toewijzing_nummer"] == int(
        nummer
    )
    assert detail.json()["findings"][0]["rule"] == "TR019"
    assert "wmo306" in detail.json()["retourXml"]
    async with harness.sessionmaker() as session:
        actors = (
            await session.execute(
                text("SELECT actor FROM audit_record WHERE resource = :r AND handeling = 'lezen'"),
                {"r": f"bericht/{bericht_id}"},
            )
        ).scalars()
        assert list(actors) == ["ops-1"]

    counts = await client.get("/api/v1/retourcode-tellingen", headers=harness.headers("auditor"))
    assert counts.json() == [{"aanbiederAgb": agb, "code": "9019", "aantal": 1}]
    provider = await client.get(
        f"/api/v1/berichten/{bericht_id}", headers=harness.headers("provider", agb=agb)
    )
    assert provider.status_code == 403
    again = await client.post(f"/api/v1/berichten/{bericht_id}/herverwerkingen", headers=ops)
    assert again.status_code == 409


async def test_a_301_without_retour_after_3_working_days_is_overdue_until_the_302_arrives(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
) -> None:
    agb, nummer = fresh_agb(), fresh_nummer()
    wmo301 = await issue_toewijzing(client, harness, producer, agb, nummer)
    async with harness.sessionmaker() as session, session.begin():
        # As if it was written a week ago.
        await session.execute(
            text("UPDATE uitgaand_bericht SET retour_deadline = :d WHERE id = :i"),
            {"d": today() - timedelta(days=2), "i": wmo301["id"]},
        )
    ops = harness.headers("operations")
    standen = await client.get(f"/api/v1/termijnstanden?aanbiederAgb={agb}", headers=ops)
    assert standen.json() == [
        {
            "aanbiederAgb": agb,
            "openstaandeRetouren": 1,
            "verlopenRetouren": 1,
            "openstaandeAntwoorden": 0,
            "verlopenAntwoorden": 0,
        }
    ]
    overdue = await client.get(
        "/api/v1/uitgaande-berichten?retourVerlopen=true",
        headers=harness.headers("provider", agb=agb),
    )
    assert [b["id"] for b in overdue.json()["results"]] == [wmo301["id"]]

    wmo302 = build_retour(
        read_message(wmo301["xml"].encode()), [], identificatie="R1", dagtekening=today()
    )
    posted = await client.post(
        "/api/v1/berichten",
        content=write_message(wmo302),
        headers=XML | harness.headers("provider", agb=agb),
    )
    assert posted.status_code == 201, posted.text
    assert posted.json()["status"] == "geaccepteerd"
    standen = await client.get(f"/api/v1/termijnstanden?aanbiederAgb={agb}", headers=ops)
    assert standen.json() == []
    listed = await client.get(
        "/api/v1/uitgaande-berichten?berichtsoort=WMO301",
        headers=harness.headers("provider", agb=agb),
    )
    assert listed.json()["results"][0]["retourOntvangenAt"] is not None
    assert listed.json()["results"][0]["retourCodes"] == []
