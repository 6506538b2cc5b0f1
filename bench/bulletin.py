"""Synthetic bulletins: many distinct, realistic stories, deterministic for a given seed.

Stories vary the things the pipeline works on: people with roles, organisations with
abbreviations, real places, figures in several notations, dates and quoted speech with a
speaker. Stories are separated by blank lines; some have a title line (never the first, so
the segmenter stays out of "titled mode" and every block is one story).
"""

from __future__ import annotations

import random

# fmt: off
FIRST_NAMES = (
    "Ahmad", "Fatima", "Mohammad", "Zahra", "Abdul", "Mariam", "Hamid", "Laila", "Karim", "Nadia",
    "James", "Sarah", "Carlos", "Lucia", "Pedro", "Ana", "Samuel", "Grace", "Peter", "Amina",
    "Wanjiru", "Kofi", "Aisha", "Omar", "Yusuf", "Elena", "Viktor", "Irina", "Rahul", "Priya",
)
SURNAMES = (
    "Rahimi", "Karimi", "Haidari", "Sultani", "Noori", "Ahmadzai", "Popal", "Wardak", "Stanekzai",
    "Mendoza", "Ortega", "Quispe", "Silva", "Herrera", "Kamau", "Otieno", "Mwangi", "Abebe",
    "Tesfaye", "Hassan", "Farah", "Petrov", "Ivanova", "Sharma", "Khan", "Qureshi", "Baloch",
    "Yusufzai",
)
ROLES = (
    "the governor of {city}", "the spokesman for the {org_short}",
    "{country}'s Minister of Interior", "a senior official at the {org_short}",
    "the head of the {org_short}", "a local council member", "the deputy minister of health",
    "a researcher at {university}", "the police chief of {city}",
)
ORGS = (
    ("World Food Programme", "WFP"), ("International Organization for Migration", "IOM"),
    ("United Nations High Commissioner for Refugees", "UNHCR"),
    ("World Health Organization", "WHO"), ("Drug Control Agency", "DCA"),
    ("National Disaster Management Authority", "NDMA"),
    ("International Committee of the Red Cross", "ICRC"), ("Asian Development Bank", "ADB"),
    ("African Union", "AU"), ("Ministry of Foreign Affairs", "MFA"),
)
UNIVERSITIES = (
    "Kabul University", "the University of Nairobi", "Quaid-i-Azam University",
    "the National University of San Marcos",
)
PLACES = (
    ("Kabul", "Afghanistan"), ("Herat", "Afghanistan"), ("Kandahar", "Afghanistan"),
    ("Islamabad", "Pakistan"), ("Peshawar", "Pakistan"), ("Quetta", "Pakistan"),
    ("Lahore", "Pakistan"), ("Tehran", "Iran"), ("Mashhad", "Iran"), ("Dushanbe", "Tajikistan"),
    ("Nairobi", "Kenya"), ("Mombasa", "Kenya"), ("Addis Ababa", "Ethiopia"),
    ("Kampala", "Uganda"), ("Mogadishu", "Somalia"), ("Lima", "Peru"), ("Cusco", "Peru"),
    ("Bogota", "Colombia"), ("Quito", "Ecuador"), ("La Paz", "Bolivia"),
)
OUTLETS = ("Dawn newspaper", "Reuters", "the BBC", "Tolo News", "the Daily Nation", "El Comercio")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WORDS = ("two", "three", "four", "five", "six", "ten", "twelve", "fifteen", "twenty")
TOPICS = (
    ("refugees", "returned from", "families"), ("flood victims", "were displaced in", "households"),
    ("patients", "were treated in", "clinics"), ("students", "returned to school in", "schools"),
    ("workers", "lost jobs in", "factories"), ("migrants", "were deported from", "families"),
)
QUOTES = (
    "We need urgent support before the winter arrives",
    "The situation is getting worse every day",
    "Our teams are working around the clock to reach every district",
    "No one should be forced to return against their will",
    "These figures show the scale of the crisis",
    "We call on all parties to respect the agreement",
    "Prices have doubled since the start of the year",
)
# fmt: on


