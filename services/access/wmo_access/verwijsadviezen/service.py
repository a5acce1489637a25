"""Ranking the aanbieders an indicatie may be referred to; see schemas.CRITERIA."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.beschikkingen.schemas import INTENSITEITEN
from wmo_access.beschikkingen.service import product_of
from wmo_access.clienten import service as clienten
from wmo_access.leesmodellen.aanbieders import repository as aanbieders
from wmo_access.toewijzingen import afgiftefeiten
from wmo_access.toewijzingen.service.regels import assigned_indicatie
from wmo_access.verwijsadviezen import repository
from wmo_access.verwijsadviezen.schemas import (
    Aanbiederadvies,
    OvergeslagenAanbieder,
    Verwijsadvies,
)

_TREEKNORM_RANG = {True: 0, None: 1, False: 2}


async def advise(
    session: AsyncSession, indicatie_id: uuid.UUID, voorkeur_agb: str | None, today: date
) -> Verwijsadvies:
    indicatie, beschikking = await assigned_indicatie(session, indicatie_id)
    client = await clienten.load_client(session, beschikking.client_id)
    product = product_of(indicatie)
    intensiteit = INTENSITEITEN.get(indicatie.intensiteit or "")
    on = max(today, indicatie.ingangsdatum)
    contracts = await repository.contracts_for(
        session, product, client.gebied, indicatie.segment_id, on
    )
    agbs = sorted(
        {
            agb
            for c in contracts
            if c.offers(product, client.gebied, intensiteit)
            for agb in c.aanbieder_agbs
        }
    )
    kandidaten: list[Aanbiederadvies] = []
    overgeslagen: list[OvergeslagenAanbieder] = []
    for agb in agbs:
        aanbieder = await aanbieders.find_aanbieder(session, agb)
        naam = aanbieder.naam if aanbieder else None
        is_voorkeur = agb == voorkeur_agb
        stops = await aanbieders.aanmeldstops(session, agb, product, client.gebied, [on, today])
        signaleringen = await aanbieders.open_signaleringen(session, agb, indicatie.segment_id)
        plaatsen = await aanbieders.plaatsen(session, agb, product)
        vrij = (
            None
            if plaatsen is None
            else plaatsen - await afgiftefeiten.count_bezet(session, agb, product, on)
        )
        reden_overslaan = None
        if stops:
            reden_overslaan = f"Aanmeldstop vanaf {stops[0].ingangsdatum.isoformat()}."
        elif any(s.is_blokkerend for s in signaleringen):
            reden_overslaan = "Blokkerende signalering."
        elif vrij is not None and vrij <= 0:
            reden_overslaan = "Geen vrije plaats."
        if reden_overslaan is not None:
            overgeslagen.append(
                OvergeslagenAanbieder(
                    agb=agb, naam=naam, is_voorkeur=is_voorkeur, reden=reden_overslaan
                )
            )
            continue
        prestatie = await aanbieders.find_prestatie(session, agb, indicatie.segment_id)
        wachttijd = prestatie.gemiddelde_wachttijd_dagen if prestatie else None
        treeknorm = prestatie.treeknorm_dagen if prestatie else None
        binnen = None if wachttijd is None or treeknorm is None else wachttijd <= treeknorm
        redenen = []
        if binnen is not None:
            redenen.append(
                f"Wachttijd {wachttijd} dagen {'binnen' if binnen else 'boven'} de Treeknorm "
                f"van {treeknorm} dagen."
            )
        elif wachttijd is not None:
            redenen.append(f"Wachttijd {wachttijd} dagen; geen Treeknorm bekend.")
        else:
            redenen.append("Wachttijd onbekend.")
        redenen.extend(f"Signalering: {s.reden or '(geen reden)'}" for s in signaleringen)
        redenen.append("Capaciteit onbekend." if vrij is None else f"{vrij} vrije plaats(en).")
        if is_voorkeur:
            redenen.append("Voorkeur van de cliënt.")
        kandidaten.append(
            Aanbiederadvies(
                rang=0,
                agb=agb,
                naam=naam,
                is_voorkeur=is_voorkeur,
                gemiddelde_wachttijd_dagen=wachttijd,
                treeknorm_dagen=treeknorm,
                binnen_treeknorm=binnen,
                open_signaleringen=len(signaleringen),
                plaatsen_vrij=vrij,
                redenen=redenen,
            )
        )
    kandidaten.sort(key=_rank_key)
    return Verwijsadvies(
        indicatie_id=indicatie.id,
        segment_id=indicatie.segment_id,
        gebied=client.gebied,
        peildatum=on,
        voorkeur_agb=voorkeur_agb,
        aanbieders=[a.model_copy(update={"rang": n}) for n, a in enumerate(kandidaten, 1)],
        overgeslagen=overgeslagen,
    )


def _rank_key(advies: Aanbiederadvies) -> tuple[int, int, Decimal, tuple[int, int], str]:
    wachttijd = advies.gemiddelde_wachttijd_dagen
    return (
        _TREEKNORM_RANG[advies.binnen_treeknorm],
        advies.open_signaleringen,
        wachttijd if wachttijd is not None else Decimal("Infinity"),
        (0, -advies.plaatsen_vrij) if advies.plaatsen_vrij is not None else (1, 0),
        advies.agb,
    )
