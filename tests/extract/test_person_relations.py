"""Issue 16/17: what the text relates a name to, and who a pronoun is. Sentences written for
the tests (not from any gold set); each assertion failed before its rule."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _named(text: str) -> set[tuple[str, str]]:
    return {
        (c.kind, c.text)
        for c in extract_candidates(text)
        if c.kind in ("person", "organisation", "place")
    }


def _speakers(text: str) -> dict[str, str | None]:
    return {c.text: c.speaker for c in extract_candidates(text) if c.kind == "quote"}


def test_a_lone_name_that_only_a_person_is_related_to_so_is_a_person() -> None:
    """'portraits of X', 'the funeral of X', 'the woman X': what only a person has, or a
    person's noun before the name, is the text's word for a person (a lone word with no
    role or speech is otherwise left out by `lone-names`)."""
    names = _named("Hundreds of marchers carried portraits of Mandela through the square on "
                   "Sunday. The novel follows the woman Maria across three decades.")
    assert ("person", "Mandela") in names
    assert ("person", "Maria") in names


def test_a_shared_descriptor_yields_to_who_on_a_person() -> None:
    """'the property developer X, who bought ...': developers are people and bodies; the
    relative 'who' says which."""
    names = _named("The colt races for a syndicate headed by the Cork property developer "
                   "Eamon Rafferty, who bought him for 40,000 euros last spring.")
    assert ("person", "Eamon Rafferty") in names


def test_a_pronoun_never_points_to_a_name_the_gate_leaves_out() -> None:
    """'..., she said' after 'the Bertolli auction house': the nearest name is a body's,
    so the speaker is the person named before it."""
    speakers = _speakers(
        "Culture Secretary Ana Ruiz said the mask, valued by the Bertolli auction house at "
        "2 million euros, had been smuggled out. \"These objects were taken,\" she said."
    )
    assert speakers["These objects were taken,"] == "Ana Ruiz"


def test_a_definite_role_points_to_its_holder() -> None:
    """'the mayor said ...' after 'Mayor Chiara Bassi', then '..., she said': the role is
    the nearer antecedent than the minister named in between."""
    speakers = _speakers(
        "Mayor Chiara Bassi said the walls were never built. Minister Franco Deidda rejected "
        "the charge. Speaking from the emergency centre, the mayor said families were "
        "exhausted. \"Every time it rains, the town holds its breath,\" she said."
    )
    assert speakers["Every time it rains, the town holds its breath,"] == "Chiara Bassi"


def test_a_quote_inside_a_sentence_with_its_own_subject_does_not_continue_the_last_speaker(
) -> None:
    """'X accused the party of "..."': the sentence has its own subject (a name the entity
    pass may miss); the speaker of the sentence before is not the one quoted."""
    speakers = _speakers(
        "Finance Minister Sipho Dube said in a statement that the money was needed. "
        "Party official Ngcobo Zulu accused the opposition of \"holding the economy hostage\"."
    )
    assert speakers["holding the economy hostage"] != "Sipho Dube"


def _people(text: str) -> dict[str, str | None]:
    return {c.text: c.role for c in extract_candidates(text) if c.kind == "person"}


def test_a_number_ending_a_sentence_counts_nothing_after_it() -> None:
    """'... third on 69. Gilvanzinho, signed ...': the full stop ends the count's sentence;
    the name after it is no unit the number counts."""
    text = ("The win lifted Flamengo to 74 points, two ahead of Palmeiras, with Botafogo third "
            "on 69. Okocha, signed from Volta Redonda in January, is now the league's joint "
            "top scorer with 17 goals. Teenage forward Okocha scored two goals.")
    assert "Okocha" in _people(text)


def test_a_role_noun_before_a_name_the_ner_calls_a_body_makes_it_a_person() -> None:
    text = ("ANC secretary-general Thabo Ngcobo accused the party of blocking the deal, "
            "telling the public broadcaster that talks would go on.")
    assert "Thabo Ngcobo" in _people(text)


def test_a_role_noun_opening_a_sentence_is_the_role_not_the_name() -> None:
    """'Midfielder Caio Lacerda added a third': the capital is the sentence's, and the role
    noun says what the person is."""
    people = _people("Flamengo went ahead in the 69th minute. Midfielder Caio Lacerda added a "
                     "third in stoppage time.")
    assert "Caio Lacerda" in people
    assert "Midfielder Caio Lacerda" not in people


def test_a_speaker_named_after_a_title_is_named_without_it() -> None:
    """'..." Cagayan Governor Teresita Dulay told DZMM radio': the NER model may read the
    whole run as one thing; the speaker is the name after the title."""
    speakers = _speakers('"We have not seen the river this high," Cagayan Governor Teresita '
                         "Dulay told DZMM radio on Tuesday.")
    assert speakers["We have not seen the river this high,"] == "Teresita Dulay"


def test_a_bare_role_noun_before_a_name_is_the_role_with_the_name_before_it_as_holder(
) -> None:
    """Wire copy writes roles with no article: 'under jockey X', 'Fuerza Popular lawmaker
    X' (the party's lawmaker)."""
    people = _people("Calloway stayed on under jockey Ciaran Doyle to win the race. "
                     "\"Enough,\" Fuerza Popular lawmaker Rosa Huamán said in the chamber.")
    assert people.get("Ciaran Doyle") == "jockey"
    assert people.get("Rosa Huamán") == "Fuerza Popular lawmaker"


def test_a_place_before_a_bare_title_holds_the_office() -> None:
    """'Faenza Mayor Chiara Bassi': the town the gazetteer knows, written before the title,
    is whose mayor she is."""
    people = _people('"They promised us walls," Faenza Mayor Chiara Bassi said on Tuesday.')
    assert people.get("Chiara Bassi") == "Faenza Mayor"


def test_a_name_apposed_to_a_role_is_a_person_though_the_ner_calls_it_a_body() -> None:
    """'Its chief executive, Jean-Baptiste Morel, told Reuters ... "tens of millions"': the
    role noun before the comma says whose name it is, and the quote is his."""
    text = ("Dunmore Cocoa, a London trading house, is suing the board. Its chief executive, "
            "Jean-Baptiste Morel, told Reuters in September that the firm had lost \"tens of "
            "millions\" on the deal.")
    assert (_people(text).get("Jean-Baptiste Morel") or "").startswith("chief executive")
    assert _speakers(text)["tens of millions"] == "Jean-Baptiste Morel"


def test_a_role_apposition_makes_a_person_whatever_body_it_names() -> None:
    """'Sutarno, a deputy head of the agency, told reporters': the apposition's head is a
    role ('head'); the body inside it ('the agency') does not make the name a body's."""
    text = ('"Demand is holding up better than we feared," Sutarno, a deputy head of the '
            "agency, told reporters in Jakarta.")
    assert "Sutarno" in _people(text)


