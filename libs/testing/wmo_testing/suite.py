"""The five services as the cross-service tests meet them: where they listen, a token per role,
waiting for what crosses Kafka, checking responses and the iWmo berichten the gateway writes.
Each test builds its own market (fresh AGB codes, BSNs, segment names, wmo_testing.nummers),
because the topics also carry the events of every other test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
import pytest

from iwmo import Bericht, read_message, validate
from iwmo.models import Wmo301
from wmo_common.auth import mint_token
from wmo_common.calendar import today
from wmo_common.privacy import pseudonymise
from wmo_common.settings import CommonSettings
from wmo_testing.harness import REPO_ROOT, eventually
from wmo_testing.regio import TILBURG

T = TypeVar("T")

# Events cross up to three services (and a relay each); a minute is ample on a busy machine.
TIMEOUT = 60.0
GEMEENTE = TILBURG.cbs_code
GEBIED = TILBURG.gebied
TARIEF_CENTS = 6543  # per uur
OMVANG: dict[str, Any] = {"volume": 4, "eenheid": "04", "frequentie": "2"}  # 4 uur per week


@dataclass(frozen=True)
class Suite:
    """The running services' base URLs by service name."""

    urls: dict[str, str]

    def url(self, service: str, path: str) -> str:
        return self.urls[service] + path

    @staticmethod
    def headers(*roles: str, agb: str | None = None) -> dict[str, str]:
        token = mint_token(CommonSettings(), subject="flow-test", roles=list(roles), agb=agb)
        return {"Authorization": f"Bearer {token}"}


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


def first_of_previous_month() -> date:
    return (today().replace(day=1) - timedelta(days=1)).replace(day=1)


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
    assert response.status_code in statuses, (  # noqa: S101 - a test helper's check
        f"{response.request.method} {response.request.url}: {response.status_code} {response.text}"
    )
    return response.json() if response.content else None


@dataclass
class SuiteClient:
    """One test's HTTP conversation with the suite, with a token per role."""

    suite: Suite
    http: httpx.AsyncClient = field(init=False)

    async def __aenter__(self) -> Self:
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


class AanbiederSysteem(SuiteClient):
    """The conversation as an aanbieder's system holds it: its outbox at the gateway, the
    berichten it posts, its prestatie-indicatoren."""

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


# --- the iWmo berichten the gateway writes -------------------------------------------------


def xsd_dir() -> Path | None:
    """The official iWmo 3.2 XSDs, to check what the gateway writes (when the pack is here)."""
    configured = os.environ.get("IWMO_PACK_DIR")
    pack = Path(configured) if configured else REPO_ROOT.parent / "shared" / "iwmo"
    folder = pack / "xsd" / "iwmo-3.2"
    return folder if folder.is_dir() else None


def valid_wmo301(xml: str) -> Wmo301:
    """A Wmo301 as the gateway wrote it passes every layer of the codec and, when the pack is
    present, the official XSD."""
    result = validate(xml.encode(), expected=Wmo301, today=today(), xsd_dir=xsd_dir())
    assert result.findings == (), [f.as_json() for f in result.findings]  # noqa: S101
    assert isinstance(result.message, Wmo301)  # noqa: S101
    return result.message


def toegewezen(message: Wmo301, toewijzingnummer: str) -> Any:
    return next(
        p
        for p in message.client.toegewezen_producten
        if str(p.toewijzing_nummer) == toewijzingnummer
    )


def parse_retour(ontvangst: dict[str, Any]) -> Bericht:
    """The retour the gateway answered a posted bericht with, read by the codec."""
    assert ontvangst["retourXml"], ontvangst  # noqa: S101
    return read_message(ontvangst["retourXml"].encode())


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
