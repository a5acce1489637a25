from wmo_common.problems import Conflict, NotFound


class BudgetBestaatAl(Conflict):
    slug = "budget-bestaat-al"
    title = "Er is al een budgetregel voor dit jaar, segment en gebied."


class BudgetNietGevonden(NotFound):
    slug = "budget-niet-gevonden"
    title = "Er is geen budgetregel met dit id."


class BudgetplafondNietGevonden(NotFound):
    slug = "budgetplafond-niet-gevonden"
    title = "Er is geen budgetplafond met dit id."


class BudgetplafondBestaatAl(Conflict):
    slug = "budgetplafond-bestaat-al"
    title = "Er is al een plafond voor deze gemeente onder dit contract in dit jaar."


class PlafondContractOnbekend(Conflict):
    slug = "contract-onbekend"
    title = "Financiën kent geen actief contract met dit id (met een hoofdaannemer)."


class PlafondJaarBuitenContract(Conflict):
    slug = "jaar-buiten-contract"
    title = "Het contract loopt niet in dit jaar."
