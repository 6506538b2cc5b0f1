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
    ],
)
def test_role_names_its_holder(text: str, name: str, holder: str) -> None:
    role = _role(text, name)
    assert role is not None and holder in role
