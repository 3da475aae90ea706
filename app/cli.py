"""The command line: `python -m app validate|export ...`. Each subcommand is one function."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from app import settings
from app.bank import BankError, load_bank, load_banks
from app.formats import EXPORTERS, IMPORTERS, import_to_yaml
from app.formats.gift_write import gift_warnings
from app.formats.importing import Severity, slugify
from app.formats.yaml_writer import bank_to_yaml, write_file
from app.generate import DEFAULT_MAX_QUESTIONS, GenerateError, generate_bank
from app.generate.files import draft_header, read_article, source_path
from app.stores import StoreError, is_database_url, open_store
from app.stores.copy import copy_scores, shown
from app.text import shows_hidden


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="Quiz banks from news articles."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check bank files and report every problem",
        description="Check bank files; print each problem as file:line:col: field: message. "
        "Exit 0 when every file is valid, 1 otherwise.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files or folders (default: the questions folder, QUIZ_QUESTIONS_DIR)",
    )
    validate.set_defaults(run=run_validate)

    export = commands.add_parser(
        "export",
        help="write a validated bank in another format",
        description="Validate BANK and write it in another format.",
    )
    export.add_argument("bank", type=Path, metavar="BANK", help="the bank file (.yaml)")
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output for text)"
    )
    export.set_defaults(run=run_export)

    importer = commands.add_parser(
        "import",
        help="turn questions from Moodle GIFT, CSV or Anki text into a bank",
        description="Read FILE and write the questions it holds as a bank (without an article, "
        "so quotes and explanations are optional). Each question that cannot be imported is "
        "reported as file:line:col: severity: message. The bank is written when at least one "
        "question was imported. Exit 0 when everything was imported or only unsupported "
        "questions (e.g. essays) were left out; 1 when the file has errors or nothing "
        "could be imported.",
    )
    importer.add_argument("file", type=Path, metavar="FILE", help="the file to read")
    importer.add_argument("--format", required=True, choices=sorted(IMPORTERS))
    importer.add_argument(
        "-o", "--output", type=Path, required=True, help="the bank file to write (.yaml)"
    )
    importer.add_argument("--id", help="the bank's id (default: from the output file name)")
    importer.add_argument("--title", help="the bank's title (default: from the input)")
    importer.add_argument("--force", action="store_true", help="replace an existing bank file")
    importer.set_defaults(run=run_import)

    generate = commands.add_parser(
        "generate",
        help="draft a bank of questions from an article",
        description="Read a plain-text (UTF-8) news article and write a draft bank whose "
        "questions each cite their sentence, for an instructor to review. source.file is the "
        "article's path relative to the output file (to the current folder without -o).",
    )
    generate.add_argument("article", type=Path, metavar="ARTICLE", help="the article (.txt)")
    generate.add_argument(
        "-o", "--output", type=Path, help="bank file to write (default: standard output)"
    )
    generate.add_argument(
        "--max",
        type=int,
        default=DEFAULT_MAX_QUESTIONS,
        metavar="N",
        help=f"at most N questions (default: {DEFAULT_MAX_QUESTIONS})",
    )
    generate.add_argument(
        "--seed", type=int, default=0, metavar="S", help="same seed, same draft (default: 0)"
    )
    generate.add_argument(
        "--force", action="store_true", help="replace FILE when it exists (a reviewed draft)"
    )
    generate.set_defaults(run=run_generate)

    scores = commands.add_parser(
        "scores",
        help="work with a score log (CSV file or PostgreSQL database)",
        description="Work with a score log: a CSV file's path or a postgresql:// URL.",
    )
    scores_commands = scores.add_subparsers(required=True, metavar="ACTION")
    copy = scores_commands.add_parser(
        "copy",
        help="copy every answer from one score log into another",
        description="Copy every answer of FROM into TO (each a CSV file's path or a "
        "postgresql://user:password@host:port/dbname URL), for example a class's CSV log into "
        "PostgreSQL, or back. Answers already in TO are not copied again, so running it twice "
        "adds nothing. Damaged lines of a CSV are reported and skipped. Exit 0 on success, 1 "
        "when a log cannot be read or written.",
    )
    copy.add_argument("source", metavar="FROM", help="the log to copy from")
    copy.add_argument("target", metavar="TO", help="the log to copy into (created if missing)")
    copy.set_defaults(run=run_scores_copy)

    report = commands.add_parser(
        "report",
        help="class results: per student or per question (facility, discrimination, flags)",
        description="Print the class results from a score log, counting each student's first "
        "quiz sitting on each bank: per question (answers, facility index, discrimination "
        "index as Moodle computes them, flags, and how often each option was chosen) or per "
        "student (sittings, first and best score, last activity). Answers to an older version "
        "of a question are counted apart. Exit 0, or 1 when the log cannot be read.",
    )
    report.add_argument(
        "--scores",
        metavar="CSV_OR_URL",
        help="the score log: a CSV path or a postgresql:// URL (default: QUIZ_SCORES_URL, "
        "else QUIZ_SCORES_PATH)",
    )
    report.add_argument("--bank", metavar="ID", help="only this bank")
    report.add_argument(
        "--by", choices=("question", "student"), default="question", help="which table"
    )
    report.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="also write the table as CSV, safe to open in a spreadsheet",
    )
    report.set_defaults(run=run_report)
    return parser


def run_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [settings.questions_dir()]
    banks, problems = load_banks(paths)
    for problem in problems:
        print(problem)
    questions = sum(len(b.bank.questions) for b in banks)
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s).", file=sys.stderr)
        return 1
    print(f"OK: {len(banks)} bank(s), {questions} question(s).", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    try:
        loaded = load_bank(args.bank)
    except BankError as error:
        print(error, file=sys.stderr)
        return 1
    content = EXPORTERS[args.format](loaded)
    if args.format == "gift":
        for warning in gift_warnings(loaded):
            print(f"{args.bank}: warning: {warning}", file=sys.stderr)
    if args.output is None and isinstance(content, bytes):
        print(f"error: --format {args.format} writes a binary file; give -o FILE", file=sys.stderr)
        return 1
    if args.output is None:
        assert isinstance(content, str)  # binary formats were refused above
        sys.stdout.write(content)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        args.output.write_bytes(content)
    else:
        args.output.write_text(content, encoding="utf-8")
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def run_generate(args: argparse.Namespace) -> int:
    """Draft a bank from ARTICLE; a problem is one line on stderr and exit 1."""
    if args.max < 1:
        print(f"error: --max {args.max}: give at least 1 question", file=sys.stderr)
        return 1
    if args.output is not None and args.output.exists() and not args.force:
        print(f"error: {args.output} exists; pass --force to replace it", file=sys.stderr)
        return 1
    try:
        article = read_article(args.article)
        source = source_path(args.article, args.output)
        bank = generate_bank(article, article_file=source, max_questions=args.max, seed=args.seed)
    except GenerateError as error:
        print(f"error: {args.article}: {error}", file=sys.stderr)
        return 1
    hidden = any(
        shows_hidden(q.get("prompt", ""), q.get("text", ""), q.get("source_quote"))
        for q in bank["questions"]
    )
    text = bank_to_yaml(bank, header=draft_header(args.article, args.output, args.seed, hidden))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_file(args.output, text)
    count = len(bank["questions"])
    print(f"Wrote {args.output}: {count} draft question(s) to review.", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import FILE as a bank; print a located notice for everything left out or changed."""
    bank_id = args.id or slugify(args.output.stem) or "imported"
    if slugify(bank_id) != bank_id:
        print(f"error: --id {bank_id!r}: use lowercase letters, digits, - and _", file=sys.stderr)
        return 1
    if args.output.exists() and not args.force:
        print(f"error: {args.output} exists; pass --force to replace it", file=sys.stderr)
        return 1
    text, result = import_to_yaml(
        args.file.read_bytes(), str(args.file), args.format, bank_id, args.title
    )
    for notice in result.notices:
        print(notice)
    if text is None:
        print(f"Nothing imported from {args.file}; no bank written.", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_file(args.output, text)
    left_out = sum(n.severity is not Severity.WARNING for n in result.notices)
    print(
        f"Wrote {args.output}: {len(result.questions)} question(s) imported, {left_out} left out.",
        file=sys.stderr,
    )
    return 1 if result.has_errors else 0


def run_scores_copy(args: argparse.Namespace) -> int:
    """Copy FROM into TO; say how many answers were copied, already there, or damaged."""
    if args.source == args.target:
        print("error: FROM and TO are the same log", file=sys.stderr)
        return 1
    if not is_database_url(args.source) and not Path(args.source).is_file():
        print(f"error: {args.source}: no such score file", file=sys.stderr)
        return 1
    source, target = open_store(args.source), open_store(args.target)
    try:
        result = copy_scores(source, target)
    except StoreError as error:
        print(f"error: {error.detailed()}", file=sys.stderr)
        return 1
    finally:
        source.close()
        target.close()
    print(
        f"Copied {result.copied} answer(s) from {shown(args.source)} to {shown(args.target)}; "
        f"{result.already_there} were already there.",
        file=sys.stderr,
    )
    if result.skipped:
        print(
            f"{result.skipped} damaged line(s) of {shown(args.source)} were skipped.",
            file=sys.stderr,
        )
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Print the class results table; write it as spreadsheet-safe CSV with --csv."""
    import pandas as pd

    from app import report

    target = args.scores or settings.scores_target()
    if not is_database_url(target) and not Path(target).is_file():
        print(f"error: {target}: no such score file", file=sys.stderr)
        return 1
    from app.bank_list import list_bank_files

    listed, _ = list_bank_files(settings.questions_dir())
    broken = sum(1 for f in listed if f.bank is None)
    if broken:
        print(
            f"warning: {broken} bank file(s) have problems (python -m app validate); their "
            "questions are shown by id only.",
            file=sys.stderr,
        )
    banks = {f.bank.id: f.bank for f in reversed(listed) if f.bank is not None}
    store = open_store(target)
    try:
        frame = store.frame(bank_id=args.bank)
        skipped = store.skipped
    except StoreError as error:
        print(f"error: {error.detailed()}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.bank is not None and args.bank not in banks and frame.empty:
        known = ", ".join(sorted(banks)) or "none"
        print(f"error: --bank {args.bank}: no such bank and no answers (banks: {known})",
              file=sys.stderr)  # fmt: skip
        return 1
    built = report.build_report(frame, banks, now=datetime.now(UTC))
    table = built.students if args.by == "student" else built.questions
    with pd.option_context("display.max_rows", None, "display.width", 200,
                           "display.max_colwidth", 50):  # fmt: skip
        if table.empty:
            print("No quiz answers yet.")
        else:
            print(report.readable(table).to_string(index=False))
        if args.by == "question" and not built.options.empty:
            print("\nOptions chosen (choice questions):")
            print(report.readable(built.options.drop(columns=["question_hash"])).to_string(
                index=False))  # fmt: skip
    if skipped:
        print(f"{skipped} damaged line(s) of the score log were skipped.", file=sys.stderr)
    if args.csv is not None:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        args.csv.write_bytes(report.spreadsheet_csv(table))
        print(f"Wrote {args.csv}", file=sys.stderr)
    return 0
