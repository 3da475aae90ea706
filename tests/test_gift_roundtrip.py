"""GIFT export: everything escaped, and importing the export gives the same questions back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from app.bank import LoadedBank, load_bank
from app.formats.gift_parse import parse_gift
from app.formats.gift_write import bank_to_gift, escape
from app.models import Question
from tests.conftest import BANK_FILE, run_cli

FIXTURES = Path(__file__).parent / "fixtures"
EVERY_TYPE = FIXTURES / "every_type.yaml"
QUESTIONS = TypeAdapter(list[Question])


def round_trip(loaded: LoadedBank) -> list:
    result = parse_gift(bank_to_gift(loaded), "export.gift")
    assert not result.has_errors, result.notices
    return QUESTIONS.validate_python(result.questions)


@pytest.mark.parametrize("path", [EVERY_TYPE, BANK_FILE], ids=["every-type", "bundled"])
def test_import_of_export_is_the_same_bank(path: Path) -> None:
    loaded = load_bank(path)
    again = round_trip(loaded)
    assert [q.type for q in again] == [q.type for q in loaded.bank.questions]
    assert again == list(loaded.bank.questions)


def test_every_type_is_covered() -> None:
    types = {q.type for q in load_bank(EVERY_TYPE).bank.questions}
    assert types == {
        "multiple_choice",
        "multiple_select",
        "true_false",
        "short_answer",
        "numeric",
        "matching",
        "cloze",
    }


def test_title_comes_back() -> None:
    result = parse_gift(bank_to_gift(load_bank(EVERY_TYPE)), "export.gift")
    assert result.title == "Every type: hostile text ~ = # { } \\ | -> 🚀"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a~b=c#d{e}f:g\\h", "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"),
        ("line\nbreak", "line\\nbreak"),
        ("windows\r\nbreak", "windows\\nbreak"),
        ("a -> b", "a -> b"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_export_is_readable_moodle_gift() -> None:
    text = bank_to_gift(load_bank(BANK_FILE))
    block = text.split("\n\n")[1].splitlines()
    assert block[0] == "// [tag:who] [tag:headline]"
    assert block[-7:] == [
        "::headline-who::According to the headline, which troops will launch an air drill "
        "near Russia's border with North Korea?{",
        "\t=Elite paratroopers",
        "\t~Naval infantry",
        "\t~Border guards",
        "\t~Tank crews",
        "\t####The headline says elite paratroopers are to launch an air drill near Russia's "
        "North Korea border.",
        "}",
    ]


def test_multiple_select_weights_match_the_app_scoring() -> None:
    text = bank_to_gift(load_bank(EVERY_TYPE))
    assert "\t~%33.33333%one | 1\n\t~%-33.33333%two, 2\n" in text


def test_cli_import_then_validate(tmp_path: Path) -> None:
    bank = tmp_path / "moodle-quiz.yaml"
    result = run_cli("import", FIXTURES / "every_construct.gift", "--format", "gift", "-o", bank)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "skipped: question 'Essay'" in result.stdout
    assert "23 question(s) imported, 2 left out" in result.stderr
    text = bank.read_text(encoding="utf-8")
    assert text.startswith("# Imported from every_construct.gift (gift)")
    assert "id: moodle-quiz\n" in text
    assert "\n  - id: grant-s-tomb\n    type: multiple_choice\n" in text
    assert "tags: [Geography, Capitals]" in text
    validated = run_cli("validate", bank)
    assert validated.returncode == 0, validated.stdout
    assert "OK: 1 bank(s), 23 question(s)." in validated.stderr


def test_cli_export_import_round_trip(tmp_path: Path) -> None:
    gift = tmp_path / "every.gift"
    assert run_cli("export", EVERY_TYPE, "--format", "gift", "-o", gift).returncode == 0
    bank = tmp_path / "every.yaml"
    result = run_cli("import", gift, "--format", "gift", "-o", bank, "--id", "every-type")
    assert result.returncode == 0, result.stdout + result.stderr
    assert load_bank(bank).bank == load_bank(EVERY_TYPE).bank


def test_cli_malformed_file_fails_with_located_errors(tmp_path: Path) -> None:
    gift = tmp_path / "bad.gift"
    gift.write_text("::A::Q{=a ~b\n\n::B::[rtf]Q{=a ~b}\n\n::C::Q{~%abc%a ~b}\n", encoding="utf-8")
    bank = tmp_path / "bad.yaml"
    result = run_cli("import", gift, "--format", "gift", "-o", bank)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{gift}:1:7: error: unclosed brace '{{': no '}}' before the end of the question "
        "(a blank line ends a question)",
        f"{gift}:3:6: error: unknown format tag [rtf]; use [html], [markdown], [plain] or [moodle]",
        f"{gift}:5:9: error: bad weight %abc%: a weight is a percentage from -100 to 100, "
        "e.g. ~%50%",
    ]
    assert "Nothing imported" in result.stderr
    assert not bank.exists()
    assert "Traceback" not in result.stderr


def test_cli_partly_malformed_file_writes_the_rest_and_fails(tmp_path: Path) -> None:
    gift = tmp_path / "mixed.gift"
    gift.write_text("::A::Q{=a ~b\n\n::B::Fine?{T}\n", encoding="utf-8")
    bank = tmp_path / "mixed.yaml"
    result = run_cli("import", gift, "--format", "gift", "-o", bank)
    assert result.returncode == 1
    assert "1 question(s) imported, 1 left out" in result.stderr
    assert run_cli("validate", bank).returncode == 0


def test_cli_refuses_to_overwrite_and_bad_input(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text("keep me", encoding="utf-8")
    result = run_cli("import", FIXTURES / "every_construct.gift", "--format", "gift", "-o", bank)
    assert result.returncode == 1 and "pass --force" in result.stderr
    assert bank.read_text(encoding="utf-8") == "keep me"
    latin = tmp_path / "latin.gift"
    latin.write_bytes("Caf\xe9?{=oui ~non}".encode("latin-1"))
    result = run_cli("import", latin, "--format", "gift", "-o", tmp_path / "x.yaml")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{latin}:1:4: error: not UTF-8 text (byte 0xe9)")
    missing = run_cli(
        "import", tmp_path / "nope.gift", "--format", "gift", "-o", tmp_path / "y.yaml"
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    bad_id = run_cli(
        "import", latin, "--format", "gift", "-o", tmp_path / "z.yaml", "--id", "Bad Id"
    )
    assert bad_id.returncode == 1 and "--id 'Bad Id'" in bad_id.stderr


def test_cli_help_lists_formats() -> None:
    result = run_cli("import", "--help")
    assert result.returncode == 0
    assert "{anki-text,csv,gift}" in result.stdout
