from wmo_common.problems import Conflict, NotFound


class BeschikkingNietGevonden(NotFound):
    slug = "beschikking-niet-gevonden"
    title = "Er is geen beschikking met dit id."


class IndicatieNietGevonden(NotFound):
    slug = "indicatie-niet-gevonden"
    title = "Er is geen indicatie met dit id."


class BeschikkingAlAfgegeven(Conflict):
    slug = "beschikking-al-afgegeven"
    title = "Een afgegeven beschikking wordt niet gewijzigd; een nieuwe beschikking vervangt haar."


class BeschikkingNietAfgegeven(Conflict):
    slug = "beschikking-niet-afgegeven"
    title = "Deze beschikking is (nog) niet van kracht."


class SegmentregelsGeschonden(Conflict):
    slug = "segmentregels-geschonden"
    title = "Een indicatie past niet binnen de regels van haar segment."


class IntensiteitNietGecontracteerd(Conflict):
    slug = "intensiteit-niet-gecontracteerd"
    title = "Het contract biedt het product niet in deze intensiteit."


class IndicatieAfgewezen(Conflict):
    slug = "indicatie-afgewezen"
    title = "Deze indicatie is afgewezen: er volgt geen toewijzing, verwijzing of herindicatie uit."
