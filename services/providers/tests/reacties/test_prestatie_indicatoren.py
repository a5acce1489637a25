import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx

from wmo_common.events.access import (
    INDICATIES,
    TOEWIJZINGEN,
    ResultaatGeevalueerd,
    ToewijzingAfgegeven,
)
from wmo_common.events.common import Product
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.events.gateway import INBOUND, ZorgGestart, ZorgGestopt
from wmo_common.events.registry import Event
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness

Publish = Callable[..., Awaitable[CloudEvent]]
Drained = Callable[[str, list[str]], Awaitable[None]]
SOURCE = "urn:nld:oin:00000001234567890000:systeem:proef"
TOPICS = [TOEWIJZINGEN, INBOUND, DECLARATIES, INDICATIES]
PRODUCT = Product(categorie="02", code="02A01")


def at(day: date) -> Callable[[Event], CloudEvent]:
    """An envelope recorded on `day` (noon in Amsterdam): when the gateway received the bericht."""

    def envelope(event: Event) -> CloudEvent:
        return event.to_envelope(SOURCE).model_copy(
            update={"time": datetime(day.year, day.month, day.day, 11, tzinfo=UTC)}
        )

    return envelope


def pseudonym(n: int) -> str:
    return f"{n:064x}"


def toewijzing(
    agb: str, nummer: str, client: int, toegewezen: date, segment: uuid.UUID
) -> ToewijzingAfgegeven:
    return ToewijzingAfgegeven(
        toewijzing_id=uuid.uuid4(),
        toewijzingnummer=nummer,
        beschikking_id=uuid.uuid4(),
        beschikkingnummer="B1",
        client_pseudonym=pseudonym(client),
        client_gegevens="versleuteld",
        gemeentecode="0855",
        aanbieder_agb=agb,
        product=PRODUCT,
        ingangsdatum=toegewezen,
        toewijzingsdatum=toegewezen,
        segment_id=segment,
        gebied="Tilburg",
    )


def gestart(agb: str, nummer: str, client: int, begin: date) -> ZorgGestart:
    return ZorgGestart(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"305-{nummer}",
        aanbieder_agb=agb,
        gemeentecode="0855",
        toewijzingnummer=nummer,
        client_pseudonym=pseudonym(client),
        product=PRODUCT,
        begindatum=begin,
        status_aanlevering="1",
    )


def gestopt(agb: str, nummer: str, client: int, begin: date, einde: date) -> ZorgGestopt:
    return ZorgGestopt(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"307-{nummer}",
        aanbieder_agb=agb,
        gemeentecode="0855",
        toewijzingnummer=nummer,
        client_pseudonym=pseudonym(client),
        product=PRODUCT,
        begindatum=begin,
        einddatum=einde,
        reden_beeindiging="02",
        status_aanlevering="1",
    )


def resultaat(
    agb: str, resultaat_id: uuid.UUID, segment: uuid.UUID, behaald: bool, op: date
) -> ResultaatGeevalueerd:
    return ResultaatGeevalueerd(
        resultaat_id=resultaat_id,
        ondersteuningsplan_id=uuid.uuid4(),
        client_pseudonym=pseudonym(1),
        aanbieder_agb=agb,
        segment_id=segment,
        behaald=behaald,
        geevalueerd_op=op,
    )


async def kpis(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str, periode: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/api/v1/prestatie-indicatoren?periode={periode}&agb={agb}&peildatum=2026-04-15",
        headers=harness.headers("controller"),
    )
    assert response.status_code == 200
    results: list[dict[str, Any]] = response.json()["results"]
    return results


