"""The demo's synthetic clienten: planned deterministically (the same numbers give the same
people on every run, with valid test BSNs), registered through access's API in batches, and
those with a product walked through toegang, from melding to beschikking and most of them on to
a toewijzing, by access's own use cases (deploy/demo/toegang.py)."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any, Literal

from deploy.demo.api import ACCESS, CONCURRENCY, Api, eventually, say
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
from deploy.demo.toegang import Toegang
from wmo_common.problems import Problem
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
    toegang: Toegang, plan: Plan, markt: Markt, registered: str | None, *, wait: bool = False
) -> str:
    """Take a client with a product from melding to a toewijzing, through access's own use
    cases (deploy/demo/toegang.py); `registered` is their id when register() registered them
    now, else they are looked up. Returns what happened: toegewezen, known (an earlier run did
    it) or afgewezen."""
    client_id = uuid.UUID(registered) if registered else await toegang.find_client(plan.body["bsn"])
    if client_id is None:
        raise SystemExit(f"[demo] client {plan.n}: access knows the BSN but does not find it")
    if str(client_id) in markt.toegewezen:
        return "known"
    if wait:
        # Access learns segments and contracts from contracting's events: the first client of
        # a segment waits until it knows them.
        indicatie_id = await eventually(
            "access to know the segment",
            partial(_intake_once_known, toegang, plan, markt, client_id),
        )
    else:
        indicatie_id = await _intake(toegang, plan, markt, client_id)
    for agb in plan.aanbieders:
        body = {"indicatieId": indicatie_id, "aanbiederAgb": agb}
        refused = await toegang.toewijzing(body)
        if wait and refused is not None and refused.slug == "geen-actief-contract":
            outcome = await eventually(
                "access to know the contract", partial(_assigned, toegang, body)
            )
            refused = None if outcome is True else outcome
        if refused is None:
            return "toegewezen"
        if refused.status != 409:
            raise SystemExit(f"[demo] toewijzing {plan.n}: {refused.status} {refused.slug}")
        # Full or blocked: the consultant tries the next contracted aanbieder.
    return "afgewezen"


async def _intake(toegang: Toegang, plan: Plan, markt: Markt, client_id: uuid.UUID) -> uuid.UUID:
    """From melding to an afgegeven beschikking, in one transaction; returns its indicatie."""
    if plan.product is None or plan.segment is None:
        raise ValueError(f"client {plan.n} has no product: register() them")
    product = plan.product
    start = plan.ingangsdatum
    melding_op = start - timedelta(days=35)
    afgerond_op = melding_op + timedelta(days=21)
    async with toegang.transaction() as session:
        # Each step's result is kept until the commit: the later steps load it again, and the
        # session's identity map (weak references) then answers without a query.
        client = await toegang.client(session, client_id)
        melding = await toegang.melding(
            session,
            {
                "clientId": client.id,
                "meldingsdatum": melding_op,
                "omschrijving": "Hulpvraag via het wijkteam",
            },
        )
        onderzoek = await toegang.onderzoek(
            session, {"meldingId": melding.id, "startdatum": melding_op + timedelta(days=3)}
        )
        await toegang.afronding(
            session,
            onderzoek.id,
            {
                "afgerondOp": afgerond_op,
                "eigenNetwerk": "Familie helpt waar het kan",
                "algemeneVoorzieningen": "Algemene voorzieningen overwogen, niet toereikend",
                "conclusie": f"{product.naam} nodig",
            },
        )
        ondersteuningsplan = await toegang.ondersteuningsplan(
            session,
            {
                "onderzoekId": onderzoek.id,
                "vastgesteldOp": afgerond_op,
                "resultaten": [
                    {
                        "omschrijving": "Houdt de eigen huishouding en administratie op orde",
                        "meetcriterium": "Geen achterstanden bij de evaluatie",
                        "streefdatum": start + timedelta(days=180),
                    }
                ],
                "evaluatiemomenten": [start + timedelta(days=90)],
            },
        )
        aanvraag = await toegang.aanvraag(
            session,
            {
                "clientId": client.id,
                "ondersteuningsplanId": ondersteuningsplan.id,
                "aanvraagdatum": afgerond_op,
            },
        )
        # Beschermd wonen is indicated for three years, begeleiding for one.
        jaren = 3 if product in BW_PRODUCTEN else 1
        indicatie = {
            "segmentId": markt.segmenten[plan.segment],
            "product": code_of(product),
            "omvang": {
                "volume": plan.volume,
                "eenheid": product.eenheid,
                "frequentie": product.frequentie,
            },
            "ingangsdatum": start,
            "einddatum": start + timedelta(days=365 * jaren - 1),
            "leveringsvorm": "zin",
        }
        return await toegang.beschikking(
            session,
            {"aanvraagId": aanvraag.id, "indicaties": [indicatie]},
            {"afgiftedatum": min(afgerond_op + timedelta(days=7), TODAY)},
        )


async def _intake_once_known(
    toegang: Toegang, plan: Plan, markt: Markt, client_id: uuid.UUID
) -> uuid.UUID | None:
    """The intake once access knows the segment; None (rolled back) while it does not."""
    try:
        return await _intake(toegang, plan, markt, client_id)
    except Problem as refused:
        if refused.status in (400, 409):
            return None
        raise


async def _assigned(toegang: Toegang, body: dict[str, Any]) -> Problem | Literal[True] | None:
    """True once assigned; the problem when refused for another reason than a contract access
    does not know yet; None while it does not."""
    refused = await toegang.toewijzing(body)
    if refused is None:
        return True
    return None if refused.slug == "geen-actief-contract" else refused


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


async def load_clienten(
    api: Api, toegang: Toegang, plans: list[Plan], markt: Awaitable[Markt]
) -> dict[str, int]:
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
        *(walk(toegang, plan, known, ids[plan.n], wait=True) for plan in first.values())
    ):
        voortgang.done(result)
    firsts = {plan.n for plan in first.values()}
    rest = iter([plan for plan in plans if plan.product is not None and plan.n not in firsts])

    async def worker() -> None:
        for plan in rest:  # shared: each plan is walked by one worker
            voortgang.done(await walk(toegang, plan, known, ids[plan.n]))

    async with asyncio.TaskGroup() as tasks:
        for _ in range(CONCURRENCY):
            tasks.create_task(worker())
    return voortgang.outcome
