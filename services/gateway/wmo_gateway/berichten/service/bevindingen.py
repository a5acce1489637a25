"""Findings as stored on a bericht (JSON) and back, for the retour and for the later 325."""

from __future__ import annotations

from typing import Any

from iwmo import Finding, Level


def finding_json(finding: Finding) -> dict[str, Any]:
    return finding.as_json() | {"rule": finding.rule, "level": int(finding.level)}


def finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(data["code"], data["path"], data["message"], data["rule"], Level(data["level"]))
