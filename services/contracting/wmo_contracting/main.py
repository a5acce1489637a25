from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_contracting.api import ROUTERS
from wmo_contracting.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite inkoop en contractering",
        description="Segmenten, verwervingsstrategieën, aanbestedingen, contracten en tarieven.",
        routers=ROUTERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
