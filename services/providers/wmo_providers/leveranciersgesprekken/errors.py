from wmo_common.problems import NotFound


class LeveranciersgesprekNietGevonden(NotFound):
    slug = "leveranciersgesprek-niet-gevonden"
    title = "Er is geen leveranciersgesprek met dit id."


class AfspraakNietGevonden(NotFound):
    slug = "afspraak-niet-gevonden"
    title = "Dit leveranciersgesprek heeft geen afspraak met dit id."
