"""Toewijzingen: assigning an indicatie to a contracted aanbieder, changing and ending it. Each
step queues the event with the full Wmo301 content for the gateway; the aanbieder's start and
stop messages (305/307) record the delivery."""

from wmo_access.toewijzingen.service.afgifte import commit_afgifte, create_toewijzing
from wmo_access.toewijzingen.service.levering import (
    OnbekendeToewijzing,
    record_zorg_gestart,
    record_zorg_gestopt,
)
from wmo_access.toewijzingen.service.lezen import (
    SORTEERVELDEN,
    get_toewijzing,
    list_toewijzingen,
    to_read,
)
from wmo_access.toewijzingen.service.wijziging import change_toewijzing, end_toewijzing
from wmo_access.toewijzingen.service.wmo301 import omvang_of

__all__ = [
    "SORTEERVELDEN",
    "OnbekendeToewijzing",
    "change_toewijzing",
    "commit_afgifte",
    "create_toewijzing",
    "end_toewijzing",
    "get_toewijzing",
    "list_toewijzingen",
    "omvang_of",
    "record_zorg_gestart",
    "record_zorg_gestopt",
    "to_read",
]
