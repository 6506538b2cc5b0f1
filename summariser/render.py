"""The markdown briefing: top lines, stories grouped by place, an index, and a footer.

Every story-controlled string goes through `escape()`, so a story cannot inject HTML, links,
images, headings, lists or emphasis. The only markup not written by `escape()` is ours: the
headings, bullets, labels, the links of the top lines and the index, and one
`<a id="story-N"></a>` anchor line just above each story heading. Plain CommonMark gives
headings no ids, and slugs differ between renderers and change with the headline, so the
anchor is explicit; it sits outside the heading because linters (pymarkdown's MD051) only see
ids in inline HTML outside headings, and there they can check every `#story-N` link.

Significance (the order of the top lines and of the groups) is a deterministic heuristic over
the records, documented on `significance()`; no model is called.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .schemas import Briefing, StoryRecord

# --------------------------------------------------------------------------- escaping

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# Control characters other than whitespace have no business in a briefing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# GFM's extended autolinks fire on `scheme:` and `www.` without any markup; breaking the
# colon or the dot with a backslash escape keeps the text and loses the link.
_AUTOLINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file|vbscript):")
_AUTOLINK_WWW = re.compile(r"(?i)\b(www)\.")


def escape(text: str, line_start: bool = True) -> str:
    """Plain text safe inside a CommonMark paragraph, heading, link text or list item.

    The result is one line (whitespace runs collapse to a space) and renders as the literal
    text: every ASCII punctuation character with a meaning in CommonMark or GFM is
    backslash-escaped, and a leading `-`, `=` or `1.`/`1)` cannot start a block. Pass
    `line_start=False` for text that can never begin a line (it keeps `1.0.0` readable).
    """
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK_SCHEME.sub(r"\1\\:", text)
    text = _AUTOLINK_WWW.sub(r"\1\\.", text)
    if not line_start:
        return text
    # A line starting with `-`, `=` or `1.`/`1)` would become a list, a setext underline or a
    # thematic break; escaping the punctuation (never the digit) is harmless mid-line too.
    return re.sub(r"^(-|=|\d+(?=[.)]))([.)]?)", _escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return f"{lead}\\{mark}" if mark else f"\\{lead}"


# --------------------------------------------------------------------------- significance

_DEATH_WORDS = re.compile(
    r"(?i)\b(killed|kills?|dead|deaths?|died|dying|lives|fatalit\w*|bodies|massacred?|"
    r"executed|suicides?|murdered)\b"
)
_PEOPLE_WORDS = re.compile(
    r"(?i)\b(people|persons?|individuals|refugees?|migrants?|asylum[- ]seekers|afghans|"
    r"nationals|citizens|civilians|residents|families|households|children|women|men|girls|"
    r"boys|students|workers|employees|soldiers|troops|police(?:men)?|officers|militants|"
    r"fighters|prisoners|detainees|returnees|deportees|displaced|evacuees|victims|casualties|"
    r"injured|wounded|pilgrims|cardholders|population|deported|expelled|arrested|detained|"
    r"repatriated|returned|fled|evacuated|rescued|relocated)\b"
)
# Values that measure something other than a head count.
_NOT_A_COUNT = re.compile(
    r"(?i)(%|\bper ?cent\b|[$£€¥₹]|\b(dollars?|usd|euros?|pounds|rupees|afghanis?|rials?|"
    r"tomans?|somoni|yuan)\b|\b(kilo(gram|metre|meter)s?|kg|km|tonnes?|tons?|miles?|"
    r"metres?|meters?|litres?|liters?|hectares?|acres?|years?|year-old|months?|weeks?|days?|"
    r"hours?|minutes?)\b)"
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_PLURAL_SCALES = {"dozens": 24.0, "hundreds": 2e2, "thousands": 2e3, "millions": 2e6}
_NUMBER = re.compile(
    r"(?i)(\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")\b)\s*(hundred|thousand|million|billion)?"
)


def figure_magnitude(value: str) -> float | None:
    """The largest head count a figure's value states, or None when it states none.

    `"1.3 million"` is 1,300,000, `"Between 10,000 and 15,000"` is 15,000, `"six"` is 6,
    `"thousands"` counts as 2,000. Percentages, money, weights, distances and durations are
    not counts and give None.
    """
    if _NOT_A_COUNT.search(value):
        return None
    best: float | None = None
    for match in _NUMBER.finditer(value):
        raw, scale = match.group(1), match.group(2)
        number = _WORD_NUMBERS.get(raw.lower())
        amount = float(number) if number is not None else float(raw.replace(",", ""))
        if scale:
            amount *= _SCALES[scale.lower()]
        best = amount if best is None else max(best, amount)
    if best is None:
        for word, amount in _PLURAL_SCALES.items():
            if re.search(rf"(?i)\b{word}\b", value):
                best = amount if best is None else max(best, amount)
    return best


@dataclass(frozen=True)
class Significance:
    """The parts of a story's significance, kept for tests and for explaining an order."""

    deaths: float
    affected: float
    figures: int
    actors: int
    quotes: int

    @property
    def score(self) -> float:
        return (
            4.0 * math.log10(1 + self.deaths)
            + 2.0 * math.log10(1 + self.affected)
            + 0.5 * min(self.figures, 6)
            + 0.5 * min(self.actors, 10)
            + 0.25 * min(self.quotes, 4)
        )


