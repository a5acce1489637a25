"""The deadlines of running contracts: the last day to give notice, and the last day to decide
on the next extension option. Contract managers list them; a scheduler announces each one once."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import add_months
from wmo_common.events import outbox
from wmo_common.events.contracting import ContractVerloopt
from wmo_common.scheduling import recorded_run
from wmo_contracting.contracten import repository
from wmo_contracting.contracten.models import Contract
from wmo_contracting.contracten.schemas import Termijn, Termijnsoort


def deadlines(contract: Contract) -> list[tuple[Termijnsoort, date]]:
    found: list[tuple[Termijnsoort, date]] = []
    if contract.opzegtermijn_maanden > 0:
        found.append(("opzegging", add_months(contract.einddatum, -contract.opzegtermijn_maanden)))
    # Options are exercised in order, so only the next open one has a deadline that matters now.
    volgende = next((o for o in contract.verlengingsopties if o.status == "open"), None)
    if volgende is not None:
        found.append(("verlengingsbesluit", volgende.beslisdatum))
    return found


async def list_termijnen(
    session: AsyncSession, peildatum: date, binnen_dagen: int
) -> list[Termijn]:
    """Deadlines of running contracts up to `binnen_dagen` after `peildatum`, soonest first;
    a deadline already passed stays listed while its contract runs."""
    contracts = await repository.running(session, peildatum)
    gemeld = await repository.reported(session, [c.id for c in contracts])
    horizon = peildatum + timedelta(days=binnen_dagen)
    termijnen = [
        _termijn(contract, soort, datum, peildatum, (contract.id, soort, datum) in gemeld)
        for contract in contracts
        for soort, datum in deadlines(contract)
        if datum <= horizon
    ]
    return sorted(termijnen, key=lambda t: (t.termijndatum, t.contractnummer, t.termijn))


async def signal_termijnen(
    session: AsyncSession, peildatum: date, voorloop_dagen: int
) -> list[Termijn]:
    """Announce every deadline within `voorloop_dagen` with `contract-verloopt`, once per contract,
    kind of deadline and date: safe to run again and by several instances at the same time."""
    gemeld = []
    async with recorded_run(session, "contracttermijnen", peildatum):
        for termijn in await list_termijnen(session, peildatum, voorloop_dagen):
            if termijn.is_gemeld or not await repository.claim_melding(
                session, termijn.contract_id, termijn.termijn, termijn.termijndatum
            ):
                continue
            await outbox.add(
                session,
                ContractVerloopt(
                    contract_id=termijn.contract_id,
                    einddatum=termijn.einddatum,
                    dagen_resterend=(termijn.einddatum - peildatum).days,
                    termijn=termijn.termijn,
                    termijndatum=termijn.termijndatum,
                ),
            )
            gemeld.append(termijn.model_copy(update={"is_gemeld": True}))
    return gemeld


def _termijn(
    contract: Contract, soort: Termijnsoort, datum: date, peildatum: date, is_gemeld: bool
) -> Termijn:
    return Termijn(
        contract_id=contract.id,
        contractnummer=contract.contractnummer,
        termijn=soort,
        termijndatum=datum,
        einddatum=contract.einddatum,
        dagen_tot_termijn=(datum - peildatum).days,
        is_gemeld=is_gemeld,
    )
