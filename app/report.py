"""Class results: who did what, and how each question works. Pure: frames and banks in, frames out.

Used by the class results page and `python -m app report`. Only first quiz attempts count (the
first quiz sitting of each student on each bank), as Moodle's quiz statistics do by default:
later sittings build on the first and would make questions look easier than they are.

Per question, as Moodle computes them ("Quiz statistics calculations", MoodleDocs), with each
question worth 1 point:
- facility index F = 100 * mean score (0 = nobody right, 100 = everybody right);
- discrimination index D = 100 * r(x, X), the Pearson correlation, over the sittings that asked
  the question, of its score x with the rest of the test X (the sitting's total minus x).
Answers given to an older version of a question (another content hash) are counted apart.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import assert_never

import numpy as np
import pandas as pd

from app.log import Mode
from app.models import (
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)
from app.spreadsheet import to_cell

TOO_EASY = 90.0  # facility over this: "too easy"
TOO_HARD = 20.0  # facility under this: "too hard"
CURRENT, OLDER, REMOVED = "current", "older version", "no longer in the bank"

STUDENT_COLUMNS = [
    "student",
    "bank_id",
    "sittings",
    "first_score_pct",
    "best_score_pct",
    "first_ended_by_time",
    "last_activity",
]
QUESTION_COLUMNS = [
    "bank_id",
    "question_id",
    "version",
    "question_hash",
    "type",
    "prompt",
    "answers",
    "facility_pct",
    "discrimination",
    "flags",
]
OPTION_COLUMNS = ["bank_id", "question_id", "question_hash", "option", "right", "chosen"]


@dataclass(frozen=True)
class ClassReport:
    students: pd.DataFrame  # STUDENT_COLUMNS, one row per student and bank
    questions: pd.DataFrame  # QUESTION_COLUMNS, one row per question version
    options: pd.DataFrame  # OPTION_COLUMNS, how often each option was chosen
    # first sittings: student, bank_id, attempt_id, started, score_pct, ended_by_time
    sittings: pd.DataFrame


def build_report(frame: pd.DataFrame, banks: Mapping[str, Bank], *, now: datetime) -> ClassReport:
    """Every table of the class report from the score store's frame (any modes; only quiz
    sittings are used) and the banks as they are now; `now` tells which timed sittings ended
    by time."""
    # Only the columns the tables need, and the responses apart (few tables read them): every
    # copy below then moves far fewer bytes.
    responses = frame["response"]
    frame = frame.drop(columns=["answer_id", "rating", "correct", "response"], errors="ignore")
    quiz = frame[_first_quiz_answers(frame)]
    per_sitting = _sittings(quiz)
    per_sitting["ended_by_time"] = _ended_by_time(frame, responses, per_sitting, now)
    first_ids = _first_attempt_ids(per_sitting)
    first = quiz[quiz["attempt_id"].isin(first_ids)]
    questions, options = _questions(first, responses, banks)
    first_sittings = per_sitting[per_sitting["attempt_id"].isin(first_ids)].reset_index(drop=True)
    return ClassReport(
        students=_students(frame, per_sitting, first_ids),
        questions=questions,
        options=options,
        sittings=first_sittings[
            ["student", "bank_id", "attempt_id", "started", "score_pct", "ended_by_time"]
        ],
    )


def _first_quiz_answers(frame: pd.DataFrame) -> np.ndarray:
    """Which rows are quiz answers, the first of each sitting's answers to each question (a
    second tab's answer to the same question does not count)."""
    is_quiz = (frame["mode"] == Mode.QUIZ.value).to_numpy(dtype=bool)
    attempt, question = _codes(frame["attempt_id"]), _codes(frame["question_id"])
    key = pd.Series((attempt * (int(question.max(initial=0)) + 2) + question)[is_quiz])
    keep = is_quiz.copy()
    keep[is_quiz] = ~key.duplicated().to_numpy()
    return keep


