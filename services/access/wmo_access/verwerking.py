"""Recording every processing of a client's data in the audit log (Logboek Dataverwerkingen)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal

VERWERKINGSACTIVITEIT = "toegang-maatwerkvoorziening"


async def record(
    session: AsyncSession, actor: Principal, handeling: Handeling, pseudonym: str, resource: str
) -> None:
    await audit.record(
        session,
        actor,
        verwerkingsactiviteit=VERWERKINGSACTIVITEIT,
        handeling=handeling,
        client_pseudonym=pseudonym,
        resource=resource,
    )
