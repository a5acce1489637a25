"""The contract documents load in the official tools, without a single error.

Spectral with the NLGov API Design Rules (ADR 2.1 and the 2.2 draft, tools/linters/adr-*.yaml)
lints each service's OpenAPI document as the app builds it now; the AsyncAPI parser reads the
event catalogue. Node runs both; `make test` installs them (`npm ci --prefix tools/linters`).
Rules we read differently from Logius' own linter: docs/api-design-rules.md.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import wmo_common.events  # noqa: F401 - registers the catalogue
from deploy.stack import ROOT, SERVICES, openapi_documents
from wmo_common.events.registry import asyncapi_document

LINTERS = ROOT / "tools" / "linters"
SPECTRAL = LINTERS / "node_modules" / ".bin" / "spectral"
RULESETS = ("adr-2.1.yaml", "adr-2.2.yaml")
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None, reason="node is not installed: Spectral and the AsyncAPI parser cannot run"
)

Finding = dict[str, Any]


def spectral(ruleset: str, files: list[Path], folder: Path) -> list[Finding]:
    report = folder / f"{ruleset}.json"
    command = [str(SPECTRAL), "lint", "--quiet", "--format", "json", "--output", str(report)]
    done = subprocess.run(
        [*command, "--ruleset", str(LINTERS / ruleset), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert report.exists(), done.stderr
    findings: list[Finding] = json.loads(report.read_text() or "[]")
    return findings


def unversioned(document: dict[str, Any]) -> dict[str, Any]:
    """`document` with a server URL without /v1 and one answer without API-Version."""
    broken = copy.deepcopy(document)
    broken["servers"] = [{"url": "/"}]
    [first, *_] = (
        answer
        for operations in broken["paths"].values()
        for operation in operations.values()
        for status, answer in operation["responses"].items()
        if status.startswith("2")
    )
    del first["headers"]["API-Version"]
    return broken


@pytest.fixture(scope="module")
def spectral_findings(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], list[Finding]]:
    """(ruleset, file stem) -> findings: each service's OpenAPI document as its app builds it
    now (not the committed copy), and one made unversioned on purpose; one run per ruleset."""
    if not SPECTRAL.exists():
        pytest.fail("Spectral is missing: run `npm ci --prefix tools/linters` (make test does)")
    folder = tmp_path_factory.mktemp("openapi")
    documents = {service: json.loads(text) for service, text in openapi_documents().items()}
    documents["unversioned"] = unversioned(documents["access"])
    files = []
    for name, document in documents.items():
        files.append(folder / f"{name}.json")
        files[-1].write_text(json.dumps(document))
    findings: dict[tuple[str, str], list[Finding]] = {}
    for ruleset in RULESETS:
        for finding in spectral(ruleset, files, folder):
            findings.setdefault((ruleset, Path(finding["source"]).stem), []).append(finding)
    return findings


@pytest.fixture(scope="module")
def asyncapi_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Finding]]:
    """file stem -> the AsyncAPI parser's findings: the committed document, the one the
    services serve, and one with a reference to a schema that does not exist."""
    if not (LINTERS / "node_modules" / "@asyncapi" / "parser").exists():
        pytest.fail("the AsyncAPI parser is missing: run `npm ci --prefix tools/linters`")
    folder = tmp_path_factory.mktemp("asyncapi")
    dangling = asyncapi_document()
    message = next(iter(dangling["components"]["messages"].values()))
    message["headers"] = {"$ref": "#/components/schemas/Bestaat-niet"}
    documents = {
        "committed": json.loads((ROOT / "docs" / "asyncapi.json").read_text()),
        "served": asyncapi_document(),
        "dangling": dangling,
    }
    for name, document in documents.items():
        (folder / f"{name}.json").write_text(json.dumps(document))
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(LINTERS / "validate-asyncapi.mjs")]
        + [str(folder / f"{name}.json") for name in documents],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.stdout, done.stderr
    findings: dict[str, list[Finding]] = {name: [] for name in documents}
    for finding in json.loads(done.stdout):
        findings[Path(finding["file"]).stem].append(finding)
    return findings


def errors(findings: list[Finding]) -> list[str]:
    """Spectral's errors, and its warning that a file is no OpenAPI document at all."""
    return [
        f"{f['code']} at {'.'.join(map(str, f['path']))}: {f['message']}"
        for f in findings
        if f["severity"] == 0 or f["code"] == "unrecognized-format"
    ]


@pytest.mark.parametrize("ruleset", RULESETS)
@pytest.mark.parametrize("service", list(SERVICES))
def test_each_openapi_document_passes_the_nlgov_api_design_rules(
    spectral_findings: dict[tuple[str, str], list[Finding]], service: str, ruleset: str
) -> None:
    found = errors(spectral_findings.get((ruleset, service), []))
    assert not found, f"{service} breaks {ruleset}:\n" + "\n".join(found)


@pytest.mark.parametrize("ruleset", RULESETS)
def test_the_design_rules_catch_a_missing_version_header_and_an_unversioned_server(
    spectral_findings: dict[tuple[str, str], list[Finding]], ruleset: str
) -> None:
    found = spectral_findings.get((ruleset, "unversioned"), [])
    codes = {f["code"].removeprefix("nlgov:") for f in found if f["severity"] == 0}
    assert {"missing-version-header", "include-major-version-in-uri"} <= codes


@pytest.mark.parametrize("document", ["committed", "served"])
def test_the_asyncapi_document_parses_without_errors_in_the_official_parser(
    asyncapi_findings: dict[str, list[Finding]], document: str
) -> None:
    found = [f for f in asyncapi_findings[document] if f["severity"] == "error"]
    assert not found, json.dumps(found, indent=2)


def test_the_asyncapi_parser_reports_a_reference_to_a_missing_schema(
    asyncapi_findings: dict[str, list[Finding]],
) -> None:
    found = [f for f in asyncapi_findings["dangling"] if f["severity"] == "error"]
    assert [f["code"] for f in found] == ["invalid-ref"]
