"""Prompts are versioned data files, validated on load; a missing variable is an error."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import resources
from string import Template

from pydantic import BaseModel, ValidationError, model_validator

from .errors import PromptError

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, published as tomli before it joined the standard library
    import tomli as tomllib

#: The prompt files' directory inside the package; the checkout's top-level `prompts` is a
#: symlink to it (see pyproject.toml), so a checkout, an editable and a wheel install all
#: read the same file.
PROMPT_DIR = "prompt_templates"


class Example(BaseModel):
    """One worked example, shown to the model as an earlier turn of the conversation.

    Small models copy the shape of an example far better than they follow a description of
    it. The examples sit right after the system prompt, so they are part of the prefix that
    every story shares and that the embedded backend evaluates once per run.
    """

    story: str
    candidates: str = ""
    prose: str
    full: str
    select: str = '{"key_sentences": [1], "topic": ""}'

    @model_validator(mode="after")
    def _answers_fit_the_schemas(self) -> Example:
        from .schemas import FullDraft, ProseDraft, SelectionDraft

        try:
            ProseDraft.model_validate_json(self.prose)
            SelectionDraft.model_validate_json(self.select)
            FullDraft.model_validate_json(self.full)
        except ValidationError as exc:
            raise ValueError(f"an example answer does not fit its schema: {exc}") from exc
        return self


class StoryPrompt(BaseModel):
    name: str
    version: str
    system: str
    user_prose: str
    user_full: str
    user_select: str
    examples: list[Example] = []

    def render(self, template: str, **values: str) -> str:
        try:
            return Template(template).substitute(values)
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.version}: template variable {exc} not filled") from exc

    def messages(self, kind: bool | str, story: str, candidates: str) -> list[dict[str, str]]:
        """System prompt, worked examples as earlier turns, then this story's request.

        `kind` is "prose", "full" or "select" (True and False stand for "full" and "prose").
        For "select", `story` is the story as numbered sentences.
        """
        name = ("full" if kind else "prose") if isinstance(kind, bool) else kind
        template = {"full": self.user_full, "prose": self.user_prose, "select": self.user_select}[
            name
        ]
        out = [{"role": "system", "content": self.system}]
        for example in self.examples:
            out.append({"role": "user", "content": self.render(
                template, story=example.story, candidates=example.candidates)})
            answer = {"full": example.full, "prose": example.prose, "select": example.select}
            out.append({"role": "assistant", "content": answer[name]})
        out.append({"role": "user", "content": self.render(
            template, story=story, candidates=candidates)})
        return out


def _read_prompt_file(name: str) -> str:
    try:
        path = resources.files("summariser") / PROMPT_DIR / f"{name}.toml"
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"prompt file {name}.toml not found in summariser/{PROMPT_DIR}") from exc


@lru_cache(maxsize=4)
def load_story_prompt(name: str = "story") -> StoryPrompt:
    try:
        data = tomllib.loads(_read_prompt_file(name))
        return StoryPrompt.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise PromptError(f"prompt file {name}.toml is invalid: {exc}") from exc
