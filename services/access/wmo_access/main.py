from fastapi import FastAPI

from wmo_access.api import ROUTERS
from wmo_access.settings import Settings
from wmo_common.http import create_service_app


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite toegang",
        description="Cliënten, meldingen, beschikkingen en toewijzingen.",
        routers=ROUTERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
