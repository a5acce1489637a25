"""The letter as PDF, written with fpdf2 in Debian's DejaVu Sans (fonts-dejavu-core); where that
font is absent, fpdf2's built-in Helvetica in Windows-1252 (which still has € and ë)."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from wmo_access.beschikkingen.brief.inhoud import Brief

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_MARGE = 20
_TEKST = 10
_KOLOMMEN = (22, 42, 30, 36, 40)  # mm: besluit, product, omvang, periode, levering


class _Briefpapier(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(size=8)
        self.cell(0, 5, f"Pagina {self.page_no()} van {{nb}}", align="R")


def _lettertype(pdf: FPDF, font_dir: Path) -> None:
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.set_font("DejaVu", size=_TEKST)
    else:
        pdf.core_fonts_encoding = "windows-1252"
        pdf.set_font("Helvetica", size=_TEKST)


def _alinea(pdf: FPDF, tekst: str) -> None:
    pdf.multi_cell(0, 5, tekst, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _kop(pdf: FPDF, tekst: str) -> None:
    pdf.ln(2)
    pdf.set_font(style="B", size=_TEKST + 1)
    pdf.multi_cell(0, 6, tekst, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(style="", size=_TEKST)
    pdf.ln(1)


def render_pdf(brief: Brief, *, font_dir: Path = FONT_DIR) -> bytes:
    pdf = _Briefpapier(format="A4")
    pdf.set_margins(_MARGE, _MARGE, _MARGE)
    pdf.set_auto_page_break(auto=True, margin=_MARGE)
    pdf.set_title(f"Beschikking {brief.bestandsnaam}")
    pdf.set_author(f"Gemeente {brief.sjabloon.naam}")
    pdf.set_lang("nl")
    _lettertype(pdf, font_dir)
    pdf.add_page()

    pdf.set_font(style="B", size=14)
    pdf.cell(0, 12, f"Gemeente {brief.sjabloon.naam}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if brief.sjabloon.logo_svg is not None:
        pdf.image(io.BytesIO(brief.sjabloon.logo_svg), x=pdf.w - _MARGE - 30, y=_MARGE, h=12)
    pdf.set_font(style="", size=_TEKST)
    pdf.ln(12)
    for regel in brief.adresregels:
        pdf.cell(0, 5, regel, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    for kop, waarde in brief.kenmerken:
        pdf.set_font(style="B")
        pdf.cell(45, 5, kop)
        pdf.set_font(style="")
        pdf.cell(0, 5, waarde, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)

    _alinea(pdf, brief.aanhef)
    _alinea(pdf, brief.inleiding)
    _kop(pdf, "Ons besluit")
    pdf.set_font(size=_TEKST - 1)
    with pdf.table(col_widths=_KOLOMMEN, text_align="LEFT", line_height=4.5) as tabel:
        tabel.row(("Besluit", "Product", "Omvang", "Periode", "Levering"))
        for besluit in brief.besluiten:
            tabel.row(
                (
                    besluit.besluit,
                    besluit.product,
                    besluit.omvang,
                    besluit.periode,
                    besluit.levering,
                )
            )
    pdf.set_font(size=_TEKST)
    for sectie in brief.secties:
        _kop(pdf, sectie.kop)
        for tekst in sectie.alineas:
            _alinea(pdf, tekst)
        for punt in sectie.opsomming:
            pdf.set_x(_MARGE + 4)
            pdf.multi_cell(0, 5, f"- {punt}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if sectie.opsomming:
            pdf.ln(2)
    pdf.ln(6)
    for regel in brief.afsluiting:
        pdf.cell(0, 5, regel, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
