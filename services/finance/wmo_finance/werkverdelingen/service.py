"""The werkverdeling of a lumpsum coalition: who delivered how much of the care the lumpsum
pays for, and what each partij owes the coalition's central organisation.

Delivered care is counted in days of care per toewijzing, from the start the aanbieder reported
(Wmo305) to the stop (Wmo307), or to the toewijzing's end or the period's end while it runs;
a toewijzing counts for the partij it was issued to (a combinant, a strategische partner, or an
onderaannemer serving it for the coalition). The lumpsum of the period (its termijnen, every
gemeente) is divided over the partijen by their days (`bekostiging.verdeel`, in AGB order);
each partij owes the uitvoeringsbijdrage percentage of its share, rounded once, half-up.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.bekostiging import HONDERD, days, to_cents, verdeel
from wmo_finance.cak_meldingen.perioden import Zorgfeit as Feit
from wmo_finance.cak_meldingen.perioden import per_toewijzing
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.lumpsumtermijnen import repository as termijnen
from wmo_finance.lumpsumtermijnen.errors import ContractNietTaakgericht
from wmo_finance.werkverdelingen import repository
from wmo_finance.werkverdelingen.errors import ContractNietGevonden, PeriodeOngeldig
from wmo_finance.werkverdelingen.schemas import WerkverdelingPartijRead, WerkverdelingRead

ROLVOLGORDE = {"hoofdaannemer": 0, "combinant": 1, "strategische-partner": 2, "onderaannemer": 3}


async def werkverdeling(
    session: AsyncSession, contract_id: uuid.UUID, van: date, tot: date
) -> WerkverdelingRead:
    if tot < van:
        raise PeriodeOngeldig()
    contract = await contracten.find_contract(session, contract_id)
    if contract is None:
        raise ContractNietGevonden()
    if contract.bekostigingsmodel != "taakgericht":
        raise ContractNietTaakgericht()
    bijdrage_pct = contract.uitvoeringsbijdrage_percentage
    if bijdrage_pct is None:
        segment = await contracten.find_segment(session, contract.segment_id)
        bijdrage_pct = segment.uitvoeringsbijdrage_percentage if segment else None
    pct = bijdrage_pct or Decimal(0)
    partijen = sorted(contract.partijen, key=lambda p: str(p["agb"]))
    rollen = {str(p["agb"]): str(p["rol"]) for p in partijen}
    zorgdagen = await _zorgdagen(session, contract.segment_id, list(rollen), van, tot)
    lumpsum = await termijnen.sum_within(session, contract.id, van, tot)
    aandelen = verdeel(lumpsum, {agb: Decimal(zorgdagen.get(agb, 0)) for agb in rollen})
    totaal_dagen = sum(zorgdagen.values())
    regels = []
    for agb, rol in rollen.items():
        aandeel = aandelen[agb] if totaal_dagen else 0
        bijdrage = to_cents(Decimal(aandeel) * pct / HONDERD)
        regels.append(
            WerkverdelingPartijRead(
                aanbieder_agb=agb,
                rol=rol,
                zorgdagen=zorgdagen.get(agb, 0),
                aandeel_cents=aandeel,
                bijdrage_cents=bijdrage,
                netto_cents=aandeel - bijdrage,
            )
        )
    regels.sort(key=lambda r: (ROLVOLGORDE.get(r.rol, 9), r.aanbieder_agb))
    return WerkverdelingRead(
        contract_id=contract.id,
        contractnummer=contract.contractnummer,
        hoofdaannemer_agb=contract.hoofdaannemer_agb,
        van=van,
        tot=tot,
        lumpsum_cents=lumpsum,
        uitvoeringsbijdrage_percentage=pct,
        zorgdagen=totaal_dagen,
        partijen=regels,
        bijdrage_totaal_cents=sum(r.bijdrage_cents for r in regels),
        niet_verdeeld_cents=0 if totaal_dagen else lumpsum,
    )


async def _zorgdagen(
    session: AsyncSession, segment_id: uuid.UUID, agbs: list[str], van: date, tot: date
) -> dict[str, int]:
    """Per partij the days of care within [van, tot] on the toewijzingen it serves."""
    feiten = await repository.list_zorgfeiten(session, segment_id=segment_id, aanbieders=agbs)
    per_toewijzing_feiten: dict[uuid.UUID, list[repository.Zorgfeit]] = defaultdict(list)
    for feit in feiten:
        per_toewijzing_feiten[feit.toewijzing_id].append(feit)
    dagen: dict[str, int] = defaultdict(int)
    for toewijzing_id, eigen in per_toewijzing_feiten.items():
        sleutel = (eigen[0].aanbieder_agb, str(toewijzing_id))
        einde = min(tot, eigen[0].toewijzing_einde or tot)
        for periode in per_toewijzing(
            Feit(toewijzing=sleutel, begindatum=f.begindatum, einddatum=f.einddatum) for f in eigen
        ):
            stop = periode.stop if periode.stop is not None else einde
            dagen[eigen[0].aanbieder_agb] += days(max(periode.start, van), min(stop, tot))
    return dict(dagen)
