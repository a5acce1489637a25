"""Every table of the contracting service, for Alembic."""

from wmo_contracting.db import Base
from wmo_contracting.segmenten.models import Segment

__all__ = ["Base", "Segment"]
