"""The market of the demo region through the public APIs: contracting's producten,
onderaannemers and P x Q contracts with their tarieven (the coalition's lumpsum contract lists
its producten and a task budget, no tarieven); the aanbieders with their capaciteit at
providers; the budget lines and the coalition's lumpsum at finance."""

from __future__ import annotations

from datetime import date
from typing import Any

from deploy.demo.api import CONTRACTING, FINANCE, PROVIDERS, Api, eventually, slug
from deploy.demo.producten import (
    BEGELEIDING_PRODUCTEN,
    BESCHERMD_WONEN,
    BUDGETTEN,
    BW_PRODUCTEN,
    COALITIECONTRACT,
    JAAR,
    TODAY,
    ProductSpec,
    code_of,
    tarieven_of,
)
from wmo_testing.regio import BW_AANBIEDERS, COALITIE, GEBIEDEN, ONDERAANNEMERS, STRATEN


async def load_contracting(api: Api) -> dict[str, str]:
    """Producten, the coalition's onderaannemers, and the P x Q contracts of beschermd wonen;
    returns the segment ids by name."""
    segmenten = {
        s["naam"]: s["id"] for s in await api.all(f"{CONTRACTING}/segmenten", "contract-manager")
    }
    for product in BEGELEIDING_PRODUCTEN + BW_PRODUCTEN:
        await api.create(
            f"{CONTRACTING}/producten",
            "contract-manager",
            code_of(product) | {"naam": product.naam, "eenheid": product.eenheid},
            exists="product-bestaat-al",
        )
    contracten = {
        c["contractnummer"]: c
        for c in await api.all(f"{CONTRACTING}/contracten", "contract-manager")
    }
    coalitie = contracten[COALITIECONTRACT]
    partijen = {p["aanbiederAgb"] for p in coalitie["partijen"]}
    wijziging: dict[str, Any] = {
        "partijenToevoegen": [
            {
                "aanbiederAgb": agb,
                "naam": naam,
                "rol": "onderaannemer",
                "toestemmingsdatum": f"{JAAR}-01-15",
                "reden": reden,
                "evaluatiedatum": f"{JAAR}-12-15",
            }
            for agb, naam, reden in ONDERAANNEMERS
            if agb not in partijen
        ],
    }
    # The coalition is paid by lumpsum: its contract lists the producten, it has no tarieven.
    if wijziging["partijenToevoegen"]:
        await api.ok(
            "POST",
            f"{CONTRACTING}/contracten/{coalitie['id']}/wijzigingen",
            "contract-manager",
            wijziging | {"reden": "Onderaannemers met toestemming"},
        )
    for agb, naam in BW_AANBIEDERS:
        nummer = f"HVB-BW-{JAAR}-{agb[-2:]}"
        contract = contracten.get(nummer) or await api.ok(
            "POST",
            f"{CONTRACTING}/contracten",
            "contract-manager",
            {
                "contractnummer": nummer,
                "segmentId": segmenten[BESCHERMD_WONEN],
                "ingangsdatum": f"{JAAR}-01-01",
                "einddatum": f"{JAAR + 2}-12-31",
                # Beschermd wonen is bought for the whole region: every gebied.
                "gebieden": GEBIEDEN,
                "bekostiging": {"model": "inspanningsgericht"},
                "partijen": [{"aanbiederAgb": agb, "naam": naam, "rol": "hoofdaannemer"}],
                "tarieven": tarieven_of(BW_PRODUCTEN, date(JAAR, 1, 1)),
                "verlengingsopties": [{"jaren": 1}],
            },
        )
        if contract["status"] == "concept":
            await api.ok(
                "POST",
                f"{CONTRACTING}/contracten/{contract['id']}/activeringen",
                "contract-manager",
            )
    return segmenten


def _capaciteit(producten: list[ProductSpec], plaatsen: int) -> list[dict[str, Any]]:
    return [{"product": code_of(p), "plaatsen": plaatsen} for p in producten]


async def load_providers(api: Api) -> int:
    aanbieders = (
        [(agb, naam, g, _capaciteit(BEGELEIDING_PRODUCTEN, 4000)) for agb, naam, g in COALITIE]
        + [(agb, naam, GEBIEDEN, []) for agb, naam, _ in ONDERAANNEMERS]
        + [(agb, naam, ["Regio"], _capaciteit(BW_PRODUCTEN, 150)) for agb, naam in BW_AANBIEDERS]
    )
    for i, (agb, naam, gebieden, capaciteit) in enumerate(aanbieders):
        await api.create(
            f"{PROVIDERS}/aanbieders",
            "contract-manager",
            {
                "agb": agb,
                "kvkNummer": f"{17_400_000 + i * 1_317:08d}",
                "naam": naam,
                "gebieden": gebieden,
                "adres": {
                    "straat": STRATEN[i],
                    "huisnummer": str(10 + i),
                    "postcode": f"50{11 + i}AB",
                    "plaats": "Tilburg",
                },
                "capaciteit": capaciteit,
                "contactpersonen": [{"naam": "Contractmanager", "functie": "contractmanager"}],
            },
            exists="aanbieder-bestaat-al",
        )
    return len(aanbieders)


async def load_finance(api: Api) -> int:
    """The budget lines and the coalition's lumpsum of this year from its contract's task
    budget (minus the 6 % korting), per gemeente by its verdeelsleutel; termijnen up to now
    are paid."""
    for naam, bedrag in BUDGETTEN:
        await api.create(
            f"{FINANCE}/budgetten",
            "controller",
            {
                "jaar": JAAR,
                "segmentNaam": naam,
                "bedragCents": bedrag,
                "drempelPercentages": [50, 75, 90, 100],
            },
            exists="budget-bestaat-al",
        )
    contracten = await api.all(f"{CONTRACTING}/contracten", "contract-manager")
    coalitie = next(c for c in contracten if c["contractnummer"] == COALITIECONTRACT)

    async def lumpsum() -> bool:
        response = await api.call(
            "POST",
            f"{FINANCE}/lumpsumtermijnen",
            "controller",
            {"contractId": coalitie["id"], "jaar": JAAR},
        )
        # Finance learns the contract (and its task budget) from contracting's event.
        if response.status_code in (404, 409) and slug(response) in (
            "contract-onbekend",
            "taakbudget-ontbreekt",
        ):
            return False
        if response.status_code != 201 and slug(response) != "lumpsum-bestaat-al":
            raise SystemExit(f"[demo] lumpsum: {response.status_code} {response.text[:300]}")
        return True

    await eventually("finance to know the coalition contract", lumpsum)
    betaald = 0
    for termijn in await api.all(
        f"{FINANCE}/lumpsumtermijnen", "controller", contractId=coalitie["id"], jaar=str(JAAR)
    ):
        begin = date.fromisoformat(termijn["periodeBegin"])
        if termijn["betaaldOp"] is None and begin <= TODAY:
            # A lumpsum termijn is paid at the start of its month.
            await api.create(
                f"{FINANCE}/lumpsumtermijnen/{termijn['id']}/betalingen",
                "controller",
                {"betaaldOp": str(begin)},
                exists="termijn-al-betaald",
            )
            betaald += 1
    return betaald
