"""Alembic, one way for every service: the async env.py body and a programmatic upgrade."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

import wmo_common.audit
import wmo_common.events.inbox
import wmo_common.events.outbox
import wmo_common.scheduling  # noqa: F401 - registers the shared tables on wmo_common.db.Base
from wmo_common.db import Base


def service_metadata(own: MetaData) -> Sequence[MetaData]:
    """What a service's history targets: its own tables plus outbox, inbox and audit."""
    return [Base.metadata, own]


def run_env(own: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    # A programmatic upgrade names its database; on the command line DATABASE_URL beats the ini.
    url = (
        context.config.attributes.get("database_url")
        or os.environ.get("DATABASE_URL")
        or context.config.get_main_option("sqlalchemy.url")
    )
    if url is None:
        raise RuntimeError("no database URL: set DATABASE_URL")
    metadata = service_metadata(own)

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(run_async())


def alembic_config(service_dir: Path, database_url: str) -> Config:
    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def upgrade(service_dir: Path, database_url: str) -> None:
    """`alembic upgrade heads` for one service (runs its own event loop: call from sync code)."""
    command.upgrade(alembic_config(service_dir, database_url), "heads")


def check(service_dir: Path, database_url: str) -> None:
    """`alembic check`: raises when the models and the migrations have drifted apart."""
    command.check(alembic_config(service_dir, database_url))
