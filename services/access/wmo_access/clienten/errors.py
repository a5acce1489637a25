from wmo_common.problems import Conflict, NotFound


class ClientBestaatAl(Conflict):
    slug = "client-bestaat-al"
    title = "Er is al een cliënt met dit BSN."


class ClientNietGevonden(NotFound):
    slug = "client-niet-gevonden"
    title = "Er is geen cliënt met dit id."


class GeenVerhuizing(Conflict):
    slug = "geen-verhuizing"
    title = "Het nieuwe adres is het huidige adres van de cliënt."