def _figure(rng: random.Random) -> str:
    """A count, written the ways bulletins write counts."""
    kind = rng.randrange(6)
    if kind == 0:
        return str(rng.randint(2, 999))
    if kind == 1:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
    if kind == 2:
        return f"{rng.randint(10, 99)},{rng.randint(100, 999)}"
    if kind == 3:
        return rng.choice(WORDS)
    if kind == 4:
        return f"more than {rng.randint(2, 9)},000"
    return f"about {rng.randint(1, 9)},{rng.randint(100, 999)}"


def _date(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"on {rng.choice(WEEKDAYS)}"
    if kind == 1:
        return f"on {rng.randint(1, 28)} {rng.choice(MONTHS)}"
    if kind == 2:
        return "last week"
    return f"in {rng.choice(MONTHS)} {rng.randint(2019, 2025)}"


class _Cast:
    """The people, places and organisations of one story."""

    def __init__(self, rng: random.Random) -> None:
        self.city, self.country = rng.choice(PLACES)
        self.other_city, _ = rng.choice(PLACES)
        self.org, self.org_short = rng.choice(ORGS)
        self.person = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        self.second = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        self.role = rng.choice(ROLES).format(
            city=self.city,
            org_short=self.org_short,
            country=self.country,
            university=rng.choice(UNIVERSITIES),
        )
        self.surname = self.person.split()[-1]
        self.outlet = rng.choice(OUTLETS)
        self.group, self.verb, self.unit = rng.choice(TOPICS)


def _money(rng: random.Random) -> str:
    return rng.choice(
        (
            f"${rng.randint(2, 90)} million",
            f"{rng.randint(2, 40)} million dollars",
            f"${rng.randint(100, 990)},000",
        )
    )


def _since(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{rng.choice(MONTHS)} {rng.randint(2019, 2024)}",
            "last year",
            "the start of the year",
            f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        )
    )


def story(rng: random.Random, sentences: int) -> tuple[str | None, str]:
    """(title or None, body) of one story with about `sentences` sentences."""
    c = _Cast(rng)
    opening = (
        f"The {c.org} ({c.org_short}) said {_date(rng)} that {_figure(rng)} {c.group} {c.verb} "
        f"{c.city}."
    )
    pool = [
        "PERSON",
        "QUOTE",
        f"According to the {c.org_short}, {_figure(rng)} {c.unit} in {c.other_city} received help "
        f"{_date(rng)}.",
        f"{c.second}, a resident of {c.city}, said: “{rng.choice(QUOTES)}.”",
        f"Officials in {c.country} estimate that {_figure(rng)} people are affected, and a further "
        f"{_figure(rng)} need assistance.",
        f"The {c.org_short} plans to spend {_money(rng)} on the programme {_date(rng)}.",
        f"Talks between {c.country} and the {c.org} are expected to resume {_date(rng)}.",
    ]
    rng.shuffle(pool)
    body = [opening]
    introduced = False
    for item in pool[: max(0, sentences - 1)]:
        if item == "PERSON":
            body.append(
                f"{c.person}, {c.role}, told {c.outlet} that the number had risen by "
                f"{rng.randint(2, 95)}% since {_since(rng)}."
            )
            introduced = True
        elif item == "QUOTE":
            speaker = c.surname if introduced else f"{c.person}, {c.role},"
            body.append(f"“{rng.choice(QUOTES)},” {speaker} said.")
            introduced = True
        else:
            body.append(item)
    lines: list[str] = []
    line: list[str] = []
    for sentence in body:  # two or three sentences a line, like the seed bulletins
        line.append(sentence)
        if len(line) >= rng.randint(2, 3):
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    title = None
    if rng.random() < 0.4:
        title = f"{c.org_short} Reports {c.group.title()} In {c.city}"
    return title, "\n".join(lines)


def bulletin(stories: int, *, seed: int = 5, min_sentences: int = 3, max_sentences: int = 6) -> str:
    """A bulletin of exactly `stories` stories (as `summariser.segment` splits it)."""
    rng = random.Random(seed)
    blocks: list[str] = []
    for number in range(stories):
        title, body = story(rng, rng.randint(min_sentences, max_sentences))
        if title and number > 0:
            blocks.append(title)
        blocks.append(body)
    return "\n\n".join(blocks) + "\n"