def significance(story: StoryRecord) -> Significance:
    """How much a story matters to a reader, from its grounded records alone.

    The score is

        4·log10(1 + deaths) + 2·log10(1 + people affected)
        + 0.5·min(figures, 6) + 0.5·min(people + organisations, 10) + 0.25·min(quotes, 4)

    where *deaths* is the largest head count among figures whose value or context speaks of
    death (killed, died, lives, …) and *people affected* the largest head count among figures
    that count people (refugees, soldiers, deported, …), both read by `figure_magnitude()`.
    Logarithms keep one huge number from swamping everything else; the largest figure (not
    the sum) is used because stories restate the same total in several ways. Status is not
    part of the score: `rank_stories()` puts every summarised story before every
    not-summarised one, and ties keep the bulletin's order.
    """
    deaths = affected = 0.0
    for figure in story.figures:
        amount = figure_magnitude(figure.value)
        if amount is None:
            continue
        words = f"{figure.value} {figure.context}"
        if _DEATH_WORDS.search(words):
            deaths = max(deaths, amount)
            affected = max(affected, amount)
        elif _PEOPLE_WORDS.search(words):
            affected = max(affected, amount)
    return Significance(
        deaths=deaths,
        affected=affected,
        figures=len(story.figures),
        actors=len(story.people) + len(story.organisations),
        quotes=len(story.quotes),
    )


def rank_stories(stories: list[StoryRecord]) -> list[int]:
    """Positions of `stories`, most significant first (summarised first, then score, then order)."""
    scores = [significance(story).score for story in stories]
    return sorted(
        range(len(stories)),
        key=lambda i: (stories[i].status != "summarised", -round(scores[i], 9), i),
    )


def top_line_positions(stories: list[StoryRecord]) -> list[int]:
    """The stories of the top lines: the five most significant summarised ones.

    When fewer than three stories are summarised, not-summarised stories fill the list up to
    three (or up to the number of stories, when there are fewer than three).
    """
    ranked = rank_stories(stories)
    summarised = [i for i in ranked if stories[i].status == "summarised"][:5]
    others = [i for i in ranked if stories[i].status != "summarised"]
    return summarised + others[: max(0, 3 - len(summarised))]


# --------------------------------------------------------------------------- anchors and text


def story_anchors(stories: list[StoryRecord]) -> list[str]:
    """One stable, unique anchor per story: `story-<id>`, suffixed if an id repeats."""
    anchors: list[str] = []
    seen: set[str] = set()
    for story in stories:
        anchor = base = f"story-{story.id}"
        n = 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0] if parts else text


