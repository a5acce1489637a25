from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access.leesmodellen.contracten.models import Contract
from wmo_common.events.common import Product


async def contracts_for(
    session: AsyncSession, product: Product, gebied: str | None, segment_id: uuid.UUID, on: date
) -> list[Contract]:
    """The segment's contracts active on `on` that list the product (or its category) and serve
    `gebied` (a contract without gebieden serves the whole region)."""
    covers = [Contract.producten.contains([{"categorie": product.categorie, "code": None}])]
    if product.code is not None:
        covers.append(
            Contract.producten.contains([{"categorie": product.categorie, "code": product.code}])
        )
    regio = func.cardinality(Contract.gebieden) == 0
    query = select(Contract).where(
        Contract.segment_id == segment_id,
        or_(*covers),
        Contract.ingangsdatum <= on,
        Contract.einddatum >= on,
        or_(Contract.beeindigd_per.is_(None), Contract.beeindigd_per >= on),
        regio if gebied is None else or_(Contract.gebieden.contains([gebied]), regio),
    )
    return list((await session.execute(query)).scalars().all())
