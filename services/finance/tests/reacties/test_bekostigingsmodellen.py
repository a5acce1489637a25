"""Money per financing model from real events on the real topics, on hand-computed amounts:
lumpsum claims refused, the tarief of the indicated intensiteit, 80/20 paid at the start of
care and at the result, a verplichting booked to each year it runs in."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from wmo_common.events.access import (
    BeschikkingAfgegeven,
    Indicatieregel,
    ResultaatGeevalueerd,
    ToewijzingBeeindigd,
)
from wmo_common.events.contracting import Bekostiging, Partij
from wmo_common.events.gateway import ZorgGestart
from wmo_finance.declaraties.retourcodes import ANDER_TARIEF, NIET_DECLAREERBAAR
from wmo_testing.finance import PRODUCT, Regio
from wmo_testing.harness import eventually

JAN = (date(2026, 1, 1), date(2026, 1, 31))


def gestart(regio: Regio, toewijzing: Any, begin: date) -> ZorgGestart:
    return ZorgGestart(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"S{toewijzing.toewijzingnummer}",
        aanbieder_agb=toewijzing.aanbieder_agb,
        gemeentecode=toewijzing.gemeentecode,
        toewijzingnummer=toewijzing.toewijzingnummer,
        client_pseudonym=toewijzing.client_pseudonym,
        product=toewijzing.product,
        begindatum=begin,
        status_aanlevering="1",
    )


def geindiceerd(toewijzing: Any, intensiteit: str) -> BeschikkingAfgegeven:
    return BeschikkingAfgegeven(
        beschikking_id=toewijzing.beschikking_id,
        client_pseudonym=toewijzing.client_pseudonym,
        gemeentecode=toewijzing.gemeentecode,
        afgegeven_op=date(2026, 1, 2),
        indicaties=[
            Indicatieregel(
                indicatie_id=uuid.uuid4(),
                product=PRODUCT,
                intensiteit=intensiteit,
                ingangsdatum=toewijzing.ingangsdatum,
            )
        ],
    )


def geevalueerd(toewijzing: Any, *, behaald: bool) -> ResultaatGeevalueerd:
    """As access sends it: the toewijzingen it holds money of, their aanbieder and segment."""
    return ResultaatGeevalueerd(
        resultaat_id=uuid.uuid4(),
        ondersteuningsplan_id=uuid.uuid4(),
        client_pseudonym=toewijzing.client_pseudonym,
        toewijzing_id=toewijzing.toewijzing_id,
        aanbieder_agb=toewijzing.aanbieder_agb,
        segment_id=toewijzing.segment_id,
        toewijzing_ids=[toewijzing.toewijzing_id],
        behaald=behaald,
        geevalueerd_op=date(2026, 4, 15),
    )


async def batches(regio: Regio) -> dict[str, dict[str, Any]]:
    response = await regio.client.get(
        "/api/v1/betaalbatches",
        params={"aanbiederAgb": regio.agb, "gemeente": regio.gemeentecode},
        headers=regio.headers("controller"),
    )
    return {b["periode"]: b for b in response.json()["results"]}


async def test_a_claim_on_a_lumpsum_toewijzing_is_refused_with_9338_for_every_partij(
    regio: Regio,
) -> None:
    combinant = "87654321" if regio.agb != "87654321" else "87654322"
    await regio.publish(
        regio.contract(
            "taakgericht",
            # Reference prices on a lumpsum contract do not make its care declarable.
            [regio.tarief(6543)],
            partijen=[
                Partij(aanbieder_agb=regio.agb, rol="hoofdaannemer"),
                Partij(aanbieder_agb=combinant, rol="combinant"),
            ],
        )
    )
    eigen = regio.toewijzing()
    bij_combinant = regio.toewijzing(aanbieder_agb=combinant)
    await regio.publish(eigen, bij_combinant)
    await regio.verplichting_van(eigen.toewijzing_id, bekostigingsmodel="taakgericht")
    declaratie = await regio.beoordeeld(regio.declaratie(*JAN).regel(eigen, "L1").bericht("L1"))
    assert declaratie["totaalToegekendCents"] == 0
    assert [p["retourcodes"] for p in declaratie["prestaties"]] == [[NIET_DECLAREERBAAR]]

    # The combinant's toewijzing falls under the coalition's lumpsum too.
    other = Regio(regio.harness, regio.client, regio.producer)
    other.agb = combinant
    judged = await other.beoordeeld(other.declaratie(*JAN).regel(bij_combinant, "C1").bericht("C1"))
    assert [p["retourcodes"] for p in judged["prestaties"]] == [[NIET_DECLAREERBAAR]]


async def test_the_tarief_of_the_indicated_intensiteit_prices_the_verplichting_and_the_claim(
    regio: Regio,
) -> None:
    await regio.publish(
        regio.contract(
            "inspanningsgericht",
            [regio.tarief(6543, intensiteit="midden"), regio.tarief(8000, intensiteit="zwaar")],
        )
    )
    zwaar = regio.toewijzing()  # 3 hours a week, Mon 5 Jan - Sun 29 Mar: 12 weeks
    # The toewijzing before its beschikking: no price until the intensiteit is known.
    await regio.consumed(*await regio.publish(zwaar))
    assert await regio.verplichtingen() == []
    await regio.publish(geindiceerd(zwaar, "zwaar"))
    # 3 x 12 x 8000.
    await regio.verplichting_van(zwaar.toewijzing_id, bedragCents=288_000, intensiteit="zwaar")

    declaratie = await regio.beoordeeld(
        regio.declaratie(*JAN)
        .regel(zwaar, "ZWAAR", product_tarief_cents=8000)
        .regel(zwaar, "MIDDEN-PRIJS", product_tarief_cents=6543, geleverd_volume=1)
        .bericht("I1")
    )
    verdicts = {p["referentie"]: p["retourcodes"] for p in declaratie["prestaties"]}
    assert verdicts["ZWAAR"] == []
    assert ANDER_TARIEF in verdicts["MIDDEN-PRIJS"]
    assert declaratie["totaalToegekendCents"] == 12 * 8000


async def test_outputgericht_pays_80_percent_at_the_start_of_care_and_20_when_the_result_is_met(
    regio: Regio,
) -> None:
    await regio.publish(
        regio.strategie(
            Bekostiging(
                model="outputgericht",
                realisatiefactor=Decimal("0.95"),
                resultaat_percentage=Decimal("20"),
            )
        ),
        regio.contract("outputgericht", [regio.tarief(6543)]),
    )
    gehaald = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    gemist = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    # The start of care may arrive before its toewijzing: order carries no meaning.
    await regio.publish(gestart(regio, gemist, date(2026, 1, 12)))
    await regio.publish(gehaald, gemist)
    # 1_000_001 x 0.95 = 950_000.95 -> 950_001; 20 % = 190_000 held back, 80 % = 760_001.
    await regio.verplichting_van(gehaald.toewijzing_id, bedragCents=950_001, betaalbaarCents=0)
    await regio.verplichting_van(gemist.toewijzing_id, betaalbaarCents=760_001)
    await regio.publish(gestart(regio, gehaald, date(2026, 1, 5)))
    await regio.verplichting_van(gehaald.toewijzing_id, betaalbaarCents=760_001)

    await regio.publish(geevalueerd(gehaald, behaald=True), geevalueerd(gemist, behaald=False))
    await regio.verplichting_van(
        gehaald.toewijzing_id, resultaatstatus="behaald", betaalbaarCents=950_001
    )
    # Not met: nothing more is paid, and the 20 % leaves the verplichting.
    await regio.verplichting_van(
        gemist.toewijzing_id,
        resultaatstatus="niet-behaald",
        bedragCents=760_001,
        betaalbaarCents=760_001,
    )

    async def paid() -> dict[str, dict[str, Any]] | None:
        found = await batches(regio)
        april = found.get("2026-04-01", {}).get("outputbetalingenCents")
        return found if april == 190_000 else None

    per_maand = await eventually(paid)
    # The two starts in January's batch of the gemeente, the met result in April's.
    assert per_maand["2026-01-01"]["outputbetalingenCents"] == 2 * 760_001
    assert per_maand["2026-01-01"]["bedragCents"] == 2 * 760_001
    assert per_maand["2026-01-01"]["gemeentecode"] == regio.gemeentecode

    # A second report of the same start pays nothing twice.
    await regio.consumed(*await regio.publish(gestart(regio, gehaald, date(2026, 1, 5))))
    assert (await batches(regio))["2026-01-01"]["outputbetalingenCents"] == 2 * 760_001


async def test_a_verplichting_into_the_next_year_is_booked_to_each_year_for_its_own_part(
    regio: Regio,
) -> None:
    naam = f"Begeleiding {regio.agb}"
    await regio.publish(
        regio.strategie(Bekostiging(model="inspanningsgericht")).model_copy(
            update={"segment_naam": naam}
        ),
        regio.contract("inspanningsgericht", [regio.tarief(7000)]),
    )
    # 3 hours a week from Mon 2 Nov 2026 to Sun 24 Jan 2027: 12 weeks, 60 days in 2026.
    winter = regio.toewijzing(ingangsdatum=date(2026, 11, 2), einddatum=date(2027, 1, 24))
    await regio.publish(winter)
    row = await regio.verplichting_van(winter.toewijzing_id, bedragCents=252_000)
    # 60/7 x 3 x 7000 = 180_000 in 2026; 24/7 x 3 x 7000 = 72_000 in 2027.
    assert row["perJaar"] == [
        {"jaar": 2026, "bedragCents": 180_000},
        {"jaar": 2027, "bedragCents": 72_000},
    ]
    for jaar, verwacht in ((2026, 180_000), (2027, 72_000)):
        created = await regio.client.post(
            "/api/v1/budgetten",
            json={"jaar": jaar, "segmentNaam": naam, "bedragCents": 1_000_000},
            headers=regio.headers("controller"),
        )
        assert created.json()["verplichtCents"] == verwacht
        assert created.json()["prognoseCents"] == verwacht  # nothing realised yet: all open


async def test_each_gemeente_pays_its_own_clients_and_a_controller_reads_it_per_gemeente(
    regio: Regio,
) -> None:
    naam = f"Begeleiding {regio.agb}"
    await regio.publish(
        regio.strategie(Bekostiging(model="inspanningsgericht")).model_copy(
            update={"segment_naam": naam}
        ),
        regio.contract("inspanningsgericht", [regio.tarief(7000)]),
    )
    tilburger = regio.toewijzing()  # 3 x 12 x 7000 = 252_000
    goirlenaar = regio.toewijzing(gemeentecode="0785", einddatum=date(2026, 2, 1))  # 84_000
    await regio.publish(tilburger, goirlenaar)
    await regio.verplichting_van(tilburger.toewijzing_id, gemeentecode="0855")
    await regio.verplichting_van(goirlenaar.toewijzing_id, gemeentecode="0785")

    lines = {}
    for gemeente in ("0855", "0785", None):
        created = await regio.client.post(
            "/api/v1/budgetten",
            json={"jaar": 2026, "segmentNaam": naam, "bedragCents": 300_000}
            | {"gemeentecode": gemeente},
            headers=regio.headers("controller"),
        )
        assert created.status_code == 201, created.text
        lines[gemeente] = created.json()["verplichtCents"]
    assert lines == {"0855": 252_000, "0785": 84_000, None: 336_000}

    goirle = await regio.client.get(
        "/api/v1/verplichtingen",
        params={"aanbiederAgb": regio.agb, "gemeente": "0785"},
        headers=regio.headers("controller"),
    )
    assert [v["toewijzingId"] for v in goirle.json()["results"]] == [str(goirlenaar.toewijzing_id)]
    uitgaven = await regio.client.get(
        "/api/v1/uitgaven",
        params={"jaar": "2026", "segmentId": str(regio.segment_id)},
        headers=regio.headers("auditor"),
    )
    assert [
        (r["gemeentecode"], r["bekostigingsmodel"], r["verplichtCents"], r["prognoseCents"])
        for r in uitgaven.json()["regels"]
    ] == [
        ("0785", "inspanningsgericht", 84_000, 84_000),
        ("0855", "inspanningsgericht", 252_000, 252_000),
    ]
    assert uitgaven.json()["totaal"]["verplichtCents"] == 336_000
    bad = await regio.client.get(
        "/api/v1/uitgaven", params={"gemeente": "Goirle"}, headers=regio.headers("controller")
    )
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"jaar", "gemeente"}


async def outputgericht(regio: Regio) -> None:
    """80/20 with a realisatiefactor of 0.95: a budget of 1_000_001 is 950_001, of which 190_000
    waits for the result and 760_001 is payable at the start of care."""
    await regio.publish(
        regio.strategie(
            Bekostiging(
                model="outputgericht",
                realisatiefactor=Decimal("0.95"),
                resultaat_percentage=Decimal("20"),
            )
        ),
        regio.contract("outputgericht", [regio.tarief(6543)]),
    )


def beeindigd(toewijzing: Any, einddatum: date, reden: str) -> ToewijzingBeeindigd:
    values = toewijzing.model_dump() | {
        "einddatum": einddatum,
        "reden_wijziging": reden,
        "toewijzingsdatum": date(2026, 2, 10),
    }
    return ToewijzingBeeindigd(**values)


async def test_a_claim_on_an_outputgericht_toewijzing_is_refused_with_9338(regio: Regio) -> None:
    await outputgericht(regio)
    toewijzing = regio.toewijzing()
    await regio.publish(toewijzing)
    await regio.verplichting_van(toewijzing.toewijzing_id, bekostigingsmodel="outputgericht")

    # 80/20 pays the start and the result, "geen afrekening op inzet": a claim would pay twice.
    judged = await regio.beoordeeld(regio.declaratie(*JAN).regel(toewijzing, "UREN").bericht("O1"))
    assert [p["retourcodes"] for p in judged["prestaties"]] == [[NIET_DECLAREERBAAR]]
    assert judged["totaalToegekendCents"] == 0
    assert "2026-01-01" not in await batches(regio)


async def test_an_outputgericht_toewijzing_ended_early_keeps_its_80_percent_and_the_20_lapses(
    regio: Regio,
) -> None:
    await outputgericht(regio)
    toewijzing = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    await regio.publish(toewijzing, gestart(regio, toewijzing, date(2026, 1, 5)))
    await regio.verplichting_van(toewijzing.toewijzing_id, betaalbaarCents=760_001)

    # Ended on 15 February, before any result was evaluated: the 80 % paid the start and stays;
    # the 20 % can no longer be earned and leaves the verplichting.
    await regio.publish(beeindigd(toewijzing, date(2026, 2, 15), "02"))
    await regio.verplichting_van(
        toewijzing.toewijzing_id,
        status="beeindigd",
        resultaatstatus="vervallen",
        bedragCents=760_001,
        betaalbaarCents=760_001,
    )
    # A result met after the einddatum (15 April) releases nothing.
    await regio.consumed(*await regio.publish(geevalueerd(toewijzing, behaald=True)))
    row = await regio.verplichting_van(toewijzing.toewijzing_id)
    assert (row["resultaatstatus"], row["betaalbaarCents"]) == ("vervallen", 760_001)
    per_maand = await batches(regio)
    assert per_maand["2026-01-01"]["outputbetalingenCents"] == 760_001
    assert "2026-04-01" not in per_maand


async def test_withdrawing_an_outputgericht_toewijzing_cancels_its_unpaid_80_percent(
    regio: Regio,
) -> None:
    await outputgericht(regio)
    toewijzing = regio.toewijzing(omvang=None, budget_cents=1_000_001)
    await regio.publish(toewijzing, gestart(regio, toewijzing, date(2026, 1, 5)))
    await regio.verplichting_van(toewijzing.toewijzing_id, betaalbaarCents=760_001)

    # Withdrawn (reden 13, einddatum = ingangsdatum): as if never issued, so the 80 % made
    # payable for its start leaves January's batch and the verplichting.
    await regio.publish(beeindigd(toewijzing, toewijzing.ingangsdatum, "13"))
    await regio.verplichting_van(
        toewijzing.toewijzing_id, status="vrijgegeven", bedragCents=0, betaalbaarCents=0
    )

    async def cancelled() -> dict[str, Any] | None:
        januari = (await batches(regio)).get("2026-01-01")
        return januari if januari and januari["outputbetalingenCents"] == 0 else None

    januari = await eventually(cancelled)
    assert januari["bedragCents"] == 0
    # A start reported again pays nothing: the share stays cancelled.
    await regio.consumed(*await regio.publish(gestart(regio, toewijzing, date(2026, 1, 5))))
    assert (await batches(regio))["2026-01-01"]["outputbetalingenCents"] == 0
    row = await regio.verplichting_van(toewijzing.toewijzing_id)
    assert row["betaalbaarCents"] == 0
