"""One aanbieder's system: fetches its outbox at the gateway, answers every Wmo301 with a
Wmo302, and sends its Wmo305, Wmo307 and Wmo323 berichten as its care starts, stops and is
delivered."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx

from deploy.simulator.state import Tarief, delivered, months, spread
from deploy.stack.profiles import api_url
from iwmo import build_retour, read_message, write_message
from iwmo.models import Bericht, HeaderVanAanbieder, Prestatie, Product, Wmo301, Wmo325
from wmo_common.auth import mint_token
from wmo_common.calendar import month_end, today
from wmo_common.settings import CommonSettings
from wmo_gateway.ggk import envelop
from wmo_testing.aanbieder import (
    WMO305,
    WMO307,
    WMO323,
    Clientgegevens,
    header,
    prestatie,
    wmo305,
    wmo307,
    wmo323,
)

GATEWAY = api_url("gateway")
# The GGk simulator's aanbieders' side (deploy/ggk/simulator.py): when set, berichten travel
# through the GGk as StUF-GGK envelopes; unset, the gateway's HTTP inbox and outbox are used.
GGK = os.environ.get("GGK_AANBIEDERS_URL")
RETOURCODE = re.compile(r"<(?:\w+:)?RetourCode>(\d{4})</")
# The retour code that says a part was accepted.
GOEDGEKEURD = "0200"
XML = {"Content-Type": "application/xml"}
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
        self.today = today()

    @property
    def toewijzingen(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = self.state.setdefault("toewijzingen", {})
        return found

    async def send(self, message: Bericht, soort: str, antwoord_op: str | None = None) -> bool:
        """Post an iWmo bericht; True when the gateway has it (also when it was there already)."""
        if GGK is not None:
            return await self.send_via_ggk(message, soort, antwoord_op)
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

    async def send_via_ggk(self, message: Bericht, soort: str, antwoord_op: str | None) -> bool:
        """Through the GGk: a Di01 (or a Du01 answering the Di01 `antwoord_op`); the answer is
        the suite's Du01 with the retour, or a Fo01 transport fault."""
        async with self.limit:
            response = await self.client.post(
                f"{GGK}/aanbieders/{self.agb}/berichten",
                content=write_message(message),
                params={"antwoordOp": antwoord_op} if antwoord_op else None,
                headers=XML,
                timeout=90,
            )
        if response.status_code not in (200, 202):
            self.tally[f"{soort} failed {response.status_code}"] += 1
            return False
        antwoord = envelop.read(envelop.parse(response.content))
        if antwoord.berichtcode in ("Fo01", "Fo03"):
            self.tally[f"{soort} transport fault {antwoord.foutcode}"] += 1
        elif antwoord.bericht is not None and any(
            code != GOEDGEKEURD for code in RETOURCODE.findall(antwoord.bericht.decode())
        ):
            self.tally[f"{soort} rejected"] += 1
        self.tally[f"{soort} sent"] += 1
        return True

    def header(self, code: str, gemeente: str, identificatie: str) -> HeaderVanAanbieder:
        return header(code, self.agb, gemeente, identificatie, self.today)

    # --- the outbox ----------------------------------------------------------------------------

    async def poll(self) -> None:
        """Handle and acknowledge what the outbox holds that is not acknowledged yet.

        The feed's cursor is a position in creation order; a bericht whose transaction commits
        late may appear behind a position already read. So each round reads again from a
        position seen at least RESCAN_SECONDS ago, and skips what is acknowledged.

        Through the GGk, the berichten are the Di01s the GGk holds for this aanbieder."""
        if GGK is not None:
            async with self.limit:
                response = await self.client.get(f"{GGK}/aanbieders/{self.agb}/berichten")
            response.raise_for_status()
            berichten = [
                {
                    "berichtsoort": b["functie"],
                    "xml": b["xml"],
                    "referentienummer": b["referentienummer"],
                }
                for b in response.json()
            ]
            await asyncio.gather(*(self.handle(b) for b in berichten))
            self.save()
            return
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
        await self.send(retour, "WMO302", antwoord_op=bericht.get("referentienummer"))

    # --- starts, stops and declaraties ---------------------------------------------------------

    @staticmethod
    def clientgegevens(t: dict[str, Any]) -> Clientgegevens:
        """The client of a toewijzing as its Wmo301 named them."""
        return Clientgegevens(
            bsn=t["bsn"],
            geboortedatum=date.fromisoformat(t["geboortedatum"]),
            geslacht=t["geslacht"],
            achternaam=t["achternaam"],
            voorletters=t["voorletters"],
            voorvoegsel=t["voorvoegsel"],
        )

    @staticmethod
    def product(t: dict[str, Any]) -> Product:
        return Product(categorie=t["categorie"], code=t["code"])

    async def start(self) -> None:
        """A 305 once care has begun: a few days after the toewijzing's ingangsdatum."""

        async def one(nummer: str, t: dict[str, Any], begin: date) -> None:
            message = wmo305(
                self.header(WMO305, t["gemeente"], f"S{nummer}"),
                self.clientgegevens(t),
                toewijzing_nummer=int(nummer),
                product=self.product(t),
                toewijzing_ingangsdatum=date.fromisoformat(t["ingangsdatum"]),
                begindatum=begin,
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
            message = wmo307(
                self.header(WMO307, t["gemeente"], f"E{nummer}"),
                self.clientgegevens(t),
                toewijzing_nummer=int(nummer),
                product=self.product(t),
                toewijzing_ingangsdatum=date.fromisoformat(t["ingangsdatum"]),
                begindatum=date.fromisoformat(t["begindatum"]),
                einddatum=einde,
                reden_beeindiging=STOPREDENEN[spread(nummer, "reden", len(STOPREDENEN))],
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
            for line in client.prestaties:
                nummer, maand, poging = line.product_referentie.referentie_nummer.split("-")
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
                # TR387/TR388: the line covers the calendar month, cut only by the toewijzing's
                # own ingangsdatum and end (a definitive stop ended the toewijzing).
                ingangsdatum = date.fromisoformat(t["ingangsdatum"])
                periode = (max(ingangsdatum, maand_begin), tot)
                if tarief is None or volume == 0 or t["eenheid"] is None:
                    continue
                poging = int(maand in t.get("gecorrigeerd", []))
                if poging == 0 and spread(f"{nummer}-{maand}", "fout", 100) < FOUT_PROCENT:
                    # Last year's price: finance rejects the line and the 325 says why.
                    tarief = tarief * 97 // 100
                regel = prestatie(
                    referentie=f"{nummer}-{maand}-{poging}",
                    toewijzing_nummer=int(nummer),
                    categorie=t["categorie"],
                    code=t["code"],
                    periode=periode,
                    volume=volume,
                    eenheid=t["eenheid"],
                    tarief=tarief,
                )
                batches.setdefault((t["gemeente"], maand_begin), []).append((maand, t, regel))
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
        message = wmo323(
            self.header(WMO323, gemeente, nummer),
            declaratienummer=nummer,
            periode=(maand, month_end(maand.year, maand.month)),
            dagtekening=self.today,
            regels=[(t["bsn"], regel) for _, t, regel in lines],
        )
        if await self.send(message, "WMO323"):
            sent[key] = sent.get(key, 0) + 1
            for maand_key, t, _ in lines:
                t["gedeclareerd"].append(maand_key)
            self.tally["323 lines"] += len(lines)
