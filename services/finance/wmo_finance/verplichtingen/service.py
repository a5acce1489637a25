"""Book, adjust and release verplichtingen; every input may arrive in any order."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events import outbox
from wmo_common.events.common import Omvang
from wmo_common.events.finance import VerplichtingAangemaakt
from wmo_finance.budgetten import drempels
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing
from wmo_finance.outputbetalingen import service as outputbetalingen
from wmo_finance.verplichtingen import repository
from wmo_finance.verplichtingen.berekening import (
    GeenTarief,
    Prijs,
    compute_verplichting,
    per_jaar,
)
from wmo_finance.verplichtingen.errors import VerplichtingNietGevonden
from wmo_finance.verplichtingen.models import Verplichting
from wmo_finance.verplichtingen.schemas import VerplichtingRead

T = TypeVar("T")


async def book(session: AsyncSession, toewijzing: Toewijzing) -> Verplichting | None:
    """(Re)compute the verplichting of a toewijzing from everything known now, book it to the
    gemeente that pays (the client's) and to each year it runs in, and make payable what
    outputgericht financing owes by now.

    Returns None while the financing model or the contract tarief is not known yet; the
    contract or strategy event that brings it computes the verplichting then.
    """
    contract = await contracten.find_contract_van(
        session,
        aanbieder_agb=toewijzing.aanbieder_agb,
        segment_id=toewijzing.segment_id,
        gebied=toewijzing.gebied,
        op=toewijzing.ingangsdatum,
    )
    segment_id = toewijzing.segment_id or (contract.segment_id if contract else None)
    segment = await contracten.find_segment(session, segment_id) if segment_id else None
    # The contract's own bekostiging wins; the segment's strategy fills what it leaves open.
    bronnen = [b for b in (contract, segment) if b is not None]
    if not bronnen:
        return None
    intensiteit = await toewijzingen.find_intensiteit(session, toewijzing)
    prijzen = (
        [
            Prijs(t.eenheid, t.bedrag_cents, t.geldig_vanaf, t.geldig_tot)
            for t in await contracten.list_tarieven(
                session,
                contract.id,
                categorie=toewijzing.categorie,
                code=toewijzing.code,
                intensiteit=intensiteit,
            )
        ]
        if contract is not None
        else []
    )
    omvang = (
        Omvang(
            volume=toewijzing.volume,
            eenheid=toewijzing.eenheid,
            frequentie=toewijzing.frequentie,
        )
        if toewijzing.volume is not None
        and toewijzing.eenheid is not None
        and toewijzing.frequentie is not None
        else None
    )
    try:
        uitkomst = compute_verplichting(
            model=bronnen[0].bekostigingsmodel,
            ingangsdatum=toewijzing.ingangsdatum,
            einddatum=toewijzing.einddatum,
            omvang=omvang,
            budget_cents=toewijzing.budget_cents,
            prijzen=prijzen,
            realisatiefactor=_first(b.realisatiefactor for b in bronnen),
            resultaat_percentage=_first(b.resultaat_percentage for b in bronnen),
        )
    except GeenTarief:
        return None

    bedrag, resultaat = uitkomst.bedrag_cents, uitkomst.resultaat_cents
    resultaatstatus = "geen"
    if resultaat > 0:
        evaluaties = await outputbetalingen.evaluaties(session, toewijzing)
        if evaluaties and all(e.is_behaald for e in evaluaties):
            resultaatstatus = "behaald"
        elif evaluaties:
            # Results not met: the held-back share will never be paid, so it is released.
            resultaatstatus = "niet-behaald"
            bedrag -= resultaat
        elif outputbetalingen.is_resultaat_vervallen(toewijzing):
            # Ended early without a result by its einddatum: the 20 % can no longer be earned.
            resultaatstatus = "vervallen"
            bedrag -= resultaat
        else:
            resultaatstatus = "open"
    status = "actief"
    if toewijzing.is_verwijderd:
        bedrag, status = 0, "vrijgegeven"
    else:
        if toewijzing.is_beeindigd or toewijzing.is_verlopen:
            status = "beeindigd"
        if bronnen[0].bekostigingsmodel == "outputgericht":
            # What was made payable stays committed, also when the toewijzing ended early.
            bedrag = max(bedrag, await outputbetalingen.betaalbaar_cents(session, toewijzing))

    verplichting = await repository.find_for_toewijzing(session, toewijzing.id)
    is_nieuw = verplichting is None
    if verplichting is None:
        verplichting = Verplichting(toewijzing_id=toewijzing.id, betaalbaar_cents=0)
        session.add(verplichting)
    jaren_voor = set(await repository.jaren_of(session, verplichting.id)) if not is_nieuw else set()
    verplichting.toewijzingnummer = toewijzing.toewijzingnummer
    verplichting.aanbieder_agb = toewijzing.aanbieder_agb
    verplichting.gemeentecode = toewijzing.gemeentecode
    verplichting.intensiteit = intensiteit
    verplichting.contract_id = contract.id if contract else None
    verplichting.segment_id = segment_id
    verplichting.gebied = toewijzing.gebied
    verplichting.bekostigingsmodel = bronnen[0].bekostigingsmodel
    verplichting.jaar = toewijzing.ingangsdatum.year
    verplichting.ingangsdatum = toewijzing.ingangsdatum
    verplichting.einddatum = uitkomst.einddatum
    verplichting.bedrag_cents = bedrag
    verplichting.resultaat_cents = resultaat
    verplichting.resultaatstatus = resultaatstatus
    verplichting.status = status
    await session.flush()
    delen = per_jaar(bedrag, uitkomst.gewichten)
    await repository.replace_jaren(session, verplichting.id, delen)
    for jaar in sorted(jaren_voor | set(delen)):
        await drempels.check_drempels_for(
            session,
            jaar=jaar,
            segment_id=segment_id,
            gebied=toewijzing.gebied,
            gemeentecode=toewijzing.gemeentecode,
        )
        if contract is not None:
            await drempels.check_plafond(session, contract, jaar)
    if is_nieuw:
        await outbox.add(
            session,
            VerplichtingAangemaakt(
                verplichting_id=verplichting.id,
                toewijzing_id=toewijzing.id,
                aanbieder_agb=toewijzing.aanbieder_agb,
                segment_id=segment_id,
                jaar=verplichting.jaar,
                bedrag_cents=bedrag,
                gemeentecode=toewijzing.gemeentecode,
            ),
        )
    await outputbetalingen.settle(session, verplichting, toewijzing)
    return verplichting


async def book_all(session: AsyncSession, toewijzingen_: Iterable[Toewijzing]) -> None:
    for toewijzing in toewijzingen_:
        await book(session, toewijzing)


async def list_verplichtingen(
    session: AsyncSession, where: repository.Filter, *, offset: int, limit: int
) -> tuple[list[VerplichtingRead], int]:
    rows, count = await repository.list_page(session, where, offset=offset, limit=limit)
    jaren = await repository.jaren_of_many(session, [r.id for r in rows])
    return [to_read(r, jaren.get(r.id, {})) for r in rows], count


def to_read(verplichting: Verplichting, jaren: dict[int, int]) -> VerplichtingRead:
    return VerplichtingRead.model_validate(
        VerplichtingRead.model_validate(verplichting, from_attributes=True).model_dump()
        | {"per_jaar": [{"jaar": j, "bedrag_cents": b} for j, b in sorted(jaren.items())]}
    )


async def read_verplichting(session: AsyncSession, verplichting_id: uuid.UUID) -> VerplichtingRead:
    verplichting = await get_verplichting(session, verplichting_id)
    jaren = await repository.jaren_of_many(session, [verplichting.id])
    return to_read(verplichting, jaren.get(verplichting.id, {}))


async def get_verplichting(session: AsyncSession, verplichting_id: uuid.UUID) -> Verplichting:
    verplichting = await repository.find_by_id(session, verplichting_id)
    if verplichting is None:
        raise VerplichtingNietGevonden()
    return verplichting


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)
