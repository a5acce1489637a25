# ruff: noqa: E501 - generated data; descriptions are kept verbatim on one line.
"""Code lists and datatype facets of iWmo 3.2, generated once from the reference pack.

Sources: the simple types of `xsd/iwmo-3.2/basisschema.xsd` (XSD version 1.0.0),
`codelists/iwmo-3.2/LDT_RetourCode.csv`, `codelists/iwmo-3.2/productcodes-hulpmiddelen-2022.csv`
and `codelists/cbs/gemeentecodes-2026.csv`. Kept as Python data so that the codec needs
nothing outside its package at runtime. Regenerate when the standard or the CBS list changes.
"""

from typing import Final

from iwmo.datatypes import Ldt

LDTS: Final[dict[str, Ldt]] = {
    "LDT_AanduidingWoonadres": Ldt(
        name="LDT_AanduidingWoonadres",
        base="string",
        max_length=2,
        enumeration=frozenset(("AB", "BY", "TO", "WW")),
    ),
    "LDT_AdresSoort": Ldt(
        name="LDT_AdresSoort",
        base="string",
        max_length=2,
        enumeration=frozenset(("01", "02", "03", "04")),
    ),
    "LDT_AgbCode": Ldt(
        name="LDT_AgbCode", base="string", min_length=1, max_length=8, pattern="[0-9]{8}"
    ),
    "LDT_Bedrag": Ldt(name="LDT_Bedrag", base="integer", min_value=0, max_value=99999999),
    "LDT_BerichtCode": Ldt(name="LDT_BerichtCode", base="string", min_length=1, max_length=3),
    "LDT_BerichtSubversie": Ldt(
        name="LDT_BerichtSubversie", base="integer", min_value=0, max_value=99
    ),
    "LDT_BerichtVersie": Ldt(name="LDT_BerichtVersie", base="integer", min_value=0, max_value=99),
    "LDT_Budget": Ldt(name="LDT_Budget", base="integer", min_value=0, max_value=99999999),
    "LDT_BurgerServicenummer": Ldt(
        name="LDT_BurgerServicenummer",
        base="string",
        min_length=1,
        max_length=9,
        pattern="[0-9]{9}",
    ),
    "LDT_Commentaar": Ldt(
        name="LDT_Commentaar", base="string", min_length=1, pattern="([.\\s]*\\S+[.\\s]*)+"
    ),
    "LDT_Communicatievorm": Ldt(
        name="LDT_Communicatievorm",
        base="string",
        max_length=1,
        enumeration=frozenset(("1", "2", "3")),
    ),
    "LDT_Datum": Ldt(name="LDT_Datum", base="date", pattern="[^:Z]*"),
    "LDT_DatumGebruik": Ldt(
        name="LDT_DatumGebruik", base="string", max_length=1, enumeration=frozenset(("1", "2", "3"))
    ),
    "LDT_DebetCredit": Ldt(
        name="LDT_DebetCredit", base="string", max_length=1, enumeration=frozenset(("C", "D"))
    ),
    "LDT_Eenheid": Ldt(
        name="LDT_Eenheid",
        base="string",
        max_length=2,
        enumeration=frozenset(("01", "04", "14", "16", "82", "83", "84")),
    ),
    "LDT_Emailadres": Ldt(
        name="LDT_Emailadres", base="string", min_length=1, max_length=80, pattern=".*[^\\s].*"
    ),
    "LDT_Frequentie": Ldt(
        name="LDT_Frequentie",
        base="string",
        max_length=1,
        enumeration=frozenset(("1", "2", "4", "6")),
    ),
    "LDT_Gemeente": Ldt(name="LDT_Gemeente", base="string", min_length=1, pattern="[0-9]{4}"),
    "LDT_Geslacht": Ldt(
        name="LDT_Geslacht", base="string", max_length=1, enumeration=frozenset(("0", "1", "2"))
    ),
    "LDT_Huisletter": Ldt(
        name="LDT_Huisletter", base="string", min_length=1, max_length=1, pattern=".*[^\\s].*"
    ),
    "LDT_Huisnummer": Ldt(name="LDT_Huisnummer", base="integer", min_value=0, max_value=99999),
    "LDT_HuisnummerToevoeging": Ldt(
        name="LDT_HuisnummerToevoeging",
        base="string",
        min_length=1,
        max_length=4,
        pattern=".*[^\\s].*",
    ),
    "LDT_IdentificatieBericht": Ldt(
        name="LDT_IdentificatieBericht",
        base="string",
        min_length=1,
        max_length=12,
        pattern=".*[^\\s].*",
    ),
    "LDT_IdentificatieDeclaratie": Ldt(
        name="LDT_IdentificatieDeclaratie", base="string", min_length=1, max_length=12
    ),
    "LDT_JaNee": Ldt(
        name="LDT_JaNee", base="string", max_length=1, enumeration=frozenset(("1", "2"))
    ),
    "LDT_JuridischeStatus": Ldt(
        name="LDT_JuridischeStatus",
        base="string",
        max_length=2,
        enumeration=frozenset(("01", "02", "03", "04", "05", "11", "12")),
    ),
    "LDT_LandCode": Ldt(
        name="LDT_LandCode",
        base="string",
        max_length=2,
        enumeration=frozenset(
            (
                "AD",
                "AE",
                "AF",
                "AG",
                "AI",
                "AL",
                "AM",
                "AO",
                "AQ",
                "AR",
                "AS",
                "AT",
                "AU",
                "AW",
                "AX",
                "AZ",
                "BA",
                "BB",
                "BD",
                "BE",
                "BF",
                "BG",
                "BH",
                "BI",
                "BJ",
                "BL",
                "BM",
                "BN",
                "BO",
                "BQ",
                "BR",
                "BS",
                "BT",
                "BV",
                "BW",
                "BY",
                "BZ",
                "CA",
                "CC",
                "CD",
                "CF",
                "CG",
                "CH",
                "CI",
                "CK",
                "CL",
                "CM",
                "CN",
                "CO",
                "CR",
                "CU",
                "CV",
                "CW",
                "CX",
                "CY",
                "CZ",
                "DE",
                "DJ",
                "DK",
                "DM",
                "DO",
                "DZ",
                "EC",
                "EE",
                "EG",
                "EH",
                "ER",
                "ES",
                "ET",
                "FI",
                "FJ",
                "FK",
                "FM",
                "FO",
                "FR",
                "GA",
                "GB",
                "GD",
                "GE",
                "GF",
                "GG",
                "GH",
                "GI",
                "GL",
                "GM",
                "GN",
                "GP",
                "GQ",
                "GR",
                "GS",
                "GT",
                "GU",
                "GW",
                "GY",
                "HK",
                "HM",
                "HN",
                "HR",
                "HT",
                "HU",
                "ID",
                "IE",
                "IL",
                "IM",
                "IN",
                "IO",
                "IQ",
                "IR",
                "IS",
                "IT",
                "JE",
                "JM",
                "JO",
                "JP",
                "KE",
                "KG",
                "KH",
                "KI",
                "KM",
                "KN",
                "KP",
                "KR",
                "KW",
                "KY",
                "KZ",
                "LA",
                "LB",
                "LC",
                "LI",
                "LK",
                "LR",
                "LS",
                "LT",
                "LU",
                "LV",
                "LY",
                "MA",
                "MC",
                "MD",
                "ME",
                "MF",
                "MG",
                "MH",
                "MK",
                "ML",
                "MM",
                "MN",
                "MO",
                "MP",
                "MQ",
                "MR",
                "MS",
                "MT",
                "MU",
                "MV",
                "MW",
                "MX",
                "MY",
                "MZ",
                "NA",
                "NC",
                "NE",
                "NF",
                "NG",
                "NI",
                "NL",
                "NO",
                "NP",
                "NR",
                "NU",
                "NZ",
                "OM",
                "PA",
                "PE",
                "PF",
                "PG",
                "PH",
                "PK",
                "PL",
                "PM",
                "PN",
                "PR",
                "PS",
                "PT",
                "PW",
                "PY",
                "QA",
                "RE",
                "RO",
                "RS",
                "RU",
                "RW",
                "SA",
                "SB",
                "SC",
                "SD",
                "SE",
                "SG",
                "SH",
                "SI",
                "SJ",
                "SK",
                "SL",
                "SM",
                "SN",
                "SO",
                "SR",
                "SS",
                "ST",
                "SV",
                "SX",
                "SY",
                "SZ",
                "TC",
                "TD",
                "TF",
                "TG",
                "TH",
                "TJ",
                "TK",
                "TL",
                "TM",
                "TN",
                "TO",
                "TR",
                "TT",
                "TV",
                "TW",
                "TZ",
                "UA",
                "UG",
                "UM",
                "US",
                "UY",
                "UZ",
                "VA",
                "VC",
                "VE",
                "VG",
                "VI",
                "VN",
                "VU",
                "WF",
                "WS",
                "YE",
                "YT",
                "ZA",
                "ZM",
                "ZW",
            )
        ),
    ),
    "LDT_Landnummer": Ldt(
        name="LDT_Landnummer", base="string", min_length=1, max_length=4, pattern=".*[^\\s].*"
    ),
    "LDT_Naam": Ldt(
        name="LDT_Naam", base="string", min_length=1, max_length=200, pattern=".*[^\\s].*"
    ),
    "LDT_NaamGebruik": Ldt(
        name="LDT_NaamGebruik",
        base="string",
        max_length=1,
        enumeration=frozenset(("1", "2", "3", "4", "5", "6")),
    ),
    "LDT_NaamVerwijzer": Ldt(
        name="LDT_NaamVerwijzer", base="string", min_length=1, max_length=64, pattern=".*[^\\s].*"
    ),
    "LDT_Nummer": Ldt(name="LDT_Nummer", base="integer", min_value=0, max_value=999999999),
    "LDT_Organisatienaam": Ldt(
        name="LDT_Organisatienaam", base="string", min_length=1, max_length=35, pattern=".*[^\\s].*"
    ),
    "LDT_Persoonsid": Ldt(
        name="LDT_Persoonsid", base="string", min_length=1, max_length=20, pattern=".*[^\\s].*"
    ),
    "LDT_Plaatsnaam": Ldt(
        name="LDT_Plaatsnaam", base="string", min_length=1, max_length=80, pattern=".*[^\\s].*"
    ),
    "LDT_Postcode": Ldt(
        name="LDT_Postcode", base="string", min_length=1, max_length=8, pattern=".*[^\\s].*"
    ),
    "LDT_ProductCategorie": Ldt(
        name="LDT_ProductCategorie",
        base="string",
        max_length=2,
        enumeration=frozenset(
            (
                "01",
                "02",
                "03",
                "04",
                "05",
                "06",
                "07",
                "08",
                "09",
                "10",
                "11",
                "12",
                "13",
                "14",
                "15",
                "16",
                "17",
                "18",
            )
        ),
    ),
    "LDT_ProductCode": Ldt(
        name="LDT_ProductCode", base="string", min_length=1, max_length=5, pattern=".*[^\\s].*"
    ),
    "LDT_RedenAfwijzingVerzoek": Ldt(
        name="LDT_RedenAfwijzingVerzoek",
        base="string",
        max_length=2,
        enumeration=frozenset(("1", "2", "3", "4", "5", "6", "7", "8", "9")),
    ),
    "LDT_RedenBeeindiging": Ldt(
        name="LDT_RedenBeeindiging",
        base="string",
        max_length=2,
        enumeration=frozenset(("02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39")),
    ),
    "LDT_RedenVerzoek": Ldt(
        name="LDT_RedenVerzoek", base="string", max_length=1, enumeration=frozenset(("1", "2"))
    ),
    "LDT_RedenWijziging": Ldt(
        name="LDT_RedenWijziging",
        base="string",
        max_length=2,
        enumeration=frozenset(
            ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14")
        ),
    ),
    "LDT_Referentie": Ldt(
        name="LDT_Referentie", base="string", min_length=1, max_length=36, pattern=".*[^\\s].*"
    ),
    "LDT_ReferentieNummer": Ldt(
        name="LDT_ReferentieNummer", base="string", min_length=1, max_length=20
    ),
    "LDT_RelatieVolgorde": Ldt(
        name="LDT_RelatieVolgorde", base="integer", min_value=0, max_value=99
    ),
    "LDT_RetourCode": Ldt(
        name="LDT_RetourCode",
        base="string",
        max_length=4,
        enumeration=frozenset(
            (
                "0001",
                "0200",
                "0233",
                "0611",
                "8001",
                "8017",
                "8021",
                "8187",
                "8214",
                "8848",
                "9019",
                "9056",
                "9063",
                "9069",
                "9071",
                "9074",
                "9307",
                "9308",
                "9319",
                "9321",
                "9322",
                "9326",
                "9332",
                "9333",
                "9338",
                "9339",
                "9340",
                "9341",
                "9346",
                "9347",
                "9349",
                "9350",
                "9351",
                "9355",
                "9357",
                "9359",
                "9360",
                "9361",
                "9365",
                "9366",
                "9367",
                "9369",
                "9373",
                "9374",
                "9375",
                "9379",
                "9384",
                "9385",
                "9387",
                "9388",
                "9389",
                "9390",
                "9411",
                "9412",
                "9413",
                "9414",
                "9415",
                "S300",
                "S329",
            )
        ),
    ),
    "LDT_SoortRelatie": Ldt(
        name="LDT_SoortRelatie",
        base="string",
        max_length=2,
        enumeration=frozenset(
            (
                "03",
                "04",
                "05",
                "06",
                "07",
                "08",
                "09",
                "10",
                "11",
                "12",
                "13",
                "14",
                "15",
                "16",
                "17",
                "18",
                "19",
                "20",
                "21",
                "22",
                "23",
                "24",
                "25",
            )
        ),
    ),
    "LDT_StatusAanlevering": Ldt(
        name="LDT_StatusAanlevering",
        base="string",
        max_length=1,
        enumeration=frozenset(("1", "2", "3", "9")),
    ),
    "LDT_Straatnaam": Ldt(
        name="LDT_Straatnaam", base="string", min_length=1, max_length=24, pattern=".*[^\\s].*"
    ),
    "LDT_Taal": Ldt(
        name="LDT_Taal", base="string", min_length=1, max_length=25, pattern=".*[^\\s].*"
    ),
    "LDT_Telefoonnummer": Ldt(
        name="LDT_Telefoonnummer", base="string", min_length=1, max_length=15, pattern="[0-9]*"
    ),
    "LDT_Tijd": Ldt(name="LDT_Tijd", base="time", pattern="[^Z+-]+"),
    "LDT_TotaalBedrag": Ldt(
        name="LDT_TotaalBedrag", base="integer", min_value=0, max_value=999999999999
    ),
    "LDT_TypeVerwijzer": Ldt(
        name="LDT_TypeVerwijzer",
        base="string",
        max_length=2,
        enumeration=frozenset(("01", "02", "03", "04", "05", "06", "08")),
    ),
    "LDT_Versie": Ldt(
        name="LDT_Versie",
        base="string",
        min_length=1,
        pattern="(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)",
    ),
    "LDT_VerzoekAntwoord": Ldt(
        name="LDT_VerzoekAntwoord", base="string", max_length=1, enumeration=frozenset(("1", "2"))
    ),
    "LDT_Volume": Ldt(name="LDT_Volume", base="integer", min_value=0, max_value=99999999),
    "LDT_Voorletters": Ldt(
        name="LDT_Voorletters", base="string", min_length=1, max_length=6, pattern="([a-zA-ZÀ-ỳ])+"
    ),
    "LDT_Voorvoegsel": Ldt(
        name="LDT_Voorvoegsel", base="string", min_length=1, max_length=10, pattern=".*[^\\s].*"
    ),
    "LDT_WettelijkeVertegenwoordiging": Ldt(
        name="LDT_WettelijkeVertegenwoordiging",
        base="string",
        max_length=2,
        enumeration=frozenset(("06", "07", "08", "09", "10")),
    ),
}

