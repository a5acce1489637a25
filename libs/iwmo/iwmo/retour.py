"""Build the retour of a received message from its findings (IV028, IV087, OP065).

302/306/308/316/318/320: the header of the received message copied unchanged
(sender and receiver are not swapped), only BerichtCode changes and the retour
fields are added. A clean message is answered by the header alone; a level-2
finding by the header with 0001; a level-3/4 finding in the header by the
header with that code; a finding in the body by the header with 0200 and the
whole body echoed, each class with its own codes, 0233 below a rejected class,
or 0200. A level-1 (XSD) failure gets no retour at all but a transport error.

WMO325 is the exception: see `build_wmo325`.
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from iwmo.findings import (
    CODE_FULLY_APPROVED,
    CODE_NO_REMARK,
    CODE_NOT_ASSESSED,
    CODE_TECHNICAL,
    Finding,
    Level,
)
from iwmo.models import (
    Bericht,
    BerichtIdentificatie,
    Client325,
    DeclaratieAntwoord,
    Header325,
    HeaderVanGemeente,
    PrestatieRetour,
    RetourHeaderVanAanbieder,
    RetourHeaderVanGemeente,
    TotaalBedragMetDC,
    Wmo301,
    Wmo302,
    Wmo305,
    Wmo306,
    Wmo307,
    Wmo308,
    Wmo315,
    Wmo316,
    Wmo317,
    Wmo318,
    Wmo319,
    Wmo320,
    Wmo323,
    Wmo325,
    XsdVersie,
)
from iwmo.schema import ClassSpec, message_spec

RETOUR_OF: Final[dict[type[Bericht], type[Bericht]]] = {
    Wmo301: Wmo302,
    Wmo305: Wmo306,
    Wmo307: Wmo308,
    Wmo315: Wmo316,
    Wmo317: Wmo318,
    Wmo319: Wmo320,
    Wmo323: Wmo325,
}
_HEADER: Final = "/Bericht/Header"


class NoRetour(ValueError):
    """The message cannot be answered with an iWmo retour (XSD failure, or it is a retour)."""


def _unique(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "[")


def _check_answerable(message: Bericht, findings: Sequence[Finding]) -> None:
    if type(message) not in RETOUR_OF:
        raise NoRetour(f"{type(message).BERICHT} heeft geen retourbericht")
    if any(f.level is Level.XSD for f in findings):
        raise NoRetour(
            "een bericht dat niet aan de XSD voldoet krijgt een transportfout, geen retour"
        )


def _retour_header(
    message: Bericht,
    retour_type: type[Bericht],
    codes: tuple[str, ...],
    identificatie: str,
    dagtekening: date,
    xslt_versie: str | None,
) -> RetourHeaderVanGemeente | RetourHeaderVanAanbieder:
    header = message.header
    copied = {f.name: getattr(header, f.name) for f in dataclasses.fields(header)}
    copied["bericht_code"] = retour_type.CODE
    header_type = (
        RetourHeaderVanGemeente
        if isinstance(header, HeaderVanGemeente)
        else RetourHeaderVanAanbieder
    )
    return header_type(
        **copied,
        identificatie_retour=identificatie,
        dagtekening_retour=dagtekening,
        xslt_versie=xslt_versie,
        xsd_versie_retour=XsdVersie(),
        retour_codes=codes,
    )


class _Echo:
    """Copies a body into its retour classes and hands out the codes per class."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = findings
        self.class_paths: list[str] = []
        self.codes: dict[str, list[str]] = {}

    def collect(self, obj: Any, spec: ClassSpec, path: str) -> None:
        self.class_paths.append(path)
        for field_spec, child_spec, value, child_path in self._children(obj, spec, path):
            del field_spec
            self.collect(value, child_spec, child_path)

    def assign(self) -> None:
        for finding in self.findings:
            owner = max(
                (p for p in self.class_paths if _within(finding.path, p)), key=len, default=None
            )
            if owner is not None:
                self.codes.setdefault(owner, []).append(finding.code)

    def build(self, obj: Any, spec: ClassSpec, path: str, rejected_above: bool) -> Any:
        own = _unique(self.codes.get(path, []))
        values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        children: dict[str, list[Any]] = {}
        for field_spec, child_spec, value, child_path in self._children(obj, spec, path):
            echoed = self.build(value, child_spec, child_path, rejected_above or bool(own))
            children.setdefault(field_spec, []).append(echoed)
        for name, echoed_values in children.items():
            original = values[name]
            values[name] = tuple(echoed_values) if isinstance(original, tuple) else echoed_values[0]
        codes = own or ((CODE_NOT_ASSESSED,) if rejected_above else (CODE_NO_REMARK,))
        return spec.model(**values, retour_codes=codes)

    @staticmethod
    def _children(obj: Any, spec: ClassSpec, path: str) -> list[tuple[str, ClassSpec, Any, str]]:
        """The child classes that carry retour codes, with their paths."""
        found: list[tuple[str, ClassSpec, Any, str]] = []
        for field_spec in spec.fields:
            child_spec = field_spec.cls
            if child_spec is None or "retour_codes" not in {
                f.name for f in dataclasses.fields(child_spec.model)
            }:
                continue
            value = getattr(obj, field_spec.attr)
            if field_spec.item_tag is not None:
                for position, item in enumerate(value, start=1):
                    item_path = f"{path}/{field_spec.local}/{field_spec.item_local}[{position}]"
                    found.append((field_spec.attr, child_spec, item, item_path))
            elif value is not None:
                found.append((field_spec.attr, child_spec, value, f"{path}/{field_spec.local}"))
        return found