def _codes(column: pd.Series) -> np.ndarray:
    """A number per distinct value (the categories' codes when the column has them)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64)
    return pd.factorize(column)[0].astype(np.int64)


def _ended_by_time(
    frame: pd.DataFrame, responses: pd.Series, sittings: pd.DataFrame, now: datetime
) -> pd.Series:
    """Per sitting: timed (a start row, see app.timing), its deadline passed at `now`, and
    some of its questions never answered."""
    if frame.empty or sittings.empty:
        return pd.Series(False, index=sittings.index, dtype=bool)
    starts = frame[(frame["mode"] == Mode.START.value) & (frame["elapsed_ms"] > 0)]
    starts = starts.assign(response=responses.loc[starts.index])
    starts = starts.drop_duplicates("attempt_id", keep="first").set_index("attempt_id")
    deadline = starts["timestamp"] + pd.to_timedelta(starts["elapsed_ms"], unit="ms")
    asked = pd.Series(
        [len(str(ids).split()) for ids in starts["response"]], index=starts.index, dtype="int64"
    )
    ids = sittings["attempt_id"]
    over = deadline.reindex(ids).le(pd.Timestamp(now)).to_numpy()
    unanswered = asked.reindex(ids, fill_value=0).to_numpy() > sittings["answered"].to_numpy()
    return pd.Series(over & unanswered, index=sittings.index, dtype=bool)


def _sittings(quiz: pd.DataFrame) -> pd.DataFrame:
    grouped = quiz.groupby("attempt_id", sort=False).agg(
        student=("student", "first"),
        bank_id=("bank_id", "first"),
        started=("timestamp", "min"),
        answered=("score", "size"),
        points=("score", "sum"),
    )
    grouped["score_pct"] = 100 * grouped["points"] / grouped["answered"]
    return grouped.reset_index()


def _first_attempt_ids(sittings: pd.DataFrame) -> pd.Series:
    ordered = sittings.sort_values(["started", "attempt_id"], kind="stable")
    return ordered.drop_duplicates(["student", "bank_id"], keep="first")["attempt_id"]


def _students(frame: pd.DataFrame, sittings: pd.DataFrame, first_ids: pd.Series) -> pd.DataFrame:
    if sittings.empty:
        return pd.DataFrame(columns=STUDENT_COLUMNS)
    first = sittings[sittings["attempt_id"].isin(first_ids)].set_index(["student", "bank_id"])
    table = sittings.groupby(["student", "bank_id"]).agg(
        sittings=("attempt_id", "size"), best_score_pct=("score_pct", "max")
    )
    table["first_score_pct"] = first["score_pct"]
    table["first_ended_by_time"] = first["ended_by_time"]
    last = frame.groupby(["student", "bank_id"])["timestamp"].max()
    table["last_activity"] = last.reindex(table.index)
    table = table.reset_index()[STUDENT_COLUMNS]
    return table.sort_values(["bank_id", "student"], key=_casefolded).reset_index(drop=True)


def _casefolded(column: pd.Series) -> pd.Series:
    return column.str.casefold() if column.dtype == object or column.dtype == "string" else column


def _questions(
    first: pd.DataFrame, responses: pd.Series, banks: Mapping[str, Bank]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    stats = item_statistics(first)
    options = option_counts(first.assign(response=responses.loc[first.index]), banks)
    zero = options[options["chosen"] == 0]
    never_chosen = set(
        zip(zero["bank_id"], zero["question_id"], zero["question_hash"], strict=True)
    )
    rows = []
    for index, item in stats.iterrows():
        bank_id, question_id, question_hash = (str(k) for k in index)  # type: ignore[attr-defined]
        question = _question(banks, bank_id, question_id)
        version = (
            REMOVED
            if question is None
            else CURRENT
            if question.content_hash == question_hash
            else OLDER
        )
        unused = version == CURRENT and (bank_id, question_id, question_hash) in never_chosen
        rows.append(
            {
                "bank_id": bank_id,
                "question_id": question_id,
                "version": version,
                "question_hash": question_hash,
                "type": question.type if question is not None and version == CURRENT else "",
                "prompt": question.prompt if question is not None else "",
                "answers": int(item["answers"]),
                "facility_pct": float(item["facility_pct"]),
                "discrimination": float(item["discrimination"]),
                "flags": ", ".join(
                    flags(float(item["facility_pct"]), float(item["discrimination"]), unused)
                ),
            }
        )
    # Questions of the current banks nobody has answered yet are listed too (0 answers).
    seen = {(r["bank_id"], r["question_id"], r["question_hash"]) for r in rows}
    answered_banks = set(first["bank_id"].unique())
    for bank_id in sorted(answered_banks & set(banks)):
        for question in banks[bank_id].questions:
            if (bank_id, question.id, question.content_hash) not in seen:
                rows.append(
                    {
                        "bank_id": bank_id,
                        "question_id": question.id,
                        "version": CURRENT,
                        "question_hash": question.content_hash,
                        "type": question.type,
                        "prompt": question.prompt,
                        "answers": 0,
                        "facility_pct": math.nan,
                        "discrimination": math.nan,
                        "flags": "",
                    }
                )
    table = pd.DataFrame(rows, columns=QUESTION_COLUMNS)
    if not table.empty:
        order = {(b, q.id): i for b in banks for i, q in enumerate(banks[b].questions)}
        pairs = zip(table["bank_id"], table["question_id"], strict=True)
        table["_order"] = [order.get(pair, len(order)) for pair in pairs]
        table["_older"] = table["version"] != CURRENT
        table = table.sort_values(["bank_id", "_order", "question_id", "_older"], kind="stable")
        table = table.drop(columns=["_order", "_older"]).reset_index(drop=True)
    return table, options


def _question(banks: Mapping[str, Bank], bank_id: str, question_id: str) -> Question | None:
    bank = banks.get(bank_id)
    if bank is None:
        return None
    return next((q for q in bank.questions if q.id == question_id), None)


def item_statistics(first: pd.DataFrame) -> pd.DataFrame:
    """Per (bank_id, question_id, question_hash): answers, facility_pct, discrimination.

    `first` holds one row per question per sitting. The discrimination is NaN when it cannot
    be computed (fewer than two sittings, or no spread in the question's or the rest's scores).
    """
    keys = ["bank_id", "question_id", "question_hash"]
    if first.empty:
        empty = pd.DataFrame(columns=["answers", "facility_pct", "discrimination"])
        empty.index = pd.MultiIndex.from_arrays([[], [], []], names=keys)
        return empty
    x = first["score"].astype("float64")
    total = x.groupby(first["attempt_id"]).transform("sum")
    work = first[keys].assign(x=x, y=total - x)
    work = work.assign(xx=work["x"] ** 2, yy=work["y"] ** 2, xy=work["x"] * work["y"])
    sums = work.groupby(keys, sort=False).agg(
        n=("x", "size"), sx=("x", "sum"), sy=("y", "sum"), sxx=("xx", "sum"),
        syy=("yy", "sum"), sxy=("xy", "sum"),
    )  # fmt: skip
    n = sums["n"].astype("float64")
    spread_x = n * sums["sxx"] - sums["sx"] ** 2
    spread_y = n * sums["syy"] - sums["sy"] ** 2
    covariance = n * sums["sxy"] - sums["sx"] * sums["sy"]
    tiny = 1e-12 * np.maximum(n * n, 1.0)
    defined = (n >= 2) & (spread_x > tiny) & (spread_y > tiny)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = covariance / np.sqrt(spread_x * spread_y)
    return pd.DataFrame(
        {
            "answers": sums["n"],
            "facility_pct": 100 * sums["sx"] / n,
            "discrimination": (100 * r).where(defined, np.nan).clip(-100, 100),
        }
    )


def flags(facility_pct: float, discrimination: float, unused_option: bool) -> list[str]:
    """What an instructor should look at, in words."""
    found = []
    if facility_pct > TOO_EASY:
        found.append("too easy")
    if facility_pct < TOO_HARD:
        found.append("too hard")
    if discrimination < 0:
        found.append("negative discrimination")
    if unused_option:
        found.append("unused option")
    return found


def option_counts(first: pd.DataFrame, banks: Mapping[str, Bank]) -> pd.DataFrame:
    """How often each option of each choice question (multiple choice, multiple select,
    true/false) was chosen, per question version; options of the current version nobody
    chose are listed with 0."""
    counts: dict[tuple[str, str, str, str], int] = {}
    rights: dict[tuple[str, str, str, str], bool] = {}
    grouped = first.groupby(["bank_id", "question_id", "question_hash", "response"], sort=False)
    for index, size in grouped.size().items():
        bank_id, question_id, question_hash, response = (str(k) for k in index)  # type: ignore[attr-defined]
        question = _question(banks, bank_id, question_id)
        if question is None or not _is_choice(question):
            continue
        for option in _chosen(question, response):
            key = (bank_id, question_id, question_hash, option)
            counts[key] = counts.get(key, 0) + int(size)
    answered = {(b, q, h) for b, q, h, _ in counts} | {
        (str(b), str(q), str(h))
        for b, q, h in first[["bank_id", "question_id", "question_hash"]]
        .drop_duplicates()
        .itertuples(index=False)
    }
    for bank_id, question_id, question_hash in answered:
        question = _question(banks, bank_id, question_id)
        if question is None or question.content_hash != question_hash:
            continue
        for option, right in _options(question):
            key = (bank_id, question_id, question_hash, option)
            counts.setdefault(key, 0)
            rights[key] = right
    rows = [(*key, rights.get(key, False), chosen) for key, chosen in sorted(counts.items())]
    table = pd.DataFrame(rows, columns=OPTION_COLUMNS)
    table["chosen"] = table["chosen"].astype("int64")
    table["right"] = table["right"].astype(bool)
    return table


def _is_choice(question: Question) -> bool:
    return isinstance(question, MultipleChoice | MultipleSelect | TrueFalse)


def _options(question: Question) -> list[tuple[str, bool]]:
    """The options of a choice question, each with whether it is right (none for others)."""
    match question:
        case MultipleChoice():
            return [(o, o == question.answer) for o in question.options]
        case MultipleSelect():
            return [(o, o in question.answers) for o in question.options]
        case TrueFalse():
            return [("True", question.answer), ("False", not question.answer)]
        case ShortAnswer() | Numeric() | Matching() | Cloze():
            return []
        case _:
            assert_never(question)


def _chosen(question: Question, response: str) -> list[str]:
    """The options a logged response chose."""
    if not response:
        return []
    match question:
        case MultipleChoice():
            return [response]
        case TrueFalse():
            return ["True"] if response == "true" else ["False"] if response == "false" else []
        case MultipleSelect():
            try:
                chosen = json.loads(response)
            except ValueError:
                return []
            return [str(c) for c in chosen] if isinstance(chosen, list) else []
        case ShortAnswer() | Numeric() | Matching() | Cloze():
            return []
        case _:
            assert_never(question)


def neutralised(cell: object) -> object:
    """`cell` made safe for a spreadsheet (see app.spreadsheet); numbers and non-text as they
    are."""
    return to_cell(cell) if isinstance(cell, str) else cell


def spreadsheet_csv(table: pd.DataFrame) -> bytes:
    """`table` as UTF-8 CSV (with a byte order mark, for Excel), every formula neutralised."""
    safe = table.rename(columns=lambda c: neutralised(str(c))).map(neutralised)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n", float_format="%.4g")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A report table rounded and labelled for people (the page and the terminal)."""
    shown = table.copy()
    for column in ("first_score_pct", "best_score_pct", "facility_pct", "discrimination"):
        if column in shown:
            shown[column] = shown[column].map(_number)
    if "first_ended_by_time" in shown:
        shown["first_ended_by_time"] = shown["first_ended_by_time"].map({True: "yes", False: ""})
    if "last_activity" in shown:
        shown["last_activity"] = shown["last_activity"].dt.strftime("%Y-%m-%d %H:%M UTC")
    only_current = "version" not in shown or bool((shown["version"] == CURRENT).all())
    if "question_hash" in shown and only_current:
        shown = shown.drop(columns=["question_hash"])  # only needed to tell versions apart
    return shown.rename(columns=LABELS)


def _number(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.0f}"


LABELS = {
    "student": "Student",
    "bank_id": "Bank",
    "sittings": "Sittings",
    "first_score_pct": "First score %",
    "best_score_pct": "Best score %",
    "first_ended_by_time": "Time ran out (first)",
    "last_activity": "Last activity",
    "question_id": "Question",
    "version": "Version",
    "question_hash": "Hash",
    "type": "Type",
    "prompt": "Prompt",
    "answers": "Answers",
    "facility_pct": "Facility %",
    "discrimination": "Discrimination",
    "flags": "Flags",
    "option": "Option",
    "right": "Right",
    "chosen": "Chosen",
}


def filter_banks(frame: pd.DataFrame, bank_ids: Iterable[str] | None) -> pd.DataFrame:
    if bank_ids is None:
        return frame
    return frame[frame["bank_id"].isin(list(bank_ids))]
