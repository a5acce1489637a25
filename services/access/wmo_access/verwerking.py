"""Recording every processing of a client's data in the audit log (Logboek Dataverwerkingen):
the one way the access service calls wmo_common.audit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common import audit
from wmo_common.audit import Handeling
from wmo_common.auth import Principal

VERWERKINGSACTIVITEIT = "toegang-maatwerkvoorziening"
CLIENTREGISTRATIE = "clientregistratie"


async def record(
    session: AsyncSession,
    actor: Principal,
    handeling: Handeling,
    pseudonym: str,
    resource: str,
    *,
    verwerkingsactiviteit: str = VERWERKINGSACTIVITEIT,
) -> None:
    await audit.record(
        session,
        actor,
        verwerkingsactiviteit=verwerkingsactiviteit,
        handeling=handeling,
        client_pseudonym=pseudonym,
        resource=resource,
    )
