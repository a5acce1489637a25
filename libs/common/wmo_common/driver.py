"""Statements compiled once and run by asyncpg itself on a SQLAlchemy connection, in its
transaction (issue 22).

Through a session a statement cost about 230 us of CPU and through its Core connection about
150 us, where asyncpg alone runs it in about 40 us (docs/benchmarks.md). This is for the
statements of the hottest paths: every queued row (outbox, audit) and the statements of
creating a toewijzing (`wmo_common.db.fetch`); everything else goes through the session. What
SQLAlchemy would have done and this still does:
- the statement runs in the connection's transaction, begun if need be, so its rows commit or
  roll back with the rest. Two kinds run without BEGIN when nothing has begun yet, as one
  statement of its own (PostgreSQL's implicit transaction), which saves the BEGIN and COMMIT
  round trips: a statement compiled as `reads` (a SELECT that neither locks nor writes) and a
  transaction's `whole` work (its queued rows at a commit with nothing else to write,
  `wmo_common.pending`). At READ COMMITTED every statement takes its own snapshot, in a
  transaction or not, so such a read sees what it would have seen inside one;
  at a stricter isolation level everything begins as before;
- an INSERT gets its table's Python-side column defaults, and every value its type's bind
  processing;
- the driver's errors are raised as SQLAlchemy's, with the parameters hidden as the engine
  hides them (PostgreSQL's own message may still quote a value, as through the session: errors
  are logged by type only), so `database_unavailable` and `rejected_input` judge them alike,
  and a connection the driver lost renews the pool as SQLAlchemy does (only the first statement
  after a database restart fails).
Rows come back as asyncpg records with the types asyncpg decodes (JSON through the codecs
SQLAlchemy set on the connection).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import asyncpg
from sqlalchemy import ARRAY
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError
from sqlalchemy.sql import ClauseElement, ColumnElement, Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.schema import CallableColumnDefault, ScalarElementColumnDefault
from sqlalchemy.sql.type_api import TypeEngine

_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]
_LOST = (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, OSError)
# The adapter's isolation levels at which a statement alone sees what it would see in a
# transaction; None is the server's default, which the dialect read when it first connected.
_PER_STATEMENT = {"read_committed", "autocommit"}


@dataclass(frozen=True)
class DriverStatement:
    """A statement compiled for asyncpg: its text with `$n` parameters, and how each value is
    made from the named values of a call."""

    sql: str
    names: tuple[str, ...]
    constants: Mapping[str, Any]
    processors: Mapping[str, Callable[[Any], Any]]
    defaults: Mapping[str, Callable[[], Any]]
    reads: bool = False

    @classmethod
    def of(
        cls, statement: ClauseElement, keys: Sequence[str] | None = None, *, reads: bool = False
    ) -> DriverStatement:
        """`statement` compiled once. An INSERT or UPDATE is compiled for the columns `keys` it
        will be given values for; a column it leaves out gets its Python-side default (or
        onupdate), made for each call as the session would have made it. `reads`: a SELECT
        that neither locks rows nor writes, run outside a transaction when none has begun (its
        author vouches that no function it calls has an effect that belongs to a transaction,
        such as `pg_notify`)."""
        compiled = cast(
            SQLCompiler,
            statement.compile(dialect=_DIALECT, column_keys=None if keys is None else list(keys)),
        )
        if reads and not (
            isinstance(statement, Select)
            and statement._for_update_arg is None
            and not any(isinstance(cte.element, UpdateBase) for cte in compiled.ctes or ())
        ):
            raise ValueError("only a SELECT that neither locks nor writes can be run as reads")
        defaults: dict[str, Callable[[], Any]] = {}
        prefetched = [(c, c.default) for c in compiled.insert_prefetch]
        prefetched += [(c, c.onupdate) for c in compiled.update_prefetch]
        for column, default in prefetched:
            if column.key in defaults:
                raise ValueError(f"two columns {column.key} take a default in one statement")
            defaults[column.key] = python_default(column, default)
        constants: dict[str, Any] = {}
        processors: dict[str, Callable[[Any], Any]] = {}
        for bind, name in compiled.bind_names.items():
            if bind.expanding or bind.callable is not None:
                raise ValueError(f"parameter {name} cannot be compiled once for the driver")
            if not bind.required and name not in defaults:
                constants[name] = bind.value
            processor = _bind_processor(bind.type)
            if processor is not None:
                processors[name] = processor
        names = tuple(compiled.positiontup or ())
        return cls(compiled.string, names, constants, processors, defaults, reads)

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        """The positional values of one call; a required value left out raises KeyError."""
        arguments = []
        for name in self.names:
            if name in values:
                value = values[name]
            elif name in self.defaults:
                value = self.defaults[name]()
            else:
                value = self.constants[name]
            processor = self.processors.get(name)
            arguments.append(value if processor is None else processor(value))
        return arguments


def _bind_processor(type_: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """What makes a value of `type_` ready for asyncpg. An array of items that need nothing
    needs nothing either: SQLAlchemy's processor would only copy the list, item by item (7 % of
    creating a toewijzing's CPU with its queued rows as arrays), and asyncpg takes any list or
    tuple."""
    if isinstance(type_, ARRAY) and _bind_processor(type_.item_type) is None:
        return None
    return cast(
        "Callable[[Any], Any] | None", type_.dialect_impl(_DIALECT).bind_processor(_DIALECT)
    )


def python_default(column: ColumnElement[Any], default: object) -> Callable[[], Any]:
    """What makes `column`'s Python-side `default` (or onupdate) for one row, as the session
    would; a default that is SQL is refused."""
    if isinstance(default, CallableColumnDefault):
        return _caller(default.arg)
    if isinstance(default, ScalarElementColumnDefault):
        return _constant(default.arg)
    raise ValueError(f"the default of {column} cannot be made for the driver")


def _caller(default: Callable[[Any], Any]) -> Callable[[], Any]:
    # SQLAlchemy keeps a column default's callable wrapped to take an execution context.
    return lambda: default(None)


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def run(
    connection: Connection,
    statement: DriverStatement,
    values: Mapping[str, Any],
    *,
    whole: bool = False,
) -> Any:
    """The rows (asyncpg records) of `statement` with `values`, run by asyncpg on `connection`'s
    driver connection in its transaction, begun if need be; `whole`: the statement is all the
    transaction writes, so with nothing begun it runs as a transaction of its own. Called where
    SQLAlchemy runs sync code for async connections (its greenlet: a session's events,
    `run_sync`)."""
    arguments = statement.arguments(values)
    adapted: Any = connection.connection.dbapi_connection
    # SQLAlchemy's asyncpg adapter sends BEGIN with the first statement it runs; started here
    # the same way, so its COMMIT or ROLLBACK ends what the driver ran. Without a transaction
    # its COMMIT and ROLLBACK send nothing.
    level = adapted.isolation_level
    alone = (statement.reads or whole) and (
        level in _PER_STATEMENT
        or (level is None and connection.dialect.default_isolation_level == "READ COMMITTED")
    )
    if adapted._transaction is None and not alone:
        try:
            adapted.run_async(lambda _driver: adapted._start_transaction())
        except Exception as error:
            _invalidate_pool(connection, error)
            raise InterfaceError(
                "BEGIN", None, error, hide_parameters=True, connection_invalidated=True
            ) from error
    try:
        return adapted.run_async(lambda driver: driver.fetch(statement.sql, *arguments))
    except (asyncpg.PostgresError, *_LOST) as error:
        code = getattr(error, "sqlstate", None) or ""
        # Connection errors (class 08) and the server ending the session (57P01-57P03, e.g. an
        # administrator's pg_terminate_backend) leave the connection unusable.
        if isinstance(error, _LOST) or code.startswith(("08", "57P")):
            _invalidate_pool(connection, error)
            raise InterfaceError(
                statement.sql, None, error, hide_parameters=True, connection_invalidated=True
            ) from error
        if code.startswith("23"):
            raise IntegrityError(statement.sql, None, error, hide_parameters=True) from error
        if code.startswith("22"):
            raise DataError(statement.sql, None, error, hide_parameters=True) from error
        raise DBAPIError(statement.sql, None, error, hide_parameters=True) from error


def _invalidate_pool(connection: Connection, error: BaseException) -> None:
    """What SQLAlchemy does when a statement finds its connection lost: this connection and
    every other one opened before now are replaced at their next checkout (a restarted
    database dropped them all), so the first failure is the only one."""
    connection.engine.pool._invalidate(connection.connection, error)
    connection.invalidate(error)
