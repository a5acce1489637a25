"""Every router of the access service, mounted under /api/v1 by the app factory."""

from wmo_access.clienten.router import router as clienten

ROUTERS = [clienten]
