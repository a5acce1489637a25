"""Verzoeken (Wmo315/317) from aanbieders: received from the gateway, decided by the segment's
rules or by a consultant, and answered."""

from wmo_access.verzoeken.service.beslissing import (
    SORTEERVELDEN,
    decide_verzoek,
    get_verzoek,
    list_verzoeken,
    to_read,
)
from wmo_access.verzoeken.service.ontvangst import OnbekendeClient, receive_verzoek

__all__ = [
    "SORTEERVELDEN",
    "OnbekendeClient",
    "decide_verzoek",
    "get_verzoek",
    "list_verzoeken",
    "receive_verzoek",
    "to_read",
]
