"""Play the aanbieders' own systems against the running demo, so that KPIs, budgets and the
message log have life in them.

Each round, for every registered aanbieder: fetch its outbox at the gateway, answer every
Wmo301 with a Wmo302 and acknowledge every bericht; send a Wmo305 when care starts (a few days
after the toewijzing's ingangsdatum), now and then a Wmo307 when it stops, and for P x Q
contracts a monthly Wmo323 declaratie at the contract's tarief for every completed month (a
few lines at an outdated tarief, which the 325 rejects and the next round declares again).
Lumpsum (taakgericht) care is paid by termijnen, so it is not declared per client.

The simulator keeps what it did in .local/run/simulator.json, so a restart does not repeat
work. Like a provider's system it holds its clients' BSNs: the file is the owner's only and
lives beside the local databases.

    python deploy/simulator.py            # a round every 30 s until Ctrl-C
    python deploy/simulator.py --once     # one round, then exit
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import fcntl
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from wmo_common.auth import mint_token
from iwmo import build_retour, read_message, write_message
from iwmo.models import (
    Achternaam,
    BedragMetDC,
    Bericht,
    BerichtIdentificatie,
    Client305,
    Client307,
    Client323,
    Declaratie,
    Geboortedatum,
    GeslotenPeriode,
    HeaderVanAanbieder,
    Prestatie,
    Product,
    ProductReferentie,
    StartProduct,
    StopProduct,
    TotaalBedragMetDC,
    VerkorteNaam,
    Wmo301,
    Wmo305,
    Wmo307,
    Wmo323,
    Wmo325,
)
from wmo_common.settings import CommonSettings

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / ".local" / "run" / "simulator.json"
CONTRACTING, PROVIDERS, GATEWAY = (f"http://127.0.0.1:{p}/api/v1" for p in (8002, 8003, 8005))
XML = {"Content-Type": "application/xml"}
CONCURRENCY = 8
# iWmo RedenWijziging 13: the toewijzing was withdrawn; nothing more is sent for it.
VERWIJDERD = "13"
# Share of started care that stops, and the reasons (iWmo RedenBeeindiging): according to
# plan, by the client, early by agreement, moved to another gemeente.
STOP_PROMILLE = 90
STOPREDENEN = ["19", "19", "21", "23", "31"]
# How far back each round reads the outbox again (see Aanbieder.poll).
RESCAN_SECONDS = 120
# Share of first declarations of a month with an outdated tarief, so that the 325 has rejected
# lines to show (which the simulator then declares again at the right price).
FOUT_PROCENT = 4


@dataclass
class Tarief:
    bedrag_cents: int
    vanaf: date
    tot: date | None


def say(text: str) -> None:
    print(f"[simulator] {text}", flush=True)


def spread(nummer: str, salt: str, modulo: int) -> int:
    """A stable pseudo-random number per toewijzing: the same choice after every restart."""
    digest = hashlib.sha256(f"{salt}:{nummer}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % modulo


def load_state() -> dict[str, Any]:
    if STATE.exists():
        state: dict[str, Any] = json.loads(STATE.read_text())
        return state
    return {"aanbieders": {}}


def save_state(state: dict[str, Any]) -> None:
    """Atomically, readable by the owner only: it holds BSNs."""
    STATE.parent.mkdir(parents=True, exist_ok=True)
    scratch = STATE.with_suffix(".tmp")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(state, handle)
    scratch.replace(STATE)


def months(begin: date, end: date) -> list[tuple[date, date]]:
    """The calendar months from `begin`'s to `end`'s, each as (first day, last day)."""
    found = []
    cursor = begin.replace(day=1)
    while cursor <= end:
        last = cursor.replace(day=calendar.monthrange(cursor.year, cursor.month)[1])
        found.append((cursor, last))
        cursor = last + timedelta(days=1)
    return found


def delivered(toewijzing: dict[str, Any], begin: date, end: date) -> int:
    """What was delivered in [begin, end] under the toewijzing's omvang, rounded down: never
    more than assigned."""
    days = (end - begin).days + 1
    volume, frequentie = toewijzing["volume"], toewijzing["frequentie"]
    if frequentie == "1":
        return int(volume * days)
    if frequentie == "2":
        return int(volume * days // 7)
    if frequentie == "4":
        return int(volume * days // calendar.monthrange(begin.year, begin.month)[1])
    return 0


class Aanbieder:
    """One provider's system: its token, its contracts' prices and its share of the state."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        agb: str,
        state: dict[str, Any],
        tarieven: dict[tuple[str, str], list[Tarief]],
        limit: asyncio.Semaphore,
        tally: Counter[str],
        save: Callable[[], None],
    ) -> None:
        self.client = client
        # Written after every batch, before the berichten are acknowledged: a crash in between
        # handles them again, and the gateway answers a bericht sent twice the same way.
        self.save = save
        self.agb = agb
        self.state = state
        self.tarieven = tarieven
        self.limit = limit
        self.tally = tally
        token = mint_token(
            CommonSettings(), subject=f"simulator-{agb}", roles=["provider"], agb=agb
        )
        self.auth = {"Authorization": f"Bearer {token}"}
        self.today = date.today()

    @property
    def toewijzingen(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = self.state.setdefault("toewijzingen", {})
        return found

    async def send(self, message: Bericht, soort: str) -> bool:
        """Post an iWmo bericht; True when the gateway has it (also when it was there already)."""
        async with self.limit:
            response = await self.client.post(
                f"{GATEWAY}/berichten", content=write_message(message), headers=self.auth | XML
            )
        if response.status_code not in (200, 201):
            # Kept for the next round (503: stored but not processed; anything else: logged).
            self.tally[f"{soort} failed {response.status_code}"] += 1
            return False
        if response.json()["status"] == "afgekeurd":
            self.tally[f"{soort} rejected"] += 1
        self.tally[f"{soort} sent"] += 1
        return True

    def header(self, code: str, gemeente: str, identificatie: str) -> HeaderVanAanbieder:
        return HeaderVanAanbieder(
            bericht_code=code,
            afzender=self.agb,
            ontvanger=gemeente,
            bericht_identificatie=BerichtIdentificatie(
                identificatie=identificatie, dagtekening=self.today
            ),
        )

    # --- the outbox ----------------------------------------------------------------------------

    async def poll(self) -> None:
        """Handle and acknowledge what the outbox holds that is not acknowledged yet.

        The feed's cursor is a position in creation order; a bericht whose transaction commits
        late may appear behind a position already read. So each round reads again from a
        position seen at least RESCAN_SECONDS ago, and skips what is acknowledged."""
        now = time.time()
        checkpoints: list[list[Any]] = self.state.setdefault("checkpoints", [])
        old = [c for c in checkpoints if c[0] <= now - RESCAN_SECONDS]
        checkpoints[:] = [c for c in checkpoints if not old or c[0] >= old[-1][0]]
        cursor: str | None = old[-1][1] if old else None
        while True:
            params = {"limit": "200"} | ({"cursor": cursor} if cursor else {})
            async with self.limit:
                response = await self.client.get(
                    f"{GATEWAY}/uitgaande-berichten", params=params, headers=self.auth
                )
            response.raise_for_status()
            berichten = [b for b in response.json()["results"] if b["acknowledgedAt"] is None]
            await asyncio.gather(*(self.handle(b) for b in berichten))
            self.save()
            await asyncio.gather(*(self.acknowledge(b["id"]) for b in berichten))
            following = response.links.get("next")
            if following is None:
                return
            cursor = httpx.URL(following["url"]).params["cursor"]
            checkpoints.append([now, cursor])

    async def acknowledge(self, bericht_id: str) -> None:
        async with self.limit:
            response = await self.client.post(
                f"{GATEWAY}/uitgaande-berichten/{bericht_id}/ontvangstbevestigingen",
                headers=self.auth,
            )
        response.raise_for_status()

    async def handle(self, bericht: dict[str, Any]) -> None:
        self.tally[f"{bericht['berichtsoort']} received"] += 1
        if bericht["berichtsoort"] == "WMO325":
            antwoord = read_message(bericht["xml"].encode(), expected=Wmo325)
            assert isinstance(antwoord, Wmo325)  # noqa: S101 - read_message checked the type
            self.rejected(antwoord)
        if bericht["berichtsoort"] != "WMO301":
            return
        message = read_message(bericht["xml"].encode(), expected=Wmo301)
        assert isinstance(message, Wmo301)  # noqa: S101 - read_message checked the type
        client = message.client
        for product in client.toegewezen_producten:
            nummer = str(product.toewijzing_nummer)
            known = self.toewijzingen.setdefault(nummer, {"gedeclareerd": []})
            known.update(
                gemeente=message.header.afzender,
                bsn=client.bsn,
                geboortedatum=client.geboortedatum.datum.isoformat(),
                geslacht=client.geslacht,
                achternaam=client.naam.geslachtsnaam.achternaam,
                voorvoegsel=client.naam.geslachtsnaam.voorvoegsel,
                voorletters=client.naam.voorletters,
                categorie=product.product.categorie if product.product else None,
                code=product.product.code if product.product else None,
                ingangsdatum=product.ingangsdatum.isoformat(),
                einddatum=product.einddatum.isoformat() if product.einddatum else None,
                volume=product.omvang.volume if product.omvang else 0,
                eenheid=product.omvang.eenheid if product.omvang else None,
                frequentie=product.omvang.frequentie if product.omvang else None,
                verwijderd=product.reden_wijziging == VERWIJDERD,
            )
        # The 302 answers the 301 (its header is the 301's); its own identificatie follows.
        retour = build_retour(
            message,
            (),
            identificatie=f"R{message.header.bericht_identificatie.identificatie[-11:]}",
            dagtekening=self.today,
        )
        await self.send(retour, "WMO302")

    # --- starts, stops and declaraties ---------------------------------------------------------

    def client305(self, t: dict[str, Any], producten: tuple[StartProduct, ...]) -> Client305:
        return Client305(
            bsn=t["bsn"],
            geboortedatum=Geboortedatum(datum=date.fromisoformat(t["geboortedatum"])),
            geslacht=t["geslacht"],
            naam=self.naam(t),
            start_producten=producten,
        )

    @staticmethod
    def naam(t: dict[str, Any]) -> VerkorteNaam:
        return VerkorteNaam(
            geslachtsnaam=Achternaam(achternaam=t["achternaam"], voorvoegsel=t["voorvoegsel"]),
            voorletters=t["voorletters"],
        )

    @staticmethod
    def product(t: dict[str, Any]) -> Product:
        return Product(categorie=t["categorie"], code=t["code"])

    async def start(self) -> None:
        """A 305 once care has begun: a few days after the toewijzing's ingangsdatum."""

        async def one(nummer: str, t: dict[str, Any], begin: date) -> None:
            start = StartProduct(
                toewijzing_nummer=int(nummer),
                product=self.product(t),
                toewijzing_ingangsdatum=date.fromisoformat(t["ingangsdatum"]),
                begindatum=begin,
                status_aanlevering="1",
            )
            message = Wmo305(
                header=self.header("418", t["gemeente"], f"S{nummer}"),
                client=self.client305(t, (start,)),
            )
            if await self.send(message, "WMO305"):
                t["begindatum"] = begin.isoformat()

        due = []
        for nummer, t in self.toewijzingen.items():
            if t.get("begindatum") or t["verwijderd"]:
                continue
            begin = date.fromisoformat(t["ingangsdatum"]) + timedelta(
                days=spread(nummer, "start", 7)
            )
            einde = date.fromisoformat(t["einddatum"]) if t["einddatum"] else None
            if begin <= self.today and (einde is None or begin <= einde):
                due.append(one(nummer, t, begin))
        await asyncio.gather(*due)

    async def stop(self) -> None:
        """Now and then care ends early: a 307 on a stable share of the started toewijzingen."""

        async def one(nummer: str, t: dict[str, Any], einde: date) -> None:
            stop = StopProduct(
                toewijzing_nummer=int(nummer),
                product=self.product(t),
                toewijzing_ingangsdatum=date.fromisoformat(t["ingangsdatum"]),
                begindatum=date.fromisoformat(t["begindatum"]),
                reden_beeindiging=STOPREDENEN[spread(nummer, "reden", len(STOPREDENEN))],
                einddatum=einde,
                status_aanlevering="1",
            )
            message = Wmo307(
                header=self.header("420", t["gemeente"], f"E{nummer}"),
                client=Client307(
                    bsn=t["bsn"],
                    geboortedatum=Geboortedatum(datum=date.fromisoformat(t["geboortedatum"])),
                    geslacht=t["geslacht"],
                    naam=self.naam(t),
                    stop_producten=(stop,),
                ),
            )
            if await self.send(message, "WMO307"):
                t["stopdatum"] = einde.isoformat()

        due = []
        for nummer, t in self.toewijzingen.items():
            if not t.get("begindatum") or t.get("stopdatum") or t["verwijderd"]:
                continue
            if spread(nummer, "stop", 1000) >= STOP_PROMILLE:
                continue
            begin = date.fromisoformat(t["begindatum"])
            einde = begin + timedelta(days=30 + spread(nummer, "duur", 150))
            if t["einddatum"]:
                einde = min(einde, date.fromisoformat(t["einddatum"]))
            if einde <= self.today:
                due.append(one(nummer, t, einde))
        await asyncio.gather(*due)

    def tarief(self, t: dict[str, Any], on: date) -> int | None:
        for tarief in self.tarieven.get((t["categorie"], t["code"]), []):
            if tarief.vanaf <= on and (tarief.tot is None or on <= tarief.tot):
                return tarief.bedrag_cents
        return None

    def rejected(self, antwoord: Wmo325) -> None:
        """Lines the 325 rejected are corrected once: declared again in the next round."""
        if antwoord.declaratie_antwoord is None:
            return
        # 8001 on the DeclaratieAntwoord: every line approved; otherwise the rejected are echoed.
        geheel = "8001" in antwoord.declaratie_antwoord.retour_codes
        self.tally["WMO325 fully approved" if geheel else "WMO325 with rejections"] += 1
        for client in antwoord.declaratie_antwoord.clienten:
            for prestatie in client.prestaties:
                nummer, maand, poging = prestatie.product_referentie.referentie_nummer.split("-")
                t = self.toewijzingen.get(nummer)
                if t is not None and poging == "0" and maand in t["gedeclareerd"]:
                    t["gedeclareerd"].remove(maand)
                    t.setdefault("gecorrigeerd", []).append(maand)

    async def declare(self) -> None:
        """One 323 per gemeente and completed month for every undeclared month of care."""
        first_of_month = self.today.replace(day=1)
        batches: dict[tuple[str, date], list[tuple[str, dict[str, Any], Prestatie]]] = {}
        for nummer, t in self.toewijzingen.items():
            if not t.get("begindatum") or t["verwijderd"]:
                continue
            begin = date.fromisoformat(t["begindatum"])
            einde = min(
                date.fromisoformat(d)
                for d in (
                    t.get("stopdatum"),
                    t["einddatum"],
                    str(first_of_month - timedelta(days=1)),
                )
                if d
            )
            for maand_begin, maand_eind in months(begin, einde):
                maand = maand_begin.strftime("%Y%m")
                if maand in t["gedeclareerd"]:
                    continue
                van, tot = max(begin, maand_begin), min(einde, maand_eind)
                tarief = self.tarief(t, van)
                volume = delivered(t, van, tot)
                if tarief is None or volume == 0 or t["eenheid"] is None:
                    continue
                poging = int(maand in t.get("gecorrigeerd", []))
                if poging == 0 and spread(f"{nummer}-{maand}", "fout", 100) < FOUT_PROCENT:
                    # Last year's price: finance rejects the line and the 325 says why.
                    tarief = tarief * 97 // 100
                prestatie = Prestatie(
                    product_referentie=ProductReferentie(
                        referentie_nummer=f"{nummer}-{maand}-{poging}"
                    ),
                    toewijzing_nummer=int(nummer),
                    product_categorie=t["categorie"],
                    product_code=t["code"],
                    product_periode=GeslotenPeriode(begindatum=van, einddatum=tot),
                    geleverd_volume=volume,
                    eenheid=t["eenheid"],
                    product_tarief=tarief,
                    ingediend_bedrag=BedragMetDC(bedrag=volume * tarief, debet_credit="D"),
                )
                batches.setdefault((t["gemeente"], maand_begin), []).append((maand, t, prestatie))
        await asyncio.gather(
            *(
                self.declaratie(gemeente, maand, lines)
                for (gemeente, maand), lines in batches.items()
            )
        )

    async def declaratie(
        self, gemeente: str, maand: date, lines: list[tuple[str, dict[str, Any], Prestatie]]
    ) -> None:
        sent = self.state.setdefault("declaraties", {})
        key = f"{gemeente}{maand:%Y%m}"
        # A month may be declared in parts (care that started late); each part its own number.
        nummer = f"D{key}{sent.get(key, 0):X}"[:12]
        by_bsn: dict[str, list[Prestatie]] = {}
        for _, t, prestatie in lines:
            by_bsn.setdefault(t["bsn"], []).append(prestatie)
        totaal = sum(p.ingediend_bedrag.bedrag for _, _, p in lines)
        message = Wmo323(
            header=self.header("484", gemeente, nummer),
            declaratie=Declaratie(
                declaratie_nummer=nummer,
                declaratie_periode=GeslotenPeriode(
                    begindatum=maand,
                    einddatum=maand.replace(day=calendar.monthrange(maand.year, maand.month)[1]),
                ),
                declaratie_dagtekening=self.today,
                totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
                clienten=tuple(
                    Client323(bsn=bsn, prestaties=tuple(p)) for bsn, p in by_bsn.items()
                ),
            ),
        )
        if await self.send(message, "WMO323"):
            sent[key] = sent.get(key, 0) + 1
            for maand_key, t, _ in lines:
                t["gedeclareerd"].append(maand_key)
            self.tally["323 lines"] += len(lines)


async def read_tarieven(
    client: httpx.AsyncClient, reader: dict[str, str], agb: str
) -> dict[tuple[str, str], list[Tarief]]:
    """The aanbieder's prices from its active P x Q contracts. Providers learn their contracts
    from events; the simulator, outside that channel, reads them with a read-only token."""
    response = await client.get(
        f"{CONTRACTING}/contracten", params={"aanbiederAgb": agb, "pageSize": "100"}, headers=reader
    )
    response.raise_for_status()
    tarieven: dict[tuple[str, str], list[Tarief]] = {}
    for contract in response.json()["results"]:
        if contract["status"] not in ("actief", "verlengd"):
            continue
        if contract["bekostiging"]["model"] == "taakgericht":
            continue
        for t in contract["tarieven"]:
            tarieven.setdefault((t["product"]["categorie"], t["product"]["code"]), []).append(
                Tarief(
                    t["bedragCents"],
                    date.fromisoformat(t["geldigVanaf"]),
                    date.fromisoformat(t["geldigTot"]) if t["geldigTot"] else None,
                )
            )
    return tarieven


async def play(aanbieder: Aanbieder) -> None:
    await aanbieder.poll()
    for step in (aanbieder.start, aanbieder.stop, aanbieder.declare):
        await step()
        aanbieder.save()


async def round_(state: dict[str, Any]) -> Counter[str]:
    tally: Counter[str] = Counter()
    limit = asyncio.Semaphore(CONCURRENCY)
    reader_token = mint_token(CommonSettings(), subject="simulator", roles=["auditor"])
    reader = {"Authorization": f"Bearer {reader_token}"}
    async with httpx.AsyncClient(timeout=60) as client:
        response = await client.get(
            f"{PROVIDERS}/aanbieders", params={"pageSize": "100"}, headers=reader
        )
        response.raise_for_status()
        spelers = [
            Aanbieder(
                client,
                a["agb"],
                state["aanbieders"].setdefault(a["agb"], {}),
                await read_tarieven(client, reader, a["agb"]),
                limit,
                tally,
                lambda: save_state(state),
            )
            for a in response.json()["results"]
        ]
        await asyncio.gather(*(play(a) for a in spelers))
    return tally


def locked_round() -> Counter[str]:
    """One round under a lock: `make run`'s simulator and a `--once` by hand take turns on the
    same state instead of both answering the same berichten."""
    STATE.parent.mkdir(parents=True, exist_ok=True)
    with STATE.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return asyncio.run(round_(load_state()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between rounds")
    args = parser.parse_args()
    while True:
        started = time.monotonic()
        try:
            tally = locked_round()
        except (httpx.HTTPError, OSError) as exc:
            if args.once:
                raise
            # A service restarting or busy: the next round picks up where this one stopped.
            say(f"round failed ({type(exc).__name__}: {exc}); next round in {args.interval:.0f}s")
        else:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items())) or "nothing to do"
            say(f"round in {time.monotonic() - started:.1f}s: {summary}")
            if args.once:
                return 0
        time.sleep(args.interval)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(0) from None