def test_a_first_surname_alone_is_the_person_named_in_full() -> None:
    """'Culture Secretary Lucía Arreola Cantú said ... Arreola said': Spanish copy names a
    person by the first of two surnames; it is her, not a body or a place."""
    text = ("Culture Secretary Lucía Arreola Cantú said the mask had been taken out of Mexico "
            "illegally. Arreola said Mexico would keep pressing auction houses in Europe to "
            "halt sales.")
    named = _named(text)
    assert ("person", "Lucía Arreola Cantú") in named
    assert not any(text_ == "Arreola" for _, text_ in named)


def test_the_surname_of_a_name_the_rules_made_a_person_is_that_person() -> None:
    """'trained by Sydney-based Callum Doherty ... Doherty said': the NER model calls both a
    body; the surname speaks, so the full name is a person, and the lone surname is him."""
    text = ("The favourite, trained by Sydney-based Callum Doherty, was caught wide from a "
            "tough barrier. Doherty said the horse had pulled up sore.")
    named = _named(text)
    assert ("person", "Callum Doherty") in named
    assert ("organisation", "Doherty") not in named


def test_a_name_span_never_runs_on_into_a_date() -> None:
    """The NER model read 'Suez on Nov 9' as one body's name: the date is cut off."""
    from summariser.extract.spans import _clean_span

    text = "The tanker passed the southern entrance at Suez on Nov 9 without incident."
    start = text.index("Suez")
    end = text.index(" without")
    cut = _clean_span(text, start, end)
    assert text[cut[0] : cut[1]] == "Suez"


