from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import DeclarativeBase

from wmo_common.db import naming_metadata


class Base(DeclarativeBase):
    """Base of the tables the providers service owns."""

    metadata = naming_metadata()
    type_annotation_map = {datetime: DateTime(timezone=True)}
