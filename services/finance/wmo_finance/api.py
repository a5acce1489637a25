"""Every router of the finance service, mounted under /api/v1 by the app factory."""

from wmo_finance.budgetten.router import plafonds_router as budgetplafonds
from wmo_finance.budgetten.router import router as budgetten
from wmo_finance.cak_meldingen.router import router as cak_meldingen
from wmo_finance.declaraties.router import router as declaraties
from wmo_finance.lumpsumtermijnen.router import router as lumpsumtermijnen
from wmo_finance.verplichtingen.router import router as verplichtingen

ROUTERS = [budgetplafonds, budgetten, cak_meldingen, declaraties, lumpsumtermijnen, verplichtingen]
