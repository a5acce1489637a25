"""Every role set of the contracting service, named for what it allows."""

from typing import Annotated

from fastapi import Depends

from wmo_common.auth import Principal, Role, require_roles

MagInkoopBeheren = Annotated[Principal, Depends(require_roles(Role.CONTRACT_MANAGER))]
"""Contract managers only: they record segments, verwervingsstrategieën, aanbestedingen, the
product catalogue and contracts (and change, extend, end and index them)."""

MagInkoopLezen = Annotated[
    Principal,
    Depends(
        require_roles(
            Role.CONTRACT_MANAGER, Role.CONSULTANT, Role.CONTROLLER, Role.AUDITOR, Role.OPERATIONS
        )
    ),
]
"""Contract managers, consultants, controllers, auditors and operations: they read the
municipality's procurement design and contracts. Aanbieders learn theirs from events."""

MagTermijncontroleStarten = Annotated[
    Principal, Depends(require_roles(Role.OPERATIONS, Role.CONTRACT_MANAGER))
]
"""Operations and contract managers: they run the periodic check of notice and option-decision
deadlines."""
