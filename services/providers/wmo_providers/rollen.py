"""Every role set of the providers service, named for what it allows."""

from typing import Annotated

from fastapi import Depends

from wmo_common.auth import Principal, Role, require_roles

MagAanbiedersBeheren = Annotated[Principal, Depends(require_roles(Role.CONTRACT_MANAGER))]
"""Contract managers only: they steer the aanbieders (register and change them, record their
kwaliteitsdocumenten, leveranciersgesprekken and afspraken, set KPI norms, raise and lift
signaleringen)."""

MagAanbiedersLezen = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CONTRACT_MANAGER,
            Role.CONSULTANT,
            Role.CONTROLLER,
            Role.AUDITOR,
            Role.OPERATIONS,
            Role.PROVIDER,
        )
    ),
]
"""Contract managers, consultants, controllers, auditors, operations and aanbieders: they read
about aanbieders; an aanbieder reads only what concerns its own AGB code."""

MagMarktLezen = Annotated[
    Principal,
    Depends(require_roles(Role.CONTRACT_MANAGER, Role.CONTROLLER, Role.AUDITOR)),
]
"""Contract managers, controllers and auditors: they read about the whole market (market
concentration, the norms of every segment), which no single aanbieder may see."""

MagChecksStarten = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.CONTRACT_MANAGER))
]
"""Operations and contract managers: they run the periodic checks (expiring
kwaliteitsdocumenten, KPI evaluation)."""

MagAanmeldstopsBeheren = Annotated[
    Principal, Depends(require_roles(Role.CONTRACT_MANAGER, Role.PROVIDER))
]
"""Contract managers and aanbieders: an aanbieder announces and ends its own aanmeldstops (in
writing, art. 3.6), a contract manager may record one on its behalf."""
