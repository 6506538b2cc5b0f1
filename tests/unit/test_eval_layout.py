"""The scorer's layout and headline metrics (evals/layout.py): pure, no model."""

from __future__ import annotations

from evals.layout import headline_problem, layout_matches, sentences

STORY = (
    "Woman charged over N. Ireland arms find.\n\nBELFAST 1996-12-06\n\n"
    "A woman was charged over the N. Ireland arms find on Friday. Police paid 2.5 million "
    "to U.S. officials, killing the deal. It can help fewer than one in five people."
)
TITLE = "Woman charged over N. Ireland arms find."


def test_sentences_are_not_cut_at_abbreviations() -> None:
    assert "A woman was charged over the N. Ireland arms find on Friday." in sentences(STORY)


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = 'The group aims to "end hunger by 2030." It met on Monday.'
    assert sentences(text)[0] == 'The group aims to "end hunger by 2030."'
    assert headline_problem('The group aims to "end hunger by 2030."', None, text) is None


def test_the_title_and_clean_spans_are_not_broken() -> None:
    assert headline_problem(TITLE, TITLE, STORY) is None
    assert headline_problem("A woman was charged over the N. Ireland arms find", None,
                            STORY) is None
    assert headline_problem("police paid 2.5 million to U.S. officials", None, STORY) is None


def test_each_kind_of_broken_headline() -> None:
    cases = {
        "Woman charged over N": "inside",  # the title, cut at its abbreviation
        "A woman was charged over the N": "inside",
        "Police paid 2": "inside",
        "It can help fewer than one": "inside",
        "A woman was charged over the": "ends on",
        "Police paid 2.5 million to U.S. officials, killing": "participle",
        "A woman was charged on Friday": "not one span",  # two pieces joined
    }
    for headline, why in cases.items():
        problem = headline_problem(headline, TITLE, STORY)
        assert problem is not None and why in problem, (headline, problem)


def test_layout_fields_compare_with_gold_only_where_annotated() -> None:
    pred = {"title": TITLE, "byline": {"text": "Steven  Silber"},
            "dateline": {"text": "BELFAST 1996-12-06", "place": "BELFAST", "date": "1996-12-06"}}
    gold = {"title": TITLE, "byline": "Steven Silber",
            "dateline": {"text": "BELFAST 1996-12-06", "place": "BELFAST", "date": "1996-12-06"}}
    assert layout_matches(pred, gold) == {"title": True, "byline": True, "dateline": True}
    assert layout_matches({"title": None}, {"title": None}) == {
        "title": True, "byline": None, "dateline": None}
    wrong = {**pred, "dateline": {"text": "BELFAST", "place": "BELFAST", "date": None}}
    assert layout_matches(wrong, gold)["dateline"] is False
    assert layout_matches({**pred, "byline": None}, gold)["byline"] is False


def test_a_whole_sentence_is_never_a_broken_cut() -> None:
    text = "A win would leave the league more open than it already is. Fans agreed."
    assert headline_problem("A win would leave the league more open than it already is",
                            None, text) is None
    # The same words as a cut of a longer sentence are still broken.
    longer = "A win would leave the league more open than it already is for the top four."
    problem = headline_problem("A win would leave the league more open than it already is",
                               None, longer)
    assert problem is not None and "ends on" in problem
