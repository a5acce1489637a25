"""The demo region Hart van Brabant: its gemeenten (CBS codes of ../shared/iwmo/codelists/cbs),
the gebieden of its begeleiding contract, and the aanbieders that work there. The demo loads it,
the simulator plays its aanbieders, and the cross-service tests work in its gemeente Tilburg."""

from __future__ import annotations

from typing import NamedTuple

REGIO = "Hart van Brabant"


class Gemeente(NamedTuple):
    """A gemeente of the region, its population in thousands (which weighs where the demo's
    clienten live) and postcode areas for synthetic addresses."""

    cbs_code: str
    naam: str
    gebied: str
    inwoners_duizend: int
    postcodes: tuple[int, ...]


# The nine gemeenten, grouped in the four gebieden of the begeleiding contract.
GEMEENTEN: list[Gemeente] = [
    Gemeente(
        "0855", "Tilburg", "Tilburg", 224, (5011, 5013, 5014, 5017, 5021, 5025, 5032, 5042, 5045)
    ),
    Gemeente("0766", "Dongen", "Oost", 27, (5101, 5102, 5104, 5106)),
    Gemeente("0784", "Gilze en Rijen", "West", 27, (5121, 5122, 5124, 5126)),
    Gemeente("0785", "Goirle", "West", 24, (5051, 5052, 5053)),
    Gemeente("0798", "Hilvarenbeek", "West", 16, (5081, 5083, 5084)),
    Gemeente("0809", "Loon op Zand", "Oost", 23, (5171, 5172, 5175, 5176)),
    Gemeente("0824", "Oisterwijk", "Oost", 33, (5061, 5062, 5066)),
    Gemeente("0867", "Waalwijk", "Heusden", 49, (5141, 5142, 5143, 5144, 5145, 5146)),
    Gemeente("0797", "Heusden", "Heusden", 44, (5151, 5152, 5161, 5251, 5252, 5256)),
]
GEBIEDEN = ["West", "Tilburg", "Oost", "Heusden"]
TILBURG = GEMEENTEN[0]

# The begeleiding coalition (AGB code, naam, the gebieden it works in), its onderaannemers (with
# the reason the contract's consent names) and the beschermd wonen aanbieders.
COALITIE = [
    ("73730001", "Coalitie Sterk in de Wijk (penvoerder)", GEBIEDEN),
    ("73730002", "Combinant Thuis B.V.", ["Tilburg", "Oost"]),
    ("73730003", "Strategisch Partner Zorg", ["West"]),
]
PENVOERDER = COALITIE[0][0]
ONDERAANNEMERS = [
    ("73730005", "Stichting Maatje Midden-Brabant", "niche-expertise"),
    ("73730006", "Wijkzorg De Langstraat B.V.", "capaciteit"),
]
BW_AANBIEDERS = [
    ("73730004", "Beschermd Wonen Brabant"),
    ("73730007", "Stichting Het Anker Wonen"),
    ("73730008", "Herstelhuis Tilburg B.V."),
]
# Street names for the synthetic addresses of the region's clienten and aanbieders.
STRATEN = [
    "Kerkstraat", "Molenstraat", "Stationsstraat", "Schoolstraat", "Dorpsstraat", "Lindelaan",
    "Eikenlaan", "Nieuwstraat", "Markt", "Beukenlaan", "Parallelweg",
]  # fmt: skip
