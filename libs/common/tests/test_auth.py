"""A verified token is remembered until it expires (issue 22): the same principal without a
second verification, and the same refusals as before once it has expired or when it never
verified."""

import time
from datetime import datetime, tzinfo
from typing import Self

import jwt
import pytest

from wmo_common.auth import REMEMBER_SECONDS, Principal, Role, TokenVerifier, mint_token
from wmo_common.problems import Unauthorized
from wmo_common.settings import CommonSettings

SETTINGS = CommonSettings()
NOW = 1_900_000_000.0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The wall clock both the verifier and PyJWT read, set by the test."""
    moment = [NOW]

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Self:
            return cls.fromtimestamp(moment[0], tz)

    monkeypatch.setattr(time, "time", lambda: moment[0])
    monkeypatch.setattr(jwt.api_jwt, "datetime", Frozen)
    return moment


def token(ttl: int, *, roles: list[str] | None = None, agb: str | None = None) -> str:
    return mint_token(
        SETTINGS, subject="tester", roles=roles or ["consultant"], agb=agb, ttl_seconds=ttl
    )


def test_a_token_verified_once_gives_the_same_principal_without_decoding_again(
    clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    verifier = TokenVerifier(SETTINGS)
    bearer = token(3600, roles=["provider"], agb="12345678")
    first = verifier.verify(bearer)
    assert first == Principal(subject="tester", roles=frozenset({Role.PROVIDER}), agb="12345678")

    def no_decoding(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(jwt, "decode", no_decoding)
    assert verifier.verify(bearer) is first
    assert verifier.remembered(bearer) is first


def test_a_remembered_token_is_refused_as_expired_from_its_exp_on(clock: list[float]) -> None:
    verifier = TokenVerifier(SETTINGS)
    bearer = token(60)
    verifier.verify(bearer)
    clock[0] = NOW + 59
    assert verifier.remembered(bearer) is not None
    clock[0] = NOW + 60  # PyJWT: expired when exp <= now
    assert verifier.remembered(bearer) is None
    with pytest.raises(Unauthorized, match="verlopen"):
        verifier.verify(bearer)


def test_a_token_is_verified_again_after_the_remembering_time(
    clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    verifier = TokenVerifier(SETTINGS)
    bearer = token(3600)
    verifier.verify(bearer)
    clock[0] = NOW + REMEMBER_SECONDS
    assert verifier.remembered(bearer) is None
    assert verifier.verify(bearer).subject == "tester"


def test_a_refused_token_is_not_remembered_and_another_text_is_another_token(
    clock: list[float],
) -> None:
    verifier = TokenVerifier(SETTINGS)
    bearer = token(3600)
    forged = bearer[:-2] + ("AA" if bearer[-2:] != "AA" else "BB")
    for _ in range(2):
        with pytest.raises(Unauthorized, match="ongeldig"):
            verifier.verify(forged)
    verifier.verify(bearer)
    assert verifier.remembered(forged) is None
    provider_without_agb = token(3600, roles=["provider"])
    for _ in range(2):
        with pytest.raises(Unauthorized, match="AGB"):
            verifier.verify(provider_without_agb)
