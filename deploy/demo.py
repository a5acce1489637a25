"""Load the demo region Hart van Brabant through the public APIs (idempotent: what is there is
left alone, so `make run` may run it on every start).

Contracting's seed loads the segments with their strategies and the begeleiding coalition
contract; everything else goes through the APIs with development tokens, as the people of a
region would enter it: onderaannemers, producten and tarieven on the coalition contract, a P x Q
contract per beschermd wonen aanbieder, the aanbieders with their capaciteit, budgets and the
lumpsum, and synthetic clienten with valid test BSNs, each walked from melding to beschikking,
most of them on to a toewijzing. deploy/simulator.py then plays the aanbieders' systems.

    DEMO_CLIENTEN=3000 DEMO_TOEWIJZINGEN=1200 python deploy/demo.py
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any, NamedTuple

import httpx

from wmo_common.auth import mint_token
from wmo_common.privacy import is_valid_bsn
from wmo_common.settings import CommonSettings

ACCESS, CONTRACTING, PROVIDERS, FINANCE = (
    f"http://127.0.0.1:{p}/api/v1" for p in range(8001, 8005)
)
TODAY = date.today()
JAAR = TODAY.year
BEGELEIDING = "Begeleiding Hart van Brabant"
BESCHERMD_WONEN = "Beschermd wonen Hart van Brabant"
COALITIECONTRACT = "HVB-BEG-2024"

# The nine gemeenten of Hart van Brabant (CBS codes of ../shared/iwmo/codelists/cbs), grouped in
# the four gebieden of the begeleiding contract, with their population in thousands (which
# weighs where clienten live) and postcode areas for synthetic addresses.
GEMEENTEN: list[tuple[str, str, str, int, tuple[int, ...]]] = [
    ("0855", "Tilburg", "Tilburg", 224, (5011, 5013, 5014, 5017, 5021, 5025, 5032, 5042, 5045)),
    ("0766", "Dongen", "Oost", 27, (5101, 5102, 5104, 5106)),
    ("0784", "Gilze en Rijen", "West", 27, (5121, 5122, 5124, 5126)),
    ("0785", "Goirle", "West", 24, (5051, 5052, 5053)),
    ("0798", "Hilvarenbeek", "West", 16, (5081, 5083, 5084)),
    ("0809", "Loon op Zand", "Oost", 23, (5171, 5172, 5175, 5176)),
    ("0824", "Oisterwijk", "Oost", 33, (5061, 5062, 5066)),
    ("0867", "Waalwijk", "Heusden", 49, (5141, 5142, 5143, 5144, 5145, 5146)),
    ("0797", "Heusden", "Heusden", 44, (5151, 5152, 5161, 5251, 5252, 5256)),
]
GEBIEDEN = ["West", "Tilburg", "Oost", "Heusden"]

# The coalition of the contracting seed, its onderaannemers (with the consent the contract
# asks for) and the beschermd wonen aanbieders, each with an AGB code, a KvK number and places.
COALITIE = [
    ("73730001", "Coalitie Sterk in de Wijk (penvoerder)", GEBIEDEN),
    ("73730002", "Combinant Thuis B.V.", ["Tilburg", "Oost"]),
    ("73730003", "Strategisch Partner Zorg", ["West"]),
]
ONDERAANNEMERS = [
    ("73730005", "Stichting Maatje Midden-Brabant", "niche-expertise"),
    ("73730006", "Wijkzorg De Langstraat B.V.", "capaciteit"),
]
BW_AANBIEDERS = [
    ("73730004", "Beschermd Wonen Brabant"),
    ("73730007", "Stichting Het Anker Wonen"),
    ("73730008", "Herstelhuis Tilburg B.V."),
]


class ProductSpec(NamedTuple):
    """A product as the demo contracts and indicates it."""

    categorie: str
    code: str
    naam: str
    eenheid: str  # iWmo Eenheid: 04 uur, 14 etmaal, 16 dagdeel
    tarief_cents: int
    volumes: tuple[int, ...]  # the omvang an indicatie may get, per frequentie
    frequentie: str  # iWmo Frequentie: 2 per week, 4 per maand


BEGELEIDING_PRODUCTEN = [
    ProductSpec("02", "02A01", "Individuele begeleiding", "04", 6_540, (2, 3, 4, 6), "2"),
    ProductSpec("02", "02A02", "Groepsbegeleiding", "16", 5_210, (2, 3, 4), "2"),
    ProductSpec("02", "02A03", "Respijtzorg (logeren)", "14", 14_870, (2, 4), "4"),
]
BW_PRODUCTEN = [
    ProductSpec("15", "15A01", "Beschermd wonen intensief", "14", 19_850, (7,), "2"),
    ProductSpec("15", "15A02", "Beschermd wonen", "14", 14_120, (7,), "2"),
    ProductSpec("15", "15A03", "Beschermd thuis", "04", 7_450, (4, 6, 8), "2"),
]
# The yearly task budget of the lumpsum per gebied, in cents (together the 2026 begeleiding
# budget), paid in twelve monthly termijnen.
TAAKBUDGET = {"Tilburg": 1_940_000_000, "West": 580_000_000, "Oost": 720_000_000}
TAAKBUDGET["Heusden"] = 4_040_000_000 - sum(TAAKBUDGET.values())
BUDGETTEN = [(BEGELEIDING, 4_040_000_000), (BESCHERMD_WONEN, 4_910_000_000)]

VOORNAMEN = [
    "Anna", "Johannes", "Maria", "Petrus", "Sanne", "Daan", "Fatima", "Mohamed", "Eva", "Willem",
    "Lotte", "Bram", "Noor", "Ahmet", "Ineke", "Kees",
]  # fmt: skip
# A voorvoegsel is what precedes the last word.
ACHTERNAMEN = [
    "Jansen", "van Dijk", "de Vries", "Bakker", "van den Berg", "Smits", "van der Heijden",
    "Yilmaz", "Peters", "de Bruijn", "Verhoeven", "Kuijpers",
]  # fmt: skip
STRATEN = [
    "Kerkstraat", "Molenstraat", "Stationsstraat", "Schoolstraat", "Dorpsstraat", "Lindelaan",
    "Eikenlaan", "Nieuwstraat", "Markt", "Beukenlaan", "Parallelweg",
]  # fmt: skip
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

# Synthetic BSNs come from the range the Dutch government keeps for test persons (999...).
TEST_BSN_START = 999_900_000
CONCURRENCY = 12


@dataclass(frozen=True)
class Plan:
    """What one synthetic client gets: who they are, and which product from whom (if any)."""

    n: int
    body: dict[str, Any]
    segment: str | None
    product: ProductSpec | None
    aanbieders: list[str]
    ingangsdatum: date
    volume: int


class Api:
    """One httpx client with a development token per role."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        settings = CommonSettings()
        self.headers = {
            role: {"Authorization": f"Bearer {mint_token(settings, subject='demo', roles=[role])}"}
            for role in ("consultant", "contract-manager", "controller")
        }

    async def call(
        self, method: str, url: str, role: str, body: object = None, **headers: str
    ) -> httpx.Response:
        return await self.client.request(
            method, url, json=body, headers=self.headers[role] | headers
        )

    async def ok(self, method: str, url: str, role: str, body: object = None) -> Any:
        response = await self.call(method, url, role, body)
        if response.status_code not in (200, 201):
            raise SystemExit(f"[demo] {method} {url}: {response.status_code} {response.text[:400]}")
        return response.json()

    async def create(self, url: str, role: str, body: object, *, exists: str) -> None:
        """POST; the `exists` conflict (it is there already) is fine too."""
        response = await self.call("POST", url, role, body)
        if response.status_code == 409 and _slug(response) == exists:
            return
        if response.status_code not in (200, 201):
            raise SystemExit(f"[demo] POST {url}: {response.status_code} {response.text[:400]}")

    async def all(self, url: str, role: str, **params: str) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = []
        page = 1
        while True:
            query = httpx.QueryParams(params | {"page": str(page), "pageSize": "100"})
            body = await self.ok("GET", f"{url}?{query}", role)
            results += body["results"]
            if len(results) >= body["count"] or not body["results"]:
                return results
            page += 1


