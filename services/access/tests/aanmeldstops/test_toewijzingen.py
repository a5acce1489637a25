import uuid
from datetime import date, timedelta

from wmo_common.events.common import Product
from wmo_common.events.providers import AANBIEDERS, AanmeldstopAangekondigd, AanmeldstopBeeindigd
from wmo_testing.access import PRODUCT, START, TODAY, Markt, Toegang, issued, problem_type
from wmo_testing.harness import Drained, Publish


def aangekondigd(
    agb: str,
    ingangsdatum: date,
    *,
    product: dict[str, str] | None = PRODUCT,
    gebied: str | None = "Tilburg",
) -> AanmeldstopAangekondigd:
    return AanmeldstopAangekondigd(
        aanbieder_id=uuid.uuid4(),
        aanmeldstop_id=uuid.uuid4(),
        agb=agb,
        product=Product.model_validate(product) if product else None,
        gebied=gebied,
        reden="Geen personeel",
        ingangsdatum=ingangsdatum,
    )


async def test_an_aanmeldstop_refuses_a_toewijzing_from_its_date_and_not_before(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    stop_date = START + timedelta(days=30)
    await publish(aangekondigd(markt.agb, stop_date))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    refused = await toegang.toewijzing(ind["id"], markt.agb, ingangsdatum=stop_date.isoformat())
    assert refused.status_code == 409
    assert problem_type(refused) == "aanmeldstop"
    assert "Geen personeel" in refused.json()["detail"]
    before = await toegang.toewijzing(
        ind["id"], markt.agb, ingangsdatum=(stop_date - timedelta(days=1)).isoformat()
    )
    assert before.status_code == 201, before.text


async def test_a_toewijzing_made_while_a_stop_holds_is_refused_even_if_it_starts_later(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(aangekondigd(markt.agb, TODAY - timedelta(days=1), product=None, gebied=None))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    refused = await toegang.toewijzing(ind["id"], markt.agb)
    assert problem_type(refused) == "aanmeldstop"


async def test_an_aanmeldstop_for_another_gebied_or_product_does_not_refuse(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(aangekondigd(markt.agb, TODAY, gebied="Breda"))
    await publish(aangekondigd(markt.agb, TODAY, product={"categorie": "07"}))
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    assert (await toegang.toewijzing(ind["id"], markt.agb)).status_code == 201


async def test_an_ended_aanmeldstop_no_longer_refuses(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    stop = aangekondigd(markt.agb, TODAY - timedelta(days=20))
    await publish(stop)
    await publish(
        AanmeldstopBeeindigd(
            aanbieder_id=stop.aanbieder_id,
            aanmeldstop_id=stop.aanmeldstop_id,
            agb=markt.agb,
            einddatum=TODAY - timedelta(days=1),
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)
    assert (await toegang.toewijzing(ind["id"], markt.agb)).status_code == 201
