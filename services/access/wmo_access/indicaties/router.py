from __future__ import annotations

from wmo_access.indicaties import service
from wmo_access.indicaties.schemas import Verloopcontrole, VerloopcontroleResultaat
from wmo_access.rollen import MagVerloopcontroleStarten
from wmo_common.calendar import today
from wmo_common.db import DbSession
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/indicaties", tags=["indicaties"])


@router.post("/_verloopcontrole", response_model=VerloopcontroleResultaat)
async def check_expiry(
    body: Verloopcontrole, session: DbSession, _: MagVerloopcontroleStarten
) -> VerloopcontroleResultaat:
    """Meld indicaties binnen de herindicatietermijn van hun segment (indicatie-verloopt, met een
    herindicatietaak) en indicaties op hun einddatum (indicatie-verlopen; de toewijzing eindigt).
    Elke melding gebeurt eenmaal per indicatie: veilig om te herhalen, ook parallel."""
    result = await service.check_expiry(session, body.peildatum or today())
    await session.commit()
    return result
