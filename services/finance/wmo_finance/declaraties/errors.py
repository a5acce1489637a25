from wmo_common.problems import NotFound


class DeclaratieNietGevonden(NotFound):
    slug = "declaratie-niet-gevonden"
    title = "Er is geen declaratie met dit id."
