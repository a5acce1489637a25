from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_gateway.api import ROUTERS
from wmo_gateway.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite berichtenverkeer",
        description="iWmo-berichten van en naar zorgaanbieders (via GGK/VECOZO).",
        routers=ROUTERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
