import uuid
from datetime import timedelta
from decimal import Decimal

from wmo_access.settings import Settings
from wmo_common.events.common import Product
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.events.providers import (
    AANBIEDERS,
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    AanmeldstopAangekondigd,
    Capaciteit,
    PrestatiesBijgewerkt,
)
from wmo_testing.access import PRODUCT, TODAY, Markt, Toegang, contract, issued, random_agb
from wmo_testing.harness import Drained, Publish, ServiceHarness


def prestaties(agb: str, segment_id: uuid.UUID, wachttijd: str) -> PrestatiesBijgewerkt:
    return PrestatiesBijgewerkt(
        aanbieder_id=uuid.uuid4(),
        agb=agb,
        segment_id=segment_id,
        periode="2026-Q3",
        gemiddelde_wachttijd_dagen=Decimal(wachttijd),
        treeknorm_dagen=28,
    )


async def test_the_verwijsadvies_ranks_by_treeknorm_signaleringen_wachttijd_and_capacity(
    toegang: Toegang,
    markt: Markt,
    publish: Publish,
    drained: Drained,
    harness: ServiceHarness[Settings],
) -> None:
    # A: 10 days, within the norm, 5 places. B: 5 days but an open signalering. C: 40 days,
    # above the Treeknorm of 28. D: an aanmeldstop. E: 20 days, capacity unknown.
    a, b, c, d, e = (random_agb() for _ in range(5))
    await publish(
        contract(
            markt.segment_id, [(a, "hoofdaannemer")] + [(x, "combinant") for x in (b, c, d, e)]
        )
    )
    await drained("contracten", [CONTRACTEN])
    await publish(
        AanbiederGeregistreerd(
            aanbieder_id=uuid.uuid4(),
            agb=a,
            naam="Zorg A",
            capaciteit=[Capaciteit(product=Product.model_validate(PRODUCT), plaatsen=5)],
        )
    )
    for agb, wachttijd in ((a, "10"), (b, "5"), (c, "40"), (e, "20")):
        await publish(prestaties(agb, markt.segment_id, wachttijd))
    await publish(
        AanbiederGesignaleerd(
            aanbieder_id=uuid.uuid4(),
            signalering_id=uuid.uuid4(),
            agb=b,
            reden="Te late startberichten",
        )
    )
    await publish(
        AanmeldstopAangekondigd(
            aanbieder_id=uuid.uuid4(),
            aanmeldstop_id=uuid.uuid4(),
            agb=d,
            reden="Vol",
            ingangsdatum=TODAY - timedelta(days=1),
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    _, ind = await issued(toegang, markt)

    response = await toegang.client.get(
        f"/api/v1/indicaties/{ind['id']}/verwijsadvies",
        params={"voorkeurAgb": c},
        headers=harness.headers("consultant"),
    )
    assert response.status_code == 200, response.text
    advies = response.json()
    ranked = [x["agb"] for x in advies["aanbieders"] if x["agb"] in (a, b, c, e)]
    assert ranked == [a, e, b, c]
    by_agb = {x["agb"]: x for x in advies["aanbieders"]}
    assert by_agb[a]["plaatsenVrij"] == 5
    assert by_agb[a]["binnenTreeknorm"] is True
    assert by_agb[b]["openSignaleringen"] == 1
    assert any("Te late startberichten" in r for r in by_agb[b]["redenen"])
    assert by_agb[c]["binnenTreeknorm"] is False
    assert by_agb[c]["isVoorkeur"] is True
    assert "Voorkeur van de cliënt." in by_agb[c]["redenen"]
    [overgeslagen] = [x for x in advies["overgeslagen"] if x["agb"] == d]
    assert "Aanmeldstop" in overgeslagen["reden"]
    assert advies["criteria"]


async def test_a_verwijsadvies_for_an_unknown_indicatie_is_a_404(
    toegang: Toegang, harness: ServiceHarness[Settings]
) -> None:
    response = await toegang.client.get(
        f"/api/v1/indicaties/{uuid.uuid4()}/verwijsadvies", headers=harness.headers("consultant")
    )
    assert response.status_code == 404
