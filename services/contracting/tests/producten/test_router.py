from wmo_testing.contracting import Regio


async def test_the_catalogue_holds_each_category_and_code_once(regio: Regio) -> None:
    body = {
        "categorie": "02",
        "code": "02A03",
        "naam": "Dagbesteding met vervoer",
        "eenheid": "16",
        "intensiteit": "zwaar",
    }
    created = await regio.post("/producten", body)
    assert created.status_code == 201
    assert created.json()["eenheid"] == "16"
    again = await regio.post("/producten", body | {"naam": "Anders"})
    assert again.status_code == 409
    assert again.json()["type"].endswith("/product-bestaat-al")
    toeslag = await regio.post(
        "/producten",
        {
            "categorie": "02",
            "code": "02V01",
            "naam": "Rolstoelvervoer",
            "eenheid": "82",
            "toeslag": "rolstoelvervoer",
        },
    )
    assert toeslag.status_code == 201
    listed = await regio.get("/producten?categorie=02", role="auditor")
    assert [p["code"] for p in listed.json()["results"]] == ["02A03", "02V01"]


async def test_a_product_needs_an_iwmo_unit_and_code(regio: Regio) -> None:
    response = await regio.post(
        "/producten",
        {"categorie": "2", "code": "02a03", "naam": "X", "eenheid": "99", "intensiteit": "heel"},
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {
        "categorie",
        "code",
        "eenheid",
        "intensiteit",
    }
    assert (await regio.post("/producten", {}, role="controller")).status_code == 403