RETOURCODES: Final[dict[str, str]] = {
    "0001": "Bericht is afgekeurd om technische redenen.",
    "0200": "Geen opmerking over deze berichtklasse.",
    "0233": "Berichtklasse is niet beoordeeld.",
    "0611": "Het ingediende tarief komt niet overeen met het contractuele tarief",
    "8001": "Declaratie is volledig toegewezen.",
    "8017": "Van deze credit prestatie is geen debet prestatie bekend.",
    "8021": "Referentienummer prestatie is reeds aangeleverd.",
    "8187": "De prestatie hoort niet bij deze client.",
    "8214": "DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode terwijl iedere declaratieperiode zorg geleverd is.",
    "8848": "Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.",
    "9019": "Het regie bericht kan niet gekoppeld worden aan een toewijzing.",
    "9056": "Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
    "9063": "Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is.",
    "9069": "Er is geen actueel startbericht met dezelfde sleutel.",
    "9071": "Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is",
    "9074": "Er is al een eerder bericht ontvangen met dezelfde sleutel.",
    "9307": "Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
    "9308": "Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing",
    "9319": "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode.",
    "9321": "Het ingediende volume overschrijdt het toegewezen volume.",
    "9322": "De som van de ingediende volumes overschrijdt het toegewezen volume",
    "9326": "De actuele levering is nog niet gestopt met een Stopbericht.",
    "9332": "Toewijzing heeft geen uniek nummer binnen wettelijk domein.",
    "9333": "Declaratienummer is niet uniek",
    "9338": "Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product op basis van het toewijzingnummer",
    "9339": "ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct.",
    "9340": "ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct.",
    "9341": "Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct",
    "9346": "Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief.",
    "9347": "ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein",
    "9349": "Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct",
    "9350": "OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer.",
    "9351": "TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer.",
    "9355": "ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging",
    "9357": "GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct.",
    "9359": "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
    "9360": "Er is al een antwoordbericht met deze ReferentieAanbieder, terwijl antwoordbericht in VerzoekAntwoord waarde 2 (aanvraag in onderzoek) heeft.",
    "9361": "Het product komt vaker voor met overlappende zorgperiodes.",
    "9365": "Er is al een antwoordbericht met dezelfde ReferentieAanbieder waar VerzoekAntwoord niet de waarde 'Aanvraag in onderzoek' heeft.",
    "9366": "ProductReferentie komt niet voor in een Declaratiebericht",
    "9367": "De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie",
    "9369": "Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen niet binnen het toegewezen Budget.",
    "9373": "Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing",
    "9374": "Er is al een verzoek onderhanden.",
    "9375": "Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is",
    "9379": "ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld",
    "9384": 'Declaratie op toewijzing met RedenWijziging "13" (Verwijderd)',
    "9385": "Toewijzing heeft goedgekeurde declaratieregels",
    "9387": "Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand",
    "9388": "Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand.",
    "9389": "Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie",
    "9390": "Er is al een Prestatie met gelijk ProductReferentie met waarde Credit",
    "9411": "Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is.",
    "9412": "Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is",
    "9413": "StatusAanlevering is waarde 1 of 2 en RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is.",
    "9414": "Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum",
    "9415": "Er is al een StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 en StatusAanlevering heeft waarde 1 of 2.",
    "S300": "Gemeentecode komt niet voor in de lijst van CBS.",
    "S329": "ProductCode hoort niet bij de ProductCategorie.",
}

