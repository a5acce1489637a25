import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.auth import mint_token
from wmo_common.events import outbox
from wmo_common.events.consumer import Handler, HandlerContext
from wmo_common.events.registry import Event
from wmo_common.http import create_service_app
from wmo_common.runtime import ConsumerSpec
from wmo_common.scheduling import recorded_run
from wmo_common.settings import CommonSettings
from wmo_testing.events import (
    SOURCE,
    Proef,
    count_effects,
    proef_settings,
    read_all,
    recording_handler,
    running_consumer,
    running_producer,
)
from wmo_testing.harness import eventually

GROUP = "proef.proef"


@pytest.fixture
async def app(proef_type: type[Proef]) -> AsyncIterator[FastAPI]:
    # The app reports on the group; the test runs (and stops) the group's consumer itself.
    settings = proef_settings(
        consumers_enabled=False,
    )
    application = create_service_app(
        settings,
        title="proef",
        description="proef",
        routers=[],
        consumers=[ConsumerSpec(purpose="proef", topics=[proef_type.topic])],
    )
    async with application.router.lifespan_context(application):
        await application.state.runtime.wait_ready()
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    token = mint_token(CommonSettings(), subject="ops", roles=["operations"])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {token}"},
    ) as client:
        yield client


async def produce(proef_type: type[Proef], count: int) -> None:
    async with running_producer() as producer:
        for volgnummer in range(count):
            event = proef_type(proef_id=uuid.uuid4(), volgnummer=volgnummer)
            await producer.send_and_wait(
                proef_type.topic,
                event.to_envelope(SOURCE).to_bytes(),
                key=str(event.proef_id).encode(),
            )


async def total_lag(client: httpx.AsyncClient) -> int:
    status = (await client.get("/api/v1/operations/status")).json()
    [consumer] = status["consumers"]
    return int(consumer["lag"])


async def test_lag_grows_while_a_consumer_is_stopped_and_drains_after_it_restarts(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    proef_type: type[Proef],
) -> None:
    await produce(proef_type, 7)
    assert await total_lag(client) == 7
    metrics = (await client.get("/metrics")).text
    assert f'wmo_consumer_lag{{consumer="{GROUP}",partition=' in metrics

    async with (
        running_producer() as producer,
        running_consumer(
            sessionmaker,
            proef_type.topic,
            {proef_type: recording_handler(GROUP)},
            producer,
            name=GROUP,
        ),
    ):

        async def drained() -> bool:
            return await total_lag(client) == 0

        await eventually(drained)
    assert await count_effects(sessionmaker, GROUP) == 7
    status = (await client.get("/api/v1/operations/status")).json()
    assert status["consumers"][0]["inboxSize"] == 7
    assert status["outbox"]["backlog"] == 0


@contextlib.asynccontextmanager
async def service_with_consumer(
    topic: str, handlers: dict[type[Event], Handler]
) -> AsyncIterator[httpx.AsyncClient]:
    """A service whose own runtime runs the group `proef.proef`, as every service does."""
    settings = proef_settings(
        consumer_max_attempts=2,
        consumer_backoff_seconds=0.01,
    )
    application = create_service_app(
        settings,
        title="proef",
        description="proef",
        routers=[],
        consumers=[ConsumerSpec(purpose="proef", topics=[topic], handlers=handlers)],
    )
    token = mint_token(CommonSettings(), subject="ops", roles=["operations"])
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application),
            base_url="http://testserver",
            headers={"Authorization": f"Bearer {token}"},
        ) as client,
    ):
        await application.state.runtime.wait_ready()
        yield client


