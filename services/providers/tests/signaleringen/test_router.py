import httpx

from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness


async def test_a_manual_signalering_needs_a_reason_to_be_lifted_and_is_lifted_once(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    manager = harness.headers("contract-manager")
    await client.post("/api/v1/aanbieders", json={"agb": agb, "naam": "X B.V."}, headers=manager)
    created = await client.post(
        "/api/v1/signaleringen",
        json={"agb": agb, "reden": "Klachten over bereikbaarheid", "isBlokkerend": True},
        headers=manager,
    )
    assert created.status_code == 201
    signalering = created.json()
    assert signalering["isOpen"] is True
    assert signalering["indicator"] is None
    url = f"/api/v1/signaleringen/{signalering['id']}/opheffingen"
    without_reason = await client.post(url, json={}, headers=manager)
    assert without_reason.status_code == 400
    assert [p["name"] for p in without_reason.json()["invalidParams"]] == ["reden"]
    lifted = await client.post(url, json={"reden": "Afspraken nagekomen"}, headers=manager)
    assert lifted.status_code == 200
    assert lifted.json()["opheffingReden"] == "Afspraken nagekomen"
    again = await client.post(url, json={"reden": "nogmaals"}, headers=manager)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/signalering-al-opgeheven")


async def test_a_provider_sees_only_its_own_signaleringen(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    manager = harness.headers("contract-manager")
    other = f"{int(agb) + 1:08d}"
    ids = {}
    for code in (agb, other):
        await client.post("/api/v1/aanbieders", json={"agb": code, "naam": code}, headers=manager)
        created = await client.post(
            "/api/v1/signaleringen", json={"agb": code, "reden": "r"}, headers=manager
        )
        ids[code] = created.json()["id"]
    own = harness.headers("provider", agb=agb)
    listed = await client.get(f"/api/v1/signaleringen?agb={other}", headers=own)
    assert [s["agb"] for s in listed.json()["results"]] == [agb]
    foreign = await client.get(f"/api/v1/signaleringen/{ids[other]}", headers=own)
    assert foreign.status_code == 403
    cannot_lift = await client.post(
        f"/api/v1/signaleringen/{ids[agb]}/opheffingen", json={"reden": "zelf"}, headers=own
    )
    assert cannot_lift.status_code == 403
