"""Anki export: the .apkg opens in the official `anki` package with the expected notes, and
importing a newer export updates the notes instead of adding copies."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note

from app.bank import load_bank
from app.formats.anki import (
    BASIC_MODEL_ID,
    CLOZE_MODEL_ID,
    bank_to_apkg,
    deck_id,
)
from tests.conftest import BANK_FILE, run_cli

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
NOON = 1_800_000_000.0


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    opened = Collection(str(tmp_path / "collection.anki2"))
    yield opened
    opened.close()


def import_apkg(col: Collection, content: bytes, path: Path) -> None:
    path.write_bytes(content)
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=False),
    )
    col.import_anki_package(request)


def notes(col: Collection) -> dict[str, Note]:
    """Notes by their first field's text."""
    found = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        found[note.fields[0]] = note
    return found


def test_every_question_is_one_note(col, tmp_path: Path) -> None:
    loaded = load_bank(EVERY_TYPE)
    import_apkg(col, bank_to_apkg(loaded, timestamp=NOON), tmp_path / "deck.apkg")
    assert col.note_count() == len(loaded.bank.questions)
    deck = col.decks.by_name(loaded.bank.title)
    assert {col.get_card(c).did for c in col.find_cards("")} == {deck["id"]}
    by_front = notes(col)

    choice = next(n for front, n in by_front.items() if front.startswith("[html] &lt;b&gt;"))
    assert choice.mid == BASIC_MODEL_ID
    question, options, answer, explanation, source = choice.fields
    assert question.endswith("&#x27;a&#x27;<br><br>second paragraph")
    assert options == (
        "Choose one:<ul><li>%50% off ~ = # { }</li><li>-&gt; arrow start</li>"
        "<li>[bracket] start</li><li>plain 🚀, with &quot;quotes&quot;; and | pipes</li></ul>"
    )
    assert answer == "%50% off ~ = # { }"
    assert explanation == "Because ####: it is.<br>Line two | pipe, comma"
    assert source.startswith("Quote with &quot;quotes&quot;")
    assert sorted(choice.tags) == sorted(["tag_with_space", "a]b", "é"])

    cloze = by_front["Before ~ {{c1::Ans -&gt; x}} after # \\ end"]
    assert cloze.mid == CLOZE_MODEL_ID
    assert cloze.fields[1:3] == ["Complete: [it]", "Also accepted: Ans -&gt; x / alt: y"]
    assert len(cloze.cards()) == 1
    many = by_front["{{c1::one}} and {{c1::two}}, then {{c1::three}}."]
    assert len(many.cards()) == 1

    numeric = by_front["How fast (km/h)? ± 0.5"]
    assert numeric.fields[2] == "-3.25 km/h (± 0.5)"
    matching = by_front["Match: left -&gt; right"]
    assert "<td>A -&gt; B</td><td>→ C -&gt; D</td>" in matching.fields[2]


def test_importing_again_updates_instead_of_duplicating(col, tmp_path: Path) -> None:
    loaded = load_bank(BANK_FILE)
    first = bank_to_apkg(loaded, timestamp=NOON)
    import_apkg(col, first, tmp_path / "first.apkg")
    import_apkg(col, first, tmp_path / "again.apkg")
    count = len(loaded.bank.questions)
    assert col.note_count() == count

    question = loaded.bank.questions[0]
    edited = question.model_copy(update={"explanation": "Edited explanation."})
    newer = dataclasses.replace(
        loaded,
        bank=loaded.bank.model_copy(update={"questions": (edited, *loaded.bank.questions[1:])}),
    )
    import_apkg(col, bank_to_apkg(newer, timestamp=NOON + 60), tmp_path / "newer.apkg")
    assert col.note_count() == count
    assert len(col.decks.all_names_and_ids()) == 2  # Default and the bank's deck
    note = notes(col)[html.escape(question.prompt)]
    assert note.fields[3] == "Edited explanation."


def test_same_input_same_package() -> None:
    loaded = load_bank(EVERY_TYPE)
    assert bank_to_apkg(loaded, timestamp=NOON) == bank_to_apkg(loaded, timestamp=NOON)


def test_ids_are_stable_per_bank() -> None:
    assert deck_id("a") == deck_id("a") != deck_id("b")
    assert 1 << 30 <= deck_id("a") < 1 << 31


def test_cli_needs_an_output_file_for_apkg(tmp_path: Path) -> None:
    assert "give -o FILE" in run_cli("export", BANK_FILE, "--format", "anki").stderr
    deck = tmp_path / "deck.apkg"
    result = run_cli("export", BANK_FILE, "--format", "anki", "-o", deck)
    assert result.returncode == 0, result.stderr
    assert deck.read_bytes()[:2] == b"PK"
