"""Reading declaraties is processing of care lines per client: it is recorded, and an aanbieder
never learns that another's declaratie exists."""

import uuid
from datetime import date

from sqlalchemy import select

from wmo_common.audit import AuditRecord
from wmo_testing.finance import Regio

JAN = (date(2026, 1, 1), date(2026, 1, 31))


async def _records(regio: Regio) -> list[tuple[str, str | None, str | None]]:
    async with regio.harness.sessionmaker() as session:
        records = (await session.execute(select(AuditRecord).order_by(AuditRecord.id))).scalars()
        return [(r.handeling, r.resource, r.client_pseudonym) for r in records]


async def test_reading_declaraties_is_recorded_with_each_client_of_the_care_lines(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(6543)]))
    first, second = regio.toewijzing(), regio.toewijzing()
    await regio.publish(first, second)
    for toewijzing in (first, second):
        await regio.verplichting_van(toewijzing.toewijzing_id)
    judged = await regio.beoordeeld(
        regio.declaratie(*JAN).regel(first, "R1").regel(second, "R2").bericht("D1")
    )
    before = await _records(regio)  # waiting for the verdict read the declaratie too
    controller = regio.headers("controller")
    listed = await regio.client.get("/api/v1/declaraties", headers=controller)
    assert listed.status_code == 200
    read = await regio.client.get(f"/api/v1/declaraties/{judged['id']}", headers=controller)
    assert read.status_code == 200

    assert (await _records(regio))[len(before) :] == [
        ("lezen", "declaraties", None),
        *sorted(
            ("lezen", f"declaraties/{judged['id']}", t.client_pseudonym) for t in (first, second)
        ),
    ]


async def test_another_aanbiedders_declaratie_is_not_found_like_an_unknown_one(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(6543)]))
    toewijzing = regio.toewijzing()
    await regio.publish(toewijzing)
    await regio.verplichting_van(toewijzing.toewijzing_id)
    judged = await regio.beoordeeld(regio.declaratie(*JAN).regel(toewijzing, "R1").bericht("D1"))
    stranger = regio.headers("provider", agb="00000001" if regio.agb != "00000001" else "00000002")
    theirs = await regio.client.get(f"/api/v1/declaraties/{judged['id']}", headers=stranger)
    unknown = await regio.client.get(f"/api/v1/declaraties/{uuid.uuid4()}", headers=stranger)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["type"] == unknown.json()["type"]
