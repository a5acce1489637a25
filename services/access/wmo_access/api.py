"""Every router of the access service, mounted under /api/v1 by the app factory."""

from wmo_access.aanvragen.router import router as aanvragen
from wmo_access.beschikkingen.router import router as beschikkingen
from wmo_access.clienten.router import router as clienten
from wmo_access.indicaties.router import router as indicaties
from wmo_access.meldingen.router import router as meldingen
from wmo_access.ondersteuningsplannen.router import router as ondersteuningsplannen
from wmo_access.onderzoeken.router import router as onderzoeken
from wmo_access.overgangsdossiers.router import router as overgangsdossiers
from wmo_access.taken.router import router as taken
from wmo_access.toewijzingen.router import router as toewijzingen
from wmo_access.verzoeken.router import router as verzoeken

ROUTERS = [
    clienten,
    meldingen,
    onderzoeken,
    ondersteuningsplannen,
    aanvragen,
    beschikkingen,
    toewijzingen,
    verzoeken,
    overgangsdossiers,
    indicaties,
    taken,
]
