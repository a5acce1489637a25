"""Every router of the finance service, mounted under /api/v1 by the app factory."""

from wmo_finance.budgetten.router import router as budgetten

ROUTERS = [budgetten]
