from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request, Response, status

from wmo_common.db import DbSession
from wmo_common.dependencies import sort_parameter
from wmo_common.lists import Sortering
from wmo_common.pagination import Page, Paging, paginate
from wmo_common.routing import ApiRouter
from wmo_contracting.dependencies import ProductId
from wmo_contracting.producten import repository, service
from wmo_contracting.producten.schemas import ProductCreate, ProductRead
from wmo_contracting.rollen import MagInkoopBeheren, MagInkoopLezen

router = ApiRouter(prefix="/producten", tags=["producten"])

ProductSortering = Annotated[
    list[Sortering], Depends(sort_parameter(tuple(repository.SORTEERVELDEN), "categorie,code"))
]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProductRead)
async def create_product(
    body: ProductCreate, session: DbSession, _: MagInkoopBeheren, response: Response
) -> ProductRead:
    """Neem een product op in de productcatalogus, met iWmo-categorie, productcode en eenheid."""
    product = await service.create_product(session, body)
    await session.commit()
    response.headers["Location"] = f"/api/v1/producten/{product.id}"
    return service.to_read(product)


@router.get("", response_model=Page[ProductRead])
async def list_producten(
    request: Request,
    response: Response,
    session: DbSession,
    paging: Paging,
    _: MagInkoopLezen,
    sortering: ProductSortering,
    categorie: Annotated[
        str | None, Query(pattern=r"^[0-9]{2}$", description="Alleen deze productcategorie.")
    ] = None,
) -> Page[ProductRead]:
    """De productcatalogus, standaard op categorie en productcode."""
    rows, count = await repository.list_page(
        session,
        categorie=categorie,
        sortering=sortering,
        offset=paging.offset,
        limit=paging.page_size,
    )
    return paginate(request, response, [service.to_read(r) for r in rows], count, paging)


@router.get("/{productId}", response_model=ProductRead)
async def get_product(product_id: ProductId, session: DbSession, _: MagInkoopLezen) -> ProductRead:
    """Eén product uit de catalogus."""
    return service.to_read(await service.get_product(session, product_id))
