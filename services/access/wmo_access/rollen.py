"""Every role set of the access service, named for what it allows."""

from typing import Annotated

from fastapi import Depends

from wmo_common.auth import Principal, Role, require_roles

MagToegangWijzigen = Annotated[Principal, Depends(require_roles(Role.CONSULTANT))]
"""Consultants only: they change a client's file (cliënt, melding, onderzoek, plan, aanvraag,
beschikking, toewijzing, verzoek, overgangsdossier)."""

MagToegangLezen = Annotated[Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR))]
"""Consultants and auditors: they read a client's file and the werkvoorraad inside toegang."""

MagClientInzien = Annotated[
    Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR, Role.PROVIDER))
]
"""Consultants, auditors and aanbieders: an aanbieder sees only clients it holds a toewijzing
for."""

MagToewijzingenLezen = Annotated[
    Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR, Role.PROVIDER))
]
"""Consultants, auditors and aanbieders: an aanbieder reads only toewijzingen to its own AGB."""

MagVerloopcontroleStarten = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.CONSULTANT))
]
"""Operations and consultants: they run the periodic indicatie expiry check."""

MagVerwerkingenLezen = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]
"""Auditors only: the Logboek Dataverwerkingen names who processed which client's data."""
