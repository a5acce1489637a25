"""The read side of the Logboek Dataverwerkingen: what `wmo_common.audit` recorded, for the
auditor who answers a citizen's inspection request (AVG art. 15) or checks who processed what.

Every service keeps its own audit records and serves them here (`GET /api/v1/verwerkingen`, by
client pseudonym, actor and period). The access service, which alone takes a BSN, searches the
whole suite: it pseudonymises the BSN and gathers each service's records over HTTP with the
caller's own token (`gather`), as the operations console gathers its figures. Reading the log is
processing too, and is recorded like any other.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

import httpx
from fastapi import Depends, Query, Request, Response
from pydantic import Field
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.audit import AuditRecord, Handeling, record
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.calendar import AMSTERDAM
from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.problems import BadRequest, InvalidParam
from wmo_common.query import Datum
from wmo_common.routing import ApiRouter
from wmo_common.schema import CamelModel
from wmo_common.settings import CommonSettings

INZAGE = "verantwoording-verwerkingen"
"""The processing activity of reading the log itself."""
PSEUDONYM_PATTERN = r"^[0-9a-f]{64}$"
# A suite-wide search reads at most this many records per service; more marks it incomplete.
MAX_PER_SERVICE = 10_000
_PAGE_SIZE = 500

MagVerwerkingenLezen = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]
"""Auditors only: the log names who processed which client's data."""

router = ApiRouter(prefix="/verwerkingen", tags=["verwerkingen"])


class VerwerkingRead(CamelModel):
    """One processing of a client's data (or of the log), as the service recorded it."""

    record_id: uuid.UUID
    service: str = Field(description="De dienst die de verwerking vastlegde.")
    occurred_at: datetime
    actor: str = Field(description="Het subject van het token van wie verwerkte.")
    roles: list[str]
    client_pseudonym: str | None = Field(description="Pseudoniem van de cliënt; nooit een BSN.")
    verwerkingsactiviteit: str
    handeling: str = Field(description="lezen, zoeken, aanmaken, wijzigen of verwijderen.")
    resource: str | None
    trace_id: str | None


@dataclass(frozen=True)
class Filter:
    """Which records: of one client, by one actor, in a period of calendar days (NL time,
    both ends included); what is None does not narrow."""

    client_pseudonym: str | None = None
    actor: str | None = None
    van: date | None = None
    tot: date | None = None

    def query_params(self) -> dict[str, str]:
        values = {
            "clientPseudonym": self.client_pseudonym,
            "actor": self.actor,
            "van": self.van.isoformat() if self.van else None,
            "tot": self.tot.isoformat() if self.tot else None,
        }
        return {k: v for k, v in values.items() if v is not None}


def checked_filter(
    *, client_pseudonym: str | None, actor: str | None, van: date | None, tot: date | None
) -> Filter:
    """The filter, refused with 400 when the period ends before it starts."""
    if van is not None and tot is not None and tot < van:
        raise BadRequest(
            "1 invoerfout(en) gevonden.",
            [InvalidParam(name="tot", code="periode", reason="tot ligt voor van")],
        )
    return Filter(client_pseudonym=client_pseudonym, actor=actor, van=van, tot=tot)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=AMSTERDAM).astimezone(UTC)


