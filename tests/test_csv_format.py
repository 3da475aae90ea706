"""CSV import and export: documented columns, lists in one cell, and lossless round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from app.bank import LoadedBank, load_bank
from app.formats.csv_format import COLUMNS, bank_to_csv, join_items, parse_csv, split_items
from app.formats.importing import Severity
from app.models import Bank, Question, ShortAnswer
from tests.conftest import BANK_FILE, run_cli

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
QUESTIONS = TypeAdapter(list[Question])


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@pytest.mark.parametrize("path", [EVERY_TYPE, BANK_FILE], ids=["every-type", "bundled"])
def test_import_of_export_is_the_same_bank(path: Path) -> None:
    loaded = load_bank(path)
    result = parse_csv(bank_to_csv(loaded), "bank.csv")
    assert result.notices == []
    assert QUESTIONS.validate_python(result.questions) == list(loaded.bank.questions)


def test_export_columns_and_cells() -> None:
    text = bank_to_csv(load_bank(EVERY_TYPE))
    assert text.startswith("\ufeffid,type,prompt,")
    table = rows(text)
    assert list(table[0]) == list(COLUMNS)
    by_id = {row["id"]: row for row in table}
    assert by_id["ms_hostile"]["options"] == ('one \\| 1 | two, 2 | three "3" | %four% | five\tsix')
    assert by_id["tf-hostile"]["answers"] == "false"
    assert by_id["numeric-tolerance"]["answers"] == "-3.25"
    assert by_id["numeric-tolerance"]["tolerance"] == "0.5"
    assert by_id["numeric-range"]["range"] == "'-0.001..12.5"  # not a number: neutralised
    assert by_id["matching-hostile"]["pairs"].startswith("A -\\> B -> C -\\> D | x = y #1 -> {z}")
    assert by_id["mc-hostile"]["tags"] == "tag with space | a]b | é"
    assert "\n" in by_id["mc-hostile"]["prompt"]


def test_export_neutralises_cells_a_spreadsheet_would_run() -> None:
    bank = Bank(
        id="formulas",
        title="Formulas",
        questions=(
            ShortAnswer(id="f1", type="short_answer", prompt="=1+1", answers=("-2+3", "@x")),
            ShortAnswer(id="f2", type="short_answer", prompt="-5 degrees?", answers=("-5",)),
        ),
    )
    text = bank_to_csv(LoadedBank(bank, Path("formulas.yaml"), ""))
    by_id = {row["id"]: row for row in rows(text)}
    assert by_id["f1"]["prompt"] == "'=1+1"
    assert by_id["f1"]["answers"] == "'-2+3 | @x"  # one cell: only its start matters
    assert by_id["f2"]["prompt"] == "'-5 degrees?"
    assert by_id["f2"]["answers"] == "-5"  # a number stays a number
    result = parse_csv(text, "formulas.csv")
    assert QUESTIONS.validate_python(result.questions) == list(bank.questions)


@pytest.mark.parametrize(
    "items",
    [
        ["plain"],
        ["a | b", "c,d", 'e "f"', "g\nh", "back\\slash", "trailing\\", "x -> y", "🚀 ✓"],
        ["\\|", "\\\\", "|", "->"],
    ],
)
def test_list_cells_round_trip(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


def test_hand_written_cells_are_forgiving() -> None:
    assert split_items("a|b |  c | ") == ["a", "b", "c"]
    assert split_items("C:\\temp | x") == ["C:\\temp", "x"]


def test_spreadsheet_file_with_semicolons_and_few_columns() -> None:
    text = (
        "Type;Prompt;Options;Answers;Tags\r\n"
        "multiple_choice;Capital of France?;Paris | Lyon;Paris;geo\r\n"
        '"true_false";"Is it ""true""?";;yes;\r\n'
        "short_answer;Say hi;;hi | hello;\r\n"
        "numeric;How many?;;1,5;\r\n"
    )
    result = parse_csv(text, "sheet.csv")
    assert [q["id"] for q in result.questions] == ["capital-of-france", "is-it-true", "say-hi"]
    assert result.questions[1]["answer"] is True
    assert [str(n) for n in result.notices] == [
        "sheet.csv:5:1: error: question 'How many?' is not valid in the app: "
        "answer: expected a number, got '1,5'"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "id,type,promt\nq,true_false,Hi\n",
            "bank.csv:1:3: error: unknown column 'promt' ignored; did you mean 'prompt'?",
        ),
        ("id,prompt\nq,Hi\n", "bank.csv:1:1: error: the header has no 'type' column"),
        (
            'id,type,prompt,answers\nq,true_false,"Multi\nline",maybe\n',
            "bank.csv:2:1: error: question 'q': answers: expected true or false, got 'maybe'",
        ),
        (
            "id,type,prompt,pairs\nq,matching,Match,a -> b | c\n",
            "bank.csv:2:1: error: question 'q': pairs: 'c' has no '->'; write 'left -> right'",
        ),
        (
            "id,type,prompt,answers\nq,multiple_choice,P,a | b\n",
            "bank.csv:2:1: error: question 'q': answers: a multiple_choice question has one",
        ),
        (
            "id,type,prompt,range\nq,numeric,P,1-3\n",
            "bank.csv:2:1: error: question 'q': range: '1-3' is not 'min..max'",
        ),
        (
            "id,type,prompt\nq,essay,P\n",
            "bank.csv:2:1: error: question 'q' is not valid in the app: type: unknown question "
            "type 'essay'",
        ),
        ("", "bank.csv:1:1: error: the file is empty; add a header row"),
    ],
)
def test_bad_rows_are_located(text: str, expected: str) -> None:
    result = parse_csv(text, "bank.csv")
    assert result.questions == []
    assert any(str(n).startswith(expected) for n in result.notices), result.notices
    assert all(n.severity is Severity.ERROR for n in result.notices)


def test_line_numbers_count_multiline_cells() -> None:
    text = 'id,type,prompt,answers\na,true_false,"one\ntwo\nthree",true\nb,true_false,P,nope\n'
    result = parse_csv(text, "bank.csv")
    assert [q["id"] for q in result.questions] == ["a"]
    assert result.notices[0].line == 5


def test_cli_export_import_validate(tmp_path: Path) -> None:
    sheet = tmp_path / "every.csv"
    assert run_cli("export", EVERY_TYPE, "--format", "csv", "-o", sheet).returncode == 0
    bank = tmp_path / "every.yaml"
    result = run_cli("import", sheet, "--format", "csv", "-o", bank, "--title", "From a sheet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_cli("validate", bank).returncode == 0
    loaded = load_bank(bank)
    assert loaded.bank.title == "From a sheet"
    assert loaded.bank.questions == load_bank(EVERY_TYPE).bank.questions
