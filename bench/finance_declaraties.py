"""Benchmark: judging a monthly run of Wmo323 declaratie lines (finance's `judge_declaratie`)
against the bare PostgreSQL cost of reading and writing the same rows.

The run: BENCH_AANBIEDERS aanbieders (default 100), each holding 50 toewijzingen (5,000 in all)
under its own contract, each sending one declaratie with 20 lines per toewijzing (20 months of
care, 1,000 lines; 100,000 lines in all); 2 % of the lines carry a wrong tarief (0611).

- **Judged**: `wmo_finance.declaraties.service.judge_declaratie` called directly, one declaratie per
  transaction, as the consumer would (lock, every rule, rows, payment batch, outbox event).
- **Bare PostgreSQL**: the same declaraties as raw asyncpg: one SELECT of the aanbieder's
  toewijzingen and tarieven, then INSERT of the declaratie and its lines, one transaction each.

Both paths run in this one process after `freeze_startup_objects()`, as a service's lifespan
does: the 100,000 event lines the bench holds for both (a consumer holds one message) would
otherwise be traversed by every full collection of the judged path (six of them, 4.4 s of a
loaded run), which the bare path hardly triggers.
Wall seconds and this process's CPU seconds are both printed: on a loaded machine the CPU is
the steadier figure (the database's own CPU is in neither).

Needs the test stack (`WMO_TEST_DATABASE_URL_TEMPLATE`); uses its own database
`wmo_test_bench_finance`, created and migrated here. Prints a markdown table.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
import uuid
from datetime import date
from pathlib import Path

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from wmo_common.db import create_engine, create_sessionmaker
from wmo_common.events.common import Product
from wmo_common.events.gateway import DeclaratieOntvangen, Prestatie
from wmo_common.migrations import upgrade
from wmo_common.runtime import freeze_startup_objects
from wmo_finance.declaraties.models import Prestatie as PrestatieRij
from wmo_finance.declaraties.service import judge_declaratie
from wmo_finance.leesmodellen.contracten.models import Contract, ContractTarief
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing
from wmo_finance.settings import Settings
from wmo_testing.harness import truncate_all

AANBIEDERS = int(os.environ.get("BENCH_AANBIEDERS", "100"))
TOEWIJZINGEN_PER_AANBIEDER = 50
MAANDEN = 20  # lines per toewijzing: January 2024 to August 2025
TARIEF = 6543
# Issue 22: judging costs at most this many times the bare read and write of the same rows.
AIM = 3.0
PRODUCT = Product(categorie="02", code="02A08")
SERVICE_DIR = Path(__file__).resolve().parents[1] / "services" / "finance"
DATABASE_URL = os.environ["WMO_TEST_DATABASE_URL_TEMPLATE"].format(service="bench_finance")
DATABASE_NAME = DATABASE_URL.rsplit("/", 1)[1]


def month(index: int) -> tuple[date, date]:
    year, month0 = divmod(index, 12)
    begin = date(2024 + year, month0 + 1, 1)
    next_year, next_month0 = divmod(index + 1, 12)
    return begin, date.fromordinal(date(2024 + next_year, next_month0 + 1, 1).toordinal() - 1)


def agb(index: int) -> str:
    return f"{10_000_000 + index:08d}"


def pseudonym(aanbieder: int, toewijzing: int) -> str:
    return hashlib.sha256(f"{aanbieder}:{toewijzing}".encode()).hexdigest()


def declaratie(aanbieder: int) -> DeclaratieOntvangen:
    prestaties = []
    for t in range(TOEWIJZINGEN_PER_AANBIEDER):
        for m in range(MAANDEN):
            begin, end = month(m)
            wrong = (t * MAANDEN + m) % 50 == 0  # 2 % of the lines
            tarief = TARIEF + 1 if wrong else TARIEF
            prestaties.append(
                Prestatie(
                    referentie=f"R{t:03d}{m:02d}",
                    toewijzingnummer=f"T{t:07d}",
                    client_pseudonym=pseudonym(aanbieder, t),
                    product=PRODUCT,
                    begindatum=begin,
                    einddatum=end,
                    geleverd_volume=12,
                    eenheid="04",
                    product_tarief_cents=tarief,
                    ingediend_bedrag_cents=12 * tarief,
                    debet_credit="D",
                )
            )
    return DeclaratieOntvangen(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"B{aanbieder}",
        aanbieder_agb=agb(aanbieder),
        gemeentecode="0855",
        declaratienummer=f"D{aanbieder}",
        declaratiedatum=date(2025, 9, 1),
        periode_begin=date(2025, 8, 1),
        periode_eind=date(2025, 8, 31),
        totaal_bedrag_cents=sum(p.ingediend_bedrag_cents for p in prestaties),
        prestaties=prestaties,
    )


async def ensure_database() -> None:
    admin = await asyncpg.connect(
        DATABASE_URL.replace("+asyncpg", "").rsplit("/", 1)[0] + "/postgres"
    )
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE_NAME):
            await admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        await admin.close()


async def seed(maker: async_sessionmaker[AsyncSession]) -> None:
    """Contracts with the tarief and the toewijzingen, as finance's read models hold them."""
    segment_id = uuid.uuid4()
    async with maker() as session, session.begin():
        for a in range(AANBIEDERS):
            contract = Contract(
                id=uuid.uuid4(),
                contractnummer=f"C{a}",
                segment_id=segment_id,
                hoofdaannemer_agb=agb(a),
                gebieden=[],
                ingangsdatum=date(2024, 1, 1),
                einddatum=date(2027, 12, 31),
                bekostigingsmodel="inspanningsgericht",
                is_beeindigd=False,
            )
            session.add(contract)
            session.add(
                ContractTarief(
                    contract_id=contract.id,
                    categorie=PRODUCT.categorie,
                    code=PRODUCT.code,
                    eenheid="04",
                    bedrag_cents=TARIEF,
                    geldig_vanaf=date(2024, 1, 1),
                )
            )
            for t in range(TOEWIJZINGEN_PER_AANBIEDER):
                session.add(
                    Toewijzing(
                        id=uuid.uuid4(),
                        toewijzingnummer=f"T{t:07d}",
                        gemeentecode="0855",
                        aanbieder_agb=agb(a),
                        client_pseudonym=pseudonym(a, t),
                        categorie=PRODUCT.categorie,
                        code=PRODUCT.code,
                        ingangsdatum=date(2024, 1, 1),
                        einddatum=date(2025, 12, 31),
                        volume=3,
                        eenheid="04",
                        frequentie="2",
                        segment_id=segment_id,
                        toewijzingsdatum=date(2023, 12, 1),
                    )
                )


