"""The period a KPI is measured over: a year, a quarter or a month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from wmo_common.calendar import month_end

Periodesoort = Literal["maand", "kwartaal", "jaar"]
_PERIODE = re.compile(
    r"^(?P<jaar>[0-9]{4})(?:-(?:Q(?P<kwartaal>[1-4])|(?P<maand>0[1-9]|1[0-2])))?$"
)


@dataclass(frozen=True, order=True)
class Periode:
    """A KPI period: a year (`2026`), a quarter (`2026-Q1`) or a month (`2026-03`)."""

    begin: date
    eind: date
    code: str

    @classmethod
    def parse(cls, code: str) -> Periode:
        match = _PERIODE.match(code)
        if match is None:
            raise ValueError("een periode is JJJJ, JJJJ-Qn of JJJJ-MM")
        jaar = int(match["jaar"])
        if match["kwartaal"]:
            first = (int(match["kwartaal"]) - 1) * 3 + 1
            return cls(date(jaar, first, 1), month_end(jaar, first + 2), code)
        if match["maand"]:
            maand = int(match["maand"])
            return cls(date(jaar, maand, 1), month_end(jaar, maand), code)
        return cls(date(jaar, 1, 1), date(jaar, 12, 31), code)

    @classmethod
    def containing(cls, day: date, soort: Periodesoort) -> Periode:
        """The period of kind `soort` that holds `day`."""
        if soort == "kwartaal":
            return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
        if soort == "maand":
            return cls.parse(f"{day.year}-{day.month:02d}")
        return cls.parse(str(day.year))

    def previous(self) -> Periode:
        """The period of the same length just before this one."""
        jaar, rest = self.code[:4], self.code[5:]
        if rest.startswith("Q"):
            kwartaal = int(rest[1])
            code = f"{jaar}-Q{kwartaal - 1}" if kwartaal > 1 else f"{int(jaar) - 1}-Q4"
        elif rest:
            maand = int(rest)
            code = f"{jaar}-{maand - 1:02d}" if maand > 1 else f"{int(jaar) - 1}-12"
        else:
            code = str(int(jaar) - 1)
        return Periode.parse(code)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.begin <= day <= self.eind
