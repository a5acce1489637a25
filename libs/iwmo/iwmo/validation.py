"""The three validation layers behind one call: `validate(data)`.

1. safe parsing under hard limits (`safe_xml`);
2. structure and datatypes as the XSD says (`plain_reader` for a plainly written message,
   else `reader` on the lxml tree), optionally also checked
   against an XSD folder the caller points at;
3. the stateless business rules (`rules`) plus the stateful hooks a service
   supplies (unknown ToewijzingNummer, a declaration for another provider...).
Each layer reports all its findings; a later layer runs only when the earlier
one produced a model to check.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from lxml import etree  # type: ignore[import-untyped]

from iwmo.codelists import GEMEENTECODES, PRODUCTCODES_HULPMIDDELEN
from iwmo.findings import CODE_XSD, Finding, InvalidMessage, Level, redact
from iwmo.models import Bericht
from iwmo.plain_reader import read_plain
from iwmo.reader import check_read, read_tree
from iwmo.rules import check_message
from iwmo.safe_xml import DEFAULT_LIMITS, Limits, give_back_memory, parse


class StatefulRule(Protocol):
    """A rule that needs stored state; services implement it and pass it to `validate`.

    It receives a structurally valid message and returns findings with the
    rule's own retour code and the path of the class it concerns, e.g.
    `Finding("9332", "/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]",
    "ToewijzingNummer is niet uniek", "TR332", Level.BERICHTOVERSTIJGEND)`.
    """

    def __call__(self, message: Bericht, /) -> Iterable[Finding]: ...


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """What `validate` found: the message type, the model (when readable) and all findings."""

    message_type: type[Bericht] | None
    message: Bericht | None
    findings: tuple[Finding, ...] = field(default=())

    @property
    def valid(self) -> bool:
        return not self.findings

    @property
    def bericht(self) -> str | None:
        """`WMO301` ... or None when the input is no iWmo 3.2 message at all."""
        return self.message_type.BERICHT if self.message_type else None


@cache
def _schema(path: Path) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _check_with_xsd(root: Any, bericht: str, xsd_dir: Path) -> list[Finding]:
    path = (xsd_dir / f"{bericht}.xsd").resolve()
    if not path.is_file():
        return []
    schema = _schema(path)
    if schema.validate(root):
        return []
    return [
        Finding(
            code=CODE_XSD,
            path=str(error.path or "/"),
            message=f"XSD {path.name}: {redact(error.message)}",
            rule="XSD",
            level=Level.XSD,
        )
        for error in schema.error_log
    ]


def validate(
    data: bytes,
    *,
    expected: type[Bericht] | None = None,
    hooks: Sequence[StatefulRule] = (),
    today: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    xsd_dir: Path | None = None,
    gemeentecodes: frozenset[str] = GEMEENTECODES,
    productcodes: Mapping[str, frozenset[str]] = PRODUCTCODES_HULPMIDDELEN,
) -> ValidationResult:
    """Validate one iWmo 3.2 message in all three layers; never raises on bad input.

    `expected` turns "a 323 sent as a 301" into a finding; `today` is the
    receiver's system date for TR135 (default: today); `xsd_dir` adds a check
    against the official XSDs in that folder; `gemeentecodes` and
    `productcodes` replace the built-in CBS list and product code list.
    What a large message cost is handed back to the OS before this returns.
    """
    try:
        return _validate(
            data,
            expected=expected,
            hooks=hooks,
            today=today or date.today(),
            limits=limits,
            xsd_dir=xsd_dir,
            gemeentecodes=gemeentecodes,
            productcodes=productcodes,
        )
    finally:
        # The tree died with `_validate`'s frame; only now are its pages free to give back.
        give_back_memory(len(data))


def _validate(
    data: bytes,
    *,
    expected: type[Bericht] | None,
    hooks: Sequence[StatefulRule],
    today: date,
    limits: Limits,
    xsd_dir: Path | None,
    gemeentecodes: frozenset[str],
    productcodes: Mapping[str, frozenset[str]],
) -> ValidationResult:
    # The XSD check needs lxml's tree, so it always takes the lxml path.
    plain = read_plain(data, limits, expected) if xsd_dir is None else None
    message_type: type[Bericht] | None
    if plain is not None:
        message_type, message, findings = check_read(*plain)
    else:
        root, findings = parse(data, limits)
        if root is None:
            return ValidationResult(None, None, tuple(findings))
        message_type, message, findings = read_tree(root, expected)
        if xsd_dir is not None and message_type is not None:
            findings = findings + _check_with_xsd(root, message_type.BERICHT, xsd_dir)
    if message is None or findings:
        return ValidationResult(message_type, None if findings else message, tuple(findings))
    findings = check_message(
        message,
        today=today,
        gemeentecodes=gemeentecodes,
        productcodes=productcodes,
    )
    for hook in hooks:
        findings.extend(hook(message))
    return ValidationResult(message_type, message, tuple(findings))


def read_message(
    data: bytes, *, expected: type[Bericht] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Bericht:
    """Read a message that must be structurally valid (layers 1 and 2); business rules are
    not applied. Raises `InvalidMessage` with all findings otherwise."""
    try:
        message, findings = _read(data, expected, limits)
    finally:
        give_back_memory(len(data))
    if message is None:
        raise InvalidMessage(findings)
    return message


def _read(
    data: bytes, expected: type[Bericht] | None, limits: Limits
) -> tuple[Bericht | None, list[Finding]]:
    plain = read_plain(data, limits, expected)
    if plain is not None:
        return check_read(*plain)[1:]
    root, findings = parse(data, limits)
    if root is None:
        return None, findings
    return read_tree(root, expected)[1:]
