"""Split an article into sentences: the headline line, caption lines and body sentences.

A sentence ends at `.`, `!` or `?` (plus closing quotes) followed by a capital, a digit or an
opening quote, except after an abbreviation ("Dr.", "U.S."), an initial ("J.") or inside a
quotation that closes later in the same paragraph. Every sentence is a verbatim span of the
article up to spacing, so it can be cited as a `source_quote`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

from app.generate.lexicon import ABBREVIATIONS
from app.text import normalize_space


class Part(StrEnum):
    """Where a sentence sits: credits (bylines, photo credits) give no questions."""

    HEADLINE = "headline"
    CAPTION = "caption"
    CREDIT = "credit"
    BODY = "body"


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, as cited in `source_quote`."""

    index: int
    text: str  # whitespace collapsed to single spaces
    start: int  # offsets in the article: to spread questions and to cite several sentences
    end: int
    part: Part

    @property
    def title_case(self) -> bool:
        """True for Headline Style Lines, where capitals say nothing about names."""
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", self.text) if len(w) > 4]
        return len(words) >= 3 and all(w[0].isupper() for w in words)


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=[ \t\r]*\n\s*\n|\s*$)", re.DOTALL)
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_CREDIT = re.compile(
    r"^(?:By [A-Z]|Photo\b|\(?Photo:)"  # a byline or a photo credit: "Marko Djurica/Reuters"
    r"|\b[A-Z][\w.-]*(?: [A-Z][\w.-]*)*/[A-Z][\w.]*(?: [A-Z][\w.]*)*$"
)


def split_sentences(article: str) -> list[Sentence]:
    """The sentences of `article`, in order; the first line is the headline."""
    spans: list[tuple[int, int, Part]] = []
    for number, paragraph in enumerate(_PARAGRAPH.finditer(article)):
        start, end = paragraph.span()
        if number == 0:
            line_end = article.find("\n", start, end)
            if line_end != -1 or article[end - 1] not in '.!?"”':
                head_end = end if line_end == -1 else line_end
                spans.append((start, head_end, Part.HEADLINE))
                start = head_end
        part = Part.CAPTION if number == 1 and _is_caption(article[start:end]) else Part.BODY
        spans += [(s, e, part) for s, e in _split_paragraph(article, start, end)]
    sentences: list[Sentence] = []
    for start, end, part in spans:
        text = normalize_space(article[start:end])
        if not text:
            continue
        raw = article[start:end]
        first, last = start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())
        kind = Part.CREDIT if _CREDIT.search(text) and len(text.split()) <= 6 else part
        sentences.append(Sentence(len(sentences), text, first, last, kind))
    return sentences


def _is_caption(paragraph: str) -> bool:
    last = normalize_space(paragraph).rsplit(". ", 1)[-1]
    return bool(_CREDIT.search(last)) or paragraph.lstrip().startswith(("Photo", "(Photo"))


def _split_paragraph(article: str, start: int, end: int) -> list[tuple[int, int]]:
    text = article[start:end]
    cuts = [0]
    for match in _END.finditer(text):
        if _abbreviation_before(text, match.start()) or _inside_quote(text, match.end()):
            continue
        cuts.append(match.end())
    cuts.append(len(text))
    return [(start + a, start + b) for a, b in itertools.pairwise(cuts) if a < b]


def _abbreviation_before(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    trailing = re.search(r"[\w.]*$", text[:dot])
    assert trailing is not None  # the pattern matches every text, if only with ""
    word = trailing.group()
    return word.casefold() in ABBREVIATIONS or bool(re.fullmatch(r"[A-Z]|(?:\w\.)+\w", word))


def _inside_quote(text: str, cut: int) -> bool:
    """Inside a quotation that is closed later in the paragraph (so not a runaway quote)."""
    before = text[:cut]
    if before.count("“") > before.count("”") and text.count("“") == text.count("”"):
        return True
    return before.count('"') % 2 == 1 and text.count('"') % 2 == 0
