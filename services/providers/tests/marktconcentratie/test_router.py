import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
from lxml import etree  # type: ignore[import-untyped]

from wmo_common.events.access import INDICATIES, TOEWIJZINGEN, ToewijzingAfgegeven
from wmo_common.events.common import Product
from wmo_common.events.envelope import CloudEvent
from wmo_common.events.finance import DECLARATIES, DeclaratieBeoordeeld, Prestatiebeoordeling
from wmo_common.events.gateway import INBOUND, ZorgGestopt
from wmo_common.events.registry import Event
from wmo_providers.marktconcentratie.service import compute_concentratie
from wmo_providers.settings import Settings
from wmo_testing.harness import ServiceHarness

Publish = Callable[..., Awaitable[CloudEvent]]
Drained = Callable[[str, list[str]], Awaitable[None]]
SOURCE = "urn:nld:oin:00000001234567890000:systeem:proef"
TOPICS = [TOEWIJZINGEN, INBOUND, DECLARATIES, INDICATIES]
PRODUCT = Product(categorie="02", code="02A01")
# Clients per aanbieder in the hand-computed market: 200 in all, the four largest hold 192.
CLIENTEN = [100, 50, 30, 12, 2, 2, 1, 1, 1, 1]
SVG_NS = "{http://www.w3.org/2000/svg}"


def toewijzing(
    agb: str,
    nummer: str,
    client: str,
    segment: uuid.UUID,
    *,
    gebied: str = "Tilburg",
    ingang: date = date(2026, 1, 5),
    einde: date | None = None,
) -> ToewijzingAfgegeven:
    return ToewijzingAfgegeven(
        toewijzing_id=uuid.uuid4(),
        toewijzingnummer=nummer,
        beschikking_id=uuid.uuid4(),
        beschikkingnummer="B1",
        client_pseudonym=client,
        client_gegevens="versleuteld",
        gemeentecode="0855",
        aanbieder_agb=agb,
        product=PRODUCT,
        ingangsdatum=ingang,
        einddatum=einde,
        toewijzingsdatum=ingang,
        segment_id=segment,
        gebied=gebied,
    )


def regel(
    referentie: str, nummer: str, cents: int, debet_credit: str = "D"
) -> Prestatiebeoordeling:
    return Prestatiebeoordeling.model_validate(
        {
            "referentie": referentie,
            "toewijzingnummer": nummer,
            "goedgekeurd": True,
            "ingediendBedragCents": cents,
            "toegekendBedragCents": cents,
            "debetCredit": debet_credit,
        }
    )


def beoordeeld(agb: str, day: date, *regels: Prestatiebeoordeling) -> CloudEvent:
    """A declaratie judged on `day`; returns the envelope to publish."""
    event = DeclaratieBeoordeeld(
        declaratie_id=uuid.uuid4(),
        bericht_id=uuid.uuid4(),
        declaratienummer="D1",
        aanbieder_agb=agb,
        prestaties=list(regels),
        totaal_ingediend_cents=0,
        totaal_toegekend_cents=0,
    )
    return event.to_envelope(SOURCE).model_copy(
        update={"time": datetime(day.year, day.month, day.day, 11, tzinfo=UTC)}
    )


