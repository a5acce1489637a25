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
