"""WMO301 Toewijzingbericht and its retour WMO302 (derived from JW302)."""

from dataclasses import dataclass
from typing import Annotated, ClassVar

from iwmo.codelists import LDTS
from iwmo.models.basis import (
    Adres,
    Bericht,
    Bsn,
    Budget,
    Commentaar,
    Communicatie,
    Datum,
    Geboortedatum,
    Geslacht,
    HeaderVanGemeente,
    Klasse,
    Nummer,
    Omvang,
    OpenPeriode,
    Product,
    Referentie,
    RetourCodes,
    RetourHeaderVanGemeente,
    Telefoonnummers,
    Tijd,
    VolledigeNaam,
    Wrapped,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact(Klasse):
    soort: Annotated[str, LDTS["LDT_AdresSoort"]]
    adres: Adres | None = None
    organisatie: Annotated[str, LDTS["LDT_Organisatienaam"]] | None = None
    telefoon: Telefoonnummers | None = None
    emailadres: Annotated[str, LDTS["LDT_Emailadres"]] | None = None
    periode: OpenPeriode | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Relatie(Klasse):
    nummer: Annotated[str, LDTS["LDT_Persoonsid"]]
    volgorde: Annotated[int, LDTS["LDT_RelatieVolgorde"]] | None = None
    soort: Annotated[str, LDTS["LDT_SoortRelatie"]]
    geboortedatum: Geboortedatum | None = None
    geslacht: Geslacht | None = None
    naam: VolledigeNaam
    contact: Contact


@dataclass(frozen=True, slots=True, kw_only=True)
class ToegewezenProduct(Klasse):
    toewijzing_nummer: Nummer
    referentie_aanbieder: Referentie | None = None
    product: Product | None = None
    toewijzingsdatum: Datum
    toewijzingstijd: Tijd
    ingangsdatum: Datum
    einddatum: Datum | None = None
    reden_wijziging: Annotated[str, LDTS["LDT_RedenWijziging"]] | None = None
    omvang: Omvang | None = None
    budget: Budget | None = None
    commentaar: Commentaar | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Client301(Klasse):
    bsn: Bsn
    geboortedatum: Geboortedatum
    geslacht: Geslacht
    naam: VolledigeNaam
    communicatie: Communicatie | None = None
    juridische_status: Annotated[str, LDTS["LDT_JuridischeStatus"]] | None = None
    wettelijke_vertegenwoordiging: (
        Annotated[str, LDTS["LDT_WettelijkeVertegenwoordiging"]] | None
    ) = None
    commentaar: Commentaar | None = None
    relaties: Annotated[tuple[Relatie, ...], Wrapped("Relatie")] = ()
    contactgegevens: Annotated[tuple[Contact, ...], Wrapped("Contact")]
    toegewezen_producten: Annotated[tuple[ToegewezenProduct, ...], Wrapped("ToegewezenProduct")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo301(Bericht):
    BERICHT: ClassVar[str] = "WMO301"
    CODE: ClassVar[str] = "414"
    header: HeaderVanGemeente
    client: Client301


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactRetour(Contact):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatieRetour(Relatie):
    contact: ContactRetour
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class ToegewezenProductRetour(ToegewezenProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client302(Client301):
    relaties: Annotated[tuple[RelatieRetour, ...], Wrapped("Relatie")] = ()
    contactgegevens: Annotated[tuple[ContactRetour, ...], Wrapped("Contact")]
    toegewezen_producten: Annotated[
        tuple[ToegewezenProductRetour, ...], Wrapped("ToegewezenProduct")
    ]
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo302(Bericht):
    BERICHT: ClassVar[str] = "WMO302"
    CODE: ClassVar[str] = "415"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanGemeente
    client: Client302 | None = None
