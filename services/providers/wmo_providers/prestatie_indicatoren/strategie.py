"""A segment's published strategy sets its KPI norms: the contract KPIs become the norms the
aanbieders are judged on, without a contract manager typing them in again."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.contracting import VerwervingsstrategieGepubliceerd
from wmo_providers.prestatie_indicatoren import repository
from wmo_providers.prestatie_indicatoren.models import Prestatienorm
from wmo_providers.prestatie_indicatoren.schemas import Indicator

TREEKNORM_CODES = frozenset({"treeknorm", "treeknorm-dagen"})
"""Strategy KPI codes that set the segment's Treeknorm (days from 301 to 305)."""


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


# A strategy KPI is measured here when its code names an indicator, in kebab or camel case.
_INDICATOREN = {_kebab(i.value): i for i in Indicator} | {i.value.lower(): i for i in Indicator}


async def apply_strategie(session: AsyncSession, event: VerwervingsstrategieGepubliceerd) -> None:
    """Replace the segment's norms by the measurable KPIs of the strategy; a strategy without
    any leaves norms set by hand alone. KPIs measured elsewhere are skipped."""
    normen: dict[str, str] = {}
    treeknorm: int | None = None
    for kpi in event.prestatie_indicatoren:
        waarde = kpi.streefwaarde
        code = kpi.code.lower()
        if code in TREEKNORM_CODES:
            treeknorm = int(waarde)
        elif code in _INDICATOREN:
            normen[_INDICATOREN[code].value] = str(waarde)
    if not normen and treeknorm is None:
        return
    norm = await repository.find_norm(session, event.segment_id)
    if norm is None:
        norm = Prestatienorm(segment_id=event.segment_id)
        session.add(norm)
    norm.normen = normen
    if treeknorm is not None:
        norm.treeknorm_dagen = treeknorm
    await session.flush()
