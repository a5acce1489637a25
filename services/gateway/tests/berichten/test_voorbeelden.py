"""The official iWmo 3.2 examples a provider sends (315, 317), through the HTTP inbox."""

from pathlib import Path
from typing import Any

import httpx
import pytest

from wmo_gateway.settings import Settings
from wmo_testing.gateway import XML, assert_xsd_valid, inbound_events, pack_dir, retourcodes
from wmo_testing.harness import ServiceHarness, eventually


def example(name: str) -> bytes:
    pack = pack_dir()
    if pack is None:
        pytest.skip("iWmo reference pack not found: set IWMO_PACK_DIR or provide ../shared/iwmo")
    return (pack / "examples" / "iwmo-3.2" / name).read_bytes()


async def test_the_official_315_is_accepted_and_each_requested_product_is_published(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], xsd_dir: Path
) -> None:
    posted = await client.post(
        "/api/v1/berichten",
        content=example("WMO315.xml"),
        headers=XML | harness.headers("provider", agb="42420001"),
    )
    assert posted.status_code == 201, posted.text
    body = posted.json()
    assert body["status"] == "geaccepteerd"
    assert retourcodes(body["retourXml"]) == []
    assert_xsd_valid(body["retourXml"], xsd_dir)

    async def verzoeken() -> list[dict[str, Any]] | None:
        found = await inbound_events(body["id"])
        return found if len(found) == 2 else None

    events = await eventually(verzoeken)
    assert sorted(e["data"]["referentie"] for e in events) == ["42420001", "42420002"]
    assert {e["type"] for e in events} == {"nl.wmo.berichten.verzoek-toewijzing-ontvangen.v1"}
    owed = await client.get(
        "/api/v1/openstaande-antwoorden", headers=harness.headers("provider", agb="42420001")
    )
    assert [a["referenties"] for a in owed.json()["results"]] == [["42420001", "42420002"]]


async def test_the_official_317_is_answered_with_0001_as_the_codec_documents(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], xsd_dir: Path
) -> None:
    posted = await client.post(
        "/api/v1/berichten",
        content=example("WMO317.xml"),
        headers=XML | harness.headers("provider", agb="65656055"),
    )
    body = posted.json()
    assert body["status"] == "afgekeurd"
    # docs/iwmo-codec.md: its GewensteIngangsdatum equals the Dagtekening (TR380).
    assert retourcodes(body["retourXml"]) == ["0001"]
    assert_xsd_valid(body["retourXml"], xsd_dir)


async def test_the_official_301_is_not_accepted_from_a_provider(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    posted = await client.post(
        "/api/v1/berichten",
        content=example("WMO301.xml"),
        headers=XML | harness.headers("provider", agb="42420001"),
    )
    assert posted.status_code == 400
    assert posted.json()["type"].endswith("/berichtsoort-niet-toegestaan")
