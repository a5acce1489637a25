"""The contracting service (inkoop en contractering): its routers, its reactions and its app
factory."""

from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_common.logboek import router as verwerkingen
from wmo_contracting.aanbestedingen.router import router as aanbestedingen
from wmo_contracting.contracten.router import router as contracten
from wmo_contracting.producten.router import router as producten
from wmo_contracting.reacties import CONSUMERS
from wmo_contracting.segmenten.router import router as segmenten
from wmo_contracting.settings import Settings
from wmo_contracting.verwervingsstrategieen.router import router as verwervingsstrategieen

# Mounted under /api/v1 by the app factory.
ROUTERS = [segmenten, verwervingsstrategieen, aanbestedingen, producten, contracten, verwerkingen]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite inkoop en contractering",
        description="Segmenten, verwervingsstrategieën, aanbestedingen, contracten en tarieven.",
        routers=ROUTERS,
        consumers=CONSUMERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
