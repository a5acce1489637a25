"""A beschikking may refuse (part of) an aanvraag: a refused indicatie has its grond, reads
"Afgewezen" in the letter, and nothing follows from it downstream."""

import io
import re
from datetime import timedelta
from typing import Any

import httpx
from pypdf import PdfReader

from wmo_access.settings import Settings
from wmo_testing.access import START, Markt, Toegang, indicatie, queued
from wmo_testing.harness import ServiceHarness

AFGEGEVEN = "nl.wmo.indicaties.beschikking-afgegeven.v1"
GROND = "Uw eigen netwerk kan de begeleiding bieden"


def afgewezen(segment_id: Any, **overrides: Any) -> dict[str, Any]:
    """Begeleiding asked for, refused on a grond: no omvang, no einddatum."""
    body = indicatie(segment_id, besluit="afgewezen", grond=GROND)
    del body["omvang"], body["einddatum"]
    return body | overrides


async def letter(toegang: Toegang, beschikking_id: str, accept: str) -> httpx.Response:
    response = await toegang.client.get(
        f"/api/v1/beschikkingen/{beschikking_id}/brief",
        headers=toegang.consultant | {"Accept": accept},
    )
    assert response.status_code == 200, response.text
    return response


def pdf_text(content: bytes) -> str:
    """The letter's text as a PDF reader extracts it, whitespace folded."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def html_text(content: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content).split())


async def test_a_refused_indicatie_keeps_its_grond_and_reads_back_as_afgewezen(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(markt.segment_id), afgewezen(markt.segment_id)]
    )
    besluiten = sorted((i["besluit"], i["grond"]) for i in beschikking["indicaties"])
    assert besluiten == [("afgewezen", GROND), ("toegekend", None)]
    [refused] = [i for i in beschikking["indicaties"] if i["besluit"] == "afgewezen"]
    assert refused["omvang"] is None
    assert refused["einddatum"] is None
    read = await toegang.client.get(
        f"/api/v1/beschikkingen/{beschikking['id']}", headers=toegang.consultant
    )
    assert {i["besluit"] for i in read.json()["indicaties"]} == {"toegekend", "afgewezen"}
    dossier = await toegang.client.get(
        f"/api/v1/clienten/{klant['id']}/dossier", headers=toegang.consultant
    )
    assert dossier.status_code == 200, dossier.text
    [in_dossier] = dossier.json()["beschikkingen"]["results"]
    assert [i["grond"] for i in in_dossier["indicaties"] if i["besluit"] == "afgewezen"] == [GROND]


async def test_a_refusal_without_a_grond_or_with_an_omvang_is_a_400(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    aanvraag = await toegang.aanvraag(klant["id"])
    for body, fout in (
        (afgewezen(markt.segment_id, grond=None), "grond"),
        (afgewezen(markt.segment_id, grond="  "), "grond"),
        (afgewezen(markt.segment_id, omvang={"volume": 4, "eenheid": "04", "frequentie": "2"}),
         "omvang"),
        (indicatie(markt.segment_id, grond=GROND), "afgewezen"),
    ):  # fmt: skip
        response = await toegang.post(
            "beschikkingen", {"aanvraagId": aanvraag["id"], "indicaties": [body]}
        )
        assert response.status_code == 400, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert fout in response.text


async def test_a_refused_indicatie_gets_no_toewijzing_no_verwijsadvies_and_no_event_line(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(markt.segment_id), afgewezen(markt.segment_id)]
    )
    by_besluit = {i["besluit"]: i for i in beschikking["indicaties"]}
    refused = await toegang.toewijzing(by_besluit["afgewezen"]["id"], markt.agb)
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("/indicatie-afgewezen")
    advies = await toegang.client.get(
        f"/api/v1/indicaties/{by_besluit['afgewezen']['id']}/verwijsadvies",
        headers=toegang.consultant,
    )
    assert advies.status_code == 409
    assert advies.json()["type"].endswith("/indicatie-afgewezen")
    granted = await toegang.toewijzing(by_besluit["toegekend"]["id"], markt.agb)
    assert granted.status_code == 201, granted.text
    [event] = [e for e in await queued(harness, AFGEGEVEN) if e["subject"] == beschikking["id"]]
    assert [r["indicatieId"] for r in event["data"]["indicaties"]] == [
        by_besluit["toegekend"]["id"]
    ]


async def test_a_refused_pgb_does_not_block_care_in_natura_for_the_same_product(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"],
        [indicatie(markt.segment_id), afgewezen(markt.segment_id, leveringsvorm="pgb")],
    )
    [zin] = [i for i in beschikking["indicaties"] if i["besluit"] == "toegekend"]
    created = await toegang.toewijzing(zin["id"], markt.agb)
    assert created.status_code == 201, created.text


async def test_the_letter_of_a_partial_refusal_shows_both_parts_with_the_grond(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(markt.segment_id), afgewezen(markt.segment_id)]
    )
    pdf = pdf_text((await letter(toegang, beschikking["id"], "application/pdf")).content)
    html = html_text((await letter(toegang, beschikking["id"], "text/html")).text)
    for text in (pdf, html):
        for part in (
            "Wij kennen een deel van uw aanvraag toe en wijzen een deel af",
            "Toegekend",
            "4 uur per week",
            "Afgewezen",
            GROND,
            "eigen bijdrage",
            "bezwaar maken binnen zes weken",
        ):
            assert part in text, part


async def test_the_letter_of_a_full_refusal_reads_as_a_refusal_without_omvang_or_eigen_bijdrage(
    toegang: Toegang, markt: Markt
) -> None:
    klant = await toegang.register_client()
    beschikking = await toegang.beschikking(
        klant["id"],
        [afgewezen(markt.segment_id, ingangsdatum=(START + timedelta(days=3)).isoformat())],
    )
    pdf = pdf_text((await letter(toegang, beschikking["id"], "application/pdf")).content)
    html = html_text((await letter(toegang, beschikking["id"], "text/html")).text)
    for text in (pdf, html):
        for part in ("Wij wijzen uw aanvraag af", "Afgewezen", GROND, "bezwaar maken"):
            assert part in text, part
        for absent in ("Toegekend", "uur per week", "eigen bijdrage", "Zorg in natura", "SVB"):
            assert absent not in text, absent
