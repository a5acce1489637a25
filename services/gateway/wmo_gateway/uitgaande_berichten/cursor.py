"""Cursor paging for the outbox feed: the cursor is the position (created_at, id) of the last
message seen, so new messages never shift a page the aanbieder is reading."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime

from wmo_common.problems import BadRequest, InvalidParam


def encode(created_at: datetime, bericht_id: uuid.UUID) -> str:
    raw = f"{created_at.isoformat()}|{bericht_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, _, ident = raw.partition("|")
        parsed = datetime.fromisoformat(moment)
        if parsed.tzinfo is None:
            raise ValueError("cursor time without zone")
        return parsed, uuid.UUID(ident)
    except ValueError as exc:
        raise BadRequest(
            "De cursor is ongeldig.",
            invalid_params=[
                InvalidParam(name="cursor", code="invalid", reason="Geen cursor van deze feed.")
            ],
        ) from exc
