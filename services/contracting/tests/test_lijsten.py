"""Every list of contractering filters on what a screen has (segment, status, partij, a period)
and sorts with the NLGov `sort` parameter; an unknown sort field is a 400 that names the allowed
ones."""

import uuid

import pytest

from wmo_testing.contracting import Regio


def nummers(body: dict[str, list[dict[str, str]]]) -> list[str]:
    return [c["contractnummer"] for c in body["results"]]


async def test_contracten_of_a_segment_sort_on_ingangsdatum_and_filter_on_the_period(
    regio: Regio,
) -> None:
    segment_id = await regio.segment(naam=f"Segment {uuid.uuid4()}")
    januari, maart = f"J-{uuid.uuid4().hex[:8]}", f"M-{uuid.uuid4().hex[:8]}"
    await regio.contract(segment_id, contractnummer=maart, ingangsdatum="2026-03-01")
    await regio.contract(segment_id, contractnummer=januari, ingangsdatum="2026-01-01")

    nieuwste = await regio.get(f"/contracten?segmentId={segment_id}&sort=-ingangsdatum")
    assert nummers(nieuwste.json()) == [maart, januari]
    oudste = await regio.get(f"/contracten?segmentId={segment_id}&sort=ingangsdatum")
    assert nummers(oudste.json()) == [januari, maart]
    vanaf_maart = await regio.get(f"/contracten?segmentId={segment_id}&vanaf=2026-02-01")
    assert nummers(vanaf_maart.json()) == [maart]
    concept = await regio.get(f"/contracten?segmentId={segment_id}&status=concept&sort=-status")
    assert len(nummers(concept.json())) == 2


async def test_segmenten_filter_on_the_wet_and_sort_on_the_name_either_way(regio: Regio) -> None:
    merk = uuid.uuid4().hex
    for naam in (f"A {merk}", f"B {merk}"):
        await regio.segment(naam=naam)
    eigen = [
        s["naam"]
        for s in (await regio.get("/segmenten?wet=wmo&sort=-naam&pageSize=500")).json()["results"]
        if s["naam"].endswith(merk)
    ]
    assert eigen == [f"B {merk}", f"A {merk}"]
    jeugd = (await regio.get("/segmenten?wet=jeugdwet&pageSize=500")).json()["results"]
    assert not [s for s in jeugd if s["naam"].endswith(merk)]


@pytest.mark.parametrize(
    ("lijst", "toegestaan"),
    [
        ("/contracten", "contractnummer"),
        ("/segmenten", "naam"),
        ("/producten", "categorie"),
        ("/aanbestedingen", "naam"),
    ],
)
async def test_an_unknown_sort_field_is_a_400_that_names_the_allowed_ones(
    regio: Regio, lijst: str, toegestaan: str
) -> None:
    response = await regio.get(f"{lijst}?sort=-bsn")
    assert response.status_code == 400, response.text
    [finding] = response.json()["invalidParams"]
    assert (finding["name"], finding["code"]) == ("sort", "onbekend-sorteerveld")
    assert toegestaan in finding["reason"]


async def test_the_history_of_a_contract_sorts_newest_first_on_request(regio: Regio) -> None:
    contract = await regio.contract(contractnummer=f"H-{uuid.uuid4().hex[:8]}")
    await regio.post(f"/contracten/{contract['id']}/activeringen", {})
    history = await regio.get(f"/contracten/{contract['id']}/wijzigingen?sort=-volgnummer")
    volgnummers = [w["volgnummer"] for w in history.json()["results"]]
    assert volgnummers == sorted(volgnummers, reverse=True)
    assert volgnummers
    onbekend = await regio.get(f"/contracten/{contract['id']}/wijzigingen?sort=door")
    assert onbekend.status_code == 400
