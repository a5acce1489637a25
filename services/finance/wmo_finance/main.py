from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_common.logboek import router as verwerkingen
from wmo_finance.budgetten.router import plafonds_router as budgetplafonds
from wmo_finance.budgetten.router import router as budgetten
from wmo_finance.cak_meldingen.router import router as cak_meldingen
from wmo_finance.declaraties.router import router as declaraties
from wmo_finance.lumpsumtermijnen.router import router as lumpsumtermijnen
from wmo_finance.reacties import CONSUMERS
from wmo_finance.settings import Settings
from wmo_finance.uitgaven.router import router as uitgaven
from wmo_finance.verplichtingen.router import router as verplichtingen
from wmo_finance.werkverdelingen.router import router as werkverdelingen

# Every router of the finance service, mounted under /api/v1 by the app factory.
ROUTERS = [
    budgetplafonds,
    budgetten,
    cak_meldingen,
    declaraties,
    lumpsumtermijnen,
    uitgaven,
    verplichtingen,
    verwerkingen,
    werkverdelingen,
]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite financiën",
        description="Budgetten, verplichtingen, declaraties, lumpsumtermijnen, werkverdelingen, "
        "uitgaven per gemeente en CAK-meldingen.",
        routers=ROUTERS,
        consumers=CONSUMERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
