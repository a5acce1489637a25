from __future__ import annotations

from typing import Any

from fastapi import Request, Response

from wmo_access.beschikkingen.brief import service
from wmo_access.beschikkingen.brief.errors import VormNietBeschikbaar
from wmo_access.beschikkingen.brief.html import CONTENT_SECURITY_POLICY, render_html
from wmo_access.beschikkingen.brief.pdf import render_pdf
from wmo_access.dependencies import BeschikkingId
from wmo_access.rollen import MagToegangLezen
from wmo_common.db import DbSession
from wmo_common.problems import ProblemDetail
from wmo_common.routing import ApiRouter

router = ApiRouter(prefix="/beschikkingen", tags=["beschikkingen"])

PDF = "application/pdf"
HTML = "text/html"

_PROBLEM = {"model": ProblemDetail, "content": {"application/problem+json": {}}}
BRIEF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "De brief als PDF (standaard) of als HTML-pagina, naar de Accept-header.",
        "content": {
            PDF: {"schema": {"type": "string", "format": "binary"}},
            HTML: {"schema": {"type": "string"}},
        },
    },
    406: _PROBLEM | {"description": "De Accept-header vraagt iets anders dan PDF of HTML."},
}


def choose_vorm(accept: str | None) -> str:
    """The media type to answer with: the acceptable one with the highest q (RFC 9110 §12.5.1),
    PDF when both are equal or anything goes; no acceptable one is a 406."""
    if not accept:
        return PDF
    gewicht = {PDF: 0.0, HTML: 0.0}
    for deel in accept.split(","):
        media, *parameters = (p.strip() for p in deel.split(";"))
        q = 1.0
        for parameter in parameters:
            naam, _, waarde = parameter.partition("=")
            if naam.strip().lower() == "q":
                try:
                    q = float(waarde)
                except ValueError:
                    q = 0.0
        for vorm in gewicht:
            if media.lower() in (vorm, vorm.split("/")[0] + "/*", "*/*"):
                gewicht[vorm] = max(gewicht[vorm], q)
    beste = max(gewicht, key=lambda vorm: (gewicht[vorm], vorm == PDF))
    if gewicht[beste] <= 0:
        raise VormNietBeschikbaar(f"Gevraagd: {accept[:100]}; de brief is er als {PDF} of {HTML}.")
    return beste


@router.get(
    "/{beschikkingId}/brief",
    response_class=Response,
    responses=BRIEF_RESPONSES,
)
async def get_brief(
    beschikking_id: BeschikkingId,
    session: DbSession,
    principal: MagToegangLezen,
    request: Request,
) -> Response:
    """De beschikkingsbrief voor de cliënt, op het briefpapier van de gemeente: het besluit
    per indicatie, de gronden (onderzoek en ondersteuningsplan), product, omvang, ingangs- en
    einddatum, aanbieder of pgb, de eigen bijdrage via het CAK en waar en tot wanneer bezwaar
    kan. Als PDF of als HTML, naar de Accept-header (anders 406); alleen van een afgegeven
    beschikking (een concept: 409). De brief noemt naam en adres van de cliënt: het inzien
    wordt in het verwerkingenlogboek vastgelegd."""
    vorm = choose_vorm(request.headers.get("accept"))
    brief = await service.get_brief(session, beschikking_id, actor=principal)
    await session.commit()
    # The file name carries the beschikkingnummer, never anything that identifies the client.
    if vorm == PDF:
        return Response(
            render_pdf(brief),
            media_type=PDF,
            headers={"Content-Disposition": f'inline; filename="{brief.bestandsnaam}.pdf"'},
        )
    return Response(
        render_html(brief),
        media_type=HTML,
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "Content-Disposition": f'inline; filename="{brief.bestandsnaam}.html"',
        },
    )
