"""Quote speakers come from the speech verb's subject, never from a name merely nearby."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _speaker(text: str, quote_start: str) -> str | None:
    quotes = [c for c in extract_candidates(text) if c.kind == "quote"]
    return next(q.speaker for q in quotes if q.text.startswith(quote_start))


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # A person named earlier in the quote's sentence is not its speaker.
        ('Thomas Bach, the outgoing president, handed over to Kirsty Coventry on Monday. '
         '"This is an incredibly proud moment," Coventry said after the vote in Greece.',
         "This is", "Coventry"),
        ('Kirsty Coventry, who succeeds Thomas Bach as president of the International Olympic '
         'Committee, said: "This is an incredibly proud moment."', "This is", "Kirsty Coventry"),
        # A pronoun is the nearest person before it, never one named inside the quote.
        ('Interior Minister Eskandar Momeni visited Mashhad on Tuesday. "Ahmad Karimi did '
         'nothing wrong and the case is closed," he said.', "Ahmad", "Eskandar Momeni"),
    ],
)
def test_speaker_is_who_speaks(text: str, quote: str, speaker: str) -> None:
    assert _speaker(text, quote) == speaker


def test_no_attribution_means_no_speaker() -> None:
    text = (
        "Finance Minister Aisha Bello presented the budget on Monday. Critics in parliament "
        'called it "a plan without money".'
    )
    assert _speaker(text, "a plan") != "Aisha Bello"