# CBS municipal division of 1 January 2026.
GEMEENTECODES: Final[frozenset[str]] = frozenset(
    {
        "1680",  # Aa en Hunze
        "0358",  # Aalsmeer
        "0197",  # Aalten
        "0059",  # Achtkarspelen
        "0482",  # Alblasserdam
        "0613",  # Albrandswaard
        "0361",  # Alkmaar
        "0141",  # Almelo
        "0034",  # Almere
        "0484",  # Alphen aan den Rijn
        "1723",  # Alphen-Chaam
        "1959",  # Altena
        "0060",  # Ameland
        "0307",  # Amersfoort
        "0362",  # Amstelveen
        "0363",  # Amsterdam
        "0200",  # Apeldoorn
        "0202",  # Arnhem
        "0106",  # Assen
        "0743",  # Asten
        "0744",  # Baarle-Nassau
        "0308",  # Baarn
        "0489",  # Barendrecht
        "0203",  # Barneveld
        "0888",  # Beek (L.)
        "1954",  # Beekdaelen
        "0889",  # Beesel
        "1945",  # Berg en Dal
        "1724",  # Bergeijk
        "0893",  # Bergen (L.)
        "0373",  # Bergen (NH.)
        "0748",  # Bergen op Zoom
        "1859",  # Berkelland
        "1721",  # Bernheze
        "0753",  # Best
        "0209",  # Beuningen
        "0375",  # Beverwijk
        "0310",  # De Bilt
        "1728",  # Bladel
        "0376",  # Blaricum
        "0377",  # Bloemendaal
        "1901",  # Bodegraven-Reeuwijk
        "0755",  # Boekel
        "1681",  # Borger-Odoorn
        "0147",  # Borne
        "0654",  # Borsele
        "0757",  # Boxtel
        "0758",  # Breda
        "1876",  # Bronckhorst
        "0213",  # Brummen
        "0899",  # Brunssum
        "0312",  # Bunnik
        "0313",  # Bunschoten
        "0214",  # Buren
        "0502",  # Capelle aan den IJssel
        "0383",  # Castricum
        "0109",  # Coevorden
        "1706",  # Cranendonck
        "0216",  # Culemborg
        "0148",  # Dalfsen
        "1891",  # Dantumadiel
        "0503",  # Delft
        "0762",  # Deurne
        "0150",  # Deventer
        "0384",  # Diemen
        "1980",  # Dijk en Waard
        "1774",  # Dinkelland
        "0221",  # Doesburg
        "0222",  # Doetinchem
        "0766",  # Dongen
        "0505",  # Dordrecht
        "0498",  # Drechterland
        "1719",  # Drimmelen
        "0303",  # Dronten
        "0225",  # Druten
        "0226",  # Duiven
        "1711",  # Echt-Susteren
        "0385",  # Edam-Volendam
        "0228",  # Ede
        "0317",  # Eemnes
        "1979",  # Eemsdelta
        "0770",  # Eersel
        "1903",  # Eijsden-Margraten
        "0772",  # Eindhoven
        "0230",  # Elburg
        "0114",  # Emmen
        "0388",  # Enkhuizen
        "0153",  # Enschede
        "0232",  # Epe
        "0233",  # Ermelo
        "0777",  # Etten-Leur
        "1940",  # De Fryske Marren
        "0779",  # Geertruidenberg
        "1771",  # Geldrop-Mierlo
        "1652",  # Gemert-Bakel
        "0907",  # Gennep
        "0784",  # Gilze en Rijen
        "1924",  # Goeree-Overflakkee
        "0664",  # Goes
        "0785",  # Goirle
        "1942",  # Gooise Meren
        "0512",  # Gorinchem
        "0513",  # Gouda
        "0518",  # 's-Gravenhage
        "0014",  # Groningen
        "1729",  # Gulpen-Wittem
        "0158",  # Haaksbergen
        "0392",  # Haarlem
        "0394",  # Haarlemmermeer
        "1655",  # Halderberge
        "0160",  # Hardenberg
        "0243",  # Harderwijk
        "0523",  # Hardinxveld-Giessendam
        "0072",  # Harlingen
        "0244",  # Hattem
        "0396",  # Heemskerk
        "0397",  # Heemstede
        "0246",  # Heerde
        "0074",  # Heerenveen
        "0917",  # Heerlen
        "1658",  # Heeze-Leende
        "0399",  # Heiloo
        "0400",  # Den Helder
        "0163",  # Hellendoorn
        "0794",  # Helmond
        "0531",  # Hendrik-Ido-Ambacht
        "0164",  # Hengelo (O.)
        "0796",  # 's-Hertogenbosch
        "0252",  # Heumen
        "0797",  # Heusden
        "0534",  # Hillegom
        "0798",  # Hilvarenbeek
        "0402",  # Hilversum
        "1963",  # Hoeksche Waard
        "1735",  # Hof van Twente
        "1966",  # Het Hogeland
        "1911",  # Hollands Kroon
        "0118",  # Hoogeveen
        "0405",  # Hoorn
        "1507",  # Horst aan de Maas
        "0321",  # Houten
        "0406",  # Huizen
        "0677",  # Hulst
        "0353",  # IJsselstein
        "1884",  # Kaag en Braassem
        "0166",  # Kampen
        "0678",  # Kapelle
        "0537",  # Katwijk
        "0928",  # Kerkrade
        "1598",  # Koggenland
        "0542",  # Krimpen aan den IJssel
        "1931",  # Krimpenerwaard
        "1659",  # Laarbeek
        "1982",  # Land van Cuijk
        "0882",  # Landgraaf
        "0415",  # Landsmeer
        "1621",  # Lansingerland
        "0417",  # Laren (NH.)
        "0080",  # Leeuwarden
        "0546",  # Leiden
        "0547",  # Leiderdorp
        "1916",  # Leidschendam-Voorburg
        "0995",  # Lelystad
        "1640",  # Leudal
        "0327",  # Leusden
        "1705",  # Lingewaard
        "0553",  # Lisse
        "0262",  # Lochem
        "0809",  # Loon op Zand
        "0331",  # Lopik
        "0168",  # Losser
        "0263",  # Maasdriel
        "1641",  # Maasgouw
        "1991",  # Maashorst
        "0556",  # Maassluis
        "0935",  # Maastricht
        "0420",  # Medemblik
        "0938",  # Meerssen
        "1948",  # Meierijstad
        "0119",  # Meppel
        "0687",  # Middelburg (Z.)
        "1842",  # Midden-Delfland
        "1731",  # Midden-Drenthe
        "1952",  # Midden-Groningen
        "1709",  # Moerdijk
        "1978",  # Molenlanden
        "1955",  # Montferland
        "0335",  # Montfoort
        "0944",  # Mook en Middelaar
        "1740",  # Neder-Betuwe
        "0946",  # Nederweert
        "0356",  # Nieuwegein
        "0569",  # Nieuwkoop
        "0267",  # Nijkerk
        "0268",  # Nijmegen
        "1930",  # Nissewaard
        "1970",  # Noardeast-Fryslân
        "1695",  # Noord-Beveland
        "1699",  # Noordenveld
        "0171",  # Noordoostpolder
        "0575",  # Noordwijk
        "0820",  # Nuenen, Gerwen en Nederwetten
        "0302",  # Nunspeet
        "0579",  # Oegstgeest
        "0823",  # Oirschot
        "0824",  # Oisterwijk
        "1895",  # Oldambt
        "0269",  # Oldebroek
        "0173",  # Oldenzaal
        "1773",  # Olst-Wijhe
        "0175",  # Ommen
        "1586",  # Oost Gelre
        "0826",  # Oosterhout
        "0085",  # Ooststellingwerf
        "0431",  # Oostzaan
        "0432",  # Opmeer
        "0086",  # Opsterland
        "0828",  # Oss
        "1509",  # Oude IJsselstreek
        "0437",  # Ouder-Amstel
        "0589",  # Oudewater
        "1734",  # Overbetuwe
        "0590",  # Papendrecht
        "1894",  # Peel en Maas
        "0765",  # Pekela
        "1926",  # Pijnacker-Nootdorp
        "0439",  # Purmerend
        "0273",  # Putten
        "0177",  # Raalte
        "0703",  # Reimerswaal
        "0274",  # Renkum
        "0339",  # Renswoude
        "1667",  # Reusel-De Mierden
        "0275",  # Rheden
        "0340",  # Rhenen
        "0597",  # Ridderkerk
        "1742",  # Rijssen-Holten
        "0603",  # Rijswijk (ZH.)
        "1669",  # Roerdalen
        "0957",  # Roermond
        "0736",  # De Ronde Venen
        "1674",  # Roosendaal
        "0599",  # Rotterdam
        "0277",  # Rozendaal
        "0840",  # Rucphen
        "0441",  # Schagen
        "0279",  # Scherpenzeel
        "0606",  # Schiedam
        "0088",  # Schiermonnikoog
        "1676",  # Schouwen-Duiveland
        "0965",  # Simpelveld
        "0845",  # Sint-Michielsgestel
        "1883",  # Sittard-Geleen
        "0610",  # Sliedrecht
        "1714",  # Sluis
        "0090",  # Smallingerland
        "0342",  # Soest
        "0847",  # Someren
        "0848",  # Son en Breugel
        "0037",  # Stadskanaal
        "0180",  # Staphorst
        "0532",  # Stede Broec
        "0851",  # Steenbergen
        "1708",  # Steenwijkerland
        "0971",  # Stein (L.)
        "1904",  # Stichtse Vecht
        "1900",  # Súdwest-Fryslân
        "0715",  # Terneuzen
        "0093",  # Terschelling
        "0448",  # Texel
        "1525",  # Teylingen
        "0716",  # Tholen
        "0281",  # Tiel
        "0855",  # Tilburg
        "0183",  # Tubbergen
        "1700",  # Twenterand
        "1730",  # Tynaarlo
        "0737",  # Tytsjerksteradiel
        "0450",  # Uitgeest
        "0451",  # Uithoorn
        "0184",  # Urk
        "0344",  # Utrecht
        "1581",  # Utrechtse Heuvelrug
        "0981",  # Vaals
        "0994",  # Valkenburg aan de Geul
        "0858",  # Valkenswaard
        "0047",  # Veendam
        "0345",  # Veenendaal
        "0717",  # Veere
        "0861",  # Veldhoven
        "0453",  # Velsen
        "0983",  # Venlo
        "0984",  # Venray
        "1961",  # Vijfheerenlanden
        "0622",  # Vlaardingen
        "0096",  # Vlieland
        "0718",  # Vlissingen
        "0986",  # Voerendaal
        "1992",  # Voorne aan Zee
        "0626",  # Voorschoten
        "0285",  # Voorst
        "0865",  # Vught
        "1949",  # Waadhoeke
        "0866",  # Waalre
        "0867",  # Waalwijk
        "0627",  # Waddinxveen
        "0289",  # Wageningen
        "0629",  # Wassenaar
        "0852",  # Waterland
        "0988",  # Weert
        "1960",  # West Betuwe
        "0668",  # West Maas en Waal
        "1969",  # Westerkwartier
        "1701",  # Westerveld
        "0293",  # Westervoort
        "1950",  # Westerwolde
        "1783",  # Westland
        "0098",  # Weststellingwerf
        "0189",  # Wierden
        "0296",  # Wijchen
        "1696",  # Wijdemeren
        "0352",  # Wijk bij Duurstede
        "0294",  # Winterswijk
        "0873",  # Woensdrecht
        "0632",  # Woerden
        "1690",  # De Wolden
        "0880",  # Wormerland
        "0351",  # Woudenberg
        "0479",  # Zaanstad
        "0297",  # Zaltbommel
        "0473",  # Zandvoort
        "0050",  # Zeewolde
        "0355",  # Zeist
        "0299",  # Zevenaar
        "0637",  # Zoetermeer
        "0638",  # Zoeterwoude
        "1892",  # Zuidplas
        "0879",  # Zundert
        "0301",  # Zutphen
        "1896",  # Zwartewaterland
        "0642",  # Zwijndrecht
        "0193",  # Zwolle
    }
)

