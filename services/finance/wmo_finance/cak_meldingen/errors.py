from wmo_common.problems import Conflict, NotFound


class EigenBijdrageProductBestaatAl(Conflict):
    slug = "eigen-bijdrage-product-bestaat-al"
    title = "Voor deze productcategorie of -code is de eigen bijdrage al vastgelegd."


class EigenBijdrageProductNietGevonden(NotFound):
    slug = "eigen-bijdrage-product-niet-gevonden"
    title = "Er is geen eigen-bijdrageregel met dit id."


class CakMeldingNietGevonden(NotFound):
    slug = "cak-melding-niet-gevonden"
    title = "Er is geen CAK-melding met dit id."


class CakMeldingNietTeVerzenden(Conflict):
    slug = "cak-melding-niet-te-verzenden"
    title = "Alleen een CAK-melding met status te-verzenden kan worden verzonden."


class CakMeldingNietVerzonden(Conflict):
    slug = "cak-melding-niet-verzonden"
    title = "Alleen een verzonden CAK-melding kan een antwoord van het CAK krijgen."


class CakAntwoordPastNiet(Conflict):
    slug = "cak-antwoord-past-niet"
    title = "Het CAK antwoordt op een WMO405 met een WMO406 en op een WMO407 met een WMO408."