def _construct(retour_type: type[Bericht], **values: Any) -> Bericht:
    # The retour classes share no typed constructor; each takes header= and its body.
    constructor: Any = retour_type
    result: Bericht = constructor(**values)
    return result


def build_retour(
    message: Bericht,
    findings: Sequence[Finding],
    *,
    identificatie: str,
    dagtekening: date,
    xslt_versie: str | None = None,
) -> Bericht:
    """The retour (302/306/308/316/318/320, or 325 for a 323) of `message` given its findings.

    `identificatie` and `dagtekening` identify the retour itself. Raises
    `NoRetour` for XSD failures and for messages that have no retour.
    """
    _check_answerable(message, findings)
    if isinstance(message, Wmo323):
        return build_wmo325(
            message,
            judge_wmo323(message, findings),
            identificatie=identificatie,
            dagtekening=dagtekening,
            xslt_versie=xslt_versie,
        )
    retour_type = RETOUR_OF[type(message)]

    def header(codes: tuple[str, ...]) -> Any:
        return _retour_header(message, retour_type, codes, identificatie, dagtekening, xslt_versie)

    if not findings:
        return _construct(retour_type, header=header(()))
    if any(f.level is Level.BERICHT for f in findings):
        return _construct(retour_type, header=header((CODE_TECHNICAL,)))
    header_codes = _unique([f.code for f in findings if _within(f.path, _HEADER)])
    if header_codes:
        return _construct(retour_type, header=header(header_codes))
    spec = message_spec(retour_type)
    body_spec = spec.root.fields[1]
    assert body_spec.cls is not None  # noqa: S101 - every retour has a body class
    body = getattr(message, body_spec.attr)
    path = f"/Bericht/{body_spec.local}"
    echo = _Echo(findings)
    echo.collect(body, body_spec.cls, path)
    echo.assign()
    echoed = echo.build(body, body_spec.cls, path, rejected_above=False)
    return _construct(retour_type, header=header((CODE_NO_REMARK,)), **{body_spec.attr: echoed})


@dataclass(frozen=True, slots=True)
class Beoordeling:
    """The verdict on a 323 that a 325 reports (finance supplies the per-line part).

    `prestatie_codes` maps a rejected line's ReferentieNummer to its codes;
    `client_codes` maps a client's Bsn to codes that reject all its lines.
    Lines in neither are approved.
    """

    technisch_afgekeurd: bool = False
    header_codes: tuple[str, ...] = ()
    declaratie_codes: tuple[str, ...] = ()
    client_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    prestatie_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def judge_wmo323(message: Wmo323, findings: Sequence[Finding]) -> Beoordeling:
    """Turn the findings on a 323 into a `Beoordeling` by where each finding points."""
    if any(f.level is Level.XSD for f in findings):
        raise NoRetour(
            "een bericht dat niet aan de XSD voldoet krijgt een transportfout, geen retour"
        )
    if any(f.level is Level.BERICHT for f in findings):
        return Beoordeling(technisch_afgekeurd=True)
    header: list[str] = []
    declaratie: list[str] = []
    clients: dict[str, list[str]] = {}
    lines: dict[str, list[str]] = {}
    base = "/Bericht/Declaratie/Clienten/Client"
    for finding in findings:
        if _within(finding.path, _HEADER):
            header.append(finding.code)
            continue
        placed = False
        for ci, client in enumerate(message.declaratie.clienten, start=1):
            client_path = f"{base}[{ci}]"
            if not _within(finding.path, client_path):
                continue
            for pi, prestatie in enumerate(client.prestaties, start=1):
                if _within(finding.path, f"{client_path}/Prestaties/Prestatie[{pi}]"):
                    key = prestatie.product_referentie.referentie_nummer
                    lines.setdefault(key, []).append(finding.code)
                    placed = True
            if not placed:
                clients.setdefault(client.bsn, []).append(finding.code)
                placed = True
        if not placed:
            declaratie.append(finding.code)
    return Beoordeling(
        header_codes=_unique(header),
        declaratie_codes=_unique(declaratie),
        client_codes={bsn: _unique(codes) for bsn, codes in clients.items()},
        prestatie_codes={ref: _unique(codes) for ref, codes in lines.items()},
    )


