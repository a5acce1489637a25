from fastapi import FastAPI

from wmo_common.events.access import (
    TOEWIJZINGEN,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
    VerzoekBeantwoord,
)
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld
from wmo_common.http import create_service_app
from wmo_common.runtime import ConsumerSpec
from wmo_gateway.api import ROUTERS
from wmo_gateway.berichten import handlers as berichten
from wmo_gateway.settings import Settings
from wmo_gateway.termijnen.watch import watch_deadlines
from wmo_gateway.toewijzingen.handlers import toewijzing_handler


def consumers(settings: Settings) -> list[ConsumerSpec]:
    on_toewijzing = toewijzing_handler(settings)
    return [
        ConsumerSpec(
            purpose="toewijzingen",
            topics=[TOEWIJZINGEN],
            handlers={
                ToewijzingAfgegeven: on_toewijzing,
                ToewijzingGewijzigd: on_toewijzing,
                ToewijzingBeeindigd: on_toewijzing,
                VerzoekBeantwoord: berichten.on_verzoek_beantwoord,
            },
        ),
        ConsumerSpec(
            purpose="declaraties",
            topics=[DECLARATIES],
            handlers={DeclaratieBeoordeeld: berichten.on_declaratie_beoordeeld},
        ),
    ]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite berichtenverkeer",
        description="iWmo-berichten van en naar zorgaanbieders (via GGK/VECOZO).",
        routers=ROUTERS,
        consumers=consumers(settings),
        background=[watch_deadlines],
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
