"""The StUF-GGK envelope: the pack's examples are read, and every envelope the gateway writes
validates against the StUF-GGK XSDs."""

import pytest
from lxml import etree  # type: ignore[import-untyped]

from wmo_gateway.ggk import envelop
from wmo_gateway.ggk.envelop import Fout, OngeldigeEnvelop, Systeem
from wmo_testing.gateway import pack_dir

PACK = pack_dir()
EXAMPLES = PACK / "examples" / "stuf-ggk0310-2.1.03" if PACK else None
SUITE = Systeem("0418", envelop.APPLICATIE)
AANBIEDER = Systeem("12345678", "aanbiederpakket")


@pytest.mark.skipif(EXAMPLES is None, reason="the iWmo pack is not beside the repository")
def test_the_packs_di01_example_is_read_with_its_bericht_and_references() -> None:
    assert EXAMPLES is not None
    gelezen = envelop.read(envelop.parse((EXAMPLES / "ggk_Di01.xml").read_bytes()))
    assert gelezen.berichtcode == "Di01"
    assert gelezen.functie == "WMO301"
    assert gelezen.referentienummer == "9c0f7b90-5c69-11e5-a837-0800200c9a66"
    assert gelezen.referentienummer_bericht == "123456789012"
    assert gelezen.zender.organisatie == "0548"
    assert gelezen.bericht == b"Hier staat het heenbericht"


@pytest.mark.skipif(EXAMPLES is None, reason="the iWmo pack is not beside the repository")
def test_the_packs_du01_example_is_read_with_its_cross_reference() -> None:
    assert EXAMPLES is not None
    gelezen = envelop.read(envelop.parse((EXAMPLES / "ggk_Du01.xml").read_bytes()))
    assert gelezen.berichtcode == "Du01"
    assert gelezen.functie == "WMO302"
    assert gelezen.cross_refnummer == "9c0f7b90-5c69-11e5-a837-0800200c9a66"
    assert gelezen.bericht == b"Hier staat het retourbericht"


def _pack_schema() -> etree.XMLSchema:
    assert PACK is not None
    xsd = PACK / "xsd" / "stuf-ggk0310-2.1.03" / "ggk0310_21" / "ggkberichten" / "ggk0310_msg.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.mark.skipif(PACK is None, reason="the iWmo pack is not beside the repository")
def test_every_envelope_the_gateway_writes_validates_against_the_packs_stuf_ggk_xsds() -> None:
    schema = _pack_schema()
    written = [
        envelop.write_bericht(
            "Di01",
            zender=SUITE,
            ontvanger=AANBIEDER,
            referentienummer=envelop.new_referentienummer(),
            functie="WMO301",
            bericht=b"<Bericht/>",
            referentienummer_bericht="G00000000001",
        ),
        envelop.write_bericht(
            "Du01",
            zender=SUITE,
            ontvanger=AANBIEDER,
            referentienummer=envelop.new_referentienummer(),
            functie="WMO306",
            bericht=b"<Bericht/>",
            referentienummer_bericht="G00000000002",
            cross_refnummer="9c0f7b90-5c69-11e5-a837-0800200c9a66",
            cross_refnummer_bericht="S1",
        ),
        envelop.write_fout(
            "Fo01",
            Fout("IB014", "Payload voldoet niet aan de XSD."),
            zender=SUITE,
            ontvanger=AANBIEDER,
            cross_refnummer="r",
        ),
        envelop.write_fout(
            "Fo03",
            Fout("IB001", "Bericht voldoet niet aan XSD."),
            zender=SUITE,
            ontvanger=AANBIEDER,
            cross_refnummer="r",
        ),
        envelop.write_bv03(zender=SUITE, ontvanger=AANBIEDER, cross_refnummer="r"),
    ]
    for data in written:
        element = etree.fromstring(data)
        assert schema.validate(element), schema.error_log
        inside_soap = envelop.soap_unwrap(envelop.soap_wrap(data))
        assert schema.validate(inside_soap), schema.error_log


def test_an_envelope_that_breaks_the_xsd_is_refused_when_read() -> None:
    broken = (
        f'<GGK:envelopHeenbericht-ggk_Di01 xmlns:GGK="{envelop.GGK}">'
        "<GGK:parameters/></GGK:envelopHeenbericht-ggk_Di01>"
    ).encode()
    with pytest.raises(OngeldigeEnvelop):
        envelop.read(envelop.parse(broken))
    with pytest.raises(OngeldigeEnvelop):
        envelop.parse(b"geen xml")
