"""The FastAPI dependencies every service shares: its settings, optimistic locking headers.
HTTP layer only: service modules never import this module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request, Response

from wmo_common.problems import BadRequest, InvalidParam, Problem
from wmo_common.runtime import Runtime
from wmo_common.settings import CommonSettings

S = TypeVar("S", bound=CommonSettings)


def settings_dependency(settings_type: type[S]) -> Callable[[Request], S]:
    """A dependency returning the settings the running app was built with (no module global, so
    every test app carries its own), checked to be the service's own settings class."""

    def settings(request: Request) -> S:
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


def _if_match(
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
