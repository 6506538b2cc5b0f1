"""What the checks need to know about one story, computed once per story."""

from __future__ import annotations

from dataclasses import dataclass

from ..extract import Candidate, extract_candidates
from ..markup import blank_markup
from ..schemas import Evidence
from ..segment import Story
from .claims import ClaimChecker
from .grounding import StoryIndex, abbreviation_pairs, number_values, same_entity

MAX_CANDIDATE_CHARS = 30_000


def candidate_text(story: Story) -> str:
    """The part of a story candidates are drawn from.

    Beyond this the model sees only the story's first part anyway, and spaCy refuses texts
    over a million characters. The byline, dateline and trailer are blanked with spaces
    (offsets still index the story): a reporter is not a person of the story, nor a
    newsroom's telephone number one of its figures.
    """
    text = story.text[:MAX_CANDIDATE_CHARS]
    for start, end in story.layout_spans:
        text = text[:start] + " " * len(text[start:end]) + text[end:]
    return text


@dataclass
class StoryContext:
    """Everything grounding needs to know about one story, computed once."""

    story: Story
    index: StoryIndex
    numbers: set[float]
    abbreviations: dict[str, str]
    candidates: list[Candidate]
    claims: ClaimChecker

    @classmethod
    def build(
        cls,
        story: Story,
        prose_check: str = "strict",
        candidates: list[Candidate] | None = None,
    ) -> StoryContext:
        # Code, markup and model answers in the story are data: nothing in them may ground
        # the briefing's prose (blanked to spaces, so offsets still hold).
        text = blank_markup(story.text)
        return cls(
            story=story,
            index=StoryIndex(text),
            numbers=number_values(text),
            abbreviations=abbreviation_pairs(story.text),
            candidates=(
                candidates if candidates is not None else extract_candidates(candidate_text(story))
            ),
            claims=ClaimChecker.for_story(blank_markup(story.body), prose_check),
        )

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(
            text=self.story.text[start:end],
            start=self.story.start + start,
            end=self.story.start + end,
        )

    def candidates_of(self, kind: str) -> list[Candidate]:
        return [c for c in self.candidates if c.kind == kind]

    def match_candidate(self, name: str, kinds: tuple[str, ...]) -> Candidate | None:
        for candidate in self.candidates:
            if candidate.kind not in kinds:
                continue
            forms = (candidate.text, *candidate.aliases)
            if any(same_entity(name, form, self.abbreviations) for form in forms):
                return candidate
        return None