def _slug(response: httpx.Response) -> str:
    return str(response.json().get("type", "")).rsplit("/", 1)[-1]


def say(text: str) -> None:
    print(f"[demo] {text}", flush=True)


def test_bsns() -> Iterator[str]:
    candidate = TEST_BSN_START
    while True:
        if is_valid_bsn(str(candidate)):
            yield str(candidate)
        candidate += 1


async def eventually(
    what: str, attempt: Callable[[], Awaitable[Any]], timeout: float = 120.0
) -> Any:
    """Retry `attempt()` until it returns something: another service's read model catches up
    through Kafka a moment after the change."""
    deadline = time.monotonic() + timeout
    while True:
        result = await attempt()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"[demo] waited {timeout:.0f}s for {what}")
        await asyncio.sleep(1)


# --- contracting -------------------------------------------------------------------------------


def _code(product: ProductSpec) -> dict[str, str]:
    return {"categorie": product.categorie, "code": product.code}


def _tarieven(producten: list[ProductSpec], vanaf: date) -> list[dict[str, Any]]:
    return [
        {"product": _code(p), "bedragCents": p.tarief_cents, "geldigVanaf": str(vanaf)}
        for p in producten
    ]


async def load_contracting(api: Api) -> dict[str, str]:
    """Producten, the coalition's onderaannemers and tarieven, and the P x Q contracts of
    beschermd wonen; returns the segment ids by name."""
    segmenten = {
        s["naam"]: s["id"] for s in await api.all(f"{CONTRACTING}/segmenten", "contract-manager")
    }
    for product in BEGELEIDING_PRODUCTEN + BW_PRODUCTEN:
        await api.create(
            f"{CONTRACTING}/producten",
            "contract-manager",
            _code(product) | {"naam": product.naam, "eenheid": product.eenheid},
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
    if not coalitie["tarieven"]:
        # Reference tarieven: the coalition is paid by lumpsum, they price the care it delivers.
        wijziging["tarievenToevoegen"] = _tarieven(BEGELEIDING_PRODUCTEN, date(JAAR, 1, 1))
    if wijziging["partijenToevoegen"] or "tarievenToevoegen" in wijziging:
        await api.ok(
            "POST",
            f"{CONTRACTING}/contracten/{coalitie['id']}/wijzigingen",
            "contract-manager",
            wijziging | {"reden": "Onderaannemers met toestemming en referentietarieven"},
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
                "tarieven": _tarieven(BW_PRODUCTEN, date(JAAR, 1, 1)),
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


# --- providers and finance ---------------------------------------------------------------------


def _capaciteit(producten: list[ProductSpec], plaatsen: int) -> list[dict[str, Any]]:
    return [{"product": _code(p), "plaatsen": plaatsen} for p in producten]


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
    """The budget lines and the coalition's lumpsum per gebied; termijnen up to now are paid."""
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

    async def lumpsum(gebied: str) -> bool:
        response = await api.call(
            "POST",
            f"{FINANCE}/lumpsumtermijnen",
            "controller",
            {
                "contractId": coalitie["id"],
                "gebied": gebied,
                "jaar": JAAR,
                "taakbudgetCents": TAAKBUDGET[gebied],
            },
        )
        # Finance learns the contract from contracting's event; until then it is unknown.
        if response.status_code in (404, 409) and _slug(response) == "contract-onbekend":
            return False
        if response.status_code != 201 and _slug(response) != "lumpsum-bestaat-al":
            raise SystemExit(
                f"[demo] lumpsum {gebied}: {response.status_code} {response.text[:300]}"
            )
        return True

    for gebied in GEBIEDEN:
        await eventually("finance to know the coalition contract", partial(lumpsum, gebied))
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


# --- clienten through toegang ------------------------------------------------------------------


def plan_clienten(aantal: int, met_toewijzing: int, segmenten: dict[str, str]) -> list[Plan]:
    """Deterministic synthetic clienten: the same numbers give the same people on every run."""
    weights = [g[3] for g in GEMEENTEN]
    plans = []
    bsns = test_bsns()
    # Spread the toewijzingen evenly over the clienten, so every gemeente gets its share.
    stride = aantal / max(met_toewijzing, 1)
    toegewezen = {int(i * stride) for i in range(min(met_toewijzing, aantal))}
    for n in range(aantal):
        rnd = random.Random(n)  # noqa: S311 - synthetic people, not secrets
        code, plaats, gebied, _, postcodes = rnd.choices(GEMEENTEN, weights)[0]
        voorvoegsel, _, achternaam = rnd.choice(ACHTERNAMEN).rpartition(" ")
        voornaam = rnd.choice(VOORNAMEN)
        is_bw = rnd.random() < 0.07
        leeftijd = rnd.randint(19, 64) if is_bw else rnd.randint(19, 92)
        body: dict[str, Any] = {
            "bsn": next(bsns),
            "voornamen": voornaam,
            "voorletters": voornaam[0],
            "achternaam": achternaam,
            "geboortedatum": str(date(JAAR - leeftijd, rnd.randint(1, 12), rnd.randint(1, 28))),
            "geslacht": rnd.choice("12"),
            "gemeentecode": code,
            "gebied": gebied,
            "adres": {
                "straatnaam": rnd.choice(STRATEN),
                "huisnummer": rnd.randint(1, 180),
                "postcode": f"{rnd.choice(postcodes)}{''.join(rnd.choices(LETTERS, k=2))}",
                "plaatsnaam": plaats,
            },
        }
        if voorvoegsel:
            body["voorvoegsel"] = voorvoegsel
        if rnd.random() < 0.6:
            body["telefoon"] = f"013{rnd.randint(5_000_000, 5_999_999)}"
        segment, product, aanbieders = None, None, []
        if n in toegewezen:
            if is_bw:
                segment = BESCHERMD_WONEN
                product = rnd.choices(BW_PRODUCTEN, (3, 5, 4))[0]
                aanbieders = rnd.sample([a for a, _ in BW_AANBIEDERS], k=len(BW_AANBIEDERS))
            else:
                segment = BEGELEIDING
                product = rnd.choices(BEGELEIDING_PRODUCTEN, (14, 4, 2))[0]
                # The penvoerder takes most clients; a partner working in the gebied the rest.
                partners = [a for a, _, g in COALITIE[1:] if gebied in g]
                aanbieders = ["73730001", *partners]
                if partners and rnd.random() < 0.4:
                    aanbieders.reverse()
        if rnd.random() < 0.15:
            # Care that starts in the coming two weeks: its 305s arrive while the demo runs.
            ingangsdatum = TODAY + timedelta(days=rnd.randint(1, 14))
        else:
            ingangsdatum = date(JAAR, 1, 5) + timedelta(
                days=rnd.randrange(max((TODAY - date(JAAR, 1, 5)).days - 10, 1))
            )
        volume = rnd.choice(product.volumes) if product else 0
        plans.append(
            Plan(n, body, segment and segmenten[segment], product, aanbieders, ingangsdatum, volume)
        )
    return plans


async def _accepted(api: Api, url: str, body: object) -> httpx.Response | None:
    """The consultant's POST, when it is accepted."""
    response = await api.call("POST", url, "consultant", body)
    return response if response.status_code == 201 else None


async def walk(api: Api, plan: Plan, *, wait: bool = False) -> str:
    """Register the client; with a product, take them from melding to a toewijzing.
    Returns what happened: registered, toegewezen, known (an earlier run did it) or afgewezen."""
    response = await api.call("POST", f"{ACCESS}/clienten", "consultant", plan.body)
    if response.status_code == 409 and _slug(response) == "client-bestaat-al":
        if plan.product is None:
            return "known"
        found = await api.ok(
            "POST", f"{ACCESS}/clienten/_zoek", "consultant", {"bsn": plan.body["bsn"]}
        )
        client_id = found["results"][0]["id"]
        earlier = await api.ok("GET", f"{ACCESS}/toewijzingen?clientId={client_id}", "consultant")
        if earlier["count"]:
            return "known"
    elif response.status_code == 201:
        client_id = response.json()["id"]
    else:
        raise SystemExit(f"[demo] client {plan.n}: {response.status_code} {response.text[:300]}")
    if plan.product is None or plan.segment is None:
        return "registered"
    start = plan.ingangsdatum
    melding_op = start - timedelta(days=35)
    afgerond_op = melding_op + timedelta(days=21)
    melding = await api.ok(
        "POST",
        f"{ACCESS}/meldingen",
        "consultant",
        {
            "clientId": client_id,
            "meldingsdatum": str(melding_op),
            "omschrijving": "Hulpvraag via het wijkteam",
        },
    )
    onderzoek = await api.ok(
        "POST",
        f"{ACCESS}/onderzoeken",
        "consultant",
        {
            "meldingId": melding["id"],
            "startdatum": str(melding_op + timedelta(days=3)),
        },
    )
    await api.ok(
        "POST",
        f"{ACCESS}/onderzoeken/{onderzoek['id']}/afronding",
        "consultant",
        {
            "afgerondOp": str(afgerond_op),
            "eigenNetwerk": "Familie helpt waar het kan",
            "algemeneVoorzieningen": "Algemene voorzieningen overwogen, niet toereikend",
            "conclusie": f"{plan.product.naam} nodig",
        },
    )
    ondersteuningsplan = await api.ok(
        "POST",
        f"{ACCESS}/ondersteuningsplannen",
        "consultant",
        {
            "onderzoekId": onderzoek["id"],
            "vastgesteldOp": str(afgerond_op),
            "resultaten": [
                {
                    "omschrijving": "Houdt de eigen huishouding en administratie op orde",
                    "meetcriterium": "Geen achterstanden bij de evaluatie",
                    "streefdatum": str(start + timedelta(days=180)),
                }
            ],
            "evaluatiemomenten": [str(start + timedelta(days=90))],
        },
    )
    aanvraag = await api.ok(
        "POST",
        f"{ACCESS}/aanvragen",
        "consultant",
        {
            "clientId": client_id,
            "ondersteuningsplanId": ondersteuningsplan["id"],
            "aanvraagdatum": str(afgerond_op),
        },
    )
    product = plan.product
    # Beschermd wonen is indicated for three years, begeleiding for one.
    jaren = 3 if product in BW_PRODUCTEN else 1
    beschikking_body = {
        "aanvraagId": aanvraag["id"],
        "indicaties": [
            {
                "segmentId": plan.segment,
                "product": _code(product),
                "omvang": {
                    "volume": plan.volume,
                    "eenheid": product.eenheid,
                    "frequentie": product.frequentie,
                },
                "ingangsdatum": str(start),
                "einddatum": str(start + timedelta(days=365 * jaren - 1)),
                "leveringsvorm": "zin",
            }
        ],
    }
    # Access learns segments and contracts from contracting's events: the first client of a
    # segment waits until it knows them.
    created = await api.call("POST", f"{ACCESS}/beschikkingen", "consultant", beschikking_body)
    if wait and created.status_code in (400, 409):
        created = await eventually(
            "access to know the segment",
            partial(_accepted, api, f"{ACCESS}/beschikkingen", beschikking_body),
        )
    if created.status_code != 201:
        raise SystemExit(f"[demo] beschikking {plan.n}: {created.status_code} {created.text[:300]}")
    beschikking = created.json()
    afgifte = await api.call(
        "POST",
        f"{ACCESS}/beschikkingen/{beschikking['id']}/afgifte",
        "consultant",
        {"afgiftedatum": str(min(afgerond_op + timedelta(days=7), TODAY))},
        **{"If-Match": created.headers["ETag"]},
    )
    if afgifte.status_code != 200:
        raise SystemExit(f"[demo] afgifte {plan.n}: {afgifte.status_code} {afgifte.text[:300]}")
    indicatie_id = afgifte.json()["indicaties"][0]["id"]
    for agb in plan.aanbieders:
        body = {"indicatieId": indicatie_id, "aanbiederAgb": agb}
        toewijzing = await api.call("POST", f"{ACCESS}/toewijzingen", "consultant", body)
        if wait and _slug(toewijzing) == "geen-actief-contract":
            toewijzing = await eventually(
                "access to know the contract",
                partial(_accepted, api, f"{ACCESS}/toewijzingen", body),
            )
        if toewijzing.status_code == 201:
            return "toegewezen"
        if toewijzing.status_code != 409:
            raise SystemExit(
                f"[demo] toewijzing {plan.n}: {toewijzing.status_code} {toewijzing.text[:300]}"
            )
        # Full or blocked: the consultant tries the next contracted aanbieder.
    return "afgewezen"


async def load_clienten(api: Api, plans: list[Plan]) -> dict[str, int]:
    outcome: dict[str, int] = {}
    started = time.monotonic()
    queue: asyncio.Queue[Plan] = asyncio.Queue()
    for plan in plans:
        queue.put_nowait(plan)

    async def worker() -> None:
        while not queue.empty():
            plan = queue.get_nowait()
            result = await walk(api, plan)
            outcome[result] = outcome.get(result, 0) + 1
            done = sum(outcome.values())
            if done % 250 == 0 or done == len(plans):
                rate = done / (time.monotonic() - started)
                say(
                    f"clienten {done}/{len(plans)} ({rate:.0f}/s): "
                    + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items()))
                )

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return outcome


