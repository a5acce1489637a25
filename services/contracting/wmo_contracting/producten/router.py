from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.pagination import Page, Paging, paginate
from wmo_contracting.dependencies import Beheerder, Lezer
from wmo_contracting.producten import repository, service
from wmo_contracting.producten.schemas import ProductCreate, ProductRead

router = APIRouter(prefix="/producten", tags=["producten"])

ProductId = Annotated[uuid.UUID, Path(alias="productId", description="Id van het product.")]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProductRead)
async def create_product(
    body: ProductCreate, session: DbSession, _: Beheerder, response: Response
) -> ProductRead:
    """Neem een product op in de productcatalogus, met iWmo-categorie, productcode en eenheid."""
    product = await service.create_product(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/producten/{product.id}"
    return ProductRead.model_validate(product, from_attributes=True)


@router.get("", response_model=Page[ProductRead])
async def list_producten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: Lezer,
    categorie: Annotated[
        str | None, Query(pattern=r"^\d{2}$", description="Alleen deze productcategorie.")
    ] = None,
) -> Page[ProductRead]:
    """De productcatalogus, op categorie en productcode."""
    rows, count = await repository.list_page(
        session, categorie=categorie, offset=paging.offset, limit=paging.page_size
    )
    results = [ProductRead.model_validate(r, from_attributes=True) for r in rows]
    return paginate(request, response, results, count, paging)


@router.get("/{productId}", response_model=ProductRead)
async def get_product(product_id: ProductId, session: DbSession, _: Lezer) -> ProductRead:
    """Eén product uit de catalogus."""
    return ProductRead.model_validate(
        await service.get_product(session, product_id), from_attributes=True
    )
