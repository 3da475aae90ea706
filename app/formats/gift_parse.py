"""Read Moodle GIFT files into bank questions.

There is no maintained Python GIFT parser: the packages on PyPI are abandoned, cover a few
question types, drop what they do not understand, and report no positions. GIFT's grammar is
small but quirky (Moodle's own reader is a set of string splits), so this module follows
Moodle's reader (question/format/gift/format.php) closely and adds what an instructor needs:
every problem located as line:col, and nothing left out without saying so.

How GIFT maps onto the bank (documented for instructors in the import guide):
- Questions are separated by blank lines; `//` lines are comments. `// [id:...]` gives the
  question id, `// [tag:...]` a tag, and `// @field: <JSON>` lines restore the fields GIFT
  cannot hold (source_quote, difficulty, unit, typo_tolerance, cloze text and prompt, tags),
  which is how an export from this app comes back unchanged.
- `::title::` becomes the id (as a slug) when there is no `[id:]`; it is Moodle's internal
  name, never shown to students, so it is not added to the prompt.
- `$CATEGORY: a/b` tags the following questions with each part of the path.
- `####text` is the explanation. Per-answer `#feedback` is added to the explanation as
  "- answer: feedback" lines, because questions here have one explanation.
- Answers with text after the braces are "missing word" questions: typed answers become a
  cloze `{{...}}` blank; choices keep their options and show the gap as `_____`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from app.formats.gift_text import GiftError, Src
from app.formats.html_text import html_to_text_report
from app.formats.importing import (
    Draft,
    ImportResult,
    Notice,
    Severity,
    finish,
    label_of,
)

FORMATS = ("moodle", "html", "markdown", "plain")
GAP = "_____"
_TAG = re.compile(r"\[([A-Za-z]+)\]")
_WEIGHT = re.compile(r"-?\d+(\.\d+)?")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_ID_COMMENT = re.compile(r"\[id:((?:\\\]|[^\]])+)\]")
_TAG_COMMENT = re.compile(r"\[tag:((?:\\\]|[^\]])+)\]")
_META_COMMENT = re.compile(r"^//\s*@([A-Za-z_]+)\s*:(.*)$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
META_FIELDS = {
    "source_quote": None,
    "difficulty": None,
    "tags": None,
    "unit": {"numeric"},
    "typo_tolerance": {"short_answer", "cloze"},
    "fixed_order": {"multiple_choice", "multiple_select", "matching"},
    "prompt": {"cloze"},
    "text": {"short_answer", "cloze"},
}


@dataclass
class _Block:
    """One question's lines: the GIFT text and its comment lines."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Context:
    file: str
    notices: list[Notice] = field(default_factory=list)
    category_tags: list[str] = field(default_factory=list)
    title: str | None = None

    def note(self, where: tuple[int, int], severity: Severity, message: str) -> None:
        self.notices.append(Notice(self.file, where[0], where[1], severity, message))


def parse_gift(text: str, file: str) -> ImportResult:
    """Every question of a GIFT file that the app can represent, and a notice for the rest."""
    context = _Context(file)
    drafts: list[Draft] = []
    for block in _blocks(text):
        try:
            draft = _read_block(block, context)
        except GiftError as error:
            context.note(error.where, Severity.ERROR, error.message)
            continue
        if draft is not None:
            drafts.append(draft)
    result = finish(drafts, file, context.notices)
    result.title = context.title
    return result


def _blocks(text: str) -> list[_Block]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks, current = [], _Block()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            if current.lines or current.comments:
                blocks.append(current)
            current = _Block()
        elif line.lstrip().startswith("//"):
            current.comments.append((number, line.strip()))
        else:
            current.lines.append((number, line))
    if current.lines or current.comments:
        blocks.append(current)
    return blocks


