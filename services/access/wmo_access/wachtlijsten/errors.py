from wmo_common.problems import Conflict, NotFound


class AanmeldingNietGevonden(NotFound):
    slug = "aanmelding-niet-gevonden"
    title = "Er is geen aanmelding met dit id."


class AanmeldingAfgehandeld(Conflict):
    slug = "aanmelding-afgehandeld"
    title = "Deze aanmelding is al geplaatst of geweigerd."
