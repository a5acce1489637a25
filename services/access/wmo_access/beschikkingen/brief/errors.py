from wmo_common.problems import Conflict, Problem


class GeenBriefsjabloon(Conflict):
    slug = "geen-briefsjabloon"
    title = "Voor deze gemeente is geen briefsjabloon: de brief kan niet zeggen waar bezwaar kan."


class VormNietBeschikbaar(Problem):
    status = 406
    slug = "vorm-niet-beschikbaar"
    title = "De brief is er als application/pdf of als text/html."
