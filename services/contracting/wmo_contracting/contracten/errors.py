from wmo_common.problems import Conflict, NotFound


class ContractNietGevonden(NotFound):
    slug = "contract-niet-gevonden"
    title = "Er is geen contract met dit id."


class ContractnummerBestaatAl(Conflict):
    slug = "contractnummer-bestaat-al"
    title = "Er is al een contract met dit contractnummer."


class WijzigingVereist(Conflict):
    slug = "wijziging-vereist"
    title = "Een geactiveerd contract verandert alleen met een contractwijziging (met reden)."


class ContractNietInConcept(Conflict):
    slug = "contract-niet-in-concept"
    title = "Alleen een contract in concept kan geactiveerd worden."


class ContractNietActief(Conflict):
    slug = "contract-niet-actief"
    title = "Het contract is niet actief."


class ContractAfgesloten(Conflict):
    slug = "contract-afgesloten"
    title = "Het contract is beëindigd of ontbonden en verandert niet meer."


class ContractNietActiveerbaar(Conflict):
    slug = "contract-niet-activeerbaar"
    title = "Het contract is nog niet compleet genoeg om te activeren."


class ContractOnvolledig(Conflict):
    slug = "contract-onvolledig"
    title = "Na deze wijziging mist het lopende contract wat het nodig heeft."


class TweeHoofdaannemers(Conflict):
    slug = "twee-hoofdaannemers"
    title = "Een contract heeft precies één hoofdaannemer (penvoerder)."


class OnderaannemerZonderHoofdaannemer(Conflict):
    slug = "onderaannemer-zonder-hoofdaannemer"
    title = "Een onderaannemer werkt onder een hoofdaannemer; het contract heeft er geen."


class PartijDubbel(Conflict):
    slug = "partij-dubbel"
    title = "Een aanbieder is maar één keer partij bij een contract."


class PartijNietGevonden(Conflict):
    slug = "partij-niet-gevonden"
    title = "Deze aanbieder is geen partij bij het contract."


class TarievenOverlappen(Conflict):
    slug = "tarieven-overlappen"
    title = "Twee tarieven voor hetzelfde product overlappen in geldigheid."


class TariefNietGevonden(Conflict):
    slug = "tarief-niet-gevonden"
    title = "Het contract heeft geen tarief met dit id."


class BeslisdatumTeLaat(Conflict):
    slug = "beslisdatum-te-laat"
    title = "Een verlengingsoptie wordt ten minste zes maanden voor de einddatum besloten."


class PeriodeOngeldig(Conflict):
    slug = "periode-ongeldig"
    title = "De data van het contract liggen niet in volgorde."


class GeenVerlengingsoptie(Conflict):
    slug = "geen-verlengingsoptie"
    title = "Het contract heeft geen (deze) verlengingsoptie open."


class VerlengingstermijnVerstreken(Conflict):
    slug = "verlengingstermijn-verstreken"
    title = "De uiterste beslisdatum van deze verlengingsoptie is voorbij."


class OpzegtermijnNietGehaald(Conflict):
    slug = "opzegtermijn-niet-gehaald"
    title = "Een opzegging vóór de einddatum respecteert de opzegtermijn."


class GeenTariefOmTeIndexeren(Conflict):
    slug = "geen-tarief-om-te-indexeren"
    title = "Op de ingangsdatum van de indexatie geldt geen tarief dat eerder inging."


class BekostigingBuitenStrategie(Conflict):
    slug = "bekostiging-buiten-strategie"
    title = "Het contract volgt het bekostigingsmodel van de verwervingsstrategie niet."


class LooptijdBuitenStrategie(Conflict):
    slug = "looptijd-buiten-strategie"
    title = "Looptijd of verlengingsopties van het contract gaan verder dan de strategie toestaat."


class MaxAanbiedersBereikt(Conflict):
    slug = "max-aanbieders-bereikt"
    title = "Het segment heeft al het aantal aanbieders dat de strategie toestaat."


class GebiedAlGecontracteerd(Conflict):
    slug = "gebied-al-gecontracteerd"
    title = "De strategie staat één aanbieder of samenwerkingsverband per gebied toe."


class PerceelNietGegund(Conflict):
    slug = "perceel-niet-gegund"
    title = "Het perceel van dit contract is nog niet gegund."


class PartijenNietGegund(Conflict):
    slug = "partijen-niet-gegund"
    title = "De partijen van het contract zijn niet de partijen aan wie het perceel is gegund."
