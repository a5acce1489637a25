"""iWmo 3.2 codec: read, validate and write every iWmo message, with the right retour codes.

The functions services call:

* `validate(data, *, expected=None, hooks=(), today=None, ...) -> ValidationResult`
* `read_message(data, *, expected=None) -> Bericht` (structure only; raises InvalidMessage)
* `write_message(message, *, indent=False) -> bytes` (raises InvalidMessage)
* `build_retour(message, findings, *, identificatie, dagtekening) -> Bericht`
* `build_wmo301(...)`, `build_wmo319(...)`, `build_wmo325(wmo323, beoordeling, ...)`,
  `judge_wmo323(wmo323, findings) -> Beoordeling`
"""

from iwmo.builders import build_wmo301, build_wmo319, ensure_valid
from iwmo.findings import Finding, InvalidMessage, Level
from iwmo.models import BY_NAME, MESSAGE_TYPES, Bericht
from iwmo.retour import (
    RETOUR_OF,
    Beoordeling,
    NoRetour,
    build_retour,
    build_wmo325,
    judge_wmo323,
)
from iwmo.safe_xml import Limits
from iwmo.validation import StatefulRule, ValidationResult, read_message, validate
from iwmo.writer import write_message

__all__ = [
    "BY_NAME",
    "MESSAGE_TYPES",
    "RETOUR_OF",
    "Beoordeling",
    "Bericht",
    "Finding",
    "InvalidMessage",
    "Level",
    "Limits",
    "NoRetour",
    "StatefulRule",
    "ValidationResult",
    "build_retour",
    "build_wmo301",
    "build_wmo319",
    "build_wmo325",
    "ensure_valid",
    "judge_wmo323",
    "read_message",
    "validate",
    "write_message",
]
