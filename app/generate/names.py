"""Find names in a sentence: runs of capitalised words, with the title written before them.

"Russian Senator Franz Klintsevich said" gives the name "Franz Klintsevich" with the title
"Russian Senator". Words that merely start a sentence ("After", "The"), months, demonyms
("Russian", "North Korean") and names in quotation marks ("Slavic Brotherhood") are left out.
What kind of name each one is gets decided in `kinds.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.generate.lexicon import (
    ABBREVIATIONS,
    CAPITALISED_STOPWORDS,
    DEMONYM_ENDINGS,
    DEMONYMS,
    FURNITURE_LABELS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_CONNECTORS,
    NATIONALITY_NOUNS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    ROLE_WORDS,
    TITLES,
    WEEKDAYS,
)

# "V&S Metals", "AT&T": an ampersand between letters is inside a word.
_TOKEN = re.compile(r"[^\W_]+(?:[’'\-.&][^\W_]+)*\.?")
_CATEGORY_WORDS = ORGANISATION_WORDS | PLACE_WORDS | TITLES
# Words that take a number to make a name: "Highway 41", "Gate 12".
_NUMBERED = frozenset(
    [
        "Highway",
        "Route",
        "Interstate",
        "Terminal",
        "Gate",
        "Pier",
        "Platform",
        "Runway",
        "Exit",
        "Line",
        "Flight",
    ]
)
_NOT_NAMES = CAPITALISED_STOPWORDS | set(MONTHS) | set(WEEKDAYS) | set(MONTH_ABBREVIATIONS)


@dataclass(frozen=True)
class Token:
    """A word and its offsets; `possessive` when a trailing 's was cut off."""

    text: str
    start: int
    end: int
    possessive: bool = False


@dataclass(frozen=True)
class NameSpan:
    """A name in a sentence; offsets index the sentence text."""

    text: str
    start: int
    end: int
    title: str = ""  # "Russian Senator" in "Russian Senator Franz Klintsevich"
    title_start: int = -1
    words: int = 1
    initial: bool = False  # the name's first word starts the sentence


