import uuid
from datetime import timedelta
from typing import Any

import pytest

from wmo_access.settings import Settings
from wmo_common.events.common import Product
from wmo_common.events.gateway import INBOUND, ZorgGestart, ZorgGestopt
from wmo_common.privacy import pseudonymise
from wmo_testing.access import START, Markt, Toegang, indicatie, queued
from wmo_testing.harness import Drained, Publish, ServiceHarness


@pytest.fixture
async def toewijzing(toegang: Toegang, markt: Markt) -> dict[str, Any]:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(klant["id"], [indicatie(markt.segment_id)])
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    result: dict[str, Any] = created.json()
    result["pseudonym"] = pseudonymise(klant["bsn"], toegang.harness.settings.pseudonym_key)
    return result


def bericht(toewijzing: dict[str, Any]) -> dict[str, Any]:
    return {
        "bericht_id": uuid.uuid4(),
        "berichtidentificatie": uuid.uuid4().hex[:20],
        "aanbieder_agb": toewijzing["aanbiederAgb"],
        "gemeentecode": "0855",
        "toewijzingnummer": toewijzing["toewijzingnummer"],
        "client_pseudonym": toewijzing["pseudonym"],
        "product": Product.model_validate(toewijzing["product"]),
        "begindatum": START,
        "status_aanlevering": "1",
    }


async def read(toegang: Toegang, toewijzing: dict[str, Any]) -> dict[str, Any]:
    response = await toegang.client.get(
        f"/api/v1/toewijzingen/{toewijzing['id']}", headers=toegang.consultant
    )
    result: dict[str, Any] = response.json()
    return result


async def test_a_wmo305_marks_the_toewijzing_started(
    toegang: Toegang, toewijzing: dict[str, Any], publish: Publish, drained: Drained
) -> None:
    await publish(ZorgGestart(**bericht(toewijzing)))
    await drained("berichten", [INBOUND])
    started = await read(toegang, toewijzing)
    assert started["leveringsstatus"] == "gestart"
    assert started["zorgBegindatum"] == START.isoformat()
    assert started["status"] == "actief"


async def test_a_definitive_stop_arriving_before_the_start_ends_the_toewijzing(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    toewijzing: dict[str, Any],
    publish: Publish,
    drained: Drained,
) -> None:
    stop = START + timedelta(days=20)
    await publish(ZorgGestopt(**bericht(toewijzing), einddatum=stop, reden_beeindiging="38"))
    await publish(ZorgGestart(**bericht(toewijzing)))
    await drained("berichten", [INBOUND])
    stopped = await read(toegang, toewijzing)
    assert stopped["leveringsstatus"] == "gestopt"
    assert stopped["zorgEinddatum"] == stop.isoformat()
    assert stopped["redenBeeindiging"] == "38"
    assert stopped["status"] == "beeindigd"
    assert stopped["einddatum"] == stop.isoformat()
    [event] = await queued(harness, "nl.wmo.toewijzingen.toewijzing-beeindigd.v1")
    assert event["data"]["redenWijziging"] == "09"


async def test_a_temporary_stop_leaves_the_toewijzing_running(
    toegang: Toegang, toewijzing: dict[str, Any], publish: Publish, drained: Drained
) -> None:
    stop = START + timedelta(days=5)
    await publish(ZorgGestopt(**bericht(toewijzing), einddatum=stop, reden_beeindiging="20"))
    await drained("berichten", [INBOUND])
    paused = await read(toegang, toewijzing)
    assert paused["leveringsstatus"] == "gestopt"
    assert paused["redenBeeindiging"] == "20"
    assert paused["status"] == "actief"
