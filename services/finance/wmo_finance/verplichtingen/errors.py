from wmo_common.problems import NotFound


class VerplichtingNietGevonden(NotFound):
    slug = "verplichting-niet-gevonden"
    title = "Er is geen verplichting met dit id."
