"""Benchmark: creating and reading toewijzingen through the real access API, against a bare
FastAPI + asyncpg app doing one INSERT and one SELECT (the framework ceiling), in the same run.

- **Ceiling**: a tiny FastAPI app defined here: `POST /api/v1/toewijzingen` validates the same
  body and does one asyncpg INSERT, `GET /api/v1/toewijzingen/{id}` does one SELECT; a pool of
  at most 15 connections, kept open once made, as the service's pool keeps 15
  (`DATABASE_POOL_SIZE`; SQLAlchemy opens up to 10 more while busy and closes those on return).
- **Access**: the real app (`wmo_access.main:app_from_env`, the deployment entry point) with a
  consultant's bearer token: every rule of `create_toewijzing` (indicatie, client, contract,
  signalering, capacity, pgb), the toewijzingnummer, the outbox event and the audit record; the
  read checks the token's role and writes its audit record too.

Both are served by uvicorn in a subprocess on a free localhost port (one worker each), so the
load generator does not share their event loop. BENCH_TOEWIJZINGEN requests (default 2,000) of
each kind are sent over real HTTP with httpx, at most BENCH_CONCURRENCY (default 16) in flight,
after a warm-up; latency is per request, seen by the client.

Preconditions come from the service's own code, in-process: the segment and contract through
the contract read model's event handlers, and one client with an afgegeven beschikking (one
indicatie) per toewijzing through the clienten and beschikkingen services.

The app under test runs with its consumers disabled and its Kafka producer pointed at a closed
port: the test stack's broker is shared, and the service's consumer groups (`access.*`) or the
thousands of toewijzingen and beschikkingen it announces would reach the consumers of other
running test suites. The events are still queued in the outbox in the request's transaction,
which is the cost of a request; the relay's publishing is measured by bench/events.py.

Needs the test stack (`WMO_TEST_DATABASE_URL_TEMPLATE`); uses its own database
`wmo_test_bench_access`, created and migrated here. Prints a markdown table.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI, HTTPException, Request, status
from pydantic import Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_access import reacties
from wmo_access.beschikkingen import service as beschikkingen
from wmo_access.beschikkingen.schemas import IndicatieCreate
from wmo_access.clienten import service as clienten
from wmo_access.clienten.schemas import ClientCreate
from wmo_access.settings import Settings
from wmo_access.toewijzingen.models import Toewijzing
from wmo_common.auth import Principal, Role, mint_token
from wmo_common.calendar import today
from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.access import ToewijzingAfgegeven
from wmo_common.events.consumer import HandlerContext
from wmo_common.events.contracting import ContractGeactiveerd, VerwervingsstrategieGepubliceerd
from wmo_common.events.outbox import OutboxMessage
from wmo_common.migrations import upgrade
from wmo_common.schema import CamelModel
from wmo_testing.harness import truncate_all
from wmo_testing.nummers import bsns
from wmo_testing.serving import Server, free_port, serving

REQUESTS = int(os.environ.get("BENCH_TOEWIJZINGEN", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WARMUP = 100
# Issue 22: server CPU per request at most this many times the ceiling's, at least this share
# of its requests/s.
AIM_CPU = 4
AIM_RATE = 0.5
SEED_WORKERS = 4  # concurrent sessions preparing clients and beschikkingen
ROOT = Path(__file__).resolve().parents[1]
APP_DIR = Path(__file__).parent
DATABASE_URL = os.environ["WMO_TEST_DATABASE_URL_TEMPLATE"].format(service="bench_access")
DATABASE_NAME = DATABASE_URL.rsplit("/", 1)[1]
ASYNCPG_URL = DATABASE_URL.replace("+asyncpg", "")
CONTRACTING = "urn:nld:oin:00000001234567890000:systeem:contracting"
PATH = "/api/v1/toewijzingen"
AGB = "12345678"
PRODUCT = {"categorie": "02", "code": "02A01"}
GEBIED = "Tilburg"


class CeilingCreate(CamelModel):
    indicatie_id: uuid.UUID
    aanbieder_agb: str = Field(pattern=r"^\d{8}$")


class CeilingRead(CamelModel):
    id: uuid.UUID
    indicatie_id: uuid.UUID
    aanbieder_agb: str


def ceiling_app() -> FastAPI:
    """The framework ceiling: the same body in and out, one statement per request."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(ASYNCPG_URL, min_size=5, max_size=15)
        yield
        await app.state.pool.close()

    app = FastAPI(lifespan=lifespan)

    @app.get("/health/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.post(PATH, status_code=status.HTTP_201_CREATED)
    async def create(body: CeilingCreate, request: Request) -> CeilingRead:
        row_id = uuid.uuid4()
        await request.app.state.pool.execute(
            "INSERT INTO bench_ceiling_toewijzing (id, indicatie_id, aanbieder_agb)"
            " VALUES ($1, $2, $3)",
            row_id,
            body.indicatie_id,
            body.aanbieder_agb,
        )
        return CeilingRead(
            id=row_id, indicatie_id=body.indicatie_id, aanbieder_agb=body.aanbieder_agb
        )

    @app.get(PATH + "/{row_id}")
    async def read(row_id: uuid.UUID, request: Request) -> CeilingRead:
        row = await request.app.state.pool.fetchrow(
            "SELECT id, indicatie_id, aanbieder_agb FROM bench_ceiling_toewijzing WHERE id = $1",
            row_id,
        )
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND)
        return CeilingRead(
            id=row["id"], indicatie_id=row["indicatie_id"], aanbieder_agb=row["aanbieder_agb"]
        )

    return app


