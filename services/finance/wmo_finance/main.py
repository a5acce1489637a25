from fastapi import FastAPI

from wmo_common.events.access import (
    INDICATIES,
    TOEWIJZINGEN,
    IndicatieVerlopen,
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
    VerwervingsstrategieGepubliceerd,
)
from wmo_common.events.gateway import INBOUND, DeclaratieOntvangen, ZorgGestart, ZorgGestopt
from wmo_common.http import create_service_app
from wmo_common.runtime import ConsumerSpec
from wmo_finance.api import ROUTERS
from wmo_finance.cak_meldingen import handlers as cak_meldingen
from wmo_finance.contracten import handlers as contracten
from wmo_finance.declaraties import handlers as declaraties
from wmo_finance.settings import Settings
from wmo_finance.toewijzingen import handlers as toewijzingen
from wmo_finance.verplichtingen import handlers as verplichtingen

CONSUMERS = [
    ConsumerSpec(
        purpose="contracten",
        topics=[CONTRACTEN],
        handlers={
            VerwervingsstrategieGepubliceerd: contracten.on_verwervingsstrategie_gepubliceerd,
            ContractGeactiveerd: contracten.on_contract,
            ContractGewijzigd: contracten.on_contract,
            ContractBeeindigd: contracten.on_contract_beeindigd,
        },
    ),
    ConsumerSpec(
        purpose="toewijzingen",
        topics=[TOEWIJZINGEN, INDICATIES],
        handlers={
            ToewijzingAfgegeven: toewijzingen.on_toewijzing,
            ToewijzingGewijzigd: toewijzingen.on_toewijzing,
            ToewijzingBeeindigd: toewijzingen.on_toewijzing,
            ResultaatGeevalueerd: verplichtingen.on_resultaat_geevalueerd,
            IndicatieVerlopen: toewijzingen.on_indicatie_verlopen,
        },
    ),
    ConsumerSpec(
        purpose="declaraties",
        topics=[INBOUND],
        handlers={DeclaratieOntvangen: declaraties.on_declaratie_ontvangen},
    ),
    # Its own group: a long run of declaraties never delays what the CAK must hear in time.
    ConsumerSpec(
        purpose="cak-meldingen",
        topics=[INBOUND],
        handlers={
            ZorgGestart: cak_meldingen.on_zorg_gestart,
            ZorgGestopt: cak_meldingen.on_zorg_gestopt,
        },
    ),
]


def create_app(settings: Settings) -> FastAPI:
    return create_service_app(
        settings,
        title="wmo-suite financiën",
        description="Budgetten, verplichtingen, declaraties, lumpsumtermijnen en CAK-meldingen.",
        routers=ROUTERS,
        consumers=CONSUMERS,
    )


def app_from_env() -> FastAPI:
    """Entry point for uvicorn --factory: settings from the environment."""
    return create_app(Settings())
