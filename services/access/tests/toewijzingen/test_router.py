import uuid
from datetime import timedelta

from wmo_access.settings import Settings
from wmo_common.events.access import TOEWIJZINGEN
from wmo_common.events.common import Product
from wmo_common.events.contracting import CONTRACTEN, ContractBeeindigd
from wmo_common.events.providers import (
    AANBIEDERS,
    AanbiederGeregistreerd,
    AanbiederGesignaleerd,
    Capaciteit,
    SignaleringOpgeheven,
)
from wmo_common.privacy import FieldCipher
from wmo_testing.access import (
    PRODUCT,
    START,
    TODAY,
    Markt,
    Toegang,
    contract,
    indicatie,
    issued,
    kafka_tail,
    problem_type,
    queued,
    random_agb,
)
from wmo_testing.harness import Drained, Publish, ServiceHarness

AFGEGEVEN = "nl.wmo.toewijzingen.toewijzing-afgegeven.v1"
GEWIJZIGD = "nl.wmo.toewijzingen.toewijzing-gewijzigd.v1"
BEEINDIGD = "nl.wmo.toewijzingen.toewijzing-beeindigd.v1"


async def test_the_whole_path_from_melding_to_a_wmo301_on_kafka(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    client = await toegang.register_client(bsn="999993653")
    beschikking = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
    assert beschikking["status"] == "afgegeven"
    [ind] = beschikking["indicaties"]
    async with kafka_tail(TOEWIJZINGEN) as tail:
        created = await toegang.toewijzing(ind["id"], markt.agb)
        assert created.status_code == 201, created.text
        toewijzing = created.json()
        envelope = await tail.find(toewijzing["id"], AFGEGEVEN)

    data = envelope.data
    assert data["toewijzingnummer"] == toewijzing["toewijzingnummer"]
    assert toewijzing["toewijzingnummer"].isdigit()
    assert len(toewijzing["toewijzingnummer"]) <= 8
    assert data["beschikkingId"] == beschikking["id"]
    assert data["beschikkingnummer"] == beschikking["beschikkingnummer"]
    assert data["aanbiederAgb"] == markt.agb
    assert data["gemeentecode"] == "0855"
    assert data["product"] == PRODUCT
    assert data["ingangsdatum"] == ind["ingangsdatum"]
    assert data["einddatum"] == ind["einddatum"]
    assert data["omvang"] == {"volume": 4, "eenheid": "04", "frequentie": "2"}
    assert data["segmentId"] == str(markt.segment_id)
    assert data["gebied"] == "Tilburg"
    assert data["toewijzingstijd"]
    assert "999993653" not in envelope.to_bytes().decode()
    opened = FieldCipher(harness.settings.field_key_gateway or "", "gateway").decrypt(
        data["clientGegevens"]
    )
    assert opened == {
        "bsn": "999993653",
        "geboortedatum": "1948-03-12",
        "geslacht": "2",
        "voornamen": "Johanna Maria",
        "achternaam": "de Vries",
        "adres": {
            "soort": "01",
            "straatnaam": "Spoorlaan",
            "huisnummer": 12,
            "huisletter": None,
            "huisnummertoevoeging": None,
            "postcode": "5038AB",
            "plaatsnaam": "Tilburg",
            "landcode": "NL",
        },
    }
    [afgegeven] = await queued(harness, "nl.wmo.indicaties.beschikking-afgegeven.v1")
    assert afgegeven["data"]["indicaties"][0]["indicatieId"] == ind["id"]


async def test_the_wmo301_client_data_carries_name_parts_address_and_phone_for_the_gateway(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    client = await toegang.register_client(
        achternaam="Vries",
        voorvoegsel="de",
        voorletters="JM",
        adres={
            "soort": "03",
            "straatnaam": "Stationsstraat",
            "huisnummer": 7,
            "huisletter": "b",
            "huisnummertoevoeging": "bis",
            "postcode": "5038 ab",
            "plaatsnaam": "Tilburg",
        },
        telefoon="0135551234",
        emailadres="j.devries@example.nl",
    )
    beschikking = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert created.status_code == 201, created.text
    [event] = await queued(harness, AFGEGEVEN)
    opened = FieldCipher(harness.settings.field_key_gateway or "", "gateway").decrypt(
        event["data"]["clientGegevens"]
    )
    assert opened == {
        "bsn": client["bsn"],
        "geboortedatum": "1948-03-12",
        "geslacht": "2",
        "voornamen": "Johanna Maria",
        "achternaam": "Vries",
        "voorvoegsel": "de",
        "voorletters": "JM",
        "adres": {
            "soort": "03",
            "straatnaam": "Stationsstraat",
            "huisnummer": 7,
            "huisletter": "b",
            "huisnummertoevoeging": "bis",
            "postcode": "5038AB",
            "plaatsnaam": "Tilburg",
            "landcode": "NL",
        },
        "telefoon": "0135551234",
    }
    # Only what a Wmo301 needs leaves toegang; nothing personal travels in clear text.
    assert "emailadres" not in opened
    assert "Stationsstraat" not in str(event)


async def test_a_client_reached_by_phone_only_can_be_assigned(
    toegang: Toegang, harness: ServiceHarness[Settings], markt: Markt
) -> None:
    client = await toegang.register_client(adres=None, telefoon="0612345678")
    beschikking = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
    created = await toegang.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
    assert created.status_code == 201, created.text
    [event] = await queued(harness, AFGEGEVEN)
    opened = FieldCipher(harness.settings.field_key_gateway or "", "gateway").decrypt(
        event["data"]["clientGegevens"]
    )
    assert opened["telefoon"] == "0612345678"
    assert "adres" not in opened
    assert "voorletters" not in opened


async def test_a_client_without_address_or_phone_is_not_assigned_until_one_is_recorded(
    toegang: Toegang, markt: Markt
) -> None:
    client = await toegang.register_client(adres=None)
    beschikking = await toegang.beschikking(client["id"], [indicatie(markt.segment_id)])
    ind = beschikking["indicaties"][0]["id"]
    refused = await toegang.toewijzing(ind, markt.agb)
    assert refused.status_code == 409
    assert problem_type(refused) == "contactgegevens-ontbreken"

    read = await toegang.client.get(f"/api/v1/clienten/{client['id']}", headers=toegang.consultant)
    changed = await toegang.client.put(
        f"/api/v1/clienten/{client['id']}/contactgegevens",
        json={"telefoon": "0135551234"},
        headers=toegang.consultant | {"If-Match": read.headers["ETag"]},
    )
    assert changed.status_code == 200, changed.text
    assert (await toegang.toewijzing(ind, markt.agb)).status_code == 201


async def test_only_an_aanbieder_with_a_matching_active_contract_is_assigned(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    _, ind = await issued(toegang, markt)
    stranger = await toegang.toewijzing(ind["id"], random_agb())
    assert stranger.status_code == 409
    assert problem_type(stranger) == "geen-actief-contract"

    elders = random_agb()
    await publish(contract(markt.segment_id, [(elders, "hoofdaannemer")], gebieden=("Heusden",)))
    ander_product = random_agb()
    await publish(
        contract(
            markt.segment_id,
            [(ander_product, "hoofdaannemer")],
            product={"categorie": "07", "code": "07A01"},
        )
    )
    await publish(ContractBeeindigd(contract_id=markt.contract_id, einddatum=TODAY, reden="einde"))
    await drained("contracten", [CONTRACTEN])
    for agb in (elders, ander_product, markt.agb):
        refused = await toegang.toewijzing(ind["id"], agb)
        assert refused.status_code == 409
        assert problem_type(refused) == "geen-actief-contract"
        assert agb in refused.json()["detail"]


async def test_a_combinant_of_the_coalition_may_be_assigned(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    combinant = random_agb()
    await publish(
        contract(markt.segment_id, [(random_agb(), "hoofdaannemer"), (combinant, "combinant")])
    )
    await drained("contracten", [CONTRACTEN])
    _, ind = await issued(toegang, markt)
    assert (await toegang.toewijzing(ind["id"], combinant)).status_code == 201


async def test_a_blocking_signalering_refuses_toewijzingen_until_it_is_lifted(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    _, ind = await issued(toegang, markt)
    aanbieder_id, signalering_id = uuid.uuid4(), uuid.uuid4()
    await publish(
        AanbiederGesignaleerd(
            aanbieder_id=aanbieder_id,
            signalering_id=signalering_id,
            agb=markt.agb,
            reden="wachttijd boven norm",
            blokkeert_toewijzing=True,
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    blocked = await toegang.toewijzing(ind["id"], markt.agb)
    assert blocked.status_code == 409
    assert problem_type(blocked) == "aanbieder-gesignaleerd"

    await publish(
        SignaleringOpgeheven(
            aanbieder_id=aanbieder_id, signalering_id=signalering_id, agb=markt.agb, reden="ok"
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    assert (await toegang.toewijzing(ind["id"], markt.agb)).status_code == 201


async def test_an_aanbieder_without_a_free_place_is_refused(
    toegang: Toegang, markt: Markt, publish: Publish, drained: Drained
) -> None:
    await publish(
        AanbiederGeregistreerd(
            aanbieder_id=uuid.uuid4(),
            agb=markt.agb,
            naam="Zorg BV",
            capaciteit=[Capaciteit(product=Product.model_validate(PRODUCT), plaatsen=1)],
        )
    )
    await drained("aanbieders", [AANBIEDERS])
    _, first = await issued(toegang, markt)
    _, second = await issued(toegang, markt)
    assert (await toegang.toewijzing(first["id"], markt.agb)).status_code == 201
    full = await toegang.toewijzing(second["id"], markt.agb)
    assert full.status_code == 409
    assert problem_type(full) == "geen-capaciteit"


async def test_one_indicatie_is_assigned_once(toegang: Toegang, markt: Markt) -> None:
    _, ind = await issued(toegang, markt)
    assert (await toegang.toewijzing(ind["id"], markt.agb)).status_code == 201
    again = await toegang.toewijzing(ind["id"], markt.agb)
    assert again.status_code == 409
    assert problem_type(again) == "indicatie-al-toegewezen"


async def test_no_toewijzing_for_a_product_and_period_covered_by_a_pgb(
    toegang: Toegang, markt: Markt
) -> None:
    client = await toegang.register_client()
    pgb = indicatie(markt.segment_id, leveringsvorm="pgb", omvang=None, budgetCents=250_000)
    zin = indicatie(
        markt.segment_id,
        ingangsdatum=(START + timedelta(days=30)).isoformat(),
        einddatum=(START + timedelta(days=120)).isoformat(),
    )
    beschikking = await toegang.beschikking(client["id"], [pgb, zin])
    by_vorm = {i["leveringsvorm"]: i for i in beschikking["indicaties"]}
    for indicatie_id in (by_vorm["pgb"]["id"], by_vorm["zin"]["id"]):
        refused = await toegang.toewijzing(indicatie_id, markt.agb)
        assert refused.status_code == 409
        assert problem_type(refused) == "toewijzing-overlapt-pgb"


async def test_an_end_date_past_the_segment_maximum_is_refused(
    toegang: Toegang, markt: Markt
) -> None:
    client = await toegang.register_client()
    aanvraag = await toegang.aanvraag(client["id"])
    too_long = indicatie(markt.segment_id, einddatum=(START + timedelta(days=400)).isoformat())
    response = await toegang.post(
        "beschikkingen", {"aanvraagId": aanvraag["id"], "indicaties": [too_long]}
    )
    assert response.status_code == 409
    assert problem_type(response) == "segmentregels-geschonden"
    [param] = response.json()["invalidParams"]
    assert param["name"] == "indicaties.0.einddatum"
    assert "12 maanden" in param["reason"]