async def bare(berichten: list[DeclaratieOntvangen]) -> tuple[float, float]:
    """Read what judging reads and write what it writes, in plain SQL, one transaction each."""
    connection = await asyncpg.connect(DATABASE_URL.replace("+asyncpg", ""))
    started, cpu = time.perf_counter(), time.process_time()
    for bericht in berichten:
        async with connection.transaction():
            await connection.fetch(
                "SELECT * FROM toewijzing WHERE aanbieder_agb = $1 AND gemeentecode = $2",
                bericht.aanbieder_agb,
                bericht.gemeentecode,
            )
            await connection.fetch(
                "SELECT t.* FROM contract_tarief t JOIN contract c ON c.id = t.contract_id "
                "WHERE c.hoofdaannemer_agb = $1",
                bericht.aanbieder_agb,
            )
            declaratie_id = uuid.uuid4()
            await connection.execute(
                "INSERT INTO declaratie (id, bericht_id, berichtidentificatie, declaratienummer,"
                " aanbieder_agb, gemeentecode, declaratiedatum, periode_begin, periode_eind,"
                " totaal_ingediend_cents, totaal_toegekend_cents, retourcode, beoordeeld_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, '0200', now())",
                declaratie_id,
                uuid.uuid4(),
                bericht.berichtidentificatie,
                bericht.declaratienummer + "-bare",
                bericht.aanbieder_agb,
                bericht.gemeentecode,
                bericht.declaratiedatum,
                bericht.periode_begin,
                bericht.periode_eind,
                bericht.totaal_bedrag_cents,
            )
            await connection.executemany(
                "INSERT INTO prestatie (id, declaratie_id, volgnummer, aanbieder_agb, referentie,"
                " toewijzingnummer, client_pseudonym, categorie, code, begindatum, einddatum,"
                " geleverd_volume, eenheid, product_tarief_cents, ingediend_bedrag_cents,"
                " debet_credit, is_beoordeeld, is_goedgekeurd, retourcodes,"
                " toegekend_bedrag_cents, is_gecrediteerd)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                " $16, true, true, '{}', $15, false)",
                [
                    (
                        uuid.uuid4(),
                        declaratie_id,
                        index,
                        bericht.aanbieder_agb,
                        p.referentie,
                        p.toewijzingnummer,
                        p.client_pseudonym,
                        p.product.categorie,
                        p.product.code,
                        p.begindatum,
                        p.einddatum,
                        p.geleverd_volume,
                        p.eenheid,
                        p.product_tarief_cents,
                        p.ingediend_bedrag_cents,
                        p.debet_credit,
                    )
                    for index, p in enumerate(bericht.prestaties)
                ],
            )
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    await connection.execute("TRUNCATE declaratie CASCADE")
    await connection.close()
    return elapsed, cpu


