"""The StUF-GGK 0310 envelope (the GGk's web-service interface): reading a Di01/Du01/Fo01 that
arrives, writing the Di01, Du01, Fo01, Bv03 and Fo03 the gateway sends, each checked against the
StUF-GGK XSDs (shipped in `xsd/`, as published with the iWmo pack) both ways, and the SOAP 1.1
document/literal wrapping the WSDL `ggk0310_OntvangAsynchroon.wsdl` prescribes.

Hand-written on lxml because the WSDL has only these operations: ggk_Di01, ggk_Du01 and Fo01,
each answered with a Bv03 (acknowledgement) or a SOAP fault holding a Fo03.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from lxml import etree  # type: ignore[import-untyped]

STUF = "http://www.egem.nl/StUF/StUF0301"
GGK = "http://www.stufstandaarden.nl/sectormodel/ggk/0210"
XMIME = "http://www.w3.org/2005/05/xmlmime"
SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
NSMAP = {"StUF": STUF, "GGK": GGK, "xmime": XMIME}
XSD = Path(__file__).parent / "xsd" / "ggk0310_21" / "ggkberichten" / "ggk0310_msg.xsd"

# The SOAPAction of each operation of the WSDL's binding SOAPOntvangAsynchroon.
SOAP_ACTIONS = {
    "Di01": f"{GGK}/ggk_Di01",
    "Du01": f"{GGK}/ggk_Du01",
    "Fo01": f"{STUF}/Fo01",
}
ROOTS = {
    f"{{{GGK}}}envelopHeenbericht-ggk_Di01": "Di01",
    f"{{{GGK}}}envelopRetourbericht-ggk_Du01": "Du01",
    f"{{{STUF}}}Fo01Bericht": "Fo01",
    f"{{{STUF}}}Bv03Bericht": "Bv03",
    f"{{{STUF}}}Fo03Bericht": "Fo03",
}
APPLICATIE = "wmo-suite"
GGK_APPLICATIE = "GGk"
# The iWmo 3.2 application and function versions the envelope names (four digits each).
VERSIES = ("0003", "0002", "0001", "0000")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

Berichtcode = Literal["Di01", "Du01", "Fo01", "Bv03", "Fo03"]


class OngeldigeEnvelop(ValueError):
    """The envelope is not XML, or not as the StUF-GGK XSDs say (transport error IB001)."""


@dataclass(frozen=True)
class Systeem:
    organisatie: str
    applicatie: str


@dataclass(frozen=True)
class Envelop:
    """What the gateway reads from an envelope; `bericht` is the decoded iWmo XML (Di01/Du01)."""

    berichtcode: Berichtcode
    zender: Systeem
    ontvanger: Systeem
    referentienummer: str
    cross_refnummer: str | None
    functie: str | None
    referentienummer_bericht: str | None
    bericht: bytes | None
    foutcode: str | None = None
    foutomschrijving: str | None = None


@dataclass(frozen=True)
class Fout:
    """A StUF fault (Fo01/Fo03 body): a code from codelists/transport and what it means."""

    code: str
    omschrijving: str
    plek: Literal["client", "server"] = "client"
    details: str | None = None


@cache
def schema() -> etree.XMLSchema:
    """The StUF-GGK message schema; it includes StUF 0301 (Fo01, Fo03, Bv03) and xmlmime."""
    return etree.XMLSchema(etree.parse(str(XSD)))


def validate(element: etree._Element) -> None:
    checker = schema()
    if not checker.validate(element):
        errors = "; ".join(f"{e.line}: {e.message}" for e in list(checker.error_log)[:3])
        raise OngeldigeEnvelop(errors)


def tijdstip(moment: datetime | None = None) -> str:
    """StUF:Tijdstip, yyyymmddhhmmss in Dutch time."""
    return (moment or datetime.now(AMSTERDAM)).astimezone(AMSTERDAM).strftime("%Y%m%d%H%M%S")


def new_referentienummer() -> str:
    return str(uuid.uuid4())


def _text(parent: etree._Element, path: str) -> str | None:
    found = parent.find(path, NSMAP)
    return found.text if found is not None and found.text is not None else None


def _systeem(stuurgegevens: etree._Element, naam: str) -> Systeem:
    return Systeem(
        organisatie=_text(stuurgegevens, f"StUF:{naam}/StUF:organisatie") or "",
        applicatie=_text(stuurgegevens, f"StUF:{naam}/StUF:applicatie") or "",
    )


def parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OngeldigeEnvelop(f"geen XML: {exc}") from exc


def read(root: etree._Element) -> Envelop:
    """Read a Di01, Du01, Fo01, Bv03 or Fo03 after checking it against the XSDs."""
    berichtcode = ROOTS.get(root.tag)
    if berichtcode is None:
        raise OngeldigeEnvelop(f"onbekend StUF-GGK-bericht {etree.QName(root).localname}")
    validate(root)
    stuurgegevens = root.find("GGK:stuurgegevens", NSMAP)
    if stuurgegevens is None:
        stuurgegevens = root.find("StUF:stuurgegevens", NSMAP)
    if stuurgegevens is None:
        raise OngeldigeEnvelop("geen stuurgegevens")
    bericht: bytes | None = None
    encoded = _text(root, "GGK:parameters/GGK:bericht")
    if encoded is not None:
        try:
            bericht = base64.b64decode("".join(encoded.split()), validate=True)
        except binascii.Error as exc:
            raise OngeldigeEnvelop("parameters/bericht is geen base64") from exc
    return Envelop(
        berichtcode=berichtcode,  # type: ignore[arg-type]
        zender=_systeem(stuurgegevens, "zender"),
        ontvanger=_systeem(stuurgegevens, "ontvanger"),
        referentienummer=_text(stuurgegevens, "StUF:referentienummer") or "",
        cross_refnummer=_text(stuurgegevens, "StUF:crossRefnummer"),
        functie=_text(stuurgegevens, "StUF:functie"),
        referentienummer_bericht=_text(root, "GGK:parameters/GGK:referentienummerBericht"),
        bericht=bericht,
        foutcode=_text(root, "StUF:body/StUF:code"),
        foutomschrijving=_text(root, "StUF:body/StUF:omschrijving"),
    )


def _sub(parent: etree._Element, ns: str, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = text
    return element


def _stuurgegevens(
    parent: etree._Element,
    ns: str,
    berichtcode: str,
    zender: Systeem,
    ontvanger: Systeem,
    referentienummer: str,
    cross_refnummer: str | None,
    functie: str | None,
) -> None:
    stuurgegevens = _sub(parent, ns, "stuurgegevens")
    _sub(stuurgegevens, STUF, "berichtcode", berichtcode)
    for naam, systeem in (("zender", zender), ("ontvanger", ontvanger)):
        element = _sub(stuurgegevens, STUF, naam)
        _sub(element, STUF, "organisatie", systeem.organisatie)
        _sub(element, STUF, "applicatie", systeem.applicatie)
    _sub(stuurgegevens, STUF, "referentienummer", referentienummer)
    _sub(stuurgegevens, STUF, "tijdstipBericht", tijdstip())
    if cross_refnummer is not None:
        _sub(stuurgegevens, STUF, "crossRefnummer", cross_refnummer)
    if functie is not None:
        _sub(stuurgegevens, STUF, "functie", functie)


def serialize(element: etree._Element) -> bytes:
    return bytes(etree.tostring(element, xml_declaration=True, encoding="UTF-8"))


def _finish(root: etree._Element) -> bytes:
    validate(root)
    return serialize(root)


def write_bericht(
    berichtcode: Literal["Di01", "Du01"],
    *,
    zender: Systeem,
    ontvanger: Systeem,
    referentienummer: str,
    functie: str,
    bericht: bytes,
    referentienummer_bericht: str | None,
    cross_refnummer: str | None = None,
    cross_refnummer_bericht: str | None = None,
) -> bytes:
    """A Di01 (a message) or Du01 (its retour, `cross_refnummer` = the Di01's reference)."""
    naam = (
        "envelopHeenbericht-ggk_Di01" if berichtcode == "Di01" else "envelopRetourbericht-ggk_Du01"
    )
    root = etree.Element(f"{{{GGK}}}{naam}", nsmap=NSMAP)
    _stuurgegevens(
        root, GGK, berichtcode, zender, ontvanger, referentienummer, cross_refnummer, functie
    )
    parameters = _sub(root, GGK, "parameters")
    if referentienummer_bericht is not None:
        _sub(parameters, GGK, "referentienummerBericht", referentienummer_bericht)
    if berichtcode == "Du01" and cross_refnummer_bericht is not None:
        _sub(parameters, GGK, "crossRefnummerBericht", cross_refnummer_bericht)
    for naam_versie, versie in zip(
        ("applicatieVersie", "applicatieSubversie", "functieVersie", "functieSubversie"),
        VERSIES,
        strict=True,
    ):
        _sub(parameters, GGK, naam_versie, versie)
    inhoud = _sub(parameters, GGK, "bericht", base64.b64encode(bericht).decode("ascii"))
    inhoud.set(f"{{{STUF}}}bestandsnaam", f"{functie}.xml")
    inhoud.set(f"{{{XMIME}}}contentType", "application/xml")
    return _finish(root)


def write_fout(
    berichtcode: Literal["Fo01", "Fo03"],
    fout: Fout,
    *,
    zender: Systeem,
    ontvanger: Systeem,
    cross_refnummer: str,
    referentienummer: str | None = None,
) -> bytes:
    """A Fo01 (a transport fault, sent on its own) or Fo03 (the fault of a SOAP call)."""
    root = etree.Element(f"{{{STUF}}}{berichtcode}Bericht", nsmap={"StUF": STUF})
    _stuurgegevens(
        root,
        STUF,
        berichtcode,
        zender,
        ontvanger,
        referentienummer or new_referentienummer(),
        cross_refnummer,
        None,
    )
    body = _sub(root, STUF, "body")
    _sub(body, STUF, "code", fout.code)
    _sub(body, STUF, "plek", fout.plek)
    _sub(body, STUF, "omschrijving", fout.omschrijving[:200])
    if fout.details:
        _sub(body, STUF, "details", fout.details[:1000])
    return _finish(root)


def write_bv03(*, zender: Systeem, ontvanger: Systeem, cross_refnummer: str) -> bytes:
    """The acknowledgement (Bv03) of a received Di01, Du01 or Fo01."""
    root = etree.Element(f"{{{STUF}}}Bv03Bericht", nsmap={"StUF": STUF})
    _stuurgegevens(
        root, STUF, "Bv03", zender, ontvanger, new_referentienummer(), cross_refnummer, None
    )
    return _finish(root)


def soap_wrap(envelop: bytes) -> bytes:
    """A SOAP 1.1 request or response whose body is `envelop` (document/literal)."""
    root = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP})
    body = _sub(root, SOAP, "Body")
    body.append(etree.fromstring(envelop, _PARSER))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def soap_fault(fo03: bytes, *, server: bool) -> bytes:
    """A SOAP 1.1 fault whose detail holds the Fo03, as the WSDL's fault `fout`."""
    root = etree.Element(f"{{{SOAP}}}Envelope", nsmap={"soap": SOAP})
    fault = _sub(_sub(root, SOAP, "Body"), SOAP, "Fault")
    etree.SubElement(fault, "faultcode").text = "soap:Server" if server else "soap:Client"
    omschrijving = read(etree.fromstring(fo03, _PARSER)).foutomschrijving
    etree.SubElement(fault, "faultstring").text = omschrijving or "Fo03"
    etree.SubElement(fault, "detail").append(etree.fromstring(fo03, _PARSER))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def soap_unwrap(data: bytes) -> etree._Element:
    """The StUF-GGK element inside a SOAP 1.1 body (or inside a fault's detail)."""
    root = parse(data)
    if root.tag != f"{{{SOAP}}}Envelope":
        raise OngeldigeEnvelop("geen SOAP 1.1-envelop")
    body = root.find(f"{{{SOAP}}}Body")
    if body is None or len(body) != 1:
        raise OngeldigeEnvelop("de SOAP Body bevat niet precies één element")
    inhoud = body[0]
    if inhoud.tag == f"{{{SOAP}}}Fault":
        detail = inhoud.find("detail")
        if detail is None or len(detail) != 1:
            raise OngeldigeEnvelop("een SOAP Fault zonder Fo03")
        return detail[0]
    return inhoud
