"""The market of the flow-8 tests (money per financing model): segments with a published
strategy, contracts, clients in care, and what finance shows of them, over the public APIs."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from wmo_common.calendar import today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_bsn
from wmo_testing.suite import (
    GEBIED,
    OMVANG,
    Clientdossier,
    expect,
    fresh_name,
    wait_for,
)

PRODUCT = {"categorie": "02", "code": "02A01"}  # catalogued per uur (eenheid 04)
GOIRLE, WEST = "0785", "West"  # a second gemeente of the region, in gebied West
NIET_DECLAREERBAAR = "9338"  # TR338: no declarable toegewezen product (taakgericht, OP261)
ANDER_TARIEF = "0611"


async def market(
    flow: Flow, bekostiging: dict[str, Any], *partijen: tuple[str, str]
) -> tuple[str, str]:
    """Registered aanbieders (agb, rol), a fresh segment with its published strategy and the
    catalogued product; returns the segment's id and name."""
    for agb, _ in partijen:
        await flow.register_aanbieder(agb, f"Aanbieder {agb}")
    naam = fresh_name("Bekostiging")
    segment_id = await flow.segment(naam)
    await flow.publish_strategie(segment_id, bekostiging=bekostiging)
    await flow.catalogue_product(PRODUCT)
    return segment_id, naam


async def active_contract(flow: Flow, segment_id: str, **body: Any) -> dict[str, Any]:
    """A contract of the segment from the start of last year, activated."""
    contract = {
        "contractnummer": f"FLOW8-{uuid.uuid4().hex[:10]}",
        "segmentId": segment_id,
        "ingangsdatum": date(today().year - 1, 1, 1).isoformat(),
        "einddatum": date(today().year + 2, 12, 31).isoformat(),
        "gebieden": [GEBIED],
    } | body
    concept = expect(
        await flow.post("contracting", "/contracten", "contract-manager", contract), 201
    )
    active: dict[str, Any] = expect(
        await flow.post(
            "contracting", f"/contracten/{concept['id']}/activeringen", "contract-manager", {}
        ),
        200,
    )
    return active


def partij(agb: str, rol: str) -> dict[str, str]:
    return {"aanbiederAgb": agb, "naam": f"Aanbieder {agb}", "rol": rol}


def indicatie(
    segment_id: str, begin: date, einde: date, *, intensiteit: str = "midden", uren: int = 4
) -> dict[str, Any]:
    return Flow.indicatie(segment_id, PRODUCT, begin, einde) | {
        "intensiteit": intensiteit,
        "omvang": OMVANG | {"volume": uren},
    }


async def register_client(flow: Flow, gemeentecode: str, gebied: str) -> Clientdossier:
    """A client living in another gemeente than the one Flow.register_client uses."""
    bsn = fresh_bsn()
    body = {
        "bsn": bsn,
        "voornamen": "Pieter",
        "achternaam": "Jansen",
        "geboortedatum": "1950-05-05",
        "geslacht": "1",
        "gemeentecode": gemeentecode,
        "gebied": gebied,
        "adres": {
            "straatnaam": "Tilburgseweg",
            "huisnummer": 3,
            "postcode": "5051AA",
            "plaatsnaam": "Goirle",
        },
        "telefoon": "0135550000",
    }
    created = expect(await flow.post("access", "/clienten", "consultant", body), 201)
    return Clientdossier(str(created["id"]), bsn)


async def in_zorg(
    flow: Flow, agb: str, indicaties: dict[str, Any], client: Clientdossier | None = None
) -> tuple[Clientdossier, dict[str, Any], dict[str, Any]]:
    """A client (new, in Tilburg, unless given) with a beschikking assigned to `agb`; returns
    the client, the beschikking and the toewijzing."""
    client = client or await flow.register_client()
    beschikking = await flow.beschikking(client.id, [indicaties])
    toewijzing = await flow.toewijzing(beschikking["indicaties"][0]["id"], agb)
    await flow.wmo301(agb, toewijzing["toewijzingnummer"])
    return client, beschikking, toewijzing


async def verplichting(flow: Flow, toewijzing: dict[str, Any], **expected: Any) -> dict[str, Any]:
    """The verplichting of a toewijzing once it shows every expected value."""

    async def booked() -> dict[str, Any] | None:
        page = expect(
            await flow.get(
                "finance",
                "/verplichtingen",
                "controller",
                aanbiederAgb=toewijzing["aanbiederAgb"],
                pageSize=500,
            ),
            200,
        )
        for row in page["results"]:
            if row["toewijzingId"] == toewijzing["id"] and all(
                row[k] == v for k, v in expected.items()
            ):
                found: dict[str, Any] = row
                return found
        return None

    return await wait_for(f"the verplichting showing {expected}", booked)


async def batch(flow: Flow, agb: str, gemeente: str, maand: date, **expected: int) -> None:
    async def paid() -> dict[str, Any] | None:
        page = expect(
            await flow.get(
                "finance", "/betaalbatches", "controller", aanbiederAgb=agb, gemeente=gemeente
            ),
            200,
        )
        for row in page["results"]:
            if row["periode"] == maand.isoformat() and all(
                row[k] == v for k, v in expected.items()
            ):
                found: dict[str, Any] = row
                return found
        return None

    await wait_for(f"the betaalbatch of {maand} showing {expected}", paid)


async def started(
    flow: Flow,
    berichten: Berichten,
    client: Clientdossier,
    toewijzing: dict[str, Any],
    begin: date,
    einde: date | None = None,
) -> None:
    """The aanbieder reports the start of care (Wmo305) and, with `einde`, its stop (Wmo307)."""
    start = await flow.send(berichten.agb, berichten.wmo305(client.bsn, toewijzing, begin))
    assert start["findings"] == []
    if einde is not None:
        stop = await flow.send(
            berichten.agb, berichten.wmo307(client.bsn, toewijzing, begin, einde)
        )
        assert stop["findings"] == []
