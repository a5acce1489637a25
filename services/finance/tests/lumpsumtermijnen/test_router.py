"""Lumpsum of a taakgericht contract: the task budget minus korting in termijnen that add up
to the cent (the uitvoeringsbijdrage is not deducted: it is a term inside the coalition)."""

from decimal import Decimal
from typing import Any

import httpx

from wmo_testing.finance import Regio
from wmo_testing.harness import eventually


async def vaststellen(regio: Regio, **body: Any) -> httpx.Response:
    """POST the lumpsum, waiting until finance has consumed the contract it is about."""

    async def known() -> httpx.Response | None:
        response = await regio.client.post(
            "/api/v1/lumpsumtermijnen", json=body, headers=regio.headers("controller")
        )
        is_unknown = response.status_code == 409 and response.json()["type"].endswith(
            "/contract-onbekend"
        )
        return None if is_unknown else response

    return await eventually(known)


async def test_the_termijnen_sum_exactly_to_the_task_budget_after_korting_without_the_bijdrage(
    regio: Regio,
) -> None:
    contract = regio.contract(
        "taakgericht",
        [],
        kortingspercentage=Decimal("6"),
        uitvoeringsbijdrage_percentage=Decimal("15"),
    )
    await regio.publish(contract)
    body = {
        "contractId": str(contract.contract_id),
        "gebied": "Tilburg",
        "jaar": 2026,
        "taakbudgetCents": 100_000_007,
    }
    created = await vaststellen(regio, **body)
    assert created.status_code == 201
    termijnen = created.json()
    # 100_000_007 x 0.94 = 94_000_006.58 -> 94_000_007 (the 15 % stays in: the gemeente pays
    # the task budget minus the reduction); / 12 = 7_833_333 rest 11.
    assert {t["nettoBudgetCents"] for t in termijnen} == {94_000_007}
    assert [t["bedragCents"] for t in termijnen] == [7_833_334] * 11 + [7_833_333]
    assert sum(t["bedragCents"] for t in termijnen) == 94_000_007
    # Without a verdeelsleutel the region pays as a whole.
    assert {t["gemeentecode"] for t in termijnen} == {None}
    assert [(t["periodeBegin"], t["periodeEind"]) for t in termijnen[:2]] == [
        ("2026-01-01", "2026-01-31"),
        ("2026-02-01", "2026-02-28"),
    ]
    assert {t["aanbiederAgb"] for t in termijnen} == {regio.agb}

    again = await vaststellen(regio, **body)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/lumpsum-bestaat-al")

    quarterly = await vaststellen(regio, **body | {"gebied": "Oost", "aantalTermijnen": 4})
    # 94_000_007 / 4 = 23_500_001 rest 3.
    assert [t["bedragCents"] for t in quarterly.json()] == [23_500_002] * 3 + [23_500_001]
    assert quarterly.json()[3]["periodeBegin"] == "2026-10-01"
    assert quarterly.json()[3]["periodeEind"] == "2026-12-31"


async def test_a_termijn_is_paid_once_and_an_aanbieder_sees_only_its_own(regio: Regio) -> None:
    contract = regio.contract("taakgericht", [])
    await regio.publish(contract)
    created = await vaststellen(
        regio,
        contractId=str(contract.contract_id),
        gebied="West",
        jaar=2026,
        taakbudgetCents=1200,
        aantalTermijnen=12,
    )
    first = created.json()[0]
    paid = await regio.client.post(
        f"/api/v1/lumpsumtermijnen/{first['id']}/betalingen",
        json={"betaaldOp": "2026-01-15"},
        headers=regio.headers("controller"),
    )
    assert paid.status_code == 201
    assert paid.json()["betaaldOp"] == "2026-01-15"
    twice = await regio.client.post(
        f"/api/v1/lumpsumtermijnen/{first['id']}/betalingen",
        json={"betaaldOp": "2026-01-16"},
        headers=regio.headers("controller"),
    )
    assert twice.status_code == 409
    assert twice.json()["type"].endswith("/termijn-al-betaald")

    own = await regio.client.get(
        "/api/v1/lumpsumtermijnen", headers=regio.headers("provider", agb=regio.agb)
    )
    assert own.json()["count"] == 12
    assert own.json()["results"][0]["betaaldOp"] == "2026-01-15"
    stranger = regio.headers("provider", agb="00000001" if regio.agb != "00000001" else "00000002")
    assert (await regio.client.get("/api/v1/lumpsumtermijnen", headers=stranger)).json()[
        "count"
    ] == 0
    # Another aanbieder's termijn is as unknown to a stranger as an id that does not exist.
    assert (
        await regio.client.get(f"/api/v1/lumpsumtermijnen/{first['id']}", headers=stranger)
    ).status_code == 404


async def test_only_a_known_taakgericht_contract_gets_a_lumpsum_and_bad_input_is_400(
    regio: Regio,
) -> None:
    contract = regio.contract("inspanningsgericht", [regio.tarief(6543)])
    await regio.publish(contract)
    body = {"contractId": str(contract.contract_id), "gebied": "West", "jaar": 2026}
    not_lumpsum = await vaststellen(regio, **body, taakbudgetCents=100)
    assert not_lumpsum.status_code == 409
    assert not_lumpsum.json()["type"].endswith("/contract-niet-taakgericht")
    bad = await regio.client.post(
        "/api/v1/lumpsumtermijnen",
        json=body | {"taakbudgetCents": -1, "aantalTermijnen": 5},
        headers=regio.headers("controller"),
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {
        "taakbudgetCents",
        "aantalTermijnen",
    }
    auditor = await regio.client.post(
        "/api/v1/lumpsumtermijnen",
        json=body | {"taakbudgetCents": 1},
        headers=regio.headers("auditor"),
    )
    assert auditor.status_code == 403
