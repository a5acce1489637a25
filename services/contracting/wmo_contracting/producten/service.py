from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from wmo_contracting.producten import repository
from wmo_contracting.producten.errors import (
    ProductBestaatAl,
    ProductNietGevonden,
    ProductNietInCatalogus,
)
from wmo_contracting.producten.models import Product
from wmo_contracting.producten.schemas import ProductCode, ProductCreate, ProductRead


def to_read(product: Product) -> ProductRead:
    return ProductRead.model_validate(product, from_attributes=True)


async def create_product(session: AsyncSession, data: ProductCreate) -> Product:
    product = Product(**data.model_dump())
    try:
        # The unique constraint decides between concurrent requests for the same code.
        async with session.begin_nested():
            session.add(product)
    except IntegrityError:
        raise ProductBestaatAl(
            f"Product {data.categorie}/{data.code} staat al in de catalogus."
        ) from None
    return product


async def get_product(session: AsyncSession, product_id: uuid.UUID) -> Product:
    product = await repository.find_by_id(session, product_id)
    if product is None:
        raise ProductNietGevonden()
    return product


async def get_catalogued(
    session: AsyncSession, codes: Sequence[ProductCode]
) -> dict[tuple[str, str], Product]:
    """The catalogue's products for `codes`; names every one that is not in the catalogue."""
    found = await repository.find_by_codes(session, [(c.categorie, c.code) for c in codes])
    missing = sorted({f"{c.categorie}/{c.code}" for c in codes} - {f"{k[0]}/{k[1]}" for k in found})
    if missing:
        raise ProductNietInCatalogus(f"Niet in de catalogus: {', '.join(missing)}.")
    return found
