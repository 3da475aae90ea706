"""Where a quote sits in its article: the paragraphs it touches, split around the quote."""

from __future__ import annotations

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
    words = quote.split()
    if not words:
        return []
    found = re.search(r"\s+".join(map(re.escape, words)), article)
    if found is None:
        return []
    start, end = found.span()
    out = []
    for paragraph in _PARAGRAPH.finditer(article):
        p_start, p_end = paragraph.span()
        if p_end <= start or p_start >= end:
            continue
        lo, hi = max(start, p_start), min(end, p_end)
        out.append(QuotedParagraph(article[p_start:lo], article[lo:hi], article[hi:p_end]))
    return out
