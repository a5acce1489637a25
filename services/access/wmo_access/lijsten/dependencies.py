"""The query parameters of toegang's lists: `sort` and the period `vanaf`/`totEnMet`, each a
dependency documented in OpenAPI."""

from collections.abc import Callable, Sequence
from typing import Annotated

from fastapi import Query

from wmo_access.lijsten import Periode, Sortering, parse_sort
from wmo_common.problems import BadRequest, InvalidParam
from wmo_common.query import Datum


def sort_parameter(velden: Sequence[str], standaard: str) -> Callable[..., list[Sortering]]:
    """A dependency for a list's `sort` query parameter, documented with its allowed fields."""
    description = (
        "Sorteervolgorde (NLGov): veldnamen gescheiden door komma's, met `-` ervoor voor "
        f"aflopend. Toegestaan: {', '.join(f'`{v}`' for v in velden)}. Standaard: `{standaard}`."
    )

    def sort(
        value: Annotated[
            str | None,
            Query(alias="sort", max_length=200, description=description, examples=[standaard]),
        ] = None,
    ) -> list[Sortering]:
        return parse_sort(value or standaard, velden)

    return sort


def period_parameter(datum: str) -> Callable[..., Periode]:
    """A dependency for `vanaf` and `totEnMet` (both inclusive) on the list's date `datum`."""

    def periode(
        vanaf: Annotated[
            Datum | None, Query(description=f"Alleen met {datum} op of na deze datum.")
        ] = None,
        tot_en_met: Annotated[
            Datum | None,
            Query(alias="totEnMet", description=f"Alleen met {datum} op of vóór deze datum."),
        ] = None,
    ) -> Periode:
        if vanaf is not None and tot_en_met is not None and tot_en_met < vanaf:
            raise BadRequest(
                invalid_params=[
                    InvalidParam(
                        name="totEnMet",
                        code="voor-vanaf",
                        reason="het einde van de periode ligt niet vóór het begin",
                    )
                ]
            )
        return Periode(vanaf, tot_en_met)

    return periode
