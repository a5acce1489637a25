"""What the rules of a new toewijzing read: every fact at once, in one statement
(`find_afgiftefeiten`), and the two facts other use cases ask for alone (`pgb_overlapping`,
`count_bezet`), built from the same clauses."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    ColumnElement,
    Date,
    Exists,
    ScalarSelect,
    SQLColumnExpression,
    String,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.clienten.models import Client
from wmo_access.leesmodellen.aanbieders.models import Aanbieder, Aanmeldstop, Signalering
from wmo_access.leesmodellen.aanbieders.repository import (
    AANMELDSTOP_VOLGORDE,
    aanmeldstop_clauses,
    open_signalering_clauses,
)
from wmo_access.leesmodellen.contracten.models import Contract
from wmo_access.leesmodellen.contracten.repository import active_contract_clauses
from wmo_access.toewijzingen.models import TOEWIJZINGNUMMER, Toewijzing
from wmo_common.calendar import today
from wmo_common.db import fetch_one, labelled, unattached
from wmo_common.driver import DriverStatement
from wmo_common.events.common import Product


@dataclass(frozen=True)
class Afgiftefeiten:
    """Everything the rules of a new toewijzing look at, read in one statement. The read model
    rows hold only what the rules use (contracts: id and producten)."""

    indicatie: Indicatie
    beschikking: Beschikking
    client: Client | None
    pgb_overlapt: bool
    al_toegewezen: bool
    # The aanbieder's contracts in the segment listing the product in the gebied on the
    # ingangsdatum, by id; the rules keep those with a product entry for the gebied.
    contracten: list[Contract]
    # Its open signaleringen for every segment or this one, blocking or not, by id.
    signaleringen: list[Signalering]
    # The first aanmeldstop holding on the ingangsdatum or today, if any.
    aanmeldstop: Aanmeldstop | None
    # None: the aanbieder is unknown; `bezet` is counted only when it published capaciteit.
    capaciteit: list[dict[str, Any]] | None
    bezet: int
    # The number a toewijzing made from these facts gets, drawn from the sequence.
    toewijzingnummer: str


@functools.cache
def _afgiftefeiten() -> DriverStatement:
    """The one statement behind `find_afgiftefeiten`, compiled once: its values are parameters."""
    agb = bindparam("agb", type_=String())
    van = func.coalesce(bindparam("ingangsdatum", type_=Date()), Indicatie.ingangsdatum)
    tot = func.coalesce(bindparam("einddatum", type_=Date()), Indicatie.einddatum)
    categorie, code = Indicatie.product_categorie, Indicatie.product_code
    contracten = (
        select(
            func.array_agg(aggregate_order_by(Contract.id, Contract.id), type_=ARRAY(Uuid())).label(
                "contract_ids"
            ),
            func.jsonb_agg(aggregate_order_by(Contract.producten, Contract.id), type_=JSONB).label(
                "producten"
            ),
        )
        .where(
            *active_contract_clauses(
                agb=agb,
                categorie=categorie,
                code=code,
                gebied=Client.gebied,
                on=van,
                segment_id=Indicatie.segment_id,
            )
        )
        .lateral("contracten")
    )
    signaleringen = (
        select(
            func.array_agg(
                aggregate_order_by(Signalering.id, Signalering.id), type_=ARRAY(Uuid())
            ).label("signalering_ids"),
            func.array_agg(
                aggregate_order_by(Signalering.reden, Signalering.id), type_=ARRAY(String())
            ).label("redenen"),
            func.array_agg(
                aggregate_order_by(Signalering.is_blokkerend, Signalering.id),
                type_=ARRAY(Boolean()),
            ).label("blokkerend"),
        )
        .where(*open_signalering_clauses(agb, Indicatie.segment_id))
        .lateral("signaleringen")
    )
    vandaag = bindparam("vandaag", type_=Date())
    stop = (
        select(
            Aanmeldstop.id.label("stop_id"),
            Aanmeldstop.ingangsdatum.label("stop_ingangsdatum"),
            Aanmeldstop.einddatum.label("stop_einddatum"),
            Aanmeldstop.reden.label("stop_reden"),
        )
        .where(*aanmeldstop_clauses(agb, categorie, code, Client.gebied, [van, vandaag]))
        .order_by(*AANMELDSTOP_VOLGORDE)
        .limit(1)
        .lateral("aanmeldstop")
    )
    bezet = case(
        (func.jsonb_array_length(Aanbieder.capaciteit) > 0, _bezet(agb, categorie, code, van)),
        else_=0,
    )
    al_toegewezen = exists().where(
        Toewijzing.indicatie_id == Indicatie.id, Toewijzing.status == "actief"
    )
    return DriverStatement.of(
        select(
            *labelled(Indicatie, "indicatie_"),
            *labelled(Beschikking, "beschikking_"),
            *labelled(Client, "client_"),
            _pgb_overlapping(Beschikking.client_id, categorie, code, van, tot).label(
                "pgb_overlapt"
            ),
            al_toegewezen.label("al_toegewezen"),
            *contracten.c,
            *signaleringen.c,
            *stop.c,
            Aanbieder.capaciteit,
            bezet.label("bezet"),
            cast(TOEWIJZINGNUMMER.next_value(), String()).label("toewijzingnummer"),
        )
        .join(Beschikking, Beschikking.id == Indicatie.beschikking_id)
        .outerjoin(Client, Client.id == Beschikking.client_id)
        .outerjoin(Aanbieder, Aanbieder.agb == agb)
        .outerjoin(contracten, true())
        .outerjoin(signaleringen, true())
        .outerjoin(stop, true())
        .where(Indicatie.id == bindparam("indicatie_id", type_=Uuid())),
        # Run before anything begins: it only reads, and a number drawn from the sequence is
        # not given back by a rollback either.
        reads=True,
    )


async def find_afgiftefeiten(
    session: AsyncSession,
    indicatie_id: uuid.UUID,
    agb: str,
    ingangsdatum: date | None,
    einddatum: date | None,
) -> Afgiftefeiten | None:
    """The facts for assigning the indicatie to `agb` from `ingangsdatum` to `einddatum` (empty:
    those of the indicatie); None when there is no such indicatie."""
    parameters = {
        "indicatie_id": indicatie_id,
        "agb": agb,
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
        "vandaag": today(),
    }
    row = await fetch_one(session, _afgiftefeiten(), parameters)
    if row is None:
        return None
    return Afgiftefeiten(
        indicatie=unattached(Indicatie, row, "indicatie_"),
        beschikking=unattached(Beschikking, row, "beschikking_"),
        client=None if row["client_id"] is None else unattached(Client, row, "client_"),
        pgb_overlapt=row["pgb_overlapt"],
        al_toegewezen=row["al_toegewezen"],
        contracten=[
            Contract(id=i, producten=p)
            for i, p in zip(row["contract_ids"] or [], row["producten"] or [], strict=True)
        ],
        signaleringen=[
            Signalering(id=i, agb=agb, reden=r, is_blokkerend=b)
            for i, r, b in zip(
                row["signalering_ids"] or [],
                row["redenen"] or [],
                row["blokkerend"] or [],
                strict=True,
            )
        ],
        aanmeldstop=None
        if row["stop_id"] is None
        else Aanmeldstop(
            id=row["stop_id"],
            agb=agb,
            ingangsdatum=row["stop_ingangsdatum"],
            einddatum=row["stop_einddatum"],
            reden=row["stop_reden"],
        ),
        capaciteit=row["capaciteit"],
        bezet=row["bezet"],
        toewijzingnummer=row["toewijzingnummer"],
    )


def _overlaps(
    start: InstrumentedAttribute[date],
    end: InstrumentedAttribute[date | None],
    van: SQLColumnExpression[date],
    tot: SQLColumnExpression[date | None],
) -> ColumnElement[bool]:
    return and_(or_(tot.is_(None), start <= tot), or_(end.is_(None), end >= van))


def _same_product(
    categorie: InstrumentedAttribute[str],
    code: InstrumentedAttribute[str | None],
    product_categorie: SQLColumnExpression[str],
    product_code: SQLColumnExpression[str | None],
) -> ColumnElement[bool]:
    """The same product, where a whole category (no code) covers every code in it."""
    return and_(
        categorie == product_categorie,
        or_(product_code.is_(None), code.is_(None), code == product_code),
    )


def _pgb_overlapping(
    client_id: SQLColumnExpression[uuid.UUID],
    categorie: SQLColumnExpression[str],
    code: SQLColumnExpression[str | None],
    van: SQLColumnExpression[date],
    tot: SQLColumnExpression[date | None],
) -> Exists:
    """Whether a PGB in force (an afgegeven beschikking) covers the product in the period; the
    values may be columns of an outer query."""
    pgb = aliased(Indicatie)
    besluit = aliased(Beschikking)
    return exists().where(
        pgb.beschikking_id == besluit.id,
        besluit.client_id == client_id,
        besluit.status == "afgegeven",
        pgb.leveringsvorm == "pgb",
        pgb.besluit == "toegekend",
        _same_product(pgb.product_categorie, pgb.product_code, categorie, code),
        _overlaps(pgb.ingangsdatum, pgb.einddatum, van, tot),
    )


async def pgb_overlapping(
    session: AsyncSession, client_id: uuid.UUID, product: Product, van: date, tot: date | None
) -> bool:
    """Whether a PGB in force (an afgegeven beschikking) covers the product in the period."""
    query = select(
        _pgb_overlapping(
            literal(client_id, Uuid()),
            literal(product.categorie, String()),
            literal(product.code, String()),
            literal(van, Date()),
            literal(tot, Date()),
        )
    )
    return bool((await session.execute(query)).scalar_one())


def _bezet(
    agb: SQLColumnExpression[str],
    categorie: SQLColumnExpression[str],
    code: SQLColumnExpression[str | None],
    on: SQLColumnExpression[date],
) -> ScalarSelect[int]:
    """Active toewijzingen of `agb` for the product on day `on`: the places in use. The values
    may be columns of an outer query."""
    bezet = aliased(Toewijzing)
    return (
        select(func.count())
        .where(
            bezet.aanbieder_agb == agb,
            bezet.status == "actief",
            bezet.leveringsstatus != "gestopt",
            _same_product(bezet.product_categorie, bezet.product_code, categorie, code),
            _overlaps(bezet.ingangsdatum, bezet.einddatum, on, on),
        )
        .scalar_subquery()
    )


async def count_bezet(session: AsyncSession, agb: str, product: Product, on: date) -> int:
    """Active toewijzingen of `agb` for the product on day `on`: the places in use."""
    day = literal(on, Date())
    query = select(
        _bezet(
            literal(agb, String()),
            literal(product.categorie, String()),
            literal(product.code, String()),
            day,
        )
    )
    return int((await session.execute(query)).scalar_one())
