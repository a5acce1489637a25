"""Every cell of the Hart van Brabant transition table, as the coalition's slides prescribe it."""

from datetime import date

import pytest

from wmo_access.overgangsdossiers.regels import (
    Moment,
    Route,
    Situatie,
    Uitkomst,
    einddatumgrenzen,
    regel,
)

OVERGANG = date(2023, 1, 1)


@pytest.mark.parametrize(
    ("situatie", "moment", "route"),
    [
        (Situatie.CLIENT_COALITIE, Moment.HERINDICATIE_VOOR, Route.HUIDIGE_WERKWIJZE),
        (Situatie.CLIENT_ONDERAANNEMER, Moment.HERINDICATIE_VOOR, Route.HUIDIGE_WERKWIJZE),
        (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_VOOR, Route.HUIDIGE_WERKWIJZE),
        (Situatie.CLIENT_COALITIE, Moment.HERINDICATIE_NA, Route.COALITIE_BLIJFT),
        (Situatie.CLIENT_ONDERAANNEMER, Moment.HERINDICATIE_NA, Route.COALITIE_MET_ONDERAANNEMER),
        (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_NA, Route.KEUZE_ONDERAANNEMING),
        (Situatie.CLIENT_COALITIE, Moment.NIEUWE_CLIENT_NA, Route.TOEGANG_NAAR_COALITIE),
        (Situatie.CLIENT_ONDERAANNEMER, Moment.NIEUWE_CLIENT_NA, Route.TOEGANG_NAAR_COALITIE),
        (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.NIEUWE_CLIENT_NA, Route.TOEGANG_NAAR_COALITIE),
    ],
)
def test_each_situation_and_moment_has_its_prescribed_route(
    situatie: Situatie, moment: Moment, route: Route
) -> None:
    assert regel(situatie, moment).route is route


def test_only_a_provider_that_is_not_yet_a_subcontractor_leaves_a_choice_after_the_date() -> None:
    keuze = regel(Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_NA)
    assert set(keuze.uitkomsten) == {
        Uitkomst.WORDT_ONDERAANNEMER,
        Uitkomst.MAATWERKAFSPRAAK,
        Uitkomst.COALITIE_NEEMT_OVER,
        Uitkomst.PGB_VIA_TOEGANG,
    }
    others = [
        regel(s, m)
        for s in Situatie
        for m in Moment
        if (s, m) != (Situatie.CLIENT_AANBIEDER_ONBEKEND, Moment.HERINDICATIE_NA)
    ]
    assert all(r.uitkomsten == () for r in others)


@pytest.mark.parametrize("situatie", list(Situatie))
def test_a_new_client_with_a_pgb_keeps_the_current_way_of_working(situatie: Situatie) -> None:
    assert (
        regel(situatie, Moment.NIEUWE_CLIENT_NA, is_pgb=True).route is Route.PGB_HUIDIGE_WERKWIJZE
    )


@pytest.mark.parametrize("situatie", list(Situatie))
def test_a_herindicatie_before_the_date_ends_preferably_on_1_july_of_the_transition_year(
    situatie: Situatie,
) -> None:
    gekozen = regel(situatie, Moment.HERINDICATIE_VOOR)
    grenzen = einddatumgrenzen(gekozen, OVERGANG, date(2022, 12, 1))
    assert grenzen is not None
    assert grenzen.voorkeur == date(2023, 7, 1)


@pytest.mark.parametrize(
    ("situatie", "uiterlijk"),
    [
        # The coalition's own clients: at the latest 31 December of the transition year.
        (Situatie.CLIENT_COALITIE, date(2023, 12, 31)),
        # A subcontractor's or an unknown provider's client: also at most one year.
        (Situatie.CLIENT_ONDERAANNEMER, date(2023, 10, 31)),
        (Situatie.CLIENT_AANBIEDER_ONBEKEND, date(2023, 10, 31)),
    ],
)
def test_the_latest_end_is_31_december_and_at_most_one_year_outside_the_coalition(
    situatie: Situatie, uiterlijk: date
) -> None:
    grenzen = einddatumgrenzen(
        regel(situatie, Moment.HERINDICATIE_VOOR), OVERGANG, date(2022, 11, 1)
    )
    assert grenzen is not None
    assert grenzen.uiterlijk == uiterlijk


def test_the_preference_never_lies_after_the_limit() -> None:
    gekozen = regel(Situatie.CLIENT_ONDERAANNEMER, Moment.HERINDICATIE_VOOR)
    grenzen = einddatumgrenzen(gekozen, OVERGANG, date(2022, 5, 1))
    assert grenzen is not None
    assert grenzen.uiterlijk == date(2023, 4, 30)
    assert grenzen.voorkeur == date(2023, 4, 30)


@pytest.mark.parametrize("moment", [Moment.HERINDICATIE_NA, Moment.NIEUWE_CLIENT_NA])
def test_after_the_date_the_transition_sets_no_end_date(moment: Moment) -> None:
    for situatie in Situatie:
        assert einddatumgrenzen(regel(situatie, moment), OVERGANG, date(2023, 3, 1)) is None
