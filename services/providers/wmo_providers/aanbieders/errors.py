from wmo_common.problems import Conflict, NotFound


class AanbiederBestaatAl(Conflict):
    slug = "aanbieder-bestaat-al"
    title = "Er is al een aanbieder met deze AGB-code."


class AanbiederNietGevonden(NotFound):
    slug = "aanbieder-niet-gevonden"
    title = "Er is geen aanbieder met deze AGB-code."
