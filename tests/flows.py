"""The people and systems of a Wmo region, acting on the five running services through their
public HTTP APIs only: the contract manager sets up the market, the consultant takes a client
from melding to toewijzing, the controller reads the money, and a provider's system fetches its
iWmo berichten and posts its own. Each test builds its own market (fresh AGB codes, BSNs,
segment names), because the topics also carry the events of every other test."""

from __future__ import annotations

import calendar
import os
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.conftest import ROOT, Suite
from iwmo import Bericht, read_message, validate, write_message
from iwmo.models import (
    AangevraagdProduct,
    Achternaam,
    BedragMetDC,
    BerichtIdentificatie,
    Client305,
    Client307,
    Client315,
    Client317,
    Client323,
    Declaratie,
    Geboortedatum,
    GeslotenPeriode,
    HeaderVanAanbieder,
    Omvang,
    Prestatie,
    ProductReferentie,
    StartProduct,
    StopProduct,
    TeWijzigenProduct,
    TotaalBedragMetDC,
    VerkorteNaam,
    Verwijzer,
    Verzoek,
    Wmo301,
    Wmo305,
    Wmo307,
    Wmo315,
    Wmo317,
    Wmo323,
)
from iwmo.models import Product as IwmoProduct
from wmo_common.privacy import pseudonymise
from wmo_common.settings import CommonSettings
from wmo_testing.harness import eventually

T = TypeVar("T")

# Events cross up to three services (and a relay each); a minute is ample on a busy machine.
TIMEOUT = 60.0
NEDERLAND = ZoneInfo("Europe/Amsterdam")
GEMEENTE = "0855"  # Tilburg, in the CBS list
GEBIED = "Tilburg"
TARIEF_CENTS = 6543  # per uur
OMVANG: dict[str, Any] = {"volume": 4, "eenheid": "04", "frequentie": "2"}  # 4 uur per week
GEBOORTEDATUM = date(1948, 3, 12)


def vandaag() -> date:
    """Today as the services count it: in the Netherlands."""
    return datetime.now(NEDERLAND).date()


def eerste_van_vorige_maand() -> date:
    return (vandaag().replace(day=1) - timedelta(days=1)).replace(day=1)


def plus_maanden(day: date, maanden: int) -> date:
    """The same day `maanden` months later, or the last day of a shorter month."""
    month = day.month - 1 + maanden
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fresh_agb() -> str:
    return f"{random.randrange(10**7, 10**8)}"


