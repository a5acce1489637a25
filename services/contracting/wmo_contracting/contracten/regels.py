"""The rules a contract's content must meet, as findings: all of them at once, each with the
field it is about, so one answer tells the contract manager everything that is wrong."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date

from wmo_common.calendar import add_months
from wmo_common.problems import BadRequest, Conflict, InvalidParam
from wmo_contracting.contracten import errors

# The notice a contract party gets before the einddatum an option would extend.
BESLISTERMIJN_MAANDEN = 6

_CONFLICTS: dict[str, type[Conflict]] = {
    cls.slug: cls
    for cls in (
        errors.TweeHoofdaannemers,
        errors.OnderaannemerZonderHoofdaannemer,
        errors.PartijDubbel,
        errors.TarievenOverlappen,
        errors.BeslisdatumTeLaat,
        errors.PeriodeOngeldig,
        errors.BekostigingBuitenStrategie,
        errors.LooptijdBuitenStrategie,
        errors.MaxAanbiedersBereikt,
        errors.GebiedAlGecontracteerd,
        errors.PerceelNietGegund,
        errors.PartijenNietGegund,
    )
}


@dataclass(frozen=True)
class Bevinding:
    name: str
    regel: str
    reason: str


@dataclass(frozen=True)
class Tariefperiode:
    name: str
    product: Hashable
    product_naam: str
    geldig_vanaf: date
    geldig_tot: date | None


def partijen(rollen: Sequence[tuple[str, str]], name: str = "partijen") -> list[Bevinding]:
    """`rollen`: (AGB code, rol) per party."""
    found = []
    for agb, count in Counter(agb for agb, _ in rollen).items():
        if count > 1:
            found.append(Bevinding(name, "partij-dubbel", f"{agb} staat {count} keer als partij."))
    hoofdaannemers = [agb for agb, rol in rollen if rol == "hoofdaannemer"]
    if len(hoofdaannemers) > 1:
        found.append(
            Bevinding(
                name,
                "twee-hoofdaannemers",
                f"Meer dan één hoofdaannemer: {', '.join(sorted(hoofdaannemers))}.",
            )
        )
    if not hoofdaannemers and any(rol == "onderaannemer" for _, rol in rollen):
        found.append(
            Bevinding(
                name,
                "onderaannemer-zonder-hoofdaannemer",
                "Een onderaannemer vraagt een hoofdaannemer in hetzelfde contract.",
            )
        )
    return found


def tarieven(periodes: Sequence[Tariefperiode]) -> list[Bevinding]:
    """Two tarieven of one product may not share a day (periods are inclusive)."""
    found = []
    by_product: dict[Hashable, list[Tariefperiode]] = {}
    for periode in periodes:
        by_product.setdefault(periode.product, []).append(periode)
    for reeks in by_product.values():
        reeks.sort(key=lambda p: p.geldig_vanaf)
        # Compared with the period reaching furthest so far, so a long period that spans
        # several later ones is reported against each of them.
        furthest = reeks[0]
        for later in reeks[1:]:
            if furthest.geldig_tot is None or later.geldig_vanaf <= furthest.geldig_tot:
                tot = furthest.geldig_tot.isoformat() if furthest.geldig_tot else "open einde"
                found.append(
                    Bevinding(
                        later.name,
                        "tarieven-overlappen",
                        f"{later.product_naam}: het tarief vanaf {later.geldig_vanaf.isoformat()} "
                        f"overlapt met het tarief {furthest.geldig_vanaf.isoformat()} t/m {tot}.",
                    )
                )
            if furthest.geldig_tot is not None and (
                later.geldig_tot is None or later.geldig_tot > furthest.geldig_tot
            ):
                furthest = later
    return found


def verlengingsopties(
    einddatum: date, opties: Sequence[tuple[int, date]], name: str = "verlengingsopties"
) -> list[Bevinding]:
    """`opties`: (years, beslisdatum) of the open options in order, starting at `einddatum`."""
    found = []
    end = einddatum
    for index, (jaren, beslisdatum) in enumerate(opties):
        uiterst = uiterste_beslisdatum(end)
        if beslisdatum > uiterst:
            found.append(
                Bevinding(
                    f"{name}.{index}.beslisdatum",
                    "beslisdatum-te-laat",
                    f"Optie {index + 1} verlengt vanaf {end.isoformat()}; besluiten uiterlijk "
                    f"{uiterst.isoformat()}.",
                )
            )
        end = add_months(end, 12 * jaren)
    return found


def uiterste_beslisdatum(einddatum: date) -> date:
    return add_months(einddatum, -BESLISTERMIJN_MAANDEN)


def periode(ingangsdatum: date, einddatum: date) -> list[Bevinding]:
    if einddatum < ingangsdatum:
        return [
            Bevinding("einddatum", "periode-ongeldig", "De einddatum ligt voor de ingangsdatum.")
        ]
    return []


def as_invalid_params(found: Sequence[Bevinding]) -> list[InvalidParam]:
    return [InvalidParam(name=b.name, code=b.regel, reason=b.reason) for b in found]


def refuse_input(found: Sequence[Bevinding]) -> None:
    """Findings on a request body alone: invalid input (400)."""
    if found:
        raise BadRequest(f"{len(found)} invoerfout(en) gevonden.", as_invalid_params(found))


def refuse_change(
    found: Sequence[Bevinding], incomplete: type[Conflict] = errors.ContractOnvolledig
) -> None:
    """Findings on a change against the contract as it stands: a broken rule (409), typed by
    the first finding and listing all; `incomplete` types what a complete contract lacks."""
    if found:
        problem = _CONFLICTS.get(found[0].regel, incomplete)
        raise problem(" ".join(b.reason for b in found), as_invalid_params(found))
