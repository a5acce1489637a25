"""Flow 6: the provider asks (Wmo315 for a toewijzing, Wmo317 for a change); the gateway answers
with a clean 316/318, and access decides by the segment's rules: a lumpsum coalition's fitting
315 is granted at once, otherwise a consultant decides within the deadline. Granted means a
Wmo301 carrying the provider's referentie, refused a Wmo319 with the reason."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from iwmo import validate
from iwmo.models import Wmo316, Wmo318, Wmo319
from wmo_common.calendar import add_months, today
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import (
    Clientdossier,
    Markt,
    Suite,
    expect,
    fresh_name,
    parse_retour,
    retourcodes,
    toegewezen,
    valid_wmo301,
    wait_for,
    xsd_dir,
)

GEEN_CONTRACT = "3"


def fresh_referentie() -> str:
    return f"V{uuid.uuid4().hex[:10]}"


async def verzoek_van(flow: Flow, agb: str, referentie: str) -> dict[str, Any] | None:
    page = expect(
        await flow.get("access", "/verzoeken", "consultant", aanbiederAgb=agb, pageSize=100), 200
    )
    found = [v for v in page["results"] if v["referentie"] == referentie]
    return found[0] if found else None


async def ask_toewijzing(
    flow: Flow, markt: Markt, client: Clientdossier, referentie: str
) -> tuple[date, date]:
    """The provider sends a 315 and gets a clean 316; returns the asked period."""
    ingang = today() + timedelta(days=7)
    eind = add_months(ingang, 6)
    ontvangst = await flow.send(
        markt.agb,
        Berichten(markt.agb).wmo315(client.bsn, referentie, markt.product, ingang, eind),
    )
    assert ontvangst["findings"] == []
    retour = parse_retour(ontvangst)
    assert isinstance(retour, Wmo316)
    assert retourcodes(retour) == []
    return ingang, eind


def product_code(markt: Markt) -> str:
    return markt.product["code"]


async def test_a_consultant_grants_a_wmo315_and_the_provider_gets_its_wmo301(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        client = await flow.register_client()
        referentie = fresh_referentie()
        ingang, eind = await ask_toewijzing(flow, markt, client, referentie)

        # In a P x Q segment the verzoek waits for a consultant, with its 5-working-day deadline.
        verzoek = await wait_for(
            "the verzoek in toegang's queue", lambda: verzoek_van(flow, markt.agb, referentie)
        )
        assert (verzoek["soort"], verzoek["status"]) == ("toewijzing", "in-behandeling")
        assert verzoek["clientId"] == client.id
        assert today() < date.fromisoformat(verzoek["deadline"]) <= today() + timedelta(9)
        taken = expect(await flow.get("access", "/taken", "consultant", soort="verzoek"), 200)
        assert any(t["verzoekId"] == verzoek["id"] for t in taken["results"])

        besluit = expect(
            await flow.once_toegang_knows_the_contract(
                f"/verzoeken/{verzoek['id']}/beslissingen",
                {"besluit": "toekennen", "segmentId": markt.segment_id},
            ),
            200,
        )
        assert besluit["status"] == "toegekend"
        assert besluit["overschreden"] is False
        [nummer] = besluit["toewijzingnummers"]

        row, _ = await flow.wmo301(markt.agb, nummer)
        product = toegewezen(valid_wmo301(row["xml"]), nummer)
        assert (product.ingangsdatum, product.einddatum) == (ingang, eind)
        # IV093: the answer names the verzoek it honours.
        assert product.referentie_aanbieder == referentie


async def test_a_consultant_refuses_a_wmo315_and_the_provider_gets_a_wmo319(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        client = await flow.register_client()
        referentie = fresh_referentie()
        await ask_toewijzing(flow, markt, client, referentie)
        verzoek = await wait_for(
            "the verzoek in toegang's queue", lambda: verzoek_van(flow, markt.agb, referentie)
        )

        besluit = expect(
            await flow.post(
                "access",
                f"/verzoeken/{verzoek['id']}/beslissingen",
                "consultant",
                {"besluit": "afwijzen", "redenAfwijzing": GEEN_CONTRACT},
            ),
            200,
        )
        assert (besluit["status"], besluit["redenAfwijzing"]) == ("afgewezen", GEEN_CONTRACT)
        assert besluit["toewijzingnummers"] == []

        _, wmo319 = await flow.wait_for_bericht(
            markt.agb,
            "WMO319",
            lambda m: isinstance(m, Wmo319) and m.antwoord.referentie_aanbieder == referentie,
            "a Wmo319 with the referentie",
        )
        assert wmo319.antwoord.verzoek_antwoord == "1"  # verzoek afgewezen
        assert wmo319.antwoord.reden_afwijzing_verzoek == GEEN_CONTRACT
        assert wmo319.header.ontvanger == markt.agb


async def test_a_fitting_wmo315_in_a_lumpsum_segment_is_granted_without_a_consultant(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        agb = fresh_agb()
        lumpsum = {"model": "taakgericht"}
        product = {"categorie": "02", "code": "02A01"}
        await flow.register_aanbieder(agb, "Coalitie")
        naam = fresh_name("Begeleiding lumpsum")
        segment_id = await flow.segment(naam)
        await flow.publish_strategie(segment_id, bekostiging=lumpsum, individuele_beschikking=False)
        await flow.catalogue_product(product)
        contract = await flow.active_contract(
            segment_id,
            [{"aanbiederAgb": agb, "naam": "Coalitie", "rol": "hoofdaannemer"}],
            product=product,
            bekostiging=lumpsum,
            ingangsdatum=date(today().year - 1, 1, 1),
        )
        markt = Markt(segment_id, naam, contract["id"], agb, product, date(today().year, 1, 1))
        # The coalition already serves a client: toegang knows its contract and the segment's
        # rules before the provider asks.
        await flow.client_in_zorg(markt, ingangsdatum=today(), einddatum=add_months(today(), 6))
        client = await flow.register_client()

        referentie = fresh_referentie()
        await ask_toewijzing(flow, markt, client, referentie)

        verzoek = await wait_for(
            "the verzoek granted by the segment's rules",
            lambda: _decided(flow, agb, referentie),
        )
        assert verzoek["status"] == "toegekend"
        assert verzoek["segmentId"] == segment_id
        [nummer] = verzoek["toewijzingnummers"]
        row, _ = await flow.wmo301(agb, nummer)
        product = toegewezen(valid_wmo301(row["xml"]), nummer)
        assert product.product.code == product_code(markt)
        # IV093: the answer names the verzoek it honours.
        assert product.referentie_aanbieder == referentie


async def _decided(flow: Flow, agb: str, referentie: str) -> dict[str, Any] | None:
    page = expect(
        await flow.get("access", "/verzoeken", "consultant", aanbiederAgb=agb, status="toegekend"),
        200,
    )
    found = [v for v in page["results"] if v["referentie"] == referentie]
    return found[0] if found else None


async def test_a_granted_wmo317_changes_the_toewijzing_under_its_number(suite: Suite) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        client, toewijzing = await flow.client_in_zorg(
            markt, ingangsdatum=start, einddatum=add_months(start, 12) - timedelta(days=1)
        )
        nummer = toewijzing["toewijzingnummer"]
        await flow.wmo301(markt.agb, nummer)

        referentie = fresh_referentie()
        korter = add_months(start, 6)
        ontvangst = await flow.send(
            markt.agb, Berichten(markt.agb).wmo317(client.bsn, referentie, toewijzing, korter)
        )
        assert ontvangst["findings"] == []
        retour = parse_retour(ontvangst)
        assert isinstance(retour, Wmo318)
        assert retourcodes(retour) == []

        verzoek = await wait_for(
            "the verzoek in toegang's queue", lambda: verzoek_van(flow, markt.agb, referentie)
        )
        assert verzoek["soort"] == "wijziging"
        besluit = expect(
            await flow.post(
                "access",
                f"/verzoeken/{verzoek['id']}/beslissingen",
                "consultant",
                {"besluit": "toekennen"},
            ),
            200,
        )
        assert besluit["status"] == "toegekend"
        assert besluit["toewijzingnummers"] == [nummer]

        gewijzigd = expect(await flow.read_toewijzing(toewijzing["id"]), 200)
        assert date.fromisoformat(gewijzigd["einddatum"]) == korter
        assert gewijzigd["status"] == "actief"
        row, _ = await flow.wmo301(markt.agb, nummer, einddatum=korter)
        product = toegewezen(valid_wmo301(row["xml"]), nummer)
        assert product.ingangsdatum == start
        # IV093: the answer names the verzoek it honours.
        assert product.referentie_aanbieder == referentie


def valid_wmo319(xml: str) -> Wmo319:
    """A Wmo319 as the gateway wrote it passes every layer of the codec and the official XSD."""
    result = validate(xml.encode(), expected=Wmo319, today=today(), xsd_dir=xsd_dir())
    assert result.findings == (), [f.as_json() for f in result.findings]
    assert isinstance(result.message, Wmo319)
    return result.message


async def test_a_wmo315_in_onderzoek_gets_a_wmo319_with_answer_2_and_stays_open_until_decided(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        client = await flow.register_client()
        referentie = fresh_referentie()
        ingang, eind = await ask_toewijzing(flow, markt, client, referentie)
        verzoek = await wait_for(
            "the verzoek in toegang's queue", lambda: verzoek_van(flow, markt.agb, referentie)
        )
        pad = f"/verzoeken/{verzoek['id']}/beslissingen"

        onderzoek = expect(
            await flow.post("access", pad, "consultant", {"besluit": "in-onderzoek"}), 200
        )
        assert (onderzoek["status"], onderzoek["inOnderzoek"]) == ("in-behandeling", True)
        # The final answer is due 8 weeks after the verzoek came in.
        assert date.fromisoformat(onderzoek["deadline"]) == date.fromisoformat(
            verzoek["ontvangenOp"]
        ) + timedelta(weeks=8)

        row, _ = await flow.wait_for_bericht(
            markt.agb,
            "WMO319",
            lambda m: isinstance(m, Wmo319) and m.antwoord.referentie_aanbieder == referentie,
            "a Wmo319 in onderzoek",
        )
        wmo319 = valid_wmo319(row["xml"])
        assert wmo319.antwoord.verzoek_antwoord == "2"  # aanvraag in onderzoek
        assert wmo319.antwoord.reden_afwijzing_verzoek is None  # CD086

        # Still open (TR374): another 315 for this client from this provider is refused.
        berichten = Berichten(markt.agb)
        berichten.volgnummer = 1  # the first 315 used number 1
        tweede = await flow.send(
            markt.agb,
            berichten.wmo315(client.bsn, fresh_referentie(), markt.product, ingang, eind),
        )
        assert "9374" in retourcodes(parse_retour(tweede))

        # Saying "in onderzoek" again changes nothing and sends no second 319 (TR360).
        expect(await flow.post("access", pad, "consultant", {"besluit": "in-onderzoek"}), 200)

        # The consultant decides later: the Wmo301 carrying the referentie follows.
        besluit = expect(
            await flow.once_toegang_knows_the_contract(
                pad, {"besluit": "toekennen", "segmentId": markt.segment_id}
            ),
            200,
        )
        assert besluit["status"] == "toegekend"
        [nummer] = besluit["toewijzingnummers"]
        wmo301, _ = await flow.wmo301(markt.agb, nummer)
        product = toegewezen(valid_wmo301(wmo301["xml"]), nummer)
        assert product.referentie_aanbieder == referentie
        antwoorden = [
            valid_wmo319(r["xml"]).antwoord
            for r in await flow.uitgaande_berichten(markt.agb, "WMO319")
        ]
        assert [a.verzoek_antwoord for a in antwoorden if a.referentie_aanbieder == referentie] == [
            "2"
        ]
