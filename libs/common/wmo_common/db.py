"""The one way to reach a service's own database: engine, sessions and the declarative base."""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, TypeVar

from asyncpg import Record
from fastapi import Depends, Request
from sqlalchemy import DateTime, Label, MetaData, event
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from wmo_common import driver, pending
from wmo_common.driver import DriverStatement

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def naming_metadata() -> MetaData:
    """A MetaData with our naming convention, so constraint names are stable across migrations."""
    return MetaData(naming_convention=NAMING_CONVENTION)


class Base(DeclarativeBase):
    """Base of the tables every service carries (outbox, inbox, audit).

    A service declares its own base the same way (`metadata = naming_metadata()`), and its
    Alembic history targets both metadata objects.
    """

    metadata = naming_metadata()
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


Model = TypeVar("Model", bound=DeclarativeBase)


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


IDLE_PING_SECONDS = 1.0
"""A pooled connection idle at least this long is pinged before use; a busy one is not."""
RECYCLE_SECONDS = 1800
"""No pooled connection is older than this: bounds what a silently dropped connection costs."""


def create_engine(database_url: str, pool_size: int = 5) -> AsyncEngine:
    """The service's engine. A connection that sat idle is pinged before it is handed out, and
    one the database dropped is replaced (the pool retries checkout with a new connection).

    `pool_pre_ping` pinged on every checkout: a round trip per request, about 0.3 ms wall and
    0.2 ms CPU (docs/benchmarks.md). Under load a connection is back in use within
    milliseconds, so skipping the ping then only leaves the statements in flight when the
    database goes away, which fail with or without it; the first such failure invalidates the
    whole pool and `database_unavailable` turns it into a 503.
    """
    # hide_parameters: an error's text never carries the values of a statement (personal data).
    engine = create_async_engine(
        database_url, pool_size=pool_size, pool_recycle=RECYCLE_SECONDS, hide_parameters=True
    )
    dialect = engine.dialect

    @event.listens_for(engine.sync_engine, "checkin")
    def remember_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def ping_if_idle(
        dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
    ) -> None:
        checked_in = record.info.get("checked_in_at")
        if checked_in is None or time.monotonic() - checked_in < IDLE_PING_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:
            # The pool invalidates this connection and checks out a fresh one; if the database
            # is really away, that connect fails and `database_unavailable` says so.
            raise DisconnectionError from exc

    return engine


def sqlstate_of(error: BaseException) -> str | None:
    """The PostgreSQL SQLSTATE behind a database error, wherever the driver keeps it."""
    return _reported(error, ("sqlstate", "pgcode"), lambda code: len(code) == 5)


def constraint_of(error: BaseException) -> str | None:
    """The name of the constraint or unique index a database error violated, if any."""
    return _reported(error, ("constraint_name",), bool)


def _reported(
    error: BaseException, attributes: tuple[str, ...], valid: Callable[[str], bool]
) -> str | None:
    """The first `valid` text the driver's error behind `error` holds in one of `attributes`."""
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for candidate in (current, getattr(current, "orig", None)):
            for attribute in attributes:
                value = getattr(candidate, attribute, None)
                if isinstance(value, str) and valid(value):
                    return value
        current = getattr(current, "orig", None) or current.__cause__
    return None


def database_unavailable(error: BaseException) -> bool:
    """The database itself is away or cannot take work (refused, starting up, shutting down, out
    of connections): not the fault of the statement or the event, so callers wait and retry.

    Classified by the connection phase (an error while connecting has no statement) and by the
    SQLSTATE class (PostgreSQL appendix A): 08 connection, 53 resources, 57P operator
    intervention (57P03 "the database system is starting up"), 58 system error."""
    if isinstance(error, OSError | ConnectionError | SATimeoutError):
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated or error.statement is None:
            return True
        if isinstance(error, InterfaceError):
            return True
        code = sqlstate_of(error)
        if code is None:
            return isinstance(error, OperationalError)
        return code[:2] in {"08", "53", "58"} or code.startswith("57P")
    return False


def rejected_input(error: BaseException) -> int | None:
    """The HTTP status for a statement the database refused because of its values: 400 for
    invalid data (class 22, e.g. a NUL character; a check, not-null or foreign-key violation),
    409 for a clash with existing rows (unique or exclusion violation); None otherwise."""
    if not isinstance(error, DBAPIError) or database_unavailable(error):
        return None
    code = sqlstate_of(error)
    if code is None:
        return None
    if code in {"23505", "23P01"}:
        return 409
    if code.startswith(("22", "23")):
        return 400
    return None


def create_sessionmaker(engine: AsyncEngine, source: str) -> async_sessionmaker[AsyncSession]:
    """Sessions that know their service's CloudEvents source, so the outbox can stamp events."""
    return async_sessionmaker(engine, expire_on_commit=False, info={"event_source": source})


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    session = maker()
    try:
        yield session
    finally:
        # FastAPI runs the exit of a dependency like this one shielded from cancellation, so a
        # cancelled request still gives its connection back. `async with session` would shield
        # the close once more, in a task of its own: about 20 us of CPU per request.
        await session.close()


DbSession = Annotated[AsyncSession, Depends(_session)]


def labelled(model: type[DeclarativeBase], prefix: str) -> list[Label[Any]]:
    """Every column of `model`'s table, labelled with `prefix` before its key: the columns of
    a statement whose rows `unattached` makes instances of."""
    return [column.label(prefix + column.key) for column in model.__table__.c]


def unattached(model: type[Model], columns: Mapping[str, Any], prefix: str = "") -> Model:
    """An instance of `model` from its `prefix`ed columns (a row of `fetch`), not attached to a
    session, its values placed as a load places them, without the constructor's change events.
    For rows a use case only reads: as entities (identity map, instance state, events) the facts
    of a new toewijzing cost about 0.2 ms of CPU, as much as their statement."""
    instance: Model = model.__mapper__.class_manager.new_instance()
    instance.__dict__.update({key: columns[name] for key, name in _column_names(model, prefix)})
    return instance


@functools.cache
def _column_names(model: type[DeclarativeBase], prefix: str) -> tuple[tuple[str, str], ...]:
    """Each column's attribute key and its name in a row with `prefix` (iterating a table's
    columns builds a list each time: a third of `unattached`)."""
    return tuple((c.key, prefix + c.key) for c in model.__table__.c)


async def fetch(
    session: AsyncSession, statement: DriverStatement, values: Mapping[str, Any]
) -> list[Record]:
    """The rows of `statement` with `values`, run by asyncpg in the session's transaction (see
    `wmo_common.driver`: about a sixth of the CPU of `session.execute`). As before any statement
    of the session, its queued rows and changed objects are written first."""

    def in_session(sync_session: Session) -> list[Record]:
        pending.write_pending(sync_session)
        if sync_session.new or sync_session.dirty or sync_session.deleted:
            sync_session.flush()
        rows: list[Record] = driver.run(sync_session.connection(), statement, values)
        return rows

    return await session.run_sync(in_session)


async def fetch_one(
    session: AsyncSession, statement: DriverStatement, values: Mapping[str, Any]
) -> Record | None:
    """The one row of `statement` with `values`, or None; more than one row is an error."""
    rows = await fetch(session, statement, values)
    if len(rows) > 1:
        raise ValueError("the statement returned more than one row")
    return rows[0] if rows else None
