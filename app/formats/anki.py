"""Export a bank as an Anki deck package (.apkg) with genanki.

One note per question. Cloze questions become Anki cloze notes (all blanks are `c1`, so the
card asks every blank at once, as the app does); the other types become basic notes with the
prompt and options on the front and the answer, explanation and source quote on the back.
Note guids come from the bank id and question id, and the deck and note type ids are fixed,
so importing a newer export of the same bank updates its notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import re
import sqlite3
import time
import zipfile
from collections.abc import Iterable
from typing import assert_never

import genanki

from app.bank import LoadedBank
from app.grading import expected_answer
from app.models import (
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)

# Fixed forever: Anki recognises the note types by these ids across exports.
BASIC_MODEL_ID = 1_607_392_411
CLOZE_MODEL_ID = 1_607_392_412

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; }
.options ul { margin: .5em 0; }
.explanation { margin-top: 1em; }
.source { margin-top: 1em; color: #555; font-style: italic; }
.also { color: #555; font-size: 16px; }
.cloze { font-weight: bold; color: #1565c0; }"""

_EXTRA = (
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Source}}<blockquote class="source">{{Source}}</blockquote>{{/Source}}'
)

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "News quiz question",
    fields=[
        {"name": "Question"},
        {"name": "Options"},
        {"name": "Answer"},
        {"name": "Explanation"},
        {"name": "Source"},
    ],
    templates=[
        {
            "name": "Question",
            "qfmt": '<div class="prompt">{{Question}}</div>'
            '{{#Options}}<div class="options">{{Options}}</div>{{/Options}}',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>' + _EXTRA,
        }
    ],
    css=_CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "News quiz cloze",
    fields=[
        {"name": "Text"},
        {"name": "Prompt"},
        {"name": "Accepted"},
        {"name": "Explanation"},
        {"name": "Source"},
    ],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '{{#Prompt}}<div class="prompt">{{Prompt}}</div>{{/Prompt}}{{cloze:Text}}',
            "afmt": '{{#Prompt}}<div class="prompt">{{Prompt}}</div>{{/Prompt}}{{cloze:Text}}'
            '<hr id="answer">{{#Accepted}}<div class="also">{{Accepted}}</div>{{/Accepted}}'
            + _EXTRA,
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)


def bank_to_apkg(loaded: LoadedBank, timestamp: float | None = None) -> bytes:
    """The bank as .apkg bytes; `timestamp` (default now) marks the notes as modified then,
    which is how Anki decides that a re-imported note is newer and updates it."""
    bank = loaded.bank
    deck = genanki.Deck(deck_id(bank.id), bank.title, description=html.escape(bank.description))
    for question in bank.questions:
        deck.add_note(note_for(bank.id, question))
    return _package(deck, time.time() if timestamp is None else timestamp)


def deck_id(bank_id: str) -> int:
    """A stable deck id from the bank id, in the range genanki recommends."""
    digest = hashlib.sha256(f"news-quiz deck {bank_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_for(bank_id: str, question: Question) -> genanki.Note:
    """The Anki note for one question."""
    tags = [re.sub(r"\s+", "_", tag) for tag in question.tags]
    guid = genanki.guid_for(bank_id, question.id)
    explanation = _html(question.explanation)
    source = _html(question.source_quote or "")
    if isinstance(question, Cloze):
        accepted = [f"{' / '.join(blank)}" for blank in question.blanks if len(blank) > 1]
        fields = [
            _cloze_text(question),
            _html(question.prompt),
            _html("Also accepted: " + "; ".join(accepted)) if accepted else "",
            explanation,
            source,
        ]
        return genanki.Note(model=CLOZE_MODEL, fields=fields, tags=tags, guid=guid)
    fields = [_html(question.prompt), _options(question), _answer(question), explanation, source]
    return genanki.Note(model=BASIC_MODEL, fields=fields, tags=tags, guid=guid)


def _options(question: Question) -> str:
    match question:
        case MultipleChoice() | MultipleSelect():
            hint = (
                "Choose one:" if isinstance(question, MultipleChoice) else "Choose all that apply:"
            )
            return f"{_html(hint)}{_list(question.options)}"
        case TrueFalse():
            return "True or false?"
        case Matching():
            rights = sorted(question.right_items, key=str.casefold)
            return (
                f"Match each item:{_list(p.left for p in question.pairs)}"
                f"with one of: {_html(', '.join(rights))}"
            )
        case ShortAnswer() | Numeric() | Cloze():
            return ""
        case _:
            assert_never(question)


def _answer(question: Question) -> str:
    match question:
        case MultipleSelect():
            return _list(question.answers)
        case ShortAnswer() if len(question.answers) > 1:
            also = "; ".join(question.answers[1:])
            return (
                f'{_html(question.answers[0])}<div class="also">Also accepted: {_html(also)}</div>'
            )
        case Matching():
            rows = "".join(
                f"<tr><td>{_html(p.left)}</td><td>→ {_html(p.right)}</td></tr>"
                for p in question.pairs
            )
            return f"<table>{rows}</table>"
        case MultipleChoice() | TrueFalse() | ShortAnswer() | Numeric() | Cloze():
            return _html(expected_answer(question))
        case _:
            assert_never(question)


def _cloze_text(question: Cloze) -> str:
    """`{{a|b}}` blanks as `{{c1::a}}`; braces and colons in the text cannot end a cloze."""
    segments, blanks = question.segments, question.blanks
    parts = [_braces_safe(segments[0])]
    for blank, segment in zip(blanks, segments[1:], strict=True):
        parts.append("{{c1::" + _braces_safe(blank[0]).replace(":", "&#58;") + "}}")
        parts.append(_braces_safe(segment))
    return "".join(parts)


def _braces_safe(text: str) -> str:
    return _html(text).replace("{", "&#123;").replace("}", "&#125;")


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _list(items: Iterable[object]) -> str:
    return "<ul>" + "".join(f"<li>{_html(str(item))}</li>" for item in items) + "</ul>"


def _package(deck: genanki.Deck, timestamp: float) -> bytes:
    # genanki's write_to_file leaves its temporary database behind in /tmp; building the
    # database in memory and zipping it ourselves avoids that and needs no file at all.
    connection = sqlite3.connect(":memory:")
    try:
        genanki.Package(deck).write_to_db(
            connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
        )
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")
    return out.getvalue()
