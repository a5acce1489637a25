"""The people and systems of a Wmo region, acting on the five running services through their
public HTTP APIs only: the contract manager sets up the market, the consultant takes a client
from melding to toewijzing, the controller reads the money, and a provider's system fetches its
iWmo berichten and posts its own (built by wmo_testing.aanbieder)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from wmo_common.calendar import today
from wmo_testing.aanbieder import GEBOORTEDATUM
from wmo_testing.nummers import fresh_agb, fresh_bsn
from wmo_testing.suite import (
    GEBIED,
    GEMEENTE,
    OMVANG,
    TARIEF_CENTS,
    AanbiederSysteem,
    Clientdossier,
    Markt,
    expect,
    fresh_name,
    problem_slug,
    wait_for,
)


class Flow(AanbiederSysteem):
    """One test's HTTP conversation with the suite, with a token per role, in the words of the
    people who hold those roles."""

    # --- the contract manager -------------------------------------------------------------

    async def register_aanbieder(self, agb: str, naam: str) -> dict[str, Any]:
        body = {"agb": agb, "naam": naam, "gebieden": [GEBIED]}
        created: dict[str, Any] = expect(
            await self.post("providers", "/aanbieders", "contract-manager", body), 201
        )
        return created

    async def segment(self, naam: str) -> str:
        body = {
            "naam": naam,
            "wet": "wmo",
            "doelgroep": "Volwassenen die begeleiding nodig hebben.",
            "gebieden": [GEBIED],
        }
        created = expect(
            await self.post("contracting", "/segmenten", "contract-manager", body), 201
        )
        return str(created["id"])

    async def publish_strategie(
        self,
        segment_id: str,
        *,
        bekostiging: dict[str, Any],
        max_indicatie_maanden: int = 12,
        individuele_beschikking: bool = True,
        herindicatie_dagen: int = 28,
        beleid: str = "breed",
        acceptatieplicht_maanden: int | None = None,
        verlopen_kwaliteitsdocument_blokkeert: bool = False,
    ) -> dict[str, Any]:
        body = {
            "toegang": {
                "maxIndicatieMaanden": max_indicatie_maanden,
                "individueleBeschikking": individuele_beschikking,
                "herindicatieDoorlooptijdDagen": herindicatie_dagen,
                "casusregie": "gebiedsteam",
            },
            "bekostiging": bekostiging,
            "leveranciersmanagement": {
                "beleid": beleid,
                "acceptatieplichtMaanden": acceptatieplicht_maanden,
                "verlopenKwaliteitsdocumentBlokkeert": verlopen_kwaliteitsdocument_blokkeert,
            },
            # The flows' contracts run from the start of last year to the end of the third year
            # from now: five years at most.
            "contractvoorwaarden": {"looptijdJaren": 5, "verlengingsopties": [2, 2]},
        }
        concept = expect(
            await self.post(
                "contracting",
                f"/segmenten/{segment_id}/verwervingsstrategieen",
                "contract-manager",
                body,
            ),
            201,
        )
        published: dict[str, Any] = expect(
            await self.post(
                "contracting",
                f"/verwervingsstrategieen/{concept['id']}/publicaties",
                "contract-manager",
                {},
            ),
            200,
        )
        return published

    async def catalogue_product(self, product: dict[str, str]) -> None:
        body = product | {
            "naam": f"Begeleiding individueel {product['code']}",
            "eenheid": "04",
            "intensiteit": "midden",
        }
        # The catalogue is the region's, shared by every test: already there is as good.
        expect(await self.post("contracting", "/producten", "contract-manager", body), 201, 409)

    async def active_contract(
        self,
        segment_id: str,
        partijen: list[dict[str, str]],
        *,
        product: dict[str, str],
        bekostiging: dict[str, Any],
        ingangsdatum: date,
    ) -> dict[str, Any]:
        body = {
            "contractnummer": f"FLOW-{uuid.uuid4().hex[:12]}",
            "segmentId": segment_id,
            "ingangsdatum": ingangsdatum.isoformat(),
            "einddatum": date(today().year + 3, 12, 31).isoformat(),
            "gebieden": [GEBIED],
            "bekostiging": bekostiging,
            "partijen": partijen,
            "tarieven": [
                {
                    "product": product,
                    "bedragCents": TARIEF_CENTS,
                    "geldigVanaf": ingangsdatum.isoformat(),
                }
            ],
        }
        concept = expect(
            await self.post("contracting", "/contracten", "contract-manager", body), 201
        )
        active: dict[str, Any] = expect(
            await self.post(
                "contracting", f"/contracten/{concept['id']}/activeringen", "contract-manager", {}
            ),
            200,
        )
        return active

    async def markt(
        self,
        *,
        product: dict[str, str] | None = None,
        herindicatie_dagen: int = 28,
        acceptatieplicht_maanden: int | None = None,
        verlopen_kwaliteitsdocument_blokkeert: bool = False,
    ) -> Markt:
        """A P x Q segment (its strategy published) with one registered aanbieder holding an
        active contract for `product` in Tilburg since the start of last year."""
        product = product or {"categorie": "02", "code": "02A01"}
        agb = fresh_agb()
        naam = fresh_name("Begeleiding")
        bekostiging = {"model": "inspanningsgericht"}
        ingangsdatum = date(today().year - 1, 1, 1)
        await self.register_aanbieder(agb, f"Zorgaanbieder {agb}")
        segment_id = await self.segment(naam)
        await self.publish_strategie(
            segment_id,
            bekostiging=bekostiging,
            herindicatie_dagen=herindicatie_dagen,
            acceptatieplicht_maanden=acceptatieplicht_maanden,
            verlopen_kwaliteitsdocument_blokkeert=verlopen_kwaliteitsdocument_blokkeert,
        )
        await self.catalogue_product(product)
        contract = await self.active_contract(
            segment_id,
            [{"aanbiederAgb": agb, "naam": f"Zorgaanbieder {agb}", "rol": "hoofdaannemer"}],
            product=product,
            bekostiging=bekostiging,
            ingangsdatum=ingangsdatum,
        )
        return Markt(segment_id, naam, contract["id"], agb, product, ingangsdatum)

    # --- the consultant --------------------------------------------------------------------

    async def register_client(self, bsn: str | None = None) -> Clientdossier:
        bsn = bsn or fresh_bsn()
        body = {
            "bsn": bsn,
            "voornamen": "Johanna Maria",
            "achternaam": "Vries",
            "voorvoegsel": "de",
            "geboortedatum": GEBOORTEDATUM.isoformat(),
            "geslacht": "2",
            "gemeentecode": GEMEENTE,
            "gebied": GEBIED,
            "adres": {
                "straatnaam": "Spoorlaan",
                "huisnummer": 12,
                "postcode": "5038AB",
                "plaatsnaam": "Tilburg",
            },
            "telefoon": "0135551234",
        }
        created = expect(await self.post("access", "/clienten", "consultant", body), 201)
        return Clientdossier(str(created["id"]), bsn)

    async def _ok(self, path: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
        result: dict[str, Any] = expect(
            await self.post("access", path, "consultant", body, headers=headers), 200, 201
        )
        return result

    async def aanvraag(self, client_id: str) -> str:
        """Melding, onderzoek with kitchen-table talk, ondersteuningsplan and aanvraag."""
        dag = today().isoformat()
        melding = await self._ok(
            "/meldingen",
            {"clientId": client_id, "meldingsdatum": dag, "omschrijving": "Redt het niet meer"},
        )
        onderzoek = await self._ok("/onderzoeken", {"meldingId": melding["id"], "startdatum": dag})
        await self._ok(
            f"/onderzoeken/{onderzoek['id']}/afronding",
            {
                "afgerondOp": dag,
                "eigenNetwerk": "Dochter doet de boodschappen",
                "algemeneVoorzieningen": "Buurthuis overwogen",
                "conclusie": "Individuele begeleiding nodig",
            },
        )
        plan = await self._ok(
            "/ondersteuningsplannen",
            {
                "onderzoekId": onderzoek["id"],
                "vastgesteldOp": dag,
                "resultaten": [
                    {
                        "omschrijving": "Houdt de eigen administratie bij",
                        "meetcriterium": "Geen achterstallige rekeningen",
                        "streefdatum": (today() + timedelta(days=180)).isoformat(),
                    }
                ],
                "evaluatiemomenten": [(today() + timedelta(days=90)).isoformat()],
            },
        )
        aanvraag = await self._ok(
            "/aanvragen",
            {"clientId": client_id, "ondersteuningsplanId": plan["id"], "aanvraagdatum": dag},
        )
        return str(aanvraag["id"])

    @staticmethod
    def indicatie(
        segment_id: str, product: dict[str, str], ingangsdatum: date, einddatum: date
    ) -> dict[str, Any]:
        return {
            "segmentId": segment_id,
            "product": product,
            "intensiteit": "2",
            "omvang": OMVANG,
            "ingangsdatum": ingangsdatum.isoformat(),
            "einddatum": einddatum.isoformat(),
            "leveringsvorm": "zin",
        }

    async def post_beschikking(
        self, aanvraag_id: str, indicaties: list[dict[str, Any]], vervangt: str | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"aanvraagId": aanvraag_id, "indicaties": indicaties}
        if vervangt:
            body["vervangtId"] = vervangt
        return await self.post("access", "/beschikkingen", "consultant", body)

    async def beschikking(
        self, client_id: str, indicaties: list[dict[str, Any]], vervangt: str | None = None
    ) -> dict[str, Any]:
        """An afgegeven beschikking; waits until toegang knows the segment's published rules."""
        aanvraag_id = await self.aanvraag(client_id)

        async def created() -> httpx.Response | None:
            response = await self.post_beschikking(aanvraag_id, indicaties, vervangt)
            if response.status_code == 400 and "segment-onbekend" in response.text:
                return None
            return response

        response = await wait_for("toegang knows the segment", created)
        concept = expect(response, 201)
        return await self._ok(
            f"/beschikkingen/{concept['id']}/afgifte", {}, **{"If-Match": response.headers["ETag"]}
        )

    async def once_toegang_knows_the_contract(
        self, path: str, body: dict[str, Any]
    ) -> httpx.Response:
        """POST as a consultant to toegang, again while toegang has not yet applied the
        contract's event (409 geen-actief-contract; nothing is written then)."""

        async def answered() -> httpx.Response | None:
            response = await self.post("access", path, "consultant", body)
            if problem_slug(response) == "geen-actief-contract":
                return None
            return response

        return await wait_for("toegang knows the contract", answered)

    async def toewijzing(self, indicatie_id: str, agb: str) -> dict[str, Any]:
        """Assign an indicatie; waits until toegang has heard of the contract."""
        toewijzing: dict[str, Any] = expect(
            await self.once_toegang_knows_the_contract(
                "/toewijzingen", {"indicatieId": indicatie_id, "aanbiederAgb": agb}
            ),
            201,
        )
        return toewijzing

    async def client_in_zorg(
        self, markt: Markt, *, ingangsdatum: date, einddatum: date
    ) -> tuple[Clientdossier, dict[str, Any]]:
        """A new client with a beschikking for the market's product, assigned to its aanbieder."""
        client = await self.register_client()
        beschikking = await self.beschikking(
            client.id, [self.indicatie(markt.segment_id, markt.product, ingangsdatum, einddatum)]
        )
        toewijzing = await self.toewijzing(beschikking["indicaties"][0]["id"], markt.agb)
        return client, toewijzing

    async def read_toewijzing(self, toewijzing_id: str) -> httpx.Response:
        return await self.get("access", f"/toewijzingen/{toewijzing_id}", "consultant")

    # --- the controller --------------------------------------------------------------------

    async def verplichting(self, agb: str, toewijzingnummer: str) -> dict[str, Any] | None:
        page = expect(
            await self.get("finance", "/verplichtingen", "controller", aanbiederAgb=agb), 200
        )
        found = [v for v in page["results"] if v["toewijzingnummer"] == toewijzingnummer]
        return found[0] if found else None

    async def budget(self, markt: Markt, jaar: int, bedrag_cents: int) -> str:
        body = {
            "jaar": jaar,
            "segmentNaam": markt.segment_naam,
            "gebied": GEBIED,
            "bedragCents": bedrag_cents,
            "drempelPercentages": [90, 100],
        }
        created = expect(await self.post("finance", "/budgetten", "controller", body), 201)
        return str(created["id"])

    async def read_budget(self, budget_id: str) -> dict[str, Any]:
        budget: dict[str, Any] = expect(
            await self.get("finance", f"/budgetten/{budget_id}", "controller"), 200
        )
        return budget
