from wmo_common.problems import Conflict, NotFound


class ProductBestaatAl(Conflict):
    slug = "product-bestaat-al"
    title = "Er is al een product met deze categorie en productcode."


class ProductNietGevonden(NotFound):
    slug = "product-niet-gevonden"
    title = "Er is geen product met dit id."


class ProductNietInCatalogus(Conflict):
    slug = "product-niet-in-catalogus"
    title = "Een genoemd product staat niet in de productcatalogus."
