from fastapi import FastAPI

from wmo_access.aanbieders import handlers as aanbieders
from wmo_access.api import ROUTERS
from wmo_access.contracten import handlers as contracten
from wmo_access.settings import Settings
from wmo_access.toewijzingen import handlers as toewijzingen
from wmo_access.verzoeken import handlers as verzoeken
from wmo_common.events.contracting import (
    CONTRACTEN,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.gateway import (
    INBOUND,
    VerzoekToewijzingOntvangen,
    VerzoekWijzigingOntvangen,
    ZorgGestart,
    ZorgGestopt,
)
from wmo_common.events.providers import (
    AANBIEDERS,
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanbiederGewijzigd,
    SignaleringOpgeheven,
)
from wmo_common.http import create_service_app
from wmo_common.runtime import ConsumerSpec

READ_MODELS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            VerwervingsstrategieGepubliceerd: contracten.on_verwervingsstrategie_gepubliceerd,
            ContractGeactiveerd: contracten.on_contract_geactiveerd,
            ContractGewijzigd: contracten.on_contract_gewijzigd,
            ContractBeeindigd: contracten.on_contract_beeindigd,
        },
    ),
    ConsumerSpec(
        purpose="aanbieders",
        topics=[AANBIEDERS],
        handlers={
            AanbiederGeregistreerd: aanbieders.on_aanbieder,
            AanbiederGewijzigd: aanbieders.on_aanbieder,
            AanbiederGesignaleerd: aanbieders.on_aanbieder_gesignaleerd,
            SignaleringOpgeheven: aanbieders.on_signalering_opgeheven,
        },
    ),
]


def consumers(settings: Settings) -> list[ConsumerSpec]:
    return [
        *READ_MODELS,
        ConsumerSpec(
            purpose="berichten",
            topics=[INBOUND],
            handlers={
                ZorgGestart: toewijzingen.on_zorg_gestart,
                ZorgGestopt: toewijzingen.on_zorg_gestopt(settings.field_key_gateway),
                VerzoekToewijzingOntvangen: verzoeken.on_verzoek(settings.field_key_gateway),
                VerzoekWijzigingOntvangen: verzoeken.on_verzoek(settings.field_key_gateway),
            },
        ),
    ]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite toegang",
        description="Cliënten, meldingen, beschikkingen en toewijzingen.",
        routers=ROUTERS,
        consumers=consumers(settings),
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
