from wmo_contracting.seed import load
from wmo_testing.contracting import Regio


async def test_the_seed_regions_load_once_with_a_published_strategy_per_segment(
    regio: Regio,
) -> None:
    async with regio.harness.sessionmaker() as session, session.begin():
        added = await load(session)
    assert "contract HVB-BEG-2024" in added
    async with regio.harness.sessionmaker() as session, session.begin():
        assert await load(session) == []

    segmenten = (await regio.get("/segmenten?pageSize=100")).json()
    assert segmenten["count"] == 12
    wetten = [s["wet"] for s in segmenten["results"]]
    assert (wetten.count("jeugdwet"), wetten.count("wmo")) == (5, 7)
    for segment in segmenten["results"]:
        versions = await regio.get(f"/segmenten/{segment['id']}/verwervingsstrategieen")
        assert [v["status"] for v in versions.json()["results"]] == ["gepubliceerd"]

    (contract,) = (await regio.get("/contracten?status=actief")).json()["results"]
    assert contract["contractnummer"] == "HVB-BEG-2024"
    assert contract["gebieden"] == ["West", "Tilburg", "Oost", "Heusden"]
    assert contract["bekostiging"]["model"] == "taakgericht"
    assert [p["rol"] for p in contract["partijen"]] == [
        "hoofdaannemer",
        "combinant",
        "strategische-partner",
    ]