# The national product code list (021) for aids, 2022; the only part of it in the pack.
PRODUCTCODES_HULPMIDDELEN: Final[dict[str, frozenset[str]]] = {
    "11": frozenset(
        (
            "11X00",
            "11X01",
            "11X02",
            "11X03",
            "11X04",
            "11X05",
            "11X06",
            "11X10",
            "11X11",
            "11X12",
            "11X13",
            "11X20",
            "11X21",
            "11X22",
            "11X30",
            "11X31",
            "11X32",
            "11X33",
            "11X34",
            "11X35",
            "11X36",
            "11X37",
            "11X38",
            "11X40",
            "11X41",
            "11X42",
            "11X50",
            "11X51",
            "11X52",
            "11X53",
            "11X54",
            "11X60",
            "11X61",
            "11X95",
            "11X96",
            "11X97",
            "11X99",
        )
    ),
    "12": frozenset(
        (
            "12X00",
            "12X01",
            "12X02",
            "12X03",
            "12X04",
            "12X05",
            "12X06",
            "12X07",
            "12X08",
            "12X10",
            "12X11",
            "12X12",
            "12X13",
            "12X14",
            "12X15",
            "12X16",
            "12X20",
            "12X21",
            "12X22",
            "12X23",
            "12X30",
            "12X31",
            "12X32",
            "12X33",
            "12X34",
            "12X40",
            "12X41",
            "12X42",
            "12X50",
            "12X51",
            "12X60",
            "12X61",
            "12X62",
            "12X63",
            "12X64",
            "12X95",
            "12X96",
            "12X97",
            "12X99",
        )
    ),
    "13": frozenset(
        (
            "13X00",
            "13X01",
            "13X02",
            "13X03",
            "13X04",
            "13X05",
            "13X06",
            "13X10",
            "13X11",
            "13X12",
            "13X13",
            "13X14",
            "13X15",
            "13X16",
            "13X17",
            "13X18",
            "13X19",
            "13X20",
            "13X21",
            "13X22",
            "13X23",
            "13X24",
            "13X25",
            "13X26",
            "13X27",
            "13X28",
            "13X30",
            "13X31",
            "13X32",
            "13X33",
            "13X34",
            "13X35",
            "13X36",
            "13X37",
            "13X38",
            "13X39",
            "13X40",
            "13X41",
            "13X42",
            "13X43",
            "13X44",
            "13X45",
            "13X50",
            "13X51",
            "13X52",
            "13X53",
            "13X60",
            "13X61",
            "13X62",
            "13X95",
            "13X96",
            "13X97",
            "13X99",
        )
    ),
}
