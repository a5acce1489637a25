"""Page-based pagination with a `Link` header (NLGov API-mod-pagination)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel

T = TypeVar("T")


class PageParams(BaseModel):
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


async def _page_params(
    page: Annotated[int, Query(ge=1, le=100_000, description="Paginanummer, vanaf 1.")] = 1,
    page_size: Annotated[
        int, Query(alias="pageSize", ge=1, le=500, description="Aantal resultaten per pagina.")
    ] = 50,
) -> PageParams:
    return PageParams(page=page, page_size=page_size)


Paging = Annotated[PageParams, Depends(_page_params)]


class Page(BaseModel, Generic[T]):
    results: list[T]
    count: int

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """`PageToewijzingRead`, not `Page[ToewijzingRead]`: the schema's title matches its
        UpperCamelCase name in the OpenAPI document (wmo_common.openapi)."""
        return cls.__name__ + "".join(getattr(param, "__name__", str(param)) for param in params)


def paginate(
    request: Request, response: Response, results: Sequence[T], count: int, params: PageParams
) -> Page[T]:
    """Wrap one page of results and set the Link header (first, prev, next, last)."""
    last = max(1, math.ceil(count / params.page_size))
    links = {"first": 1, "last": last}
    if params.page > 1:
        links["prev"] = min(params.page - 1, last)
    if params.page < last:
        links["next"] = params.page + 1
    parts = []
    for rel, number in links.items():
        url = request.url.include_query_params(page=number, pageSize=params.page_size)
        parts.append(f'<{url}>; rel="{rel}"')
    response.headers["Link"] = ", ".join(parts)
    return Page[T](results=list(results), count=count)
