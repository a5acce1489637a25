"""Logical datatypes (LDT) of iWmo 3.2: lexical checks as the XSD defines them.

The XSD is not loaded at runtime; its facets are kept as data in `codelists.LDTS`.
Each check returns the parsed value and an error text (None when valid), so the
reader can report every problem instead of stopping at the first.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from operator import mul
from typing import Final

# XSD `\s` is exactly these four characters; Python's str.isspace() knows many more.
_XSD_SPACE: Final = " \t\n\r"
_INTEGER = re.compile(r"[+-]?[0-9]+")
# LDT_Datum forbids ':' and 'Z', so no time zone of any kind is allowed.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# LDT_Tijd forbids 'Z', '+' and '-': no time zone either.
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?")

LeafValue = str | int | date | time
_MAX_DIGITS: Final = 4000
"""Python refuses to convert a text of more than 4300 digits (sys.get_int_max_str_digits)."""


def _integer(text: str) -> int:
    """The value of an integer text (`[+-]?[0-9]+`). A value of more significant digits than
    `_MAX_DIGITS` is beyond every LDT's range; 10**_MAX_DIGITS with its sign stands for it."""
    digits = text.lstrip("+-").lstrip("0") or "0"
    sign = -1 if text.startswith("-") else 1
    magnitude: int = 10**_MAX_DIGITS if len(digits) > _MAX_DIGITS else int(digits)
    return sign * magnitude


def _not_blank_single_line(value: str) -> bool:
    """The XSD pattern `.*[^\\s].*`: `.` never matches a line break."""
    return "\n" not in value and "\r" not in value and value.strip(_XSD_SPACE) != ""


def _not_blank(value: str) -> bool:
    """The LDT_Commentaar pattern `([.\\s]*\\S+[.\\s]*)+`: any text with a non-space."""
    return value.strip(_XSD_SPACE) != ""


# Patterns that Python's re would evaluate with heavy backtracking or with other
# semantics than XSD regular expressions get an exact hand-written equivalent.
_SPECIAL_PATTERNS: Final[dict[str, Callable[[str], bool]]] = {
    ".*[^\\s].*": _not_blank_single_line,
    "([.\\s]*\\S+[.\\s]*)+": _not_blank,
    "[^:Z]*": lambda _value: True,
    "[^Z+-]+": lambda _value: True,
}


