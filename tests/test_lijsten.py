"""Lists for front ends, through the real services: a client's screen lists its toewijzingen by
client and status, newest first, and the aanbieder's financial screen lists the verplichtingen
that toegang's toewijzingen created in financiën and the declaraties the aanbieder sent, by
aanbieder. An aanbieder asking for another one's declaraties is refused."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from wmo_common.calendar import add_months
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import TARIEF_CENTS, Suite, expect, first_of_previous_month, wait_for


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["results"]]


async def test_a_front_end_lists_a_clients_toewijzingen_and_the_aanbieders_finances(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = first_of_previous_month()
        later = add_months(start, 5)
        client = await flow.register_client()
        beschikking = await flow.beschikking(
            client.id,
            [
                flow.indicatie(markt.segment_id, markt.product, start, add_months(start, 4)),
                flow.indicatie(markt.segment_id, markt.product, later, add_months(start, 11)),
            ],
        )
        eerste, tweede = [
            await flow.toewijzing(ind["id"], markt.agb) for ind in beschikking["indicaties"]
        ]
        # Another client of the same aanbieder: the client's screen never shows it.
        _, andere = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 6)
        )
        gelezen = await flow.read_toewijzing(tweede["id"])
        expect(
            await flow.post(
                "access",
                f"/toewijzingen/{tweede['id']}/beeindigingen",
                "consultant",
                {"einddatum": add_months(later, 1).isoformat(), "redenWijziging": "05"},
                headers={"If-Match": gelezen.headers["ETag"]},
            ),
            200,
        )

        nieuwste_eerst = expect(
            await flow.get(
                "access", "/toewijzingen", "consultant", clientId=client.id, sort="-ingangsdatum"
            ),
            200,
        )
        assert ids(nieuwste_eerst) == [tweede["id"], eerste["id"]]
        actief = expect(
            await flow.get(
                "access",
                "/toewijzingen",
                "consultant",
                clientId=client.id,
                status="actief",
                sort="-ingangsdatum",
            ),
            200,
        )
        assert ids(actief) == [eerste["id"]]
        beeindigd = expect(
            await flow.get(
                "access", "/toewijzingen", "consultant", clientId=client.id, status="beeindigd"
            ),
            200,
        )
        assert ids(beeindigd) == [tweede["id"]]

        # Financiën made a verplichting of each toewijzing, listed per aanbieder, newest first.
        nummers = [t["toewijzingnummer"] for t in (tweede, andere, eerste)]

        async def alle_verplichtingen() -> list[str] | None:
            page = expect(
                await flow.get(
                    "finance",
                    "/verplichtingen",
                    "controller",
                    aanbiederAgb=markt.agb,
                    sort="-ingangsdatum,toewijzingnummer",
                ),
                200,
            )
            found = [v["toewijzingnummer"] for v in page["results"]]
            return found if len(found) == 3 else None

        gevonden = await wait_for("financiën has the three verplichtingen", alle_verplichtingen)
        assert gevonden[0] == tweede["toewijzingnummer"]
        assert sorted(gevonden) == sorted(nummers)

        # The aanbieder declares a month of care; its declaraties are listed by its AGB code.
        await flow.wmo301(markt.agb, eerste["toewijzingnummer"])
        maand = (start, add_months(start, 1) - timedelta(days=1))
        nummer = f"D{uuid.uuid4().hex[:10]}"
        referentie = f"R{uuid.uuid4().hex[:8]}"
        xml = Berichten(markt.agb).wmo323(
            nummer, maand, [(client.bsn, referentie, eerste, maand, 4, TARIEF_CENTS)]
        )
        await flow.send(markt.agb, xml)

        async def gedeclareerd() -> list[dict[str, Any]] | None:
            page = expect(
                await flow.get(
                    "finance",
                    "/declaraties",
                    "controller",
                    aanbiederAgb=markt.agb,
                    sort="-declaratiedatum",
                ),
                200,
            )
            results: list[dict[str, Any]] = page["results"]
            return results or None

        [declaratie] = await wait_for("financiën judged the declaratie", gedeclareerd)
        assert (declaratie["declaratienummer"], declaratie["aanbiederAgb"]) == (nummer, markt.agb)
        eigen = expect(
            await flow.get(
                "finance", "/declaraties", "provider", agb=markt.agb, sort="-beoordeeldAt"
            ),
            200,
        )
        assert ids(eigen) == [declaratie["id"]]
        van_een_ander = await flow.get(
            "finance", "/declaraties", "provider", agb=markt.agb, aanbiederAgb=fresh_agb()
        )
        assert van_een_ander.status_code == 403
        onbekend = await flow.get("finance", "/declaraties", "controller", sort="bsn")
        assert onbekend.status_code == 400
        assert "declaratiedatum" in onbekend.json()["invalidParams"][0]["reason"]
