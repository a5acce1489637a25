"""Bearer JWT validation, roles, provider scoping, and a dev command that mints tokens.

Locally tokens are HS256, signed with `JWT_SECRET`; in production an OIDC issuer signs RS256 and
its keys come from `JWKS_URL`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request

from wmo_common.problems import Forbidden, Unauthorized
from wmo_common.settings import CommonSettings


class Role(StrEnum):
    CONSULTANT = "consultant"
    CONTRACT_MANAGER = "contract-manager"
    CONTROLLER = "controller"
    PROVIDER = "provider"
    AUDITOR = "auditor"
    OPERATIONS = "operations"


@dataclass(frozen=True)
class Principal:
    """Who calls: the token subject, its roles, and for a provider its own AGB code."""

    subject: str
    roles: frozenset[Role]
    agb: str | None = None

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_provider_only(self) -> bool:
        return self.roles == {Role.PROVIDER}


# A verified token is remembered by its text until it expires, at most this long (the time
# PyJWKClient keeps the issuer's keys), and for at most this many tokens at once.
REMEMBER_SECONDS = 300.0
REMEMBER_TOKENS = 1024


class TokenVerifier:
    """Checks signature, expiry, issuer and audience; turns the claims into a Principal.

    A client sends the same token with each request until it expires; verifying it each time cost
    about 40 us of CPU per request. The Principal of a verified token is kept, keyed by the
    token's whole text, until its `exp` (the moment `jwt.decode` would call it expired) or
    REMEMBER_SECONDS, whichever comes first; after that it is verified again."""

    def __init__(self, settings: CommonSettings) -> None:
        self._settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwks_url) if settings.jwks_url else None
        self._verified: dict[str, tuple[Principal, float]] = {}

    def remembered(self, token: str) -> Principal | None:
        """The Principal of `token` if it was verified and holds still, else None."""
        entry = self._verified.get(token)
        if entry is None:
            return None
        if time.time() < entry[1]:
            return entry[0]
        self._verified.pop(token, None)
        return None

    @property
    def is_remote(self) -> bool:
        """Keys come from a JWKS endpoint, so verifying may do network I/O."""
        return self._jwks is not None

    def verify(self, token: str) -> Principal:
        principal = self.remembered(token)
        if principal is not None:
            return principal
        try:
            if self._jwks is not None:
                key: Any = self._jwks.get_signing_key_from_jwt(token).key
                algorithms = ["RS256"]
            else:
                key = self._settings.jwt_secret
                algorithms = ["HS256"]
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self._settings.jwt_audience,
                issuer=self._settings.jwt_issuer,
                options={"require": ["exp", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthorized("Het token is verlopen.") from exc
        except jwt.PyJWTError as exc:
            # Which check failed is not told: it would only help someone forging tokens.
            raise Unauthorized("Het token is ongeldig.") from exc
        principal = principal_from_claims(claims)
        if len(self._verified) >= REMEMBER_TOKENS:
            self._verified.clear()
        self._verified[token] = (
            principal,
            min(int(claims["exp"]), time.time() + REMEMBER_SECONDS),
        )
        return principal


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    raw_roles = claims.get("roles", [])
    if not isinstance(raw_roles, list):
        raise Unauthorized("De claim 'roles' moet een lijst zijn.")
    known = {r.value for r in Role}
    roles = frozenset(Role(r) for r in raw_roles if r in known)
    agb = claims.get("agb")
    if Role.PROVIDER in roles and not (isinstance(agb, str) and len(agb) == 8 and agb.isdigit()):
        raise Unauthorized(
            "Een provider-token moet een AGB-code van 8 cijfers dragen (claim 'agb')."
        )
    return Principal(
        subject=str(claims["sub"]), roles=roles, agb=agb if isinstance(agb, str) else None
    )


async def current_principal(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized()
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = verifier.remembered(token)
    if principal is None:
        if verifier.is_remote:
            principal = await asyncio.to_thread(verifier.verify, token)
        else:
            principal = verifier.verify(token)
    request.state.principal = principal
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets through only principals holding one of `roles`."""

    async def dependency(principal: CurrentUser) -> Principal:
        if not principal.has(*roles):
            allowed = ", ".join(r.value for r in roles)
            raise Forbidden(f"Deze handeling vraagt een van de rollen: {allowed}.")
        return principal

    return dependency


def ensure_own_agb(principal: Principal, agb: str) -> None:
    """A provider sees only its own data; other roles are not limited by AGB code."""
    if principal.is_provider_only and principal.agb != agb:
        raise Forbidden("Een aanbieder ziet alleen zijn eigen gegevens.")


def scoped_agb(principal: Principal, requested: str | None) -> str | None:
    """The AGB code a query is limited to: a provider always its own (asking for another one is
    refused), every other role what it asked for (None: all aanbieders)."""
    if principal.is_provider_only:
        if requested is not None:
            ensure_own_agb(principal, requested)
        return principal.agb
    return requested


def mint_token(
    settings: CommonSettings,
    *,
    subject: str,
    roles: list[str],
    agb: str | None = None,
    ttl_seconds: int = 3600,
) -> str:
    """A development token, signed with the local secret."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "roles": roles,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": str(uuid.uuid4()),
    }
    if agb is not None:
        claims["agb"] = agb
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wmo_common.auth", description="Mint a development bearer token."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    mint = sub.add_parser("mint", help="print a signed token")
    mint.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    mint.add_argument("--agb", help="AGB code, required for the provider role")
    mint.add_argument("--sub", default="dev-user", help="the token subject")
    mint.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds")
    args = parser.parse_args(argv)
    settings = CommonSettings()
    if settings.environment == "production":
        parser.error("tokens are minted by the OIDC issuer in production")
    if Role.PROVIDER.value in args.role and not args.agb:
        parser.error("--agb is required with --role provider")
    token = mint_token(
        settings, subject=args.sub, roles=args.role, agb=args.agb, ttl_seconds=args.ttl
    )
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
