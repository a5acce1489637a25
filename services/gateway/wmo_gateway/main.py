"""The gateway's app: its routers, its reactions (reacties.py) and its deadline watch
(scheduler.py)."""

from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_common.logboek import router as verwerkingen
from wmo_gateway.berichten.router import router as berichten
from wmo_gateway.ggk.router import router as ggk
from wmo_gateway.ggk.router import serve_ggk
from wmo_gateway.ggk.verzender import send_ggk
from wmo_gateway.reacties import CONSUMERS
from wmo_gateway.scheduler import watch_deadlines
from wmo_gateway.settings import Settings
from wmo_gateway.termijnen.router import router as termijnen
from wmo_gateway.uitgaande_berichten.router import router as uitgaande_berichten

ROUTERS = [berichten, uitgaande_berichten, termijnen, ggk, verwerkingen]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite berichtenverkeer",
        description="iWmo-berichten van en naar zorgaanbieders (via GGK/VECOZO).",
        routers=ROUTERS,
        consumers=CONSUMERS,
        background=[watch_deadlines, serve_ggk, send_ggk],
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
