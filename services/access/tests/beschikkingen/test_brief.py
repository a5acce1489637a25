import io
import logging
import re
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from wmo_access.beschikkingen.brief.inhoud import (
    Adres,
    Besluitgegevens,
    Geadresseerde,
    Gronden,
    Indicatieregel,
    build_brief,
)
from wmo_access.beschikkingen.brief.pdf import FONT_DIR, render_pdf
from wmo_access.beschikkingen.brief.sjablonen import sjablonen
from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_common.events.providers import AANBIEDERS, AanbiederGeregistreerd
from wmo_testing.access import START, TODAY, Markt, Toegang, indicatie
from wmo_testing.harness import Drained, Publish, ServiceHarness

EINDE = START + timedelta(days=180)


def datum(dag: Any) -> str:
    maanden = (
        "januari februari maart april mei juni juli augustus september oktober november december"
    )
    return f"{dag.day} {maanden.split()[dag.month - 1]} {dag.year}"


def pdf_text(content: bytes) -> str:
    """The letter's text as a PDF reader extracts it, whitespace folded."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def html_text(content: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content).split())


def required_parts(beschikking: dict[str, Any]) -> list[str]:
    """What the Awb and the Wmo 2015 ask of the letter, as this client's letter words it."""
    uiterlijk = TODAY + timedelta(weeks=6)
    return [
        "Gemeente Tilburg",
        # to whom: the citizen's name and address
        "J.M. de Vries",
        "Spoorlaan 12",
        "5038 AB Tilburg",
        f"Beschikkingnummer {beschikking['beschikkingnummer']}",
        f"Datum {datum(TODAY)}",
        # the decision per indicatie, with product, omvang, period and who delivers
        "Toegekend",
        "Begeleiding (categorie 02), productcode 02A01",
        "4 uur per week",
        f"van {datum(START)} tot en met {datum(EINDE)}",
        "Zorg in natura, geleverd door Thuiszorg West",
        # the grounds: the onderzoek and the plan
        "Waarom wij zo besluiten",
        "Begeleiding individueel nodig",
        "Dochter doet de boodschappen",
        "Houdt de eigen administratie bij",
        # the eigen bijdrage
        "eigen bijdrage",
        "CAK",
        # the objection clause: within six weeks, to whom
        "bezwaar maken binnen zes weken na de verzenddatum",
        f"uiterlijk op {datum(uiterlijk)}",
        "college van burgemeester en wethouders van Tilburg, Postbus 90155, 5000 LH Tilburg",
        # signed on behalf of the college
        "namens het college van burgemeester en wethouders van Tilburg",
        "M. Jansen",
    ]


@pytest.fixture
async def afgegeven(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> dict[str, Any]:
    """An issued beschikking for Johanna Maria de Vries, assigned to Thuiszorg West."""
    await publish(
        AanbiederGeregistreerd(aanbieder_id=uuid.uuid4(), agb=markt.agb, naam="Thuiszorg West")
    )
    await drained("aanbieders", [AANBIEDERS])
    klant = await toegang.register_client(voorvoegsel="de", achternaam="Vries")
    beschikking = await toegang.beschikking(
        klant["id"], [indicatie(markt.segment_id, einddatum=EINDE.isoformat())]
    )
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert created.status_code == 201, created.text
    return beschikking | {"client": klant}


async def brief(toegang: Toegang, beschikking_id: str, accept: str) -> httpx.Response:
    return await toegang.client.get(
        f"/api/v1/beschikkingen/{beschikking_id}/brief",
        headers=toegang.consultant | {"Accept": accept},
    )


async def test_the_pdf_letter_contains_every_part_the_awb_and_the_wmo_require(
    toegang: Toegang, afgegeven: dict[str, Any]
) -> None:
    response = await brief(toegang, afgegeven["id"], "application/pdf")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content)
    for part in required_parts(afgegeven):
        assert part in text, part


async def test_the_html_letter_contains_the_same_parts(
    toegang: Toegang, afgegeven: dict[str, Any]
) -> None:
    response = await brief(toegang, afgegeven["id"], "text/html,application/xml;q=0.9,*/*;q=0.8")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert 'lang="nl"' in response.text
    assert "data:image/svg+xml;base64," in response.text  # Tilburg's logo, inline
    text = html_text(response.text)
    for part in required_parts(afgegeven):
        assert part in text, part


