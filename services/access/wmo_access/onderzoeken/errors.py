from wmo_common.problems import Conflict, NotFound


class OnderzoekNietGevonden(NotFound):
    slug = "onderzoek-niet-gevonden"
    title = "Er is geen onderzoek met dit id."


class OnderzoekBestaatAl(Conflict):
    slug = "onderzoek-bestaat-al"
    title = "Voor deze melding loopt al een onderzoek."


class OnderzoekAfgerond(Conflict):
    slug = "onderzoek-afgerond"
    title = "Dit onderzoek is al afgerond."


class OnderzoekNietAfgerond(Conflict):
    slug = "onderzoek-niet-afgerond"
    title = "Een ondersteuningsplan volgt op een afgerond onderzoek."


class PersoonlijkPlanTeLaat(Conflict):
    slug = "persoonlijk-plan-te-laat"
    title = "Een persoonlijk plan wordt binnen zeven dagen na de melding ingediend."
