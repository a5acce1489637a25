"""The providers service (leveranciersmanagement): its routers, its reactions and its app
factory."""

from fastapi import FastAPI

from wmo_common.http import create_service_app
from wmo_common.logboek import router as verwerkingen
from wmo_providers.aanbieders.router import router as aanbieders
from wmo_providers.aanmeldstops.router import router as aanmeldstops
from wmo_providers.kwaliteitsdocumenten.router import router as kwaliteitsdocumenten
from wmo_providers.leveranciersgesprekken.router import router as leveranciersgesprekken
from wmo_providers.marktconcentratie.router import router as marktconcentratie
from wmo_providers.prestatie_indicatoren.router import router as prestatie_indicatoren
from wmo_providers.reacties import CONSUMERS
from wmo_providers.settings import Settings
from wmo_providers.signaleringen.router import router as signaleringen

# Mounted under /api/v1 by the app factory.
ROUTERS = [
    aanbieders,
    aanmeldstops,
    kwaliteitsdocumenten,
    prestatie_indicatoren,
    marktconcentratie,
    leveranciersgesprekken,
    signaleringen,
    verwerkingen,
]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite leveranciersmanagement",
        description=(
            "Aanbieders, kwaliteit, prestatie-indicatoren, marktconcentratie,"
            " leveranciersgesprekken en signaleringen."
        ),
        routers=ROUTERS,
        consumers=CONSUMERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
