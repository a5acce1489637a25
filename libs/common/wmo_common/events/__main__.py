"""Event tooling for developers and operations.

python -m wmo_common.events schemas [FOLDER]   regenerate the JSON Schemas and AsyncAPI
python -m wmo_common.events topics             create every topic and its DLQ (idempotent)
python -m wmo_common.events dlq-replay URL     let that service re-apply its open dead letters
                                               (each by the consumer group that failed)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

import wmo_common.events  # noqa: F401 - registers the catalogue
from wmo_common.auth import mint_token
from wmo_common.events.kafka import ensure_topics
from wmo_common.events.registry import topics, write_documents
from wmo_common.settings import CommonSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmo_common.events")
    commands = parser.add_subparsers(dest="command", required=True)
    schemas = commands.add_parser("schemas", help="write docs/events/*.json and docs/asyncapi.json")
    schemas.add_argument("folder", nargs="?", default="docs/events", type=Path)
    commands.add_parser("topics", help="create every catalogue topic and its dead-letter topic")
    dlq = commands.add_parser(
        "dlq-replay", help="let a service re-apply its open dead letters (operations API)"
    )
    dlq.add_argument("url", help="the service, e.g. http://127.0.0.1:8005")
    dlq.add_argument("--dlq-id", help="only this dead letter")
    dlq.add_argument(
        "--token", help="an operations token (default: a development token, refused in production)"
    )
    args = parser.parse_args(argv)
    if args.command == "schemas":
        for path in write_documents(args.folder):
            sys.stdout.write(f"{path}\n")
        return 0
    settings = CommonSettings()
    if args.command == "topics":
        created = asyncio.run(
            ensure_topics(
                settings.kafka_bootstrap_servers,
                topics(),
                partitions=settings.kafka_partitions,
                replication_factor=settings.kafka_replication_factor,
            )
        )
        sys.stdout.write(f"{len(created)} topic(s) created\n")
        return 0
    token = args.token or mint_token(settings, subject="dlq-replay", roles=["operations"])
    response = httpx.post(
        f"{args.url.rstrip('/')}/api/v1/operations/dead-letters/_replay",
        json={"dlqId": args.dlq_id} if args.dlq_id else {},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    sys.stdout.write(f"{response.status_code} {response.text}\n")
    return 0 if response.is_success else 1


if __name__ == "__main__":
    raise SystemExit(main())
