"""The letter as an HTML page (Jinja2, every value escaped)."""

from __future__ import annotations

import base64
import functools

from jinja2 import Environment, PackageLoader, select_autoescape

from wmo_access.beschikkingen.brief.inhoud import Brief
from wmo_access.beschikkingen.brief.sjablonen import PACKAGE

# The page carries its own styles and its logo inline, and loads nothing from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
)


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader(PACKAGE, "templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def render_html(brief: Brief) -> str:
    logo = brief.sjabloon.logo_svg
    return (
        _environment()
        .get_template("brief.html")
        .render(brief=brief, logo=base64.b64encode(logo).decode() if logo else None)
    )
