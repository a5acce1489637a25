"""The Annotated aliases finance's routes use: its settings, the ids in its paths and the
aanbieder filter. HTTP layer only: service modules never import this module."""

import uuid
from typing import Annotated

from fastapi import Depends, Path, Query

from wmo_common.dependencies import settings_dependency
from wmo_finance.settings import Settings

FinanceSettings = Annotated[Settings, Depends(settings_dependency(Settings))]

BudgetId = Annotated[uuid.UUID, Path(alias="budgetId", description="Id van de budgetregel.")]
BudgetplafondId = Annotated[
    uuid.UUID, Path(alias="budgetplafondId", description="Id van het budgetplafond.")
]
CakMeldingId = Annotated[uuid.UUID, Path(alias="cakMeldingId", description="Id van de melding.")]
DeclaratieId = Annotated[
    uuid.UUID, Path(alias="declaratieId", description="Id van de beoordeelde declaratie.")
]
RegelId = Annotated[uuid.UUID, Path(alias="regelId", description="Id van de regel.")]
TermijnId = Annotated[uuid.UUID, Path(alias="termijnId", description="Id van de termijn.")]
VerplichtingId = Annotated[
    uuid.UUID, Path(alias="verplichtingId", description="Id van de verplichting.")
]

AanbiederAgb = Annotated[
    str | None, Query(alias="aanbiederAgb", pattern=r"^[0-9]{8}$", description="AGB-code.")
]
"""Only this aanbieder's rows (an aanbieder itself always gets only its own)."""

Gemeente = Annotated[
    str | None,
    Query(
        alias="gemeente", pattern=r"^[0-9]{4}$", description="CBS-code van de gemeente die betaalt."
    ),
]
"""Only what this gemeente pays."""

SegmentId = Annotated[uuid.UUID | None, Query(alias="segmentId", description="Id van het segment.")]
"""Only this segment."""

ContractId = Annotated[uuid.UUID, Path(alias="contractId", description="Id van het contract.")]
