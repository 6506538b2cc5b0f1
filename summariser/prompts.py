"""Prompts are versioned data files, validated on load; a missing variable is an error."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

import tomllib
from pydantic import BaseModel, ValidationError, model_validator

from .errors import PromptError

_REPO_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


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

    @model_validator(mode="after")
    def _answers_fit_the_schemas(self) -> Example:
        from .schemas import FullDraft, ProseDraft

        try:
            ProseDraft.model_validate_json(self.prose)
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
    examples: list[Example] = []

    def render(self, template: str, **values: str) -> str:
        try:
            return Template(template).substitute(values)
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.version}: template variable {exc} not filled") from exc

    def messages(self, full: bool, story: str, candidates: str) -> list[dict[str, str]]:
        """System prompt, worked examples as earlier turns, then this story's request."""
        template = self.user_full if full else self.user_prose
        out = [{"role": "system", "content": self.system}]
        for example in self.examples:
            out.append({"role": "user", "content": self.render(
                template, story=example.story, candidates=example.candidates)})
            out.append({"role": "assistant", "content": example.full if full else example.prose})
        out.append({"role": "user", "content": self.render(
            template, story=story, candidates=candidates)})
        return out


def _read_prompt_file(name: str) -> str:
    """Prefer the checkout's prompts/ (editable installs), else the copy in the wheel."""
    local = _REPO_PROMPTS / f"{name}.toml"
    if local.is_file():
        return local.read_text(encoding="utf-8")
    try:
        return (
            resources.files("summariser.data.prompts")
            .joinpath(f"{name}.toml")
            .read_text(encoding="utf-8")
        )
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise PromptError(f"prompt file {name}.toml not found in prompts/ or the package") from exc


@lru_cache(maxsize=4)
def load_story_prompt(name: str = "story") -> StoryPrompt:
    try:
        data = tomllib.loads(_read_prompt_file(name))
        return StoryPrompt.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise PromptError(f"prompt file {name}.toml is invalid: {exc}") from exc