def test_a_lone_name_its_own_clause_calls_he_or_she_is_a_person() -> None:
    """'the sketches X made in his final years': a gendered possessive in the clause the name
    is the subject of refers back to it, and only a person is 'he' or 'she'."""
    names = _named("Visitors queued to see the sketches Picasso made in his final years.")
    assert ("person", "Picasso") in names


def test_a_likeness_of_a_name_the_ner_calls_a_place_makes_it_a_person() -> None:
    """'a bust of X': what only a person is related to decides against the NER model's place
    label for a name no gazetteer knows."""
    names = _named("A bust of Kossuth was unveiled outside the library on Friday.")
    assert ("person", "Kossuth") in names
    assert ("place", "Kossuth") not in names


def test_a_role_noun_before_an_untagged_full_name_makes_it_a_person() -> None:
    """'the Perth poet X': the NER model reads the town as the person and tags nothing after
    it, and the parser takes 'poet' for a verb; the text's shape still says whose name it is."""
    names = _named("The book is the first novel by the Perth poet Ivy Lam.")
    assert ("person", "Ivy Lam") in names


def test_a_capitalised_word_before_a_surname_the_ner_tagged_alone_is_the_given_name() -> None:
    """'singer-songwriter Mara' + 'Lind': after a lower-case word the NER model may tag the
    surname alone; the person is named in full. Not a title or a sentence's first word. The
    NER span is set by hand, as the small model's choice depends on the name."""
    from spacy.tokens import Span

    from summariser.extract.lexicon import _lexicon
    from summariser.extract.names_ner import _given_name_before
    from summariser.extract.story import _Story
    from summariser.nlp import load_nlp

    def widened(text: str) -> str:
        doc = load_nlp()(text)
        i = next(t.i for t in doc if t.text == "Lind")
        doc.ents = [Span(doc, i, i + 1, label="PERSON")]
        start = _given_name_before(_Story(text, doc), doc[i].idx, _lexicon())
        return text[start : doc[i].idx + len("Lind")]

    assert widened("The poster shows singer-songwriter Mara Lind on stage.") == "Mara Lind"
    assert widened("On Monday Lind sang.") == "Lind"
    assert widened("The poster shows Minister Lind on stage.") == "Lind"


def test_a_role_noun_before_a_name_the_ner_calls_a_place_makes_it_a_person() -> None:
    """'fashion designer X': a name read as a place that no gazetteer knows."""
    names = _named("The museum shows gowns by fashion designer Halston and jewellery by "
                   "Cartier.")
    assert ("person", "Halston") in names


def test_a_name_the_ner_calls_a_body_in_a_list_of_people_is_a_person() -> None:
    """'such as A, B, C, D and E': the NER model reads two of five painters as bodies; a name
    with no body word, listed mostly with people and with no place, is a person's."""
    names = _named("She studied under painters such as Frida Kahlo, Diego Rivera, Walker "
                   "Evans, Georgia O'Keeffe and Mark Rothko.")
    assert ("person", "Diego Rivera") in names
    assert ("person", "Walker Evans") in names


def test_kin_before_a_name_is_the_person_s_role_with_whose_kin() -> None:
    """'survived by their son, Jonas': the kin noun is the role, and "their" a person's (not
    a body's, as "their" is for an office)."""
    people = {c.text: c.role for c in extract_candidates(
        "Potter dies at 88\n\nThe potter Ingrid Vos has died in Utrecht at the age of 88, "
        "her gallery said on Monday. Vos is survived by their son, Jonas, and three "
        "grandchildren.") if c.kind == "person"}
    assert people.get("Jonas") == "Ingrid Vos’s son"
    # "their": the named subject of the clause, or of the sentence before for "she".
    people = {c.text: c.role for c in extract_candidates(
        "Sculptor dies\n\nThe sculptor Hanne Lund has died at 90. Lund was married for 40 "
        "years to the architect Pieter Smit, who died in 2012. She is survived by their son, "
        "Jonas, and two grandchildren.") if c.kind == "person"}
    assert people.get("Jonas") == "Hanne Lund’s son"
    # A role before a name never reaches back across a line into a title.
    assert people.get("Hanne Lund") == "sculptor"


