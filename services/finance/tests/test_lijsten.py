"""Every list of financiën filters on what a screen has (aanbieder, gemeente, segment, status, a
period) and sorts with the NLGov `sort` parameter; an unknown sort field is a 400 that names the
allowed ones."""

from datetime import date
from typing import Any

import httpx
import pytest

from wmo_testing.finance import Regio

JAN = (date(2026, 1, 1), date(2026, 1, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))


async def listed(regio: Regio, lijst: str, **params: Any) -> httpx.Response:
    return await regio.client.get(
        f"/api/v1/{lijst}", params=params, headers=regio.headers("controller")
    )


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["results"]]


async def test_verplichtingen_filter_on_toewijzing_and_period_and_sort_on_ingangsdatum(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(6543)]))
    vroeg = regio.toewijzing(ingangsdatum=date(2026, 1, 5))
    laat = regio.toewijzing(ingangsdatum=date(2026, 2, 2))
    await regio.publish(vroeg, laat)
    eerste = await regio.verplichting_van(vroeg.toewijzing_id)
    tweede = await regio.verplichting_van(laat.toewijzing_id)

    nieuwste_eerst = await listed(
        regio, "verplichtingen", aanbiederAgb=regio.agb, sort="-ingangsdatum"
    )
    assert ids(nieuwste_eerst) == [tweede["id"], eerste["id"]]
    oudste_eerst = await listed(
        regio, "verplichtingen", aanbiederAgb=regio.agb, sort="ingangsdatum"
    )
    assert ids(oudste_eerst) == [eerste["id"], tweede["id"]]
    van_een = await listed(regio, "verplichtingen", toewijzingId=str(laat.toewijzing_id))
    assert ids(van_een) == [tweede["id"]]
    in_februari = await listed(
        regio, "verplichtingen", aanbiederAgb=regio.agb, vanaf="2026-02-01", totEnMet="2026-02-28"
    )
    assert ids(in_februari) == [tweede["id"]]


async def test_declaraties_filter_on_aanbieder_gemeente_and_period_and_sort_either_way(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(6543)]))
    toewijzing = regio.toewijzing()
    await regio.publish(toewijzing)
    await regio.verplichting_van(toewijzing.toewijzing_id)
    januari = await regio.beoordeeld(regio.declaratie(*JAN).regel(toewijzing, "R1").bericht("D1"))
    februari = await regio.beoordeeld(regio.declaratie(*FEB).regel(toewijzing, "R2").bericht("D2"))

    eigen = {"aanbiederAgb": regio.agb}
    oplopend = await listed(regio, "declaraties", **eigen, sort="declaratiedatum")
    assert ids(oplopend) == [januari["id"], februari["id"]]
    aflopend = await listed(regio, "declaraties", **eigen, sort="-declaratienummer")
    assert ids(aflopend) == [februari["id"], januari["id"]]
    in_februari = await listed(regio, "declaraties", **eigen, vanaf="2026-02-01")
    assert ids(in_februari) == [februari["id"]]
    andere_gemeente = await listed(regio, "declaraties", **eigen, gemeente="0363")
    assert andere_gemeente.json()["count"] == 0

    als_aanbieder = await regio.client.get(
        "/api/v1/declaraties",
        params={"sort": "-declaratiedatum"},
        headers=regio.headers("provider", agb=regio.agb),
    )
    assert ids(als_aanbieder) == [februari["id"], januari["id"]]
    ander = "00000001" if regio.agb != "00000001" else "00000002"
    van_ander = await regio.client.get(
        "/api/v1/declaraties",
        params={"aanbiederAgb": ander},
        headers=regio.headers("provider", agb=regio.agb),
    )
    assert van_ander.status_code == 403


@pytest.mark.parametrize(
    ("lijst", "toegestaan"),
    [
        ("declaraties", "beoordeeldAt"),
        ("betaalbatches", "periode"),
        ("verplichtingen", "ingangsdatum"),
        ("budgetten", "segmentNaam"),
        ("budgetplafonds", "plafondCents"),
        ("lumpsumtermijnen", "periodeBegin"),
        ("cak-meldingen", "uitersteVerzenddatum"),
    ],
)
async def test_an_unknown_sort_field_is_a_400_that_names_the_allowed_ones(
    regio: Regio, lijst: str, toegestaan: str
) -> None:
    response = await listed(regio, lijst, sort="-bsn")
    assert response.status_code == 400, response.text
    [finding] = response.json()["invalidParams"]
    assert (finding["name"], finding["code"]) == ("sort", "onbekend-sorteerveld")
    assert toegestaan in finding["reason"]
