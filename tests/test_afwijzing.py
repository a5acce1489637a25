"""A beschikking that grants one part of an aanvraag and refuses another, through the real
services: the refused line is never assigned nor booked, and the letter shows both decisions."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from pypdf import PdfReader

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.suite import Suite, expect, problem_slug, wait_for

GROND = "Een pgb is niet passend: u kunt de begeleiding niet zelf organiseren"


async def test_a_refused_line_is_never_assigned_or_booked_and_the_letter_shows_both_parts(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        eind = add_months(start, 6) - timedelta(days=1)
        client = await flow.register_client()
        toegekend = flow.indicatie(markt.segment_id, markt.product, start, eind)
        # Asked as a pgb for the same product, refused: no omvang, no einddatum, a grond.
        afgewezen: dict[str, Any] = {
            "segmentId": markt.segment_id,
            "product": markt.product,
            "ingangsdatum": start.isoformat(),
            "leveringsvorm": "pgb",
            "besluit": "afgewezen",
            "grond": GROND,
        }
        beschikking = await flow.beschikking(client.id, [toegekend, afgewezen])
        by_besluit = {i["besluit"]: i for i in beschikking["indicaties"]}
        assert by_besluit["afgewezen"]["grond"] == GROND

        # The refused line cannot be assigned; the granted one can (a refused pgb is no pgb).
        refused = await flow.once_toegang_knows_the_contract(
            "/toewijzingen",
            {"indicatieId": by_besluit["afgewezen"]["id"], "aanbiederAgb": markt.agb},
        )
        assert refused.status_code == 409, refused.text
        assert problem_slug(refused) == "indicatie-afgewezen"
        toewijzing = await flow.toewijzing(by_besluit["toegekend"]["id"], markt.agb)

        # Finance books one verplichting: the granted line's toewijzing, and nothing else.
        verplichting = await wait_for(
            "finance books the verplichting",
            lambda: flow.verplichting(markt.agb, toewijzing["toewijzingnummer"]),
        )
        assert verplichting["bedragCents"] > 0
        page = expect(
            await flow.get("finance", "/verplichtingen", "controller", aanbiederAgb=markt.agb), 200
        )
        assert [v["toewijzingnummer"] for v in page["results"]] == [toewijzing["toewijzingnummer"]]

        # The dossier shows the refusal with its grond.
        dossier = expect(
            await flow.get("access", f"/clienten/{client.id}/dossier", "consultant"), 200
        )
        [gelezen] = dossier["beschikkingen"]["results"]
        assert sorted((i["besluit"], i["grond"]) for i in gelezen["indicaties"]) == [
            ("afgewezen", GROND),
            ("toegekend", None),
        ]

        # The letter grants one part and refuses the other, with the grond and the bezwaar clause.
        letter = await flow.http.get(
            suite.url("access", f"/api/v1/beschikkingen/{beschikking['id']}/brief"),
            headers=flow.headers("consultant") | {"Accept": "application/pdf"},
        )
        assert letter.status_code == 200, letter.text
        reader = PdfReader(io.BytesIO(letter.content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        for part in (
            "Wij kennen een deel van uw aanvraag toe en wijzen een deel af",
            "Toegekend",
            "4 uur per week",
            "Afgewezen",
            "aangevraagd als pgb",
            GROND,
            "bezwaar maken binnen zes weken",
        ):
            assert part in text, part