def fresh_bsn() -> str:
    """A BSN nobody else uses that passes the 11-check."""
    while True:
        digits = [random.randrange(10) for _ in range(8)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10 and digits[0]:
            return "".join(map(str, digits)) + str(last)


def fresh_name(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def pseudonym(bsn: str) -> str:
    """How the services name a client to finance and providers (they run on the default key)."""
    return pseudonymise(bsn, CommonSettings().pseudonym_key)


async def wait_for(
    what: str, check: Callable[[], Awaitable[T | None]], *, timeout: float = TIMEOUT
) -> T:
    """Poll `check` until it returns something; on timeout say what did not happen and what
    was seen last."""
    seen: list[object] = []

    async def observed() -> T | None:
        result = await check()
        seen[:] = [result]
        return result

    try:
        return await eventually(observed, timeout=timeout, interval=0.2)
    except pytest.fail.Exception:
        pytest.fail(f"{what}: not within {timeout} s; last seen {seen[:1]!r}")


def problem_slug(response: httpx.Response) -> str | None:
    if not response.headers.get("content-type", "").startswith("application/problem+json"):
        return None
    slug: str = response.json().get("type", "").rsplit("/", 1)[-1]
    return slug


def expect(response: httpx.Response, *statuses: int) -> Any:
    assert response.status_code in statuses, (
        f"{response.request.method} {response.request.url}: {response.status_code} {response.text}"
    )
    return response.json() if response.content else None


def xsd_dir() -> Path | None:
    """The official iWmo 3.2 XSDs, to check what the gateway writes (when the pack is here)."""
    configured = os.environ.get("IWMO_PACK_DIR")
    pack = Path(configured) if configured else ROOT.parent / "shared" / "iwmo"
    folder = pack / "xsd" / "iwmo-3.2"
    return folder if folder.is_dir() else None


def retourcodes(message: object) -> list[str]:
    """Every RetourCode anywhere in a parsed retour, depth first."""
    codes: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                item = getattr(value, name)
                if name == "retour_codes":
                    codes.extend(item)
                else:
                    walk(item)

    walk(message)
    return codes


@dataclass(frozen=True)
class Markt:
    """A segment with its published strategy and one active contract, as the region set it up."""

    segment_id: str
    segment_naam: str
    contract_id: str
    agb: str
    product: dict[str, str]
    ingangsdatum: date


@dataclass(frozen=True)
class Clientdossier:
    id: str
    bsn: str


@dataclass
class Flow:
    """One test's HTTP conversation with the suite, with a token per role."""

    suite: Suite
    http: httpx.AsyncClient = field(init=False)

    async def __aenter__(self) -> Flow:
        self.http = httpx.AsyncClient(timeout=30)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.http.aclose()

    def headers(self, role: str, agb: str | None = None) -> dict[str, str]:
        headers: dict[str, str] = self.suite.headers(role, agb=agb)
        return headers

    async def get(
        self, service: str, path: str, role: str, *, agb: str | None = None, **params: Any
    ) -> httpx.Response:
        return await self.http.get(
            self.suite.url(service, f"/api/v1{path}"),
            params={k: v for k, v in params.items() if v is not None},
            headers=self.headers(role, agb),
        )

    async def post(
        self,
        service: str,
        path: str,
        role: str,
        body: dict[str, Any],
        *,
        agb: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        return await self.http.post(
            self.suite.url(service, f"/api/v1{path}"),
            json=body,
            headers=self.headers(role, agb) | (headers or {}),
        )

    # --- the contract manager -------------------------------------------------------------

    async def register_aanbieder(self, agb: str, naam: str) -> dict[str, Any]:
        body = {"agb": agb, "naam": naam, "gebieden": [GEBIED]}
        created: dict[str, Any] = expect(
            await self.post("providers", "/aanbieders", "contract-manager", body), 201
        )
        return created

    async def segment(self, naam: str) -> str:
        body = {
            "naam": naam,
            "wet": "wmo",
            "doelgroep": "Volwassenen die begeleiding nodig hebben.",
            "gebieden": [GEBIED],
        }
        created = expect(
            await self.post("contracting", "/segmenten", "contract-manager", body), 201
        )
        return str(created["id"])

    async def publish_strategie(
        self,
        segment_id: str,
        *,
        bekostiging: dict[str, Any],
        max_indicatie_maanden: int = 12,
        individuele_beschikking: bool = True,
        herindicatie_dagen: int = 28,
    ) -> dict[str, Any]:
        body = {
            "toegang": {
                "maxIndicatieMaanden": max_indicatie_maanden,
                "individueleBeschikking": individuele_beschikking,
                "herindicatieDoorlooptijdDagen": herindicatie_dagen,
                "casusregie": "gebiedsteam",
            },
            "bekostiging": bekostiging,
            "leveranciersmanagement": {"beleid": "breed"},
            "contractvoorwaarden": {"looptijdJaren": 4, "verlengingsopties": [2, 2]},
        }
        concept = expect(
            await self.post(
                "contracting",
                f"/segmenten/{segment_id}/verwervingsstrategieen",
                "contract-manager",
                body,
            ),
            201,
        )
        published: dict[str, Any] = expect(
            await self.post(
                "contracting",
                f"/verwervingsstrategieen/{concept['id']}/publicaties",
                "contract-manager",
                {},
            ),
            200,
        )
        return published

    async def catalogue_product(self, product: dict[str, str]) -> None:
        body = product | {
            "naam": f"Begeleiding individueel {product['code']}",
            "eenheid": "04",
            "intensiteit": "midden",
        }
        # The catalogue is the region's, shared by every test: already there is as good.
        expect(await self.post("contracting", "/producten", "contract-manager", body), 201, 409)

    async def active_contract(
        self,
        segment_id: str,
        partijen: list[dict[str, str]],
        *,
        product: dict[str, str],
        bekostiging: dict[str, Any],
        ingangsdatum: date,
    ) -> dict[str, Any]:
        body = {
            "contractnummer": f"FLOW-{uuid.uuid4().hex[:12]}",
            "segmentId": segment_id,
            "ingangsdatum": ingangsdatum.isoformat(),
            "einddatum": date(vandaag().year + 3, 12, 31).isoformat(),
            "gebieden": [GEBIED],
            "bekostiging": bekostiging,
            "partijen": partijen,
            "tarieven": [
                {
                    "product": product,
                    "bedragCents": TARIEF_CENTS,
                    "geldigVanaf": ingangsdatum.isoformat(),
                }
            ],
        }
        concept = expect(
            await self.post("contracting", "/contracten", "contract-manager", body), 201
        )
        active: dict[str, Any] = expect(
            await self.post(
                "contracting", f"/contracten/{concept['id']}/activeringen", "contract-manager", {}
            ),
            200,
        )
        return active

    async def markt(
        self,
        *,
        product: dict[str, str] | None = None,
        herindicatie_dagen: int = 28,
    ) -> Markt:
        """A P x Q segment (its strategy published) with one registered aanbieder holding an
        active contract for `product` in Tilburg since the start of last year."""
        product = product or {"categorie": "02", "code": "02A01"}
        agb = fresh_agb()
        naam = fresh_name("Begeleiding")
        bekostiging = {"model": "inspanningsgericht"}
        ingangsdatum = date(vandaag().year - 1, 1, 1)
        await self.register_aanbieder(agb, f"Zorgaanbieder {agb}")
        segment_id = await self.segment(naam)
        await self.publish_strategie(
            segment_id, bekostiging=bekostiging, herindicatie_dagen=herindicatie_dagen
        )
        await self.catalogue_product(product)
        contract = await self.active_contract(
            segment_id,
            [{"aanbiederAgb": agb, "naam": f"Zorgaanbieder {agb}", "rol": "hoofdaannemer"}],
            product=product,
            bekostiging=bekostiging,
            ingangsdatum=ingangsdatum,
        )
        return Markt(segment_id, naam, contract["id"], agb, product, ingangsdatum)

    # --- the consultant --------------------------------------------------------------------

    async def register_client(self, bsn: str | None = None) -> Clientdossier:
        bsn = bsn or fresh_bsn()
        body = {
            "bsn": bsn,
            "voornamen": "Johanna Maria",
            "achternaam": "Vries",
            "voorvoegsel": "de",
            "geboortedatum": GEBOORTEDATUM.isoformat(),
            "geslacht": "2",
            "gemeentecode": GEMEENTE,
            "gebied": GEBIED,
            "adres": {
                "straatnaam": "Spoorlaan",
                "huisnummer": 12,
                "postcode": "5038AB",
                "plaatsnaam": "Tilburg",
            },
            "telefoon": "0135551234",
        }
        created = expect(await self.post("access", "/clienten", "consultant", body), 201)
        return Clientdossier(str(created["id"]), bsn)

    async def _ok(self, path: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
        result: dict[str, Any] = expect(
            await self.post("access", path, "consultant", body, headers=headers), 200, 201
        )
        return result

    async def aanvraag(self, client_id: str) -> str:
        """Melding, onderzoek with kitchen-table talk, ondersteuningsplan and aanvraag."""
        today = vandaag().isoformat()
        melding = await self._ok(
            "/meldingen",
            {"clientId": client_id, "meldingsdatum": today, "omschrijving": "Redt het niet meer"},
        )
        onderzoek = await self._ok(
            "/onderzoeken", {"meldingId": melding["id"], "startdatum": today}
        )
        await self._ok(
            f"/onderzoeken/{onderzoek['id']}/afronding",
            {
                "afgerondOp": today,
                "eigenNetwerk": "Dochter doet de boodschappen",
                "algemeneVoorzieningen": "Buurthuis overwogen",
                "conclusie": "Individuele begeleiding nodig",
            },
        )
        plan = await self._ok(
            "/ondersteuningsplannen",
            {
                "onderzoekId": onderzoek["id"],
                "vastgesteldOp": today,
                "resultaten": [
                    {
                        "omschrijving": "Houdt de eigen administratie bij",
                        "meetcriterium": "Geen achterstallige rekeningen",
                        "streefdatum": (vandaag() + timedelta(days=180)).isoformat(),
                    }
                ],
                "evaluatiemomenten": [(vandaag() + timedelta(days=90)).isoformat()],
            },
        )
        aanvraag = await self._ok(
            "/aanvragen",
            {"clientId": client_id, "ondersteuningsplanId": plan["id"], "aanvraagdatum": today},
        )
        return str(aanvraag["id"])

    @staticmethod
    def indicatie(
        segment_id: str, product: dict[str, str], ingangsdatum: date, einddatum: date
    ) -> dict[str, Any]:
        return {
            "segmentId": segment_id,
            "product": product,
            "intensiteit": "2",
            "omvang": OMVANG,
            "ingangsdatum": ingangsdatum.isoformat(),
            "einddatum": einddatum.isoformat(),
            "leveringsvorm": "zin",
        }

    async def post_beschikking(
        self, aanvraag_id: str, indicaties: list[dict[str, Any]], vervangt: str | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"aanvraagId": aanvraag_id, "indicaties": indicaties}
        if vervangt:
            body["vervangtId"] = vervangt
        return await self.post("access", "/beschikkingen", "consultant", body)

    async def beschikking(
        self, client_id: str, indicaties: list[dict[str, Any]], vervangt: str | None = None
    ) -> dict[str, Any]:
        """An afgegeven beschikking; waits until toegang knows the segment's published rules."""
        aanvraag_id = await self.aanvraag(client_id)

        async def created() -> httpx.Response | None:
            response = await self.post_beschikking(aanvraag_id, indicaties, vervangt)
            if response.status_code == 400 and "segment-onbekend" in response.text:
                return None
            return response

        response = await wait_for("toegang knows the segment", created)
        concept = expect(response, 201)
        return await self._ok(
            f"/beschikkingen/{concept['id']}/afgifte", {}, **{"If-Match": response.headers["ETag"]}
        )

    async def toewijzing(self, indicatie_id: str, agb: str) -> dict[str, Any]:
        """Assign an indicatie; waits until toegang has heard of the contract."""

        async def created() -> httpx.Response | None:
            response = await self.post(
                "access",
                "/toewijzingen",
                "consultant",
                {"indicatieId": indicatie_id, "aanbiederAgb": agb},
            )
            if problem_slug(response) == "geen-actief-contract":
                return None
            return response

        toewijzing: dict[str, Any] = expect(
            await wait_for("toegang knows the contract", created), 201
        )
        return toewijzing

    async def client_in_zorg(
        self, markt: Markt, *, ingangsdatum: date, einddatum: date
    ) -> tuple[Clientdossier, dict[str, Any]]:
        """A new client with a beschikking for the market's product, assigned to its aanbieder."""
        client = await self.register_client()
        beschikking = await self.beschikking(
            client.id, [self.indicatie(markt.segment_id, markt.product, ingangsdatum, einddatum)]
        )
        toewijzing = await self.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
        return client, toewijzing

    async def read_toewijzing(self, toewijzing_id: str) -> httpx.Response:
        return await self.get("access", f"/toewijzingen/{toewijzing_id}", "consultant")

    # --- the controller --------------------------------------------------------------------

    async def verplichting(self, agb: str, toewijzingnummer: str) -> dict[str, Any] | None:
        page = expect(
            await self.get("finance", "/verplichtingen", "controller", aanbiederAgb=agb), 200
        )
        found = [v for v in page["results"] if v["toewijzingnummer"] == toewijzingnummer]
        return found[0] if found else None

    async def budget(self, markt: Markt, jaar: int, bedrag_cents: int) -> str:
        body = {
            "jaar": jaar,
            "segmentNaam": markt.segment_naam,
            "gebied": GEBIED,
            "bedragCents": bedrag_cents,
            "drempelPercentages": [90, 100],
        }
        created = expect(await self.post("finance", "/budgetten", "controller", body), 201)
        return str(created["id"])

    async def read_budget(self, budget_id: str) -> dict[str, Any]:
        budget: dict[str, Any] = expect(
            await self.get("finance", f"/budgetten/{budget_id}", "controller"), 200
        )
        return budget

    # --- the aanbieder's system --------------------------------------------------------------

    async def uitgaande_berichten(self, agb: str, berichtsoort: str) -> list[dict[str, Any]]:
        page = expect(
            await self.get(
                "gateway",
                "/uitgaande-berichten",
                "provider",
                agb=agb,
                berichtsoort=berichtsoort,
                limit=500,
            ),
            200,
        )
        results: list[dict[str, Any]] = page["results"]
        return results

    async def wait_for_bericht(
        self, agb: str, berichtsoort: str, matches: Callable[[Any], bool], what: str
    ) -> tuple[dict[str, Any], Any]:
        """The first outgoing bericht of this soort to `agb` whose parsed content matches."""

        async def found() -> tuple[dict[str, Any], Any] | None:
            for row in await self.uitgaande_berichten(agb, berichtsoort):
                message = read_message(row["xml"].encode())
                if matches(message):
                    return row, message
            return None

        return await wait_for(what, found)

    async def wmo301(
        self, agb: str, toewijzingnummer: str, *, einddatum: date | None = None
    ) -> tuple[dict[str, Any], Wmo301]:
        """The Wmo301 in the aanbieder's outbox that assigns this number (with this end)."""

        def assigns(message: Any) -> bool:
            return isinstance(message, Wmo301) and any(
                str(p.toewijzing_nummer) == toewijzingnummer
                and (einddatum is None or p.einddatum == einddatum)
                for p in message.client.toegewezen_producten
            )

        row, message = await self.wait_for_bericht(
            agb, "WMO301", assigns, f"a Wmo301 for toewijzing {toewijzingnummer}"
        )
        return row, message

    async def send(self, agb: str, xml: bytes) -> dict[str, Any]:
        response = await self.http.post(
            self.suite.url("gateway", "/api/v1/berichten"),
            content=xml,
            headers=self.headers("provider", agb) | {"Content-Type": "application/xml"},
        )
        ontvangst: dict[str, Any] = expect(response, 201)
        return ontvangst

    async def prestatie_indicatoren(self, agb: str, periode: str) -> dict[str, Any] | None:
        page = expect(
            await self.get(
                "providers", "/prestatie-indicatoren", "provider", agb=agb, periode=periode
            ),
            200,
        )
        results: list[dict[str, Any]] = page["results"]
        return results[0] if results else None


def valid_wmo301(xml: str) -> Wmo301:
    """A Wmo301 as the gateway wrote it passes every layer of the codec and, when the pack is
    present, the official XSD."""
    result = validate(xml.encode(), expected=Wmo301, today=vandaag(), xsd_dir=xsd_dir())
    assert result.findings == (), [f.as_json() for f in result.findings]
    assert isinstance(result.message, Wmo301)
    return result.message


def toegewezen(message: Wmo301, toewijzingnummer: str) -> Any:
    return next(
        p
        for p in message.client.toegewezen_producten
        if str(p.toewijzing_nummer) == toewijzingnummer
    )


def parse_retour(ontvangst: dict[str, Any]) -> Bericht:
    """The retour the gateway answered a posted bericht with, read by the codec."""
    assert ontvangst["retourXml"], ontvangst
    return read_message(ontvangst["retourXml"].encode())


# --- iWmo berichten as the aanbieder's system writes them -----------------------------------


class Berichten:
    """One aanbieder's outgoing iWmo messages, each with its own BerichtIdentificatie."""

    def __init__(self, agb: str) -> None:
        self.agb = agb
        self.volgnummer = 0

    def header(self, code: str) -> HeaderVanAanbieder:
        self.volgnummer += 1
        return HeaderVanAanbieder(
            bericht_code=code,
            afzender=self.agb,
            ontvanger=GEMEENTE,
            bericht_identificatie=BerichtIdentificatie(
                identificatie=f"F{code}{self.volgnummer:04d}", dagtekening=vandaag()
            ),
        )

    @staticmethod
    def naam() -> VerkorteNaam:
        return VerkorteNaam(
            geslachtsnaam=Achternaam(achternaam="Vries", voorvoegsel="de"), voorletters="JM"
        )

    def wmo305(self, bsn: str, toewijzing: dict[str, Any], begindatum: date) -> bytes:
        start = StartProduct(
            toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
            product=IwmoProduct(**toewijzing["product"]),
            toewijzing_ingangsdatum=date.fromisoformat(toewijzing["ingangsdatum"]),
            begindatum=begindatum,
            status_aanlevering="1",
        )
        client = Client305(
            bsn=bsn,
            geboortedatum=Geboortedatum(datum=GEBOORTEDATUM),
            geslacht="2",
            naam=self.naam(),
            start_producten=(start,),
        )
        return write_message(Wmo305(header=self.header("418"), client=client))

    def wmo307(
        self,
        bsn: str,
        toewijzing: dict[str, Any],
        begindatum: date,
        einddatum: date,
        reden_beeindiging: str = "02",
    ) -> bytes:
        stop = StopProduct(
            toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
            product=IwmoProduct(**toewijzing["product"]),
            toewijzing_ingangsdatum=date.fromisoformat(toewijzing["ingangsdatum"]),
            begindatum=begindatum,
            reden_beeindiging=reden_beeindiging,
            einddatum=einddatum,
            status_aanlevering="1",
        )
        client = Client307(
            bsn=bsn,
            geboortedatum=Geboortedatum(datum=GEBOORTEDATUM),
            geslacht="2",
            naam=self.naam(),
            stop_producten=(stop,),
        )
        return write_message(Wmo307(header=self.header("420"), client=client))

    def wmo315(
        self,
        bsn: str,
        referentie: str,
        product: dict[str, str],
        ingangsdatum: date,
        einddatum: date,
    ) -> bytes:
        aangevraagd = AangevraagdProduct(
            referentie_aanbieder=referentie,
            product=IwmoProduct(**product),
            toewijzing_ingangsdatum=ingangsdatum,
            toewijzing_einddatum=einddatum,
            omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
            verwijzer=Verwijzer(type="01"),
        )
        client = Client315(
            bsn=bsn,
            geboortedatum=Geboortedatum(datum=GEBOORTEDATUM),
            geslacht="2",
            naam=self.naam(),
            aangevraagde_producten=(aangevraagd,),
        )
        return write_message(Wmo315(header=self.header("444"), client=client))

    def wmo317(
        self, bsn: str, referentie: str, toewijzing: dict[str, Any], einddatum: date
    ) -> bytes:
        """Ask to change one toewijzing's end date, keeping its omvang."""
        verzoek = Verzoek(
            referentie_aanbieder=referentie,
            reden_verzoek="1",
            te_wijzigen_producten=(
                TeWijzigenProduct(
                    toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                    gewenste_ingangsdatum=vandaag(),
                    einddatum=einddatum,
                    omvang=Omvang(volume=4, eenheid="04", frequentie="2"),
                ),
            ),
        )
        return write_message(
            Wmo317(header=self.header("480"), client=Client317(bsn=bsn, verzoek=verzoek))
        )

    def wmo323(
        self,
        declaratienummer: str,
        periode: tuple[date, date],
        regels: list[tuple[str, str, dict[str, Any], tuple[date, date], int, int]],
    ) -> bytes:
        """One declaratie; each regel is (bsn, referentie, toewijzing, (begin, eind), uren,
        tarief in cents), its amount uren x tarief."""
        per_client: dict[str, list[Prestatie]] = {}
        totaal = 0
        for bsn, referentie, toewijzing, (begin, eind), uren, tarief in regels:
            bedrag = uren * tarief
            totaal += bedrag
            per_client.setdefault(bsn, []).append(
                Prestatie(
                    product_referentie=ProductReferentie(referentie_nummer=referentie),
                    toewijzing_nummer=int(toewijzing["toewijzingnummer"]),
                    product_categorie=toewijzing["product"]["categorie"],
                    product_code=toewijzing["product"]["code"],
                    product_periode=GeslotenPeriode(begindatum=begin, einddatum=eind),
                    geleverd_volume=uren,
                    eenheid="04",
                    product_tarief=tarief,
                    ingediend_bedrag=BedragMetDC(bedrag=bedrag, debet_credit="D"),
                )
            )
        declaratie = Declaratie(
            declaratie_nummer=declaratienummer,
            declaratie_periode=GeslotenPeriode(begindatum=periode[0], einddatum=periode[1]),
            declaratie_dagtekening=vandaag(),
            totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
            clienten=tuple(
                Client323(bsn=bsn, prestaties=tuple(lines)) for bsn, lines in per_client.items()
            ),
        )
        return write_message(Wmo323(header=self.header("484"), declaratie=declaratie))
