from wmo_common.problems import Conflict, NotFound


class AanmeldstopNietGevonden(NotFound):
    slug = "aanmeldstop-niet-gevonden"
    title = "Deze aanbieder heeft geen aanmeldstop met dit id."


class AanmeldtermijnTeKort(Conflict):
    slug = "aanmeldstop-termijn-te-kort"
    title = "Een aanmeldstop wordt minstens 14 dagen vooraf aangekondigd (art. 3.6)."


class AanmeldstopAlBeeindigd(Conflict):
    slug = "aanmeldstop-al-beeindigd"
    title = "Deze aanmeldstop is al beëindigd."
