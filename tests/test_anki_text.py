"""Import of Anki's "Notes in Plain Text" export: real exports and every header variant."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki import collection
from anki.decks import DeckId

from app.formats.anki_text import parse_anki_text
from app.formats.importing import ImportResult, Severity
from tests.conftest import run_cli


def imported(text: str) -> ImportResult:
    return parse_anki_text(text, "notes.txt")


@pytest.fixture(scope="module")
def anki_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, str]:
    """The same notes exported by Anki itself, with and without HTML."""
    folder = tmp_path_factory.mktemp("anki")
    col = collection.Collection(str(folder / "collection.anki2"))
    try:
        basic_type, cloze_type = col.models.by_name("Basic"), col.models.by_name("Cloze")
        assert basic_type is not None and cloze_type is not None
        default_deck = DeckId(1)
        basic = col.new_note(basic_type)
        basic["Front"] = "What is <b>2+2</b>?"
        basic["Back"] = 'four<br>Because 2, "plus" 2;\ttabbed'
        basic.tags = ["math", "easy"]
        col.add_note(basic, default_deck)
        cloze = col.new_note(cloze_type)
        cloze["Text"] = "Paris is the {{c1::capital::city}} of {{c2::France}}."
        col.add_note(cloze, default_deck)
        exports = {}
        for with_html in (True, False):
            path = folder / f"notes-{with_html}.txt"
            col.export_note_csv(
                out_path=str(path),
                limit=collection.DeckIdLimit(default_deck),
                with_html=with_html,
                with_tags=True,
                with_deck=True,
                with_notetype=True,
                with_guid=True,
            )
            exports[with_html] = path.read_text(encoding="utf-8")
    finally:
        col.close()
    return exports


@pytest.mark.parametrize("with_html", [True, False])
def test_real_anki_export(anki_exports: dict[bool, str], with_html: bool) -> None:
    text = anki_exports[with_html]
    assert text.startswith(f"#separator:tab\n#html:{str(with_html).lower()}\n")
    result = imported(text)
    assert result.notices == []
    basic, cloze = result.questions
    assert basic["type"] == "short_answer"
    assert basic["prompt"] == "What is 2+2?"
    assert sorted(basic["tags"]) == ["easy", "math"]
    if with_html:
        assert basic["answers"] == ["four"]
        assert basic["explanation"] == 'Because 2, "plus" 2; tabbed'
    else:
        assert basic["answers"] == ['four Because 2, "plus" 2;\ttabbed']
    assert cloze == {
        "id": "paris-is-the-capital-of-france",
        "type": "cloze",
        "text": "Paris is the {{capital}} of {{France}}.",
    }


@pytest.mark.parametrize(
    ("separator", "char"),
    [
        ("tab", "\t"),
        ("Tab", "\t"),
        ("comma", ","),
        ("semicolon", ";"),
        ("pipe", "|"),
        ("colon", ":"),
        ("space", " "),
        (";", ";"),
    ],
)
def test_separator_header(separator: str, char: str) -> None:
    text = f"#separator:{separator}\n#html:false\nCapital{char}Paris{char}geo\n"
    result = imported(text)
    assert result.notices == []
    assert result.questions[0]["prompt"] == "Capital"
    assert result.questions[0]["answers"] == ["Paris"]


@pytest.mark.parametrize(
    ("line", "char"),
    [
        ("a\tb,c", "\t"),
        ("a|b;c", "|"),
        ("a;b:c", ";"),
        ("a:b,c", ":"),
        ("a,b c", ","),
        ("a b", " "),
    ],
)
def test_separator_is_guessed_like_anki(line: str, char: str) -> None:
    result = imported(line + "\n")
    first, rest = line.split(char, 1)
    assert result.questions[0]["prompt"] == first
    assert result.questions[0]["answers"] == [rest.split(char)[0]]


def test_html_header_converts_fields() -> None:
    plain = imported("#html:false\nA &amp; <b>B</b>\tC\n").questions[0]
    html = imported("#html:true\nA &amp; <b>B</b>\tC\n").questions[0]
    assert plain["prompt"] == "A &amp; <b>B</b>"
    assert html["prompt"] == "A & B"


def test_tags_column_and_global_tags() -> None:
    text = "#separator:comma\n#tags:all\n#tags column:1\nmine other,Q?,A\n"
    question = imported(text).questions[0]
    assert question["prompt"] == "Q?"
    assert question["tags"] == ["all", "mine", "other"]


def test_meta_columns_are_not_fields() -> None:
    text = (
        "#separator:comma\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        "abc,Basic,Default,Front,Back\n"
    )
    question = imported(text).questions[0]
    assert (question["prompt"], question["answers"]) == ("Front", ["Back"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "#separator:double\nq\ta\n",
            "notes.txt:1:12: warning: unknown separator 'double' ignored, as Anki does",
        ),
        ("#html:maybe\nq\ta\n", "notes.txt:1:7: error: #html must be true or false"),
        ("#tags column:x\nq\ta\n", "notes.txt:1:14: error: #tags column must be a column number"),
        ("#colour:red\nq\ta\n", "notes.txt:1:1: warning: unknown header #colour ignored"),
        ("q\ta\nlonely\n", "notes.txt:2:1: skipped: note 'lonely' has no answer"),
    ],
)
def test_bad_headers_and_notes_are_reported(text: str, expected: str) -> None:
    result = imported(text)
    assert str(result.notices[0]).startswith(expected), result.notices
    assert result.questions[0]["answers"] == ["a"]


def test_unsupported_rows_do_not_stop_the_rest() -> None:
    result = imported("# a comment\n\nq1\ta1\n\nq2\t\nq3\ta3\n")
    assert [q["prompt"] for q in result.questions] == ["q1", "q3"]
    assert [(n.line, n.severity) for n in result.notices] == [(5, Severity.SKIPPED)]


def test_cli_import_then_validate(tmp_path: Path, anki_exports: dict[bool, str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(anki_exports[True], encoding="utf-8")
    bank = tmp_path / "deck.yaml"

    result = run_cli("import", notes, "--format", "anki-text", "-o", bank)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 question(s) imported, 0 left out" in result.stderr
    assert run_cli("validate", bank).returncode == 0


# -- compared with Anki's own importer (rslib/src/import_export/text/csv/) ------------------------

AS_ANKI = {
    "old-style tags: first line": (
        "tags:foo bar\nfront\tback\n",
        [("front", "back", ["foo", "bar"])],
    ),
    "#tags: after a comment line": (
        "# exported from my deck\n#tags:geo\nfront\tback\n",
        [("front", "back", ["geo"])],
    ),
    "#columns: Back before Front": (
        "#separator:tab\n#columns:Back\tFront\nParis\tCapital of France?\n",
        [("Capital of France?", "Paris", None)],
    ),
    "#columns: with a Tags column": (
        "#separator:comma\n#columns:Tags,Front,Back\ngeo,Q?,A\n",
        [("Q?", "A", ["geo"])],
    ),
    "#separator: a tab character": ("#separator:\t\nfront\tback\n", [("front", "back", None)]),
    "#separator: a space character": ("#separator: \nfront back\n", [("front", "back", None)]),
    "a third column is tags": (
        "front\tback\tgeo europe\n",
        [("front", "back", ["geo", "europe"])],
    ),
    "HTML found without #html:": (
        "<div>Capital of <font color=red>France</font>?</div>\tParis&nbsp;city\n",
        [("Capital of France?", "Paris city", None)],
    ),
    "no HTML, no #html: text kept": ("a < b\tc & d\n", [("a < b", "c & d", None)]),
    "a quoted field over two lines": (
        'front\t"line one\nline two"\nf2\tb2\n',
        [("front", "line one", None), ("f2", "b2", None)],
    ),
    "a first field over two lines, no header": (
        '"line one\nline two"\tback\n',
        [("line one\nline two", "back", None)],
    ),
    "a duplicate note": ("front\tback\nfront\tback\n", [("front", "back", None)]),
    "quotes inside a field": (
        'He said "hi"\tback\n"Slavic Brotherhood" drill\tKovin\nx\t"a ""quoted"" word"\n',
        [
            ('He said "hi"', "back", None),
            ('"Slavic Brotherhood" drill', "Kovin", None),
            ("x", 'a "quoted" word', None),
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), AS_ANKI.values(), ids=AS_ANKI.keys())
def test_notes_read_as_anki_reads_them(text: str, expected: list) -> None:
    result = imported(text)
    assert not [n for n in result.notices if n.severity is Severity.ERROR], result.notices
    got = [(q["prompt"], q["answers"][0], q.get("tags")) for q in result.questions]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("front\tback\nfront\tback\n", "notes.txt:2:1: skipped: the same note as line 1"),
        (
            "front\tback\nfront\tother\n",
            "notes.txt:2:1: warning: same front as the note at line 1, which this one replaces",
        ),
        ("#columns:Question\tAnswer\nq\ta\n", "notes.txt:1:1: warning: #columns names no Front"),
    ],
)
def test_what_changes_a_note_is_reported(text: str, expected: str) -> None:
    result = imported(text)
    assert [str(n) for n in result.notices if str(n).startswith(expected)], result.notices


def test_a_later_duplicate_updates_the_note_as_in_anki() -> None:
    result = imported("front\tback\nfront\tother\n")
    assert [(q["prompt"], q["answers"]) for q in result.questions] == [("front", ["other"])]
