"""Serving an app in a process of its own for a benchmark: a free port, the process, and
waiting until it is live."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
import psutil


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    process: psutil.Process


@contextlib.asynccontextmanager
async def serving(
    target: str, env: dict[str, str], log: IO[bytes], app_dir: Path
) -> AsyncIterator[Server]:
    """`target` (a uvicorn factory found in `app_dir` or installed) in its own process, until it
    answers /health/live."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        target,
        "--factory",
        "--app-dir",
        str(app_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        cwd=app_dir,
        env={**os.environ, **env},
        stdout=log,
        stderr=asyncio.subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=url) as probe:
            deadline = time.monotonic() + 60
            while True:
                if process.returncode is not None:
                    raise RuntimeError(f"{target} exited:\n{output(log)}")
                with contextlib.suppress(httpx.TransportError):
                    if (await probe.get("/health/live")).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{target} did not start within 60 s:\n{output(log)}")
                await asyncio.sleep(0.1)
        yield Server(url, psutil.Process(process.pid))
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()


def output(log: IO[bytes]) -> str:
    """The last lines the servers wrote, for an error message."""
    log.seek(0)
    return "\n".join(log.read().decode(errors="replace").splitlines()[-30:])
