"""Every table of the providers service, for Alembic."""

from wmo_providers.aanbieders.models import Aanbieder
from wmo_providers.db import Base

__all__ = ["Aanbieder", "Base"]