@pytest.mark.parametrize(
    ("text", "kin", "holder"),
    [
        ('"We lost everything," said Dolores Pineda, who lives in Ponce with her husband, '
         "Ramón Ortiz.", "Ramón Ortiz", "Dolores Pineda’s husband"),
        ("Ruth Allen, who runs a bakery with her brother, Paul Allen, said sales had fallen.",
         "Paul Allen", "Ruth Allen’s brother"),
    ],
)
def test_kin_in_a_relative_clause_are_the_described_person_s(
    text: str, kin: str, holder: str
) -> None:
    """'X, who lives ... with her husband, Y': the relative's "who" is X."""
    roles = {c.text: c.role for c in extract_candidates(text) if c.kind == "person"}
    assert roles.get(kin) == holder


def test_kin_inside_the_subject_s_own_words_stay_unresolved() -> None:
    """'His wife, Grace Obi, said': the possessive is in the subject, not describing it."""
    roles = {c.text: c.role for c in extract_candidates(
        "His wife, Grace Obi, said the family had not been told.") if c.kind == "person"}
    assert roles.get("Grace Obi") == "wife"


@pytest.mark.parametrize(
    "text",
    [
        # Someone else stands between the relative and the possessive (a review's cases).
        "Neighbours praised Tom Reyes, who carried a woman and her son, Ben Cole, to safety.",
        "Neighbours praised Tom Reyes, who carried Ana Cruz and her son, Ben Cole, to safety.",
    ],
)
def test_kin_after_someone_else_in_the_relative_clause_are_not_the_described_person_s(
    text: str,
) -> None:
    roles = {c.text: c.role for c in extract_candidates(text) if c.kind == "person"}
    assert "Tom Reyes" not in (roles.get("Ben Cole") or "")


def test_the_new_person_cues_do_not_misfire_on_ordinary_copy() -> None:
    """A reviewer's sentences against this session's rules: a body that only modifies a
    noun after a relation word, a body listed with people, a weekday before a surname, a
    verb taken for a role noun."""
    names = _named("The death of Wagner chief Yevgeny Prigozhin in a plane crash shocked "
                   "Moscow. Fans said the man Arsenal signed from Brighton would start.")
    assert ("person", "Wagner") not in names
    assert ("person", "Arsenal") not in names
    names = _named("The start-up is backed by Jeff Bezos, Bill Gates and SoftBank.")
    assert ("person", "SoftBank") not in names
    people = {c.text for c in extract_candidates(
        "Vote\n\nOfficials announced Wednesday Harris had won the county by 400 votes. She "
        "will head Human Resources at the ministry.") if c.kind == "person"}
    assert "Wednesday Harris" not in people
    assert "Human Resources" not in people


def test_kin_never_take_the_last_named_stranger_as_holder() -> None:
    """'reporter Sarah Jones ... His wife': kin are the clause subject's, and no one's when
    the subject is no named person."""
    roles = {c.text: c.role for c in extract_candidates(
        "Actor\n\nThe actor Tom Hardy spoke to reporter Sarah Jones on Monday. His wife "
        "Charlotte Riley was not present. Defence lawyer Ruth Adler questioned prosecutor "
        "Tom Beale. The victim's parents said their daughter, Amy, had been afraid.")
        if c.kind == "person"}
    assert "Sarah Jones" not in (roles.get("Charlotte Riley") or "")
    assert roles.get("Amy") == "daughter"


def test_a_participle_and_its_by_are_no_part_of_a_role() -> None:
    people = _people("The panel, chaired by veteran diplomat Omar Saidi, met in Rabat on Monday.")
    assert people.get("Omar Saidi") == "veteran diplomat"