async def ensure_database() -> None:
    admin = await asyncpg.connect(ASYNCPG_URL.rsplit("/", 1)[0] + "/postgres")
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE_NAME):
            await admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        await admin.close()


async def seed_market(maker: async_sessionmaker[AsyncSession], settings: Settings) -> uuid.UUID:
    """One segment (indications of at most 12 months) and one contract for AGB in Tilburg,
    applied by the handlers the contracten consumer calls (wmo_access.reacties)."""
    segment_id = uuid.uuid4()
    strategie = VerwervingsstrategieGepubliceerd.model_validate(
        {
            "verwervingsstrategie_id": uuid.uuid4(),
            "segment_id": segment_id,
            "segment_naam": "Begeleiding",
            "wet": "wmo",
            "versie": 1,
            "gebieden": [GEBIED],
            "toegang": {"max_indicatie_maanden": 12},
            "bekostiging": {"model": "inspanningsgericht"},
            "leveranciersbeleid": "beperkt",
        }
    )
    contract = ContractGeactiveerd.model_validate(
        {
            "contract_id": uuid.uuid4(),
            "contractnummer": "BENCH-01",
            "segment_id": segment_id,
            "partijen": [{"aanbieder_agb": AGB, "rol": "hoofdaannemer"}],
            "gebieden": [GEBIED],
            "tarieven": [
                {
                    "product": PRODUCT,
                    "eenheid": "04",
                    "bedrag_cents": 6500,
                    "geldig_vanaf": today() - timedelta(days=30),
                }
            ],
            "bekostiging": {"model": "inspanningsgericht"},
            "ingangsdatum": today() - timedelta(days=30),
            "einddatum": today() + timedelta(days=3 * 365),
        }
    )
    async with maker() as session, session.begin():
        await reacties.on_verwervingsstrategie_gepubliceerd(
            session, strategie, HandlerContext(strategie.to_envelope(CONTRACTING), settings)
        )
        await reacties.on_contract_geactiveerd(
            session, contract, HandlerContext(contract.to_envelope(CONTRACTING), settings)
        )
    return segment_id


