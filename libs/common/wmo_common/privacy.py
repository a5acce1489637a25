"""Pseudonyms and field encryption: how personal data may travel in events (DESIGN.md, Privacy)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12
_VERSION = "v1"


def is_valid_bsn(bsn: str) -> bool:
    """The BSN 11-check: nine digits, weights 9..2 and -1 for the last, sum divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(bsn, weights, strict=True)) % 11 == 0


def pseudonymise(bsn: str, key: str) -> str:
    """The client's pseudonym: a keyed HMAC-SHA256 of the BSN, hex. Stable per key, one-way."""
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


class DecryptionFailed(Exception):
    """The field was not encrypted for this purpose, with this key, or was tampered with."""


class FieldCipher:
    """AES-256-GCM for one purpose; the purpose is bound as associated data.

    A token is `v1.<base64url(nonce || ciphertext+tag)>`; it opens only with the same key and the
    same purpose, so a field encrypted for the gateway cannot be opened by any other consumer.
    """

    def __init__(self, key_b64: str, purpose: str) -> None:
        key = base64.b64decode(key_b64)
        if len(key) != 32:
            raise ValueError("a field key must be 32 bytes (base64 encoded)")
        self._aead = AESGCM(key)
        self._aad = purpose.encode()
        self.purpose = purpose

    def encrypt(self, data: dict[str, Any]) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, json.dumps(data, sort_keys=True).encode(), self._aad)
        return f"{_VERSION}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str) -> dict[str, Any]:
        try:
            version, body = token.split(".", 1)
            if version != _VERSION:
                raise DecryptionFailed("unknown token version")
            raw = base64.urlsafe_b64decode(body.encode())
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], self._aad)
        except DecryptionFailed:
            raise
        except Exception as exc:
            raise DecryptionFailed("the field cannot be opened with this key and purpose") from exc
        result: dict[str, Any] = json.loads(plain)
        return result


def generate_field_key() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()
