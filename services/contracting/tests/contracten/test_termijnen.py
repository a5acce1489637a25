import asyncio
from datetime import date, timedelta
from typing import Any

from wmo_common.calendar import add_months, today
from wmo_common.events.contracting import ContractGeactiveerd, ContractVerloopt
from wmo_contracting.scheduler import run
from wmo_testing.contracting import Received, Regio, relative

TARIEF = {
    "product": {"categorie": "02", "code": "02A01"},
    "bedragCents": 6543,
    "geldigVanaf": "2024-01-01",
}


async def nearing_its_deadlines(regio: Regio) -> dict[str, Any]:
    """A contract whose option deadline (in 10 days) and notice deadline (six months before the
    end, in about 17 days) both fall within the next 60 days."""
    return await regio.active_contract(
        ingangsdatum="2024-01-01",
        einddatum=relative(200),
        tarieven=[TARIEF],
        verlengingsopties=[{"jaren": 2, "beslisdatum": relative(10)}],
    )


async def test_deadlines_are_listed_for_contract_managers_soonest_first(regio: Regio) -> None:
    contract = await nearing_its_deadlines(regio)
    einddatum = date.fromisoformat(str(contract["einddatum"]))
    response = await regio.get("/contracten/termijnen?binnenDagen=60", role="contract-manager")
    assert response.status_code == 200
    assert [(t["termijn"], t["termijndatum"], t["isGemeld"]) for t in response.json()] == [
        ("verlengingsbesluit", relative(10), False),
        ("opzegging", add_months(einddatum, -6).isoformat(), False),
    ]
    assert response.json()[0]["dagenTotTermijn"] == 10
    nothing_yet = await regio.get("/contracten/termijnen?binnenDagen=5")
    assert nothing_yet.json() == []


async def test_each_deadline_is_announced_exactly_once_even_when_the_check_runs_twice(
    regio: Regio, received: Received
) -> None:
    contract = await nearing_its_deadlines(regio)
    first = await regio.post("/contracten/_signaleer-verlopen", {}, role="operations")
    assert first.status_code == 200
    assert sorted(t["termijn"] for t in first.json()["gemeld"]) == [
        "opzegging",
        "verlengingsbesluit",
    ]
    second = await regio.post("/contracten/_signaleer-verlopen", {}, role="operations")
    assert second.json()["gemeld"] == []
    assert await run(regio.harness.settings, today()) == 0

    events = await received.wait_for(str(contract["id"]), 3)
    verloopt = [e for e in events if isinstance(e, ContractVerloopt)]
    assert sorted(e.termijn or "" for e in verloopt) == ["opzegging", "verlengingsbesluit"]
    assert all(e.einddatum.isoformat() == relative(200) for e in verloopt)
    assert {e.dagen_resterend for e in verloopt} == {200}
    listed = await regio.get("/contracten/termijnen?binnenDagen=60")
    assert all(t["isGemeld"] for t in listed.json())


async def test_two_instances_running_the_check_at_once_announce_each_deadline_once(
    regio: Regio, received: Received
) -> None:
    contract = await nearing_its_deadlines(regio)
    settings = regio.harness.settings
    counts = await asyncio.gather(*(run(settings, today()) for _ in range(4)))
    assert sum(counts) == 2
    await received.wait_for(str(contract["id"]), 3)
    # Give a duplicate the time it would need to arrive: another contract's later event.
    later = await regio.active_contract(contractnummer="LATER", segment_id=contract["segmentId"])
    await received.wait_for(str(later["id"]), 1)
    events = received.of(str(contract["id"]))
    assert [type(e) for e in events].count(ContractVerloopt) == 2
    assert [type(e) for e in events].count(ContractGeactiveerd) == 1


async def test_an_exercised_option_moves_the_notice_deadline_which_is_announced_anew(
    regio: Regio,
) -> None:
    contract = await nearing_its_deadlines(regio)
    first = await regio.post("/contracten/_signaleer-verlopen", {})
    assert len(first.json()["gemeld"]) == 2
    extended = await regio.post(f"/contracten/{contract['id']}/verlengingen", {})
    assert extended.status_code == 200
    opzegging = add_months(date.fromisoformat(extended.json()["einddatum"]), -6)
    later = await regio.post(
        "/contracten/_signaleer-verlopen",
        {"peildatum": (opzegging - timedelta(days=30)).isoformat()},
    )
    assert [t["termijn"] for t in later.json()["gemeld"]] == ["opzegging"]


async def test_only_operations_and_contract_managers_run_the_check(regio: Regio) -> None:
    for role in ("controller", "auditor", "consultant"):
        response = await regio.post("/contracten/_signaleer-verlopen", {}, role=role)
        assert response.status_code == 403, role
