"""The FastAPI dependencies every service shares: its settings, optimistic locking headers, and
the `sort` and period (`vanaf`/`totEnMet`) query parameters of lists (`wmo_common.lists`).
HTTP layer only: service modules never import this module."""

# No `from __future__ import annotations`: the list parameters are annotated with values local to
# their factory (description, default), which FastAPI can only read from evaluated annotations.

from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Query, Request, Response

from wmo_common.lists import Periode, Sortering, parse_sort
from wmo_common.problems import BadRequest, InvalidParam, Problem
from wmo_common.query import Datum
from wmo_common.runtime import Runtime
from wmo_common.settings import CommonSettings

S = TypeVar("S", bound=CommonSettings)


def settings_dependency(settings_type: type[S]) -> Callable[[Request], Awaitable[S]]:
    """A dependency returning the settings the running app was built with (no module global, so
    every test app carries its own), checked to be the service's own settings class. A coroutine:
    FastAPI runs a plain function in its thread pool, two thread hand-overs per request."""

    async def settings(request: Request) -> S:
        runtime: Runtime = request.app.state.runtime
        value = runtime.settings
        if not isinstance(value, settings_type):
            raise TypeError(f"the app must be built with {settings_type.__qualname__}")
        return value

    return settings


class IfMatchVereist(Problem):
    status = 428
    slug = "if-match-vereist"
    title = "Deze wijziging vraagt een If-Match-header met de ETag van de gelezen versie."


def etag(versie: int) -> str:
    return f'"{versie}"'


def set_etag(response: Response, versie: int) -> None:
    response.headers["ETag"] = etag(versie)


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match", description="De ETag van de versie waarop de wijziging voortbouwt."
        ),
    ] = None,
) -> int:
    if if_match is None:
        raise IfMatchVereist()
    value = if_match.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()):
        raise BadRequest(
            "1 invoerfout(en) gevonden.",
            [InvalidParam(name="If-Match", code="etag", reason="geen ETag van deze resource")],
        )
    return int(value)


IfMatch = Annotated[int, Depends(_if_match)]
"""The version the caller read (from `If-Match`); 428 without the header."""


def sort_parameter(
    velden: Sequence[str], standaard: str
) -> Callable[..., Awaitable[list[Sortering]]]:
    """A dependency for a list's `sort` query parameter, documented with its allowed fields."""
    description = (
        "Sorteervolgorde (NLGov): veldnamen gescheiden door komma's, met `-` ervoor voor "
        f"aflopend. Toegestaan: {', '.join(f'`{v}`' for v in velden)}. Standaard: `{standaard}`."
    )

    async def sort(
        value: Annotated[
            str | None,
            Query(alias="sort", max_length=200, description=description, examples=[standaard]),
        ] = None,
    ) -> list[Sortering]:
        return parse_sort(value or standaard, velden)

    return sort


def period_parameter(datum: str) -> Callable[..., Awaitable[Periode]]:
    """A dependency for `vanaf` and `totEnMet` (both inclusive) on the list's date `datum`."""

    async def periode(
        vanaf: Annotated[
            Datum | None, Query(description=f"Alleen met {datum} op of na deze datum.")
        ] = None,
        tot_en_met: Annotated[
            Datum | None,
            Query(alias="totEnMet", description=f"Alleen met {datum} op of vóór deze datum."),
        ] = None,
    ) -> Periode:
        if vanaf is not None and tot_en_met is not None and tot_en_met < vanaf:
            raise BadRequest(
                invalid_params=[
                    InvalidParam(
                        name="totEnMet",
                        code="voor-vanaf",
                        reason="het einde van de periode ligt niet vóór het begin",
                    )
                ]
            )
        return Periode(vanaf, tot_en_met)

    return periode
