"""CAK-meldingen from the real start and stop of care (Wmo305/307) on the real topic."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from wmo_common.audit import AuditRecord
from wmo_common.events.common import Product
from wmo_common.events.gateway import ZorgGestart, ZorgGestopt
from wmo_testing.finance import Regio

BEGELEIDING = Product(categorie="02", code="02A08")
DAGBESTEDING = Product(categorie="07", code="07A01")
BESCHERMD_WONEN = Product(categorie="15", code="15A01")


def gestart(
    regio: Regio,
    pseudonym: str,
    nummer: str,
    product: Product,
    begin: date,
    status_aanlevering: str = "1",
) -> ZorgGestart:
    return ZorgGestart(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"S{nummer}",
        aanbieder_agb=regio.agb,
        gemeentecode=regio.gemeentecode,
        toewijzingnummer=nummer,
        client_pseudonym=pseudonym,
        product=product,
        begindatum=begin,
        status_aanlevering=status_aanlevering,
    )


def gestopt(
    regio: Regio, pseudonym: str, nummer: str, product: Product, begin: date, end: date
) -> ZorgGestopt:
    return ZorgGestopt(
        bericht_id=uuid.uuid4(),
        berichtidentificatie=f"E{nummer}",
        aanbieder_agb=regio.agb,
        gemeentecode=regio.gemeentecode,
        toewijzingnummer=nummer,
        client_pseudonym=pseudonym,
        product=product,
        begindatum=begin,
        einddatum=end,
        reden_beeindiging="02",
        status_aanlevering="1",
    )


def pseudonym() -> str:
    return uuid.uuid4().hex * 2


async def regel(regio: Regio, categorie: str, soort: str, code: str | None = None) -> str:
    response = await regio.client.post(
        "/api/v1/eigen-bijdrage-producten",
        json={"categorie": categorie, "code": code, "soort": soort},
        headers=regio.headers("controller"),
    )
    assert response.status_code == 201, response.text
    rule_id: str = response.json()["id"]
    return rule_id


async def meldingen(regio: Regio, client: str) -> list[dict[str, Any]]:
    response = await regio.client.get(
        "/api/v1/cak-meldingen", params={"pageSize": "500"}, headers=regio.headers("controller")
    )
    assert response.status_code == 200
    return [m for m in response.json()["results"] if m["clientPseudonym"] == client]


async def processed(regio: Regio, *events: ZorgGestart | ZorgGestopt) -> None:
    await regio.consumed(*await regio.publish(*events))


def kern(melding: dict[str, Any]) -> tuple[Any, ...]:
    return (
        melding["berichtcode"],
        melding["aanleiding"],
        melding["startdatum"],
        melding["stopdatum"],
        melding["uitersteVerzenddatum"],
        melding["status"],
    )


async def test_the_first_real_start_gives_one_405_per_person_due_within_a_month(
    regio: Regio,
) -> None:
    await regel(regio, "02", "abonnementstarief")
    await regel(regio, "15", "beschermd-wonen")
    client, zonder = pseudonym(), pseudonym()
    await processed(
        regio,
        gestart(regio, client, "T0000001", BEGELEIDING, date(2026, 2, 10)),
        gestart(regio, client, "T0000002", BEGELEIDING, date(2026, 3, 1)),
        gestart(regio, client, "T0000003", BESCHERMD_WONEN, date(2026, 1, 31)),
        # Dagbesteding carries no eigen bijdrage here: no rule, no bill.
        gestart(regio, zonder, "T0000004", DAGBESTEDING, date(2026, 2, 1)),
    )
    assert sorted(kern(m) for m in await meldingen(regio, client)) == [
        ("405", "start", "2026-02-10", None, "2026-03-10", "te-verzenden"),
        ("407", "start", "2026-01-31", None, "2026-02-28", "te-verzenden"),
    ]
    assert await meldingen(regio, zonder) == []


async def test_a_stop_is_told_only_when_the_last_voorziening_ends_and_the_cak_answers(
    regio: Regio,
) -> None:
    await regel(regio, "02", "abonnementstarief")
    client = pseudonym()
    begin = date(2026, 1, 5)
    await processed(
        regio,
        gestart(regio, client, "T0000001", BEGELEIDING, begin),
        gestart(regio, client, "T0000002", BEGELEIDING, date(2026, 2, 1)),
    )
    [start] = await meldingen(regio, client)
    controller = regio.headers("controller")
    sent = await regio.client.post(
        f"/api/v1/cak-meldingen/{start['id']}/verzendingen",
        json={"verzondenOp": "2026-01-20"},
        headers=controller,
    )
    assert sent.status_code == 201
    assert sent.json()["status"] == "verzonden"
    twice = await regio.client.post(
        f"/api/v1/cak-meldingen/{start['id']}/verzendingen",
        json={"verzondenOp": "2026-01-21"},
        headers=controller,
    )
    assert twice.status_code == 409
    assert twice.json()["type"].endswith("/cak-melding-niet-te-verzenden")

    # One of two voorzieningen ends: the person still pays, the CAK hears nothing.
    await processed(
        regio, gestopt(regio, client, "T0000001", BEGELEIDING, begin, date(2026, 3, 31))
    )
    assert [m["aanleiding"] for m in await meldingen(regio, client)] == ["start"]
    await processed(
        regio, gestopt(regio, client, "T0000002", BEGELEIDING, date(2026, 2, 1), date(2026, 4, 30))
    )
    stop = next(m for m in await meldingen(regio, client) if m["aanleiding"] == "stop")
    assert kern(stop) == ("405", "stop", "2026-01-05", "2026-04-30", "2026-05-30", "te-verzenden")
    assert stop["periodeId"] == start["periodeId"]

    wrong = await regio.client.post(
        f"/api/v1/cak-meldingen/{start['id']}/antwoorden",
        json={"berichtcode": "408", "isGoedgekeurd": True, "beantwoordOp": "2026-01-22"},
        headers=controller,
    )
    assert wrong.status_code == 409
    assert wrong.json()["type"].endswith("/cak-antwoord-past-niet")
    not_sent = await regio.client.post(
        f"/api/v1/cak-meldingen/{stop['id']}/antwoorden",
        json={"berichtcode": "406", "isGoedgekeurd": True, "beantwoordOp": "2026-01-22"},
        headers=controller,
    )
    assert not_sent.status_code == 409
    answered = await regio.client.post(
        f"/api/v1/cak-meldingen/{start['id']}/antwoorden",
        json={
            "berichtcode": "406",
            "isGoedgekeurd": False,
            "retourcodes": ["8001"],
            "beantwoordOp": "2026-01-22",
        },
        headers=controller,
    )
    assert answered.status_code == 201
    read = await regio.client.get(f"/api/v1/cak-meldingen/{start['id']}", headers=controller)
    assert (read.json()["status"], read.json()["retourcodes"]) == ("afgewezen", ["8001"])
    assert read.json()["antwoordBerichtcode"] == "406"


async def test_a_stop_that_overtakes_its_start_gives_one_notice_with_both_dates(
    regio: Regio,
) -> None:
    await regel(regio, "02", "abonnementstarief")
    client = pseudonym()
    stop = gestopt(regio, client, "T0000001", BEGELEIDING, date(2026, 1, 5), date(2026, 2, 20))
    start = gestart(regio, client, "T0000001", BEGELEIDING, date(2026, 1, 5))
    await processed(regio, stop)
    await processed(regio, start, start.model_copy(update={"bericht_id": uuid.uuid4()}))
    assert [kern(m) for m in await meldingen(regio, client)] == [
        ("405", "start", "2026-01-05", "2026-02-20", "2026-02-05", "te-verzenden")
    ]


async def test_a_withdrawn_start_takes_back_the_notice_that_was_not_sent_yet(
    regio: Regio,
) -> None:
    await regel(regio, "02", "abonnementstarief")
    client = pseudonym()
    start = gestart(regio, client, "T0000001", BEGELEIDING, date(2026, 1, 5))
    await processed(regio, start)
    assert len(await meldingen(regio, client)) == 1
    await processed(
        regio,
        gestart(regio, client, "T0000001", BEGELEIDING, date(2026, 1, 5), status_aanlevering="3"),
    )
    assert await meldingen(regio, client) == []
    # The original arriving again (or late) does not bring it back.
    await processed(regio, start.model_copy(update={"bericht_id": uuid.uuid4()}))
    assert await meldingen(regio, client) == []


async def test_rules_set_after_care_started_reach_that_care_and_a_code_can_be_exempted(
    regio: Regio,
) -> None:
    client, vrijgesteld = pseudonym(), pseudonym()
    await processed(
        regio,
        gestart(regio, client, "T0000001", BEGELEIDING, date(2026, 1, 5)),
        gestart(
            regio, vrijgesteld, "T0000002", Product(categorie="02", code="02A09"), date(2026, 1, 5)
        ),
    )
    assert await meldingen(regio, client) == []
    await regel(regio, "02", "geen", code="02A09")
    rule_id = await regel(regio, "02", "abonnementstarief")
    assert [m["aanleiding"] for m in await meldingen(regio, client)] == ["start"]
    assert await meldingen(regio, vrijgesteld) == []

    listed = await regio.client.get(
        "/api/v1/eigen-bijdrage-producten", headers=regio.headers("contract-manager")
    )
    assert [(r["categorie"], r["code"], r["soort"]) for r in listed.json()["results"]] == [
        ("02", None, "abonnementstarief"),
        ("02", "02A09", "geen"),
    ]
    deleted = await regio.client.delete(
        f"/api/v1/eigen-bijdrage-producten/{rule_id}", headers=regio.headers("controller")
    )
    assert deleted.status_code == 204
    assert await meldingen(regio, client) == []


async def test_a_product_rule_is_set_once_and_checked_on_input(regio: Regio) -> None:
    await regel(regio, "02", "abonnementstarief")
    again = await regio.client.post(
        "/api/v1/eigen-bijdrage-producten",
        json={"categorie": "02", "soort": "beschermd-wonen"},
        headers=regio.headers("controller"),
    )
    assert again.status_code == 409
    assert again.json()["type"].endswith("/eigen-bijdrage-product-bestaat-al")
    invalid = await regio.client.post(
        "/api/v1/eigen-bijdrage-producten",
        json={"categorie": "2", "code": "x", "soort": "misschien"},
        headers=regio.headers("controller"),
    )
    assert invalid.status_code == 400
    assert {p["name"] for p in invalid.json()["invalidParams"]} == {"categorie", "code", "soort"}
    missing = await regio.client.delete(
        f"/api/v1/eigen-bijdrage-producten/{uuid.uuid4()}", headers=regio.headers("controller")
    )
    assert missing.status_code == 404


async def test_only_finance_reads_cak_meldingen_and_every_read_is_audited(regio: Regio) -> None:
    await regel(regio, "15", "beschermd-wonen")
    client = pseudonym()
    await processed(regio, gestart(regio, client, "T0000001", BESCHERMD_WONEN, date(2026, 1, 5)))
    [melding] = await meldingen(regio, client)
    for role in ("provider", "contract-manager", "consultant"):
        headers = regio.headers(role, agb=regio.agb if role == "provider" else None)
        assert (await regio.client.get("/api/v1/cak-meldingen", headers=headers)).status_code == 403
    read = await regio.client.get(
        f"/api/v1/cak-meldingen/{melding['id']}", headers=regio.headers("auditor")
    )
    assert read.status_code == 200
    async with regio.harness.sessionmaker() as session:
        audited = (
            (
                await session.execute(
                    select(AuditRecord.handeling).where(AuditRecord.client_pseudonym == client)
                )
            )
            .scalars()
            .all()
        )
    assert audited.count("lezen") >= 2  # the list and the single read
    missing = await regio.client.get(
        f"/api/v1/cak-meldingen/{uuid.uuid4()}", headers=regio.headers("controller")
    )
    assert missing.status_code == 404
