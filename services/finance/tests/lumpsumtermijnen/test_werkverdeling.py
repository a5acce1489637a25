"""A lumpsum coalition: the contract's task budget minus the korting, each termijn split over
the gemeenten by the verdeelsleutel, and the werkverdeling that divides a period's lumpsum over
the partijen by the care they delivered (Wmo305/307), with the bijdrage each owes the central
organisation. Hand-computed amounts."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from wmo_common.events.contracting import Partij, Verdeelsleutelregel
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt
from wmo_testing.finance import Regio
from wmo_testing.harness import eventually

FEB = ("2026-02-01", "2026-02-28")


def gestart(toewijzing: Any, begin: date) -> ZorgGestart:
    return ZorgGestart(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"S{uuid.uuid4().hex[:8]}",
        aanbieder_agb=toewijzing.aanbieder_agb,
        gemeentecode=toewijzing.gemeentecode,
        toewijzingnummer=toewijzing.toewijzingnummer,
        client_pseudonym=toewijzing.client_pseudonym,
        product=toewijzing.product,
        begindatum=begin,
        status_aanlevering="1",
    )


def gestopt(toewijzing: Any, begin: date, einde: date) -> ZorgGestopt:
    return ZorgGestopt(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"E{uuid.uuid4().hex[:8]}",
        aanbieder_agb=toewijzing.aanbieder_agb,
        gemeentecode=toewijzing.gemeentecode,
        toewijzingnummer=toewijzing.toewijzingnummer,
        client_pseudonym=toewijzing.client_pseudonym,
        product=toewijzing.product,
        begindatum=begin,
        einddatum=einde,
        reden_beeindiging="02",
        status_aanlevering="1",
    )


async def lumpsum(regio: Regio, **body: Any) -> Any:
    async def known() -> Any:
        response = await regio.client.post(
            "/api/v1/lumpsumtermijnen", json=body, headers=regio.headers("controller")
        )
        unknown = response.status_code == 409 and response.json()["type"].endswith(
            "/contract-onbekend"
        )
        return None if unknown else response

    return await eventually(known)


async def test_a_coalitions_lumpsum_is_split_per_gemeente_and_its_werkverdeling_by_care(
    regio: Regio,
) -> None:
    combinant = "87654321" if regio.agb != "87654321" else "87654322"
    contract = regio.contract(
        "taakgericht",
        [],
        partijen=[
            Partij(aanbieder_agb=regio.agb, rol="hoofdaannemer"),
            Partij(aanbieder_agb=combinant, rol="combinant"),
        ],
        kortingspercentage=Decimal("6"),
        uitvoeringsbijdrage_percentage=Decimal("15"),
    ).model_copy(
        update={
            "taakbudget_cents": 1_200_000,
            "verdeelsleutel": [
                Verdeelsleutelregel(gemeentecode="0855", percentage=Decimal(60)),
                Verdeelsleutelregel(gemeentecode="0785", percentage=Decimal(40)),
            ],
        }
    )
    await regio.publish(contract)

    # The contract's task budget: 1_200_000 x 0.94 = 1_128_000 a year, 94_000 a month; Tilburg
    # pays 60 % (56_400), Goirle 40 % (37_600) of each termijn; all to the hoofdaannemer.
    created = await lumpsum(regio, contractId=str(contract.contract_id), jaar=2026)
    assert created.status_code == 201, created.text
    termijnen = created.json()
    assert len(termijnen) == 24
    assert {(t["gemeentecode"], t["bedragCents"]) for t in termijnen} == {
        ("0855", 56_400),
        ("0785", 37_600),
    }
    assert sum(t["bedragCents"] for t in termijnen) == 1_128_000
    assert {t["aanbiederAgb"] for t in termijnen} == {regio.agb}
    goirle = await regio.client.get(
        "/api/v1/lumpsumtermijnen",
        params={"contractId": str(contract.contract_id), "gemeente": "0785", "pageSize": "100"},
        headers=regio.headers("controller"),
    )
    assert goirle.json()["count"] == 12

    # In February the hoofdaannemer's client got 20 days of care, the combinant's 10.
    eigen = regio.toewijzing(ingangsdatum=date(2026, 2, 1), einddatum=date(2026, 6, 30))
    bij_combinant = regio.toewijzing(
        aanbieder_agb=combinant, ingangsdatum=date(2026, 2, 1), einddatum=date(2026, 6, 30)
    )
    await regio.publish(eigen, bij_combinant)
    await regio.consumed(
        *await regio.publish(
            gestart(eigen, date(2026, 2, 1)),
            gestopt(eigen, date(2026, 2, 1), date(2026, 2, 20)),
            gestart(bij_combinant, date(2026, 2, 6)),
            gestopt(bij_combinant, date(2026, 2, 6), date(2026, 2, 15)),
        )
    )

    async def verdeeld() -> dict[str, Any] | None:
        response = await regio.client.get(
            f"/api/v1/contracten/{contract.contract_id}/werkverdeling",
            params={"van": FEB[0], "tot": FEB[1]},
            headers=regio.headers("contract-manager"),
        )
        read: dict[str, Any] = response.json()
        return read if read.get("zorgdagen") == 30 else None

    werkverdeling = await eventually(verdeeld)
    assert werkverdeling["lumpsumCents"] == 94_000
    assert werkverdeling["uitvoeringsbijdragePercentage"] == "15.00"
    assert [
        (p["aanbiederAgb"], p["rol"], p["aandeelCents"], p["bijdrageCents"], p["nettoCents"])
        for p in werkverdeling["partijen"]
    ] == [
        # 94_000 x 20/30 = 62_666.67 -> 62_667; 15 % = 9_400.05 -> 9_400.
        (regio.agb, "hoofdaannemer", 62_667, 9_400, 53_267),
        # The rest, 31_333; 15 % = 4_699.95 -> 4_700.
        (combinant, "combinant", 31_333, 4_700, 26_633),
    ]
    assert werkverdeling["bijdrageTotaalCents"] == 14_100

    # A period without care leaves the lumpsum undivided; a period that ends first is invalid.
    leeg = await regio.client.get(
        f"/api/v1/contracten/{contract.contract_id}/werkverdeling",
        params={"van": "2026-03-01", "tot": "2026-03-31"},
        headers=regio.headers("controller"),
    )
    assert (leeg.json()["nietVerdeeldCents"], leeg.json()["bijdrageTotaalCents"]) == (94_000, 0)
    omgekeerd = await regio.client.get(
        f"/api/v1/contracten/{contract.contract_id}/werkverdeling",
        params={"van": "2026-03-31", "tot": "2026-03-01"},
        headers=regio.headers("controller"),
    )
    assert omgekeerd.status_code == 400
    provider = await regio.client.get(
        f"/api/v1/contracten/{contract.contract_id}/werkverdeling",
        params={"van": FEB[0], "tot": FEB[1]},
        headers=regio.headers("provider", agb=regio.agb),
    )
    assert provider.status_code == 403


async def test_a_lumpsum_needs_a_task_budget_and_a_gebied_of_the_contract(regio: Regio) -> None:
    contract = regio.contract("taakgericht", []).model_copy(update={"gebieden": ["Tilburg"]})
    await regio.publish(contract)
    zonder = await lumpsum(regio, contractId=str(contract.contract_id), jaar=2026)
    assert zonder.status_code == 409
    assert zonder.json()["type"].endswith("/taakbudget-ontbreekt")
    elders = await lumpsum(
        regio, contractId=str(contract.contract_id), jaar=2026, gebied="Oost", taakbudgetCents=1
    )
    assert elders.status_code == 409
    assert elders.json()["type"].endswith("/gebied-buiten-contract")