def story_title(story: StoryRecord) -> str:
    """The story's heading: its headline, else its title, else its lead."""
    for candidate in (story.headline, story.title or "", story.lead):
        if candidate.strip():
            return " ".join(candidate.split())
    return f"Story {story.id}"


def heading_text(text: str, fallback: str) -> str:
    """`text` without trailing sentence punctuation (a lead used as a heading ends in '.')."""
    return text.rstrip(".,;:!。，；：！ ") or fallback


def top_line_text(story: StoryRecord) -> str:
    """A grounded field for the top line: headline, else first summary sentence, else title."""
    if story.status == "summarised":
        if story.headline.strip():
            return " ".join(story.headline.split())
        if story.summary.strip():
            return first_sentence(story.summary)
    return story_title(story)


def short(text: str, words: int = 8) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def place_of(story: StoryRecord) -> str:
    """The one place a story is filed under: primary place, else first country, else Other."""
    for candidate in (story.primary_place or "", *story.countries):
        if candidate.strip():
            return " ".join(candidate.split())
    return OTHER


OTHER = "Other"
_FIXED_HEADINGS = ("Daily briefing", "Top lines", "Index of people and organisations", "People",
                   "Organisations")


def group_by_place(stories: list[StoryRecord]) -> list[tuple[str, list[int]]]:
    """(place, story positions) groups, ordered by their most significant story; Other last.

    Places compare case-insensitively; a group keeps the spelling it was first seen with.
    Within a group stories are in significance order too.
    """
    groups: dict[str, tuple[str, list[int]]] = {}
    for position in rank_stories(stories):
        name = place_of(stories[position])
        key = name.casefold()
        groups.setdefault(key, (name, []))[1].append(position)
    ordered = [g for key, g in groups.items() if key != OTHER.casefold()]
    if OTHER.casefold() in groups:
        ordered.append(groups[OTHER.casefold()])
    return ordered


# --------------------------------------------------------------------------- index

_TITLE_WORDS = {
    "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "captain", "capt",
    "brigadier", "admiral", "marshal", "field", "commander", "president", "vice", "prime",
    "minister", "deputy", "governor", "mayor", "senator", "sen", "rep", "judge", "justice",
    "chief", "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame",
    "lord", "lady", "king", "queen", "prince", "princess", "sheikh", "shaikh", "mullah",
    "mawlawi", "maulvi", "maulana", "ayatollah", "imam", "hajji", "haji", "ambassador",
    "secretary", "spokesman", "spokesperson", "the",
}
_ORG_STOPWORDS = {"the"}
_ACRONYM_SKIP = {"of", "for", "and", "the", "on", "in", "e", "&", "de", "du", "al"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    return " ".join(text.split())


def person_key(name: str) -> str:
    """A person's name without titles, case or punctuation: 'General Asim Munir' → 'asim munir'."""
    tokens = _fold(name).split()
    while len(tokens) > 1 and tokens[0].rstrip(".") in _TITLE_WORDS:
        tokens = tokens[1:]
    return " ".join(tokens)


def organisation_key(name: str) -> str:
    return " ".join(t for t in _fold(name).split() if t not in _ORG_STOPWORDS)


def _acronym(name: str) -> str:
    words = re.split(r"[\s-]+", name)
    return "".join(w[0] for w in words
                   if w and w.casefold() not in _ACRONYM_SKIP and w[0].isupper())


@dataclass
class IndexEntry:
    """One person or organisation across the briefing, with every form it appeared in."""

    name: str
    forms: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)


@dataclass
class _Mention:
    story: int
    name: str
    forms: list[str]
    keys: set[str]
    role: str | None = None


