from wmo_testing.contracting import Regio


async def test_only_a_contract_manager_writes_and_controller_and_auditor_read(
    regio: Regio,
) -> None:
    contract = await regio.contract()
    contract_id = contract["id"]
    for role in ("consultant", "controller", "auditor", "operations"):
        refused = await regio.post(f"/contracten/{contract_id}/activeringen", {}, role=role)
        assert refused.status_code == 403, role
        assert refused.headers["content-type"] == "application/problem+json"
    created = await regio.post(
        "/contracten", regio.contract_body(contract["segmentId"], contractnummer="X"), "auditor"
    )
    assert created.status_code == 403
    for role in ("controller", "auditor"):
        assert (await regio.get(f"/contracten/{contract_id}", role=role)).status_code == 200
        assert (await regio.get("/contracten", role=role)).status_code == 200
        history = await regio.get(f"/contracten/{contract_id}/wijzigingen", role=role)
        assert history.status_code == 200
    provider = regio.harness.headers("provider", agb="11111111")
    response = await regio.client.get(f"/api/v1/contracten/{contract_id}", headers=provider)
    assert response.status_code == 403


async def test_contracts_are_listed_by_number_and_filtered_by_party_and_status(
    regio: Regio,
) -> None:
    segment_id = await regio.segment()
    await regio.contract(segment_id, contractnummer="B-1")
    await regio.post(
        "/contracten",
        regio.contract_body(
            segment_id,
            contractnummer="A-1",
            partijen=[{"aanbiederAgb": "55555555", "naam": "Solo", "rol": "hoofdaannemer"}],
        ),
    )
    listed = await regio.get("/contracten")
    assert [c["contractnummer"] for c in listed.json()["results"]] == ["A-1", "B-1"]
    by_party = await regio.get("/contracten?aanbiederAgb=22222222")
    assert [c["contractnummer"] for c in by_party.json()["results"]] == ["B-1"]
    assert (await regio.get("/contracten?status=actief")).json()["count"] == 0


async def test_an_unknown_contract_is_a_404(regio: Regio) -> None:
    response = await regio.get("/contracten/00000000-0000-4000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["type"].endswith("/contract-niet-gevonden")
