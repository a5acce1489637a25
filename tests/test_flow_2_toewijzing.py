"""Flow 2: a consultant records a beschikking and assigns a contracted aanbieder; the provider
finds a valid Wmo301 in its outbox, finance books the verplichting, providers counts it."""

from __future__ import annotations

from datetime import date, timedelta

from wmo_common.calendar import add_months, today
from wmo_testing.flows import Flow
from wmo_testing.suite import GEMEENTE, Suite, toegewezen, valid_wmo301, wait_for


async def test_a_toewijzing_reaches_the_provider_as_a_wmo301_and_is_booked_and_counted(
    suite: Suite,
) -> None:
    async with Flow(suite) as flow:
        markt = await flow.markt()
        start = today()
        eind = add_months(start, 12) - timedelta(days=1)
        budget_id = await flow.budget(markt, start.year, 500_000_000)

        client, toewijzing = await flow.client_in_zorg(markt, ingangsdatum=start, einddatum=eind)
        nummer = toewijzing["toewijzingnummer"]
        assert (toewijzing["status"], toewijzing["leveringsstatus"]) == ("actief", "niet-gestart")

        # The provider fetches a Wmo301 that every layer of the codec and the XSD accept.
        row, _ = await flow.wmo301(markt.agb, nummer)
        wmo301 = valid_wmo301(row["xml"])
        assert (wmo301.header.afzender, wmo301.header.ontvanger) == (GEMEENTE, markt.agb)
        assert wmo301.client.bsn == client.bsn
        assert wmo301.client.contactgegevens[0].adres is not None
        assert wmo301.client.contactgegevens[0].adres.postcode == "5038AB"
        product = toegewezen(wmo301, nummer)
        assert product.product.categorie == markt.product["categorie"]
        assert product.product.code == markt.product["code"]
        assert (product.ingangsdatum, product.einddatum) == (start, eind)
        assert product.omvang is not None
        assert (product.omvang.volume, product.omvang.eenheid, product.omvang.frequentie) == (
            4,
            "04",
            "2",
        )
        assert row["retourDeadline"] is not None

        # Finance books the verplichting under the contract, and the budget line holds it.
        verplichting = await wait_for(
            "finance books the verplichting", lambda: flow.verplichting(markt.agb, nummer)
        )
        assert verplichting["status"] == "actief"
        assert verplichting["contractId"] == markt.contract_id
        assert verplichting["segmentId"] == markt.segment_id
        assert verplichting["bekostigingsmodel"] == "inspanningsgericht"
        assert date.fromisoformat(verplichting["ingangsdatum"]) == start
        assert verplichting["bedragCents"] > 0

        async def committed() -> dict[str, object] | None:
            budget = await flow.read_budget(budget_id)
            # A verplichting running into next year is booked to each year for its own part.
            deel = next(j for j in verplichting["perJaar"] if j["jaar"] == start.year)
            return budget if budget["verplichtCents"] == deel["bedragCents"] else None

        await wait_for("the budget holds the verplichting", committed)

        # Providers counts the toewijzing in the aanbieder's figures for this month.
        async def counted() -> dict[str, object] | None:
            kpi = await flow.prestatie_indicatoren(markt.agb, start.strftime("%Y-%m"))
            return kpi if kpi and kpi["toewijzingenOntvangen"] == 1 else None

        kpi = await wait_for("providers counts the toewijzing", counted)
        assert kpi["gestart"] == 0
