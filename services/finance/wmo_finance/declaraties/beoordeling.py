"""Judge the money of the Wmo323 lines the gateway passed, one by one, with the standard's
retour codes.

The gateway already judged each line against its toewijzing (TR338, TR304, TR384, TR339, TR340,
TR307, TR308, TR387, TR388) and the DeclaratieNummer (TR333); the codec the declaratieperiode
(TR319). A line that fails those never gets here, so they are not judged again. What only
finance can judge is left: whether the toewijzing's contract pays per claim at all (a lumpsum is
paid in termijnen, an outputgericht toewijzing 80/20 on start and result: such a line is rejected
with `NIET_DECLAREERBAAR`), the lines declared before it (references, volumes, periods already
declared, credits) and the contract tarief of its product at its indicated intensiteit for its
period. `service.judge_declaratie` records the verdicts; this module only finds the codes.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_common.events.gateway import Prestatie as GedeclareerdePrestatie
from wmo_finance.bekostiging import EURO, MINUUT, UUR, eenheid_factor, to_cents, toegestaan_volume
from wmo_finance.declaraties import repository
from wmo_finance.declaraties.models import Prestatie
from wmo_finance.declaraties.retourcodes import (
    AL_GECREDITEERD,
    ANDER_TARIEF,
    ANDERE_EENHEID,
    BEDRAG_NIET_VOLUME_MAAL_TARIEF,
    BUDGET_OVERSCHREDEN,
    CREDIT_ZONDER_DEBET,
    DEBET_AL_GEDECLAREERD,
    NIET_DECLAREERBAAR,
    ONBEKENDE_TOEWIJZING,
    REFERENTIE_AL_GEBRUIKT,
    VOLUME_PERIODE_TE_HOOG,
    VOLUME_TOTAAL_TE_HOOG,
)
from wmo_finance.leesmodellen.contracten import repository as contracten
from wmo_finance.leesmodellen.contracten.models import ContractTarief
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing

# Financing models that never pay a claim per prestatie: taakgericht (the lumpsum termijnen)
# and outputgericht (80 % at the start of care, 20 % on the result; "geen afrekening op inzet").
NIET_PER_PRESTATIE = frozenset({"taakgericht", "outputgericht"})


@dataclass
class Kennis:
    """What judging one declaratie needs, read once and kept current line by line: a later line
    sees the earlier ones (a reused reference, the volume delivered, a period already declared)
    as if each had been written before it was judged, without a query per line."""

    toewijzingen: dict[str, Toewijzing]
    gebruikte_referenties: set[str]
    lopend: dict[uuid.UUID, list[Prestatie]]
    tarieven: dict[tuple[object, ...], ContractTarief | None] = field(default_factory=dict)
    modellen: dict[uuid.UUID, str | None] = field(default_factory=dict)
    intensiteiten: dict[uuid.UUID, str | None] = field(default_factory=dict)

    async def bekostigingsmodel(self, session: AsyncSession, toewijzing: Toewijzing) -> str | None:
        """How the toewijzing's contract (else its segment's strategy) finances it."""
        if toewijzing.id not in self.modellen:
            contract = await contracten.find_contract_van(
                session,
                aanbieder_agb=toewijzing.aanbieder_agb,
                segment_id=toewijzing.segment_id,
                gebied=toewijzing.gebied,
                op=toewijzing.ingangsdatum,
            )
            segment_id = toewijzing.segment_id or (contract.segment_id if contract else None)
            segment = await contracten.find_segment(session, segment_id) if segment_id else None
            bron = contract or segment
            self.modellen[toewijzing.id] = bron.bekostigingsmodel if bron else None
        return self.modellen[toewijzing.id]

    async def intensiteit(self, session: AsyncSession, toewijzing: Toewijzing) -> str | None:
        if toewijzing.id not in self.intensiteiten:
            self.intensiteiten[toewijzing.id] = await toewijzingen.find_intensiteit(
                session, toewijzing
            )
        return self.intensiteiten[toewijzing.id]

    @classmethod
    async def load(cls, session: AsyncSession, event: DeclaratieOntvangen) -> Kennis:
        found = await toewijzingen.list_by_nummers(
            session,
            gemeentecode=event.gemeentecode,
            aanbieder_agb=event.aanbieder_agb,
            toewijzingnummers={p.toewijzingnummer for p in event.prestaties},
        )
        by_nummer: dict[str, Toewijzing] = {}
        for toewijzing in found:
            by_nummer.setdefault(toewijzing.toewijzingnummer, toewijzing)
        lopend: dict[uuid.UUID, list[Prestatie]] = defaultdict(list)
        for debet in await repository.list_lopende_debets(
            session, [t.id for t in by_nummer.values()]
        ):
            if debet.toewijzing_id is not None:
                lopend[debet.toewijzing_id].append(debet)
        used = await repository.used_referenties(
            session, event.aanbieder_agb, {p.referentie for p in event.prestaties}
        )
        return cls(toewijzingen=by_nummer, gebruikte_referenties=used, lopend=lopend)

    def add(self, prestatie: Prestatie) -> None:
        """Make a just-judged line count for the lines after it."""
        self.gebruikte_referenties.add(prestatie.referentie)
        if (
            prestatie.is_goedgekeurd
            and prestatie.debet_credit == "D"
            and prestatie.toewijzing_id is not None
        ):
            self.lopend[prestatie.toewijzing_id].append(prestatie)

    def lopende_debets(self, toewijzing: Toewijzing) -> list[Prestatie]:
        # A debit credited by an earlier line of this declaratie no longer counts.
        return [p for p in self.lopend.get(toewijzing.id, []) if not p.is_gecrediteerd]


async def judge_credit(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    kennis: Kennis,
) -> list[str]:
    """A credit line copies an approved debit with VorigReferentieNummer (IV091)."""
    codes: list[str] = []
    if line.referentie in kennis.gebruikte_referenties:
        codes.append(REFERENTIE_AL_GEBRUIKT)
    debet = (
        await repository.find_goedgekeurde_debet(
            session, event.aanbieder_agb, line.vorige_referentie
        )
        if line.vorige_referentie is not None
        else None
    )
    if debet is None:
        codes.append(CREDIT_ZONDER_DEBET)
    elif debet.is_gecrediteerd:
        codes.append(AL_GECREDITEERD)
    elif not codes:
        debet.is_gecrediteerd = True
    return codes


async def judge_debet(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    toewijzing: Toewijzing | None,
    kennis: Kennis,
) -> list[str]:
    codes: list[str] = []
    if line.referentie in kennis.gebruikte_referenties:
        codes.append(REFERENTIE_AL_GEBRUIKT)
    if toewijzing is None:
        # The gateway passes only lines on a toewijzing of this aanbieder (TR338 is its rule);
        # finance cannot price one its own copy does not hold, so it refuses it as unknown.
        return [*codes, ONBEKENDE_TOEWIJZING]
    if await kennis.bekostigingsmodel(session, toewijzing) in NIET_PER_PRESTATIE:
        # Paid by the lumpsum or by the 80/20 of outputgericht financing: a claim on it would
        # make the region pay twice.
        return [*codes, NIET_DECLAREERBAAR]
    lopend = kennis.lopende_debets(toewijzing)
    codes += judge_volume(line, toewijzing, lopend)
    codes += await judge_tarief(session, event, line, toewijzing, kennis)
    if any(
        p.categorie == line.product.categorie
        and p.code == line.product.code
        and p.begindatum <= line.einddatum
        and line.begindatum <= p.einddatum
        for p in lopend
    ):
        codes.append(DEBET_AL_GEDECLAREERD)
    return codes


def judge_volume(
    line: GedeclareerdePrestatie, toewijzing: Toewijzing, lopend: Sequence[Prestatie]
) -> list[str]:
    """The delivered volume within the assigned omvang, per period and cumulatively."""
    if toewijzing.budget_cents is not None and toewijzing.volume is None:
        used = sum(p.ingediend_bedrag_cents for p in lopend)
        return (
            [BUDGET_OVERSCHREDEN]
            if used + line.ingediend_bedrag_cents > toewijzing.budget_cents
            else []
        )
    if toewijzing.volume is None or toewijzing.eenheid is None or toewijzing.frequentie is None:
        return []
    factor = eenheid_factor(line.eenheid, toewijzing.eenheid)
    if factor is None:
        return [ANDERE_EENHEID]
    codes: list[str] = []
    volume = Decimal(line.geleverd_volume) * factor
    begin = max(line.begindatum, toewijzing.ingangsdatum)
    end = min(line.einddatum, toewijzing.einddatum or line.einddatum)
    if begin <= end and volume > toegestaan_volume(
        toewijzing.frequentie, toewijzing.volume, toewijzing.categorie, begin, end
    ):
        codes.append(VOLUME_PERIODE_TE_HOOG)
    if toewijzing.einddatum is not None:
        total = toegestaan_volume(
            toewijzing.frequentie,
            toewijzing.volume,
            # The 6-weeks allowance of category 01 is per month, never for the whole period.
            "",
            toewijzing.ingangsdatum,
            toewijzing.einddatum,
        )
        delivered = sum(
            (
                Decimal(p.geleverd_volume) * (eenheid_factor(p.eenheid, toewijzing.eenheid) or 0)
                for p in lopend
            ),
            Decimal(0),
        )
        if delivered + volume > total:
            codes.append(VOLUME_TOTAAL_TE_HOOG)
    return codes


async def judge_tarief(
    session: AsyncSession,
    event: DeclaratieOntvangen,
    line: GedeclareerdePrestatie,
    toewijzing: Toewijzing,
    kennis: Kennis,
) -> list[str]:
    """The declared tarief is the contract's for the product at the indicated intensiteit in the
    period, and the amount is volume x tarief."""
    if line.eenheid == EURO:
        return []
    codes: list[str] = []
    # Minutes are priced at the hourly tarief (TR346).
    eenheden = (line.eenheid, UUR) if line.eenheid == MINUUT else (line.eenheid,)
    intensiteit = await kennis.intensiteit(session, toewijzing)
    key = (
        toewijzing.segment_id,
        toewijzing.gebied,
        line.product.categorie,
        line.product.code,
        intensiteit,
        eenheden,
        line.begindatum,
    )
    if key not in kennis.tarieven:
        kennis.tarieven[key] = await contracten.find_tarief(
            session,
            aanbieder_agb=event.aanbieder_agb,
            segment_id=toewijzing.segment_id,
            gebied=toewijzing.gebied,
            categorie=line.product.categorie,
            code=line.product.code,
            intensiteit=intensiteit,
            eenheden=eenheden,
            op=line.begindatum,
        )
    tarief = kennis.tarieven[key]
    if tarief is None or tarief.bedrag_cents != line.product_tarief_cents:
        codes.append(ANDER_TARIEF)
    per_uur = line.eenheid == MINUUT and (tarief is None or tarief.eenheid == UUR)
    verwacht = to_cents(
        Decimal(line.geleverd_volume)
        * Decimal(line.product_tarief_cents)
        / (Decimal(60) if per_uur else Decimal(1))
    )
    if verwacht != line.ingediend_bedrag_cents:
        codes.append(BEDRAG_NIET_VOLUME_MAAL_TARIEF)
    return codes
