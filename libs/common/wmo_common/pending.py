"""Rows a transaction writes without the ORM's unit of work: the outbox's events and the audit
records. They are queued in the session and written before its next statement, savepoint or
commit (and in any flush), every kind waiting then in one statement of data-modifying CTEs that
asyncpg runs itself (`wmo_common.driver`); the rows of a transaction or savepoint that does not
commit are dropped with it. At a commit where they are all there is to write and nothing has
begun (the transaction only read through `wmo_common.db.fetch`, or nothing), that statement is
the whole transaction: no BEGIN and no COMMIT are sent.

Through the unit of work an audit record cost about 0.5 ms of CPU at commit (an ORM object, its
flush plan, an INSERT of its own: 9 % of creating a toewijzing); the outbox row and the audit
record of a request now share one statement and one round trip (docs/benchmarks.md)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from asyncpg import Record
from sqlalchemy import CTE, Select, String, Table, bindparam, event, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, UOWTransaction
from sqlalchemy.sql.type_api import TypeEngine

from wmo_common import driver
from wmo_common.driver import DriverStatement

PENDING_KEY = "pending_rows"


@dataclass(frozen=True)
class RowKind:
    """One kind of queued row. `write` inserts the rows (a data-modifying CTE, its values the
    `parameters(rows)`, one array per column) and `write_one` a single row (the same parameters,
    each holding the row's value itself: asyncpg encodes a one-item array in about 0.5 us more
    than its item, so a row of 30 columns as arrays cost 20 us more). A kind that reads back (at
    most one: the outbox) has a `reads` SELECT over `write` and `reads_one` over `write_one`,
    whose result `written(rows, result)` receives."""

    name: str
    write: CTE
    write_one: CTE
    parameters: Callable[[list[Any]], dict[str, Any]]
    reads: Select[Any] | None = None
    reads_one: Select[Any] | None = None
    written: Callable[[list[Any], Sequence[Record]], None] | None = None


KINDS: dict[str, RowKind] = {}
"""Every kind, in the order registered (the order of their CTEs in the statement)."""


def register(kind: RowKind) -> RowKind:
    if kind.name in KINDS:
        raise ValueError(f"row kind {kind.name} is registered twice")
    if (kind.reads is None) != (kind.reads_one is None):
        raise ValueError(f"row kind {kind.name} reads back from one of its writes only")
    if kind.reads is not None and any(k.reads is not None for k in KINDS.values()):
        raise ValueError("only one row kind may read back what it wrote")
    KINDS[kind.name] = kind
    _statement.cache_clear()
    return kind


def insert_rows(table: Table, columns: Sequence[str], prefix: str) -> tuple[CTE, CTE]:
    """The data-modifying CTEs of a kind inserting `columns` of `table`, its `write` and its
    `write_one`: one array parameter per column (named `prefix` + the column), unnested in
    order, so the statement is compiled and prepared once whatever the number of rows; and for
    a single row, one parameter per value under the same names. Text goes as text without its
    length, so that an over-long value fails the INSERT as through the ORM instead of being cut
    by a cast. Every listed column is written, so a default only the server knows would never
    apply: refused."""
    if server_only := [n for n in columns if table.c[n].server_default and not table.c[n].default]:
        raise ValueError(f"columns with only a server default cannot be queued: {server_only}")

    def type_of(name: str) -> TypeEngine[Any]:
        column_type = table.c[name].type
        return String() if isinstance(column_type, String) else column_type

    rows = (
        func.unnest(*(bindparam(prefix + n, type_=ARRAY(type_of(n))) for n in columns))
        .table_valued(*columns, with_ordinality="n")
        .render_derived()
    )
    many = select(*(rows.c[name] for name in columns)).order_by(rows.c.n)
    one = select(*(bindparam(prefix + name, type_=type_of(name)) for name in columns))
    return (
        insert(table).from_select(columns, many).cte(f"{prefix}written"),
        insert(table).from_select(columns, one).cte(f"{prefix}written"),
    )


@functools.cache
def _statement(written: tuple[tuple[str, bool], ...]) -> DriverStatement:
    """The one statement writing the kinds named in `written`, each with its single-row form
    where it says so, compiled once per combination."""
    writes = [(KINDS[name], one) for name, one in written]
    reads = next(
        (k.reads_one if one else k.reads for k, one in writes if k.reads is not None), None
    )
    base = select(literal_column("1").label("written")) if reads is None else reads
    others = [k.write_one if one else k.write for k, one in writes if k.reads is None]
    return DriverStatement.of(base.add_cte(*others) if others else base)


@dataclass
class _Pending:
    """Rows queued in one transaction (the innermost: a savepoint or the whole), not yet
    written, by kind."""

    transaction: SessionTransaction
    rows: dict[str, list[Any]] = field(default_factory=dict)


async def queue(session: AsyncSession, kind: RowKind, row: object) -> None:
    """Queue `row` of `kind` in the session's transaction (beginning one, as a statement would):
    it is written with the transaction's next statement, savepoint or commit."""
    if not session.in_transaction():
        await session.connection()
    sync_session = session.sync_session
    transaction = sync_session.get_nested_transaction() or sync_session.get_transaction()
    if transaction is None:
        raise RuntimeError("the session has no transaction")
    pending = session.info.get(PENDING_KEY)
    if not isinstance(pending, _Pending) or pending.transaction is not transaction:
        pending = session.info[PENDING_KEY] = _Pending(transaction)
    pending.rows.setdefault(kind.name, []).append(row)


