"""Every table of the access service, for Alembic."""

from wmo_access.clienten.models import Client
from wmo_access.db import Base

__all__ = ["Base", "Client"]
