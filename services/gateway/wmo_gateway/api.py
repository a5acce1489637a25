"""Every router of the gateway service, mounted under /api/v1 by the app factory."""

from wmo_gateway.berichten.router import router as berichten
from wmo_gateway.termijnen.router import router as termijnen
from wmo_gateway.uitgaande_berichten.router import router as uitgaande_berichten

ROUTERS = [berichten, uitgaande_berichten, termijnen]
