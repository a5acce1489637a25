import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import httpx

from wmo_common.events.contracting import (
    Bekostiging,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    Partij,
)
from wmo_common.events.envelope import CloudEvent
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness, eventually

Publish = Callable[..., Awaitable[CloudEvent]]


def contract_event(
    kind: type[ContractGeactiveerd] | type[ContractGewijzigd],
    contract_id: uuid.UUID,
    partijen: list[tuple[str, str]],
) -> ContractGeactiveerd | ContractGewijzigd:
    return kind(
        contract_id=contract_id,
        contractnummer="HVB-2026-01",
        segment_id=uuid.UUID(int=7),
        partijen=[Partij(aanbieder_agb=a, rol=r) for a, r in partijen],
        gebieden=["Tilburg"],
        tarieven=[],
        bekostiging=Bekostiging(model="taakgericht"),
        ingangsdatum=date(2026, 1, 1),
        einddatum=date(2099, 12, 31),
    )


async def contracten_of(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> list[dict[str, object]]:
    response = await client.get(f"/api/v1/aanbieders/{agb}", headers=harness.headers("controller"))
    contracten: list[dict[str, object]] = response.json()["contracten"]
    return contracten


async def register(client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str) -> None:
    created = await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": f"Aanbieder {agb}"},
        headers=harness.headers("contract-manager"),
    )
    assert created.status_code == 201


async def test_an_activated_contract_shows_each_partys_rol_and_coalition_partners(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], publish: Publish, agb: str
) -> None:
    partner = f"{int(agb) + 1:08d}"
    await register(client, harness, agb)
    await register(client, harness, partner)
    contract_id = uuid.uuid4()
    await publish(
        contract_event(
            ContractGeactiveerd, contract_id, [(agb, "hoofdaannemer"), (partner, "combinant")]
        )
    )

    async def visible() -> list[dict[str, object]]:
        return await contracten_of(client, harness, agb)

    [deelname] = await eventually(visible)
    assert deelname["contractId"] == str(contract_id)
    assert deelname["rol"] == "hoofdaannemer"
    assert deelname["isActief"] is True
    assert deelname["partners"] == [{"agb": partner, "rol": "combinant"}]
    [other] = await contracten_of(client, harness, partner)
    assert other["rol"] == "combinant"


async def test_a_late_older_amendment_and_a_redelivery_do_not_undo_the_newest_roles(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], publish: Publish, agb: str
) -> None:
    partner = f"{int(agb) + 1:08d}"
    await register(client, harness, agb)
    contract_id = uuid.uuid4()
    activated = contract_event(ContractGeactiveerd, contract_id, [(agb, "combinant")])
    amended = contract_event(
        ContractGewijzigd, contract_id, [(agb, "hoofdaannemer"), (partner, "onderaannemer")]
    )
    first = activated.to_envelope("urn:nld:oin:00000001234567890000:systeem:contracting")
    newer = amended.to_envelope(first.source).model_copy(
        update={"time": first.time + timedelta(minutes=5)}
    )
    await publish(amended, newer)
    await publish(activated, first)  # older, arrives later: must not win
    await publish(amended, newer)  # the same event redelivered
    # Same key, same partition: once this end is visible, everything before it was applied.
    await publish(
        ContractBeeindigd(contract_id=contract_id, einddatum=date(2026, 6, 30), reden="einde")
    )

    async def settled() -> list[dict[str, object]] | None:
        contracten = await contracten_of(client, harness, agb)
        return contracten if contracten and contracten[0]["isActief"] is False else None

    [deelname] = await eventually(settled)
    assert deelname["rol"] == "hoofdaannemer"
    assert deelname["partners"] == [{"agb": partner, "rol": "onderaannemer"}]


async def test_a_contract_ended_before_its_activation_arrived_stays_inactive(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], publish: Publish, agb: str
) -> None:
    await register(client, harness, agb)
    contract_id = uuid.uuid4()
    await publish(
        ContractBeeindigd(contract_id=contract_id, einddatum=date(2026, 6, 30), reden="ontbonden")
    )
    await publish(contract_event(ContractGeactiveerd, contract_id, [(agb, "hoofdaannemer")]))

    async def visible() -> list[dict[str, object]]:
        return await contracten_of(client, harness, agb)

    [deelname] = await eventually(visible)
    assert deelname["isActief"] is False
    assert deelname["rol"] == "hoofdaannemer"
