"""Property-based fuzzing of every service's published OpenAPI document with Schemathesis,
against the five services running as real processes.

For each operation a few generated requests, valid and invalid ones, are sent with a token that
holds every role (so they pass the role checks and reach the code behind them) and with a provider's
token (so the AGB scoping runs too). Whatever is sent, no answer may be a 5xx, and every answer
must carry a status code, content type and body that the document declares. Every finding is
collected and reported at once: service, operation, request and answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, strategies
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from deploy.stack import SERVICES
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import Suite

# A few examples per operation, valid and invalid, keep the five services under two minutes.
EXAMPLES_PER_OPERATION = 3
ALL_ROLES = ["consultant", "contract-manager", "controller", "provider", "auditor", "operations"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Operations whose work is not bounded by the request: they act on the whole suite or stream.
SKIPPED = ("/dead-letters/_replay", "/dead-letters/_verwerp", "/verwerpingen")


@dataclass(frozen=True)
class Finding:
    service: str
    operation: str
    request: str
    answer: str

    def __str__(self) -> str:
        return f"{self.service} {self.operation}: {self.request} -> {self.answer}"


def _fuzz_operation(
    service: str,
    operation: schemathesis.APIOperation[Any, Any, Any, Any],
    tokens: dict[str, dict[str, str]],
) -> Finding | None:
    found: list[Finding] = []

    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(
        case=strategies.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )
    )
    def run(case: schemathesis.Case[Any]) -> None:
        if found:
            return
        for who, headers in tokens.items():
            request = f"[{who}] {case.as_curl_command()}"[:600]
            try:
                response = case.call(headers=headers, timeout=10)
            except Exception as exc:  # a dropped connection is a finding too
                found.append(Finding(service, operation.label, request, type(exc).__name__))
                return
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                titles = "; ".join(sorted({failure.title for failure in group.exceptions}))
                answer = f"{response.status_code}: {titles}: {response.text[:300]}"
                found.append(Finding(service, operation.label, request, answer))
                return

    run()
    return found[0] if found else None


@pytest.mark.parametrize("service", SERVICES)
def test_no_generated_request_gets_a_5xx_or_an_undocumented_answer(
    suite: Suite, service: str
) -> None:
    # The document's `servers` entry, relative to where it was read, names the base URL.
    schema = schemathesis.openapi.from_url(suite.url(service, "/api/v1/openapi.json"))
    tokens = {
        "alle rollen": Suite.headers(*ALL_ROLES, agb=fresh_agb()),
        "aanbieder": Suite.headers("provider", agb=fresh_agb()),
    }
    findings: list[Finding] = []
    operations = []
    for result in schema.get_all_operations():
        # A part of the document Schemathesis cannot read is a finding of its own.
        assert isinstance(result, Ok), f"{service}: {result.err()}"
        operations.append(result.ok())
    assert operations, f"{service} publishes no operations"
    for operation in operations:
        if operation.path.endswith(SKIPPED):
            continue
        finding = _fuzz_operation(service, operation, tokens)
        if finding is not None:
            findings.append(finding)
    assert not findings, "\n".join(map(str, findings))
