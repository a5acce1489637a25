"""Searching the processing records of one client across the suite, for an inspection request
(AVG art. 15): this service's own from its database, the others' over HTTP."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.logboek.schemas import VerwerkingenOverzicht, VerwerkingenZoek
from wmo_common import logboek
from wmo_common.audit import Handeling
from wmo_common.auth import Principal
from wmo_common.logboek import MAX_PER_SERVICE, VerwerkingRead
from wmo_common.privacy import pseudonymise
from wmo_common.settings import CommonSettings


async def search_verwerkingen(
    session: AsyncSession,
    zoek: VerwerkingenZoek,
    *,
    settings: CommonSettings,
    authorization: str,
    actor: Principal,
) -> VerwerkingenOverzicht:
    """Every service's records of the client with this BSN; the search itself is recorded
    (the caller commits), and each other service records its own part of the read."""
    filter_ = logboek.checked_filter(
        client_pseudonym=pseudonymise(zoek.bsn, settings.pseudonym_key),
        actor=zoek.actor,
        van=zoek.van,
        tot=zoek.tot,
    )
    own, count = await logboek.list_verwerkingen(
        session, settings.service_name, filter_, offset=0, limit=MAX_PER_SERVICE
    )
    await logboek.record_inzage(session, actor, Handeling.ZOEKEN, filter_, "verwerkingen/_zoek")
    others = await logboek.gather(
        settings.suite_urls, authorization, filter_, exclude=settings.service_name
    )
    onvolledig = sorted(
        [*others.onvolledig, *([settings.service_name] if count > len(own) else [])]
    )
    results = sorted([*own, *others.verwerkingen], key=_in_time)
    return VerwerkingenOverzicht(results=results, count=len(results), onvolledig=onvolledig)


def _in_time(verwerking: VerwerkingRead) -> tuple[object, ...]:
    return (verwerking.occurred_at, verwerking.service, verwerking.record_id)
