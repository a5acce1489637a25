from fastapi import FastAPI

from wmo_common.events.access import (
    INDICATIES,
    TOEWIJZINGEN,
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
    ToewijzingBeeindigd,
    ToewijzingGewijzigd,
)
from wmo_common.events.contracting import (
    CONTRACTEN,
    ContractBeeindigd,
    ContractGeactiveerd,
    ContractGewijzigd,
)
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld
from wmo_common.events.gateway import INBOUND, ZorgGestart, ZorgGestopt
from wmo_common.http import create_service_app
from wmo_common.runtime import ConsumerSpec
from wmo_providers.aanbieders import handlers as aanbieders
from wmo_providers.api import ROUTERS
from wmo_providers.prestatie_indicatoren import handlers as kpi
from wmo_providers.settings import Settings

CONSUMERS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            ContractGeactiveerd: aanbieders.on_contract_geactiveerd,
            ContractGewijzigd: aanbieders.on_contract_gewijzigd,
            ContractBeeindigd: aanbieders.on_contract_beeindigd,
        },
    ),
    ConsumerSpec(
        purpose="prestatie-indicatoren",
        topics=[TOEWIJZINGEN, INBOUND, DECLARATIES, INDICATIES],
        handlers={
            ToewijzingAfgegeven: kpi.on_toewijzing,
            ToewijzingGewijzigd: kpi.on_toewijzing,
            ToewijzingBeeindigd: kpi.on_toewijzing,
            ZorgGestart: kpi.on_zorg_gestart,
            ZorgGestopt: kpi.on_zorg_gestopt,
            DeclaratieBeoordeeld: kpi.on_declaratie_beoordeeld,
            ResultaatGeevalueerd: kpi.on_resultaat_geevalueerd,
        },
    ),
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
