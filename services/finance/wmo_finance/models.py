"""Every table of the finance service, for Alembic."""

from wmo_finance.budgetten.models import (
    Budget,
    Budgetdrempelmelding,
    Budgetplafond,
    Budgetplafondmelding,
)
from wmo_finance.cak_meldingen.models import (
    CakMelding,
    EigenBijdragePeriode,
    EigenBijdrageProduct,
    Zorgperiode,
)
from wmo_finance.db import Base
from wmo_finance.declaraties.models import Betaalbatch, Declaratie, Prestatie
from wmo_finance.leesmodellen.contracten.models import Contract, ContractTarief, Segment
from wmo_finance.leesmodellen.toewijzingen.models import (
    Indicatie,
    Resultaatevaluatie,
    Toewijzing,
    VerlopenIndicatie,
)
from wmo_finance.lumpsumtermijnen.models import Lumpsumtermijn
from wmo_finance.outputbetalingen.models import Outputbetaling, Zorgstart
from wmo_finance.verplichtingen.models import Verplichting, Verplichtingjaar

__all__ = [
    "Base",
    "Betaalbatch",
    "Budget",
    "Budgetdrempelmelding",
    "Budgetplafond",
    "Budgetplafondmelding",
    "CakMelding",
    "Contract",
    "ContractTarief",
    "Declaratie",
    "EigenBijdragePeriode",
    "EigenBijdrageProduct",
    "Indicatie",
    "Lumpsumtermijn",
    "Outputbetaling",
    "Prestatie",
    "Resultaatevaluatie",
    "Segment",
    "Toewijzing",
    "VerlopenIndicatie",
    "Verplichting",
    "Verplichtingjaar",
    "Zorgperiode",
    "Zorgstart",
]
