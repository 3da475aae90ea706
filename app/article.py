"""An article as text to read: where a quote sits, and the article laid out in its headline and
paragraphs with a sitting's questions marked on the sentences they quote. Pure."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class QuotedParagraph:
    before: str
    quote: str
    after: str


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)


def paragraphs_with_quote(article: str, quote: str) -> list[QuotedParagraph]:
    """The paragraphs of `article` that `quote` overlaps (spacing may differ), each split into
    the text before the quote, the quoted part and the text after. Empty if not found."""
    found = find_quote(article, quote)
    if found is None:
        return []
    start, end = found
    out = []
    for paragraph in _PARAGRAPH.finditer(article):
        p_start, p_end = paragraph.span()
        if p_end <= start or p_start >= end:
            continue
        lo, hi = max(start, p_start), min(end, p_end)
        out.append(QuotedParagraph(article[p_start:lo], article[lo:hi], article[hi:p_end]))
    return out


def find_quote(article: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `article` (spacing and line breaks may differ), or None."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), article)
    return found.span() if found else None


@dataclass(frozen=True)
class Mark:
    """A question of a sitting, to mark on the sentence it quotes."""

    number: int  # the question's number in the sitting, as in its review
    quote: str
    missed: bool  # answered wrong (or partly), or not answered


@dataclass(frozen=True)
class Segment:
    """A run of the article's text, with the marks that cover it and the marks ending there."""

    text: str
    marks: tuple[Mark, ...] = ()
    ends: tuple[Mark, ...] = ()  # marks whose quote ends with this run (their link goes after)

    @property
    def missed(self) -> bool:
        return any(mark.missed for mark in self.marks)


@dataclass(frozen=True)
class Layout:
    """An article cut into its headline and paragraphs, each a run of segments."""

    headline: tuple[Segment, ...]
    paragraphs: tuple[tuple[Segment, ...], ...]
    placed: tuple[Mark, ...]  # the marks found in the text
    unplaced: tuple[Mark, ...]  # marks whose quote is not in the text (or that have none)


def lay_out(article: str, marks: tuple[Mark, ...] = ()) -> Layout:
    """The article's headline (its first line) and paragraphs (split at blank lines), with
    `marks` laid over the text they quote. Text is kept as written: escaping is the reader's."""
    blocks = _blocks(article)
    spans: list[tuple[Mark, int, int]] = []
    unplaced: list[Mark] = []
    for mark in marks:
        span = find_quote(article, mark.quote)
        if span is None:
            unplaced.append(mark)
        else:
            spans.append((mark, *span))
    laid = [_segments(article, start, end, spans) for start, end in blocks]
    return Layout(
        headline=laid[0] if laid else (),
        paragraphs=tuple(laid[1:]),
        placed=tuple(mark for mark, _, _ in spans),
        unplaced=tuple(unplaced),
    )


def _blocks(article: str) -> list[tuple[int, int]]:
    """The spans of the headline (the first non-blank line) and of each paragraph after it."""
    first = re.search(r"\S[^\n]*", article)
    if first is None:
        return []
    head_end = first.start() + len(first.group().rstrip())
    rest = [
        (head_end + m.start(), head_end + m.end()) for m in _PARAGRAPH.finditer(article[head_end:])
    ]
    return [(first.start(), head_end), *rest]


def _segments(
    article: str, start: int, end: int, spans: list[tuple[Mark, int, int]]
) -> tuple[Segment, ...]:
    cuts = {start, end}
    for _, lo, hi in spans:
        cuts.update(cut for cut in (lo, hi) if start < cut < end)
    points = sorted(cuts)
    segments = []
    for lo, hi in itertools.pairwise(points):
        covering = tuple(m for m, m_lo, m_hi in spans if m_lo < hi and m_hi > lo)
        ending = tuple(m for m, _, m_hi in spans if lo < m_hi <= hi)
        segments.append(Segment(article[lo:hi], covering, ending))
    return tuple(segments)
