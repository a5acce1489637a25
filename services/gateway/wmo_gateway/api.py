"""Every router of the gateway service, mounted under /api/v1 by the app factory."""

from wmo_gateway.uitgaande_berichten.router import router as uitgaande_berichten

ROUTERS = [uitgaande_berichten]
