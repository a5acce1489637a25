"""What the decision letter says, in words, independent of its layout: the decision per
indicatie (Awb 1:3), granted or refused, its grounds (Awb 3:46, 3:47), product, omvang, period
and who delivers (Wmo 2015 art. 2.3.5), the eigen bijdrage through the CAK (Wmo 2015 art.
2.1.4), and where and until when to object (Awb 3:45, 6:7, 6:8). PDF and HTML lay out the
same `Brief`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from wmo_access.beschikkingen.brief.sjablonen import Briefsjabloon

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
# iWmo ProductCategorie (WMO020), as the code list words it.
PRODUCTCATEGORIEEN = {
    "01": "Hulp bij het huishouden",
    "02": "Begeleiding",
    "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf",
    "05": "Woondiensten",
    "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
    "07": "Dagbesteding",
    "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerkarrangementen",
    "11": "Rolstoelen",
    "12": "Vervoervoorzieningen",
    "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen",
    "16": "Opvang",
    "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}
# iWmo Eenheid (WJ756) as (one, several), and Frequentie (WMO757).
EENHEDEN = {
    "01": ("minuut", "minuten"),
    "04": ("uur", "uur"),
    "14": ("etmaal", "etmalen"),
    "16": ("dagdeel (4 uur)", "dagdelen (van 4 uur)"),
    "82": ("stuk", "stuks"),
    "83": ("euro", "euro"),
    "84": ("stuk", "stuks"),
}
FREQUENTIES = {
    "1": "per dag",
    "2": "per week",
    "4": "per maand",
    "6": "in totaal over de hele periode",
}
# Awb 6:7 and 6:8: six weeks, from the day after the letter was sent.
BEZWAARTERMIJN = timedelta(weeks=6)


def datum(dag: date) -> str:
    """12 maart 2026."""
    return f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}"


def bedrag(cents: int) -> str:
    """€ 1.234,56."""
    euros = f"{Decimal(cents) / 100:,.2f}"
    return "€ " + euros.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Adres:
    straat: str
    postcode_plaats: str


@dataclass(frozen=True)
class Geadresseerde:
    """Whom the letter is for; `geslacht` is the iWmo code (1 man, 2 vrouw, 0 onbekend)."""

    voorletters: str
    voorvoegsel: str | None
    achternaam: str
    geslacht: str
    adres: Adres | None


@dataclass(frozen=True)
class Besluitregel:
    """One indicatie of the beschikking: what was decided, for what, how much, when, by whom."""

    besluit: str
    product: str
    omvang: str
    periode: str
    levering: str


@dataclass(frozen=True)
class Sectie:
    kop: str
    alineas: tuple[str, ...]
    opsomming: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    sjabloon: Briefsjabloon
    adresregels: tuple[str, ...]
    kenmerken: tuple[tuple[str, str], ...]
    aanhef: str
    inleiding: str
    besluiten: tuple[Besluitregel, ...]
    secties: tuple[Sectie, ...]
    afsluiting: tuple[str, ...]
    bestandsnaam: str


@dataclass(frozen=True)
class Indicatieregel:
    """An indicatie as the letter needs it, with the aanbieder that delivers it (if assigned)."""

    product_categorie: str
    product_code: str | None
    intensiteit: str | None
    omvang_volume: int | None
    omvang_eenheid: str | None
    omvang_frequentie: str | None
    budget_cents: int | None
    ingangsdatum: date
    einddatum: date | None
    leveringsvorm: str
    aanbieder: str | None
    besluit: str = "toegekend"
    grond: str | None = None


@dataclass(frozen=True)
class Gronden:
    """What the decision rests on: the onderzoek (kitchen-table talk) and the plan."""

    onderzoek_datum: date | None
    conclusie: str | None
    eigen_netwerk: str | None
    algemene_voorzieningen: str | None
    plan_datum: date | None
    resultaten: tuple[str, ...]


@dataclass(frozen=True)
class Besluitgegevens:
    beschikkingnummer: str
    afgiftedatum: date
    aanvraagdatum: date | None
    vervangt: tuple[str, date | None] | None
    geadresseerde: Geadresseerde
    indicaties: tuple[Indicatieregel, ...]
    gronden: Gronden


def naam(persoon: Geadresseerde) -> str:
    """J.M. de Vries."""
    return " ".join(p for p in (persoon.voorletters, persoon.voorvoegsel, persoon.achternaam) if p)


def _aanhef(persoon: Geadresseerde) -> str:
    achternaam = " ".join(p for p in (persoon.voorvoegsel, persoon.achternaam) if p)
    achternaam = achternaam[:1].upper() + achternaam[1:]
    titel = {"1": "heer", "2": "mevrouw"}.get(persoon.geslacht)
    return f"Geachte {titel} {achternaam}," if titel else f"Geachte {naam(persoon)},"


def product(regel: Indicatieregel) -> str:
    """Begeleiding (categorie 02), productcode 02A01, intensiteit 2."""
    omschrijving = PRODUCTCATEGORIEEN.get(regel.product_categorie, "Maatwerkvoorziening")
    delen = [f"{omschrijving} (categorie {regel.product_categorie})"]
    if regel.product_code:
        delen.append(f"productcode {regel.product_code}")
    if regel.intensiteit:
        delen.append(f"intensiteit {regel.intensiteit}")
    return ", ".join(delen)


def omvang(regel: Indicatieregel) -> str:
    """4 uur per week; or a budget for the period."""
    if regel.omvang_volume is None:
        return f"een budget van {bedrag(regel.budget_cents or 0)} voor de hele periode"
    een, meer = EENHEDEN.get(regel.omvang_eenheid or "", ("eenheid", "eenheden"))
    frequentie = FREQUENTIES.get(regel.omvang_frequentie or "", "")
    if regel.omvang_eenheid == "83":
        return f"{bedrag(regel.omvang_volume * 100)} {frequentie}".strip()
    woord = een if regel.omvang_volume == 1 else meer
    return f"{regel.omvang_volume} {woord} {frequentie}".strip()


def periode(regel: Indicatieregel) -> str:
    if regel.einddatum is None:
        return f"vanaf {datum(regel.ingangsdatum)}, zonder einddatum"
    return f"van {datum(regel.ingangsdatum)} tot en met {datum(regel.einddatum)}"


def levering(regel: Indicatieregel) -> str:
    if regel.leveringsvorm == "pgb":
        budget = f" van {bedrag(regel.budget_cents)}" if regel.budget_cents is not None else ""
        return (
            f"Persoonsgebonden budget (pgb){budget}: u koopt de ondersteuning zelf in; de "
            "Sociale Verzekeringsbank (SVB) beheert het budget en betaalt uw zorgverleners."
        )
    if regel.aanbieder:
        return f"Zorg in natura, geleverd door {regel.aanbieder}."
    return "Zorg in natura door een gecontracteerde aanbieder; wij laten u weten welke."


def _besluitregel(regel: Indicatieregel) -> Besluitregel:
    """A granted line with its omvang, period and who delivers; a refused one names only the
    product asked for and from when (its grond is in the grounds)."""
    if regel.besluit == "afgewezen":
        return Besluitregel(
            besluit="Afgewezen",
            product=afgewezen_product(regel),
            omvang="-",
            periode=f"met ingang van {datum(regel.ingangsdatum)}",
            levering="-",
        )
    return Besluitregel(
        besluit="Toegekend",
        product=product(regel),
        omvang=omvang(regel),
        periode=periode(regel),
        levering=levering(regel),
    )


def afgewezen_product(regel: Indicatieregel) -> str:
    """The product asked for, and that it was asked as a pgb when it was."""
    gevraagd = product(regel)
    return f"{gevraagd}, aangevraagd als pgb" if regel.leveringsvorm == "pgb" else gevraagd


def _zin(tekst: str) -> str:
    tekst = tekst.strip()
    return tekst if tekst.endswith((".", "!", "?")) else f"{tekst}."


def _afwijzingen(gegevens: Besluitgegevens) -> list[str]:
    """Per refused line what was asked for and why it is refused (Awb 3:46)."""
    return [
        f"Wij wijzen af: {afgewezen_product(regel)}. Reden: {_zin(regel.grond or '')}"
        for regel in gegevens.indicaties
        if regel.besluit == "afgewezen"
    ]


def _inleiding(gegevens: Besluitgegevens, aanleiding: str) -> str:
    """The decision in one sentence when it refuses: wholly, or in part."""
    besluiten = {regel.besluit for regel in gegevens.indicaties}
    grondslag = f"{aanleiding} op grond van de Wet maatschappelijke ondersteuning 2015 (Wmo)."
    if "afgewezen" not in besluiten:
        return (
            f"{grondslag} In deze brief leest u ons besluit, waarop het berust en wat u kunt "
            "doen als u het er niet mee eens bent."
        )
    if "toegekend" not in besluiten:
        return (
            f"{grondslag} Wij wijzen uw aanvraag af. In deze brief leest u waarom, en wat u "
            "kunt doen als u het er niet mee eens bent."
        )
    return (
        f"{grondslag} Wij kennen een deel van uw aanvraag toe en wijzen een deel af. In deze "
        "brief leest u ons besluit, waarop het berust en wat u kunt doen als u het er niet mee "
        "eens bent."
    )


def _gronden(gegevens: Besluitgegevens) -> Sectie:
    gronden = gegevens.gronden
    alineas: list[str] = []
    if gronden.onderzoek_datum is not None:
        alineas.append(
            f"Op {datum(gronden.onderzoek_datum)} hebben wij met u onderzocht wat u nodig heeft "
            "(het keukentafelgesprek)."
        )
    if gronden.eigen_netwerk:
        alineas.append(f"Wat uw eigen netwerk kan doen: {gronden.eigen_netwerk}")
    if gronden.algemene_voorzieningen:
        alineas.append(
            f"Welke algemene voorzieningen wij overwogen: {gronden.algemene_voorzieningen}"
        )
    if gronden.conclusie:
        alineas.append(f"Onze conclusie: {gronden.conclusie}")
    if not alineas:
        alineas.append(
            "Dit besluit volgt op het verzoek van uw zorgaanbieder om u deze ondersteuning toe "
            "te wijzen; wij hebben dat verzoek getoetst aan de regels van de gemeente."
        )
    alineas += _afwijzingen(gegevens)
    if gronden.plan_datum is not None:
        alineas.append(
            f"In het ondersteuningsplan van {datum(gronden.plan_datum)} staan de resultaten die "
            "u met deze ondersteuning wilt bereiken:"
        )
    if gegevens.vervangt is not None:
        nummer, dag = gegevens.vervangt
        van = f" van {datum(dag)}" if dag else ""
        alineas.append(f"Dit besluit vervangt ons besluit {nummer}{van}.")
    return Sectie("Waarom wij zo besluiten", tuple(alineas), gronden.resultaten)


def _bezwaar(gegevens: Besluitgegevens, sjabloon: Briefsjabloon) -> Sectie:
    uiterlijk = gegevens.afgiftedatum + BEZWAARTERMIJN
    return Sectie(
        "Bent u het niet eens met dit besluit?",
        (
            "Dan kunt u bezwaar maken binnen zes weken na de verzenddatum van deze brief "
            f"({datum(gegevens.afgiftedatum)}), dus uiterlijk op {datum(uiterlijk)} "
            "(artikel 6:7 en 6:8 van de Algemene wet bestuursrecht).",
            "Stuur uw bezwaarschrift aan het college van burgemeester en wethouders van "
            f"{sjabloon.naam}, {', '.join(sjabloon.bezwaaradres)}.",
            "Vermeld in uw bezwaarschrift uw naam en adres, de datum, het beschikkingnummer "
            f"{gegevens.beschikkingnummer}, waarom u het niet eens bent met dit besluit, en "
            "onderteken het (artikel 6:5 Awb).",
            "Is uw zaak spoedeisend, dan kunt u daarnaast de voorzieningenrechter van de "
            "rechtbank vragen om een voorlopige voorziening.",
        ),
    )


def build_brief(gegevens: Besluitgegevens, sjabloon: Briefsjabloon) -> Brief:
    """The letter for an issued beschikking on the gemeente's letterhead."""
    persoon = gegevens.geadresseerde
    adresregels = [naam(persoon)]
    if persoon.adres is not None:
        adresregels += [persoon.adres.straat, persoon.adres.postcode_plaats]
    aanleiding = (
        f"Op {datum(gegevens.aanvraagdatum)} heeft u ondersteuning aangevraagd"
        if gegevens.aanvraagdatum is not None
        else "U heeft ondersteuning nodig"
    )
    besluiten = tuple(_besluitregel(regel) for regel in gegevens.indicaties)
    toegekend = any(regel.besluit != "afgewezen" for regel in gegevens.indicaties)
    eigen_bijdrage = Sectie(
        "Eigen bijdrage",
        (
            "Voor een maatwerkvoorziening uit de Wmo betaalt u een eigen bijdrage. Het CAK "
            "berekent en int die bijdrage; wij geven de gegevens die daarvoor nodig zijn door "
            "aan het CAK. U krijgt van het CAK bericht over de hoogte (www.hetcak.nl).",
        ),
    )
    return Brief(
        sjabloon=sjabloon,
        adresregels=tuple(adresregels),
        kenmerken=(
            ("Datum", datum(gegevens.afgiftedatum)),
            ("Beschikkingnummer", gegevens.beschikkingnummer),
            ("Onderwerp", "Besluit over uw aanvraag maatwerkvoorziening Wmo 2015"),
        ),
        aanhef=_aanhef(persoon),
        inleiding=_inleiding(gegevens, aanleiding),
        besluiten=besluiten,
        # Only what is granted costs an eigen bijdrage.
        secties=(
            (_gronden(gegevens), eigen_bijdrage, _bezwaar(gegevens, sjabloon))
            if toegekend
            else (_gronden(gegevens), _bezwaar(gegevens, sjabloon))
        ),
        afsluiting=(
            "Met vriendelijke groet,",
            f"namens het college van burgemeester en wethouders van {sjabloon.naam},",
            sjabloon.ondertekenaar,
            sjabloon.functie,
        ),
        bestandsnaam=f"beschikking-{gegevens.beschikkingnummer}",
    )


def resultaatregels(resultaten: Sequence[tuple[str, str, date]]) -> tuple[str, ...]:
    """Each SMART result as one line: what, how it is measured, by when."""
    return tuple(
        f"{omschrijving} (gemeten aan: {meetcriterium}; streefdatum {datum(streefdatum)})"
        for omschrijving, meetcriterium, streefdatum in resultaten
    )
