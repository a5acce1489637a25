"""Activation checks a contract against what its segment's published verwervingsstrategie and the
gunning of its perceel allow: the financing model, the term, the number of aanbieders, one
aanbieder or samenwerkingsverband per gebied, and the awarded parties.

A contract counts against another when both are running (actief or verlengd) on a shared day. A
samenwerkingsverband counts as one aanbieder: the one it is paid through, its hoofdaannemer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.calendar import add_months
from wmo_contracting.aanbestedingen.service import get_perceel
from wmo_contracting.contracten import repository
from wmo_contracting.contracten.models import Contract
from wmo_contracting.contracten.regels import Bevinding
from wmo_contracting.verwervingsstrategieen import repository as strategieen
from wmo_contracting.verwervingsstrategieen.models import Verwervingsstrategie


def hoofdaannemer(contract: Contract) -> str | None:
    return next((p.aanbieder_agb for p in contract.partijen if p.rol == "hoofdaannemer"), None)


def bekostiging(contract: Contract, strategie: Verwervingsstrategie) -> list[Bevinding]:
    if contract.bekostigingsmodel == strategie.bekostigingsmodel:
        return []
    return [
        Bevinding(
            "bekostiging.model",
            "bekostiging-buiten-strategie",
            f"Bekostiging {contract.bekostigingsmodel}; de strategie (versie {strategie.versie}) "
            f"schrijft {strategie.bekostigingsmodel} voor.",
        )
    ]


def looptijd(contract: Contract, strategie: Verwervingsstrategie) -> list[Bevinding]:
    """The first term fits the strategy's looptijd; each option is no longer than the strategy's
    option at the same place, and there are no more of them."""
    found = []
    grens = add_months(contract.ingangsdatum, 12 * strategie.looptijd_jaren)
    if contract.einddatum >= grens:
        found.append(
            Bevinding(
                "einddatum",
                "looptijd-buiten-strategie",
                f"Einddatum {contract.einddatum.isoformat()}; de strategie staat een looptijd van "
                f"{strategie.looptijd_jaren} jaar toe (uiterlijk "
                f"{(grens - timedelta(days=1)).isoformat()}).",
            )
        )
    toegestaan = list(strategie.verlengingsopties)
    for index, optie in enumerate(contract.verlengingsopties):
        if index >= len(toegestaan) or optie.jaren > toegestaan[index]:
            found.append(
                Bevinding(
                    f"verlengingsopties.{index}",
                    "looptijd-buiten-strategie",
                    f"Verlengingsoptie {optie.volgnummer} van {optie.jaren} jaar; de strategie "
                    f"kent de opties {toegestaan or 'geen'} (jaren).",
                )
            )
    return found


def aantal_aanbieders(
    contract: Contract, strategie: Verwervingsstrategie, lopend: Sequence[Contract]
) -> list[Bevinding]:
    if strategie.max_aanbieders is None:
        return []
    eigen = hoofdaannemer(contract)
    anderen = {agb: c for c in lopend if (agb := hoofdaannemer(c)) is not None and agb != eigen}
    if len(anderen) + 1 <= strategie.max_aanbieders:
        return []
    namen = ", ".join(f"{agb} ({c.contractnummer})" for agb, c in sorted(anderen.items()))
    return [
        Bevinding(
            "partijen",
            "max-aanbieders-bereikt",
            f"De strategie staat {strategie.max_aanbieders} aanbieder(s) toe; gecontracteerd zijn "
            f"al: {namen}.",
        )
    ]


def een_per_gebied(
    contract: Contract, strategie: Verwervingsstrategie, lopend: Sequence[Contract]
) -> list[Bevinding]:
    """Under `een-per-gebied` another aanbieder running a contract in one of its gebieden
    refuses it; the same aanbieder may hold more than one contract there."""
    if strategie.leveranciersbeleid != "een-per-gebied":
        return []
    eigen = hoofdaannemer(contract)
    found = []
    for ander in lopend:
        if hoofdaannemer(ander) == eigen:
            continue
        for gebied in sorted(set(contract.gebieden) & set(ander.gebieden)):
            found.append(
                Bevinding(
                    "gebieden",
                    "gebied-al-gecontracteerd",
                    f"In gebied {gebied} loopt al contract {ander.contractnummer} met aanbieder "
                    f"{hoofdaannemer(ander)}; de strategie staat één aanbieder of "
                    "samenwerkingsverband per gebied toe.",
                )
            )
    return found


async def gunning(session: AsyncSession, contract: Contract) -> list[Bevinding]:
    """A contract from a tender is made with the awarded parties, the hoofdaannemer in that rol;
    an onderaannemer may join later with consent, so it need not have bid."""
    if contract.perceel_id is None:
        return []
    perceel = await get_perceel(session, contract.perceel_id)
    if perceel.gegund_at is None:
        return [
            Bevinding(
                "perceelId", "perceel-niet-gegund", f"Perceel {perceel.naam} is nog niet gegund."
            )
        ]
    gegund = {w.aanbieder_agb: w.rol for w in perceel.winnaars}
    found = []
    for partij in contract.partijen:
        if partij.rol == "onderaannemer":
            continue
        if partij.aanbieder_agb not in gegund:
            reden = f"{partij.aanbieder_agb} is niet gegund op perceel {perceel.naam}."
        elif partij.rol == "hoofdaannemer" and gegund[partij.aanbieder_agb] != "hoofdaannemer":
            reden = (
                f"{partij.aanbieder_agb} is als {gegund[partij.aanbieder_agb]} gegund, niet als "
                "hoofdaannemer."
            )
        else:
            continue
        found.append(Bevinding("partijen", "partijen-niet-gegund", reden))
    return found


async def check(session: AsyncSession, contract: Contract) -> list[Bevinding]:
    """Everything the strategy and the gunning say against activating `contract`; a segment
    without a published strategy sets no rules here."""
    found = await gunning(session, contract)
    strategie = await strategieen.find_published(session, contract.segment_id)
    if strategie is None:
        return found
    lopend = await repository.running_in_segment(
        session,
        contract.segment_id,
        contract.ingangsdatum,
        contract.einddatum,
        other_than=contract.id,
    )
    return [
        *found,
        *bekostiging(contract, strategie),
        *looptijd(contract, strategie),
        *aantal_aanbieders(contract, strategie, lopend),
        *een_per_gebied(contract, strategie, lopend),
    ]
