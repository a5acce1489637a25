from wmo_common.problems import Conflict, NotFound


class SegmentBestaatAl(Conflict):
    slug = "segment-bestaat-al"
    title = "Er is al een segment met deze naam."


class SegmentNietGevonden(NotFound):
    slug = "segment-niet-gevonden"
    title = "Er is geen segment met dit id."
