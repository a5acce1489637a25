"""What every list takes beside its page: the NLGov `sort` parameter and a period.

`sort=-aanvraagdatum,termijnDatum` sorts on the named fields in that order, `-` for descending.
Each list allows its own fields; an unknown one is a 400 that names the allowed ones. The order
always ends on the id, so pages never overlap. The query parameters themselves (`sort`, `vanaf`,
`totEnMet`) are dependencies in `wmo_common.dependencies`: service modules import only this one."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, UnaryExpression
from sqlalchemy.orm import InstrumentedAttribute

from wmo_common.problems import BadRequest, InvalidParam


@dataclass(frozen=True)
class Sortering:
    veld: str
    aflopend: bool


def parse_sort(value: str, velden: Sequence[str]) -> list[Sortering]:
    """`-a,b` as [a descending, b ascending]; every unknown or repeated field is reported."""
    sortering: list[Sortering] = []
    findings: list[InvalidParam] = []
    for part in value.split(","):
        naam = part.strip()
        aflopend = naam.startswith("-")
        veld = naam.removeprefix("-")
        if veld not in velden:
            findings.append(
                InvalidParam(
                    name="sort",
                    code="onbekend-sorteerveld",
                    reason=f"'{veld}' is geen sorteerveld; toegestaan: {', '.join(velden)}",
                )
            )
        elif any(s.veld == veld for s in sortering):
            findings.append(
                InvalidParam(
                    name="sort", code="dubbel-sorteerveld", reason=f"'{veld}' staat er twee keer"
                )
            )
        else:
            sortering.append(Sortering(veld, aflopend))
    if findings:
        raise BadRequest(f"{len(findings)} fout(en) in de sorteervolgorde.", findings)
    return sortering


def order_by(
    sortering: Sequence[Sortering],
    kolommen: Mapping[str, InstrumentedAttribute[Any]],
    tiebreak: InstrumentedAttribute[Any],
    *,
    daarna: Sequence[UnaryExpression[Any]] = (),
) -> list[UnaryExpression[Any]]:
    """ORDER BY terms for `sortering` (empty values last either way), then `daarna` (a list's
    own fixed order within equal sort values), ending on `tiebreak`."""
    terms = [
        (kolommen[s.veld].desc() if s.aflopend else kolommen[s.veld].asc()).nulls_last()
        for s in sortering
    ]
    return [*terms, *daarna, tiebreak.asc()]


@dataclass(frozen=True)
class Periode:
    vanaf: date | None
    tot_en_met: date | None


def within(kolom: InstrumentedAttribute[Any], periode: Periode) -> list[ColumnElement[bool]]:
    """WHERE terms that keep rows whose `kolom` lies in the period."""
    terms: list[ColumnElement[bool]] = []
    if periode.vanaf is not None:
        terms.append(kolom >= periode.vanaf)
    if periode.tot_en_met is not None:
        terms.append(kolom <= periode.tot_en_met)
    return terms
