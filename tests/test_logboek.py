"""The Logboek Dataverwerkingen across the suite: an auditor asks access, by BSN, who processed
a citizen's data anywhere in the suite (AVG art. 15), and every service's part is found."""

from __future__ import annotations

from typing import Any

from wmo_testing.nummers import fresh_bsn
from wmo_testing.suite import Suite, SuiteClient, expect, pseudonym

SERVICES = {"access", "contracting", "providers", "finance", "gateway"}


async def test_an_auditor_finds_every_services_processing_of_a_client_by_bsn(suite: Suite) -> None:
    bsn = fresh_bsn()
    async with SuiteClient(suite) as http:
        client = expect(
            await http.post(
                "access",
                "/clienten",
                "consultant",
                {
                    "bsn": bsn,
                    "voornamen": "Johanna",
                    "achternaam": "de Vries",
                    "geboortedatum": "1948-03-12",
                    "geslacht": "2",
                    "gemeentecode": "0855",
                },
            ),
            201,
        )
        first: dict[str, Any] = expect(
            await http.post("access", "/verwerkingen/_zoek", "auditor", {"bsn": bsn}), 200
        )
        assert first["onvolledig"] == []
        assert [(v["service"], v["handeling"]) for v in first["results"]] == [
            ("access", "aanmaken")
        ]
        assert first["results"][0]["resource"] == f"clienten/{client['id']}"

        # The first search was itself processing, recorded in every service it asked.
        second = expect(
            await http.post("access", "/verwerkingen/_zoek", "auditor", {"bsn": bsn}), 200
        )
        inzage = [v for v in second["results"] if v["verwerkingsactiviteit"] != "clientregistratie"]
        assert {v["service"] for v in inzage} == SERVICES
        assert {v["clientPseudonym"] for v in second["results"]} == {pseudonym(bsn)}
        assert bsn not in str(second)

        refused = await http.post("access", "/verwerkingen/_zoek", "consultant", {"bsn": bsn})
        assert refused.status_code == 403
        for service in SERVICES - {"access"}:
            own = expect(
                await http.get(service, "/verwerkingen", "auditor", clientPseudonym=pseudonym(bsn)),
                200,
            )
            assert own["count"] >= 1
