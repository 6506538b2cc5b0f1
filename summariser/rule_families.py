"""The extractor's rule families, by name: what each does, and which ones a run switches off.

Kept apart from `summariser.extract` so that checking `SUMMARISER_DISABLE_RULES` before a run
(a misspelt name is a usage error, not a run of failed stories) imports nothing heavy: a run
whose stories are all cached must not load the extractor or spaCy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache

from summariser.errors import ConfigError

#: Rule families that can be switched off by name, for measuring what each earns, with what
#: switching one off leaves out. The default runs them all.
RULE_FAMILY_DOCS: dict[str, str] = {
    "person-evidence": "the gate that drops an NER person the text speaks against, and a "
    "rule's person the story never treats as one",
    "lone-names": "an NER person with no cue in the story kept only when named in full "
    '(a lone word such as "Mauer" or "Haqqani" is left out); switched off, a lone word is '
    "kept unless the text speaks against it",
    "census-names": "a lone NER person kept past the lone-names gate when it is a surname in "
    "the US Census Bureau's 1990 list",
    "names-in-bodies": "a person named right after a body's possessive or run into its span "
    "by the NER model (\"New People Party's Regina Ip\"), by a Census given name; a whole "
    "Census given name and surname the model alone reads as a body (\"a Britney Spears "
    "story\")",
    "acronyms": '"Long Form (ABBR)" read off its initials, and acronyms that speak ("ECOWAS said")',
    "citations": 'known outlets named where the story cites them ("told Salam Watandar")',
    "org-cues": 'bodies named by a descriptor or body word ("the state oil company X")',
    "teams": "sides of a match result or a league table",
    "place-cues": 'places named by a place noun ("the Bazarak district", "province of X")',
    "gazetteer-places": "places the gazetteer knows that the NER model missed",
    "place-lists": 'known places listed next to a place ("Córdoba, Rosario and Mendoza")',
    "appositions": 'persons named by a role or an age apposition ("X, the governor", "X, 29,")',
    "gazetteer-retyping": "the gazetteer's say in typing a name (country, large place, town)",
    "headline-confirmation": "Title Case headline names kept only when the body confirms them",
    "surnames": "a full name's surname counted as a mention of that person",
    "roles": "a person's role read from the story",
    "parsed-roles": "a role noun no word list holds, read where the parse makes it a "
    "modifier of the person's name ('said glaciologist X', 'Manta resident X')",
    "other-calendars": "dates of the Iranian, Afghan and Hijri calendars and festivals",
    "compared-figures": "a figure a comparison measures against, with no noun of its own, "
    "labelled as the figure compared with it ('short of the 230,000 bpd promised')",
    "measured-nouns": "a figure that sizes the noun before it: a comparative after the noun "
    "('an area 40% larger than'), a norm ('temperatures 1.5 degrees above normal'), the noun an "
    "'of' phrase hangs on ('a column of ash 7 kilometres high')",
    "parallel-figures": "a bare share or count with no noun of its own, labelled like the "
    "figure of its sentence it parallels ('demanding a 12% pay rise; the company has offered 5%', "
    "'The temperature in Hyderabad reached 48 degrees, and in Jacobabad it reached 51')",
    "clause-figures": "an amount whose clause says what it is where the parse gives it no noun: "
    "a cost of doing ('it cost $4 million to build the bridge'), a change stated with a "
    "copula ('Investments were up by 6%')",
    "collective-sources": 'sources named by a group noun ("officials said", "residents told")',
}
RULE_FAMILIES: tuple[str, ...] = tuple(RULE_FAMILY_DOCS)


def rule_families(names: Iterable[str]) -> frozenset[str]:
    """The given family names as a set, each checked: a misspelt name would measure nothing."""
    chosen = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(chosen - RULE_FAMILY_DOCS.keys())
    if unknown:
        raise ConfigError(
            f"unknown rule family {', '.join(unknown)}; known: {', '.join(RULE_FAMILIES)}"
        )
    return chosen

#: Comma-separated rule families to switch off in this process, for measurement.
DISABLE_ENV = "SUMMARISER_DISABLE_RULES"


@cache
def disabled_by_env() -> frozenset[str]:
    """The families `SUMMARISER_DISABLE_RULES` switches off, read and checked once."""
    return rule_families(os.environ.get(DISABLE_ENV, "").split(","))
