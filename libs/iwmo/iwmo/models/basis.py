"""Building blocks shared by all iWmo 3.2 messages: markers, composite types, headers.

Field names are the element names in snake_case (`ToewijzingNummer` is
`toewijzing_nummer`); the field order is the XSD's element order. The
`Annotated` metadata tells the codec the datatype (an `Ldt`) of a leaf and the
item element of a wrapper (`Relaties` holds `Relatie` items).
"""

from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, ClassVar

from iwmo.codelists import LDTS
from iwmo.datatypes import Ldt


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A wrapper element holding 1..n items with this element name."""

    item: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """An extra pattern a message XSD puts on top of the basisschema type."""

    regex: str


class Cdt:
    """A composite datatype of the basisschema: its children are in the basisschema namespace."""

    __slots__ = ()
    IN_BASISSCHEMA: ClassVar[bool] = True


class Klasse:
    """A message class (Header, Client, ...): its children are in the message namespace."""

    __slots__ = ()
    IN_BASISSCHEMA: ClassVar[bool] = False


def _ldt(name: str) -> Ldt:
    return LDTS[name]


Datum = Annotated[date, _ldt("LDT_Datum")]
Tijd = Annotated[time, _ldt("LDT_Tijd")]
Bsn = Annotated[str, _ldt("LDT_BurgerServicenummer")]
AgbCode = Annotated[str, _ldt("LDT_AgbCode")]
Gemeente = Annotated[str, _ldt("LDT_Gemeente")]
Nummer = Annotated[int, _ldt("LDT_Nummer")]
Referentie = Annotated[str, _ldt("LDT_Referentie")]
Commentaar = Annotated[str, _ldt("LDT_Commentaar")]
Geslacht = Annotated[str, _ldt("LDT_Geslacht")]
Budget = Annotated[int, _ldt("LDT_Budget")]
Versie = Annotated[str, _ldt("LDT_Versie")]
IdentificatieBericht = Annotated[str, _ldt("LDT_IdentificatieBericht")]
RetourCodes = Annotated[tuple[str, ...], Wrapped("RetourCode"), _ldt("LDT_RetourCode")]
ProductCategorie = Annotated[str, _ldt("LDT_ProductCategorie")]
ProductCode = Annotated[str, _ldt("LDT_ProductCode")]
Eenheid = Annotated[str, _ldt("LDT_Eenheid")]
Volume = Annotated[int, _ldt("LDT_Volume")]
Bedrag = Annotated[int, _ldt("LDT_Bedrag")]
DebetCredit = Annotated[str, _ldt("LDT_DebetCredit")]
Naam = Annotated[str, _ldt("LDT_Naam")]
Voorletters = Annotated[str, _ldt("LDT_Voorletters")]
StatusAanlevering = Annotated[str, _ldt("LDT_StatusAanlevering")]


@dataclass(frozen=True, slots=True, kw_only=True)
class BerichtIdentificatie(Cdt):
    identificatie: IdentificatieBericht
    dagtekening: Datum


@dataclass(frozen=True, slots=True, kw_only=True)
class XsdVersie(Cdt):
    basisschema_xsd_versie: Versie = "1.0.0"
    bericht_xsd_versie: Versie = "1.0.0"


@dataclass(frozen=True, slots=True, kw_only=True)
class Achternaam(Cdt):
    achternaam: Naam
    voorvoegsel: Annotated[str, _ldt("LDT_Voorvoegsel")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Huis(Cdt):
    huisnummer: Annotated[int, _ldt("LDT_Huisnummer")]
    huisletter: Annotated[str, _ldt("LDT_Huisletter")] | None = None
    huisnummer_toevoeging: Annotated[str, _ldt("LDT_HuisnummerToevoeging")] | None = None
    aanduiding_woonadres: Annotated[str, _ldt("LDT_AanduidingWoonadres")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Adres(Cdt):
    huis: Huis | None = None
    postcode: Annotated[str, _ldt("LDT_Postcode")] | None = None
    straatnaam: Annotated[str, _ldt("LDT_Straatnaam")] | None = None
    plaatsnaam: Annotated[str, _ldt("LDT_Plaatsnaam")] | None = None
    land_code: Annotated[str, _ldt("LDT_LandCode")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BedragMetDC(Cdt):
    bedrag: Bedrag
    debet_credit: DebetCredit


@dataclass(frozen=True, slots=True, kw_only=True)
class TotaalBedragMetDC(Cdt):
    totaal_bedrag: Annotated[int, _ldt("LDT_TotaalBedrag")]
    debet_credit: DebetCredit


@dataclass(frozen=True, slots=True, kw_only=True)
class Communicatie(Cdt):
    vorm: Annotated[str, _ldt("LDT_Communicatievorm")]
    taal: Annotated[str, _ldt("LDT_Taal")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Geboortedatum(Cdt):
    datum: Datum
    datum_gebruik: Annotated[str, _ldt("LDT_DatumGebruik")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GeslotenPeriode(Cdt):
    begindatum: Datum
    einddatum: Datum


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenPeriode(Cdt):
    begindatum: Datum | None = None
    einddatum: Datum | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Omvang(Cdt):
    volume: Volume
    eenheid: Eenheid
    frequentie: Annotated[str, _ldt("LDT_Frequentie")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Product(Cdt):
    categorie: ProductCategorie
    code: ProductCode | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductReferentie(Cdt):
    referentie_nummer: Annotated[str, _ldt("LDT_ReferentieNummer")]
    vorig_referentie_nummer: Annotated[str, _ldt("LDT_ReferentieNummer")] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Telefoon(Cdt):
    telefoonnummer: Annotated[str, _ldt("LDT_Telefoonnummer")]
    landnummer: Annotated[str, _ldt("LDT_Landnummer")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Telefoonnummers(Cdt):
    telefoon01: Telefoon
    telefoon02: Telefoon | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VerkorteNaam(Cdt):
    geslachtsnaam: Achternaam
    voornamen: Naam | None = None
    voorletters: Voorletters | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VolledigeNaam(Cdt):
    geslachtsnaam: Achternaam
    partnernaam: Achternaam | None = None
    voornamen: Naam | None = None
    voorletters: Voorletters | None = None
    naam_gebruik: Annotated[str, _ldt("LDT_NaamGebruik")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Verwijzer(Cdt):
    type: Annotated[str, _ldt("LDT_TypeVerwijzer")]
    naam: Annotated[str, _ldt("LDT_NaamVerwijzer")] | None = None
    zorgverlener_code: AgbCode | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderVanGemeente(Klasse):
    """Header of a message a municipality sends (301, 319; also the 325)."""

    bericht_code: Annotated[str, _ldt("LDT_BerichtCode")]
    bericht_versie: Annotated[int, _ldt("LDT_BerichtVersie")] = 3
    bericht_subversie: Annotated[int, _ldt("LDT_BerichtSubversie")] = 2
    afzender: Gemeente
    ontvanger: AgbCode
    bericht_identificatie: BerichtIdentificatie
    xsd_versie: XsdVersie = XsdVersie()


@dataclass(frozen=True, slots=True, kw_only=True)
class HeaderVanAanbieder(Klasse):
    """Header of a message a provider sends (305, 307, 315, 317, 323)."""

    bericht_code: Annotated[str, _ldt("LDT_BerichtCode")]
    bericht_versie: Annotated[int, _ldt("LDT_BerichtVersie")] = 3
    bericht_subversie: Annotated[int, _ldt("LDT_BerichtSubversie")] = 2
    afzender: AgbCode
    ontvanger: Gemeente
    bericht_identificatie: BerichtIdentificatie
    xsd_versie: XsdVersie = XsdVersie()


@dataclass(frozen=True, slots=True, kw_only=True)
class RetourHeaderVanGemeente(HeaderVanGemeente):
    """The copied header of a 301 or 319 plus the retour fields (302, 320)."""

    identificatie_retour: IdentificatieBericht
    dagtekening_retour: Datum
    xslt_versie: Versie | None = None
    xsd_versie_retour: XsdVersie = XsdVersie()
    retour_codes: RetourCodes = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RetourHeaderVanAanbieder(HeaderVanAanbieder):
    """The copied header of a 305, 307, 315 or 317 plus the retour fields."""

    identificatie_retour: IdentificatieBericht
    dagtekening_retour: Datum
    xslt_versie: Versie | None = None
    xsd_versie_retour: XsdVersie = XsdVersie()
    retour_codes: RetourCodes = ()


class Bericht:
    """Base of every message model; the class variables describe the message type."""

    __slots__ = ()
    BERICHT: ClassVar[str]
    CODE: ClassVar[str]
    # True for the retour schemas derived from their iJw twins (no official iWmo XSD).
    DERIVED: ClassVar[bool] = False
    header: HeaderVanGemeente | HeaderVanAanbieder