async def test_a_letter_is_pdf_unless_html_is_preferred_and_other_types_get_a_406(
    toegang: Toegang, afgegeven: dict[str, Any]
) -> None:
    for accept in ("*/*", "application/*", "text/html;q=0.5, application/pdf"):
        response = await brief(toegang, afgegeven["id"], accept)
        assert response.headers["content-type"] == "application/pdf", accept
    refused = await brief(toegang, afgegeven["id"], "application/json")
    assert refused.status_code == 406
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/vorm-niet-beschikbaar")


async def test_the_letter_is_named_by_its_number_and_its_reading_is_recorded_not_logged(
    toegang: Toegang,
    harness: ServiceHarness[Settings],
    afgegeven: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    auditor = harness.headers("auditor", subject="auditor-brief")
    with caplog.at_level(logging.DEBUG):
        response = await toegang.client.get(
            f"/api/v1/beschikkingen/{afgegeven['id']}/brief", headers=auditor
        )
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition == f'inline; filename="beschikking-{afgegeven["beschikkingnummer"]}.pdf"'
    bsn = afgegeven["client"]["bsn"]
    assert bsn not in disposition
    assert bsn not in caplog.text
    assert "Vries" not in caplog.text
    assert "Spoorlaan" not in caplog.text
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            select(AuditRecord.resource).where(AuditRecord.actor == "auditor-brief")
        )
        assert rows.scalars().all() == [f"beschikkingen/{afgegeven['id']}/brief"]


async def test_a_concept_beschikking_has_no_letter_yet(toegang: Toegang, markt: Markt) -> None:
    klant = await toegang.register_client()
    aanvraag = await toegang.aanvraag(klant["id"])
    concept = await toegang.ok(
        "beschikkingen", {"aanvraagId": aanvraag["id"], "indicaties": [indicatie(markt.segment_id)]}
    )
    response = await brief(toegang, concept["id"], "application/pdf")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/beschikking-niet-afgegeven")
    unknown = await brief(toegang, str(uuid.uuid4()), "application/pdf")
    assert unknown.status_code == 404


async def test_a_gemeente_without_a_letterhead_gets_no_letter(
    toegang: Toegang, markt: Markt
) -> None:
    amsterdam = await toegang.register_client(gemeentecode="0363", gebied=None)
    beschikking = await toegang.beschikking(amsterdam["id"], [indicatie(markt.segment_id)])
    response = await brief(toegang, beschikking["id"], "application/pdf")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/geen-briefsjabloon")


async def test_only_consultants_and_auditors_read_a_letter(
    toegang: Toegang, harness: ServiceHarness[Settings], afgegeven: dict[str, Any]
) -> None:
    response = await toegang.client.get(
        f"/api/v1/beschikkingen/{afgegeven['id']}/brief",
        headers=harness.headers("provider", agb="12345678"),
    )
    assert response.status_code == 403


PGB = Besluitgegevens(
    beschikkingnummer="202600000042",
    afgiftedatum=TODAY,
    aanvraagdatum=None,
    vervangt=("202600000007", TODAY - timedelta(days=60)),
    geadresseerde=Geadresseerde("P.", None, "Jansen", "1", Adres("Markt 1", "5101 AB Dongen")),
    indicaties=(
        Indicatieregel(
            product_categorie="01",
            product_code=None,
            intensiteit=None,
            omvang_volume=None,
            omvang_eenheid=None,
            omvang_frequentie=None,
            budget_cents=123456,
            ingangsdatum=START,
            einddatum=None,
            leveringsvorm="pgb",
            aanbieder=None,
        ),
    ),
    gronden=Gronden(None, None, None, None, None, ()),
)


@pytest.mark.parametrize("font_dir", [FONT_DIR, Path("/geen/lettertypen")])
def test_a_pgb_letter_names_the_budget_and_the_svb_in_any_font(font_dir: Path) -> None:
    """With Debian's DejaVu fonts, or fpdf2's built-in Helvetica where they are absent."""
    if font_dir == FONT_DIR and not (FONT_DIR / "DejaVuSans.ttf").is_file():
        pytest.skip("fonts-dejavu-core is not installed (make test installs it)")
    text = pdf_text(render_pdf(build_brief(PGB, sjablonen()["0766"]), font_dir=font_dir))
    for part in (
        "Gemeente Dongen",
        "Geachte heer Jansen,",
        "Hulp bij het huishouden (categorie 01)",
        "een budget van € 1.234,56 voor de hele periode",
        f"vanaf {datum(START)}, zonder einddatum",
        "Persoonsgebonden budget (pgb)",
        "Sociale Verzekeringsbank",
        "Dit besluit vervangt ons besluit 202600000007",
        "Postbus 10153, 5100 GE Dongen",
    ):
        assert part in text, part
