"""The Annotated aliases the providers routes use: the app's settings, path parameters and the
KPI period."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Query

from wmo_common.auth import CurrentUser
from wmo_common.dependencies import settings_dependency
from wmo_common.problems import BadRequest, InvalidParam
from wmo_providers.prestatie_indicatoren.periode import Periode
from wmo_providers.settings import Settings

ProvidersSettings = Annotated[Settings, Depends(settings_dependency(Settings))]
"""The settings the running app was built with."""

Agb = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGB-code van de aanbieder.")]
SegmentId = Annotated[uuid.UUID, Path(alias="segmentId", description="Id van het segment.")]
SignaleringId = Annotated[
    uuid.UUID, Path(alias="signaleringId", description="Id van de signalering.")
]
GesprekId = Annotated[
    uuid.UUID, Path(alias="gesprekId", description="Id van het leveranciersgesprek.")
]
AfspraakId = Annotated[uuid.UUID, Path(alias="afspraakId", description="Id van de afspraak.")]
AanmeldstopId = Annotated[
    uuid.UUID, Path(alias="aanmeldstopId", description="Id van de aanmeldstop.")
]


async def _agb_filter(
    principal: CurrentUser,
    agb: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{8}$",
            description="Alleen deze aanbieder; een aanbieder ziet altijd alleen zichzelf.",
        ),
    ] = None,
) -> str | None:
    # An aanbieder asking for another AGB code gets its own data, not a refusal: its filter is
    # dropped here and `scoped_agb` then limits the query to its own code.
    return None if principal.is_provider_only else agb


AgbFilter = Annotated[str | None, Depends(_agb_filter)]
"""The `agb` query filter of the list routes; pass it through `scoped_agb`."""


def parse_periode(code: str, name: str = "periode") -> Periode:
    try:
        return Periode.parse(code)
    except ValueError as exc:
        raise BadRequest(
            "1 invoerfout(en) gevonden.",
            [InvalidParam(name=name, code="periode", reason=str(exc))],
        ) from exc


async def _periode(
    periode: Annotated[str, Query(description="JJJJ, JJJJ-Qn of JJJJ-MM.", examples=["2026-Q1"])],
) -> Periode:
    return parse_periode(periode)


PeriodeParam = Annotated[Periode, Depends(_periode)]
