"""Every table of the providers service, for Alembic."""

from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.aanmeldstops.models import Aanmeldstop
from wmo_providers.db import Base
from wmo_providers.kwaliteitsdocumenten.models import Kwaliteitsdocument, Verloopmelding
from wmo_providers.leesmodellen.contracten.models import Contract, Contractpartij
from wmo_providers.leesmodellen.strategieen.models import Segmentbeleid
from wmo_providers.leveranciersgesprekken.models import Afspraak, Leveranciersgesprek
from wmo_providers.prestatie_indicatoren.models import (
    DeclaratieregelFeit,
    Prestatienorm,
    ResultaatFeit,
    ToewijzingFeit,
)
from wmo_providers.signaleringen.models import Signalering

__all__ = [
    "Aanbieder",
    "Aanmeldstop",
    "Afspraak",
    "Base",
    "Contract",
    "Contractpartij",
    "DeclaratieregelFeit",
    "Kwaliteitsdocument",
    "Leveranciersgesprek",
    "Prestatienorm",
    "ResultaatFeit",
    "Segmentbeleid",
    "Signalering",
    "ToewijzingFeit",
    "Verloopmelding",
]
