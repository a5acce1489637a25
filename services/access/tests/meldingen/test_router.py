from datetime import timedelta

import httpx
from sqlalchemy import select

from wmo_access.settings import Settings
from wmo_common.audit import AuditRecord
from wmo_testing.access import TODAY, Toegang
from wmo_testing.harness import ServiceHarness


async def test_overdue_onderzoeken_and_beschikkingen_are_listed_per_gemeente(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    toegang = Toegang(client, harness)
    tilburg = await toegang.register_client()
    dongen = await toegang.register_client(gemeentecode="0766", gebied=None)
    oud = TODAY - timedelta(weeks=7)
    late = await toegang.ok(
        "meldingen",
        {"clientId": tilburg["id"], "meldingsdatum": oud.isoformat(), "omschrijving": "a"},
    )
    await toegang.ok(
        "meldingen",
        {"clientId": tilburg["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "b"},
    )
    await toegang.ok(
        "meldingen",
        {"clientId": dongen["id"], "meldingsdatum": oud.isoformat(), "omschrijving": "c"},
    )
    assert late["termijnDatum"] == (oud + timedelta(weeks=6)).isoformat()
    overdue = await client.get(
        "/api/v1/meldingen",
        params={"gemeentecode": "0855", "termijnOverschreden": "true"},
        headers=toegang.consultant,
    )
    assert [m["id"] for m in overdue.json()["results"]] == [late["id"]]

    aanvraag = await toegang.ok(
        "aanvragen",
        {"clientId": tilburg["id"], "aanvraagdatum": (TODAY - timedelta(days=15)).isoformat()},
    )
    on_time = await toegang.ok(
        "aanvragen", {"clientId": tilburg["id"], "aanvraagdatum": TODAY.isoformat()}
    )
    late_aanvragen = await client.get(
        "/api/v1/aanvragen",
        params={"gemeentecode": "0855", "termijnOverschreden": "true"},
        headers=toegang.consultant,
    )
    ids = [a["id"] for a in late_aanvragen.json()["results"]]
    assert ids == [aanvraag["id"]]
    assert on_time["id"] not in ids


async def test_a_persoonlijk_plan_after_seven_days_is_refused(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    toegang = Toegang(client, harness)
    klant = await toegang.register_client()
    melding = await toegang.ok(
        "meldingen",
        {"clientId": klant["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "x"},
    )
    onderzoek = await toegang.ok(
        "onderzoeken", {"meldingId": melding["id"], "startdatum": TODAY.isoformat()}
    )
    path = f"onderzoeken/{onderzoek['id']}/persoonlijk-plan"
    late = await toegang.post(
        path, {"ontvangenOp": (TODAY + timedelta(days=8)).isoformat(), "inhoud": "Mijn plan"}
    )
    assert late.status_code == 409
    assert late.json()["type"].endswith("/persoonlijk-plan-te-laat")
    attached = await toegang.ok(
        path, {"ontvangenOp": (TODAY + timedelta(days=7)).isoformat(), "inhoud": "Mijn plan"}
    )
    assert attached["persoonlijkPlan"] == "Mijn plan"
    plan = await toegang.post(
        "ondersteuningsplannen",
        {
            "onderzoekId": onderzoek["id"],
            "vastgesteldOp": TODAY.isoformat(),
            "resultaten": [
                {"omschrijving": "a", "meetcriterium": "b", "streefdatum": TODAY.isoformat()}
            ],
            "evaluatiemomenten": [TODAY.isoformat()],
        },
    )
    assert plan.status_code == 409
    assert plan.json()["type"].endswith("/onderzoek-niet-afgerond")


async def test_every_read_of_a_clients_file_is_in_the_audit_log(
    client: httpx.AsyncClient, harness: ServiceHarness[Settings]
) -> None:
    toegang = Toegang(client, harness)
    klant = await toegang.register_client()
    melding = await toegang.ok(
        "meldingen",
        {"clientId": klant["id"], "meldingsdatum": TODAY.isoformat(), "omschrijving": "x"},
    )
    auditor = harness.headers("auditor", subject="auditor-1")
    assert (
        await client.get(f"/api/v1/meldingen/{melding['id']}", headers=auditor)
    ).status_code == 200
    assert (await client.get(f"/api/v1/clienten/{klant['id']}", headers=auditor)).status_code == 200
    async with harness.sessionmaker() as session:
        rows = await session.execute(
            select(AuditRecord.resource, AuditRecord.handeling).where(
                AuditRecord.actor == "auditor-1"
            )
        )
        assert sorted(rows.all()) == [
            (f"clienten/{klant['id']}", "lezen"),
            (f"meldingen/{melding['id']}", "lezen"),
        ]
