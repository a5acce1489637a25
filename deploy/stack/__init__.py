"""The local stack, no Docker: embedded PostgreSQL, the Kafka broker of deploy/kafka.sh, the
databases, topics and migrations, and the five services.

    python -m deploy.stack run      # everything, demo-ready; Ctrl-C stops it all
    python -m deploy.stack test ... # a separate stack for the tests, then pytest with its exit code
    python -m deploy.stack up|down  # only the infrastructure (PostgreSQL + Kafka)

profiles.py says where a stack lives, postgres.py and kafka.py run its servers, processes.py
its services, demo and simulator, commands.py what each command does (__main__.py parses it).
"""

from deploy.stack.commands import infra_down, infra_up, openapi_documents
from deploy.stack.processes import start_services, stop_processes, wait_healthy
from deploy.stack.profiles import FLOW, ROOT, RUN, SERVICES, TEST, Profile

__all__ = [
    "FLOW",
    "ROOT",
    "RUN",
    "SERVICES",
    "TEST",
    "Profile",
    "infra_down",
    "infra_up",
    "openapi_documents",
    "start_services",
    "stop_processes",
    "wait_healthy",
]
