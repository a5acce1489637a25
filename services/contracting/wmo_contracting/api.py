"""Every router of the contracting service, mounted under /api/v1 by the app factory."""

from wmo_contracting.aanbestedingen.router import router as aanbestedingen
from wmo_contracting.contracten.router import router as contracten
from wmo_contracting.producten.router import router as producten
from wmo_contracting.segmenten.router import router as segmenten
from wmo_contracting.verwervingsstrategieen.router import router as verwervingsstrategieen

ROUTERS = [segmenten, verwervingsstrategieen, aanbestedingen, producten, contracten]
