"""An indicatie reaching its end (IndicatieVerlopen) ends the verplichtingen of its toewijzingen."""

import uuid
from datetime import date

from wmo_common.events.access import IndicatieVerlopen, ToewijzingAfgegeven, ToewijzingGewijzigd
from wmo_testing.finance import Regio


def verlopen(toewijzing: ToewijzingAfgegeven, einddatum: date) -> IndicatieVerlopen:
    return IndicatieVerlopen(
        indicatie_id=uuid.uuid4(),
        beschikking_id=toewijzing.beschikking_id,
        client_pseudonym=toewijzing.client_pseudonym,
        einddatum=einddatum,
    )


async def test_an_expired_indicatie_ends_the_verplichting_of_its_toewijzing_on_its_end_date(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(7000)]))
    ending = regio.toewijzing(einddatum=date(2026, 2, 1))  # 4 weeks
    # A sibling indicatie of the same beschikking runs longer; its toewijzing runs on.
    sibling = regio.toewijzing(beschikking_id=ending.beschikking_id, einddatum=date(2026, 3, 1))
    elsewhere = regio.toewijzing(einddatum=date(2026, 2, 1))
    await regio.publish(ending, sibling, elsewhere)
    await regio.verplichting_van(ending.toewijzing_id, status="actief", bedragCents=84_000)
    await regio.verplichting_van(sibling.toewijzing_id, status="actief")
    await regio.verplichting_van(elsewhere.toewijzing_id, status="actief")

    event = verlopen(ending, date(2026, 2, 1))
    await regio.publish(event)
    # Ended, not released: the care up to the end date was committed and is still owed.
    row = await regio.verplichting_van(ending.toewijzing_id, status="beeindigd")
    assert row["einddatum"] == "2026-02-01"
    assert row["bedragCents"] == 84_000

    # The same announcement again (a new envelope, so not an inbox duplicate) changes nothing.
    await regio.consumed(*await regio.publish(event))
    await regio.verplichting_van(ending.toewijzing_id, status="beeindigd", bedragCents=84_000)
    await regio.verplichting_van(sibling.toewijzing_id, status="actief")
    await regio.verplichting_van(elsewhere.toewijzing_id, status="actief")


async def test_a_toewijzing_arriving_after_its_indicatie_expired_is_booked_as_ended(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(7000)]))
    late = regio.toewijzing(einddatum=date(2026, 2, 1))
    await regio.consumed(*await regio.publish(verlopen(late, date(2026, 2, 1))))
    await regio.publish(late)

    row = await regio.verplichting_van(late.toewijzing_id, status="beeindigd")
    assert row["einddatum"] == "2026-02-01"
    assert row["bedragCents"] == 84_000


async def test_a_toewijzing_extended_onto_a_new_beschikking_runs_on_after_the_old_one_expired(
    regio: Regio,
) -> None:
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(7000)]))
    first = regio.toewijzing(einddatum=date(2026, 2, 1))
    await regio.consumed(*await regio.publish(first, verlopen(first, date(2026, 2, 1))))
    await regio.verplichting_van(first.toewijzing_id, status="beeindigd")

    # The herindicatie (reden 04): the same toewijzing, now on the new beschikking, runs longer.
    verlengd = ToewijzingGewijzigd(
        **(
            first.model_dump()
            | {
                "beschikking_id": uuid.uuid4(),
                "einddatum": date(2026, 3, 1),
                "reden_wijziging": "04",
                "toewijzingsdatum": date(2026, 1, 20),
            }
        )
    )
    await regio.publish(verlengd)
    # 3 hours x 8 weeks x 7000.
    await regio.verplichting_van(first.toewijzing_id, status="actief", bedragCents=168_000)