def write_pending(
    session: Session, transaction: SessionTransaction | None = None, *, whole: bool = False
) -> None:
    """Write the rows waiting in `session` in one statement, in `transaction` (by default the
    session's current one); `whole`: they are all the transaction writes (see `driver.run`)."""
    pending = session.info.pop(PENDING_KEY, None)
    if not isinstance(pending, _Pending) or not pending.rows:
        return
    names = tuple(name for name in KINDS if pending.rows.get(name))
    written = tuple((name, len(pending.rows[name]) == 1) for name in names)
    parameters: dict[str, Any] = {}
    for name, one in written:
        values = KINDS[name].parameters(pending.rows[name])
        parameters.update({key: value[0] for key, value in values.items()} if one else values)
    connection = transaction.connection(None) if transaction else session.connection()
    result = driver.run(connection, _statement(written), parameters, whole=whole)
    for name in names:
        read_back = KINDS[name].written
        if read_back is not None:
            read_back(pending.rows[name], result)


# Where the ORM would flush its own rows, the waiting rows are written too: so a query in the
# transaction sees them, a savepoint's rollback undoes only what was queued inside it, and the
# commit (of the transaction or a savepoint) carries them.
@event.listens_for(Session, "before_flush")
def _write_before_flush(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    write_pending(session)


@event.listens_for(Session, "do_orm_execute")
def _write_before_statement(state: ORMExecuteState) -> None:
    write_pending(state.session)


@event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    # With no changed object to flush after them, the waiting rows are all the commit writes:
    # if nothing else was written (or begun) before, their statement is the whole transaction.
    write_pending(session, whole=not (session.new or session.dirty or session.deleted))


@event.listens_for(Session, "after_transaction_create")
def _write_before_savepoint(session: Session, transaction: SessionTransaction) -> None:
    # What was queued before the savepoint belongs to the enclosing transaction: it is written
    # there (the SAVEPOINT itself is only emitted later), so a rollback to the savepoint keeps it.
    if transaction.nested and transaction.parent is not None:
        write_pending(session, transaction.parent)


@event.listens_for(Session, "after_transaction_end")
def _drop_unwritten(session: Session, transaction: SessionTransaction) -> None:
    # A transaction that ends with rows still waiting did not commit: they are dropped with it.
    pending = session.info.get(PENDING_KEY)
    if isinstance(pending, _Pending) and pending.transaction is transaction:
        del session.info[PENDING_KEY]
