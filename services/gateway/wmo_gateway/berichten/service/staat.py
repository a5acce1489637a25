"""The state the rules judge a message against (`load_staat`), and what an accepted message
adds to it (`record_leveringen`): the gateway's own log of starts and stops."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from iwmo import Bericht as IwmoBericht
from iwmo.models import Product, Wmo305, Wmo307, Wmo315, Wmo317, Wmo323
from wmo_common.calendar import today
from wmo_common.privacy import pseudonymise
from wmo_gateway.berichten import repository
from wmo_gateway.berichten.models import Bericht, Levering, LeveringSoort
from wmo_gateway.berichten.regels import Staat
from wmo_gateway.berichten.regels.staat import (
    ProductSleutel,
    StartSleutel,
    Stop,
    product_sleutel,
)
from wmo_gateway.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_gateway.settings import Settings


def pseudonymiser(settings: Settings) -> Callable[[str], str]:
    return lambda bsn: pseudonymise(bsn, settings.pseudonym_key)


def _start(levering: Levering) -> StartSleutel:
    return StartSleutel(
        levering.toewijzingnummer,
        ProductSleutel(levering.product_categorie, levering.product_code),
        levering.begindatum,
    )


def _stops(rows: Sequence[Levering]) -> tuple[Stop, ...]:
    return tuple(
        Stop(_start(r), r.reden_beeindiging, r.einddatum)
        for r in rows
        if r.soort == LeveringSoort.STOP
        and r.reden_beeindiging is not None
        and r.einddatum is not None
    )


async def load_staat(
    session: AsyncSession, bericht: Bericht, message: IwmoBericht, settings: Settings
) -> Staat:
    """What the rules of this message look at, and nothing more."""
    nummers = [int(n) for n in bericht.toewijzingnummers]
    staat = Staat(
        aanbieder_agb=bericht.aanbieder_agb,
        today=today(),
        pseudonymise=pseudonymiser(settings),
        toewijzingen=await toewijzingen.by_nummers(session, bericht.gemeentecode, nummers),
    )
    if isinstance(message, Wmo305 | Wmo307):
        rows = await repository.list_leveringen(
            session,
            gemeentecode=bericht.gemeentecode,
            aanbieder_agb=bericht.aanbieder_agb,
            client_pseudonym=bericht.client_pseudonyms[0],
            toewijzingnummers=nummers,
        )
        starts = frozenset(_start(r) for r in rows if r.soort == LeveringSoort.START)
        return replace(staat, starts=starts, stops=_stops(rows))
    if isinstance(message, Wmo315 | Wmo317):
        pseudonym = bericht.client_pseudonyms[0]
        gebruikt = await repository.used_referenties(session, bericht.aanbieder_agb, bericht.id)
        open_ = await repository.open_referenties(
            session,
            gemeentecode=bericht.gemeentecode,
            aanbieder_agb=bericht.aanbieder_agb,
            client_pseudonym=pseudonym,
        )
        actueel = await toewijzingen.current_of_client(
            session,
            gemeentecode=bericht.gemeentecode,
            aanbieder_agb=bericht.aanbieder_agb,
            client_pseudonym=pseudonym,
            on=staat.today,
        )
        return replace(
            staat,
            gebruikte_referenties=gebruikt,
            open_referenties=open_,
            actuele_toewijzingen=tuple(t for t in actueel if not t.is_verwijderd),
        )
    if isinstance(message, Wmo323):
        nummers_gebruikt = await repository.used_declaratienummers(
            session, bericht.aanbieder_agb, bericht.id
        )
        return replace(staat, gebruikte_declaratienummers=nummers_gebruikt)
    return staat


async def record_leveringen(
    session: AsyncSession, bericht: Bericht, message: IwmoBericht, staat: Staat
) -> None:
    """An accepted 305/307: its starts or stops count from now on; a StatusAanlevering 3 line
    withdraws the one it names (OP033)."""
    lines: list[tuple[int | None, Product | None, date, str | None, date | None, str]]
    if isinstance(message, Wmo305):
        lines = [
            (p.toewijzing_nummer, p.product, p.begindatum, None, None, p.status_aanlevering)
            for p in message.client.start_producten
        ]
        soort = LeveringSoort.START
    elif isinstance(message, Wmo307):
        lines = [
            (
                p.toewijzing_nummer,
                p.product,
                p.begindatum,
                p.reden_beeindiging,
                p.einddatum,
                p.status_aanlevering,
            )
            for p in message.client.stop_producten
        ]
        soort = LeveringSoort.STOP
    else:
        return
    pseudonym = bericht.client_pseudonyms[0]
    held = await repository.list_leveringen(
        session,
        gemeentecode=bericht.gemeentecode,
        aanbieder_agb=bericht.aanbieder_agb,
        client_pseudonym=pseudonym,
        toewijzingnummers=[int(n) for n in bericht.toewijzingnummers],
    )
    for nummer, product, begindatum, reden, einddatum, status in lines:
        toewijzing = staat.van_aanbieder(nummer)
        if toewijzing is None:
            raise RuntimeError("an accepted start or stop belongs to a known toewijzing (TR019)")
        sleutel = product_sleutel(product, toewijzing)
        if status == "3":
            for row in held:
                if (
                    row.soort == soort
                    and row.verwijderd_door is None
                    and _start(row) == StartSleutel(toewijzing.nummer, sleutel, begindatum)
                    and (row.reden_beeindiging, row.einddatum) == (reden, einddatum)
                ):
                    row.verwijderd_door = bericht.id
                    break
            continue
        session.add(
            Levering(
                bericht_id=bericht.id,
                aanbieder_agb=bericht.aanbieder_agb,
                gemeentecode=bericht.gemeentecode,
                client_pseudonym=pseudonym,
                soort=soort,
                toewijzingnummer=toewijzing.nummer,
                product_categorie=sleutel.categorie,
                product_code=sleutel.code,
                begindatum=begindatum,
                reden_beeindiging=reden,
                einddatum=einddatum,
            )
        )
