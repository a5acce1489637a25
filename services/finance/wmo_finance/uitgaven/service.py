"""Spending per gemeente, segment and financing model, for a controller: the same committed,
realised and open amounts as the budget lines (`budgetten`), grouped instead of per line."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_finance.uitgaven import repository
from wmo_finance.uitgaven.schemas import Bedragen, UitgavenRead, UitgavenRegel


async def uitgaven(
    session: AsyncSession, *, jaar: int, gemeentecode: str | None, segment_id: uuid.UUID | None
) -> UitgavenRead:
    sums: dict[tuple[str | None, uuid.UUID | None, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for (
        gemeente,
        segment,
        model,
        verplicht,
        gerealiseerd,
        openstaand,
    ) in await repository.per_gemeente_segment_model(
        session, jaar=jaar, gemeentecode=gemeentecode, segment_id=segment_id
    ):
        totals = sums[(gemeente, segment, model)]
        totals[0] += int(verplicht)
        totals[1] += int(gerealiseerd)
        totals[2] += int(openstaand)
    regels = [
        UitgavenRegel(
            gemeentecode=gemeente,
            segment_id=segment,
            bekostigingsmodel=model,
            verplicht_cents=v,
            gerealiseerd_cents=g,
            openstaand_cents=o,
            prognose_cents=g + o,
        )
        for (gemeente, segment, model), (v, g, o) in sorted(
            sums.items(), key=lambda item: (item[0][0] or "", str(item[0][1] or ""), item[0][2])
        )
    ]
    return UitgavenRead(
        jaar=jaar,
        gemeentecode=gemeentecode,
        segment_id=segment_id,
        regels=regels,
        totaal=Bedragen(
            verplicht_cents=sum(r.verplicht_cents for r in regels),
            gerealiseerd_cents=sum(r.gerealiseerd_cents for r in regels),
            openstaand_cents=sum(r.openstaand_cents for r in regels),
            prognose_cents=sum(r.prognose_cents for r in regels),
        ),
    )
