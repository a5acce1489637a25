"""WMO305 Startbericht, WMO307 Stopbericht and their retours WMO306/WMO308 (derived)."""

from dataclasses import dataclass
from typing import Annotated, ClassVar

from iwmo.codelists import LDTS
from iwmo.models.basis import (
    Bericht,
    Bsn,
    Datum,
    Geboortedatum,
    Geslacht,
    HeaderVanAanbieder,
    Klasse,
    Nummer,
    Product,
    RetourCodes,
    RetourHeaderVanAanbieder,
    StatusAanlevering,
    VerkorteNaam,
    Wrapped,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class StartProduct(Klasse):
    toewijzing_nummer: Nummer | None = None
    product: Product | None = None
    toewijzing_ingangsdatum: Datum | None = None
    begindatum: Datum
    status_aanlevering: StatusAanlevering


@dataclass(frozen=True, slots=True, kw_only=True)
class StopProduct(Klasse):
    toewijzing_nummer: Nummer | None = None
    product: Product | None = None
    toewijzing_ingangsdatum: Datum | None = None
    begindatum: Datum
    reden_beeindiging: Annotated[str, LDTS["LDT_RedenBeeindiging"]]
    einddatum: Datum
    status_aanlevering: StatusAanlevering


@dataclass(frozen=True, slots=True, kw_only=True)
class Client305(Klasse):
    bsn: Bsn
    geboortedatum: Geboortedatum
    geslacht: Geslacht
    naam: VerkorteNaam
    start_producten: Annotated[tuple[StartProduct, ...], Wrapped("StartProduct")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Client307(Klasse):
    bsn: Bsn
    geboortedatum: Geboortedatum
    geslacht: Geslacht
    naam: VerkorteNaam
    stop_producten: Annotated[tuple[StopProduct, ...], Wrapped("StopProduct")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo305(Bericht):
    BERICHT: ClassVar[str] = "WMO305"
    CODE: ClassVar[str] = "418"
    header: HeaderVanAanbieder
    client: Client305


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo307(Bericht):
    BERICHT: ClassVar[str] = "WMO307"
    CODE: ClassVar[str] = "420"
    header: HeaderVanAanbieder
    client: Client307


@dataclass(frozen=True, slots=True, kw_only=True)
class StartProductRetour(StartProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class StopProductRetour(StopProduct):
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client306(Client305):
    start_producten: Annotated[tuple[StartProductRetour, ...], Wrapped("StartProduct")]
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Client308(Client307):
    stop_producten: Annotated[tuple[StopProductRetour, ...], Wrapped("StopProduct")]
    retour_codes: RetourCodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo306(Bericht):
    BERICHT: ClassVar[str] = "WMO306"
    CODE: ClassVar[str] = "419"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanAanbieder
    client: Client306 | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Wmo308(Bericht):
    BERICHT: ClassVar[str] = "WMO308"
    CODE: ClassVar[str] = "421"
    DERIVED: ClassVar[bool] = True
    header: RetourHeaderVanAanbieder
    client: Client308 | None = None
