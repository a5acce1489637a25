"""Creating a toewijzing reads its facts as plain columns and writes it as a queued row with its
event and audit record (issue 22): the answer, the stored row, the event and the audit record
still say the same."""

import asyncio
import uuid
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import inspect, select

from wmo_access.beschikkingen.models import Beschikking, Indicatie
from wmo_access.clienten.models import Client
from wmo_access.db import Base
from wmo_access.settings import Settings
from wmo_access.toewijzingen import afgiftefeiten, repository
from wmo_access.toewijzingen.errors import IndicatieAlToegewezen
from wmo_access.toewijzingen.models import Toewijzing
from wmo_access.toewijzingen.service import commit_afgifte
from wmo_access.verwerking import VERWERKINGSACTIVITEIT
from wmo_common.audit import AuditRecord
from wmo_common.events.access import ToewijzingAfgegeven
from wmo_common.privacy import FieldCipher
from wmo_testing.access import Markt, Toegang, issued, queued
from wmo_testing.harness import ServiceHarness


async def test_the_answer_the_row_the_event_and_the_audit_record_agree(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    client_id, ind = await issued(toegang, markt)
    response = await toegang.toewijzing(ind["id"], markt.agb)
    assert response.status_code == 201
    body = response.json()
    assert response.headers["Location"] == f"/api/v1/toewijzingen/{body['id']}"
    assert response.headers["ETag"] == '"1"'

    read = await toegang.client.get(
        f"/api/v1/toewijzingen/{body['id']}", headers=toegang.consultant
    )
    assert read.json() == body
    async with harness.sessionmaker() as session:
        row = await session.get_one(Toewijzing, uuid.UUID(body["id"]))
        client = await session.get_one(Client, uuid.UUID(client_id))
        records = (
            (
                await session.execute(
                    select(AuditRecord).where(
                        AuditRecord.resource == f"toewijzingen/{body['id']}",
                        AuditRecord.handeling == "aanmaken",
                    )
                )
            )
            .scalars()
            .all()
        )
    assert (row.indicatie_id, row.client_id, row.status, row.versie) == (
        uuid.UUID(ind["id"]),
        uuid.UUID(client_id),
        "actief",
        1,
    )
    assert [(r.actor, r.roles, r.client_pseudonym, r.verwerkingsactiviteit) for r in records] == [
        ("test-user", "consultant", client.pseudonym, VERWERKINGSACTIVITEIT)
    ]
    assert records[0].trace_id is not None
    assert records[0].trace_id == response.headers["traceparent"].split("-")[1]

    (envelope,) = [
        e
        for e in await queued(harness, ToewijzingAfgegeven.event_type)
        if e["data"]["toewijzingId"] == body["id"]
    ]
    payload = ToewijzingAfgegeven.model_validate(envelope["data"])
    assert payload.toewijzingnummer == row.toewijzingnummer == body["toewijzingnummer"]
    assert (payload.ingangsdatum, payload.einddatum) == (row.ingangsdatum, row.einddatum)
    assert (payload.toewijzingsdatum, payload.toewijzingstijd) == (
        row.toewijzingsdatum,
        row.toewijzingstijd,
    )
    assert payload.client_pseudonym == client.pseudonym
    key = harness.settings.field_key_gateway
    assert key is not None
    gegevens = FieldCipher(key, "gateway").decrypt(payload.client_gegevens)
    assert gegevens["bsn"] == client.bsn
    assert gegevens["achternaam"] == client.achternaam


async def test_the_returned_toewijzing_holds_every_column_as_stored_and_is_not_attached(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    client_id, ind = await issued(toegang, markt)
    async with harness.sessionmaker() as session:
        feiten = await afgiftefeiten.find_afgiftefeiten(
            session, uuid.UUID(ind["id"]), markt.agb, None, None
        )
        assert feiten is not None
        assert feiten.client is not None
        indicatie, beschikking, client = feiten.indicatie, feiten.beschikking, feiten.client
        values: dict[str, Any] = {
            "indicatie_id": indicatie.id,
            "beschikking_id": beschikking.id,
            "client_id": client.id,
            "verzoek_id": None,
            "gemeentecode": client.gemeentecode,
            "gebied": client.gebied,
            "segment_id": indicatie.segment_id,
            "aanbieder_agb": markt.agb,
            "product_categorie": indicatie.product_categorie,
            "product_code": indicatie.product_code,
            "ingangsdatum": indicatie.ingangsdatum,
            "einddatum": indicatie.einddatum,
            "omvang_volume": indicatie.omvang_volume,
            "omvang_eenheid": indicatie.omvang_eenheid,
            "omvang_frequentie": indicatie.omvang_frequentie,
            "budget_cents": indicatie.budget_cents,
            "toewijzingsdatum": date(2026, 1, 2),
            "toewijzingstijd": time(9, 30),
            "toewijzingnummer": feiten.toewijzingnummer,
        }
        created = await repository.add_toewijzing(session, values)
        assert inspect(created).transient
        await commit_afgifte(session)
    async with harness.sessionmaker() as session:
        # The same indicatie again (as a request racing the first): the partial unique index
        # refuses it at the commit, as the problem the rules give.
        await repository.add_toewijzing(session, values | {"toewijzingnummer": "99999999"})
        with pytest.raises(IndicatieAlToegewezen):
            await commit_afgifte(session)
    async with harness.sessionmaker() as session:
        stored: list[Base] = [
            await session.get_one(Toewijzing, created.id),
            await session.get_one(Client, client.id),
            await session.get_one(Indicatie, indicatie.id),
            await session.get_one(Beschikking, beschikking.id),
        ]
    assert client.id == uuid.UUID(client_id)
    for read, row in zip((created, client, indicatie, beschikking), stored, strict=True):
        assert inspect(read).transient
        assert columns_of(read) == columns_of(row)


def columns_of(instance: Base) -> dict[str, object]:
    values = {a.key: getattr(instance, a.key) for a in inspect(type(instance)).column_attrs}
    # asyncpg's UUID is a uuid.UUID of its own class: a type, not a different value.
    kinds = {key: uuid.UUID if isinstance(v, uuid.UUID) else type(v) for key, v in values.items()}
    return {key: (kinds[key], value) for key, value in values.items()}


async def test_racing_requests_leave_one_toewijzing_one_event_and_one_audit_record(
    toegang: Toegang, markt: Markt, harness: ServiceHarness[Settings]
) -> None:
    client_id, ind = await issued(toegang, markt)
    responses = await asyncio.gather(*(toegang.toewijzing(ind["id"], markt.agb) for _ in range(4)))
    (assigned,) = [r.json() for r in responses if r.status_code == 201]
    async with harness.sessionmaker() as session:
        client = await session.get_one(Client, uuid.UUID(client_id))
        rows = (
            await session.scalars(select(Toewijzing.id).where(Toewijzing.client_id == client.id))
        ).all()
        resources = (
            await session.scalars(
                select(AuditRecord.resource).where(
                    AuditRecord.client_pseudonym == client.pseudonym,
                    AuditRecord.handeling == "aanmaken",
                    AuditRecord.resource.startswith("toewijzingen/"),
                )
            )
        ).all()
    events = [
        e["data"]["toewijzingId"]
        for e in await queued(harness, ToewijzingAfgegeven.event_type)
        if e["data"]["clientPseudonym"] == client.pseudonym
    ]
    assert [str(r) for r in rows] == events == [assigned["id"]]
    assert resources == [f"toewijzingen/{assigned['id']}"]
