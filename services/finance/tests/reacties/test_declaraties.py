"""Wmo323 declaraties judged line by line from real events, with the standard's retour codes."""

import uuid
from datetime import date
from typing import Any

from iwmo.codelists import RETOURCODES
from wmo_common.events.common import Omvang
from wmo_finance.declaraties import retourcodes
from wmo_testing.finance import Regio

BEOORDEELD = "nl.wmo.declaraties.declaratie-beoordeeld.v1"
JAN = (date(2026, 1, 1), date(2026, 1, 31))
FEB = (date(2026, 2, 1), date(2026, 2, 28))


def codes(declaratie: dict[str, Any]) -> dict[str, list[str]]:
    return {p["referentie"]: p["retourcodes"] for p in declaratie["prestaties"]}


async def contracted(regio: Regio) -> None:
    """6543 ct/uur for the product; a toewijzing is 3 hours a week, Mon 5 Jan - Sun 29 Mar."""
    await regio.publish(regio.contract("inspanningsgericht", [regio.tarief(6543)]))


async def known(regio: Regio, *toewijzingen: Any) -> None:
    """Publish toewijzingen and wait until finance holds them (their verplichting is booked)."""
    await regio.publish(*toewijzingen)
    for toewijzing in toewijzingen:
        await regio.verplichting_van(toewijzing.toewijzing_id)


async def test_a_declaratie_with_good_and_bad_lines_is_judged_line_by_line_with_the_codes(
    regio: Regio,
) -> None:
    """Finance judges the money of the lines the gateway passed (the gateway judged them against
    their toewijzing already: services/gateway/tests/conformiteit/test_declaratieregels.py)."""
    await contracted(regio)
    t = [regio.toewijzing() for _ in range(7)]
    total_6 = regio.toewijzing(omvang=Omvang(volume=10, eenheid="04", frequentie="6"))
    await known(regio, *t, total_6)

    bericht = (
        regio.declaratie(*JAN)
        .regel(t[0], "GOED")  # Jan 5-31 touches 4 weeks: 12 hours allowed
        .regel(t[3], "TE-VEEL", geleverd_volume=13)
        .regel(t[4], "TARIEF", product_tarief_cents=7000)
        .regel(t[5], "GOED")  # the reference was used a moment ago
        .regel(t[0], "TWEEDE-DEBET", geleverd_volume=1)
        .regel(total_6, "TOTAAL-1", einddatum=date(2026, 1, 18), geleverd_volume=6)
        .regel(total_6, "TOTAAL-2", begindatum=date(2026, 1, 19), geleverd_volume=6)
        .bericht("D202601")
    )
    judged = await regio.beoordeeld(bericht)

    assert [(p["referentie"], p["retourcodes"]) for p in judged["prestaties"]] == [
        ("GOED", []),
        ("TE-VEEL", ["9321"]),
        ("TARIEF", ["0611"]),
        ("GOED", ["8021"]),
        ("TWEEDE-DEBET", ["9389"]),
        ("TOTAAL-1", []),
        ("TOTAAL-2", ["9322"]),
    ]
    approved = 12 * 6543 + 6 * 6543
    assert judged["totaalToegekendCents"] == approved
    assert judged["retourcode"] == "0200"
    assert [p["toegekendBedragCents"] for p in judged["prestaties"] if p["isGoedgekeurd"]] == [
        12 * 6543,
        6 * 6543,
    ]

    published = [e for e in await regio.outbox(BEOORDEELD) if e["aanbiederAgb"] == regio.agb]
    assert len(published) == 1
    assert published[0]["berichtId"] == str(bericht.bericht_id)
    assert published[0]["totaalToegekendCents"] == approved
    assert published[0]["retourcodes"] == ["0200"]
    assert [p["retourcodes"] for p in published[0]["prestaties"]] == [
        p["retourcodes"] for p in judged["prestaties"]
    ]


async def test_the_same_declaratie_twice_is_judged_once(regio: Regio) -> None:
    await contracted(regio)
    t = regio.toewijzing()
    await known(regio, t)
    bericht = regio.declaratie(*JAN).regel(t, "R1").bericht("D1")
    first = await regio.beoordeeld(bericht)
    assert first["retourcode"] == "8001"
    assert first["totaalToegekendCents"] == 12 * 6543

    # The gateway publishes it again (a new event id): the inbox cannot tell, the bericht id can.
    await regio.consumed(*await regio.publish(bericht))
    published = [e for e in await regio.outbox(BEOORDEELD) if e["aanbiederAgb"] == regio.agb]
    assert [e["retourcodes"] for e in published] == [["8001"]]
    listed = await regio.client.get(
        "/api/v1/declaraties", params={"aanbiederAgb": regio.agb}, headers=regio.headers("auditor")
    )
    assert listed.json()["count"] == 1
    # A line the gateway rejected already keeps the declaratie from being fully approved.
    again = await regio.beoordeeld(
        regio.declaratie(*FEB)
        .regel(t, "R2", begindatum=date(2026, 2, 1))
        .bericht("D2")
        .model_copy(update={"afgewezen_referenties": ["R3"]})
    )
    assert codes(again) == {"R2": []}
    assert again["retourcode"] == "0200"


