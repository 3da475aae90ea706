"""The article page's HTML: the headline, where and when it appeared, its paragraphs, and after a
sitting the marks on the sentences asked about, each linked to its question in the review.

Every piece of text is HTML-escaped here (never read as Markdown or HTML). Marks are told in
words and icons as well as by their highlight, and the page reads in order for a screen reader:
one h1 (the headline), then an h2 for the review.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from app.article import Layout, Mark, Segment
from app.bank import LoadedBank
from app.grading import expected_answer, readable_response
from app.quiz import Answered, Sitting

WRAP = "overflow-wrap: anywhere"  # long words and addresses wrap on a 390 px phone
MISSED_STYLE = "background: #ffe066; color: #1a1a1a; padding: 0 0.1em"
ASKED_STYLE = "text-decoration: underline dotted 2px; text-underline-offset: 0.2em"


@dataclass(frozen=True)
class ReviewItem:
    """One question of the sitting, as the article's review shows it."""

    number: int
    prompt: str
    result: str  # in words, with an icon: "❌ Missed", "✅ Right", ...
    response: str
    expected: str
    placed: bool  # its sentence is marked in the article (so it links back)


def article_html(
    layout: Layout, *, url: str = "", date: dt.date | None = None, marked: bool = False
) -> str:
    """The article as one `<article>`: headline, source line, paragraphs (with marks)."""
    parts = [
        '<article aria-labelledby="article-headline" style="line-height: 1.6">',
        f'<h1 id="article-headline" style="line-height: 1.25; {WRAP}">{_run(layout.headline)}</h1>',
    ]
    source = _source_line(url, date)
    if source:
        parts.append(source)
    if marked:
        parts.append(
            '<p style="font-style: italic">After your quiz: each sentence you were asked about '
            "is underlined and followed by its question's number; the ones you missed are "
            "also highlighted and marked ❌ missed. Each number links to the question in the "
            "review below.</p>"
        )
    parts += [f'<p style="{WRAP}">{_run(paragraph)}</p>' for paragraph in layout.paragraphs]
    parts.append("</article>")
    return "".join(parts)


def review_html(items: Sequence[ReviewItem]) -> str:
    """The sitting's questions in order, each with an anchor the article's marks link to."""
    parts = ['<h2 id="review">Your answers</h2>', "<ol>"]
    for item in items:
        back = (
            f'<br><a href="#quote-{item.number}">Back to the sentence</a>'
            if item.placed
            else "<br>(its sentence is not in this article's text)"
        )
        parts.append(
            f'<li id="review-{item.number}" value="{item.number}" style="{WRAP}">'
            f"<strong>{html.escape(item.result)}:</strong> {html.escape(item.prompt)}<br>"
            f"Your answer: {html.escape(item.response or '(none)')}<br>"
            f"Right answer: {html.escape(item.expected)}{back}</li>"
        )
    parts.append("</ol>")
    return "".join(parts)


def review_items(loaded: LoadedBank, sitting: Sitting, layout: Layout) -> list[ReviewItem]:
    """Every question of the sitting, numbered as asked, with its result in words."""
    placed = {mark.number for mark in layout.placed}
    items = []
    for number, question_id in enumerate(sitting.question_ids, start=1):
        question = loaded.bank.question(question_id)
        answered = sitting.answer_to(question_id)
        items.append(
            ReviewItem(
                number=number,
                prompt=question.prompt,
                result=_result(answered),
                response=readable_response(question, answered.response) if answered else "",
                expected=expected_answer(question),
                placed=number in placed,
            )
        )
    return items


def _result(answered: Answered | None) -> str:
    if answered is None:
        return "⏰ Not answered"
    if answered.correct:
        return "✅ Right"
    if answered.score > 0:
        return f"➗ Partly right ({answered.score:.0%})"
    if answered.response == "":
        return "⏭️ Skipped"
    return "❌ Missed"


def _source_line(url: str, date: dt.date | None) -> str:
    pieces = []
    if url:
        address = html.escape(url, quote=True)
        pieces.append(f'Source: <a href="{address}" rel="noopener noreferrer">{address}</a>')
    if date is not None:
        pieces.append(f"Published {date.day} {date:%B %Y}")
    if not pieces:
        return ""
    return f'<p style="{WRAP}">{" · ".join(pieces)}</p>'


def _run(segments: Sequence[Segment]) -> str:
    return "".join(_segment(segment) for segment in segments)


def _segment(segment: Segment) -> str:
    text = html.escape(segment.text)
    if segment.missed:
        text = f'<mark style="{MISSED_STYLE}">{text}</mark>'
    elif segment.marks:
        text = f'<span style="{ASKED_STYLE}">{text}</span>'
    return text + "".join(_link(mark) for mark in segment.ends)


def _link(mark: Mark) -> str:
    verdict = "❌ missed" if mark.missed else "✅ right"
    return (
        f' <a id="quote-{mark.number}" href="#review-{mark.number}">'
        f"(question {mark.number}, {verdict})</a>"
    )
