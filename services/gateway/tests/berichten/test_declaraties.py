import uuid
from pathlib import Path
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from iwmo import write_message
from wmo_common.calendar import today
from wmo_common.events.common import Product
from wmo_common.events.finance import DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_gateway.settings import Settings
from wmo_testing import aanbieder
from wmo_testing.gateway import (
    BSN,
    GEMEENTE,
    XML,
    assert_xsd_valid,
    fresh_nummer,
    inbound_events,
    issue_toewijzing,
    outbox,
    publish,
    retourcodes,
    toewijzing_afgegeven,
    vorige_maand,
)
from wmo_testing.harness import ServiceHarness, eventually
from wmo_testing.nummers import fresh_agb


async def test_a_323_flows_to_finance_and_its_325_returns_with_per_line_codes(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    producer: AIOKafkaProducer,
    xsd_dir: Path,
) -> None:
    agb, nummer, tweede, onbekend = fresh_agb(), fresh_nummer(), fresh_nummer(), fresh_nummer()
    await issue_toewijzing(client, harness, producer, agb, nummer)
    # A second toewijzing of the client: another product (TR302), its own Wmo301.
    await publish(
        producer,
        toewijzing_afgegeven(
            harness.settings, agb, tweede, product=Product(categorie="07", code="07A01")
        ),
    )

    async def both_sent() -> bool:
        return f"ToewijzingNummer>{tweede}<" in "".join(
            b["xml"] for b in await outbox(client, harness, agb)
        )

    await eventually(both_sent)
    begin, eind = vorige_maand()
    regels = [
        aanbieder.prestatie(
            referentie=f"R{i}",
            toewijzing_nummer=int(n),
            categorie=categorie,
            code=f"{categorie}A01",
            periode=(begin, eind),
            volume=4,
            eenheid="04",
            tarief=2500,
        )
        for i, (n, categorie) in enumerate(
            [(nummer, "02"), (tweede, "07"), (onbekend, "02")], start=1
        )
    ]
    message = aanbieder.wmo323(
        aanbieder.header(aanbieder.WMO323, agb, GEMEENTE, "D1", today()),
        declaratienummer="DND1",
        periode=(begin, eind),
        dagtekening=today(),
        regels=[(BSN, r) for r in regels],
    )
    posted = await client.post(
        "/api/v1/berichten",
        content=write_message(message),
        headers=XML | harness.headers("provider", agb=agb),
    )
    assert posted.status_code == 201, posted.text
    body = posted.json()
    # The gateway rejects the line on an unknown toewijzing; the others go to finance.
    assert body["status"] == "geaccepteerd", body["findings"]
    assert body["retourXml"] is None
    assert [f["code"] for f in body["findings"]] == ["9338"]
    owed = await client.get("/api/v1/openstaande-antwoorden", headers=harness.headers("operations"))
    assert [a["berichtId"] for a in owed.json()["results"]] == [body["id"]]

    async def declaratie_ontvangen() -> list[dict[str, Any]]:
        return await inbound_events(body["id"])

    [event] = await eventually(declaratie_ontvangen)
    data = event["data"]
    assert [p["referentie"] for p in data["prestaties"]] == ["R1", "R2"]
    assert data["afgewezenReferenties"] == ["R3"]
    assert data["totaalBedragCents"] == 20000

    await publish(
        producer,
        DeclaratieBeoordeeld(
            declaratie_id=uuid.uuid4(),
            bericht_id=uuid.UUID(body["id"]),
            declaratienummer=data["declaratienummer"],
            aanbieder_agb=agb,
            prestaties=[
                Prestatiebeoordeling(
                    referentie="R1",
                    goedgekeurd=True,
                    ingediend_bedrag_cents=10000,
                    toegekend_bedrag_cents=10000,
                ),
                Prestatiebeoordeling(
                    referentie="R2",
                    goedgekeurd=False,
                    retourcodes=["9321"],
                    ingediend_bedrag_cents=10000,
                    toegekend_bedrag_cents=0,
                ),
            ],
            totaal_ingediend_cents=20000,
            totaal_toegekend_cents=10000,
        ),
    )

    async def wmo325() -> dict[str, Any] | None:
        found = [b for b in await outbox(client, harness, agb) if b["berichtsoort"] == "WMO325"]
        return found[0] if found else None

    antwoord = await eventually(wmo325)
    assert_xsd_valid(antwoord["xml"], xsd_dir)
    # Header 0200; R2 with finance's code, R3 with the gateway's; their client 0200; the
    # DeclaratieAntwoord 0200 because not everything was approved. R1 is approved: not echoed.
    assert retourcodes(antwoord["xml"]) == ["0200", "9321", "9338", "0200", "0200"]
    assert "<iwmo:TotaalBedrag>10000</iwmo:TotaalBedrag>" in antwoord["xml"]
    owed = await client.get("/api/v1/openstaande-antwoorden", headers=harness.headers("operations"))
    assert owed.json()["count"] == 0
