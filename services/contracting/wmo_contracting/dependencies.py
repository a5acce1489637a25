"""The Annotated aliases the contracting routes use: the app's settings and path parameters."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Path

from wmo_common.dependencies import settings_dependency
from wmo_contracting.settings import Settings

ContractingSettings = Annotated[Settings, Depends(settings_dependency(Settings))]
"""The settings the running app was built with."""

AanbestedingId = Annotated[
    uuid.UUID, Path(alias="aanbestedingId", description="Id van de aanbesteding.")
]
ContractId = Annotated[uuid.UUID, Path(alias="contractId", description="Id van het contract.")]
PerceelId = Annotated[uuid.UUID, Path(alias="perceelId", description="Id van het perceel.")]
ProductId = Annotated[uuid.UUID, Path(alias="productId", description="Id van het product.")]
SegmentId = Annotated[uuid.UUID, Path(alias="segmentId", description="Id van het segment.")]
StrategieId = Annotated[
    uuid.UUID,
    Path(alias="verwervingsstrategieId", description="Id van de verwervingsstrategie (versie)."),
]
