"""Reading the decision letter of an issued beschikking; the read is recorded."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_access import verwerking
from wmo_access.beschikkingen import repository as beschikkingen
from wmo_access.beschikkingen.brief import repository
from wmo_access.beschikkingen.brief.errors import GeenBriefsjabloon
from wmo_access.beschikkingen.brief.inhoud import (
    Adres,
    Besluitgegevens,
    Brief,
    Geadresseerde,
    Gronden,
    Indicatieregel,
    build_brief,
    resultaatregels,
)
from wmo_access.beschikkingen.brief.sjablonen import sjablonen
from wmo_access.beschikkingen.errors import BeschikkingNietAfgegeven, BeschikkingNietGevonden
from wmo_access.clienten import service as clienten
from wmo_access.clienten.models import Client
from wmo_common.audit import Handeling
from wmo_common.auth import Principal

_GEEN_GRONDEN = Gronden(None, None, None, None, None, ())


def _voorletters(client: Client) -> str:
    if client.voorletters:
        return client.voorletters
    return "".join(f"{deel[0]}." for deel in client.voornamen.split())


def _geadresseerde(client: Client) -> Geadresseerde:
    adres = None
    if client.postcode is not None and client.huisnummer is not None:
        nummer = f"{client.huisnummer}{client.huisletter or ''}"
        if client.huisnummertoevoeging:
            nummer += f"-{client.huisnummertoevoeging}"
        postcode = client.postcode
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        adres = Adres(
            straat=" ".join(p for p in (client.straatnaam, nummer) if p),
            postcode_plaats=" ".join(p for p in (postcode, client.plaatsnaam) if p),
        )
    return Geadresseerde(
        voorletters=_voorletters(client),
        voorvoegsel=client.voorvoegsel,
        achternaam=client.achternaam,
        geslacht=client.geslacht,
        adres=adres,
    )


async def _gronden(session: AsyncSession, aanvraag_plan_id: uuid.UUID | None) -> Gronden:
    found = (
        None if aanvraag_plan_id is None else await repository.find_plan(session, aanvraag_plan_id)
    )
    if found is None:
        return _GEEN_GRONDEN
    plan, onderzoek, resultaten = found
    return Gronden(
        onderzoek_datum=onderzoek.afgerond_date or onderzoek.startdatum,
        conclusie=onderzoek.conclusie,
        eigen_netwerk=onderzoek.eigen_netwerk,
        algemene_voorzieningen=onderzoek.algemene_voorzieningen,
        plan_datum=plan.vastgesteld_date,
        resultaten=resultaatregels(
            [(r.omschrijving, r.meetcriterium, r.streefdatum) for r in resultaten]
        ),
    )


async def get_brief(session: AsyncSession, beschikking_id: uuid.UUID, *, actor: Principal) -> Brief:
    """The letter of an afgegeven (or since replaced) beschikking, on its gemeente's letterhead.
    It names the client: the read is recorded in the audit log (caller commits)."""
    beschikking = await beschikkingen.find(session, beschikking_id)
    if beschikking is None:
        raise BeschikkingNietGevonden()
    if beschikking.status == "concept" or beschikking.afgifte_date is None:
        raise BeschikkingNietAfgegeven(
            "Een conceptbeschikking heeft nog geen brief: de brief volgt bij de afgifte."
        )
    sjabloon = sjablonen().get(beschikking.gemeentecode)
    if sjabloon is None:
        raise GeenBriefsjabloon(
            f"Gemeente {beschikking.gemeentecode} heeft geen briefsjabloon (gemeenten.toml)."
        )
    client = await clienten.load_client(session, beschikking.client_id)
    indicaties = await beschikkingen.indicaties_of(session, beschikking.id)
    aanbieders = await repository.leveranciers(session, [i.id for i in indicaties])
    aanvraag = (
        None
        if beschikking.aanvraag_id is None
        else await repository.find_aanvraag(session, beschikking.aanvraag_id)
    )
    vorige = (
        None
        if beschikking.vervangt_id is None
        else await beschikkingen.find(session, beschikking.vervangt_id)
    )

    def aanbieder(indicatie_id: uuid.UUID) -> str | None:
        if indicatie_id not in aanbieders:
            return None
        agb, naam = aanbieders[indicatie_id]
        return f"{naam} (AGB-code {agb})" if naam else f"de aanbieder met AGB-code {agb}"

    gegevens = Besluitgegevens(
        beschikkingnummer=beschikking.beschikkingnummer,
        afgiftedatum=beschikking.afgifte_date,
        aanvraagdatum=aanvraag.aanvraagdatum if aanvraag else None,
        vervangt=(vorige.beschikkingnummer, vorige.afgifte_date) if vorige else None,
        geadresseerde=_geadresseerde(client),
        indicaties=tuple(
            Indicatieregel(
                product_categorie=i.product_categorie,
                product_code=i.product_code,
                intensiteit=i.intensiteit,
                omvang_volume=i.omvang_volume,
                omvang_eenheid=i.omvang_eenheid,
                omvang_frequentie=i.omvang_frequentie,
                budget_cents=i.budget_cents,
                ingangsdatum=i.ingangsdatum,
                einddatum=i.einddatum,
                leveringsvorm=i.leveringsvorm,
                aanbieder=aanbieder(i.id),
                besluit=i.besluit,
                grond=i.grond,
            )
            for i in indicaties
        ),
        gronden=await _gronden(session, aanvraag.ondersteuningsplan_id if aanvraag else None),
    )
    await verwerking.record(
        session, actor, Handeling.LEZEN, client.pseudonym, f"beschikkingen/{beschikking.id}/brief"
    )
    return build_brief(gegevens, sjabloon)
