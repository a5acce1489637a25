from wmo_common.problems import Conflict, NotFound


class OvergangsdossierNietGevonden(NotFound):
    slug = "overgangsdossier-niet-gevonden"
    title = "Er is geen overgangsdossier met dit id."


class EinddatumBuitenOvergangsregeling(Conflict):
    slug = "einddatum-buiten-overgangsregeling"
    title = "De einddatum ligt na wat de overgangsregeling toestaat."


class GeenKeuzeInRoute(Conflict):
    slug = "geen-keuze-in-route"
    title = "De route van dit dossier laat deze uitkomst niet toe."


class UitkomstAlGekozen(Conflict):
    slug = "uitkomst-al-gekozen"
    title = "Voor dit dossier is al een andere uitkomst gekozen."
