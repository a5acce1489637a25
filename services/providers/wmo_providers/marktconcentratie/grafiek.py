"""The market as a Pareto chart in SVG: one bar per aanbieder (its client share, largest first),
the cumulative share as a line and the 80 % mark, with the HHI and the top-5 share above it."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from wmo_providers.marktconcentratie.schemas import Marktconcentratie, Paretopunt

BREEDTE, HOOGTE = 760, 440
LINKS, RECHTS, BOVEN, ONDER = 60, 20, 80, 90
PLOT_B, PLOT_H = BREEDTE - LINKS - RECHTS, HOOGTE - BOVEN - ONDER
# Below this many bars there is room for each AGB code under its bar.
MAX_LABELS = 25
PARETO_GRENS = Decimal(80)


def _nl(value: Decimal) -> str:
    return f"{value}".replace(".", ",")


def _x(fractie: float) -> float:
    return round(LINKS + fractie * PLOT_B, 1)


def _y(percentage: Decimal) -> float:
    return round(BOVEN + PLOT_H - float(percentage) / 100 * PLOT_H, 1)


def kernpunt(curve: list[Paretopunt]) -> Paretopunt | None:
    """The fewest largest aanbieders that together hold at least 80 % of the clients."""
    return next((p for p in curve if p.aandeel_percentage >= PARETO_GRENS), None)


def samenvatting(markt: Marktconcentratie) -> str:
    c = markt.clienten
    if c.hhi is None or c.top5_percentage is None:
        return "Geen cliënten met een toewijzing in deze selectie."
    delen = [f"HHI {c.hhi}", f"top-5 {_nl(c.top5_percentage)} %"]
    kern = kernpunt(c.paretocurve)
    if kern is not None:
        delen.append(
            f"{_nl(kern.aanbieders_percentage)} % van de aanbieders bedient "
            f"{_nl(kern.aandeel_percentage)} % van de cliënten"
        )
    return " · ".join(delen)


def render(markt: Marktconcentratie) -> str:
    selectie = ", ".join(
        s
        for s in (
            f"segment {markt.segment_id}" if markt.segment_id else "alle segmenten",
            f"gebied {markt.gebied}" if markt.gebied else "alle gebieden",
            f"periode {markt.periode}",
        )
    )
    titel = f"Marktconcentratie naar cliënten — {selectie}"
    tekst = samenvatting(markt)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BREEDTE}" height="{HOOGTE}" '
        f'viewBox="0 0 {BREEDTE} {HOOGTE}" role="img" '
        f"aria-label={quoteattr(f'{titel}. {tekst}')} "
        'font-family="sans-serif" font-size="12">',
        f"<title>{escape(titel)}</title>",
        f"<desc>{escape(tekst)}</desc>",
        f'<rect width="{BREEDTE}" height="{HOOGTE}" fill="#ffffff"/>',
        f'<text x="{LINKS}" y="28" font-size="16" font-weight="bold">{escape(titel)}</text>',
        f'<text x="{LINKS}" y="52" font-size="13">{escape(tekst)}</text>',
    ]
    for pct in range(0, 101, 20):
        y = _y(Decimal(pct))
        parts.append(
            f'<line x1="{LINKS}" y1="{y}" x2="{LINKS + PLOT_B}" y2="{y}" stroke="#dddddd"/>'
            f'<text x="{LINKS - 8}" y="{y + 4}" text-anchor="end">{pct} %</text>'
        )
    aantal = len(markt.aanbieders)
    if aantal:
        breedte = PLOT_B / aantal
        for i, aanbieder in enumerate(markt.aanbieders):
            aandeel = aanbieder.clientaandeel_percentage or Decimal(0)
            x, y = _x(i / aantal), _y(aandeel)
            parts.append(
                f'<rect class="aanbieder" x="{x}" y="{y}" width="{round(breedte * 0.8, 1)}" '
                f'height="{round(BOVEN + PLOT_H - y, 1)}" fill="#4a7ab5">'
                f"<title>{escape(aanbieder.naam or aanbieder.agb)}: {aanbieder.clienten} "
                f"cliënten ({_nl(aandeel)} %)</title></rect>"
            )
            if aantal <= MAX_LABELS:
                lx, ly = round(x + breedte * 0.4, 1), BOVEN + PLOT_H + 14
                parts.append(
                    f'<text x="{lx}" y="{ly}" text-anchor="end" '
                    f'transform="rotate(-45 {lx} {ly})">{escape(aanbieder.agb)}</text>'
                )
        punten = [(float(LINKS), _y(Decimal(0)))] + [
            (_x(p.aanbieders / aantal), _y(p.aandeel_percentage))
            for p in markt.clienten.paretocurve
        ]
        parts.append(
            '<polyline class="paretocurve" fill="none" stroke="#d9822b" stroke-width="2" '
            f'points="{" ".join(f"{x},{y}" for x, y in punten)}"/>'
        )
    grens = _y(PARETO_GRENS)
    parts += [
        f'<line x1="{LINKS}" y1="{grens}" x2="{LINKS + PLOT_B}" y2="{grens}" '
        'stroke="#999999" stroke-dasharray="4 4"/>',
        f'<line x1="{LINKS}" y1="{BOVEN}" x2="{LINKS}" y2="{BOVEN + PLOT_H}" stroke="#333333"/>',
        f'<line x1="{LINKS}" y1="{BOVEN + PLOT_H}" x2="{LINKS + PLOT_B}" '
        f'y2="{BOVEN + PLOT_H}" stroke="#333333"/>',
        f'<text x="{LINKS + PLOT_B}" y="{HOOGTE - 10}" text-anchor="end">'
        "aanbieders, meeste cliënten eerst · lijn: cumulatief aandeel · streep: 80 %</text>",
        "</svg>",
    ]
    return "".join(parts)
