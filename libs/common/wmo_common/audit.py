"""The audit log, in the spirit of the Logboek Dataverwerkingen: every read or write of a
client's data records who, when, which client (pseudonym), which processing activity, trace id."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, String, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.auth import Principal
from wmo_common.db import Base, utcnow
from wmo_common.tracing import current_trace_id


class Handeling(StrEnum):
    LEZEN = "lezen"
    ZOEKEN = "zoeken"
    AANMAKEN = "aanmaken"
    WIJZIGEN = "wijzigen"
    VERWIJDEREN = "verwijderen"


class AuditRecord(Base):
    __tablename__ = "audit_record"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    record_id: Mapped[uuid.UUID] = mapped_column(default=uuid.uuid4, unique=True)
    occurred_at: Mapped[datetime] = mapped_column(
        default=utcnow, server_default=func.now(), index=True
    )
    actor: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(200))
    client_pseudonym: Mapped[str | None] = mapped_column(String(64), index=True)
    verwerkingsactiviteit: Mapped[str] = mapped_column(String(100))
    handeling: Mapped[str] = mapped_column(String(20))
    resource: Mapped[str | None] = mapped_column(String(200))
    trace_id: Mapped[str | None] = mapped_column(String(32))


async def record(
    session: AsyncSession,
    principal: Principal,
    *,
    verwerkingsactiviteit: str,
    handeling: Handeling,
    client_pseudonym: str | None,
    resource: str | None = None,
) -> None:
    """Add an audit record to the caller's transaction: no processing without its record."""
    session.add(
        AuditRecord(
            actor=principal.subject,
            roles=",".join(sorted(principal.roles)),
            client_pseudonym=client_pseudonym,
            verwerkingsactiviteit=verwerkingsactiviteit,
            handeling=handeling.value,
            resource=resource,
            trace_id=current_trace_id(),
        )
    )
