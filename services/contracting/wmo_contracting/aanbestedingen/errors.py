from wmo_common.problems import Conflict, NotFound


class AanbestedingNietGevonden(NotFound):
    slug = "aanbesteding-niet-gevonden"
    title = "Er is geen aanbesteding met dit id."


class PerceelNietGevonden(NotFound):
    slug = "perceel-niet-gevonden"
    title = "Er is geen perceel met dit id."


class AanbestedingBestaatAl(Conflict):
    slug = "aanbesteding-bestaat-al"
    title = "Er is al een aanbesteding met deze naam."


class PerceelAlGegund(Conflict):
    slug = "perceel-al-gegund"
    title = "Dit perceel is al gegund."


class GebiedBuitenSegment(Conflict):
    slug = "gebied-buiten-segment"
    title = "Een perceel ligt in een gebied van het segment."