@dataclass(frozen=True, slots=True)
class Ldt:
    """One simple type of the basisschema with its facets."""

    name: str
    base: str
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_value: int | None = None
    max_value: int | None = None
    enumeration: frozenset[str] | None = None
    _regex: re.Pattern[str] | None = field(default=None, init=False, compare=False, repr=False)
    convert: Callable[[str], LeafValue | None] = field(init=False, compare=False, repr=False)
    """The value of a valid element text, None where `parse` gives a reason: the reader's
    fast path, with this type's facets bound once instead of looked up per element."""

    def __post_init__(self) -> None:
        if self.pattern is not None and self.pattern not in _SPECIAL_PATTERNS:
            object.__setattr__(self, "_regex", re.compile(self.pattern))
        object.__setattr__(self, "convert", self._compile_convert())

    def parse(self, text: str) -> tuple[LeafValue | None, str | None]:
        """Parse one element text; returns (value, None) or (None, reason)."""
        value = self.convert(text)
        if value is not None:
            return value, None
        if self.base == "integer":
            return None, self._integer_error(text)
        if self.base == "date":
            return None, _date_error(text)
        if self.base == "time":
            return None, _time_error(text)
        return None, self._check_string(text)

    def _compile_convert(self) -> Callable[[str], LeafValue | None]:
        """One function per type with the facets bound, chosen once instead of per element."""
        if self.base == "integer":
            low, high = self.min_value, self.max_value

            def convert_integer(text: str) -> LeafValue | None:
                stripped = text.strip(_XSD_SPACE)
                # ASCII digits only is `[0-9]+`, the common case; signs go through the regex.
                if not (stripped.isascii() and stripped.isdigit()) and not _INTEGER.fullmatch(
                    stripped
                ):
                    return None
                number = _integer(stripped)
                if (low is not None and number < low) or (high is not None and number > high):
                    return None
                return number

            return convert_integer
        if self.base == "date":
            return _convert_date
        if self.base == "time":
            return _convert_time
        enumeration = self.enumeration
        if enumeration is not None:
            return lambda text: text if text in enumeration else None
        shortest = self.min_length or 0
        longest = self.max_length
        accepts = self.pattern_check()

        def convert_string(text: str) -> LeafValue | None:
            length = len(text)
            if length < shortest or (longest is not None and length > longest):
                return None
            return text if accepts is None or accepts(text) else None

        return convert_string

    def pattern_check(self) -> Callable[[str], bool] | None:
        """The test of this type's pattern facet (None when it has none)."""
        if self.pattern is None:
            return None
        special = _SPECIAL_PATTERNS.get(self.pattern)
        if special is not None:
            return special
        regex = self._regex
        assert regex is not None  # noqa: S101 - compiled in __post_init__
        return lambda text: regex.fullmatch(text) is not None

    def check(self, value: LeafValue) -> str | None:
        """Check a value that came from Python (the writer's side)."""
        if self.base == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                return f"{self.name}: geen geheel getal"
            return self._check_range(value)
        if self.base == "date":
            return None if type(value) is date else f"{self.name}: geen datum"
        if self.base == "time":
            if not isinstance(value, time) or value.tzinfo is not None:
                return f"{self.name}: geen tijd zonder tijdzone"
            return None
        if not isinstance(value, str):
            return f"{self.name}: geen tekst"
        return self._check_string(value)

    def _integer_error(self, text: str) -> str | None:
        stripped = text.strip(_XSD_SPACE)
        if not _INTEGER.fullmatch(stripped):
            return f"{self.name}: geen geheel getal"
        return self._check_range(_integer(stripped))

    def _check_range(self, number: int) -> str | None:
        if self.min_value is not None and number < self.min_value:
            return f"{self.name}: kleiner dan {self.min_value}"
        if self.max_value is not None and number > self.max_value:
            return f"{self.name}: groter dan {self.max_value}"
        return None

    def _check_string(self, text: str) -> str | None:
        if self.enumeration is not None:
            return None if text in self.enumeration else f"{self.name}: waarde niet in codelijst"
        length = len(text)
        if self.min_length is not None and length < self.min_length:
            return f"{self.name}: te kort (minimaal {self.min_length})"
        if self.max_length is not None and length > self.max_length:
            return f"{self.name}: te lang (maximaal {self.max_length})"
        if self.pattern is not None:
            special = _SPECIAL_PATTERNS.get(self.pattern)
            matches = (
                special(text) if special else bool(self._regex and self._regex.fullmatch(text))
            )
            if not matches:
                return f"{self.name}: voldoet niet aan patroon {self.pattern}"
        return None


def _convert_date(text: str) -> LeafValue | None:
    stripped = text.strip(_XSD_SPACE)
    if not _DATE.fullmatch(stripped):
        return None
    try:
        return date.fromisoformat(stripped)
    except ValueError:  # only for a date that does not exist, e.g. 2024-02-30
        return None


def _date_error(text: str) -> str:
    if not _DATE.fullmatch(text.strip(_XSD_SPACE)):
        return "LDT_Datum: geen datum JJJJ-MM-DD zonder tijdzone"
    return "LDT_Datum: datum bestaat niet"


def _convert_time(text: str) -> LeafValue | None:
    stripped = text.strip(_XSD_SPACE)
    if not _TIME.fullmatch(stripped):
        return None
    try:
        return time.fromisoformat(stripped)
    except ValueError:  # only for a time that does not exist, e.g. 25:00:00
        return None


def _time_error(text: str) -> str:
    if not _TIME.fullmatch(text.strip(_XSD_SPACE)):
        return "LDT_Tijd: geen tijd uu:mm:ss zonder tijdzone"
    return "LDT_Tijd: tijd bestaat niet"


def format_value(value: LeafValue) -> str:
    """The lexical form the writer uses."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("booleans are not an iWmo datatype")
    if isinstance(value, int):
        return str(value)
    return value.isoformat()


_BSN_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2)


def is_valid_bsn(bsn: str) -> bool:
    """The 11-check (elfproef) of CS002; 000000000 passes arithmetically but is refused."""
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit() or bsn == "000000000":
        return False
    total: int = sum(map(mul, map(int, bsn[:8]), _BSN_WEIGHTS))
    return (total - int(bsn[8])) % 11 == 0
