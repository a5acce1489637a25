from wmo_common.problems import NotFound


class AanvraagNietGevonden(NotFound):
    slug = "aanvraag-niet-gevonden"
    title = "Er is geen aanvraag met dit id."
