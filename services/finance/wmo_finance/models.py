"""Every table of the finance service, for Alembic."""

from wmo_finance.budgetten.models import Budget
from wmo_finance.db import Base

__all__ = ["Base", "Budget"]