def _read_block(block: _Block, context: _Context) -> Draft | None:
    meta, explicit_id, comment_tags = _read_comments(block.comments, context)
    if not block.lines:
        if "bank_title" in meta and isinstance(meta["bank_title"][1], str):
            context.title = meta["bank_title"][1]
        return None
    src = Src.lex(block.lines).strip()
    if src.startswith("$CATEGORY:"):
        newline = src.find("\n")
        first = src[len("$CATEGORY:") : newline if newline != -1 else len(src)]
        context.category_tags = _category_tags(first.text)
        if newline == -1:
            return None
        src = src[newline + 1 :].strip()
    where = src.start
    title = ""
    if src.startswith("::"):
        close = src.find("::", 2)
        if close == -1:
            raise GiftError(where, "the question title '::' is not closed; end it with '::'")
        title = src[2:close].text.strip()
        src = src[close + 2 :].strip()
    question = _Question(src, context, title, where)
    fields = question.read()
    if fields is None:
        return None
    tags = [*context.category_tags, *comment_tags]
    _apply_meta(fields, meta, question, tags)
    unique_tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    if unique_tags:
        fields["tags"] = unique_tags
    return Draft(fields, where[0], where[1], question.label, explicit_id or title)


def _read_comments(
    comments: list[tuple[int, str]], context: _Context
) -> tuple[dict[str, tuple[int, Any]], str, list[str]]:
    meta: dict[str, tuple[int, Any]] = {}
    explicit_id, tags = "", []
    for number, line in comments:
        found = _META_COMMENT.match(line)
        if found:
            key, raw = found.group(1), found.group(2).strip()
            try:
                meta[key] = (number, json.loads(raw))
            except json.JSONDecodeError as error:
                col = line.index(raw) + error.pos + 1 if raw else len(line) + 1
                raise GiftError(
                    (number, col), f"@{key}: the value is not valid JSON ({error.msg})"
                ) from None
            continue
        id_match = _ID_COMMENT.search(line)
        if id_match and not explicit_id:
            explicit_id = id_match.group(1).replace("\\]", "]").strip()
        tags += [t.replace("\\]", "]").strip() for t in _TAG_COMMENT.findall(line)]
    return meta, explicit_id, tags


def _category_tags(path: str) -> list[str]:
    parts = [part.strip() for part in path.strip().split("/")]
    return [
        part
        for part in parts
        if part and part != "top" and not (part.startswith("$") and part.endswith("$"))
    ]


def _apply_meta(
    fields: dict[str, Any], meta: dict[str, tuple[int, Any]], question: _Question, tags: list
) -> None:
    """Restore the fields an export kept in `// @field:` comments (cloze text first)."""
    if "text" in meta and fields["type"] in (META_FIELDS["text"] or ()):
        fields.pop("answers", None)
        fields.pop("prompt", None)
        fields["type"], fields["text"] = "cloze", meta["text"][1]
    for key, (line, value) in meta.items():
        if key not in META_FIELDS:
            question.note(Severity.WARNING, f"unknown field @{key} ignored", (line, 1))
            continue
        allowed = META_FIELDS[key]
        if allowed is not None and fields["type"] not in allowed:
            question.note(
                Severity.WARNING,
                f"@{key} does not apply to a {fields['type']} question; ignored",
                (line, 1),
            )
        elif key == "tags":
            tags += value if isinstance(value, list) else [value]
        elif key != "text":
            fields[key] = value


