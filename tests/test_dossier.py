"""A client's dossier and decision letter after the README tour: a consultant takes the client
from melding to toewijzing through the access API, the aanbieder starts the care with a Wmo305,
and the dossier shows every step while the letter carries what the Awb and the Wmo require."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from pypdf import PdfReader

from wmo_common.calendar import add_months, today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.suite import Suite, expect, wait_for


async def test_after_the_readme_tour_the_dossier_holds_every_step_and_the_letter_is_complete(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        eind = add_months(start, 10) - timedelta(days=1)
        # Steps 2-4 of the tour: melding, onderzoek, plan, aanvraag, beschikking, toewijzing.
        client, toewijzing = await flow.client_in_zorg(markt, ingangsdatum=start, einddatum=eind)
        # Steps 5-6: the Wmo301 reaches the aanbieder, who starts the care (Wmo305).
        await flow.wmo301(markt.agb, toewijzing["toewijzingnummer"])
        berichten = Berichten(markt.agb)
        await flow.send(markt.agb, berichten.wmo305(client.bsn, toewijzing, start))

        async def dossier_with_the_start() -> dict[str, Any] | None:
            found: dict[str, Any] = expect(
                await flow.get("access", f"/clienten/{client.id}/dossier", "consultant"), 200
            )
            [gevonden] = found["toewijzingen"]["results"]
            return found if gevonden["leveringsstatus"] == "gestart" else None

        dossier = await wait_for("the dossier shows the care started", dossier_with_the_start)

        assert dossier["client"]["id"] == client.id
        [melding] = dossier["meldingen"]["results"]
        assert melding["omschrijving"] == "Redt het niet meer"
        assert melding["onderzoekAfgerond"] is True
        [onderzoek] = dossier["onderzoeken"]["results"]
        assert onderzoek["meldingId"] == melding["id"]
        assert onderzoek["conclusie"] == "Individuele begeleiding nodig"
        [plan] = dossier["ondersteuningsplannen"]["results"]
        assert plan["onderzoekId"] == onderzoek["id"]
        assert [r["omschrijving"] for r in plan["resultaten"]] == [
            "Houdt de eigen administratie bij"
        ]
        assert len(plan["evaluatiemomenten"]) == 1
        [aanvraag] = dossier["aanvragen"]["results"]
        assert (aanvraag["ondersteuningsplanId"], aanvraag["beschikt"]) == (plan["id"], True)
        [beschikking] = dossier["beschikkingen"]["results"]
        assert (beschikking["aanvraagId"], beschikking["status"]) == (aanvraag["id"], "afgegeven")
        [ind] = beschikking["indicaties"]
        assert ind["product"] == markt.product
        [gevonden] = dossier["toewijzingen"]["results"]
        assert gevonden["id"] == toewijzing["id"]
        assert gevonden["indicatieId"] == ind["id"]
        assert gevonden["zorgBegindatum"] == start.isoformat()
        assert gevonden["aanbiederNaam"] == f"Zorgaanbieder {markt.agb}"
        assert dossier["verzoeken"]["count"] == 0
        # The only open work is the plan's evaluation moment.
        [taak] = dossier["openTaken"]["results"]
        assert (taak["soort"], taak["deadline"]) == ("evaluatie", plan["evaluatiemomenten"][0])
        # Every clock stopped in time: the onderzoek was finished and the beschikking issued.
        assert dossier["termijnen"] == []

        letter = await flow.http.get(
            suite.url("access", f"/api/v1/beschikkingen/{beschikking['id']}/brief"),
            headers=flow.headers("consultant") | {"Accept": "application/pdf"},
        )
        assert letter.status_code == 200, letter.text
        reader = PdfReader(io.BytesIO(letter.content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        for part in (
            "Gemeente Tilburg",
            "J.M. de Vries",
            "Spoorlaan 12",
            f"Beschikkingnummer {beschikking['beschikkingnummer']}",
            "Toegekend",
            "Begeleiding (categorie 02), productcode 02A01",
            "4 uur per week",
            f"Zorg in natura, geleverd door Zorgaanbieder {markt.agb}",
            "Onze conclusie: Individuele begeleiding nodig",
            "Houdt de eigen administratie bij",
            "CAK",
            "bezwaar maken binnen zes weken na de verzenddatum",
            "college van burgemeester en wethouders van Tilburg",
        ):
            assert part in text, part
