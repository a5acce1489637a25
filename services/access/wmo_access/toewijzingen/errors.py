from wmo_common.problems import Conflict, NotFound


class ToewijzingNietGevonden(NotFound):
    slug = "toewijzing-niet-gevonden"
    title = "Er is geen toewijzing met dit id."


class GeenActiefContract(Conflict):
    slug = "geen-actief-contract"
    title = "Deze aanbieder heeft geen actief contract voor dit product in dit gebied."


class AanbiederGesignaleerd(Conflict):
    slug = "aanbieder-gesignaleerd"
    title = "Deze aanbieder is gesignaleerd; toewijzen is geblokkeerd."


class GeenCapaciteit(Conflict):
    slug = "geen-capaciteit"
    title = "Deze aanbieder heeft voor dit product geen plaats meer."


class IndicatieAlToegewezen(Conflict):
    slug = "indicatie-al-toegewezen"
    title = "Deze indicatie is al toegewezen."


class ToewijzingOverlaptPgb(Conflict):
    slug = "toewijzing-overlapt-pgb"
    title = "Voor dit product en deze periode is een pgb verstrekt (OP043)."


class BuitenIndicatie(Conflict):
    slug = "buiten-indicatie"
    title = "De periode van de toewijzing valt buiten die van de indicatie."


class ToewijzingAlBeeindigd(Conflict):
    slug = "toewijzing-al-beeindigd"
    title = "Deze toewijzing is al beëindigd."


class EinddatumVoorIngangsdatum(Conflict):
    slug = "einddatum-voor-ingangsdatum"
    title = "Een toewijzing eindigt niet vóór haar ingangsdatum."


class NieuweToewijzingNodig(Conflict):
    slug = "nieuwe-toewijzing-nodig"
    title = "Een andere omvang per dag, week of maand vraagt een nieuwe toewijzing (OP257)."


class VerlengingNaEinddatum(Conflict):
    slug = "verlenging-na-einddatum"
    title = "Een toewijzing waarvan de einddatum voorbij is, wordt niet meer verlengd (OP380)."


class VerkeerdeRedenWijziging(Conflict):
    slug = "verkeerde-reden-wijziging"
    title = "De reden wijziging past niet bij deze wijziging."


class GeenWijziging(Conflict):
    slug = "geen-wijziging"
    title = "De wijziging verandert niets aan de toewijzing."


class ContactgegevensOntbreken(Conflict):
    slug = "contactgegevens-ontbreken"
    title = "Van deze cliënt is geen adres of telefoonnummer bekend; een Wmo301 vraagt er een."


class AanbiederAanmeldstop(Conflict):
    slug = "aanmeldstop"
    title = "Deze aanbieder heeft een aanmeldstop voor dit product in dit gebied."
