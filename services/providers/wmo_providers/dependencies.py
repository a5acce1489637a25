"""Role aliases and path parameters the routers of this service share."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.problems import BadRequest, InvalidParam
from wmo_common.runtime import Runtime
from wmo_providers.kalender import Periode
from wmo_providers.settings import Settings


def _settings(request: Request) -> Settings:
    # The settings the app was built with, so each test app can carry its own.
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if not isinstance(settings, Settings):
        raise TypeError("the providers app must be built with wmo_providers.settings.Settings")
    return settings


ProvidersSettings = Annotated[Settings, Depends(_settings)]

Beheerder = Annotated[Principal, Depends(require_roles(Role.CONTRACT_MANAGER))]
"""Writes: the contract manager steers the providers."""

Lezer = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CONTRACT_MANAGER,
            Role.CONSULTANT,
            Role.CONTROLLER,
            Role.AUDITOR,
            Role.OPERATIONS,
            Role.PROVIDER,
        )
    ),
]
"""Reads; a provider token is limited to its own AGB code by each route."""

Regiolezer = Annotated[
    Principal,
    Depends(require_roles(Role.CONTRACT_MANAGER, Role.CONTROLLER, Role.AUDITOR)),
]
"""Reads about the whole market, which no single provider may see."""

Planner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.CONTRACT_MANAGER))]
"""Runs the periodic checks (expiry, KPI evaluation)."""

Agb = Annotated[str, Path(pattern=r"^\d{8}$", description="AGB-code van de aanbieder.")]


def parse_periode(code: str, name: str = "periode") -> Periode:
    try:
        return Periode.parse(code)
    except ValueError as exc:
        raise BadRequest(
            "1 invoerfout(en) gevonden.",
            [InvalidParam(name=name, code="periode", reason=str(exc))],
        ) from exc


def _periode(
    periode: Annotated[str, Query(description="JJJJ, JJJJ-Qn of JJJJ-MM.", examples=["2026-Q1"])],
) -> Periode:
    return parse_periode(periode)


PeriodeParam = Annotated[Periode, Depends(_periode)]
