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
from datetime import date
from decimal import Decimal
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from wmo_common.events.common import Product
from wmo_common.events.gateway import DeclaratieOntvangen
from wmo_common.events.gateway import Prestatie as GedeclareerdePrestatie
from wmo_finance.bekostiging import EURO, MINUUT, UUR, eenheid_factor, to_cents, toegestaan_volume
from wmo_finance.declaraties import repository
from wmo_finance.declaraties.models import BeoordeeldePrestatie
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
from wmo_finance.leesmodellen.contracten.models import Contract, ContractTarief
from wmo_finance.leesmodellen.toewijzingen import repository as toewijzingen
from wmo_finance.leesmodellen.toewijzingen.models import Toewijzing

# Financing models that never pay a claim per prestatie: taakgericht (the lumpsum termijnen)
# and outputgericht (80 % at the start of care, 20 % on the result; "geen afrekening op inzet").
NIET_PER_PRESTATIE = frozenset({"taakgericht", "outputgericht"})


class Debet(Protocol):
    """What the rules read of an approved debit declared before: a stored `Prestatie` or a line
    of this declaratie judged a moment ago."""

    @property
    def categorie(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def begindatum(self) -> date: ...
    @property
    def einddatum(self) -> date: ...
    @property
    def geleverd_volume(self) -> int: ...
    @property
    def eenheid(self) -> str: ...
    @property
    def ingediend_bedrag_cents(self) -> int: ...
    @property
    def is_gecrediteerd(self) -> bool: ...


@dataclass(slots=True)
class Stand:
    """The approved debits of one toewijzing that still count (not credited) and what they add
    up to, kept current as lines of this declaratie are approved: a line's volume and budget
    checks add one line, not the toewijzing's whole history."""

    eenheid: str | None  # the toewijzing's: delivered volumes are counted in it
    debets: list[Debet] = field(default_factory=list)
    ingediend_cents: int = 0
    geleverd: Decimal = field(default_factory=Decimal)

    def add(self, debet: Debet) -> None:
        self.debets.append(debet)
        self.ingediend_cents += debet.ingediend_bedrag_cents
        if self.eenheid is not None:
            factor = eenheid_factor(debet.eenheid, self.eenheid) or 0
            self.geleverd += Decimal(debet.geleverd_volume) * factor


@dataclass
class Kennis:
    """What judging one declaratie needs, read once and kept current line by line: a later line
    sees the earlier ones (a reused reference, the volume delivered, a period already declared)
    as if each had been written before it was judged, without a query per line."""

    toewijzingen: dict[str, Toewijzing]
    gebruikte_referenties: set[str]
    lopend: dict[uuid.UUID, list[Debet]]
    standen: dict[uuid.UUID, Stand] = field(default_factory=dict)
    modellen: dict[uuid.UUID, str | None] = field(default_factory=dict)
    intensiteiten: dict[uuid.UUID, str | None] = field(default_factory=dict)
    # The aanbieder's paying contracts per (aanbieder, segment, gebied), on any day, and each
    # contract's tarieven per (contract, product, intensiteit): one query each, not one per line
    # or per toewijzing.
    betalende_contracten: dict[tuple[str, uuid.UUID | None, str | None], Sequence[Contract]] = (
        field(default_factory=dict)
    )
    tarieven: dict[tuple[uuid.UUID, str, str | None, str | None], Sequence[ContractTarief]] = field(
        default_factory=dict
    )

    async def betalend_contract(
        self, session: AsyncSession, aanbieder_agb: str, toewijzing: Toewijzing, op: date
    ) -> Contract | None:
        """`contracten.find_betalend_contract` for the toewijzing's segment and gebied on `op`."""
        key = (aanbieder_agb, toewijzing.segment_id, toewijzing.gebied)
        if key not in self.betalende_contracten:
            self.betalende_contracten[key] = await contracten.list_betalende_contracten(
                session,
                aanbieder_agb=aanbieder_agb,
                segment_id=toewijzing.segment_id,
                gebied=toewijzing.gebied,
            )
        return contracten.betalend_op(self.betalende_contracten[key], op)

    async def tarieven_van(
        self,
        session: AsyncSession,
        contract: Contract,
        product: Product,
        intensiteit: str | None,
    ) -> Sequence[ContractTarief]:
        key = (contract.id, product.categorie, product.code, intensiteit)
        if key not in self.tarieven:
            self.tarieven[key] = await contracten.list_tarieven(
                session,
                contract.id,
                categorie=product.categorie,
                code=product.code,
                intensiteit=intensiteit,
            )
        return self.tarieven[key]

    async def bekostigingsmodel(self, session: AsyncSession, toewijzing: Toewijzing) -> str | None:
        """How the toewijzing's contract (else its segment's strategy) finances it."""
        if toewijzing.id not in self.modellen:
            # `contracten.find_contract_van`: the paying contract, else a lumpsum contract.
            contract = await self.betalend_contract(
                session, toewijzing.aanbieder_agb, toewijzing, toewijzing.ingangsdatum
            ) or await contracten.find_lumpsum_contract(
                session,
                aanbieder_agb=toewijzing.aanbieder_agb,
                segment_id=toewijzing.segment_id,
                gebied=toewijzing.gebied,
                op=toewijzing.ingangsdatum,
            )
            if contract is not None:
                self.modellen[toewijzing.id] = contract.bekostigingsmodel
            else:
                segment = (
                    await contracten.find_segment(session, toewijzing.segment_id)
                    if toewijzing.segment_id
                    else None
                )
                self.modellen[toewijzing.id] = segment.bekostigingsmodel if segment else None
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
        lopend: dict[uuid.UUID, list[Debet]] = defaultdict(list)
        for debet in await repository.list_lopende_debets(
            session, [t.id for t in by_nummer.values()]
        ):
            if debet.toewijzing_id is not None:
                lopend[debet.toewijzing_id].append(debet)
        used = await repository.used_referenties(
            session, event.aanbieder_agb, {p.referentie for p in event.prestaties}
        )
        return cls(toewijzingen=by_nummer, gebruikte_referenties=used, lopend=lopend)

    def add(self, prestatie: BeoordeeldePrestatie) -> None:
        """Make a just-judged line count for the lines after it."""
        self.gebruikte_referenties.add(prestatie.referentie)
        if (
            prestatie.is_goedgekeurd
            and prestatie.debet_credit == "D"
            and prestatie.toewijzing_id is not None
        ):
            # Judging this debit read its toewijzing's stand (`judge_debet`).
            self.standen[prestatie.toewijzing_id].add(prestatie)

    def stand(self, toewijzing: Toewijzing) -> Stand:
        """The toewijzing's stand, made when its first debit is judged: every credit of the
        declaratie is judged before any debit, so the debits they credited no longer count."""
        if toewijzing.id not in self.standen:
            stand = Stand(eenheid=toewijzing.eenheid)
            for debet in self.lopend.get(toewijzing.id, []):
                if not debet.is_gecrediteerd:
                    stand.add(debet)
            self.standen[toewijzing.id] = stand
        return self.standen[toewijzing.id]


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
    stand = kennis.stand(toewijzing)
    codes += judge_volume(line, toewijzing, stand)
    codes += await judge_tarief(session, event, line, toewijzing, kennis)
    if any(
        p.categorie == line.product.categorie
        and p.code == line.product.code
        and p.begindatum <= line.einddatum
        and line.begindatum <= p.einddatum
        for p in stand.debets
    ):
        codes.append(DEBET_AL_GEDECLAREERD)
    return codes


def judge_volume(line: GedeclareerdePrestatie, toewijzing: Toewijzing, stand: Stand) -> list[str]:
    """The delivered volume within the assigned omvang, per period and cumulatively."""
    if toewijzing.budget_cents is not None and toewijzing.volume is None:
        return (
            [BUDGET_OVERSCHREDEN]
            if stand.ingediend_cents + line.ingediend_bedrag_cents > toewijzing.budget_cents
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
        if stand.geleverd + volume > total:
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
    # The tarief of the contract that pays on the begindatum, valid that day.
    contract = await kennis.betalend_contract(
        session, event.aanbieder_agb, toewijzing, line.begindatum
    )
    tarief = (
        contracten.geldig_tarief(
            await kennis.tarieven_van(session, contract, line.product, intensiteit),
            eenheden,
            line.begindatum,
        )
        if contract is not None
        else None
    )
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
