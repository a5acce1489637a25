"""Namespaces of iWmo 3.2 and the message type each root namespace stands for."""

from typing import Final

BASISSCHEMA: Final = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"


def message_namespace(bericht: str) -> str:
    """`WMO301` -> `http://www.istandaarden.nl/iwmo/3_2/wmo301/schema`."""
    return f"http://www.istandaarden.nl/iwmo/3_2/{bericht.lower()}/schema"


def prefix(bericht: str) -> str:
    return bericht.lower()