async def test_the_market_figures_match_a_hand_computed_example(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    agbs = [f"{agb[:6]}{i:02d}" for i in range(len(CLIENTEN))]
    for code, naam in ((agbs[0], "Groot B.V."), (agbs[1], "Middel B.V.")):
        await client.post(
            "/api/v1/aanbieders",
            json={"agb": code, "naam": naam},
            headers=harness.headers("contract-manager"),
        )
    events: list[Event] = [
        toewijzing(code, f"T{i:07d}", f"{uuid.uuid4().int:064x}", segment)
        for code, aantal in zip(agbs, CLIENTEN, strict=True)
        for i in range(aantal)
    ]
    first = events[0]
    assert isinstance(first, ToewijzingAfgegeven)
    events += [
        # A second toewijzing of a client already counted: still one client.
        toewijzing(agbs[0], "X0000001", first.client_pseudonym, segment, ingang=date(2026, 2, 1)),
        # Outside the selection: another gebied, another segment, ended before the period.
        toewijzing(agbs[1], "X0000002", "a" * 64, segment, gebied="Oost"),
        toewijzing(agbs[1], "X0000003", "b" * 64, uuid.uuid4()),
        toewijzing(agbs[2], "X0000004", "c" * 64, segment, ingang=date(2025, 10, 1)),
        ZorgGestopt(
            bericht_id=uuid.uuid4(),
            berichtidentificatie="307-X4",
            aanbieder_agb=agbs[2],
            gemeentecode="0855",
            toewijzingnummer="X0000004",
            client_pseudonym="c" * 64,
            product=PRODUCT,
            begindatum=date(2025, 10, 1),
            einddatum=date(2025, 12, 15),
            reden_beeindiging="02",
            status_aanlevering="1",
        ),
    ]
    await asyncio.gather(*(publish(e) for e in events))
    in_q1 = date(2026, 3, 20)
    declaraties = [
        # 600.00 granted and 100.00 credited: 500.00 net.
        (agbs[0], beoordeeld(agbs[0], in_q1, regel("R1", "T0000000", 60_000))),
        (agbs[0], beoordeeld(agbs[0], in_q1, regel("R2", "T0000001", 10_000, "C"))),
        (agbs[1], beoordeeld(agbs[1], in_q1, regel("R1", "T0000000", 30_000))),
        (agbs[2], beoordeeld(agbs[2], in_q1, regel("R1", "T0000000", 20_000))),
        # Only credited in the period: -50.00, a share of nothing.
        (agbs[3], beoordeeld(agbs[3], in_q1, regel("R1", "T0000000", 5_000, "C"))),
        # Judged after the period, and for a toewijzing in another gebied: not counted.
        (agbs[1], beoordeeld(agbs[1], date(2026, 4, 1), regel("R2", "T0000000", 99_000))),
        (agbs[1], beoordeeld(agbs[1], in_q1, regel("R3", "X0000002", 99_000))),
    ]
    for _, envelope in declaraties:
        await publish(DeclaratieBeoordeeld.model_validate(envelope.data), envelope)
    await drained("prestatie-indicatoren", TOPICS)

    response = await client.get(
        f"/api/v1/marktconcentratie?periode=2026-Q1&segmentId={segment}&gebied=Tilburg",
        headers=harness.headers("controller"),
    )
    assert response.status_code == 200
    markt = response.json()
    assert [a["clienten"] for a in markt["aanbieders"]] == CLIENTEN
    largest = markt["aanbieders"][0]
    assert largest == {
        "agb": agbs[0],
        "naam": "Groot B.V.",
        "clienten": 100,
        "clientaandeelPercentage": "50.0",
        "omzetCents": 50_000,
        "omzetaandeelPercentage": "50.0",
    }
    assert markt["aanbieders"][2]["naam"] is None  # not registered here
    assert [a["omzetCents"] for a in markt["aanbieders"][:5]] == [50_000, 30_000, 20_000, -5_000, 0]
    assert markt["aanbieders"][3]["omzetaandeelPercentage"] == "0.0"
    assert [a["clientaandeelPercentage"] for a in markt["aanbieders"]] == [
        "50.0", "25.0", "15.0", "6.0", "1.0", "1.0", "0.5", "0.5", "0.5", "0.5"
    ]  # fmt: skip
    # HHI: 50² + 25² + 15² + 6² + 1² + 1² + 4 × 0.5² = 3389.
    assert markt["clienten"]["totaal"] == 200
    assert markt["clienten"]["hhi"] == 3389
    assert markt["clienten"]["top5Percentage"] == "97.0"
    curve = [
        (p["aanbiedersPercentage"], p["aandeelPercentage"])
        for p in markt["clienten"]["paretocurve"]
    ]
    assert curve == [
        ("10.0", "50.0"), ("20.0", "75.0"), ("30.0", "90.0"), ("40.0", "96.0"), ("50.0", "97.0"),
        ("60.0", "98.0"), ("70.0", "98.5"), ("80.0", "99.0"), ("90.0", "99.5"), ("100.0", "100.0"),
    ]  # fmt: skip
    # 40 % of the aanbieders serve 96 % of the clients.
    assert markt["clienten"]["paretocurve"][3]["aanbieders"] == 4
    # Revenue: 500 + 300 + 200 of 1000 euro; HHI 50² + 30² + 20² = 3800.
    assert markt["omzet"]["totaal"] == 100_000
    assert markt["omzet"]["hhi"] == 3800
    assert markt["omzet"]["top5Percentage"] == "100.0"

    everywhere = await client.get(
        f"/api/v1/marktconcentratie?periode=2026-Q1&segmentId={segment}",
        headers=harness.headers("controller"),
    )
    second = everywhere.json()["aanbieders"][1]
    assert (second["clienten"], second["omzetCents"]) == (51, 129_000)  # with gebied Oost


async def test_the_market_is_drawn_as_a_readable_pareto_chart(
    client: httpx.AsyncClient,
    harness: ServiceHarness[Settings],
    publish: Publish,
    drained: Drained,
    agb: str,
) -> None:
    segment = uuid.uuid4()
    await client.post(
        "/api/v1/aanbieders",
        json={"agb": agb, "naam": "Zorg & <Welzijn>"},
        headers=harness.headers("contract-manager"),
    )
    other = f"{agb[:6]}99" if agb[6:] != "99" else f"{agb[:6]}98"
    await asyncio.gather(
        *(
            publish(toewijzing(code, f"T{i:07d}", f"{uuid.uuid4().int:064x}", segment))
            for code, aantal in ((agb, 4), (other, 1))
            for i in range(aantal)
        )
    )
    await drained("prestatie-indicatoren", TOPICS)
    response = await client.get(
        f"/api/v1/marktconcentratie/grafiek?periode=2026-Q1&segmentId={segment}",
        headers=harness.headers("contract-manager"),
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    # Our own output, parsed without entities or network all the same.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    svg = etree.fromstring(response.content, parser)
    assert svg.tag == f"{SVG_NS}svg"
    assert "Marktconcentratie" in (svg.findtext(f"{SVG_NS}title") or "")
    summary = svg.findtext(f"{SVG_NS}desc")
    # 80 % and 20 %: HHI 6400 + 400.
    assert summary == (
        "HHI 6800 · top-5 100,0 % · 50,0 % van de aanbieders bedient 80,0 % van de cliënten"
    )
    bars = [r for r in svg.iter(f"{SVG_NS}rect") if r.get("class") == "aanbieder"]
    assert [b.findtext(f"{SVG_NS}title") for b in bars] == [
        "Zorg & <Welzijn>: 4 cliënten (80,0 %)",
        f"{other}: 1 cliënten (20,0 %)",
    ]
    [line] = [p for p in svg.iter(f"{SVG_NS}polyline") if p.get("class") == "paretocurve"]
    assert len((line.get("points") or "").split()) == 3  # the origin and one point per aanbieder


async def test_only_the_region_sees_the_market_and_a_bad_periode_is_a_400(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings], agb: str
) -> None:
    for path in ("/api/v1/marktconcentratie", "/api/v1/marktconcentratie/grafiek"):
        provider = await client.get(
            f"{path}?periode=2026-Q1", headers=harness.headers("provider", agb=agb)
        )
        assert provider.status_code == 403
        invalid = await client.get(f"{path}?periode=2026-13", headers=harness.headers("auditor"))
        assert invalid.status_code == 400
        assert [p["name"] for p in invalid.json()["invalidParams"]] == ["periode"]
    empty = await client.get(
        f"/api/v1/marktconcentratie?periode=2026-Q1&segmentId={uuid.uuid4()}",
        headers=harness.headers("auditor"),
    )
    assert empty.json()["aanbieders"] == []
    assert empty.json()["clienten"] == {
        "totaal": 0,
        "top5Percentage": None,
        "hhi": None,
        "paretocurve": [],
    }


def test_shares_are_rounded_once_from_exact_fractions() -> None:
    thirds = compute_concentratie({"a": 1, "b": 1, "c": 1}, ["a", "b", "c"])
    assert thirds.hhi == 3333  # 3 × (100/3)² = 3333.33…
    assert [(p.aanbieders_percentage, p.aandeel_percentage) for p in thirds.paretocurve] == [
        (Decimal("33.3"), Decimal("33.3")),
        (Decimal("66.7"), Decimal("66.7")),
        (Decimal("100.0"), Decimal("100.0")),
    ]
