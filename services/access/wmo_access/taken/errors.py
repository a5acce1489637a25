from wmo_common.problems import Conflict, NotFound


class TaakNietGevonden(NotFound):
    slug = "taak-niet-gevonden"
    title = "Er is geen taak met dit id."


class TaakAlAfgerond(Conflict):
    slug = "taak-al-afgerond"
    title = "Deze taak is al afgerond."
