from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter
from wmo_finance.dependencies import ContractId
from wmo_finance.rollen import MagWerkverdelingLezen
from wmo_finance.werkverdelingen import service
from wmo_finance.werkverdelingen.schemas import WerkverdelingRead

router = ApiRouter(tags=["werkverdelingen"])


@router.get("/contracten/{contractId}/werkverdeling", response_model=WerkverdelingRead)
async def get_werkverdeling(
    contract_id: ContractId,
    session: DbSession,
    _: MagWerkverdelingLezen,
    van: Annotated[date, Query(description="Eerste dag van de periode.")],
    tot: Annotated[date, Query(description="Laatste dag van de periode (tot en met).")],
) -> WerkverdelingRead:
    """De werkverdeling van een taakgericht (lumpsum) contract over een periode: per partij het
    aandeel in de lumpsum naar geleverde zorg (start en stop per toewijzing, Wmo305/307) en de
    bijdrage die zij verschuldigd is aan de centrale uitvoeringsorganisatie van de coalitie."""
    return await service.werkverdeling(session, contract_id, van, tot)
