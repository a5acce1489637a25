"""The role sets of the finance service, each named for what it allows."""

from typing import Annotated

from fastapi import Depends

from wmo_common.auth import Principal, Role, require_roles

MagBudgettenBeheren = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
"""Sets budget lines and the thresholds of budgetplafonds: the controller."""

MagBudgettenLezen = Annotated[Principal, Depends(require_roles(Role.CONTROLLER, Role.AUDITOR))]
"""Reads budget lines with what is committed, realised and forecast: controller and auditor."""

MagBudgetplafondsLezen = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
"""Reads budgetplafonds: controller, contract manager, auditor, and an aanbieder its own."""

MagVerplichtingenLezen = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
"""Reads the verplichtingen per toewijzing: controller, contract manager and auditor."""

MagDeclaratiesLezen = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
"""Reads judged declaraties and betaalbatches: controller, contract manager, auditor, and an
aanbieder its own."""

MagLumpsumtermijnenBeheren = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
"""Sets a lumpsum in termijnen and records their payment: the controller."""

MagLumpsumtermijnenLezen = Annotated[
    Principal,
    Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR, Role.PROVIDER)),
]
"""Reads lumpsumtermijnen: controller, contract manager, auditor, and an aanbieder its own."""

MagEigenBijdrageProductenBeheren = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
"""Records and removes which products carry an eigen bijdrage: the controller."""

MagEigenBijdrageProductenLezen = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
"""Reads which products carry an eigen bijdrage: controller, contract manager and auditor."""

MagCakMeldingenVerwerken = Annotated[Principal, Depends(require_roles(Role.CONTROLLER))]
"""Records that a CAK-melding was sent and what the CAK answered: the controller."""

# The eigen bijdrage says something about a person's care: only finance and its auditors.
MagCakMeldingenLezen = Annotated[Principal, Depends(require_roles(Role.CONTROLLER, Role.AUDITOR))]
"""Reads the CAK-meldingen (per client pseudonym): controller and auditor."""

MagWerkverdelingLezen = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
"""Reads a lumpsum coalition's werkverdeling: controller, contract manager and auditor."""

MagUitgavenLezen = Annotated[
    Principal, Depends(require_roles(Role.CONTROLLER, Role.CONTRACT_MANAGER, Role.AUDITOR))
]
"""Reads spending per gemeente, segment and financing model: controller, contract manager and
auditor."""
