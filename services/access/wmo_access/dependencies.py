"""Dependencies the whole access service shares: settings, roles, optimistic locking."""

from typing import Annotated

from fastapi import Depends, Header, Request, Response

from wmo_access.settings import Settings
from wmo_common.auth import Principal, Role, require_roles
from wmo_common.problems import Problem
from wmo_common.runtime import Runtime


def _settings(request: Request) -> Settings:
    # The app factory received these settings; reading them from the running app (not a module
    # global) lets every test build its own app with its own keys.
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    if not isinstance(settings, Settings):
        raise TypeError("the access app must be built with wmo_access.settings.Settings")
    return settings


AccessSettings = Annotated[Settings, Depends(_settings)]

Consultant = Annotated[Principal, Depends(require_roles(Role.CONSULTANT))]
"""Only consultants change a client's file."""

Lezer = Annotated[Principal, Depends(require_roles(Role.CONSULTANT, Role.AUDITOR))]
"""Reads of a client's file inside toegang."""

Planner = Annotated[Principal, Depends(require_roles(Role.OPERATIONS, Role.CONSULTANT))]
"""Runs the periodic checks (indication expiry)."""


class IfMatchVereist(Problem):
    status = 428
    slug = "if-match-vereist"
    title = "Deze wijziging vraagt een If-Match-header met de ETag van de gelezen versie."


class VersieVerouderd(Problem):
    status = 412
    slug = "versie-verouderd"
    title = "De resource is intussen gewijzigd; lees hem opnieuw en probeer het nog eens."


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
    if not value.isdigit():
        raise VersieVerouderd("De If-Match-header noemt geen bekende versie.")
    return int(value)


IfMatch = Annotated[int, Depends(_if_match)]


def check_versie(expected: int, actual: int) -> None:
    """Optimistic locking: the change builds on the version the caller read, or it is refused."""
    if expected != actual:
        raise VersieVerouderd()
