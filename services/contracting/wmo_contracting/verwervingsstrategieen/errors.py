from wmo_common.problems import Conflict, NotFound


class VerwervingsstrategieNietGevonden(NotFound):
    slug = "verwervingsstrategie-niet-gevonden"
    title = "Er is geen verwervingsstrategie met dit id."


class VerwervingsstrategieAlGepubliceerd(Conflict):
    slug = "verwervingsstrategie-al-gepubliceerd"
    title = "Deze versie van de verwervingsstrategie is al gepubliceerd en ligt vast."


class NieuwereVersieGepubliceerd(Conflict):
    slug = "nieuwere-versie-gepubliceerd"
    title = "Er is al een nieuwere versie van deze verwervingsstrategie gepubliceerd."