class _Question:
    """One question's text after its title: the prompt, the {answers} and what follows."""

    def __init__(self, src: Src, context: _Context, title: str, where: tuple[int, int]) -> None:
        self.src, self.context, self.title, self.where = src, context, title, where
        self.label = title or label_of(src.text.split("{")[0]) or "(untitled)"
        self.format = "moodle"
        self.feedback: list[str] = []

    def note(self, severity: Severity, message: str, where: tuple[int, int] | None = None) -> None:
        self.context.note(where or self.where, severity, f"question {self.label!r}: {message}")

    def read(self) -> dict[str, Any] | None:
        src = self.src
        opening, closing = src.find("{"), src.find("}")
        if opening == -1 and closing == -1:
            self.note(Severity.SKIPPED, "a description (text without {answers}) is not a question")
            return None
        if opening == -1 or -1 < closing < opening:
            raise GiftError(
                src.at(closing), "'}' without an opening '{'; write \\} for a literal brace"
            )
        if closing == -1:
            raise GiftError(
                src.at(opening),
                "unclosed brace '{': no '}' before the end of the question "
                "(a blank line ends a question)",
            )
        nested = src.find("{", opening + 1)
        if nested != -1 and nested < closing:
            raise GiftError(src.at(nested), "'{' inside the answers; write \\{ for a literal brace")
        stray = src.find_any("{}", closing + 1)
        if stray != -1:
            raise GiftError(
                src.at(stray),
                "a question has one {answers} section; write \\{ and \\} for literal braces "
                "(and put a blank line between questions)",
            )
        fmt, lead = self._tag(src[:opening].lstrip(), "moodle")
        self.format = fmt
        before, after = self._side(lead), self._side(src[closing + 1 :])
        answers = src[opening + 1 : closing]
        general = ""
        split = answers.find("####")
        if split != -1:
            general = self.render(answers[split + 4 :])
            answers = answers[:split]
        fields = self._typed(answers.strip(), before, after)
        if fields is None:
            return None
        parts = [part for part in (general, "\n".join(self.feedback)) if part]
        if parts:
            fields["explanation"] = "\n\n".join(parts)
        return fields

    def _typed(self, answers: Src, before: str, after: str) -> dict[str, Any] | None:
        gap_prompt = f"{before}{GAP}{after}".strip() if after.strip() else before.strip()
        if not answers.text:
            self.note(Severity.SKIPPED, "essay questions ({} with no answers) are not supported")
            return None
        if answers.startswith("#"):
            return self._numeric(answers[1:], gap_prompt)
        if answers.find("~") != -1:
            return self._choice(answers, gap_prompt)
        if answers.find("=") != -1 and self._arrow(answers) != -1:
            return self._matching(answers, gap_prompt)
        hash_at = answers.find("#")
        head = (answers[:hash_at] if hash_at != -1 else answers).strip()
        if head.text in _TRUE_FALSE and not any(head.escaped):
            return self._true_false(head.text, answers, gap_prompt)
        return self._short(answers, before, after)

    # -- text ---------------------------------------------------------------------------

    def _tag(self, src: Src, default: str) -> tuple[str, Src]:
        """The format a piece of text declares with a leading [tag], and the text after it."""
        found = _TAG.match(src.text)
        if not found or any(src.escaped[: found.end()]):
            return default, src
        name = found.group(1).lower()
        if name not in FORMATS:
            raise GiftError(
                src.start,
                f"unknown format tag [{found.group(1)}]; use [html], [markdown], [plain] "
                "or [moodle]",
            )
        return name, src[found.end() :]

    def _side(self, src: Src) -> str:
        """Text beside the {answers}; HTML is converted, keeping a space next to the gap."""
        text = _layout_free(src, self.format)
        if self.format != "html" or not text.strip():
            return text
        converted = self._convert(text.strip(), self.format)
        lead = " " if text[0].isspace() else ""
        trail = " " if text[-1].isspace() else ""
        return f"{lead}{converted}{trail}"

    def _convert(self, text: str, fmt: str) -> str:
        if fmt != "html":
            return text
        plain, images, dropped = html_to_text_report(text)
        if images:
            self.note(Severity.WARNING, f"{images} image(s) left out; only their alt text is kept")
        if dropped:
            self.note(
                Severity.WARNING,
                f"left out of the [html] text: {', '.join(dropped)}; check that the question "
                "does not depend on it",
            )
        return plain

    def render(self, src: Src) -> str:
        """An answer or feedback as plain text (its own [tag] overrides the question's)."""
        fmt, rest = self._tag(src.strip(), self.format)
        return self._convert(_layout_free(rest, fmt).strip(), fmt)

    def _arrow(self, src: Src, start: int = 0) -> int:
        return src.find("->", start)

    def _weight(self, src: Src, default: float) -> tuple[float, Src]:
        """An answer's `%weight%` (a percentage from -100 to 100) and the rest of it."""
        src = src.strip()
        if not src.startswith("%"):
            return default, src
        closing = src.find("%", 1)
        if closing == -1:
            return default, src
        raw = src[1:closing].text.strip()
        if not _WEIGHT.fullmatch(raw):
            raise GiftError(
                src.start,
                f"bad weight %{raw}%: a weight is a percentage from -100 to 100, e.g. ~%50%",
            )
        weight = float(raw)
        if not -100 <= weight <= 100:
            raise GiftError(src.start, f"bad weight %{raw}%: a weight must be between -100 and 100")
        return weight, src[closing + 1 :]

    def _answer(self, src: Src, default: float) -> tuple[float, str, str, Src]:
        """(weight, answer text, feedback, answer source) of one `~`/`=` item."""
        weight, rest = self._weight(src, default)
        hash_at = rest.find("#")
        body = rest[:hash_at] if hash_at != -1 else rest
        feedback = self.render(rest[hash_at + 1 :]) if hash_at != -1 else ""
        return weight, self.render(body), feedback, body

    def _items(self, src: Src, markers: str) -> list[tuple[str, Src]]:
        items = src.split_at(markers)
        if not items[0][1].text.strip():
            items = items[1:]
        return items

    def _explain(self, answer: str, feedback: str) -> None:
        if feedback:
            self.feedback.append(f"- {answer}: {feedback}")

    # -- question types -------------------------------------------------------------------

    def _choice(self, src: Src, prompt: str) -> dict[str, Any] | None:
        single = src.find("=") != -1
        options: list[tuple[float, str]] = []
        for marker, item in self._items(src, "~="):
            weight, text, feedback, _ = self._answer(item, 100 if marker == "=" else 0)
            if not text:
                raise GiftError(item.start, "an option is empty")
            options.append((weight, text))
            self._explain(text, feedback)
        texts = [text for _, text in options]
        if single:
            full = [text for weight, text in options if weight >= 100]
            partial = [text for weight, text in options if 0 < weight < 100]
            if len(full) != 1:
                why = "no option" if not full else f"{len(full)} options"
                self.note(
                    Severity.SKIPPED,
                    f"{why} get full credit; a multiple choice question here has exactly one "
                    "right option (use ~%50% weights for 'choose all that apply')",
                )
                return None
            if partial:
                self.note(
                    Severity.WARNING,
                    f"partial credit for {partial} is not kept: multiple choice gives credit "
                    "only for the right option",
                )
            negative = [text for weight, text in options if weight < 0]
            if negative:
                self.note(
                    Severity.WARNING,
                    f"negative weights for {negative} are not kept: a wrong option scores 0",
                )
            return {
                "type": "multiple_choice",
                "prompt": prompt,
                "options": texts,
                "answer": full[0],
            }
        right = [(weight, text) for weight, text in options if weight > 0]
        if not right:
            self.note(Severity.SKIPPED, "no option has a positive weight, so none is right")
            return None
        penalty = 100 / len(right)
        negative = [
            f"{text!r} {weight:g}%"
            for weight, text in options
            if weight < 0 and abs(weight + penalty) > 0.01
        ]
        if negative:
            self.note(
                Severity.WARNING,
                f"the file's negative weights ({', '.join(negative)}) are replaced by the app's "
                f"penalty: each wrong option chosen takes {penalty:.4g}% (1/{len(right)}) off",
            )
        if max(w for w, _ in right) - min(w for w, _ in right) > 0.01:
            self.note(
                Severity.WARNING,
                "right options have different weights; the app gives each right option "
                "equal credit (1/k) and takes 1/k off for each wrong one",
            )
        return {
            "type": "multiple_select",
            "prompt": prompt,
            "options": texts,
            "answers": [text for _, text in right],
        }

    def _true_false(self, head: str, src: Src, prompt: str) -> dict[str, Any]:
        answer = _TRUE_FALSE[head]
        first = src.find("#")
        second = src.find("#", first + 1) if first != -1 else -1
        wrong = (
            self.render(src[first + 1 : second if second != -1 else len(src)])
            if first != -1
            else ""
        )
        right = self.render(src[second + 1 :]) if second != -1 else ""
        by_answer = {answer: right, not answer: wrong}
        for value in (True, False):
            self._explain("True" if value else "False", by_answer[value])
        return {"type": "true_false", "prompt": prompt, "answer": answer}

    def _short(self, src: Src, before: str, after: str) -> dict[str, Any] | None:
        accepted: list[str] = []
        for _, item in self._items(src, "="):
            weight, text, feedback, _ = self._answer(item, 100)
            if not text:
                raise GiftError(item.start, "an answer is empty")
            if weight >= 100:
                accepted.append(text)
            elif weight > 0:
                self.note(
                    Severity.WARNING,
                    f"answer {text!r} for {weight:g}% credit is left out: "
                    "typed answers here are right or wrong",
                )
            self._explain(text, feedback)
        if not accepted:
            self.note(Severity.SKIPPED, "no answer gets full credit")
            return None
        if not after.strip():
            return {"type": "short_answer", "prompt": before.strip(), "answers": accepted}
        blank = "{{" + "|".join(accepted) + "}}"
        if any(mark in text for text in (*accepted, before, after) for mark in ("{{", "}}")) or any(
            "|" in text for text in accepted
        ):
            self.note(
                Severity.SKIPPED,
                "this missing-word question has '{{', '}}' or '|' in its text or answers, "
                "which a cloze blank cannot hold",
            )
            return None
        return {"type": "cloze", "text": f"{before}{blank}{after}".strip()}

    def _numeric(self, src: Src, prompt: str) -> dict[str, Any] | None:
        wrong_at = src.find("~")
        if wrong_at != -1:
            wrong = src[wrong_at + 1 :]
            hash_at = wrong.find("#")
            self._explain(
                "any other answer", self.render(wrong[hash_at + 1 :]) if hash_at != -1 else ""
            )
            src = src[:wrong_at]
        chosen: dict[str, Any] | None = None
        items = self._items(src, "=")
        if not items:
            raise GiftError(src.start, "a numeric question needs an answer after '#', e.g. {#5}")
        for _, item in items:
            weight, text, feedback, body = self._answer(item, 100)
            value = _numeric_value(body)
            self._explain(text, feedback)
            if 0 < weight < 100:
                self.note(
                    Severity.WARNING,
                    f"answer {text!r} for {weight:g}% credit is left out: "
                    "numeric answers here are right or wrong",
                )
            elif weight < 100:
                continue
            elif chosen is not None:
                self.note(
                    Severity.WARNING,
                    f"answer {text!r} is left out: a numeric question here has one right "
                    "answer (or range), and the first full-credit one is kept",
                )
            else:
                chosen = value
        if chosen is None:
            self.note(Severity.SKIPPED, "no numeric answer gets full credit")
            return None
        return {"type": "numeric", "prompt": prompt, **chosen}

    def _matching(self, src: Src, prompt: str) -> dict[str, Any]:
        pairs, distractors = [], []
        for _, item in self._items(src, "="):
            arrow = self._arrow(item)
            if arrow == -1:
                raise GiftError(
                    item.strip().start if item.text.strip() else src.start,
                    "a matching pair needs 'left -> right'",
                )
            left = self.render(item[:arrow])
            right = item[arrow + 2 :].unwrapped().strip()
            if left:
                pairs.append({"left": left, "right": right})
            else:
                distractors.append(right)
        fields: dict[str, Any] = {"type": "matching", "prompt": prompt, "pairs": pairs}
        if distractors:
            fields["distractors"] = distractors
        return fields


def _layout_free(src: Src, fmt: str) -> str:
    """Markdown keeps its indentation; elsewhere spaces around line breaks are layout."""
    return src.text if fmt == "markdown" else src.unwrapped()


def _numeric_value(body: Src) -> dict[str, Any]:
    """`5`, `5:0.5` (answer:tolerance) or `1..3` (min..max) as numeric fields."""
    text = body.text.strip()
    where = body.strip().start

    def number(raw: str) -> float:
        raw = raw.strip()
        if not _NUMBER.fullmatch(raw):
            raise GiftError(where, f"{raw!r} is not a number (write 5, 5:0.5 or 4..6)")
        return float(raw)

    if ".." in text:
        low, high = text.split("..", 1)
        return {"range": {"min": number(low), "max": number(high)}}
    if ":" in text:
        answer, tolerance = text.split(":", 1)
        return {"answer": number(answer), "tolerance": number(tolerance)}
    return {"answer": number(text)}
