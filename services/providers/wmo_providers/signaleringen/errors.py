from wmo_common.problems import Conflict, NotFound


class SignaleringNietGevonden(NotFound):
    slug = "signalering-niet-gevonden"
    title = "Er is geen signalering met dit id."


class SignaleringAlOpgeheven(Conflict):
    slug = "signalering-al-opgeheven"
    title = "Deze signalering is al opgeheven."
