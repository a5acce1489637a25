"""Every table of the access service, for Alembic."""

from wmo_access.aanvragen.models import Aanvraag
from wmo_access.beschikkingen.models import Beschikking, Indicatie, Indicatiesignaal
from wmo_access.clienten.models import Client
from wmo_access.db import Base
from wmo_access.leesmodellen.aanbieders.models import Aanbieder, Signalering
from wmo_access.leesmodellen.contracten.models import Contract, Segment
from wmo_access.meldingen.models import Melding
from wmo_access.ondersteuningsplannen.models import Ondersteuningsplan, Resultaat
from wmo_access.onderzoeken.models import Onderzoek
from wmo_access.overgangsdossiers.models import Overgangsdossier
from wmo_access.taken.models import Taak
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.verzoeken.models import Verzoek
from wmo_access.waarschuwingen.models import ToewijzingWaarschuwing
from wmo_access.wachtlijsten.models import Aanmelding

__all__ = [
    "Aanbieder",
    "Aanmelding",
    "Aanvraag",
    "Base",
    "Beschikking",
    "Client",
    "Contract",
    "Indicatie",
    "Indicatiesignaal",
    "Melding",
    "Ondersteuningsplan",
    "Onderzoek",
    "Overgangsdossier",
    "Resultaat",
    "Segment",
    "Signalering",
    "Taak",
    "Toewijzing",
    "ToewijzingWaarschuwing",
    "Verzoek",
]
