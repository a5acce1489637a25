"""The rules of a new toewijzing read their facts in one statement: each still refuses with its
own problem, in the same order, and racing requests still assign an indicatie once."""

import asyncio
import uuid
from datetime import timedelta

from wmo_common.events.common import Product
from wmo_common.events.providers import (
    AANBIEDERS,
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanmeldstopAangekondigd,
    Capaciteit,
)
from wmo_testing.access import PRODUCT, TODAY, Markt, Toegang, issued, problem_type, random_agb
from wmo_testing.harness import Drained, Publish


def gesignaleerd(
    agb: str, *, segment_id: uuid.UUID | None = None, blokkerend: bool = True
) -> AanbiederGesignaleerd:
    return AanbiederGesignaleerd(
        aanbieder_id=uuid.uuid4(),
        signalering_id=uuid.uuid4(),
        agb=agb,
        segment_id=segment_id,
        reden="wachttijd boven norm",
        blokkeert_toewijzing=blokkerend,
    )


async def test_requests_racing_for_one_indicatie_assign_it_once(
    toegang: Toegang, markt: Markt
) -> None:
    _, ind = await issued(toegang, markt)
    responses = await asyncio.gather(*(toegang.toewijzing(ind["id"], markt.agb) for _ in range(4)))
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409]
    refused = [r for r in responses if r.status_code == 409]
    assert {problem_type(r) for r in refused} == {"indicatie-al-toegewezen"}


async def test_when_several_aanbieder_rules_refuse_the_first_in_their_order_answers(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    """Contract, then signalering, then aanmeldstop, then capaciteit."""
    for agb in (markt.agb, zonder_contract := random_agb()):
        await publish(
            AanbiederGeregistreerd(
                aanbieder_id=uuid.uuid4(),
                agb=agb,
                naam="Zorg BV",
                capaciteit=[Capaciteit(product=Product.model_validate(PRODUCT), plaatsen=0)],
            )
        )
        await publish(
            AanmeldstopAangekondigd(
                aanbieder_id=uuid.uuid4(),
                aanmeldstop_id=uuid.uuid4(),
                agb=agb,
                product=None,
                gebied=None,
                reden="Geen personeel",
                ingangsdatum=TODAY - timedelta(days=1),
            )
        )
        await publish(gesignaleerd(agb))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    assert problem_type(await toegang.toewijzing(ind["id"], zonder_contract)) == (
        "geen-actief-contract"
    )
    assert problem_type(await toegang.toewijzing(ind["id"], markt.agb)) == "aanbieder-gesignaleerd"


async def test_a_signalering_of_another_segment_neither_blocks_nor_warns(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(gesignaleerd(markt.agb, segment_id=uuid.uuid4()))
    await publish(gesignaleerd(markt.agb, segment_id=uuid.uuid4(), blokkerend=False))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    assert created.status_code == 201, created.text
    assert created.json()["waarschuwingen"] == []


async def test_a_signalering_of_the_indicaties_segment_blocks_and_one_that_warns_is_returned(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(gesignaleerd(markt.agb, segment_id=markt.segment_id, blokkerend=False))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    created = await toegang.toewijzing(ind["id"], markt.agb)
    assert created.status_code == 201, created.text
    assert created.json()["waarschuwingen"] == [
        f"Aanbieder {markt.agb} is gesignaleerd: wachttijd boven norm"
    ]

    await publish(gesignaleerd(markt.agb, segment_id=markt.segment_id))
    await drained("aanbieders", [AANBIEDERS])
    _, other = await issued(toegang, markt)
    refused = await toegang.toewijzing(other["id"], markt.agb)
    assert problem_type(refused) == "aanbieder-gesignaleerd"
