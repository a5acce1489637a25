from wmo_common.problems import Conflict, Forbidden, NotFound, Problem, ServiceUnavailable


class GeenXml(Problem):
    status = 415
    slug = "geen-xml"
    title = "Een bericht wordt als application/xml gestuurd."


class TeGroot(Problem):
    status = 413
    slug = "bericht-te-groot"
    title = "Het bericht is groter dan de toegestane 25 MB (OP179)."


class OngeldigBericht(Problem):
    """Level 1: not well-formed, unsafe or not as the XSD says. iWmo answers it with a transport
    error (IB001/IB003), never with a retour; nothing is stored."""

    status = 400
    slug = "ongeldig-bericht"
    title = "Het bericht is geen geldig iWmo 3.2-bericht."


class BerichtsoortNietToegestaan(Problem):
    status = 400
    slug = "berichtsoort-niet-toegestaan"
    title = "Een aanbieder stuurt de gemeente alleen 305, 307, 315, 317, 323, 302 en 320."


class AfzenderWijktAf(Forbidden):
    slug = "afzender-wijkt-af"
    title = "De AGB-code in het bericht is niet die van het token."


class TransportsleutelHergebruikt(Conflict):
    slug = "idempotency-key-hergebruikt"
    title = "Deze Idempotency-Key hoort al bij een ander bericht (een andere inhoud)."


class VerwerkingMislukt(ServiceUnavailable):
    slug = "verwerking-mislukt"
    title = "Het bericht is bewaard maar kon nu niet worden verwerkt; stuur het later opnieuw."


class BerichtNietGevonden(NotFound):
    slug = "bericht-niet-gevonden"
    title = "Er is geen ontvangen bericht met dit id."


class NietHerverwerkbaar(Conflict):
    slug = "bericht-niet-herverwerkbaar"
    title = "Alleen een bericht waarvan de verwerking mislukte of bleef steken wordt herverwerkt."
