import uuid
from decimal import Decimal

import httpx

from wmo_common.events.contracting import (
    CONTRACTEN,
    Bekostiging,
    PrestatieIndicator,
    Toegangsregels,
    VerwervingsstrategieGepubliceerd,
)
from wmo_providers.settings import Settings
from wmo_testing.harness import Drained, Publish, ServiceHarness


def strategie(
    segment_id: uuid.UUID, kpis: list[tuple[str, str]]
) -> VerwervingsstrategieGepubliceerd:
    return VerwervingsstrategieGepubliceerd(
        verwervingsstrategie_id=uuid.uuid4(),
        segment_id=segment_id,
        segment_naam="Beschermd wonen",
        wet="wmo",
        versie=1,
        toegang=Toegangsregels(),
        bekostiging=Bekostiging(model="taakgericht"),
        leveranciersbeleid="een-per-gebied",
        prestatie_indicatoren=[
            PrestatieIndicator(code=code, naam=code, streefwaarde=Decimal(waarde))
            for code, waarde in kpis
        ],
    )


async def test_the_contract_kpis_of_a_published_strategy_become_the_segment_norms(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
) -> None:
    segment_id = uuid.uuid4()
    await publish(
        strategie(
            segment_id,
            [
                ("treeknorm", "42"),
                ("binnen-treeknorm-percentage", "80"),
                ("afwijzingspercentage", "5"),
                ("ervaren-kwaliteit", "7.5"),
            ],
        )
    )
    await drained("contracten", [CONTRACTEN])
    norm = await client.get(
        f"/api/v1/prestatie-indicatoren/normen/{segment_id}",
        headers=harness.headers("contract-manager"),
    )
    assert norm.status_code == 200, norm.text
    body = norm.json()
    assert body["treeknormDagen"] == 42
    assert {n["indicator"]: Decimal(str(n["waarde"])) for n in body["normen"]} == {
        "binnenTreeknormPercentage": Decimal(80),
        "afwijzingspercentage": Decimal(5),
    }


async def test_a_strategy_without_measurable_kpis_leaves_norms_set_by_hand(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
) -> None:
    segment_id = uuid.uuid4()
    manager = harness.headers("contract-manager")
    path = f"/api/v1/prestatie-indicatoren/normen/{segment_id}"
    put = await client.put(path, json={"treeknormDagen": 30}, headers=manager)
    assert put.status_code == 200, put.text
    await publish(strategie(segment_id, [("ervaren-kwaliteit", "7.5")]))
    await drained("contracten", [CONTRACTEN])
    assert (await client.get(path, headers=manager)).json()["treeknormDagen"] == 30
