"""Flow 10: facts of the delivery that the standard carries and toegang keeps. The provider's
reason for a stop (RedenBeeindiging of its Wmo307) is visible on the toewijzing and in the
dossier; a client who moves keeps the one record: within the region the toewijzing continues
and the provider gets its Wmo301 again with the new address, leaving the region ends it on the
date of the move with RedenWijziging 07 (verhuizing) in a Wmo301 and refuses a verzoek still open
with RedenAfwijzingVerzoek 5 (andere gemeente) in a Wmo319."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from iwmo.models import Wmo301, Wmo319
from wmo_common.calendar import add_months, today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.suite import (
    GEMEENTE,
    Suite,
    expect,
    first_of_previous_month,
    toegewezen,
    valid_wmo301,
    wait_for,
)

VERHUIZING_NAAR_ANDERE_GEMEENTE = "31"  # RedenBeeindiging (WMO588)
REDEN_VERHUIZING = "07"  # RedenWijziging (WMO002)
GOIRLE = "0785"  # a gemeente of the region (Hart van Brabant)
AMSTERDAM = "0363"  # outside the region
ANDERE_GEMEENTE = "5"  # RedenAfwijzingVerzoek (WJ759)
NIEUW_ADRES = {
    "straatnaam": "Tilburgseweg",
    "huisnummer": 7,
    "postcode": "5051AB",
    "plaatsnaam": "Goirle",
}


def postcodes(message: Wmo301) -> set[str | None]:
    return {c.adres.postcode for c in message.client.contactgegevens if c.adres is not None}


async def move(
    flow: Flow, client_id: str, gemeentecode: str, verhuisdatum: date, adres: dict[str, Any]
) -> dict[str, Any]:
    """The consultant records the move on the client version just read (If-Match)."""
    read = await flow.get("access", f"/clienten/{client_id}", "consultant")
    expect(read, 200)
    body: dict[str, Any] = {
        "adres": adres,
        "gemeentecode": gemeentecode,
        "verhuisdatum": verhuisdatum.isoformat(),
    }
    if gemeentecode == GOIRLE:
        body["gebied"] = "West"
    moved: dict[str, Any] = expect(
        await flow.post(
            "access",
            f"/clienten/{client_id}/verhuizingen",
            "consultant",
            body,
            headers={"If-Match": read.headers["ETag"]},
        ),
        200,
    )
    return moved


async def test_the_reden_beeindiging_of_a_wmo307_shows_on_the_toewijzing_and_in_the_dossier(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = first_of_previous_month()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        await flow.wmo301(markt.agb, toewijzing["toewijzingnummer"])
        berichten = Berichten(markt.agb)
        gestart = await flow.send(markt.agb, berichten.wmo305(client.bsn, toewijzing, start))
        assert gestart["findings"] == []
        stop = today() - timedelta(days=1)
        gestopt = await flow.send(
            markt.agb,
            berichten.wmo307(client.bsn, toewijzing, start, stop, VERHUIZING_NAAR_ANDERE_GEMEENTE),
        )
        assert gestopt["findings"] == []

        async def stopped() -> dict[str, Any] | None:
            read: dict[str, Any] = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
            return read if read["leveringsstatus"] == "gestopt" else None

        read = await wait_for("access records the stop", stopped)
        assert read["redenBeeindiging"] == VERHUIZING_NAAR_ANDERE_GEMEENTE
        assert date.fromisoformat(read["zorgEinddatum"]) == stop
        # The stop ends the toewijzing with the RedenWijziging that matches reden 31.
        assert (read["status"], read["redenWijziging"]) == ("beeindigd", REDEN_VERHUIZING)

        lijst = expect(
            await flow.get(
                "access", "/toewijzingen", "consultant", clientId=client.id, pageSize=10
            ),
            200,
        )
        assert [t["redenBeeindiging"] for t in lijst["results"]] == ["31"]
        dossier = expect(
            await flow.get("access", f"/clienten/{client.id}/dossier", "consultant"), 200
        )
        [in_dossier] = dossier["toewijzingen"]["results"]
        assert in_dossier["redenBeeindiging"] == VERHUIZING_NAAR_ANDERE_GEMEENTE
        assert date.fromisoformat(in_dossier["zorgEinddatum"]) == stop


async def test_a_move_within_the_region_keeps_the_toewijzing_and_resends_its_wmo301_with_the_new_address(  # noqa: E501
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        nummer = toewijzing["toewijzingnummer"]
        eerste, _ = await flow.wmo301(markt.agb, nummer)

        moved = await move(flow, client.id, GOIRLE, today() + timedelta(days=3), NIEUW_ADRES)
        assert (moved["gemeentecode"], moved["gebied"]) == (GOIRLE, "West")
        assert moved["adres"]["postcode"] == "5051AB"

        row, _ = await flow.wait_for_bericht(
            markt.agb,
            "WMO301",
            lambda m: isinstance(m, Wmo301) and "5051AB" in postcodes(m),
            "a Wmo301 with the new address",
        )
        assert row["id"] != eerste["id"]
        message = valid_wmo301(row["xml"])
        # The same assignment, unchanged: same number, period and version, no RedenWijziging.
        product = toegewezen(message, nummer)
        assert product.reden_wijziging is None
        assert (product.ingangsdatum, product.einddatum) == (
            date.fromisoformat(toewijzing["ingangsdatum"]),
            date.fromisoformat(toewijzing["einddatum"]),
        )
        # The gemeente that issued the toewijzing keeps it (its number, the provider's 305/307
        # and 323 stay with it); the client's record has the new gemeente.
        assert message.header.afzender == GEMEENTE
        read = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
        assert (read["status"], read["gemeentecode"]) == ("actief", GEMEENTE)
        assert read["einddatum"] == toewijzing["einddatum"]


async def test_leaving_the_region_ends_the_toewijzing_on_the_move_with_reden_verhuizing(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)

        verhuisdatum = today() + timedelta(days=14)
        adres = {"straatnaam": "Damrak", "huisnummer": 1, "postcode": "1012LG"}
        moved = await move(flow, client.id, AMSTERDAM, verhuisdatum, adres)
        assert (moved["gemeentecode"], moved["gebied"]) == (AMSTERDAM, None)
        # The BSN stays the key: still one client record.
        gezocht = expect(
            await flow.post("access", "/clienten/_zoek", "consultant", {"bsn": client.bsn}), 200
        )
        assert [c["id"] for c in gezocht["results"]] == [client.id]

        read = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
        assert (read["status"], read["redenWijziging"]) == ("beeindigd", REDEN_VERHUIZING)
        assert date.fromisoformat(read["einddatum"]) == verhuisdatum

        row, _ = await flow.wmo301(markt.agb, nummer, einddatum=verhuisdatum)
        product = toegewezen(valid_wmo301(row["xml"]), nummer)
        assert product.reden_wijziging == REDEN_VERHUIZING


async def test_leaving_the_region_refuses_an_open_verzoek_with_reden_andere_gemeente(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        client = await flow.register_client()
        referentie = f"V{uuid.uuid4().hex[:10]}"
        ingang = today() + timedelta(days=7)
        ontvangst = await flow.send(
            markt.agb,
            Berichten(markt.agb).wmo315(
                client.bsn, referentie, markt.product, ingang, add_months(ingang, 6)
            ),
        )
        assert ontvangst["findings"] == []

        async def open_verzoek() -> dict[str, Any] | None:
            page = expect(
                await flow.get("access", "/verzoeken", "consultant", clientId=client.id), 200
            )
            return next((v for v in page["results"] if v["referentie"] == referentie), None)

        verzoek = await wait_for("the verzoek in toegang's queue", open_verzoek)
        assert verzoek["status"] == "in-behandeling"

        adres = {"straatnaam": "Damrak", "huisnummer": 1, "postcode": "1012LG"}
        await move(flow, client.id, AMSTERDAM, today() + timedelta(days=14), adres)

        beslist = expect(await flow.get("access", f"/verzoeken/{verzoek['id']}", "consultant"), 200)
        assert (beslist["status"], beslist["redenAfwijzing"]) == ("afgewezen", ANDERE_GEMEENTE)
        _, wmo319 = await flow.wait_for_bericht(
            markt.agb,
            "WMO319",
            lambda m: isinstance(m, Wmo319) and m.antwoord.referentie_aanbieder == referentie,
            "a Wmo319 refusing the verzoek",
        )
        assert wmo319.antwoord.verzoek_antwoord == "1"  # verzoek afgewezen
        assert wmo319.antwoord.reden_afwijzing_verzoek == ANDERE_GEMEENTE