async def test_a_replay_applies_a_dead_letter_once_by_the_failing_group_alone_and_closes_it(
    sessionmaker: async_sessionmaker[AsyncSession],
    proef_type: type[Proef],
) -> None:
    record = recording_handler(GROUP)
    broken = True

    async def flaky(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        if broken:
            raise RuntimeError("tariff table missing")
        await record(session, event, context)

    await produce(proef_type, 2)
    async with service_with_consumer(proef_type.topic, {proef_type: flaky}) as client:

        async def two_dead() -> list[dict[str, Any]] | None:
            letters = (await client.get("/api/v1/operations/dead-letters")).json()
            return letters if len(letters) == 2 else None

        letters = await eventually(two_dead)
        assert {d["error"] for d in letters} == {"RuntimeError: tariff table missing"}
        assert {d["status"] for d in letters} == {"open"}
        assert {d["attempts"] for d in letters} == {2}
        assert all(d["event"]["type"] == proef_type.event_type for d in letters)
        assert (await client.get("/api/v1/operations/status")).json()["deadLettersOpen"] == 2

        # Still broken: the letter fails again, stays open, and no second letter appears.
        failing = await client.post("/api/v1/operations/dead-letters/_replay", json={})
        assert failing.json()["replayed"] == 0
        assert len(failing.json()["failed"]) == 2
        assert len((await client.get("/api/v1/operations/dead-letters")).json()) == 2

        broken = False
        one = await client.post(
            "/api/v1/operations/dead-letters/_replay", json={"dlqId": letters[0]["dlqId"]}
        )
        assert one.json() == {"replayed": 1, "failed": []}
        assert await count_effects(sessionmaker, GROUP) == 1
        rest = await client.post("/api/v1/operations/dead-letters/_replay", json={})
        assert rest.json() == {"replayed": 1, "failed": []}
        letters = (await client.get("/api/v1/operations/dead-letters")).json()
        assert {d["status"] for d in letters} == {"opgelost"}
        assert (await client.get("/api/v1/operations/status")).json()["deadLettersOpen"] == 0
        again = await client.post("/api/v1/operations/dead-letters/_replay", json={})
        assert again.json() == {"replayed": 0, "failed": []}
    assert await count_effects(sessionmaker, GROUP) == 2
    # Nothing went back onto the shared topic: another group reads only the two originals.
    assert len(await read_all(proef_type.topic, expected=3, timeout=2)) == 2


async def test_an_operator_discards_a_poison_letter_with_a_reason_and_it_stays_discarded(
    sessionmaker: async_sessionmaker[AsyncSession],
    proef_type: type[Proef],
) -> None:
    async def poison(session: AsyncSession, event: Any, context: HandlerContext[Any]) -> None:
        raise RuntimeError("this event can never be applied")

    await produce(proef_type, 1)
    async with service_with_consumer(proef_type.topic, {proef_type: poison}) as client:

        async def one_dead() -> list[dict[str, Any]] | None:
            letters = (await client.get("/api/v1/operations/dead-letters")).json()
            return letters if len(letters) == 1 else None

        [letter] = await eventually(one_dead)
        discarded = await client.post(
            f"/api/v1/operations/dead-letters/{letter['dlqId']}/verwerpingen",
            json={"reden": "toewijzing bestaat niet meer"},
        )
        assert discarded.status_code == 201
        assert discarded.json()["status"] == "verworpen"
        status = (await client.get("/api/v1/operations/status")).json()
        assert status["deadLettersOpen"] == 0
        replay = await client.post("/api/v1/operations/dead-letters/_replay", json={})
        assert replay.json() == {"replayed": 0, "failed": []}
        [still] = (await client.get("/api/v1/operations/dead-letters")).json()
        assert still["status"] == "verworpen"
    async with sessionmaker() as session:
        resources = (
            (
                await session.execute(
                    text("SELECT resource FROM audit_record WHERE verwerkingsactiviteit = :a"),
                    {"a": "beheer-dead-letters"},
                )
            )
            .scalars()
            .all()
        )
    assert any("toewijzing bestaat niet meer" in str(r) for r in resources)


async def test_the_operations_api_needs_the_operations_role(client: httpx.AsyncClient) -> None:
    token = mint_token(CommonSettings(), subject="c", roles=["consultant"])
    response = await client.get(
        "/api/v1/operations/status", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 403


async def test_each_scheduler_run_is_listed_with_what_it_emitted(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    proef_type: type[Proef],
) -> None:
    for emitted in (2, 0):
        async with (
            sessionmaker() as session,
            session.begin(),
            recorded_run(session, "proefcontrole", date(2026, 11, 24)),
        ):
            for volgnummer in range(emitted):
                await outbox.add(session, proef_type(proef_id=uuid.uuid4(), volgnummer=volgnummer))
    status = (await client.get("/api/v1/operations/status")).json()
    runs = [r for r in status["schedulerRuns"] if r["scheduler"] == "proefcontrole"]
    assert [r["emitted"] for r in runs] == [0, 2]  # newest first
    assert runs[1]["eventTypes"] == {proef_type.event_type: 2}
    assert runs[1]["peildatum"] == "2026-11-24"


async def test_the_operations_status_answers_while_kafka_is_away_and_names_what_it_cannot_reach(
    proef_type: type[Proef],
) -> None:
    settings = proef_settings(
        kafka_bootstrap_servers="127.0.0.1:9",  # nothing listens: as during a broker outage
    )
    application = create_service_app(
        settings,
        title="proef",
        description="proef",
        routers=[],
        consumers=[ConsumerSpec(purpose="proef", topics=[proef_type.topic])],
    )
    token = mint_token(CommonSettings(), subject="ops", roles=["operations"])
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application),
            base_url="http://testserver",
            headers={"Authorization": f"Bearer {token}"},
        ) as client,
    ):
        response = await client.get("/api/v1/operations/status")
    assert response.status_code == 200
    status = response.json()
    assert status["onbereikbaar"] == ["kafka"]
    assert status["outbox"]["backlog"] == 0
    assert [c["name"] for c in status["consumers"]] == [GROUP]