def tokenize(text: str) -> list[Token]:
    """Words with their offsets; a possessive 's and a sentence's full stop are cut off."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word.endswith(".") and not _keeps_dot(word):
            word, end = word[:-1], end - 1
        possessive = bool(re.search(r"\w['’]s$", word))
        if possessive:
            word, end = word[:-2], end - 2
        tokens.append(Token(word, start, end, possessive))
    return tokens


def _keeps_dot(word: str) -> bool:
    bare = word[:-1]
    return (
        bare.casefold() in ABBREVIATIONS or "." in bare or re.fullmatch(r"[A-Z]", bare) is not None
    )


def is_name_word(word: str) -> bool:
    """A capitalised word that may belong to a name (not a number, month or sentence opener)."""
    return word[:1].isupper() and not any(ch.isdigit() for ch in word) and word not in _NOT_NAMES


def is_demonym(word: str) -> bool:
    """ "Russian", "Serbian-Russian", "Chinese": an adjective of nationality, not a name."""
    parts = word.split("-")
    return all(
        part in DEMONYMS or (part.endswith(DEMONYM_ENDINGS) and len(part) > 5) for part in parts
    )


def find_names(text: str) -> list[NameSpan]:
    """Every run of capitalised words in `text` that may be a name."""
    tokens = tokenize(text)
    spans = []
    for run in _runs(text, tokens):
        span = _name_of(text, run, first_token=tokens[0])
        if span is not None:
            spans.append(span)
    return spans


def _runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for i, token in enumerate(tokens):
        gap = text[current[-1].end : token.start] if current else ""
        # "Quebec Writers' Union"
        plural_possessive = gap in ("' ", "’ ") and current[-1].text.endswith("s")
        # "Pennick & Sons", "Kettle & Stone": an ampersand between capitalised words joins them.
        ampersand = gap == " & " and is_name_word(token.text)
        joined = bool(current) and (gap == " " or plural_possessive or ampersand)
        if current and current[-1].possessive:
            joined = gap in ("'s ", "’s ") and _possessive_inside(current)
        # "Keep Wendham Posted,": a page's labels begin no name, but may end one, when nothing
        # follows that a stamp or a byline would have ("Posted: 3 May", "Updated on Monday",
        # "Tom Hale Sports Reporter").
        label_in_name = (
            joined
            and token.text in FURNITURE_LABELS
            and bool(re.match(r"(?:[,;.)!?]|$| (?!on |at |by |in )[a-z])", text[token.end :]))
        )
        if is_name_word(token.text) or label_in_name:
            if not joined and current:
                runs.append(current)
                current = []
            current.append(token)
        elif (
            joined
            and (
                token.text in NAME_CONNECTORS
                or (token.text == "and" and _joins_a_name(text, tokens, i, current))
                or (token.text == "the" and current[-1].text in ("of", "for"))
            )
            and (token.text not in ("of", "for") or any(t.text in _CATEGORY_WORDS for t in current))
            and i + 1 < len(tokens)
            and (
                is_name_word(tokens[i + 1].text)
                # "National Endowment for the Arts", "Museum of the Moving Image"
                or (
                    token.text in ("of", "for")
                    and _the_then_name(text, tokens, i + 1)
                    and not any(t.text in TITLES or t.possessive for t in current)
                )
            )
            and text[token.end : tokens[i + 1].start] == " "
        ):
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _possessive_inside(run: list[Token]) -> bool:
    """A possessive inside one name: "St. Luke's Medical Center", "Children's Hospital" (not
    "Britain's Tom Ashby")."""
    return run[0].text in ("St.", "St", "Saint") or run[-1].text in ("Children", "Women", "Men")


def _the_then_name(text: str, tokens: list[Token], at: int) -> bool:
    return (
        tokens[at].text == "the"
        and at + 1 < len(tokens)
        and is_name_word(tokens[at + 1].text)
        and text[tokens[at].end : tokens[at + 1].start] == " "
    )


def _joins_a_name(text: str, tokens: list[Token], at: int, current: list[Token]) -> bool:
    """Whether "and" at `at` is inside one name: after "of" or "for" ("London School of
    Hygiene and Tropical Medicine"), or between words that are no name of their own and a run
    that ends in an organisation word ("National Health and Medical Research Council"; not
    "Harbor Bank and Crestline Financial", nor "Kenya and Tanzania")."""
    if any(t.text in ("of", "for") for t in current):
        return True
    if any(t.text in _CATEGORY_WORDS or t.possessive for t in current):
        return False
    end = at + 1
    while (
        end < len(tokens)
        and is_name_word(tokens[end].text)
        and text[tokens[end - 1].end : tokens[end].start] == " "
    ):
        end += 1
    return end > at + 1 and tokens[end - 1].text in ORGANISATION_WORDS


def _name_of(text: str, run: list[Token], first_token: Token) -> NameSpan | None:
    titles = [i for i, t in enumerate(run) if t.text in TITLES or t.text.casefold() in ROLE_WORDS]
    cut = titles[-1] + 1 if titles and titles[-1] < len(run) - 1 else 0
    if titles and cut == 0 and titles[-1] == len(run) - 1:
        return None  # a title with no name after it: "the President said"
    if cut and run[cut].text in ("of", "for") and len(run) - cut > 2:
        # "Secretary of State Elena Ruiz": the title runs on through "of" and what it is of;
        # the name is the last two words ("Minister of Finance Lopez": the last one).
        cut = max(cut + 2, len(run) - 2)
    name = run[cut:]
    if cut:
        # "Detective Sergeant Amira Khoury of Harwick Police": a titled person's name ends
        # before "of" (what follows is where they work).
        of_at = next((i for i, t in enumerate(name) if t.text in ("of", "for")), len(name))
        name = name[:of_at] if of_at >= 2 else name
    while name and name[0].text in NAME_CONNECTORS:
        name = name[1:]
    while name and name[-1].text in NAME_CONNECTORS:
        name = name[:-1]
    if not name or is_demonym(name[-1].text):
        return None
    if (
        len(name) >= 3
        and (is_demonym(name[0].text) or name[0].text in NATIONALITY_NOUNS)
        and not any(t.text in _CATEGORY_WORDS or t.text in NAME_CONNECTORS for t in name[1:])
    ):
        name = name[1:]  # "Belgian Pieter Claes", "the Spaniard Diego Ferrer": a person
    if len(name) == 1 and name[0].text in _CATEGORY_WORDS:
        return None  # "Council members": a category, not a name
    start, end = name[0].start, name[-1].end
    if _quoted(text, start, end):
        return None
    if name[-1].text in _NUMBERED and re.match(r" \d", text[end:]):
        return None  # "Highway 41", "Route 9": the number is part of the name
    title = text[run[0].start : run[cut - 1].end] if cut else ""
    return NameSpan(
        text=text[start:end],
        start=start,
        end=end,
        title=title,
        title_start=run[0].start if cut else -1,
        words=len(name),
        initial=name[0] is first_token or text[: name[0].start].strip() in ('"', "“", "‘"),
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """A name that is the whole of a quotation is a title or nickname, not an entity."""
    return text[start - 1 : start] in ('"', "“") and text[end : end + 1] in ('"', "”")
