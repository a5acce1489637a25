"""Every router of the providers service, mounted under /api/v1 by the app factory."""

from wmo_providers.aanbieders.router import router as aanbieders
from wmo_providers.kwaliteitsdocumenten.router import router as kwaliteitsdocumenten
from wmo_providers.leveranciersgesprekken.router import router as leveranciersgesprekken
from wmo_providers.marktconcentratie.router import router as marktconcentratie
from wmo_providers.prestatie_indicatoren.router import router as prestatie_indicatoren
from wmo_providers.signaleringen.router import router as signaleringen

ROUTERS = [
    aanbieders,
    kwaliteitsdocumenten,
    prestatie_indicatoren,
    marktconcentratie,
    leveranciersgesprekken,
    signaleringen,
]
