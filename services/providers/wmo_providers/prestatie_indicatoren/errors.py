from wmo_common.problems import NotFound


class PrestatienormNietGevonden(NotFound):
    slug = "prestatienorm-niet-gevonden"
    title = "Voor dit segment zijn geen normen ingesteld."
