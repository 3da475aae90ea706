"""The command line as a user runs it: exit codes, located messages, never a traceback."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app import cli
from tests.conftest import BANK_FILE, run_cli


def test_validate_default_folder_passes() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 1 bank(s), 31 question(s)." in result.stderr


def test_validate_reports_every_problem_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: Bad Id\ntitle: x\nquestions:\n  - id: q\n    type: true_false\n")
    garbage = tmp_path / "garbage.yml"
    garbage.write_bytes(b"\xff\xfe\x00binary")
    result = run_cli("validate", bad, garbage, BANK_FILE)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        f"{bad}:1:5: id: 'Bad Id' is not a valid id: use lowercase letters, digits, '-' and '_'"
        in lines
    )
    assert (
        f"{bad}:4:5: questions[0].prompt: required field 'prompt' is missing; add 'prompt:' here"
        in lines
    )
    assert (
        f"{bad}:4:5: questions[0].answer: required field 'answer' is missing; add 'answer:' here"
        in lines
    )
    assert any(line.startswith(f"{garbage}:1:1: not UTF-8 text") for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "args", [["validate", "/no/such/dir"], ["export", "/no/such.yaml", "--format", "json"]]
)
def test_missing_paths_fail_cleanly(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "/no/such" in result.stdout + result.stderr


def test_export_json(tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    result = run_cli("export", BANK_FILE, "--format", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["id"] == "russia-paratroopers-drill"
    assert document["headline"].startswith("Near Russia's North Korea Border")
    first = document["questions"][0]
    assert {"id", "type", "prompt", "source_quote", "answer", "content_hash"} <= set(first)


def test_export_json_to_stdout() -> None:
    result = run_cli("export", BANK_FILE, "--format", "json")
    assert json.loads(result.stdout)["title"]


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the parser, as the words that call it."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((*path, name))
                found += commands(sub, (*path, name))
    return found


ALL_COMMANDS = commands(cli._parser())


def test_the_commands_of_the_design_exist() -> None:
    assert {("validate",), ("export",), ("import",), ("generate",), ("scores", "copy")} <= set(
        ALL_COMMANDS
    )


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_every_subcommand_has_help(command: tuple[str, ...]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert f"usage: python -m app {' '.join(command)}" in result.stdout
    assert result.stderr == ""
