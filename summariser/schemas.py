"""The briefing contract: what the model fills in, and what we print and export.

Two families live here. *Drafts* are what a model is asked to produce for one story; they
are validated against the story (grounding) when a validation context is given, so that
instructor can re-ask with the reasons. *Records* are what leaves the program: every item in
them carries the evidence span it was grounded on. `schemas/*.json` (the package's
`json_schemas/`) is exported from these models and a test fails when the export is stale.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationInfo, model_validator
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

SCHEMA_VERSION = "1.2.0"

EntityKind = Literal["person", "organisation", "place"]


# --------------------------------------------------------------------------- drafts


class DraftPerson(BaseModel):
    """A person as the model names them, with the role the story gives."""

    name: str = Field(description="Full name exactly as written in the story.")
    role: str | None = Field(default=None, description="Role or title from the story, or null.")


class DraftFigure(BaseModel):
    """A number the story reports, copied verbatim, and what it counts."""

    value: str = Field(description="The number exactly as written, e.g. '1.3 million', '59%'.")
    context: str = Field(description="What the number counts, in a few words.")


class DraftQuote(BaseModel):
    """Quoted speech copied from the story, with who said it."""

    text: str = Field(description="The quoted words exactly as written, without quote marks.")
    speaker: str | None = Field(default=None, description="Who said it, as named in the story.")


#: The story-bound check that drafts validated in this thread must pass (see `grounded_by`).
GROUNDING_CHECK: ContextVar[Callable[[Any], list[str]] | None] = ContextVar(
    "grounding_check", default=None
)


@contextmanager
def grounded_by(check: Callable[[Any], list[str]]) -> Iterator[None]:
    """Validate every draft made in this block against one story.

    A context variable rather than instructor's `context=`, which instructor also feeds to
    its Jinja templating of the messages (a story could inject into it), and rather than a
    per-story subclass, which costs pydantic a model build for every story.
    """
    token = GROUNDING_CHECK.set(check)
    try:
        yield
    finally:
        GROUNDING_CHECK.reset(token)


_SCHEMA_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}


class _GroundedDraft(BaseModel):
    """Runs the grounding check bound by `grounded_by` (or passed as validation context)."""

    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = GenerateJsonSchema,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """Built once per class: instructor asks for it on every story, and pydantic
        would rebuild it each time (about 2 ms, a tenth of a remote story's CPU).

        `by_alias` None leaves pydantic its own default (`True` before 2.14, `None` since),
        so the signature fits both.
        """
        key = (cls, by_alias, ref_template, schema_generator, mode, union_format)
        if key not in _SCHEMA_CACHE:
            alias: dict[str, Any] = {} if by_alias is None else {"by_alias": by_alias}
            _SCHEMA_CACHE[key] = super().model_json_schema(
                ref_template=ref_template,
                schema_generator=schema_generator,
                mode=mode,
                union_format=union_format,
                **alias,
            )
        return copy.deepcopy(_SCHEMA_CACHE[key])

    @model_validator(mode="after")
    def _grounded_in_story(self, info: ValidationInfo) -> Any:
        context = info.context or {}
        checker = context.get("grounding_check") or GROUNDING_CHECK.get()
        if checker is not None:
            problems = checker(self)
            if problems:
                # One line per problem: instructor sends this text back to the model.
                raise ValueError("; ".join(problems))
        return self


class ProseDraft(_GroundedDraft):
    """The lean draft: the model writes prose; named items come from grounded candidates."""

    # No maxLength on strings: llama.cpp expands it into grammar rules that make sampling
    # crawl; lengths are enforced after the fact (headline shortened, points capped).
    headline: str = Field(description="A short headline for the story, at most 12 words.")
    summary: str = Field(description="One or two sentences saying what happened.")
    key_points: list[str] = Field(
        default_factory=list, max_length=3, description="Up to 3 short key points."
    )
    topic: str = Field(default="", description="One or two words, e.g. 'security', 'migration'.")


class FullDraft(ProseDraft):
    """The full draft: the model also picks, types and proposes the story's items."""

    people: list[DraftPerson] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    figures: list[DraftFigure] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    quotes: list[DraftQuote] = Field(default_factory=list)
    sources: list[str] = Field(
        default_factory=list, description="Outlets or bodies the story cites, e.g. 'Dawn'."
    )


# --------------------------------------------------------------------------- records


class Evidence(BaseModel):
    """The verbatim span of the input an item was grounded on."""

    text: str
    start: int = Field(description="Character offset in the input file.")
    end: int


class Span(BaseModel):
    start: int
    end: int


class PersonRecord(BaseModel):
    name: str
    role: str | None = None
    aliases: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None
    origin: str = Field(default="", description="Which extractor proposed it: ner, rule, model.")


class NamedRecord(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None
    origin: str = ""


class FigureRecord(BaseModel):
    value: str
    context: str = ""
    evidence: Evidence | None = None
    origin: str = ""


class DateRecord(BaseModel):
    text: str
    evidence: Evidence | None = None
    origin: str = ""


class QuoteRecord(BaseModel):
    text: str
    speaker: str | None = None
    evidence: Evidence | None = None
    origin: str = ""


class GroundingStats(BaseModel):
    """Accounting of what was proposed, kept and dropped for one story (or a run)."""

    proposed: int = 0
    grounded: int = 0
    dropped: int = 0
    reasks: int = 0
    dropped_items: list[str] = Field(default_factory=list)
    summary_fallback: bool = False
    summary_fallbacks: int = Field(
        default=0, description="Summaries taken from the story's lead (run totals)."
    )

    def add(self, other: GroundingStats) -> None:
        self.proposed += other.proposed
        self.grounded += other.grounded
        self.dropped += other.dropped
        self.reasks += other.reasks
        self.summary_fallbacks += other.summary_fallbacks + int(other.summary_fallback)
        self.summary_fallback = self.summary_fallback or other.summary_fallback


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0
    seconds: float = 0.0
    cached: bool = False
    first_attempt_valid: bool = Field(
        default=False, description="The first answer was JSON that fits the schema."
    )
    first_attempt_grounded: bool = Field(
        default=False, description="The first answer also passed every check: no re-ask."
    )


class Origin(BaseModel):
    """Where a story came from: an input and its span there (several for a merged story)."""

    input: str = Field(description="The input's display name (file name, or <stdin>).")
    story_id: str = Field(description="Content hash of the story text in that input.")
    start: int = Field(description="Character offset of the story in that input, as decoded.")
    end: int
    ref: str | None = Field(default=None, description="The story's id in a .jsonl input.")


class BylineRecord(BaseModel):
    """The reporter's line of wire copy: not the story's text, and not one of its people."""

    text: str = Field(description="The line as written, e.g. 'By Jane Morrow, Reuters'.")
    name: str = Field(description="The author's name as written.")
    start: int = Field(description="Character offset of `text` in the input file.")
    end: int


class DatelineRecord(BaseModel):
    """Where and when the story was filed, as the wire prints it before the text."""

    text: str = Field(description="As written, e.g. 'WASHINGTON, March 4 (Reuters)'.")
    place: str | None = None
    date: str | None = Field(default=None, description="As written, e.g. '1996-12-06'.")
    agency: str | None = None
    start: int = Field(description="Character offset of `text` in the input file.")
    end: int


class StoryRecord(BaseModel):
    """One story of the briefing, every item traceable to the input."""

    id: int
    story_id: str = Field(
        default="", description="Stable id: a hash of the story's words (whitespace folded)."
    )
    title: str | None = None
    byline: BylineRecord | None = None
    dateline: DatelineRecord | None = None
    lead: str = Field(description="The story's first sentence, for reference and fallbacks.")
    status: Literal["summarised", "not_summarised"] = "summarised"
    reason: str | None = Field(default=None, description="Why a story was not summarised.")
    headline: str = ""
    summary: str = ""
    key_points: list[str] = Field(default_factory=list)
    topic: str = ""
    countries: list[str] = Field(default_factory=list)
    primary_place: str | None = None
    people: list[PersonRecord] = Field(default_factory=list)
    organisations: list[NamedRecord] = Field(default_factory=list)
    places: list[NamedRecord] = Field(default_factory=list)
    figures: list[FigureRecord] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    quotes: list[QuoteRecord] = Field(default_factory=list)
    sources: list[NamedRecord] = Field(default_factory=list)
    source: Span
    origins: list[Origin] = Field(
        default_factory=list,
        description="Every input the story came from; evidence offsets index the first.",
    )
    grounding: GroundingStats = Field(default_factory=GroundingStats)
    usage: Usage = Field(default_factory=Usage)


class RunMeta(BaseModel):
    """How a briefing was made, so that any two runs can be compared."""

    input: str = ""
    inputs: list[str] = Field(default_factory=list, description="Every input of a merged run.")
    run_id: str = Field(default="", description="The run's id in the call log (summarise log).")
    date: str = ""
    backend: str = ""
    model: str = ""
    entity_mode: str = ""
    prose_check: str = ""
    prompt_version: str = ""
    schema_version: str = SCHEMA_VERSION
    stories: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    seconds: float = 0.0
    grounding: GroundingStats = Field(default_factory=GroundingStats)


class Briefing(BaseModel):
    """The whole briefing: the stories plus how they were made."""

    stories: list[StoryRecord]
    meta: RunMeta


class StoryLine(StoryRecord):
    """One line of `--format jsonl`: a story record with the input it came from."""

    type: Literal["story"] = "story"
    input: str = Field(description="The input the story came from (its first, when merged).")


class MetaLine(RunMeta):
    """The last line of `--format jsonl`: how the run was made."""

    type: Literal["meta"] = "meta"


class BriefingLine(RootModel[Annotated[StoryLine | MetaLine, Field(discriminator="type")]]):
    """Any line of a `--format jsonl` output: stories, then one meta line."""


EXPORTED_MODELS: dict[str, type[BaseModel]] = {
    "briefing": Briefing,
    "briefing_line": BriefingLine,
    "story_draft_full": FullDraft,
    "story_draft_prose": ProseDraft,
}


def export_json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas written to `schemas/`, keyed by file stem."""
    return {name: model.model_json_schema() for name, model in EXPORTED_MODELS.items()}


def schema_files() -> dict[str, str]:
    """File name to exact file text, as `schemas/` must hold them."""
    import json

    return {
        f"{name}.json": json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, schema in export_json_schemas().items()
    }


#: Where the exported schemas live inside the package; the checkout's top-level `schemas` is
#: a symlink to it (see pyproject.toml).
SCHEMA_DIR = "json_schemas"

if __name__ == "__main__":  # python -m summariser.schemas: refresh the exported schemas
    from pathlib import Path

    target = Path(__file__).resolve().parent / SCHEMA_DIR
    for file_name, content in schema_files().items():
        (target / file_name).write_text(content, encoding="utf-8")
        print(f"wrote summariser/{SCHEMA_DIR}/{file_name}")
