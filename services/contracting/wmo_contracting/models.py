"""Every table of the contracting service, for Alembic."""

from wmo_contracting.aanbestedingen.models import Aanbesteding, Gunningspartij, Perceel
from wmo_contracting.contracten.models import (
    Contract,
    Contractpartij,
    Contractproduct,
    Contractwijziging,
    Tarief,
    Termijnmelding,
    Verlengingsoptie,
)
from wmo_contracting.db import Base
from wmo_contracting.producten.models import Product
from wmo_contracting.segmenten.models import Segment
from wmo_contracting.verwervingsstrategieen.models import Verwervingsstrategie

__all__ = [
    "Aanbesteding",
    "Base",
    "Contract",
    "Contractpartij",
    "Contractproduct",
    "Contractwijziging",
    "Gunningspartij",
    "Perceel",
    "Product",
    "Segment",
    "Tarief",
    "Termijnmelding",
    "Verlengingsoptie",
    "Verwervingsstrategie",
]
