from wmo_common.problems import Conflict, NotFound


class ContractOnbekend(Conflict):
    slug = "contract-onbekend"
    title = "Financiën kent dit contract (nog) niet."


class ContractNietTaakgericht(Conflict):
    slug = "contract-niet-taakgericht"
    title = "Alleen een taakgericht (lumpsum) contract krijgt lumpsumtermijnen."


class LumpsumBestaatAl(Conflict):
    slug = "lumpsum-bestaat-al"
    title = "Dit contract heeft al lumpsumtermijnen voor dit gebied en jaar."


class TaakbudgetOntbreekt(Conflict):
    slug = "taakbudget-ontbreekt"
    title = "Het contract noemt geen taakbudget; geef taakbudgetCents mee."


class GebiedBuitenContract(Conflict):
    slug = "gebied-buiten-contract"
    title = "Het contract geldt niet in dit gebied."


class TermijnAlBetaald(Conflict):
    slug = "termijn-al-betaald"
    title = "Deze lumpsumtermijn is al betaald."


class TermijnNietGevonden(NotFound):
    slug = "lumpsumtermijn-niet-gevonden"
    title = "Er is geen lumpsumtermijn met dit id."
