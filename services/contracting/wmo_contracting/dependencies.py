"""Role aliases and settings the routers of this service share."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path, Request

from wmo_common.auth import Principal, Role, require_roles
from wmo_common.runtime import Runtime
from wmo_contracting.settings import Settings


def _settings(request: Request) -> Settings:
    # The settings the app was built with, so each test app can carry its own.
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if not isinstance(settings, Settings):
        raise TypeError("the contracting app must be built with wmo_contracting.settings.Settings")
    return settings


ContractingSettings = Annotated[Settings, Depends(_settings)]

Beheerder = Annotated[Principal, Depends(require_roles(Role.CONTRACT_MANAGER))]
"""Writes: only the contract manager records strategies, tenders and contracts."""

# The municipality's procurement design and contracts; providers learn theirs from events.
Lezer = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CONTRACT_MANAGER, Role.CONSULTANT, Role.CONTROLLER, Role.AUDITOR, Role.OPERATIONS
        )
    ),
]
"""Reads."""

Planner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.CONTRACT_MANAGER))]
"""Runs the periodic deadline check."""

SegmentId = Annotated[uuid.UUID, Path(alias="segmentId", description="Id van het segment.")]
