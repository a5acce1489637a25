"""Each service's migrations build what its models describe, and the outbox's move to pending rows
keeps every unsent event owed, up and down again, on a database that already holds events."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest
from alembic import command
from alembic.script import ScriptDirectory

from deploy.stack import FLOW, ROOT, SERVICES
from wmo_common.migrations import alembic_config, check

SCRATCH = "wmo_flow_migrations"


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def sql(url: str, statement: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(statement, *args))
    finally:
        await conn.close()


@pytest.fixture
def scratch() -> Iterator[str]:
    """An empty database of its own, dropped afterwards."""
    if not os.environ.get("WMO_FLOW_DATABASE_URL_TEMPLATE"):
        pytest.skip("needs the test stack: run `make test` (it starts the suite's databases)")
    admin = FLOW.database_url("postgres", driver="postgresql").rsplit("/", 1)[0] + "/postgres"
    run(sql(admin, f'DROP DATABASE IF EXISTS "{SCRATCH}"'))
    run(sql(admin, f'CREATE DATABASE "{SCRATCH}"'))
    try:
        yield FLOW.database_url("postgres").rsplit("/", 1)[0] + f"/{SCRATCH}"
    finally:
        run(sql(admin, f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))


def pending_revision(service: str, url: str) -> tuple[str, str]:
    """The revision that brought in the outbox's pending rows, and the one before it."""
    script = ScriptDirectory.from_config(alembic_config(ROOT / "services" / service, url))
    for revision in script.walk_revisions():
        if (revision.doc or "").startswith("outbox pending rows"):
            assert isinstance(revision.down_revision, str)
            return revision.revision, revision.down_revision
    raise AssertionError(f"{service} has no outbox pending migration")


@pytest.mark.parametrize("service", SERVICES)
def test_each_services_migrations_build_what_its_models_describe(
    service: str, scratch: str
) -> None:
    command.upgrade(alembic_config(ROOT / "services" / service, scratch), "heads")
    check(ROOT / "services" / service, scratch)  # raises on any difference


def test_the_outbox_moves_its_unsent_events_to_pending_rows_and_back_with_none_lost(
    scratch: str,
) -> None:
    service = "providers"
    config = alembic_config(ROOT / "services" / service, scratch)
    pending, before = pending_revision(service, scratch)
    command.upgrade(config, before)
    sent, unsent, failing = (uuid.uuid4() for _ in range(3))
    run(
        sql(
            scratch,
            "INSERT INTO outbox_message (event_id, topic, key, event_type, envelope, sent_at, "
            "attempts, last_error) SELECT e, 't.v1', k, 'nl.wmo.t.x.v1', '{}', s, a, r FROM "
            "unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[], $5::text[]) "
            "AS u(e, k, s, a, r)",
            [sent, unsent, failing],
            ["sleutel-1", "sleutel-2", "sleutel-3"],
            [datetime(2026, 12, 1, 10, tzinfo=UTC), None, None],
            [1, 0, 2],
            [None, None, "KafkaTimeoutError: no answer"],
        )
    )

    command.upgrade(config, pending)
    waiting = run(
        sql(
            scratch,
            "SELECT m.event_id, p.key_hash = (hashtext(m.key) & 2147483647) AS same_hash, "
            "p.attempts, p.last_error FROM outbox_pending p JOIN outbox_message m USING (id) "
            "ORDER BY p.id",
        )
    )
    assert [tuple(row) for row in waiting] == [
        (unsent, True, 0, None),
        (failing, True, 2, "KafkaTimeoutError: no answer"),
    ]
    with pytest.raises(asyncpg.RestrictViolationError, match="is not sent yet"):
        run(sql(scratch, "DELETE FROM outbox_message WHERE event_id = $1", unsent))

    command.downgrade(config, before)
    rows = run(
        sql(
            scratch,
            "SELECT event_id, sent_at IS NOT NULL AS sent, attempts, last_error "
            "FROM outbox_message ORDER BY id",
        )
    )
    assert [tuple(row) for row in rows] == [
        (sent, True, 0, None),
        (unsent, False, 0, None),
        (failing, False, 2, "KafkaTimeoutError: no answer"),
    ]
