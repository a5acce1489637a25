from wmo_common.problems import Conflict, NotFound


class VerzoekNietGevonden(NotFound):
    slug = "verzoek-niet-gevonden"
    title = "Er is geen verzoek met dit id."


class VerzoekAlBeslist(Conflict):
    slug = "verzoek-al-beslist"
    title = "Over dit verzoek is al anders beslist."


class SegmentOnduidelijk(Conflict):
    slug = "segment-onduidelijk"
    title = "Uit de contracten van de aanbieder volgt niet één segment; noem het segmentId."


class VerzoekPastNiet(Conflict):
    slug = "verzoek-past-niet"
    title = (
        "Het verzoek noemt een toewijzing of product dat niet bij deze cliënt en aanbieder hoort."
    )