async def test_kpis_follow_from_a_realistic_stream_with_redeliveries_and_reordering(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    await client.put(
        f"/api/v1/prestatie-indicatoren/normen/{segment}",
        json={"treeknormDagen": 21, "normen": []},
        headers=harness.headers("contract-manager"),
    )
    t1 = toewijzing(agb, "T1", 1, date(2026, 1, 5), segment)
    t2 = toewijzing(agb, "T2", 2, date(2026, 1, 10), segment)
    t3 = toewijzing(agb, "T3", 3, date(2026, 2, 2), segment)
    # The 305 and 307 of T2 arrive before its 301: arrival order carries no meaning.
    await publish(g2 := gestart(agb, "T2", 2, date(2026, 2, 9)), at(date(2026, 2, 20))(g2))
    await publish(
        s2 := gestopt(agb, "T2", 2, date(2026, 2, 9), date(2026, 3, 11)),
        at(date(2026, 3, 12))(s2),
    )
    first_t1 = await publish(t1)
    await publish(t2)
    await publish(t3)
    start_t1 = await publish(
        g1 := gestart(agb, "T1", 1, date(2026, 1, 15)), at(date(2026, 1, 16))(g1)
    )
    await publish(g1, start_t1)  # the same 305 redelivered
    await publish(t1, t1.to_envelope(SOURCE))  # the same 301 sent again under a new event id
    assert first_t1.id != t1.to_envelope(SOURCE).id
    declaratie = DeclaratieBeoordeeld(
        declaratie_id=uuid.uuid4(),
        bericht_id=uuid.uuid4(),
        declaratienummer="D1",
        aanbieder_agb=agb,
        prestaties=[
            Prestatiebeoordeling(
                referentie="R1",
                toewijzingnummer="T1",
                goedgekeurd=True,
                ingediend_bedrag_cents=10_000,
                toegekend_bedrag_cents=10_000,
            ),
            Prestatiebeoordeling(
                referentie="R2",
                toewijzingnummer="T2",
                goedgekeurd=True,
                ingediend_bedrag_cents=5_000,
                toegekend_bedrag_cents=5_000,
            ),
            Prestatiebeoordeling(
                referentie="R3",
                toewijzingnummer="T2",
                goedgekeurd=False,
                retourcodes=["8001"],
                ingediend_bedrag_cents=2_001,
                toegekend_bedrag_cents=0,
            ),
        ],
        totaal_ingediend_cents=17_001,
        totaal_toegekend_cents=15_000,
    )
    await publish(declaratie, at(date(2026, 3, 20))(declaratie))
    await publish(declaratie, at(date(2026, 3, 21))(declaratie))  # redelivered by a replay
    r1, r2 = uuid.uuid4(), uuid.uuid4()
    await publish(resultaat(agb, r1, segment, True, date(2026, 3, 10)))
    await publish(resultaat(agb, r1, segment, False, date(2026, 3, 1)))  # older, arrives later
    await publish(resultaat(agb, r2, segment, False, date(2026, 3, 15)))
    await drained("prestatie-indicatoren", TOPICS)

    [kpi] = await kpis(client, harness, agb, "2026-Q1")
    assert kpi["segmentId"] == str(segment)
    assert kpi["toewijzingenOntvangen"] == 3
    assert kpi["gestart"] == 2
    assert kpi["gemiddeldeWachttijdDagen"] == "20.0"  # (10 + 30) / 2
    assert kpi["treeknormDagen"] == 21
    assert kpi["binnenTreeknormPercentage"] == "50.0"
    assert kpi["actieveCaseload"] == 1  # T2 stopped, T3 never started
    assert kpi["beeindigd"] == {"aantal": 1, "perReden": {"02": 1}}
    assert kpi["gemiddeldeDuurDagen"] == "30.0"
    assert kpi["declaratieregels"] == 3
    assert kpi["afwijzingspercentage"] == "33.3"
    assert kpi["toegekendCents"] == 15_000
    assert kpi["kostenPerClientCents"] == 7_500
    assert kpi["resultatenGeevalueerd"] == 2
    assert kpi["resultatenBehaaldPercentage"] == "50.0"
    assert kpi["berichten"] == {
        "teLateStartberichten": 1,  # T2: care began Mon 9 Feb, 305 received Fri 20 Feb
        "ontbrekendeStartberichten": 1,  # T3
        "teLateStopberichten": 0,
        "ontbrekendeStopberichten": 0,
    }
    assert kpi["teLateOfOntbrekendeBerichten"] == 2


async def test_a_provider_sees_only_its_own_kpis(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    other = f"{int(agb) + 1:08d}"
    segment = uuid.uuid4()
    await publish(toewijzing(agb, "A1", 1, date(2026, 1, 5), segment))
    await publish(toewijzing(other, "B1", 2, date(2026, 1, 5), segment))
    await drained("prestatie-indicatoren", TOPICS)
    response = await client.get(
        f"/api/v1/prestatie-indicatoren?periode=2026-Q1&segmentId={segment}",
        headers=harness.headers("provider", agb=agb),
    )
    assert [k["agb"] for k in response.json()["results"]] == [agb]
    everyone = await client.get(
        f"/api/v1/prestatie-indicatoren?periode=2026-Q1&segmentId={segment}",
        headers=harness.headers("controller"),
    )
    assert sorted(k["agb"] for k in everyone.json()["results"]) == sorted([agb, other])
    invalid = await client.get(
        "/api/v1/prestatie-indicatoren?periode=2026-Q5", headers=harness.headers("controller")
    )
    assert invalid.status_code == 400
    assert [p["name"] for p in invalid.json()["invalidParams"]] == ["periode"]


async def test_a_credited_line_takes_its_amount_off_the_granted_total_and_the_cost_per_client(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    await publish(toewijzing(agb, "T1", 1, date(2026, 1, 5), segment))
    lines = [
        Prestatiebeoordeling(
            referentie="R1",
            toewijzingnummer="T1",
            goedgekeurd=True,
            ingediend_bedrag_cents=10_000,
            toegekend_bedrag_cents=10_000,
        ),
        # The aanbieder takes back a quarter of what it declared: amounts are positive in iWmo.
        Prestatiebeoordeling(
            referentie="R2",
            toewijzingnummer="T1",
            goedgekeurd=True,
            ingediend_bedrag_cents=2_500,
            toegekend_bedrag_cents=2_500,
            debet_credit="C",
        ),
    ]
    declaratie = DeclaratieBeoordeeld(
        declaratie_id=uuid.uuid4(),
        bericht_id=uuid.uuid4(),
        declaratienummer="D1",
        aanbieder_agb=agb,
        prestaties=lines,
        totaal_ingediend_cents=7_500,
        totaal_toegekend_cents=7_500,
    )
    await publish(declaratie, at(date(2026, 3, 20))(declaratie))
    await drained("prestatie-indicatoren", TOPICS)
    [kpi] = await kpis(client, harness, agb, "2026-Q1")
    assert kpi["toegekendCents"] == 7_500
    assert kpi["kostenPerClientCents"] == 7_500
