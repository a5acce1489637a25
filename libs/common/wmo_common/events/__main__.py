"""Event tooling for developers and operations.

python -m wmo_common.events schemas [FOLDER]   regenerate the JSON Schemas and AsyncAPI
python -m wmo_common.events topics             create every topic and its DLQ (idempotent)
python -m wmo_common.events dlq-replay TOPIC   re-publish TOPIC's dead letters
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import wmo_common.events  # noqa: F401 - registers the catalogue
from wmo_common.events.dlq import replay
from wmo_common.events.kafka import ensure_topics
from wmo_common.events.registry import topics, write_documents
from wmo_common.settings import CommonSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wmo_common.events")
    commands = parser.add_subparsers(dest="command", required=True)
    schemas = commands.add_parser("schemas", help="write docs/events/*.json and docs/asyncapi.json")
    schemas.add_argument("folder", nargs="?", default="docs/events", type=Path)
    commands.add_parser("topics", help="create every catalogue topic and its dead-letter topic")
    dlq = commands.add_parser("dlq-replay", help="re-publish a topic's dead letters")
    dlq.add_argument("topic")
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
    count = asyncio.run(replay(settings.kafka_bootstrap_servers, args.topic))
    sys.stdout.write(f"{count} dead letter(s) of {args.topic} replayed\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
