"""The Annotated aliases the gateway's routes use: its settings and its path parameters."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from wmo_common.dependencies import settings_dependency
from wmo_gateway.settings import Settings

GatewaySettings = Annotated[Settings, Depends(settings_dependency(Settings))]

BerichtId = Annotated[
    uuid.UUID, Path(alias="berichtId", description="Id van het ontvangen bericht.")
]
UitgaandBerichtId = Annotated[
    uuid.UUID, Path(alias="berichtId", description="Id van het uitgaande bericht.")
]
