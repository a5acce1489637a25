"""What validation reports: one `Finding` per problem, with the iWmo retour code."""

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import Final


class Level(IntEnum):
    """The control levels of the standard (IV032, IV088)."""

    XSD = 1
    """Not well-formed, unsafe or not as the XSD says: a transport error, never a retour."""
    BERICHT = 2
    """A rule checkable inside the message (XSLT, CD, CS): retour with only 0001."""
    BERICHTOVERSTIJGEND = 3
    """A rule that compares with earlier messages: its own code on the faulty class."""
    EXTERNE_BRON = 4
    """A rule that needs an outside source (date, CBS list, product list): its own code."""


# Transport error codes (GGK, codelists/transport): the answer to a level-1 failure.
CODE_XSD: Final = "IB001"
CODE_TOO_LARGE: Final = "IB003"
CODE_TECHNICAL: Final = "0001"
CODE_NO_REMARK: Final = "0200"
CODE_NOT_ASSESSED: Final = "0233"
CODE_FULLY_APPROVED: Final = "8001"

_BSN_LIKE = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a message.

    `path` is XPath-like with 1-based positions of repeated classes, e.g.
    `/Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Einddatum`. The
    message never contains values from the message, so never a BSN.
    """

    code: str
    path: str
    message: str
    rule: str
    level: Level

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "path": self.path, "message": self.message}


def redact(text: str) -> str:
    """Remove anything that looks like a BSN from a text we did not write ourselves."""
    return _BSN_LIKE.sub("*********", text)


class InvalidMessage(ValueError):
    """Raised by the writer and the builders when a model cannot become a valid message."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        summary = "; ".join(f"{f.path}: {f.message}" for f in findings[:5])
        super().__init__(f"{len(findings)} finding(s): {summary}")
