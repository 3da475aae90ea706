"""How a teacher's review of drafts is kept and counted: every drafted question has a content
hash (its id ends with it), and a labels file says, per article and hash, whether a strict
teacher would keep the question as it stands, fix it, or discard it, and why.

The labels file is tab-separated, one question a line, `#` starts a comment:

    article  hash  label  reason  summary

`label` is `keep`, `fix` or `discard`; `reason` is one word (`ok` for kept questions, else
what is wrong: `trivial`, `furniture`, `distractor`, `duplicate`, `boundary`, `context`,
`giveaway`, `detail`, `awkward`, `wrong`); `summary` is the question in short, for people.
A `wrong` reason marks a question whose expected answer is wrong or misleading.

Each article's main points are listed beside it (`points.py`); the review counts the questions
that ask about one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.generate.points import Point, is_main_point

LABELS = ("keep", "fix", "discard")
REASONS = (
    "ok",
    "trivial",
    "furniture",
    "distractor",
    "duplicate",
    "boundary",
    "context",
    "giveaway",
    "detail",
    "awkward",
    "wrong",
)


@dataclass(frozen=True)
class Label:
    """One reviewed question."""

    article: str
    hash: str
    label: str
    reason: str
    summary: str


def content_hash(question: dict[str, Any]) -> str:
    """Eight hex digits of everything in `question` but its id: changes when it changes."""
    content = {k: v for k, v in question.items() if k != "id"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def summary(question: dict[str, Any]) -> str:
    """The question in one line: prompt (or cloze text), options and answer."""
    match question["type"]:
        case "multiple_choice":
            body = f"{question['prompt']} {question['options']} -> {question['answer']}"
        case "short_answer":
            body = f"{question['prompt']} -> {question['answers']}"
        case "cloze":
            body = question["text"]
        case "numeric":
            body = f"{question['prompt']} -> {question['answer']} {question.get('unit', '')}"
        case "true_false":
            body = f"[{question['answer']}] {question['prompt']}"
        case _:
            pairs = "; ".join(f"{p['left']} = {p['right']}" for p in question["pairs"])
            body = f"{pairs} + {question.get('distractors', [])}"
    return f"{question['type']}: {' '.join(body.split())}"


def read_labels(path: Path) -> dict[tuple[str, str], Label]:
    """The labels in `path`, by (article stem, hash); ValueError names a bad line."""
    labels: dict[tuple[str, str], Label] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[2] not in LABELS or fields[3] not in REASONS:
            raise ValueError(f"{path}:{number}: want article, hash, label, reason, summary")
        label = Label(*fields)
        if (label.label == "keep") != (label.reason == "ok"):
            raise ValueError(f"{path}:{number}: a kept question has reason ok, no other does")
        labels[(label.article, label.hash)] = label
    return labels


@dataclass(frozen=True)
class Row:
    """The review of one article's draft."""

    article: str
    questions: int
    counts: Counter[str]
    unlabelled: tuple[dict[str, Any], ...]

    def share(self, what: str) -> float:
        return self.counts[what] / self.questions if self.questions else 0.0


def review(
    article: str,
    questions: list[dict[str, Any]],
    labels: dict[tuple[str, str], Label],
    points: tuple[Point, ...] = (),
) -> Row:
    """Count the labels of `questions`, drafted from the article named `article`, and those
    about its main `points`."""
    counts: Counter[str] = Counter()
    unlabelled = []
    for question in questions:
        counts["main"] += is_main_point(question, points)
        label = labels.get((article, content_hash(question)))
        if label is None:
            unlabelled.append(question)
            continue
        counts[label.label] += 1
        counts[f"reason:{label.reason}"] += 1
        if label.reason == "wrong":
            counts["wrong"] += 1
    return Row(article, len(questions), counts, tuple(unlabelled))


def table(rows: list[Row]) -> str:
    """A Markdown table of the rows and their total."""
    total = Row(
        "**all**",
        sum(r.questions for r in rows),
        sum((r.counts for r in rows), Counter()),
        tuple(q for r in rows for q in r.unlabelled),
    )
    lines = [
        "| article | questions | keep | fix | discard | wrong | unlabelled | keep share "
        "| main points | main share |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in [*rows, total]:
        c = row.counts
        lines.append(
            f"| {row.article} | {row.questions} | {c['keep']} | {c['fix']} | {c['discard']} "
            f"| {c['wrong']} | {len(row.unlabelled)} | {row.share('keep'):.0%} "
            f"| {c['main']} | {row.share('main'):.0%} |"
        )
    return "\n".join(lines)