async def first_of_each_segment(api: Api, plans: list[Plan]) -> dict[int, str]:
    """Walk the first client of each segment alone, waiting for access to know the segment and
    its contracts; returns what happened by client number."""
    first: dict[str, Plan] = {}
    for plan in plans:
        if plan.segment is not None:
            first.setdefault(plan.segment, plan)
    return {plan.n: await walk(api, plan, wait=True) for plan in first.values()}


async def load(aantal: int, met_toewijzing: int) -> None:
    started = time.monotonic()
    limits = httpx.Limits(max_connections=CONCURRENCY * 2)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        api = Api(client)
        segmenten = await load_contracting(api)
        aanbieders = await load_providers(api)
        betaald = await load_finance(api)
        say(f"contracts, {aanbieders} aanbieders, budgets and lumpsum ready ({betaald} paid now)")
        plans = plan_clienten(aantal, met_toewijzing, segmenten)
        eerst = await first_of_each_segment(api, plans)
        outcome = await load_clienten(api, [p for p in plans if p.n not in eerst])
        for result in eerst.values():
            outcome[result] = outcome.get(result, 0) + 1
    say(
        f"demo region loaded in {time.monotonic() - started:.0f}s: {len(GEMEENTEN)} gemeenten, "
        f"{len(GEBIEDEN)} gebieden, {aanbieders} aanbieders, {len(plans)} clienten ("
        + ", ".join(f"{k} {v}" for k, v in sorted(outcome.items()))
        + ")"
    )


def main() -> int:
    # Contracting's seed works in its own database; its events reach the others through Kafka.
    subprocess.run(
        [sys.executable, "-m", "wmo_contracting.seed"],
        check=True,
        env={**os.environ, "DATABASE_URL": os.environ["CONTRACTING_DATABASE_URL"]},
    )
    aantal = int(os.environ.get("DEMO_CLIENTEN", "3000"))
    met_toewijzing = int(os.environ.get("DEMO_TOEWIJZINGEN", "1200"))
    asyncio.run(load(aantal, met_toewijzing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