def _signed_total(value: int) -> TotaalBedragMetDC:
    # CS325: zero is always debit.
    return TotaalBedragMetDC(totaal_bedrag=abs(value), debet_credit="C" if value < 0 else "D")


def build_wmo325(
    declaratie: Wmo323,
    beoordeling: Beoordeling,
    *,
    identificatie: str,
    dagtekening: date,
    xslt_versie: str | None = None,
) -> Wmo325:
    """The Declaratie-antwoordbericht (IV087, OP303, OP304) for a 323 and its verdict."""
    heen = declaratie.header

    def header(codes: tuple[str, ...]) -> Header325:
        return Header325(
            bericht_code=Wmo325.CODE,
            afzender=heen.ontvanger,
            ontvanger=heen.afzender,
            bericht_identificatie=BerichtIdentificatie(
                identificatie=identificatie, dagtekening=dagtekening
            ),
            declaratie_identificatie=heen.bericht_identificatie,
            xslt_versie=xslt_versie,
            xsd_versie_declaratie=heen.xsd_versie,
            retour_codes=codes,
        )

    if beoordeling.technisch_afgekeurd:
        return Wmo325(header=header((CODE_TECHNICAL,)))
    if beoordeling.header_codes:
        return Wmo325(header=header(beoordeling.header_codes))
    body = declaratie.declaratie
    ingediend = body.totaal_ingediend_bedrag
    if beoordeling.declaratie_codes:
        antwoord = DeclaratieAntwoord(
            declaratie_nummer=body.declaratie_nummer,
            totaal_ingediend_bedrag=ingediend,
            totaal_toegekend_bedrag=_signed_total(0),
            retour_codes=beoordeling.declaratie_codes,
        )
        return Wmo325(header=header((CODE_NO_REMARK,)), declaratie_antwoord=antwoord)
    toegekend = 0
    clienten: list[Client325] = []
    for client in body.clienten:
        client_codes = beoordeling.client_codes.get(client.bsn, ())
        afgewezen: list[PrestatieRetour] = []
        for prestatie in client.prestaties:
            line_codes = beoordeling.prestatie_codes.get(
                prestatie.product_referentie.referentie_nummer, ()
            )
            if client_codes:
                line_codes = (CODE_NOT_ASSESSED,)
            if not line_codes:
                amount = prestatie.ingediend_bedrag
                toegekend += -amount.bedrag if amount.debet_credit == "C" else amount.bedrag
                continue
            copied = {f.name: getattr(prestatie, f.name) for f in dataclasses.fields(prestatie)}
            afgewezen.append(PrestatieRetour(**copied, retour_codes=line_codes))
        if afgewezen:
            clienten.append(
                Client325(
                    bsn=client.bsn,
                    prestaties=tuple(afgewezen),
                    retour_codes=client_codes or (CODE_NO_REMARK,),
                )
            )
    if not clienten:
        antwoord = DeclaratieAntwoord(
            declaratie_nummer=body.declaratie_nummer,
            totaal_ingediend_bedrag=ingediend,
            totaal_toegekend_bedrag=ingediend,
            retour_codes=(CODE_FULLY_APPROVED,),
        )
    else:
        antwoord = DeclaratieAntwoord(
            declaratie_nummer=body.declaratie_nummer,
            totaal_ingediend_bedrag=ingediend,
            totaal_toegekend_bedrag=_signed_total(toegekend),
            clienten=tuple(clienten),
            retour_codes=(CODE_NO_REMARK,),
        )
    return Wmo325(header=header((CODE_NO_REMARK,)), declaratie_antwoord=antwoord)
