"""Every role set of the gateway's routes, named for what it allows."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from wmo_common.auth import Principal, Role, require_roles

MagBerichtenSturen = Annotated[Principal, Depends(require_roles(Role.PROVIDER))]
"""An aanbieder, sending its iWmo berichten (305, 307, 315, 317, 323, 302, 320)."""

MagBerichtenlogboekLezen = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.AUDITOR))
]
"""Operations and auditors, reading the log of received berichten and its retour codes."""

MagBerichtenHerverwerken = Annotated[Principal, Depends(require_roles(Role.OPERATIONS))]
"""Operations, re-processing a bericht whose processing failed."""

MagUitgaandeBerichtenLezen = Annotated[
    Principal, Depends(require_roles(Role.PROVIDER, Role.OPERATIONS, Role.AUDITOR))
]
"""An aanbieder (its own only), operations and auditors, reading the outgoing berichten."""

MagOntvangstBevestigen = Annotated[Principal, Depends(require_roles(Role.PROVIDER))]
"""An aanbieder, confirming it received one of its outgoing berichten."""

MagTermijnenLezen = Annotated[
    Principal, Depends(require_roles(Role.PROVIDER, Role.OPERATIONS, Role.AUDITOR))
]
"""An aanbieder (its own only), operations and auditors, reading the answer terms."""
