from wmo_common.problems import Conflict, NotFound


class BerichtNietGevonden(NotFound):
    slug = "bericht-niet-gevonden"
    title = "Er is geen uitgaand bericht met dit id voor deze aanbieder."


class BerichtAlBevestigd(Conflict):
    slug = "bericht-al-bevestigd"
    title = "De ontvangst van dit bericht is al bevestigd."
