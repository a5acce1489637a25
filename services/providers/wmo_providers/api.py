"""Every router of the providers service, mounted under /api/v1 by the app factory."""

from wmo_providers.aanbieders.router import router as aanbieders

ROUTERS = [aanbieders]
