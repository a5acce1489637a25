"""Transaction-scoped advisory locks that make order-free event handling safe.

Contracts, strategies and toewijzingen arrive on different topics, in different consumers.
Without a lock, a toewijzing and the contract that prices it could be applied at the same
moment, each transaction blind to the other's uncommitted row, and no verplichting would be
booked. Both reactions (`reacties`) take the same lock first, so the second one sees the first
one's commit.
Always take a beschikking's lock before an aanbieder's, and the aanbieder's before the segment's
(several of a kind in sorted order), and an aanbieder's before a client's `cak` lock (a Wmo305
takes both), so two handlers never wait on each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def lock(session: AsyncSession, kind: str, key: str | uuid.UUID) -> None:
    """Hold `kind:key` until the transaction ends."""
    await lock_all(session, [(kind, key)])


async def lock_all(session: AsyncSession, locks: Sequence[tuple[str, str | uuid.UUID]]) -> None:
    """Hold each `kind:key` until the transaction ends, taken in the order given (PostgreSQL
    evaluates a select list from left to right) in one round trip."""
    if not locks:
        return
    calls = ", ".join(f"pg_advisory_xact_lock(hashtext(:n{i}))" for i in range(len(locks)))
    names = {f"n{i}": f"{kind}:{key}" for i, (kind, key) in enumerate(locks)}
    await session.execute(text(f"SELECT {calls}"), names)