async def test_a_credit_line_reverses_an_approved_debit_once_and_frees_its_period(
    regio: Regio,
) -> None:
    await contracted(regio)
    t = regio.toewijzing()
    await known(regio, t)
    await regio.beoordeeld(regio.declaratie(*JAN).regel(t, "R1").bericht("D1"))

    # Correction (OP366): a full credit of R1 and a new debit for the same period, together.
    corrected = await regio.beoordeeld(
        regio.declaratie(*FEB)
        .regel(
            t,
            "R1-NIEUW",
            begindatum=date(2026, 1, 5),
            einddatum=date(2026, 1, 31),
            geleverd_volume=9,
        )
        .regel(
            t,
            "R1-CREDIT",
            begindatum=date(2026, 1, 5),
            einddatum=date(2026, 1, 31),
            debet_credit="C",
            vorige_referentie="R1",
        )
        .regel(
            t,
            "R1-WEER",
            begindatum=date(2026, 1, 5),
            einddatum=date(2026, 1, 31),
            debet_credit="C",
            vorige_referentie="R1",
        )
        .regel(t, "ONBEKEND-CREDIT", debet_credit="C", vorige_referentie="NOOIT")
        .bericht("D2")
    )
    assert codes(corrected) == {
        "R1-NIEUW": [],
        "R1-CREDIT": [],
        "R1-WEER": ["9390"],
        "ONBEKEND-CREDIT": ["8017"],
    }
    assert corrected["totaalToegekendCents"] == 9 * 6543 - 12 * 6543

    batches = await regio.client.get(
        "/api/v1/betaalbatches",
        params={"aanbiederAgb": regio.agb},
        headers=regio.headers("controller"),
    )
    assert [
        (b["periode"], b["bedragCents"], b["aantalPrestaties"]) for b in batches.json()["results"]
    ] == [
        ("2026-02-01", -3 * 6543, 2),
        ("2026-01-01", 12 * 6543, 1),
    ]


async def test_an_aanbieder_sees_only_its_own_declaraties_and_payments(regio: Regio) -> None:
    await contracted(regio)
    t = regio.toewijzing()
    await known(regio, t)
    judged = await regio.beoordeeld(regio.declaratie(*JAN).regel(t, "R1").bericht("D1"))
    own = regio.headers("provider", agb=regio.agb)
    stranger_agb = "00000001" if regio.agb != "00000001" else "00000002"
    stranger = regio.headers("provider", agb=stranger_agb)

    mine = await regio.client.get("/api/v1/declaraties", headers=own)
    assert [d["id"] for d in mine.json()["results"]] == [judged["id"]]
    assert (
        await regio.client.get(f"/api/v1/declaraties/{judged['id']}", headers=own)
    ).status_code == 200
    # Another aanbieder's declaratie is as unknown to a stranger as an id that does not exist.
    theirs = await regio.client.get(f"/api/v1/declaraties/{judged['id']}", headers=stranger)
    assert theirs.status_code == 404
    assert theirs.json()["type"].endswith("/declaratie-niet-gevonden")
    assert (await regio.client.get("/api/v1/declaraties", headers=stranger)).json()["count"] == 0
    asking_for_other = await regio.client.get(
        "/api/v1/betaalbatches", params={"aanbiederAgb": regio.agb}, headers=stranger
    )
    assert asking_for_other.status_code == 403
    payments = await regio.client.get("/api/v1/betaalbatches", headers=own)
    assert payments.json()["results"][0]["bedragCents"] == 12 * 6543
    missing = await regio.client.get(
        f"/api/v1/declaraties/{uuid.uuid4()}", headers=regio.headers("controller")
    )
    assert missing.status_code == 404
    # Finance answers about money: no client appears in what it shows.
    assert "clientPseudonym" not in judged["prestaties"][0]


def test_every_retour_code_used_is_in_the_iwmo_3_2_code_list() -> None:
    used = {v for k, v in vars(retourcodes).items() if k.isupper() and isinstance(v, str)}
    assert len(used) >= 10
    assert used <= RETOURCODES.keys()