def _conditions(filter_: Filter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filter_.client_pseudonym is not None:
        conditions.append(AuditRecord.client_pseudonym == filter_.client_pseudonym)
    if filter_.actor is not None:
        conditions.append(AuditRecord.actor == filter_.actor)
    if filter_.van is not None:
        conditions.append(AuditRecord.occurred_at >= _day_start(filter_.van))
    if filter_.tot is not None:
        conditions.append(AuditRecord.occurred_at < _day_start(filter_.tot + timedelta(days=1)))
    return conditions


async def list_verwerkingen(
    session: AsyncSession, service: str, filter_: Filter, *, offset: int, limit: int
) -> tuple[list[VerwerkingRead], int]:
    """One page of this service's records matching the filter, oldest first."""
    conditions = _conditions(filter_)
    count = (
        await session.execute(select(func.count()).select_from(AuditRecord).where(*conditions))
    ).scalar_one()
    rows = await session.execute(
        select(AuditRecord)
        .where(*conditions)
        .order_by(AuditRecord.occurred_at, AuditRecord.id)
        .offset(offset)
        .limit(limit)
    )
    return [_to_read(service, r) for r in rows.scalars()], int(count)


def _to_read(service: str, row: AuditRecord) -> VerwerkingRead:
    return VerwerkingRead(
        record_id=row.record_id,
        service=service,
        occurred_at=row.occurred_at,
        actor=row.actor,
        roles=[r for r in row.roles.split(",") if r],
        client_pseudonym=row.client_pseudonym,
        verwerkingsactiviteit=row.verwerkingsactiviteit,
        handeling=row.handeling,
        resource=row.resource,
        trace_id=row.trace_id,
    )


async def record_inzage(
    session: AsyncSession, actor: Principal, handeling: Handeling, filter_: Filter, resource: str
) -> None:
    """Record that `actor` read the log (for one client, when the filter names one)."""
    await record(
        session,
        actor,
        verwerkingsactiviteit=INZAGE,
        handeling=handeling,
        client_pseudonym=filter_.client_pseudonym,
        resource=resource,
    )


@dataclass
class Verzameling:
    """What a suite-wide search found: the records, and the services it could not read fully."""

    verwerkingen: list[VerwerkingRead]
    onvolledig: list[str]


async def _read_service(
    client: httpx.AsyncClient, url: str, authorization: str, filter_: Filter
) -> list[VerwerkingRead] | None:
    """Every matching record of one service, page by page; None when it cannot be read."""
    found: list[VerwerkingRead] = []
    page = 1
    while True:
        try:
            answer = await client.get(
                f"{url}/api/v1/verwerkingen",
                params=filter_.query_params() | {"page": page, "pageSize": _PAGE_SIZE},
                headers={"Authorization": authorization},
            )
        except httpx.HTTPError:
            return None
        if answer.status_code != 200:
            return None
        body = Page[VerwerkingRead].model_validate(answer.json())
        found.extend(body.results)
        if len(found) >= body.count or not body.results:
            return found
        if len(found) >= MAX_PER_SERVICE:
            return None
        page += 1


async def gather(
    suite_urls: dict[str, str], authorization: str, filter_: Filter, *, exclude: str
) -> Verzameling:
    """The matching records of every service in `suite_urls` but `exclude` (the caller reads
    its own from its database), with the caller's token: each service checks the role itself
    and records the read."""
    others = {name: url for name, url in suite_urls.items() if name != exclude}
    async with httpx.AsyncClient(timeout=10) as client:
        answers = await asyncio.gather(
            *(_read_service(client, url, authorization, filter_) for url in others.values())
        )
    return Verzameling(
        verwerkingen=[v for answer in answers if answer is not None for v in answer],
        onvolledig=sorted(
            name for name, answer in zip(others, answers, strict=True) if answer is None
        ),
    )


async def _settings(request: Request) -> CommonSettings:
    settings: CommonSettings = request.app.state.runtime.settings
    return settings


@router.get("", response_model=Page[VerwerkingRead])
async def list_verwerkingen_route(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    principal: MagVerwerkingenLezen,
    settings: Annotated[CommonSettings, Depends(_settings)],
    client_pseudonym: Annotated[
        str | None,
        Query(
            alias="clientPseudonym",
            pattern=PSEUDONYM_PATTERN,
            description="Alleen verwerkingen van deze cliënt (pseudoniem; een BSN zoekt de "
            "toegang-dienst met POST /verwerkingen/_zoek).",
        ),
    ] = None,
    actor: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Alleen door dit subject.")
    ] = None,
    van: Annotated[Datum | None, Query(description="Vanaf deze dag (inclusief).")] = None,
    tot: Annotated[Datum | None, Query(description="Tot en met deze dag.")] = None,
) -> Page[VerwerkingRead]:
    """De verwerkingen die deze dienst vastlegde, oudste eerst, per cliënt, actor en periode
    (Logboek Dataverwerkingen); alleen voor de auditor. Het inzien wordt zelf ook vastgelegd."""
    filter_ = checked_filter(client_pseudonym=client_pseudonym, actor=actor, van=van, tot=tot)
    results, count = await list_verwerkingen(
        session, settings.service_name, filter_, offset=paging.offset, limit=paging.page_size
    )
    await record_inzage(session, principal, Handeling.LEZEN, filter_, "verwerkingen")
    await session.commit()
    return paginate(request, response, results, count, paging)
