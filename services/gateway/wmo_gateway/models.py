"""Every table of the gateway service, for Alembic."""

from wmo_gateway.berichten.models import Bericht
from wmo_gateway.db import Base
from wmo_gateway.ggk.models import GgkZending
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing
from wmo_gateway.uitgaande_berichten.models import UitgaandBericht

__all__ = ["Base", "Bericht", "GgkZending", "Toewijzing", "UitgaandBericht"]
