import uuid

from wmo_access.settings import Settings
from wmo_common.events.providers import AANBIEDERS, AanbiederGesignaleerd
from wmo_testing.access import Markt, Toegang, issued
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def test_a_non_blocking_signalering_lets_a_toewijzing_through_with_a_counted_warning(
    toegang: Toegang,
    markt: Markt,
    publish: Publish,
    drained: Drained,
    harness: ServiceHarness[Settings],
) -> None:
    await publish(
        AanbiederGesignaleerd(
            aanbieder_id=uuid.uuid4(),
            signalering_id=uuid.uuid4(),
            agb=markt.agb,
            reden="Kwaliteitsdocument vog is verlopen",
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    assert created.status_code == 201, created.text
    [warning] = created.json()["waarschuwingen"]
    assert "vog is verlopen" in warning
    counted = await toegang.client.get(
        "/api/v1/toewijzing-waarschuwingen/tellingen",
        params={"agb": markt.agb},
        headers=harness.headers("auditor"),
    )
    assert counted.json() == [{"agb": markt.agb, "waarschuwingen": 1, "toewijzingen": 1}]


async def test_an_aanbieder_without_signaleringen_gets_a_toewijzing_without_warnings(
    toegang: Toegang, markt: Markt
) -> None:
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    assert created.json()["waarschuwingen"] == []
