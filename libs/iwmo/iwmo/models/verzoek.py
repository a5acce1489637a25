"""WMO315 VOT, WMO317 VOW, WMO319 Antwoord and their retours 316/318/320 (derived)."""

from dataclasses import dataclass
from typing import Annotated, ClassVar

from iwmo.codelists import LDTS
from iwmo.models.basis import (
    Bericht,
    Bsn,
    Budget,
    Commentaar,
    Datum,
    Geboortedatum,
    Geslacht,
    HeaderVanAanbieder,
    HeaderVanGemeente,
    Klasse,
    Nummer,
    Omvang,
    Product,
    Referentie,
    RetourCodes,
    RetourHeaderVanAanbieder,
    RetourHeaderVanGemeente,
    VerkorteNaam,
    Verwijzer,
    Wrapped,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AangevraagdProduct(Klasse):
    referentie_aanbieder: Referentie
    beschikking_nummer: Nummer | None = None
    product: Product | None = None
    beschikking_ingangsdatum: Datum | None = None
    toewijzing_ingangsdatum: Datum
    toewijzing_einddatum: Datum | None = None
    omvang: Omvang | None = None
    budget: Budget | None = None
    verwijzer: Verwijzer
    raamcontract: Annotated[str, LDTS["LDT_JaNee"]] | None = None
    commentaar: Commentaar | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Client315(Klasse):
    bsn: Bsn
    geboortedatum: Geboortedatum
    geslacht: Geslacht
    naam: VerkorteNaam
    commentaar: Commentaar | None = None
    aangevraagde_producten: Annotated[tuple[AangevraagdProduct, ...], Wrapped("AangevraagdProduct")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo315(Bericht):
    BERICHT: ClassVar[str] = "WMO315"
    CODE: ClassVar[str] = "444"
    header: HeaderVanAanbieder
    client: Client315


@dataclass(frozen=True, slots=True, kw_only=True)
class OngewijzigdProduct(Klasse):
    toewijzing_nummer: Nummer


@dataclass(frozen=True, slots=True, kw_only=True)
class TeWijzigenProduct(Klasse):
    toewijzing_nummer: Nummer
    gewenste_ingangsdatum: Datum
    einddatum: Datum | None = None
    omvang: Omvang | None = None
    budget: Budget | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NieuwProduct(Klasse):
    product: Product | None = None
    gewenste_ingangsdatum: Datum
    einddatum: Datum | None = None
    omvang: Omvang | None = None
    budget: Budget | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Verzoek(Klasse):
    referentie_aanbieder: Referentie
    reden_verzoek: Annotated[str, LDTS["LDT_RedenVerzoek"]]
    ongewijzigde_producten: Annotated[
        tuple[OngewijzigdProduct, ...], Wrapped("OngewijzigdProduct")
    ] = ()
    te_wijzigen_producten: Annotated[
        tuple[TeWijzigenProduct, ...], Wrapped("TeWijzigenProduct")
    ] = ()
    nieuwe_producten: Annotated[tuple[NieuwProduct, ...], Wrapped("NieuwProduct")] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Client317(Klasse):
    bsn: Bsn
    verzoek: Verzoek


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo317(Bericht):
    BERICHT: ClassVar[str] = "WMO317"
    CODE: ClassVar[str] = "480"
    header: HeaderVanAanbieder
    client: Client317


@dataclass(frozen=True, slots=True, kw_only=True)
class Antwoord(Klasse):
    referentie_aanbieder: Referentie
    verzoek_antwoord: Annotated[str, LDTS["LDT_VerzoekAntwoord"]]
    reden_afwijzing_verzoek: Annotated[str, LDTS["LDT_RedenAfwijzingVerzoek"]] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo319(Bericht):
    BERICHT: ClassVar[str] = "WMO319"
    CODE: ClassVar[str] = "482"
    header: HeaderVanGemeente
    antwoord: Antwoord


@dataclass(frozen=True, slots=True, kw_only=True)
class AangevraagdProductRetour(AangevraagdProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client316(Client315):
    aangevraagde_producten: Annotated[
        tuple[AangevraagdProductRetour, ...], Wrapped("AangevraagdProduct")
    ]
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo316(Bericht):
    BERICHT: ClassVar[str] = "WMO316"
    CODE: ClassVar[str] = "445"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanAanbieder
    client: Client316 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OngewijzigdProductRetour(OngewijzigdProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class TeWijzigenProductRetour(TeWijzigenProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class NieuwProductRetour(NieuwProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class VerzoekRetour(Verzoek):
    ongewijzigde_producten: Annotated[
        tuple[OngewijzigdProductRetour, ...], Wrapped("OngewijzigdProduct")
    ] = ()
    te_wijzigen_producten: Annotated[
        tuple[TeWijzigenProductRetour, ...], Wrapped("TeWijzigenProduct")
    ] = ()
    nieuwe_producten: Annotated[tuple[NieuwProductRetour, ...], Wrapped("NieuwProduct")] = ()
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client318(Client317):
    verzoek: VerzoekRetour
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo318(Bericht):
    BERICHT: ClassVar[str] = "WMO318"
    CODE: ClassVar[str] = "481"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanAanbieder
    client: Client318 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AntwoordRetour(Antwoord):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo320(Bericht):
    BERICHT: ClassVar[str] = "WMO320"
    CODE: ClassVar[str] = "483"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanGemeente
    antwoord: AntwoordRetour | None = None
