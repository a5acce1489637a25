"""The limits of layer 1 admit every message a provider can send within the standard's 25 MB,
and what a large message cost is given back once it is read."""

import dataclasses
import threading
from datetime import date

import psutil

from iwmo import Level, Limits, read_message, validate, write_message
from iwmo.models import (
    BedragMetDC,
    Client323,
    GeslotenPeriode,
    Prestatie,
    ProductReferentie,
    Wmo323,
)
from iwmo.safe_xml import DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES
from wmo_testing.berichten import make_wmo323

MB = 1024 * 1024
MINIMAL_CLIENT = Client323(
    bsn="999900006",
    prestaties=(
        Prestatie(
            product_referentie=ProductReferentie(referentie_nummer="R"),
            toewijzing_nummer=1,
            product_categorie="02",
            product_code="02A01",
            product_periode=GeslotenPeriode(
                begindatum=date(2024, 2, 1), einddatum=date(2024, 2, 1)
            ),
            geleverd_volume=1,
            eenheid="04",
            ingediend_bedrag=BedragMetDC(bedrag=1, debet_credit="D"),
        ),
    ),
)


def dense_wmo323(clients: int) -> bytes:
    """A 323 of `clients` clients with one minimal Prestatie each, written as densely as XML
    allows: the message namespace as the default, the basisschema as `i:`."""
    message = make_wmo323()
    declaratie = dataclasses.replace(message.declaratie, clienten=(MINIMAL_CLIENT,))
    xml = (
        write_message(dataclasses.replace(message, declaratie=declaratie))
        .replace(b"<wmo323:", b"<")
        .replace(b"</wmo323:", b"</")
        .replace(b"xmlns:wmo323=", b"xmlns=")
        .replace(b"iwmo:", b"i:")
        .replace(b"xmlns:iwmo=", b"xmlns:i=")
    )
    # The one client repeated as bytes: writing 50,000 of them one by one takes seconds.
    start, end = xml.index(b"<Client>"), xml.index(b"</Clienten>")
    return xml[:start] + xml[start:end] * clients + xml[end:]


def test_the_densest_323_of_25_mb_stays_under_the_node_limit() -> None:
    one, two = dense_wmo323(1), dense_wmo323(2)
    per_client = len(two) - len(one)
    clients = (DEFAULT_MAX_BYTES - len(one)) // per_client + 1
    xml = dense_wmo323(clients)
    assert DEFAULT_MAX_BYTES - per_client < len(xml) <= DEFAULT_MAX_BYTES
    assert xml.count(b"</") > 0.8 * DEFAULT_MAX_NODES
    # Layers 1 and 2 only: the business rules have their say on a message that was read.
    message = read_message(xml)
    assert isinstance(message, Wmo323)
    assert len(message.declaratie.clienten) == clients


def test_a_message_with_exactly_the_limits_nodes_is_read_and_one_more_is_refused() -> None:
    xml = dense_wmo323(200)
    # Every element has an end tag here; the two namespace declarations are nodes too.
    nodes = xml.count(b"</") + 2
    day = make_wmo323().header.bericht_identificatie.dagtekening
    at_limit = validate(xml, today=day, limits=Limits(max_nodes=nodes))
    assert [f for f in at_limit.findings if f.level == Level.XSD] == []
    refused = validate(xml, limits=Limits(max_nodes=nodes - 1))
    assert [f.code for f in refused.findings] == ["IB001"]
    assert f"meer dan {nodes - 1} elementen" in refused.findings[0].message


def test_the_memory_a_large_message_cost_is_given_back_after_reading() -> None:
    # A million tiny elements, just under the node limit: a tree of about 230 MB.
    body = b"<a>" + b"<b>x</b>" * (DEFAULT_MAX_NODES - 1) + b"</a>"
    process = psutil.Process()
    before = process.memory_info().rss
    # In a thread of its own, as a service runs it: glibc gives each thread its own arena.
    worker = threading.Thread(target=validate, args=(body,))
    worker.start()
    worker.join()
    assert process.memory_info().rss - before < 60 * MB
