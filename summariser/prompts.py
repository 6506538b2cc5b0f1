"""Prompts are versioned data files, validated on load; a missing variable is an error."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

import tomllib
from pydantic import BaseModel, ValidationError

from .errors import PromptError

_REPO_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


class StoryPrompt(BaseModel):
    name: str
    version: str
    system: str
    user_prose: str
    user_full: str

    def render(self, template: str, **values: str) -> str:
        try:
            return Template(template).substitute(values)
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.version}: template variable {exc} not filled") from exc


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