async def seed_indicaties(
    maker: async_sessionmaker[AsyncSession], settings: Settings, segment_id: uuid.UUID, count: int
) -> list[uuid.UUID]:
    """`count` clients, each with an afgegeven beschikking of one indicatie in natura."""
    actor = Principal(subject="bench", roles=frozenset({Role.CONSULTANT}))
    start = today() + timedelta(days=7)
    indicatie = IndicatieCreate.model_validate(
        {
            "segmentId": segment_id,
            "product": PRODUCT,
            "omvang": {"volume": 4, "eenheid": "04", "frequentie": "2"},
            "ingangsdatum": start,
            "einddatum": start + timedelta(days=180),
            "leveringsvorm": "zin",
        }
    )
    numbers = bsns(100_000_000)
    bodies = [
        ClientCreate.model_validate(
            {
                "bsn": next(numbers),
                "voornamen": "Johanna Maria",
                "achternaam": "de Vries",
                "geboortedatum": "1948-03-12",
                "geslacht": "2",
                "gemeentecode": "0855",
                "gebied": GEBIED,
                "adres": {"huisnummer": 12, "postcode": "5038AB", "plaatsnaam": GEBIED},
            }
        )
        for _ in range(count)
    ]
    indicatie_ids: list[uuid.UUID] = []

    async def prepare(part: list[ClientCreate]) -> None:
        async with maker() as session, session.begin():
            for body in part:
                client = await clienten.register_client(
                    session, body, pseudonym_key=settings.pseudonym_key, actor=actor
                )
                beschikking, rows = await beschikkingen.add_beschikking(
                    session,
                    client=client,
                    aanvraag_id=None,
                    vervangt_id=None,
                    indicaties=[indicatie],
                )
                await beschikkingen.issue_beschikking(
                    session, beschikking.id, None, versie=beschikking.versie, actor=actor
                )
                indicatie_ids.extend(row.id for row in rows)

    await asyncio.gather(*(prepare(bodies[i::SEED_WORKERS]) for i in range(SEED_WORKERS)))
    return indicatie_ids


@dataclass
class Measured:
    seconds: float
    latencies: list[float]
    server_cpu: float  # seconds of CPU the server process used
    client_cpu: float  # seconds of CPU this process (the load generator) used
    bodies: list[dict[str, Any]]

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def quantile(self, q: float) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q * 100) - 1]


Send = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


async def measure(server: Server, count: int, send: Send, expected: int) -> Measured:
    """`count` requests, `send(client, i)` for i in order, CONCURRENCY of them in flight."""
    latencies: list[float] = []
    bodies: list[dict[str, Any]] = [{} for _ in range(count)]
    indexes = iter(range(count))
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            for i in indexes:
                started = time.perf_counter()
                response = await send(client, i)
                latencies.append(time.perf_counter() - started)
                if response.status_code != expected:
                    raise RuntimeError(f"{response.status_code}: {response.text}")
                bodies[i] = response.json()

        server_before = server.process.cpu_times()
        client_before = time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        seconds = time.perf_counter() - started
        client_cpu = time.process_time() - client_before
        server_after = server.process.cpu_times()
    server_cpu = (server_after.user + server_after.system) - (
        server_before.user + server_before.system
    )
    return Measured(seconds, latencies, server_cpu, client_cpu, bodies)


@dataclass
class Result:
    create: Measured
    read: Measured


async def run(server: Server, indicatie_ids: list[uuid.UUID], headers: dict[str, str]) -> Result:
    """Warm up, then create one toewijzing per indicatie and read each one back."""

    def creating(ids: list[uuid.UUID]) -> Send:
        async def send(client: httpx.AsyncClient, i: int) -> httpx.Response:
            body = {"indicatieId": str(ids[i]), "aanbiederAgb": AGB}
            return await client.post(PATH, json=body, headers=headers)

        return send

    def reading(created: Measured) -> Send:
        async def send(client: httpx.AsyncClient, i: int) -> httpx.Response:
            return await client.get(f"{PATH}/{created.bodies[i]['id']}", headers=headers)

        return send

    warm = await measure(server, WARMUP, creating(indicatie_ids[:WARMUP]), 201)
    await measure(server, WARMUP, reading(warm), 200)
    create = await measure(server, REQUESTS, creating(indicatie_ids[WARMUP:]), 201)
    read = await measure(server, REQUESTS, reading(create), 200)
    return Result(create, read)


def row(path: str, measured: Measured, ceiling: Measured) -> str:
    count = len(measured.latencies)
    return (
        f"| {path} | {measured.rate:,.0f} | {measured.quantile(0.5) * 1000:,.1f} ms | "
        f"{measured.quantile(0.99) * 1000:,.1f} ms | {measured.rate / ceiling.rate:.0%} | "
        f"{measured.server_cpu / count * 1000:,.2f} ms | "
        f"{measured.client_cpu / count * 1000:,.2f} ms |"
    )