class _Clusters:
    """A tiny union-find over mention numbers."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _fuzzy_same(a: str, b: str) -> bool:
    """Spelling variants of a multi-word name ('Serajuddin Haqqani' ~ 'Sirajuddin Haqqani')."""
    if len(a) < 8 or len(b) < 8 or " " not in a or " " not in b:
        return False
    from rapidfuzz import fuzz

    return bool(fuzz.ratio(a, b) >= 90)


def _merge(mentions: list[_Mention], people: bool) -> list[list[_Mention]]:
    """Cluster mentions of one entity. Every step looks names up in an index built once, so
    the work grows with the number of mentions, not with its square."""
    clusters = _Clusters(len(mentions))
    # 1. Same key: a name or an alias, without titles, case and punctuation.
    by_key: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        for key in sorted(mention.keys):
            if key in by_key:
                clusters.union(by_key[key], i)
            else:
                by_key[key] = i
    # 2. Spelling variants, compared only between names that share a word (a variant
    #    rarely differs in every word, and comparing all pairs would be quadratic).
    by_word: dict[str, list[str]] = {}
    for key in sorted(by_key):
        for word in set(key.split()):
            by_word.setdefault(word, []).append(key)
    compared: set[tuple[str, str]] = set()
    for keys in by_word.values():
        for a_index, a in enumerate(keys):
            for b in keys[a_index + 1:]:
                if (a, b) not in compared:
                    compared.add((a, b))
                    if _fuzzy_same(a, b):
                        clusters.union(by_key[a], by_key[b])
    # 3. A shorter form that ends a longer one ('Haqqani', 'Sadegh Motamedian') for people, or
    #    an acronym of a longer one ('IOM') for organisations: merged when only one cluster fits.
    #    Names are indexed by their clusters after steps 1 and 2, not by their mentions: a
    #    surname met in thousands of mentions of a few people is then a few lookups, and a
    #    mention's cluster now is still the cluster of its cluster then.
    longer: dict[str, set[int]] = {}  # people: a name's last words -> clusters with that name
    acronyms: dict[str, dict[str, set[int]]] = {}  # organisations: acronym -> form -> clusters
    for j, other in enumerate(mentions):
        root = clusters.find(j)
        if people:
            for key in other.keys:
                tokens = key.split()
                for size in range(1, len(tokens)):
                    longer.setdefault(" ".join(tokens[-size:]), set()).add(root)
        else:
            for form in other.forms:
                acronyms.setdefault(_acronym(form), {}).setdefault(form, set()).add(root)
    for i, mention in enumerate(mentions):
        for form in mention.forms:
            if people:
                fitting_then = longer.get(person_key(form), set())
            elif form.isupper() and 2 <= len(form) <= 6:
                spelt = acronyms.get(form, {})
                fitting_then = set().union(*(roots for f, roots in spelt.items() if f != form))
            else:
                continue
            fitting = {clusters.find(j) for j in fitting_then}
            if len(fitting) == 1:
                clusters.union(i, fitting.pop())
    grouped: dict[int, list[_Mention]] = {}
    for i, mention in enumerate(mentions):
        grouped.setdefault(clusters.find(i), []).append(mention)
    return list(grouped.values())


def _entry(members: list[_Mention]) -> IndexEntry:
    counts: dict[str, int] = {}
    for mention in members:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    # The headword: the name most records use, then one without a title, then the fullest.
    name = min(counts, key=lambda n: (-counts[n], person_key(n) != _fold(n), -len(n.split()),
                                      -len(n), n))
    forms: list[str] = []
    roles: list[str] = []
    stories: list[int] = []
    for mention in members:
        for form in mention.forms:
            if form != name and form.casefold() not in {f.casefold() for f in forms}:
                forms.append(form)
        if mention.role and mention.role.casefold() not in {r.casefold() for r in roles}:
            roles.append(mention.role)
        if mention.story not in stories:
            stories.append(mention.story)
    return IndexEntry(name=name, forms=forms, roles=roles, stories=sorted(stories))


def build_index(stories: list[StoryRecord]) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """People and organisations across stories, each merged over the forms they appear in.

    Two mentions are one entry when they share a name or alias once titles, case and
    punctuation are dropped ('General Asim Munir' and 'Asim Munir'), when they are spelling
    variants of a multi-word name that share a word (rapidfuzz ratio ≥ 90), when a person's
    shorter form ends exactly one longer name in the briefing ('Haqqani' → 'Sirajuddin
    Haqqani'), or when an organisation's acronym spells exactly one longer name ('IOM').
    Entries are sorted by headword; story positions are into `stories`.
    """
    people: list[_Mention] = []
    organisations: list[_Mention] = []
    for position, story in enumerate(stories):
        for person in story.people:
            forms = _unique([person.name, *person.aliases])
            # A bare surname is not a key of a fuller name: 'Haqqani' could be two people.
            # Step 3 of `_merge` joins it when only one fuller name in the briefing fits.
            single = len(person_key(person.name).split()) <= 1
            keys = {k for k in map(person_key, forms) if k and (single or " " in k)}
            people.append(_Mention(position, person.name, forms, keys, person.role))
        for org in story.organisations:
            forms = _unique([org.name, *org.aliases])
            keys = {organisation_key(f) for f in forms} - {""}
            organisations.append(_Mention(position, org.name, forms, keys))
    result = []
    for mentions, is_people in ((people, True), (organisations, False)):
        entries = [_entry(members) for members in _merge(mentions, is_people)]
        result.append(sorted(entries, key=lambda e: (e.name.casefold(), e.name)))
    return result[0], result[1]


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


# --------------------------------------------------------------------------- rendering


def _join(items: list[str]) -> str:
    return "; ".join(items)


class _Headings:
    """Keeps every heading of the document distinct (two stories may share a headline)."""

    def __init__(self, *fixed: str) -> None:
        self.taken = {h.casefold() for h in fixed}

    def claim(self, text: str, suffix: str) -> str:
        candidate, n = text, 2
        while candidate.casefold() in self.taken:
            candidate = f"{text} ({suffix})" if n == 2 else f"{text} ({suffix}, {n})"
            n += 1
        self.taken.add(candidate.casefold())
        return candidate


def _mid(text: str) -> str:
    """`escape()` for text that never starts a block: after a label, inside `**` or `[]`."""
    return escape(text, line_start=False)


def _names(names: Iterable[str | tuple[str, str | None]]) -> str:
    """Escaped names (or name and role) joined by '; ', each once: records may repeat one."""
    seen: set[str] = set()
    out: list[str] = []
    for item in names:
        name, role = item if isinstance(item, tuple) else (item, None)
        key = " ".join(f"{name} {role or ''}".split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(f"{_mid(name)} ({_mid(role)})" if role else _mid(name))
    return "; ".join(out)


def render_story(story: StoryRecord, anchor: str = "", heading: str = "") -> list[str]:
    """The `###` section of one story; every story-controlled string is escaped."""
    anchor = anchor or f"story-{story.id}"
    title = story_title(story)
    heading = heading or title
    lines = [f'<a id="{anchor}"></a>', "", f"### {_mid(heading)}", ""]
    # The wire's byline and dateline: who filed it, from where and when (never story text).
    filed = [r.text for r in (story.byline, story.dateline) if r is not None]
    if filed:
        lines += [f"Filed: {_mid(' — '.join(filed))}", ""]
    if story.status != "summarised":
        lines += [f"**Not summarised:** {_mid(story.reason or 'no reason recorded')}", ""]
        if title != " ".join(story.lead.split()) and story.lead.strip():
            lines += [f"Lead: {_mid(story.lead)}", ""]
    else:
        about = []
        if story.topic.strip():
            about.append(f"Topic: {_mid(story.topic)}.")
        if story.countries:
            about.append(f"Countries: {_mid(', '.join(story.countries))}.")
        if about:
            lines += [" ".join(about), ""]
        if story.summary.strip():
            lines += [escape(story.summary), ""]
        if story.reason:
            lines += [f"**Note:** {_mid(story.reason)}", ""]
    if story.key_points:
        lines += ["Key points:", ""] + [f"- {escape(p)}" for p in story.key_points] + [""]
    if story.figures:
        lines += ["Key facts:", ""]
        for figure in story.figures:
            what = f": {_mid(figure.context)}" if figure.context.strip() else ""
            lines.append(f"- **{_mid(figure.value) or 'figure'}**{what}")
        lines.append("")
    if story.people:
        people = _names((p.name, p.role) for p in story.people)
        lines += [f"**People:** {people}", ""]
    if story.organisations:
        lines += [f"**Organisations:** {_names(o.name for o in story.organisations)}", ""]
    if story.places:
        lines += [f"**Places:** {_names(p.name for p in story.places)}", ""]
    if story.dates:
        lines += [f"**Dates:** {_names(d.text for d in story.dates)}", ""]
    if story.quotes:
        lines += ["Quotes:", ""]
        for quote in story.quotes:
            speaker = _mid(quote.speaker) if quote.speaker else "unattributed"
            lines.append(f"- “{_mid(quote.text)}” ({speaker})")
        lines.append("")
    if story.sources:
        lines += [f"**Sources cited:** {_names(s.name for s in story.sources)}", ""]
    return lines


def _index_lines(entries: list[IndexEntry], stories: list[StoryRecord],
                 anchors: list[str]) -> list[str]:
    lines = []
    for entry in entries:
        text = f"- **{_mid(entry.name)}**"
        if entry.forms:
            text += f" (also {_join([_mid(f) for f in entry.forms])})"
        if entry.roles:
            text += f", {_join([_mid(r) for r in entry.roles])}"
        links = [
            f"[{_mid(short(story_title(stories[p])))}](#{anchors[p]})" for p in entry.stories
        ]
        lines.append(f"{text}: {_join(links)}")
    return lines + [""]


def render_footer(briefing: Briefing) -> list[str]:
    meta = briefing.meta
    g = meta.grounding

    def value(text: str) -> str:
        return _mid(text) or "unknown"

    return [
        "---",
        "",
        (
            f"Backend {value(meta.backend)}, model {value(meta.model)}, "
            f"prompt {value(meta.prompt_version)}, schema {value(meta.schema_version)}. "
            f"Stories processed: {meta.stories}, failed: {meta.failed}. "
            f"Tokens: {meta.prompt_tokens} prompt, {meta.completion_tokens} completion."
        ),
        "",
        (
            f"Grounding: {g.proposed} proposed, {g.grounded} grounded, "
            f"{g.dropped} dropped, {g.reasks} re-asks, "
            f"{g.summary_fallbacks} summaries from the lead."
        ),
        "",
    ]


def render_markdown(briefing: Briefing) -> str:
    """The whole briefing as CommonMark (one trailing newline, no raw HTML from stories)."""
    meta = briefing.meta
    stories = briefing.stories
    anchors = story_anchors(stories)
    title = "# Daily briefing"
    if meta.date.strip():
        title += f" — {_mid(meta.date)}"
    lines = [title, ""]
    failed = sum(story.status != "summarised" for story in stories)
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    lines += [f"{count}, {failed} not summarised." if failed else f"{count}.", ""]

    if stories:
        lines += ["## Top lines", ""]
        for position in top_line_positions(stories):
            story = stories[position]
            text = f"[{_mid(top_line_text(story))}](#{anchors[position]})"
            note = "" if story.status == "summarised" else ", not summarised"
            lines.append(f"- {text} ({_mid(place_of(story))}{note})")
        lines.append("")

    headings = _Headings(*_FIXED_HEADINGS)
    for place, positions in group_by_place(stories):
        heading = headings.claim(heading_text(place, OTHER), "place")
        lines += [f"## {_mid(heading)}", ""]
        for position in positions:
            story = stories[position]
            title = heading_text(story_title(story), f"Story {story.id}")
            heading = headings.claim(title, f"story {story.id}")
            lines += render_story(story, anchors[position], heading)

    people, organisations = build_index(stories)
    if people or organisations:
        lines += ["## Index of people and organisations", ""]
        if people:
            lines += ["### People", ""] + _index_lines(people, stories, anchors)
        if organisations:
            lines += ["### Organisations", ""] + _index_lines(organisations, stories, anchors)

    lines += render_footer(briefing)
    return "\n".join(lines)
