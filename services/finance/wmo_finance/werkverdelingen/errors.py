from wmo_common.problems import BadRequest, NotFound


class ContractNietGevonden(NotFound):
    slug = "contract-niet-gevonden"
    title = "Financiën kent geen contract met dit id."


class PeriodeOngeldig(BadRequest):
    slug = "periode-ongeldig"
    title = "De periode eindigt voor zij begint."