async def main() -> None:
    await ensure_database()
    await asyncio.to_thread(upgrade, ROOT / "services" / "access", DATABASE_URL)
    settings = Settings(database_url=DATABASE_URL, environment="test")
    engine = create_engine(DATABASE_URL)
    maker = create_sessionmaker(engine, settings.source)
    await truncate_all(maker)
    connection = await asyncpg.connect(ASYNCPG_URL)
    await connection.execute(
        "CREATE TABLE IF NOT EXISTS bench_ceiling_toewijzing (id uuid PRIMARY KEY, "
        "indicatie_id uuid NOT NULL, aanbieder_agb varchar(8) NOT NULL, "
        "created_at timestamptz NOT NULL DEFAULT now())"
    )
    await connection.execute("TRUNCATE bench_ceiling_toewijzing")

    seeding = time.perf_counter()
    segment_id = await seed_market(maker, settings)
    indicatie_ids = await seed_indicaties(maker, settings, segment_id, WARMUP + REQUESTS)
    # Statistics for the tables just filled, as a database in use has them: with the empty
    # tables' statistics PostgreSQL may keep a generic plan for the facts statement that reads
    # thousands of rows per request (seen: every backend busy, 25 % of the requests/s).
    await connection.execute("ANALYZE")
    seeded = time.perf_counter() - seeding
    token = mint_token(settings, subject="bench-consultant", roles=[Role.CONSULTANT.value])
    headers = {"Authorization": f"Bearer {token}"}

    app_env = {
        "DATABASE_URL": DATABASE_URL,
        "ENVIRONMENT": "test",
        "CONSUMERS_ENABLED": "false",
        # A port nobody listens on: see the module docstring.
        "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
    }
    with tempfile.TemporaryFile() as log:
        async with serving("access_toewijzingen:ceiling_app", {}, log, APP_DIR) as server:
            ceiling = await run(server, indicatie_ids, {})
        async with serving("wmo_access.main:app_from_env", app_env, log, APP_DIR) as server:
            access = await run(server, indicatie_ids, headers)

    async with maker() as session:
        created = await session.scalar(select(func.count()).select_from(Toewijzing))
        queued = await session.scalar(
            select(func.count()).where(OutboxMessage.event_type == ToewijzingAfgegeven.event_type)
        )
    await connection.execute("DROP TABLE bench_ceiling_toewijzing")
    await connection.close()
    await engine.dispose()

    print(  # noqa: T201
        f"### Toewijzingen ({REQUESTS:,} of each request after {WARMUP} warm-up, "
        f"{CONCURRENCY} in flight, {os.cpu_count()} cores; {created:,} toewijzingen created, "
        f"{queued:,} toewijzing-afgegeven queued; {seeded:,.0f} s to prepare)\n"
    )
    print(  # noqa: T201
        "| path | requests/s | p50 latency | p99 latency | x ceiling "
        "| server CPU per request | client CPU per request |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")  # noqa: T201
    print(row("ceiling: POST, one INSERT", ceiling.create, ceiling.create))  # noqa: T201
    print(row("ceiling: GET, one SELECT", ceiling.read, ceiling.read))  # noqa: T201
    print(row(f"access: POST {PATH}", access.create, ceiling.create))  # noqa: T201
    print(row(f"access: GET {PATH}/{{id}}", access.read, ceiling.read))  # noqa: T201
    # Both served the same number of requests: the CPU totals compare per request.
    print(  # noqa: T201
        f"\nPer request the access app's process uses "
        f"{access.create.server_cpu / ceiling.create.server_cpu:,.1f}x the ceiling's CPU to create "
        f"and {access.read.server_cpu / ceiling.read.server_cpu:,.1f}x to read (aim: at most "
        f"{AIM_CPU}x, and at least {AIM_RATE:.0%} of the ceiling's requests/s)."
    )
    if ceiling.read.client_cpu > ceiling.read.server_cpu:
        print(  # noqa: T201
            "The load generator (httpx) spends more CPU per request than the ceiling server: the "
            "ceiling's requests/s are its limit, so the x-ceiling ratios flatter the app."
        )


if __name__ == "__main__":
    asyncio.run(main())
