import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_common.privacy import pseudonymise
from wmo_testing.harness import ServiceHarness

BSN = "999993653"
OTHER_BSN = "111222333"


def client_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "bsn": BSN,
        "voornamen": "Johanna Maria",
        "achternaam": "de Vries",
        "geboortedatum": "1948-03-12",
        "geslacht": "2",
        "gemeentecode": "0855",
        "gebied": "Tilburg",
    }
    return body | overrides


async def register(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], **overrides: Any
) -> httpx.Response:
    return await client.post(
        "/api/v1/clienten", json=client_body(**overrides), headers=harness.headers("consultant")
    )


async def audit_records(harness: ServiceHarness[Settings]) -> list[AuditRecord]:
    async with harness.sessionmaker() as session:
        rows = await session.execute(select(AuditRecord).order_by(AuditRecord.id))
        return list(rows.scalars().all())


async def test_a_consultant_registers_a_client_and_reads_it_back(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(client, harness)
    assert created.status_code == 201
    client_id = created.json()["id"]
    assert created.headers["Location"] == f"/api/v1/clienten/{client_id}"
    read = await client.get(f"/api/v1/clienten/{client_id}", headers=harness.headers("auditor"))
    assert read.status_code == 200
    assert read.json() == {
        "id": client_id,
        "bsn": BSN,
        "voornamen": "Johanna Maria",
        "achternaam": "de Vries",
        "geboortedatum": "1948-03-12",
        "geslacht": "2",
        "gemeentecode": "0855",
        "gebied": "Tilburg",
        "voorvoegsel": None,
        "voorletters": None,
        "adres": None,
        "telefoon": None,
        "emailadres": None,
        "createdAt": created.json()["createdAt"],
    }


async def test_every_invalid_field_is_reported_at_once_without_echoing_the_bsn(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    body = client_body(bsn="123456789", geslacht="3")
    del body["achternaam"], body["geboortedatum"]
    response = await client.post(
        "/api/v1/clienten", json=body, headers=harness.headers("consultant")
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"bsn", "geslacht", "achternaam", "geboortedatum"}
    assert "123456789" not in response.text
    assert await audit_records(harness) == []


async def test_registering_the_same_bsn_twice_is_a_409_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    assert (await register(client, harness)).status_code == 201
    again = await register(client, harness, voornamen="Jo")
    assert again.status_code == 409
    assert again.json()["type"].endswith("/client-bestaat-al")
    assert BSN not in again.text


async def test_a_client_is_found_by_bsn_in_the_body_of_a_search(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(client, harness)
    await register(client, harness, bsn=OTHER_BSN, achternaam="Jansen")
    found = await client.post(
        "/api/v1/clienten/_zoek", json={"bsn": BSN}, headers=harness.headers("consultant")
    )
    assert found.status_code == 200
    assert found.json()["count"] == 1
    assert [c["id"] for c in found.json()["results"]] == [created.json()["id"]]
    unknown = await client.post(
        "/api/v1/clienten/_zoek", json={"bsn": "123456782"}, headers=harness.headers("auditor")
    )
    assert unknown.json() == {"results": [], "count": 0}


async def test_each_create_read_and_search_leaves_an_audit_record_with_the_pseudonym_only(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(client, harness)
    client_id = created.json()["id"]
    await client.get(f"/api/v1/clienten/{client_id}", headers=harness.headers("consultant"))
    await client.post(
        "/api/v1/clienten/_zoek",
        json={"bsn": BSN},
        headers=harness.headers("auditor", subject="auditor-1"),
    )

    records = await audit_records(harness)
    pseudonym = pseudonymise(BSN, harness.settings.pseudonym_key)
    assert [(r.handeling, r.client_pseudonym) for r in records] == [
        ("aanmaken", pseudonym),
        ("lezen", pseudonym),
        ("zoeken", pseudonym),
    ]
    assert {r.verwerkingsactiviteit for r in records} == {"clientregistratie"}
    assert records[2].actor == "auditor-1"
    assert records[0].resource == f"clienten/{client_id}"
    assert all(BSN not in (r.resource or "") for r in records)


async def test_the_bsn_never_reaches_the_logs(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    created = await register(client, harness)
    await register(client, harness)
    await client.get(
        f"/api/v1/clienten/{created.json()['id']}", headers=harness.headers("consultant")
    )
    await client.post(
        "/api/v1/clienten/_zoek", json={"bsn": BSN}, headers=harness.headers("consultant")
    )
    await register(client, harness, bsn="123456789")
    assert [r.getMessage() for r in caplog.records].count("client_registered") == 1
    assert all(BSN not in str(vars(r)) for r in caplog.records)


async def test_only_a_consultant_may_register_a_client(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    for role in ("auditor", "controller", "contract-manager"):
        response = await client.post(
            "/api/v1/clienten", json=client_body(), headers=harness.headers(role)
        )
        assert response.status_code == 403
    provider = await client.post(
        "/api/v1/clienten/_zoek",
        json={"bsn": BSN},
        headers=harness.headers("provider", agb="12345678"),
    )
    assert provider.status_code == 403
    assert await audit_records(harness) == []


async def test_without_a_token_nothing_is_read_or_searched(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(client, harness)
    read = await client.get(f"/api/v1/clienten/{created.json()['id']}")
    assert read.status_code == 401
    assert read.headers["WWW-Authenticate"] == "Bearer"
    search = await client.post("/api/v1/clienten/_zoek", json={"bsn": BSN})
    assert search.status_code == 401


async def test_an_unknown_client_is_a_404_problem(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    response = await client.get(
        "/api/v1/clienten/00000000-0000-4000-8000-000000000000",
        headers=harness.headers("consultant"),
    )
    assert response.status_code == 404
    assert response.json()["type"].endswith("/client-niet-gevonden")


ADRES = {
    "soort": "01",
    "straatnaam": "Spoorlaan",
    "huisnummer": 12,
    "huisletter": "a",
    "huisnummertoevoeging": "bis",
    "postcode": "5038 ab",
    "plaatsnaam": "Tilburg",
}


async def test_a_client_is_registered_with_address_and_contact_details(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    created = await register(
        client,
        harness,
        achternaam="Vries",
        voorvoegsel="de",
        voorletters="JM",
        adres=ADRES,
        telefoon="0135551234",
        emailadres="j.devries@example.nl",
    )
    assert created.status_code == 201, created.text
    read = await client.get(
        f"/api/v1/clienten/{created.json()['id']}", headers=harness.headers("consultant")
    )
    body = read.json()
    assert body["voorvoegsel"] == "de"
    assert body["voorletters"] == "JM"
    assert body["adres"] == ADRES | {"postcode": "5038AB", "landcode": "NL"}
    assert body["telefoon"] == "0135551234"
    assert body["emailadres"] == "j.devries@example.nl"


async def test_every_invalid_address_field_is_reported_at_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    response = await register(
        client,
        harness,
        adres={"soort": "04", "huisnummer": -1, "huisletter": "ab", "postcode": "12345"},
        telefoon="+31 13 555",
        voorletters="J.M.",
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"adres.soort", "adres.huisnummer", "adres.huisletter", "telefoon", "voorletters"} <= (
        names
    )
    dutch = await register(client, harness, adres=ADRES | {"postcode": "0123AB"})
    assert dutch.status_code == 400
    assert "postcode" in dutch.text
    abroad = await register(client, harness, adres=ADRES | {"postcode": "B-2000", "landcode": "BE"})
    assert abroad.status_code == 201, abroad.text
    unknown_land = await register(client, harness, bsn=OTHER_BSN, adres=ADRES | {"landcode": "XX"})
    assert unknown_land.status_code == 400


async def test_contact_details_change_on_the_version_read_and_the_change_is_audited(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    created = await register(client, harness)
    path = f"/api/v1/clienten/{created.json()['id']}/contactgegevens"
    consultant = harness.headers("consultant")
    body = {"adres": ADRES, "telefoon": "0612345678"}
    assert (await client.put(path, json=body, headers=consultant)).status_code == 428
    changed = await client.put(
        path, json=body, headers=consultant | {"If-Match": created.headers["ETag"]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["adres"]["postcode"] == "5038AB"
    assert changed.json()["telefoon"] == "0612345678"
    stale = await client.put(
        path,
        json={"telefoon": "0135551234"},
        headers=consultant | {"If-Match": created.headers["ETag"]},
    )
    assert stale.status_code == 412
    cleared = await client.put(
        path, json={}, headers=consultant | {"If-Match": changed.headers["ETag"]}
    )
    assert cleared.json()["adres"] is None
    assert cleared.json()["telefoon"] is None
    auditor = await client.put(
        path, json=body, headers=harness.headers("auditor") | {"If-Match": cleared.headers["ETag"]}
    )
    assert auditor.status_code == 403

    records = await audit_records(harness)
    assert [r.handeling for r in records] == ["aanmaken", "wijzigen", "wijzigen"]
    # The address and phone number are processed, never logged.
    assert all("0612345678" not in str(vars(r)) for r in caplog.records)
    assert all("Spoorlaan" not in str(vars(r)) for r in caplog.records)


# POST /clienten/_batch: several registrations in one request, each as POST /clienten.
THIRD_BSN = "123456782"
BATCH_URL = "/api/v1/clienten/_batch"


async def test_each_client_of_a_batch_is_registered_or_refused_in_its_place(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert (await register(client, harness)).status_code == 201
    body = {
        "clienten": [
            client_body(bsn=OTHER_BSN, achternaam="Jansen"),
            client_body(),  # registered above
            client_body(bsn=THIRD_BSN),
            client_body(bsn=THIRD_BSN, voornamen="Jo"),  # twice in the batch
        ]
    }
    response = await client.post(BATCH_URL, json=body, headers=harness.headers("consultant"))
    assert response.status_code == 200
    uitkomsten = response.json()["uitkomsten"]
    assert [u["status"] for u in uitkomsten] == [201, 409, 201, 409]
    for refused in (uitkomsten[1], uitkomsten[3]):
        assert refused["client"] is None
        assert refused["probleem"]["type"].endswith("/client-bestaat-al")
        assert refused["probleem"]["status"] == 409
    assert BSN not in str(uitkomsten[1]["probleem"])
    registered = uitkomsten[0]["client"]
    assert (registered["bsn"], registered["achternaam"]) == (OTHER_BSN, "Jansen")
    read = await client.get(
        f"/api/v1/clienten/{registered['id']}", headers=harness.headers("consultant")
    )
    assert read.json() | {"createdAt": None} == registered | {"createdAt": None}

    # The same records as one POST /clienten each: aanmaken, or zoeken for a known BSN.
    records = await audit_records(harness)
    bsns = (BSN, OTHER_BSN, THIRD_BSN)
    pseudonyms = {bsn: pseudonymise(bsn, harness.settings.pseudonym_key) for bsn in bsns}
    assert [(r.handeling, r.client_pseudonym) for r in records[1:5]] == [
        ("aanmaken", pseudonyms[OTHER_BSN]),
        ("zoeken", pseudonyms[BSN]),
        ("aanmaken", pseudonyms[THIRD_BSN]),
        ("zoeken", pseudonyms[THIRD_BSN]),
    ]
    assert all(bsn not in str(vars(r)) for r in caplog.records for bsn in bsns)


async def test_one_invalid_client_refuses_the_whole_batch_naming_its_place(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    body = {"clienten": [client_body(), client_body(bsn="123456789")]}
    response = await client.post(BATCH_URL, json=body, headers=harness.headers("consultant"))
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["clienten.1.bsn"]
    assert "123456789" not in response.text
    assert await audit_records(harness) == []


async def test_a_batch_holds_one_to_a_hundred_clienten_and_needs_a_consultant(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    consultant = harness.headers("consultant")
    empty = await client.post(BATCH_URL, json={"clienten": []}, headers=consultant)
    assert empty.status_code == 400
    too_many = await client.post(
        BATCH_URL, json={"clienten": [client_body()] * 101}, headers=consultant
    )
    assert too_many.status_code == 400
    for role in ("auditor", "controller"):
        refused = await client.post(
            BATCH_URL, json={"clienten": [client_body()]}, headers=harness.headers(role)
        )
        assert refused.status_code == 403
    assert await audit_records(harness) == []
