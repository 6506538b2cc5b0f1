"""A role keeps whose role it is: a possessor as written, a pronoun or common noun resolved."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _role(text: str, name: str) -> str | None:
    people = [c for c in extract_candidates(text) if c.kind == "person"]
    return next(p.role for p in people if p.text == name)


@pytest.mark.parametrize(
    ("text", "name", "holder"),
    [
        ("Previously, Eskandar Momeni, Iran’s Minister of Interior, had announced new rules "
         "for landlords.", "Eskandar Momeni", "Iran"),
        ("The Drug Control Agency of Tajikistan reported a rise in seizures on Monday. In a "
         "report released the same day, the agency’s head, Zafar Samad, said the shipment was "
         "intercepted last month.", "Zafar Samad", "Drug Control Agency of Tajikistan"),
        ("The Rwanda Defence Force confirmed the operation on Friday. Its spokesman, Lieutenant "
         "Colonel Eric Nsengiyumva, told the state broadcaster that the leader was killed.",
         "Eric Nsengiyumva", "Rwanda Defence Force"),
        # A person's surname as the possessor names that person in full.
        ("The court jailed former mayor Andrei Volkov for six years on Tuesday. “We will "
         "appeal,” Volkov’s lawyer, Irina Sokolova, told reporters outside the court.",
         "Irina Sokolova", "Andrei Volkov"),
        # "the company" points back to the body the story described as one.
        ("Kenya's state power company, Kenya Power, said on Monday that outages would end "
         "soon. The company's chairman, Joy Brenda Masinde, said repairs were under way.",
         "Joy Brenda Masinde", "Kenya Power"),
        # A body's title bare before a name, after a sentence about that body.
        ("The Central Bank of Nigeria raised its policy rate to 27.5% on Tuesday. Governor "
         "Olayemi Cardoso told reporters that inflation was still too high.",
         "Olayemi Cardoso", "Central Bank of Nigeria"),
    ],
)
def test_role_names_its_holder(text: str, name: str, holder: str) -> None:
    role = _role(text, name)
    assert role is not None and holder in role


def test_a_bare_title_takes_no_body_the_sentence_before_is_not_about() -> None:
    # The sentence before is about rain, not a body: "Governor" stays as written.
    text = ("Heavy rain fell across the province on Monday. Governor Ahmad Rahimi told "
            "reporters that roads would reopen.")
    assert _role(text, "Ahmad Rahimi") == "Governor"
