from wmo_common.problems import Conflict, NotFound


class OndersteuningsplanNietGevonden(NotFound):
    slug = "ondersteuningsplan-niet-gevonden"
    title = "Er is geen ondersteuningsplan met dit id."


class ResultaatNietGevonden(NotFound):
    slug = "resultaat-niet-gevonden"
    title = "Dit ondersteuningsplan heeft geen resultaat met dit id."


class ResultaatAlGeevalueerd(Conflict):
    slug = "resultaat-al-geevalueerd"
    title = "Dit resultaat is al geëvalueerd."
