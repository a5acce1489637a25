from wmo_common.problems import NotFound


class MeldingNietGevonden(NotFound):
    slug = "melding-niet-gevonden"
    title = "Er is geen melding met dit id."
