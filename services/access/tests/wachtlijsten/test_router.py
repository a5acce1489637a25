import uuid
from datetime import timedelta
from decimal import Decimal

from wmo_access.settings import Settings
from wmo_common.calendar import add_months
from wmo_common.events.contracting import CONTRACTEN
from wmo_common.events.providers import AANBIEDERS, PrestatiesBijgewerkt
from wmo_testing.access import TODAY, Markt, Toegang, issued, problem_type, strategie
from wmo_testing.harness import Drained, Publish, ServiceHarness


async def test_the_waiting_list_shows_who_waits_longer_than_the_treeknorm(
    toegang: Toegang,
    markt: Markt,
    publish: Publish,
    drained: Drained,
    harness: ServiceHarness[Settings],
) -> None:
    await publish(
        PrestatiesBijgewerkt(
            aanbieder_id=uuid.uuid4(),
            agb=markt.agb,
            segment_id=markt.segment_id,
            periode="2026-Q3",
            gemiddelde_wachttijd_dagen=Decimal(12),
            treeknorm_dagen=28,
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    _, lang = await issued(toegang, markt)
    _, kort = await issued(toegang, markt)
    oud = await toegang.ok(
        "aanmeldingen",
        {
            "indicatieId": lang["id"],
            "aanbiederAgb": markt.agb,
            "aanmelddatum": (TODAY - timedelta(days=40)).isoformat(),
        },
    )
    nieuw = await toegang.ok("aanmeldingen", {"indicatieId": kort["id"], "aanbiederAgb": markt.agb})
    assert nieuw["status"] == "wachtend"
    auditor = harness.headers("auditor")
    lijst = await toegang.client.get(
        "/api/v1/wachtlijsten", params={"gebied": "Tilburg"}, headers=auditor
    )
    ids = [a["id"] for a in lijst.json()]
    assert ids.index(oud["id"]) < ids.index(nieuw["id"])
    breaches = await toegang.client.get(
        "/api/v1/wachtlijsten", params={"overschreden": "true"}, headers=auditor
    )
    [breach] = [a for a in breaches.json() if a["aanbiederAgb"] == markt.agb]
    assert breach["id"] == oud["id"]
    assert (breach["dagenWachtend"], breach["normDagen"]) == (40, 28)
    # The acceptatieplicht of beschermd wonen (6 months) as the norm: nobody is past it yet.
    ruim = await toegang.client.get(
        "/api/v1/wachtlijsten",
        params={"overschreden": "true", "normDagen": 183},
        headers=auditor,
    )
    assert oud["id"] not in [a["id"] for a in ruim.json()]


async def test_a_placed_or_refused_aanmelding_leaves_the_list_and_cannot_change_again(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    _, ind = await issued(toegang, markt)
    aanmelding = await toegang.ok(
        "aanmeldingen", {"indicatieId": ind["id"], "aanbiederAgb": markt.agb}
    )
    geweigerd = await toegang.ok(
        f"aanmeldingen/{aanmelding['id']}/weigeringen", {"reden": "Geen passende plek"}
    )
    assert (geweigerd["status"], geweigerd["weigeringsreden"]) == (
        "geweigerd",
        "Geen passende plek",
    )
    again = await toegang.post(f"aanmeldingen/{aanmelding['id']}/plaatsingen", {})
    assert again.status_code == 409
    assert problem_type(again) == "aanmelding-afgehandeld"
    lijst = await toegang.client.get("/api/v1/wachtlijsten", headers=harness.headers("auditor"))
    assert aanmelding["id"] not in [a["id"] for a in lijst.json()]


async def test_the_segments_acceptatieplicht_is_the_norm_of_its_waiting_list(
    toegang: Toegang,
    markt: Markt,
    publish: Publish,
    drained: Drained,
    harness: ServiceHarness[Settings],
) -> None:
    # Beschermd wonen: "acceptatieplicht: binnen 6 maanden een plek".
    await publish(
        strategie(markt.segment_id, versie=2).model_copy(update={"acceptatieplicht_maanden": 6})
    )
    await drained("contracten", [CONTRACTEN])
    aanmelddatum = add_months(TODAY, -7)
    _, lang = await issued(toegang, markt)
    _, net = await issued(toegang, markt)
    over = await toegang.ok(
        "aanmeldingen",
        {
            "indicatieId": lang["id"],
            "aanbiederAgb": markt.agb,
            "aanmelddatum": aanmelddatum.isoformat(),
        },
    )
    binnen = await toegang.ok(
        "aanmeldingen",
        {
            "indicatieId": net["id"],
            "aanbiederAgb": markt.agb,
            "aanmelddatum": (TODAY - timedelta(days=150)).isoformat(),
        },
    )
    auditor = harness.headers("auditor")
    breaches = await toegang.client.get(
        "/api/v1/wachtlijsten", params={"overschreden": "true"}, headers=auditor
    )
    [breach] = [a for a in breaches.json() if a["aanbiederAgb"] == markt.agb]
    assert breach["id"] == over["id"]
    assert breach["normDagen"] == (add_months(aanmelddatum, 6) - aanmelddatum).days
    lijst = await toegang.client.get("/api/v1/wachtlijsten", headers=auditor)
    [op_tijd] = [a for a in lijst.json() if a["id"] == binnen["id"]]
    assert (op_tijd["isOverschreden"], op_tijd["dagenWachtend"]) == (False, 150)
    assert op_tijd["normDagen"] >= 181
