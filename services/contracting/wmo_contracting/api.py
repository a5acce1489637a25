"""Every router of the contracting service, mounted under /api/v1 by the app factory."""

from wmo_contracting.segmenten.router import router as segmenten

ROUTERS = [segmenten]
