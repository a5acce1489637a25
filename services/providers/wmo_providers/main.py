from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_providers.api import ROUTERS
from wmo_providers.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite leveranciersmanagement",
        description="Aanbieders, kwaliteit, prestatie-indicatoren en signaleringen.",
        routers=ROUTERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