async def judged(
    maker: async_sessionmaker[AsyncSession], berichten: list[DeclaratieOntvangen]
) -> tuple[float, float, int]:
    started, cpu = time.perf_counter(), time.process_time()
    for bericht in berichten:
        async with maker() as session, session.begin():
            await judge_declaratie(session, bericht)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    async with maker() as session:
        approved = await session.scalar(
            select(func.count()).where(PrestatieRij.is_goedgekeurd.is_(True))
        )
    return elapsed, cpu, int(approved or 0)


async def main() -> None:
    await ensure_database()
    await asyncio.to_thread(upgrade, SERVICE_DIR, DATABASE_URL)
    engine = create_engine(DATABASE_URL)
    maker = create_sessionmaker(engine, Settings(database_url=DATABASE_URL).source)
    await truncate_all(maker)
    await seed(maker)
    berichten = [declaratie(a) for a in range(AANBIEDERS)]
    lines = sum(len(b.prestaties) for b in berichten)
    freeze_startup_objects()

    bare_seconds, bare_cpu = await bare(berichten)
    judged_seconds, judged_cpu, approved = await judged(maker, berichten)
    await engine.dispose()

    toewijzingen = AANBIEDERS * TOEWIJZINGEN_PER_AANBIEDER
    print(  # noqa: T201
        f"### Declaraties ({lines:,} lines, {toewijzingen:,} toewijzingen, "
        f"{AANBIEDERS} declaraties of {lines // AANBIEDERS:,} lines; {approved:,} approved)\n"
    )
    print("| path | seconds | lines/s | x bare | aim | CPU s (bench process) |")  # noqa: T201
    print("|---|---:|---:|---:|---:|---:|")  # noqa: T201
    print(  # noqa: T201
        f"| bare PostgreSQL: read + write the same rows | {bare_seconds:,.1f} | "
        f"{lines / bare_seconds:,.0f} | 1.0 | | {bare_cpu:,.1f} |"
    )
    print(  # noqa: T201
        f"| judged (`judge_declaratie`, every rule) | {judged_seconds:,.1f} | "
        f"{lines / judged_seconds:,.0f} | {judged_seconds / bare_seconds:,.1f} | <= {AIM}x | "
        f"{judged_cpu:,.1f} |"
    )


if __name__ == "__main__":
    asyncio.run(main())
