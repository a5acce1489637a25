from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_finance.api import ROUTERS
from wmo_finance.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite financiën",
        description="Budgetten, verplichtingen, declaraties en lumpsumtermijnen.",
        routers=ROUTERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