def test_the_author_of_a_work_named_by_one_word_is_a_person() -> None:
    # "songs by X": the "by" of a work a person makes, evidence for a famous person named
    # by one word that the story gives no role or speech.
    people = _people(
        "Festival ends\n\nThe festival closed on Monday with songs by Oum Kalthoum performed by "
        "a youth choir, and a reading from the novels by Haddad."
    )
    assert "Haddad" in people


@pytest.mark.parametrize(
    ("text", "name", "never_starts"),
    [
        # "Trainer X, 71,": the age proposal reads the name as the NER and apposition
        # passes do, without the role noun the capital letter of a sentence's start made
        # look like one.
        ("Race report\n\nTrainer Alicia Mendez, 71, saddled her first winner at Palermo on "
         "Sunday.", "Alicia Mendez", "Trainer"),
        # A given name the story also uses as a word is still the name's.
        ("Ceremony\n\nFaith Wanjiku Mwangi, 34, said she had lost faith in the courts.",
         "Faith Wanjiku Mwangi", "Wanjiku"),
    ],
)
def test_an_age_s_name_loses_a_role_noun_but_never_a_given_name(
    text: str, name: str, never_starts: str
) -> None:
    people = _people(text)
    assert name in people
    assert not any(person.startswith(never_starts) for person in people)



def test_a_lone_name_the_next_subject_refers_back_to_as_he_or_she_is_a_person() -> None:
    """'Antonioni finished the film in 1966. He then moved to London.': the next clause's
    subject after the name's own is "he"; with "it" it says nothing."""
    assert ("person", "Antonioni") in _named(
        "News\n\nAntonioni finished the film in 1966. He then moved to London."
    )
    assert ("person", "Antonioni") not in _named(
        "News\n\nAntonioni finished the film in 1966. It then moved to London."
    )


def test_a_person_described_inside_the_quote_is_not_the_pronouns_antecedent() -> None:
    """'"... a farmer who lost everything ...," she said': the quote's words are its
    speaker's; "she" is the person named before it."""
    speakers = _speakers(
        "Strike\n\nThe union's lawyer, Petra Valk, said the members would not strike. "
        '"They know that a farmer who lost everything can still be heard," she said.'
    )
    assert list(speakers.values()) == ["Petra Valk"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("In the port, trader Nguyen Van Minh said prices had dropped.", "Nguyen Van Minh"),
        ("The property developer John Keane said the scheme would go ahead.", "John Keane"),
    ],
)
def test_a_personal_name_after_a_descriptor_people_share_with_firms_is_a_person(
    text: str, person: str
) -> None:
    """A trade people and firms share ("trader", "developer": `shared_descriptors`) before a
    name the Census lists read as a personal one says what the person does."""
    assert ("person", person) in _named("Markets\n\n" + text)


def test_a_personal_name_after_a_descriptor_only_firms_take_stays_a_body() -> None:
    """'the retailer John Lewis': a firm named after its founder."""
    assert ("organisation", "John Lewis") in _named(
        "Markets\n\nThe retailer John Lewis said sales rose in December."
    )


def test_a_name_set_off_by_commas_after_a_role_keeps_its_first_word() -> None:
    """'minister, Do Thanh Phuong,': the tagger reads "Do" as a verb and the NER model
    leaves it out of the name."""
    text = "Rice\n\nThe trade minister, Do Van Minh, said exports would rise."
    assert ("person", "Do Van Minh") in _named(text)
    # The role, read from the words where that misreading breaks the parse.
    roles = {c.text: c.role for c in extract_candidates(text) if c.kind == "person"}
    assert roles["Do Van Minh"] == "trade minister"


def test_a_name_after_a_shared_descriptor_that_the_sentence_calls_it_is_a_firms() -> None:
    """'The developer Harold Finch said it would build': "it" is a firm's pronoun."""
    names = _named("Homes\n\nThe developer Harold Finch said it would build 500 homes.")
    assert ("organisation", "Harold Finch") in names


def test_a_verb_that_is_also_a_trade_noun_does_not_make_a_person_a_firm() -> None:
    """'borrowed to plant rice': "plant" the verb is no factory."""
    names = _named("Rice\n\nVillagers said trader Tran Van Binh had borrowed to plant rice.")
    assert ("person", "Tran Van Binh") in names
