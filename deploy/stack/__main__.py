"""The command line of the local stack: `python -m deploy.stack run|test|up|down|...`."""

from __future__ import annotations

import argparse
import shutil

import deploy.stack
from deploy.stack.commands import (
    command_bench,
    command_openapi,
    command_run,
    command_test,
    infra_down,
    infra_up,
)
from deploy.stack.postgres import migrate
from deploy.stack.profiles import RUN, SERVICES, TEST


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.stack",
        description=deploy.stack.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command", choices=["run", "test", "up", "down", "reset", "migrate", "bench", "openapi"]
    )
    parser.add_argument("--profile", choices=["run", "test"], default="run")
    args, rest = parser.parse_known_args()
    profile = TEST if args.profile == "test" else RUN
    if args.command == "run":
        return command_run()
    if args.command == "test":
        return command_test(rest)
    if args.command == "bench":
        return command_bench()
    if args.command == "openapi":
        return command_openapi()
    if args.command == "migrate":
        migrate(profile, list(SERVICES))
    elif args.command == "up":
        infra_up(profile)
    elif args.command == "down":
        infra_down(profile)
    elif args.command == "reset":
        infra_down(profile)
        shutil.rmtree(profile.home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
