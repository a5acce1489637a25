"""The OpenAPI document as the NLGov API Design Rules want it (docs/api-design-rules.md).

FastAPI writes a document for the routes as mounted; `nlgov_document` turns it into the one we
publish: paths relative to a server that carries the major version (`/api/v1`), the headers the
middleware sends declared on every response (API-Version; Link on a page of a list), problem+json
as the only error body (with 413 and 503, which the platform can answer anywhere), a bearer
security scheme, top-level tags, UpperCamelCase schema names, and `/openapi.json` itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from wmo_common.problems import PROBLEM_JSON

PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemDetail"}
# Served without a token and with CORS `*`; only the first is an OpenAPI path (see the docs).
PUBLIC_DOCUMENTS = ("/openapi.json", "/asyncapi.json")
CONTACT = {"name": "wmo-suite", "url": "https://wmo-suite.nl", "email": "api@wmo-suite.nl"}
BEARER = "bearerAuth"

HEADERS: dict[str, dict[str, Any]] = {
    "API-Version": {
        "description": "De volledige versie (semver) van deze API.",
        "schema": {"type": "string", "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$"},
    },
    "ETag": {
        "description": "De versie van de gelezen resource; stuur hem terug in If-Match.",
        "schema": {"type": "string", "pattern": '^"[0-9]+"$'},
    },
    "Link": {
        "description": 'Paginanavigatie (RFC 8288): rel="first", "prev", "next" en "last", '
        "elk met page en pageSize.",
        "schema": {"type": "string"},
    },
    # Lower case: the ADR 2.1 ruleset looks this name up literally.
    "access-control-allow-origin": {
        "description": "`*`: elke webapplicatie mag dit document lezen.",
        "schema": {"type": "string", "const": "*"},
    },
}

ETAG_RESPONSE_HEADERS = {"ETag": {"$ref": "#/components/headers/ETag"}}


def with_etag(
    status: int, responses: Mapping[int | str, dict[str, Any]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that calls `set_etag` on its `status` answer: the ETag
    header declared there, next to the route's other `responses`."""
    return {**(responses or {}), status: {"headers": dict(ETAG_RESPONSE_HEADERS)}}


EXTRA_PROBLEMS = {
    413: "De JSON-body is groter dan de dienst aanneemt.",
    503: "De dienst of zijn database is tijdelijk niet bereikbaar; probeer het later opnieuw.",
}


def nlgov_document(document: dict[str, Any], *, api_prefix: str) -> dict[str, Any]:
    """`document` rewritten in place for publication; every path must start with `api_prefix`."""
    document["info"]["contact"] = dict(CONTACT)
    document["servers"] = [
        {"url": api_prefix, "description": "Deze dienst; het pad draagt de major-versie."}
    ]
    _name_schemas_in_pascal_case(document)
    paths: dict[str, Any] = {}
    for path, operations in document.get("paths", {}).items():
        if not path.startswith(api_prefix + "/"):
            raise ValueError(f"{path} lies outside {api_prefix}: it cannot be published")
        for operation in operations.values():
            _declare_responses(operation)
            operation["security"] = [{BEARER: []}]
        paths[path.removeprefix(api_prefix)] = operations
    paths["/openapi.json"] = {"get": _openapi_document_operation()}
    document["paths"] = paths
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    used = set(_references(document))
    components["headers"] = {
        name: header for name, header in HEADERS.items() if f"#/components/headers/{name}" in used
    }
    components["securitySchemes"] = {
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "Een JWT van de OIDC-issuer met de claim `roles` (en `agb` voor "
            "de rol provider); zie docs/frontends.md.",
        }
    }
    tags = sorted(
        {tag for ops in paths.values() for op in ops.values() for tag in op.get("tags", [])}
    )
    document["tags"] = [{"name": tag} for tag in tags]
    return document


def _declare_responses(operation: dict[str, Any]) -> None:
    """Errors as problem+json; API-Version on every response, Link on each page of a list."""
    responses: dict[str, Any] = operation["responses"]
    responses.pop("422", None)
    for code, description in EXTRA_PROBLEMS.items():
        if code == 413 and not _takes_json(operation):
            continue
        responses.setdefault(str(code), {"description": description})
    parameters = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    is_page = {"page", "pageSize"} <= parameters
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        headers["API-Version"] = {"$ref": "#/components/headers/API-Version"}
        if status.startswith("2"):
            if response.get("description") == "Successful Response":
                response["description"] = "Gelukt."
            if is_page:
                headers["Link"] = {"$ref": "#/components/headers/Link"}
        elif status[0] in "45":
            response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}
    operation["responses"] = dict(sorted(responses.items()))


def _takes_json(operation: dict[str, Any]) -> bool:
    content = operation.get("requestBody", {}).get("content", {})
    return any(media == "application/json" or media.endswith("+json") for media in content)


def _openapi_document_operation() -> dict[str, Any]:
    return {
        "tags": ["documentatie"],
        "summary": "OpenAPI-document",
        "description": "Dit document; zonder token en voor elke herkomst leesbaar (CORS `*`). "
        "De events staan in het AsyncAPI-document naast dit document: `asyncapi.json`.",
        "operationId": "get_openapi_document",
        "security": [],
        "responses": {
            "200": {
                "description": "Het OpenAPI-document.",
                "headers": {
                    "API-Version": {"$ref": "#/components/headers/API-Version"},
                    "access-control-allow-origin": {
                        "$ref": "#/components/headers/access-control-allow-origin"
                    },
                },
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    }


def _name_schemas_in_pascal_case(document: dict[str, Any]) -> None:
    """`Page_ToewijzingRead_` (pydantic's name for a generic) becomes `PageToewijzingRead`."""
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    renamed = {name: re.sub(r"[^A-Za-z0-9]", "", name) for name in schemas}
    renamed = {old: new for old, new in renamed.items() if old != new}
    if not renamed:
        return
    if len(set(renamed.values()) | (schemas.keys() - renamed.keys())) != len(schemas):
        raise ValueError(f"two schemas would share a name: {sorted(renamed)}")
    document["components"]["schemas"] = {renamed.get(k, k): v for k, v in schemas.items()}
    prefix = "#/components/schemas/"
    refs = {prefix + old: prefix + new for old, new in renamed.items()}

    for node in _nodes(document):
        if node.get("$ref") in refs:
            node["$ref"] = refs[node["$ref"]]


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in the document, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


def _references(document: dict[str, Any]) -> Iterator[str]:
    return (node["$ref"] for node in _nodes(document) if isinstance(node.get("$ref"), str))
