"""The story's country: where it happens, by dateline or by the lead's parse."""

from __future__ import annotations

import pytest

from evals.prose_metrics import recombined, same_country
from summariser.check.country import country_name, dateline_country, lead_country


@pytest.mark.parametrize(
    ("lead", "country"),
    [
        # A country only mentioned is not the story's.
        ("The European Commission fined the company in Brussels on Thursday, citing sales to "
         "China and US tariffs.", "Belgium"),
        ("The European Central Bank held interest rates on Thursday, citing uncertainty from "
         "US tariffs.", None),
        ("Moldova will buy up to 400 million cubic metres of gas from Romania this winter, "
         "the minister said.", "Moldova"),
        ("Firefighters backed by aircraft from Greece and Croatia were battling wildfires "
         "near Kavadarci in central North Macedonia on Sunday.", "North Macedonia"),
        ("Sources report that a young Afghan man in Islamabad has taken his own life due to "
         "delays in the processing of his immigration application to Canada.", "Pakistan"),
        ("Orlando Pirates beat Kaizer Chiefs 2-1 in the Soweto derby at FNB Stadium on "
         "Saturday.", "South Africa"),
        ("Protesters marched through Hong Kong on Sunday.", "China"),
        # Where people come from ranks after where they are ...
        ("Delegates from Kenya, Uganda and Rwanda signed the accord in Arusha on Friday.",
         "Tanzania"),
        # ... but "from" on a verb may be where the event is.
        ("The ambassador was expelled from Kenya after talks in Ethiopia.", "Kenya"),
        # A country's possessive on a name says whose the club is, as a demonym does; a
        # demonym on a place noun says where ("the Peruvian capital").
        ("Chile's Colo-Colo beat Colombia's Atletico Nacional 2-0 in the cup final at the "
         "Estadio Nacional in the Peruvian capital, Lima, on Sunday.", "Peru"),
        # On a common noun the possessive is the country's own body.
        ("Kenya's treasury raised 2 billion shillings on Monday.", "Kenya"),
    ],
)
def test_the_lead_event_decides(lead: str, country: str | None) -> None:
    assert lead_country([lead]) == country


def test_a_dateline_wins_and_territories_map_to_their_country() -> None:
    assert dateline_country("NAIROBI, 4 March - Officials in Uganda said...") == "Kenya"
    assert dateline_country("Officials said...", dateline="HONG KONG, May 2") == "China"
    assert dateline_country("Officials in Uganda said on Monday...") is None
    assert country_name("HK") == "China"
    # a large city's other spelling ("Basra" for geonames' "Basrah"), never a translation
    assert dateline_country("Crowds...", dateline="BASRA, Aug 4 (AFP)") == "Iraq"


def test_the_scorer_compares_countries_by_identity_and_finds_recombined_points() -> None:
    assert same_country("Türkiye", "Turkey") and not same_country("Niger", "Nigeria")
    story = ("The probe used the gravity of Mars. It is heading towards Jupiter. "
             "It launched in 2023.")
    assert recombined("The probe used the gravity of Jupiter to reach Mars.", story)
    assert not recombined("It is heading towards Jupiter.", story)
    # Two anchors from two sentences recombine; a lone number not in the story is an
    # ungrounded figure (the grounding count), not a recombination.
    assert recombined("It launched towards Jupiter in 2023.", story)
    assert not recombined("It launched in 2024.", story)
