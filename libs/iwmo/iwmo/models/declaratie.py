"""WMO323 Declaratiebericht and WMO325 Declaratie-antwoordbericht (325 derived from JW325)."""

from dataclasses import dataclass
from typing import Annotated, ClassVar

from iwmo.codelists import LDTS
from iwmo.models.basis import (
    Bedrag,
    BedragMetDC,
    Bericht,
    BerichtIdentificatie,
    Bsn,
    Datum,
    Eenheid,
    GeslotenPeriode,
    HeaderVanAanbieder,
    HeaderVanGemeente,
    Klasse,
    Nummer,
    Pattern,
    ProductCategorie,
    ProductCode,
    ProductReferentie,
    RetourCodes,
    TotaalBedragMetDC,
    Versie,
    Volume,
    Wrapped,
    XsdVersie,
)

DeclaratieNummer = Annotated[str, LDTS["LDT_IdentificatieDeclaratie"]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Prestatie(Klasse):
    product_referentie: ProductReferentie
    toewijzing_nummer: Nummer
    product_categorie: ProductCategorie
    product_code: ProductCode
    product_periode: GeslotenPeriode
    geleverd_volume: Volume
    eenheid: Eenheid
    product_tarief: Bedrag | None = None
    ingediend_bedrag: BedragMetDC


@dataclass(frozen=True, slots=True, kw_only=True)
class Client323(Klasse):
    bsn: Bsn
    prestaties: Annotated[tuple[Prestatie, ...], Wrapped("Prestatie")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaratie(Klasse):
    # The 323 XSD narrows the basisschema type to letters and digits (CS319).
    declaratie_nummer: Annotated[DeclaratieNummer, Pattern("[a-zA-Z0-9]+")]
    declaratie_periode: GeslotenPeriode
    declaratie_dagtekening: Datum
    totaal_ingediend_bedrag: TotaalBedragMetDC
    clienten: Annotated[tuple[Client323, ...], Wrapped("Client")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo323(Bericht):
    BERICHT: ClassVar[str] = "WMO323"
    CODE: ClassVar[str] = "484"
    header: HeaderVanAanbieder
    declaratie: Declaratie


@dataclass(frozen=True, slots=True, kw_only=True)
class Header325(HeaderVanGemeente):
    """The 325 has its own header (gemeente to aanbieder) that points at the 323."""

    declaratie_identificatie: BerichtIdentificatie
    xslt_versie: Versie | None = None
    xsd_versie_declaratie: XsdVersie
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class PrestatieRetour(Prestatie):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client325(Klasse):
    bsn: Bsn
    prestaties: Annotated[tuple[PrestatieRetour, ...], Wrapped("Prestatie")]
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclaratieAntwoord(Klasse):
    declaratie_nummer: DeclaratieNummer
    totaal_ingediend_bedrag: TotaalBedragMetDC
    totaal_toegekend_bedrag: TotaalBedragMetDC
    clienten: Annotated[tuple[Client325, ...], Wrapped("Client")] = ()
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo325(Bericht):
    BERICHT: ClassVar[str] = "WMO325"
    CODE: ClassVar[str] = "485"
    DERIVED: ClassVar[bool] = True
    header: Header325
    declaratie_antwoord: DeclaratieAntwoord | None = None
