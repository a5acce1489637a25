"""RFC 9457 problem details: services raise a Problem, one set of handlers renders it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, NotRequired, TypedDict, Unpack

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from wmo_common.db import database_unavailable, rejected_input
from wmo_common.logging import get_logger

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://wmo-suite.nl/problemen/"

log = get_logger(__name__)


class InvalidParam(BaseModel):
    """One finding on the input: which parameter, a stable code and a readable reason."""

    model_config = ConfigDict(frozen=True)

    name: str
    code: str
    reason: str


class ProblemDetail(BaseModel):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    invalid_params: list[InvalidParam] = Field(default_factory=list, alias="invalidParams")

    model_config = ConfigDict(populate_by_name=True)


class Problem(Exception):
    """Base of every domain error; subclasses set status, slug and title."""

    status: ClassVar[int] = 500
    slug: ClassVar[str] = "interne-fout"
    title: ClassVar[str] = "Er ging iets mis aan onze kant."

    def __init__(self, detail: str | None = None, invalid_params: Sequence[InvalidParam] = ()):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.invalid_params = list(invalid_params)


class BadRequest(Problem):
    status = 400
    slug = "ongeldige-invoer"
    title = "De invoer is ongeldig."


class Unauthorized(Problem):
    status = 401
    slug = "niet-geauthenticeerd"
    title = "Een geldig bearer-token is nodig."


class Forbidden(Problem):
    status = 403
    slug = "geen-toegang"
    title = "Dit token heeft geen recht op deze handeling."


class NotFound(Problem):
    status = 404
    slug = "niet-gevonden"
    title = "De gevraagde resource bestaat niet."


class Conflict(Problem):
    status = 409
    slug = "conflict"
    title = "De handeling botst met de huidige toestand."


class ServiceUnavailable(Problem):
    status = 503
    slug = "niet-beschikbaar"
    title = "De dienst is tijdelijk niet beschikbaar."


class MethodNotAllowed(Problem):
    status = 405
    slug = "methode-niet-toegestaan"
    title = "Deze methode is hier niet toegestaan."


_HTTP_PROBLEMS: dict[int, type[Problem]] = {404: NotFound, 405: MethodNotAllowed}


class ProblemFields(TypedDict):
    """What a problem says, apart from the request it answers."""

    status: int
    slug: str
    title: str
    detail: str
    invalid_params: NotRequired[Sequence[InvalidParam]]


def problem_detail(request: Request, **fields: Unpack[ProblemFields]) -> ProblemDetail:
    """The problem of `request`: the body of an error answer, or one item's outcome in a batch."""
    return ProblemDetail(
        type=TYPE_BASE + fields["slug"],
        title=fields["title"],
        status=fields["status"],
        detail=fields["detail"],
        instance=request.url.path,
        invalidParams=list(fields.get("invalid_params", ())),
    )


def problem_response(
    request: Request,
    *,
    headers: dict[str, str] | None = None,
    **fields: Unpack[ProblemFields],
) -> JSONResponse:
    body = problem_detail(request, **fields)
    payload = body.model_dump(
        by_alias=True, exclude={"invalid_params"} if not body.invalid_params else None
    )
    return JSONResponse(payload, status_code=body.status, media_type=PROBLEM_JSON, headers=headers)


def _param_name(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def invalid_params_from(errors: Sequence[Any]) -> list[InvalidParam]:
    """Every pydantic finding as an invalidParam; the input value itself is never echoed."""
    return [
        InvalidParam(
            name=_param_name(e.get("loc", ())),
            code=str(e.get("type", "invalid")),
            reason=str(e.get("msg", "ongeldig")),
        )
        for e in errors
    ]


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, Problem):
        raise TypeError(exc)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return problem_response(
        request,
        status=exc.status,
        slug=exc.slug,
        title=exc.title,
        detail=exc.detail,
        invalid_params=exc.invalid_params,
        headers=headers,
    )


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        raise TypeError(exc)
    params = invalid_params_from(exc.errors())
    return problem_response(
        request,
        status=400,
        slug=BadRequest.slug,
        title=BadRequest.title,
        detail=f"{len(params)} invoerfout(en) gevonden.",
        invalid_params=params,
    )


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        raise TypeError(exc)
    known = _HTTP_PROBLEMS.get(exc.status_code)
    if known is not None:
        # A 405 names the methods that are allowed (RFC 9110 §15.5.6).
        return problem_response(
            request,
            status=known.status,
            slug=known.slug,
            title=known.title,
            detail=known.title,
            headers=dict(exc.headers) if exc.headers else None,
        )
    return problem_response(
        request,
        status=exc.status_code,
        slug=f"http-{exc.status_code}",
        title=str(exc.detail),
        detail=str(exc.detail),
    )


# Seconds a client should wait before retrying while a dependency is away.
RETRY_AFTER_SECONDS = 5


def unavailable_response(request: Request) -> JSONResponse:
    """503 with Retry-After: a dependency (the database) is away, the request may be retried."""
    return problem_response(
        request,
        status=ServiceUnavailable.status,
        slug=ServiceUnavailable.slug,
        title=ServiceUnavailable.title,
        detail="De database is tijdelijk niet bereikbaar; probeer het zo opnieuw.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def error_response(request: Request, exc: BaseException) -> JSONResponse:
    """The answer to an exception no route handled: 503 when the database is away, 400/409 when
    the database refused the values, else 500. Logged by type only (never its text)."""
    if database_unavailable(exc):
        log.warning("database_unavailable", extra={"errorType": type(exc).__name__})
        return unavailable_response(request)
    status = rejected_input(exc)
    if status == 409:
        return problem_response(
            request,
            status=409,
            slug=Conflict.slug,
            title=Conflict.title,
            detail="Er bestaat al een gelijke registratie.",
        )
    if status == 400:
        return problem_response(
            request,
            status=400,
            slug=BadRequest.slug,
            title=BadRequest.title,
            detail="De database weigert een van de waarden (ongeldig teken of buiten het bereik).",
        )
    log.error(
        "unhandled_error",
        extra={"errorType": type(exc).__name__, "path": request.url.path},
        exc_info=exc,
    )
    return problem_response(
        request, status=500, slug=Problem.slug, title=Problem.title, detail=Problem.title
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    return error_response(request, exc)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    # Database and network errors are answered here (not by the 500 fallback, which re-raises
    # into the server's own error log with the error's text).
    app.add_exception_handler(SQLAlchemyError, _on_unexpected)
    app.add_exception_handler(OSError, _on_unexpected)
    app.add_exception_handler(Exception, _on_unexpected)
