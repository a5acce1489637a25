from datetime import datetime
from typing import ClassVar

from sqlalchemy import DateTime
from sqlalchemy.orm import DeclarativeBase

from wmo_common.db import naming_metadata


class Base(DeclarativeBase):
    """Base of the tables the contracting service owns."""

    metadata = naming_metadata()
    type_annotation_map: ClassVar[dict[type[datetime], DateTime]] = {
        datetime: DateTime(timezone=True)
    }
