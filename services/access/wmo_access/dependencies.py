"""The Annotated aliases the access routes use: the app's settings, path ids, If-Match."""

import uuid
from typing import Annotated, Any

from fastapi import Depends, Path

from wmo_access.settings import Settings
from wmo_common.dependencies import IfMatch, set_etag, settings_dependency
from wmo_common.problems import ProblemDetail

__all__ = [
    "VERSIE_RESPONSES",
    "AanvraagId",
    "AccessSettings",
    "BeschikkingId",
    "ClientId",
    "IfMatch",
    "MeldingId",
    "OndersteuningsplanId",
    "OnderzoekId",
    "OvergangsdossierId",
    "ResultaatId",
    "ToewijzingId",
    "VerzoekId",
    "set_etag",
]

AccessSettings = Annotated[Settings, Depends(settings_dependency(Settings))]
"""The settings the running app was built with (its keys)."""

AanvraagId = Annotated[uuid.UUID, Path(alias="aanvraagId", description="Id van de aanvraag.")]
BeschikkingId = Annotated[
    uuid.UUID, Path(alias="beschikkingId", description="Id van de beschikking.")
]
ClientId = Annotated[uuid.UUID, Path(alias="clientId", description="Id van de cliënt.")]
MeldingId = Annotated[uuid.UUID, Path(alias="meldingId", description="Id van de melding.")]
OndersteuningsplanId = Annotated[
    uuid.UUID, Path(alias="ondersteuningsplanId", description="Id van het ondersteuningsplan.")
]
ResultaatId = Annotated[uuid.UUID, Path(alias="resultaatId", description="Id van het resultaat.")]
OnderzoekId = Annotated[uuid.UUID, Path(alias="onderzoekId", description="Id van het onderzoek.")]
OvergangsdossierId = Annotated[
    uuid.UUID, Path(alias="overgangsdossierId", description="Id van het overgangsdossier.")
]
ToewijzingId = Annotated[uuid.UUID, Path(alias="toewijzingId", description="Id van de toewijzing.")]
VerzoekId = Annotated[uuid.UUID, Path(alias="verzoekId", description="Id van het verzoek.")]

VERSIE_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ProblemDetail,
        "content": {"application/problem+json": {}},
        "description": description,
    }
    for status, description in {
        412: "De If-Match-header noemt een oudere versie: lees de resource opnieuw.",
        428: "De If-Match-header met de ETag van de gelezen versie ontbreekt.",
    }.items()
}
"""The answers of a route that takes `IfMatch`, for its `responses=`. Declare the route's role
before `IfMatch` in its signature: FastAPI resolves dependencies in that order, so a caller
without the role hears 403, not 428."""
