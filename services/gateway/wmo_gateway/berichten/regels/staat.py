"""What the gateway's rules may look at: loaded before a message is judged (by
`service.staat.load_staat`), plain data, so every rule is a function of the message and this."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from iwmo import Finding, Level
from iwmo.models import Product
from wmo_gateway.leesmodellen.toewijzingen.models import Toewijzing


@dataclass(frozen=True)
class ProductSleutel:
    """A toewijzing's product as a start or stop names it (a missing part from the toewijzing)."""

    categorie: str
    code: str | None


@dataclass(frozen=True)
class StartSleutel:
    """The logical key of a StartProduct (README (d) logical keys; the Bsn is the client's)."""

    toewijzingnummer: int
    product: ProductSleutel
    begindatum: date


@dataclass(frozen=True)
class Stop:
    """A StopProduct: the start it ends, why and when; with `start` its logical key."""

    start: StartSleutel
    reden_beeindiging: str
    einddatum: date

    @property
    def is_tijdelijk(self) -> bool:
        """Reden 20: delivery stopped for a while; every other reden is definitive."""
        return self.reden_beeindiging == "20"


@dataclass(frozen=True)
class Staat:
    """The state one message is judged against."""

    aanbieder_agb: str
    today: date
    pseudonymise: Callable[[str], str]
    # The toewijzingen the message names by number (any aanbieder: `van_aanbieder` filters).
    toewijzingen: Mapping[int, Toewijzing] = field(default_factory=dict)
    # 317: the client's toewijzingen at this aanbieder that run today or later (TR349).
    actuele_toewijzingen: Sequence[Toewijzing] = ()
    # 305/307: the starts and stops on the named toewijzingen that were not withdrawn.
    starts: frozenset[StartSleutel] = frozenset()
    stops: tuple[Stop, ...] = ()
    # 315/317: ReferentieAanbieder values used before (TR347) and still unanswered (TR374).
    gebruikte_referenties: frozenset[str] = frozenset()
    open_referenties: frozenset[str] = frozenset()
    # 323: DeclaratieNummers of earlier accepted declaraties (TR333).
    gebruikte_declaratienummers: frozenset[str] = frozenset()

    def van_aanbieder(self, nummer: int | None) -> Toewijzing | None:
        """The toewijzing with this number, if it was issued to this aanbieder."""
        toewijzing = self.toewijzingen.get(nummer) if nummer is not None else None
        if toewijzing is None or toewijzing.aanbieder_agb != self.aanbieder_agb:
            return None
        return toewijzing

    def is_actueel(self, toewijzing: Toewijzing) -> bool:
        """Runs today or later and was not withdrawn (TR349-TR351)."""
        return not toewijzing.is_verwijderd and (
            toewijzing.einddatum is None or toewijzing.einddatum >= self.today
        )


def product_sleutel(product: Product | None, toewijzing: Toewijzing) -> ProductSleutel:
    """The product a start or stop names, completed from its toewijzing (which it must fit)."""
    if product is None:
        return ProductSleutel(toewijzing.product_categorie, toewijzing.product_code)
    return ProductSleutel(product.categorie, product.code or toewijzing.product_code)


def bevinding(code: str, rule: str, path: str, message: str) -> Finding:
    """A level-3 finding: its code goes on the class `path` names, the parents get 0200."""
    return Finding(code, path, message, rule, Level.BERICHTOVERSTIJGEND)
