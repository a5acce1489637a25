"""The access service (toegang): its routers, its reactions and its app factory."""

from fastapi import FastAPI

from wmo_access.aanvragen.router import router as aanvragen
from wmo_access.beschikkingen.brief.router import router as brieven
from wmo_access.beschikkingen.router import router as beschikkingen
from wmo_access.clienten.router import router as clienten
from wmo_access.dossiers.router import router as dossiers
from wmo_access.indicaties.router import router as indicaties
from wmo_access.logboek.router import router as logboek
from wmo_access.meldingen.router import router as meldingen
from wmo_access.ondersteuningsplannen.router import router as ondersteuningsplannen
from wmo_access.onderzoeken.router import router as onderzoeken
from wmo_access.overgangsdossiers.router import router as overgangsdossiers
from wmo_access.reacties import CONSUMERS
from wmo_access.scheduler import BACKGROUND
from wmo_access.settings import Settings
from wmo_access.taken.router import router as taken
from wmo_access.toewijzingen.router import router as toewijzingen
from wmo_access.verwijsadviezen.router import router as verwijsadviezen
from wmo_access.verzoeken.router import router as verzoeken
from wmo_access.waarschuwingen.router import router as waarschuwingen
from wmo_access.wachtlijsten.router import router as wachtlijsten
from wmo_common.http import create_service_app
from wmo_common.logboek import router as verwerkingen

# Mounted under /api/v1 by the app factory.
ROUTERS = [
    clienten,
    dossiers,
    meldingen,
    onderzoeken,
    ondersteuningsplannen,
    aanvragen,
    beschikkingen,
    brieven,
    toewijzingen,
    verzoeken,
    overgangsdossiers,
    indicaties,
    taken,
    waarschuwingen,
    verwijsadviezen,
    wachtlijsten,
    logboek,
    verwerkingen,
]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite toegang",
        description="Cliënten, meldingen, beschikkingen en toewijzingen.",
        routers=ROUTERS,
        consumers=CONSUMERS,
        background=BACKGROUND,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
