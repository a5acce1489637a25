"""The demo's synthetic clienten: planned deterministically (the same numbers give the same
people on every run, with valid test BSNs) and each walked through toegang, from melding to
beschikking and most of them on to a toewijzing."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

import httpx

from deploy.demo.api import ACCESS, CONCURRENCY, Api, eventually, say, slug
from deploy.demo.producten import (
    BEGELEIDING,
    BEGELEIDING_PRODUCTEN,
    BESCHERMD_WONEN,
    BW_PRODUCTEN,
    JAAR,
    TODAY,
    ProductSpec,
    code_of,
)
from wmo_testing.nummers import bsns
from wmo_testing.regio import BW_AANBIEDERS, COALITIE, GEMEENTEN, PENVOERDER, STRATEN

VOORNAMEN = [
    "Anna", "Johannes", "Maria", "Petrus", "Sanne", "Daan", "Fatima", "Mohamed", "Eva", "Willem",
    "Lotte", "Bram", "Noor", "Ahmet", "Ineke", "Kees",
]  # fmt: skip
# A voorvoegsel is what precedes the last word.
ACHTERNAMEN = [
    "Jansen", "van Dijk", "de Vries", "Bakker", "van den Berg", "Smits", "van der Heijden",
    "Yilmaz", "Peters", "de Bruijn", "Verhoeven", "Kuijpers",
]  # fmt: skip
LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class Plan:
    """What one synthetic client gets: who they are, and which product from whom (if any)."""

    n: int
    body: dict[str, Any]
    segment: str | None  # the segment's name
    product: ProductSpec | None
    aanbieders: list[str]
    ingangsdatum: date
    volume: int


def plan_clienten(aantal: int, met_toewijzing: int) -> list[Plan]:
    """Deterministic synthetic clienten: the same numbers give the same people on every run."""
    weights = [g.inwoners_duizend for g in GEMEENTEN]
    plans = []
    numbers = bsns()
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
            "bsn": next(numbers),
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
                aanbieders = [PENVOERDER, *partners]
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
        plans.append(Plan(n, body, segment, product, aanbieders, ingangsdatum, volume))
    return plans


@dataclass(frozen=True)
class Markt:
    """The market loaded before the clienten get their product: what a walk needs of it."""

    segmenten: dict[str, str]  # segment id by name
    aanbieders: int
    # The clienten an earlier run took to a toewijzing (any status): walked no further.
    toegewezen: frozenset[str]


BATCH = 100
"""Clienten per `POST /clienten/_batch` (the most it takes)."""


async def _accepted(api: Api, url: str, body: object) -> httpx.Response | None:
    """The consultant's POST, when it is accepted."""
    response = await api.call("POST", url, "consultant", body)
    return response if response.status_code == 201 else None


async def _found(api: Api, plan: Plan) -> str | None:
    """The id of the client with the plan's BSN, if access knows them."""
    found = await api.ok(
        "POST", f"{ACCESS}/clienten/_zoek", "consultant", {"bsn": plan.body["bsn"]}
    )
    return str(found["results"][0]["id"]) if found["results"] else None


async def register(api: Api, plans: list[Plan]) -> dict[int, str | None]:
    """Register every client, BATCH to a request, a few requests at a time: the id of each one
    registered now, None for one an earlier run registered (409 client-bestaat-al)."""
    in_flight = asyncio.Semaphore(max(CONCURRENCY // 3, 1))

    async def batch(part: list[Plan]) -> dict[int, str | None]:
        async with in_flight:
            body = {"clienten": [plan.body for plan in part]}
            answer = await api.ok("POST", f"{ACCESS}/clienten/_batch", "consultant", body)
        ids: dict[int, str | None] = {}
        for plan, uitkomst in zip(part, answer["uitkomsten"], strict=True):
            if uitkomst["status"] == 201:
                ids[plan.n] = str(uitkomst["client"]["id"])
            elif uitkomst["probleem"]["type"].endswith("/client-bestaat-al"):
                ids[plan.n] = None
            else:
                raise SystemExit(f"[demo] client {plan.n}: {uitkomst}")
        return ids

    parts = [plans[i : i + BATCH] for i in range(0, len(plans), BATCH)]
    return {n: i for ids in await asyncio.gather(*map(batch, parts)) for n, i in ids.items()}


async def walk(
    api: Api, plan: Plan, markt: Markt, registered: str | None, *, wait: bool = False
) -> str:
    """Take a client with a product from melding to a toewijzing; `registered` is their id when
    register() registered them now, else they are looked up. Returns what happened:
    toegewezen, known (an earlier run did it) or afgewezen."""
    if plan.product is None or plan.segment is None:
        raise ValueError(f"client {plan.n} has no product: register() them")
    client_id = registered or await _found(api, plan)
    if client_id is None:
        raise SystemExit(f"[demo] client {plan.n}: access knows the BSN but does not find it")
    if client_id in markt.toegewezen:
        return "known"
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
                "segmentId": markt.segmenten[plan.segment],
                "product": code_of(product),
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
        if wait and slug(toewijzing) == "geen-actief-contract":
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


class Voortgang:
    """What happened to how many clienten; said every 250."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.outcome: dict[str, int] = {}
        self.started = time.monotonic()

    def done(self, result: str) -> None:
        self.outcome[result] = self.outcome.get(result, 0) + 1
        done = sum(self.outcome.values())
        if done % 250 == 0 or done == self.total:
            rate = done / (time.monotonic() - self.started)
            say(
                f"clienten {done}/{self.total} ({rate:.0f}/s): "
                + ", ".join(f"{k} {v}" for k, v in sorted(self.outcome.items()))
            )


async def load_clienten(api: Api, plans: list[Plan], markt: Awaitable[Markt]) -> dict[str, int]:
    """Register every client (that needs nothing of the market, which loads meanwhile), then
    walk those with a product, CONCURRENCY at a time; returns how many had which outcome. The
    first client of each segment is walked alone, waiting until access knows the segment and
    its contracts, and the rest follow."""
    voortgang = Voortgang(len(plans))
    ids = await register(api, plans)
    for plan in plans:
        if plan.product is None:
            voortgang.done("registered" if ids[plan.n] else "known")
    known = await markt
    first: dict[str, Plan] = {}
    for plan in plans:
        if plan.segment is not None:
            first.setdefault(plan.segment, plan)
    for result in await asyncio.gather(
        *(walk(api, plan, known, ids[plan.n], wait=True) for plan in first.values())
    ):
        voortgang.done(result)
    firsts = {plan.n for plan in first.values()}
    rest = iter([plan for plan in plans if plan.product is not None and plan.n not in firsts])

    async def worker() -> None:
        for plan in rest:  # shared: each plan is walked by one worker
            voortgang.done(await walk(api, plan, known, ids[plan.n]))

    async with asyncio.TaskGroup() as tasks:
        for _ in range(CONCURRENCY):
            tasks.create_task(worker())
    return voortgang.outcome
