"""Flow 8a, taakgericht (lumpsum): a coalition contract with products and a task budget, no
tarieven, from gunning to toewijzing, the termijnen per gemeente and the werkverdeling; a Wmo323
on a lumpsum toewijzing refused. Hand-computed amounts; the rules: docs/bekostiging.md."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx

from iwmo.models import Wmo325
from tests.bekostigingsmarkt import (
    GOIRLE,
    NIET_DECLAREERBAAR,
    PRODUCT,
    active_contract,
    in_zorg,
    indicatie,
    market,
    partij,
    started,
    verplichting,
)
from wmo_common.calendar import add_months
from wmo_testing.aanbieder import Berichten
from wmo_testing.flows import Flow
from wmo_testing.nummers import fresh_agb
from wmo_testing.suite import (
    GEBIED,
    GEMEENTE,
    TARIEF_CENTS,
    Suite,
    expect,
    first_of_previous_month,
    fresh_name,
    problem_slug,
    wait_for,
)


async def lumpsum_coalitie(flow: Flow) -> tuple[str, str, dict[str, Any]]:
    """A coalition (hoofdaannemer and combinant) wins the perceel Tilburg of a lumpsum tender and
    gets a contract with its product and a task budget of 120 000 euro a year, no tarieven, paid
    by Tilburg for 60 % and Goirle for 40 %."""
    hoofdaannemer, combinant = fresh_agb(), fresh_agb()
    lumpsum = {
        "model": "taakgericht",
        "kortingspercentage": "6",
        "uitvoeringsbijdragePercentage": "15",
    }
    segment_id, _ = await market(
        flow, lumpsum, (hoofdaannemer, "hoofdaannemer"), (combinant, "combinant")
    )
    aanbesteding = expect(
        await flow.post(
            "contracting",
            "/aanbestedingen",
            "contract-manager",
            {
                "segmentId": segment_id,
                "naam": fresh_name("Begeleiding lumpsum"),
                "procedure": "partnerschap",
                "percelen": [{"naam": "Perceel Tilburg", "gebied": GEBIED}],
            },
        ),
        201,
    )
    perceel = aanbesteding["percelen"][0]
    expect(
        await flow.post(
            "contracting",
            f"/aanbestedingen/{aanbesteding['id']}/percelen/{perceel['id']}/gunningen",
            "contract-manager",
            {"partijen": [partij(hoofdaannemer, "hoofdaannemer"), partij(combinant, "combinant")]},
        ),
        201,
    )
    contract = await active_contract(
        flow,
        segment_id,
        perceelId=perceel["id"],
        bekostiging=lumpsum,
        partijen=[partij(hoofdaannemer, "hoofdaannemer"), partij(combinant, "combinant")],
        producten=[PRODUCT],
        taakbudgetCents=12_000_000,
        verdeelsleutel=[
            {"gemeentecode": GEMEENTE, "percentage": "60"},
            {"gemeentecode": GOIRLE, "percentage": "40"},
        ],
    )
    assert contract["tarieven"] == []
    return hoofdaannemer, combinant, contract


async def test_a_lumpsum_coalition_contract_without_tarieven_runs_from_gunning_to_werkverdeling(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        hoofdaannemer, combinant, contract = await lumpsum_coalitie(flow)
        segment_id = contract["segmentId"]
        van = first_of_previous_month()
        tot = add_months(van, 1) - timedelta(days=1)
        einde = add_months(van, 6)

        # Toegang assigns under the contract's product list, though it has no tarief; the
        # combinant serves a client for the coalition.
        bij_h = await in_zorg(flow, hoofdaannemer, indicatie(segment_id, van, einde))
        bij_c = await in_zorg(flow, combinant, indicatie(segment_id, van, einde))
        for _, _, toewijzing in (bij_h, bij_c):
            row = await verplichting(flow, toewijzing, bekostigingsmodel="taakgericht")
            assert (row["bedragCents"], row["gemeentecode"]) == (0, GEMEENTE)

        # Finance: the contract's task budget minus 6 %: 12_000_000 x 0.94 = 11_280_000 a year,
        # 940_000 a month; Tilburg pays 60 % (564_000) and Goirle 40 % (376_000) of each.
        async def vastgesteld() -> httpx.Response | None:
            response = await flow.post(
                "finance",
                "/lumpsumtermijnen",
                "controller",
                {"contractId": contract["id"], "jaar": van.year},
            )
            return None if problem_slug(response) == "contract-onbekend" else response

        termijnen = expect(await wait_for("finance knows the contract", vastgesteld), 201)
        assert len(termijnen) == 24
        assert {t["nettoBudgetCents"] for t in termijnen} == {11_280_000}
        assert {(t["gemeentecode"], t["bedragCents"]) for t in termijnen} == {
            (GEMEENTE, 564_000),
            (GOIRLE, 376_000),
        }
        assert {t["aanbiederAgb"] for t in termijnen} == {hoofdaannemer}

        # Care delivered last month: the hoofdaannemer's client 20 days, the combinant's 10.
        client_h, _, toewijzing_h = bij_h
        client_c, _, toewijzing_c = bij_c
        await started(
            flow, Berichten(hoofdaannemer), client_h, toewijzing_h, van, van + timedelta(days=19)
        )
        await started(
            flow,
            Berichten(combinant),
            client_c,
            toewijzing_c,
            van + timedelta(days=5),
            van + timedelta(days=14),
        )

        # The werkverdeling of last month's 940_000: 20/30 and 10/30 of it, 15 % of each share
        # owed to the coalition's central organisation (rounded once, half-up).
        async def verdeeld() -> dict[str, Any] | None:
            read: dict[str, Any] = expect(
                await flow.get(
                    "finance",
                    f"/contracten/{contract['id']}/werkverdeling",
                    "controller",
                    van=van.isoformat(),
                    tot=tot.isoformat(),
                ),
                200,
            )
            # Until both stops are in, an open start counts to the end of the month (a start alone
            # of the hoofdaannemer may also make 30 days): wait for each party's own days.
            dagen = [(p["aanbiederAgb"], p["zorgdagen"]) for p in read["partijen"]]
            return read if dagen == [(hoofdaannemer, 20), (combinant, 10)] else None

        werkverdeling = await wait_for("the werkverdeling counts 20 and 10 days of care", verdeeld)
        assert werkverdeling["lumpsumCents"] == 940_000
        assert [
            (
                p["aanbiederAgb"],
                p["zorgdagen"],
                p["aandeelCents"],
                p["bijdrageCents"],
                p["nettoCents"],
            )
            for p in werkverdeling["partijen"]
        ] == [
            # 940_000 x 20/30 = 626_666.67 -> 626_667; 15 % = 94_000.05 -> 94_000.
            (hoofdaannemer, 20, 626_667, 94_000, 532_667),
            # The rest, 313_333; 15 % = 46_999.95 -> 47_000.
            (combinant, 10, 313_333, 47_000, 266_333),
        ]
        assert werkverdeling["bijdrageTotaalCents"] == 141_000
        assert werkverdeling["nietVerdeeldCents"] == 0


async def test_a_wmo323_on_a_lumpsum_toewijzing_is_refused_with_9338(suite: Suite) -> None:
    async with Flow(suite) as flow:
        _, combinant, contract = await lumpsum_coalitie(flow)
        van = first_of_previous_month()
        tot = add_months(van, 1) - timedelta(days=1)
        client, _, toewijzing = await in_zorg(
            flow, combinant, indicatie(contract["segmentId"], van, add_months(van, 6))
        )
        await verplichting(flow, toewijzing, bekostigingsmodel="taakgericht")

        # Ten hours at a reference price: the lumpsum already pays this care.
        nummer, referentie = f"D{uuid.uuid4().hex[:10]}", f"R{uuid.uuid4().hex[:8]}"
        xml = Berichten(combinant).wmo323(
            nummer, (van, tot), [(client.bsn, referentie, toewijzing, (van, tot), 10, TARIEF_CENTS)]
        )
        assert (await flow.send(combinant, xml))["findings"] == []
        _, wmo325 = await flow.wait_for_bericht(
            combinant,
            "WMO325",
            lambda m: (
                isinstance(m, Wmo325)
                and m.declaratie_antwoord is not None
                and m.declaratie_antwoord.declaratie_nummer == nummer
            ),
            "the Wmo325 refusing the lumpsum claim",
        )
        antwoord = wmo325.declaratie_antwoord
        assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
        [afgewezen] = [p for c in antwoord.clienten for p in c.prestaties]
        assert afgewezen.retour_codes == (NIET_DECLAREERBAAR,)
