"""The real quiz pages under AppTest: a whole quiz, double submits, retries and resuming."""

from __future__ import annotations

import ast
import html
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.bank import load_bank
from app.log import AnswerRow
from app.models import MultipleChoice
from app.stores import csv_file, csv_store
from app.text import points_text
from app.ui import pages, streamlit_app
from app.ui.markdown import escape_md
from app.ui.state import widget_key
from app.ui.widgets import HIDDEN_FOR_STUDENTS, hides_answers
from tests.conftest import BANK_FILE
from tests.csv_log import read_log
from tests.quiz_driver import button, feedback_text, fill, open_page

BANK = load_bank(BANK_FILE).bank
OUTCOMES = ("right", "wrong", "partial")


def quiz_params(attempt: str, **extra: str) -> dict[str, str]:
    return {"attempt": attempt, "student": "Ana", "bank": BANK.id, "shuffle": "0", **extra}


def current_question(at):
    question = BANK.question(at.session_state["sitting"].current_id)
    assert at.subheader[0].value == escape_md(question.prompt)
    return question


def answer_current(at, attempt: str, outcome: str) -> float:
    question = current_question(at)
    if outcome == "partial" and question.type not in ("multiple_select", "matching", "cloze"):
        outcome = "wrong"
    if outcome == "partial" and question.type == "cloze" and len(question.blanks) < 2:
        outcome = "right"
    if outcome == "partial" and question.type == "matching" and len(question.pairs) < 3:
        outcome = "wrong"
    expected = fill(at, question, widget_key(attempt, question.id), outcome)
    button(at, "Submit answer").click().run()
    assert not at.exception
    return expected


def test_whole_quiz_scores_equal_rows_written(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("whole"))
    expected_total = 0.0
    seen_types: dict[str, set[str]] = {}
    for number in range(1, len(BANK.questions) + 1):
        assert f"Question {number} of {len(BANK.questions)}" in at.caption[0].value
        question = current_question(at)
        outcome = OUTCOMES[number % 3]
        expected_total += answer_current(at, "whole", outcome)
        seen_types.setdefault(question.type, set()).add(outcome)
        # feedback, the right answer, the explanation and the highlighted quote are shown
        explained = html.unescape(" ".join(h.value for h in at.html))
        assert "Right answer:" in feedback_text(at) and question.explanation in explained
        last = number == len(BANK.questions)
        button(at, "See my results" if last else "Next question").click().run()
    assert len(seen_types) == 7
    assert all(len(outcomes) >= 2 for outcomes in seen_types.values())

    log = read_log(scores_path)
    assert len(log.rows) == len(BANK.questions)
    assert {r.mode for r in log.rows} == {"quiz"}
    assert sum(r.score for r in log.rows) == pytest.approx(expected_total, abs=1e-3)
    metrics = {m.label: m.value for m in at.metric}
    assert (
        metrics["Score"] == f"{points_text(sum(r.score for r in log.rows))} / {len(BANK.questions)}"
    )
    assert at.table  # the review of every question


def test_second_submit_does_not_count_twice(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("twice"))
    answer_current(at, "twice", "right")
    # the form is gone once answered; a replayed click of the stale form changes nothing
    assert not [b for b in at.button if b.label == "Submit answer"]
    at.run()
    assert len(read_log(scores_path).rows) == 1
    assert "Score so far: 1 of 1 answered" in feedback_text(at)


def test_empty_answer_is_refused_and_skip_records_wrong(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("empty"))
    button(at, "Submit answer").click().run()
    assert "Please answer before submitting" in at.warning[0].value
    assert read_log(scores_path).rows == ()
    button(at, "Skip").click().run()
    rows = read_log(scores_path).rows
    assert [(r.correct, r.score, r.response) for r in rows] == [(False, 0.0, "")]
    assert "Skipped" in at.error[0].value


def test_answer_and_explanation_hidden_before_submitting() -> None:
    at = open_page("quiz.py", quiz_params("hidden"))
    question = current_question(at)
    page = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.caption)
    assert question.explanation not in page
    assert "Right answer" not in page


def test_retry_missed_is_practice_and_keeps_quiz_score(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("retry", n="3"))
    for outcome in ("wrong", "right", "wrong"):
        answer_current(at, "retry", outcome)
        button(at, at.button[-1].label).click().run()
    quiz_rows = read_log(scores_path).rows
    button(at, "Retry the ones I missed (2)").click().run()
    assert at.query_params["mode"] == "practice"
    practice_attempt = at.query_params["attempt"]
    for _ in range(2):
        answer_current(at, practice_attempt, "right")
        button(at, at.button[-1].label).click().run()
    rows = read_log(scores_path).rows
    practice = rows[len(quiz_rows) :]
    assert [r.mode for r in practice] == ["practice", "practice"]
    assert {r.question_id for r in practice} == {r.question_id for r in quiz_rows if not r.correct}
    assert rows[: len(quiz_rows)] == quiz_rows
    assert "Practice does not change your quiz score." in [i.value for i in at.info]


def test_new_session_with_same_url_resumes(scores_path: Path) -> None:
    params = quiz_params("resume", n="5")
    first = open_page("quiz.py", params)
    answered = []
    for _ in range(2):
        answered.append(current_question(first).id)
        answer_current(first, "resume", "right")
        button(first, "Next question").click().run()
    waiting = current_question(first).id

    again = open_page("quiz.py", params)  # a reload: a new session, the same URL
    assert current_question(again).id == waiting
    assert "Question 3 of 5" in again.caption[0].value
    assert len(read_log(scores_path).rows) == 2
    answer_current(again, "resume", "right")
    assert "Score so far: 3 of 3 answered" in feedback_text(again)


def test_unwritable_score_file_keeps_answers_on_the_server_across_a_reload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    target = blocker / "scores.csv"
    monkeypatch.setenv("QUIZ_SCORES_PATH", str(target))
    params = quiz_params("unwritable")
    at = open_page("quiz.py", params)
    first = current_question(at).id
    answer_current(at, "unwritable", "right")
    warning = " ".join(w.value for w in at.warning)
    assert "Your answers are not saved yet:" in warning
    assert "1 answer is waiting on the server" in warning
    assert str(tmp_path) not in warning  # no server path for a student
    assert "Score so far: 1 of 1 answered" in feedback_text(at)

    again = open_page("quiz.py", params)  # a reload: a new session, the same URL
    assert current_question(again).id != first  # the waiting answer still counts
    assert "Question 2 of" in again.caption[0].value
    assert "1 answer is waiting on the server" in " ".join(w.value for w in again.warning)
    assert not target.exists()

    blocker.unlink()  # the problem is fixed: the next try writes what was kept
    button(again, "Try saving again").click().run()
    assert [(r.attempt_id, r.question_id) for r in read_log(target).rows] == [("unwritable", first)]
    assert not [w for w in again.warning if "not saved" in w.value]
    open_page("quiz.py", params)  # another reload writes nothing twice
    assert len(read_log(target).rows) == 1


def test_two_tabs_on_one_sitting_keep_the_first_answer(scores_path: Path) -> None:
    params = quiz_params("two-tabs")
    first_tab, second_tab = open_page("quiz.py", params), open_page("quiz.py", params)
    question = current_question(first_tab)
    assert current_question(second_tab).id == question.id
    answer_current(first_tab, "two-tabs", "right")
    answer_current(second_tab, "two-tabs", "wrong")  # its form was still on screen

    rows = read_log(scores_path).rows
    assert [(r.question_id, r.correct) for r in rows] == [(question.id, True)]
    assert "already answered in another tab" in second_tab.warning[0].value
    assert "Correct" in second_tab.success[0].value  # it shows the answer that counts
    for tab in (first_tab, second_tab):
        tab.run()
        assert "Score so far: 1 of 1 answered" in feedback_text(tab)


def test_an_answer_another_server_stores_while_submitting_counts_instead(
    scores_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = next(q for q in BANK.questions if isinstance(q, MultipleChoice))
    at = open_page("quiz.py", quiz_params("race", only=question.id))
    append = csv_store.CsvStore.append

    def another_server_first(store: csv_store.CsvStore, rows: list[AnswerRow]) -> None:
        (ours,) = rows  # the other server's right answer lands just before ours
        theirs = replace(ours, response=question.answer, correct=True, score=1.0, answer_id="b")
        csv_file.append_rows(store.path, [theirs])
        append(store, rows)

    monkeypatch.setattr(csv_store.CsvStore, "append", another_server_first)
    answer_current(at, "race", "wrong")

    rows = read_log(scores_path).rows
    assert [(r.question_id, r.correct) for r in rows] == [(question.id, True), (question.id, False)]
    assert "already answered in another tab" in at.warning[0].value
    assert "Correct" in at.success[0].value  # the answer that counts, not the one just given
    assert "Score so far: 1 of 1 answered" in feedback_text(at)


def test_home_starts_a_quiz_with_the_name_in_the_url() -> None:
    at = open_page("home.py")
    assert "Russia's paratrooper drill near North Korea (31 questions)" in at.radio[0].options
    button(at, "Start quiz").click().run()
    assert "Please enter your name" in at.error[0].value
    at.text_input[0].input("Ana")
    at.selectbox[0].select(5)
    button(at, "Start quiz").click().run()
    assert at.query_params["student"] == "Ana"
    assert at.query_params["n"] == "5"
    assert "Question 1 of 5" in at.caption[0].value


def test_quiz_page_without_a_quiz_points_home() -> None:
    at = open_page("quiz.py", {"attempt": "x", "student": "Ana", "bank": "no-such-bank"})
    assert "No quiz is running here" in at.info[0].value


def test_progress_page_shows_sittings_and_misses(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("p1", n="2"))
    for outcome in ("wrong", "right"):
        answer_current(at, "p1", outcome)
        button(at, at.button[-1].label).click().run()
    progress = open_page("progress.py", {"student": "Ana"})
    assert not progress.exception
    tables = [t.value for t in progress.table]
    assert tables[0]["Points"].tolist() == ["1"]
    assert tables[0]["Percent"].tolist() == ["50%"]
    assert tables[1]["Times wrong"].tolist() == [1]


def test_damaged_lines_are_skipped_and_shown_as_a_warning(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("damaged", n="1"))
    answer_current(at, "damaged", "right")
    with open(scores_path, "ab") as file:
        file.write(b"not,a,row\n2026-11-25T10:00:00+00:00,Ana,cut sh")
    progress = open_page("progress.py", {"student": "Ana"})
    assert "2 damaged line(s) in the score file were skipped" in progress.warning[0].value
    assert progress.table[0].value["Answered"].tolist() == [1]


def test_unreadable_number_is_refused_not_graded(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("number", only="drill-year"))
    at.text_input(key=widget_key("number", "drill-year")).input("soon")
    button(at, "Submit answer").click().run()
    assert "'soon' is not a number" in at.warning[0].value
    assert read_log(scores_path).rows == ()
    at.text_input(key=widget_key("number", "drill-year")).input("2017.")
    button(at, "Submit answer").click().run()
    assert [r.correct for r in read_log(scores_path).rows] == [True]


def test_bank_edited_during_a_sitting_shows_the_new_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scores_path: Path
) -> None:
    questions = tmp_path / "questions"
    shutil.copytree(BANK_FILE.parent, questions)
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(questions))
    at = open_page("quiz.py", quiz_params("edited", only="drops-region,vdv-abbreviation"))
    answer_current(at, "edited", "right")
    button(at, "Next question").click().run()
    assert current_question(at).id == "vdv-abbreviation"

    bank_file = questions / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(
        text.replace(
            "What abbreviation does the article give", "Which abbreviation does the article use"
        ),
        encoding="utf-8",
    )
    os.utime(bank_file, ns=(time.time_ns(), time.time_ns() + 10**9))
    at.run()
    assert at.subheader[0].value.startswith("Which abbreviation does the article use")
    assert "Question 2 of 2" in at.caption[0].value


def test_question_removed_while_its_answer_is_sent_moves_on_without_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scores_path: Path
) -> None:
    """An instructor renames (or deletes) the question on a student's screen before Submit:
    the answer is graded against the question as shown, and the page carries on with the bank
    as it is now."""
    questions = tmp_path / "questions"
    shutil.copytree(BANK_FILE.parent, questions)
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(questions))
    at = open_page("quiz.py", quiz_params("removed", only="drops-region,vdv-abbreviation"))
    question = current_question(at)
    assert question.id == "drops-region"
    fill(at, question, widget_key("removed", question.id), "right")

    bank_file = questions / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(text.replace("id: drops-region\n", "id: drops-region-2\n"), "utf-8")
    os.utime(bank_file, ns=(time.time_ns(), time.time_ns() + 10**9))
    button(at, "Submit answer").click().run()

    assert not at.exception
    assert at.subheader[0].value == escape_md(BANK.question("vdv-abbreviation").prompt)
    assert "Question 1 of 1" in at.caption[0].value
    assert [r.question_id for r in read_log(scores_path).rows] == ["drops-region"]


def _read_back_then_reloaded(bank_file: str) -> None:
    """A run in which Submit's callback read the sitting back with the bank as shown, and the
    page then finds the bank reloaded (the question the student answered renamed)."""
    from pathlib import Path

    import streamlit as st

    from app import quiz
    from app.bank import load_bank
    from app.ui import actions, state

    shown = load_bank(Path(bank_file)).bank
    reloaded = shown.model_copy(
        update={
            "questions": tuple(
                q.model_copy(update={"id": f"{q.id}-2"}) if q.id == "drops-region" else q
                for q in shown.questions
            )
        }
    )
    plan = quiz.plan_from_params(
        {
            "attempt": "a",
            "student": "Ana",
            "bank": shown.id,
            "shuffle": "0",
            "only": "drops-region,vdv-abbreviation",
        }
    )
    assert plan is not None
    state.init()
    st.session_state[state.READ_BACK] = (shown, quiz.plan_questions(shown, plan))
    st.write(" ".join(actions.current_sitting(plan, reloaded).question_ids))


def test_a_sitting_read_back_before_the_bank_was_reloaded_is_not_used(scores_path: Path) -> None:
    # The fragment's own rerun (a real browser's Submit) takes this path: under AppTest every
    # run is whole, and the page's call, before the fragment's, would hide it.
    at = AppTest.from_function(_read_back_then_reloaded, args=(str(BANK_FILE),)).run()
    assert not at.exception
    assert at.markdown[0].value == "vdv-abbreviation"
    assert "read_back" not in at.session_state


def _everything_sent(at) -> str:
    """Every element the page sends to the browser, with its key and text, as one string."""
    return str(at._tree)


def test_no_question_id_answer_or_quote_reaches_the_page_before_submitting() -> None:
    for question in BANK.questions:
        at = open_page("quiz.py", quiz_params("secret", only=question.id))
        sent = _everything_sent(at)
        assert question.id not in sent, question.id
        assert question.explanation not in sent
        assert (question.source_quote or "-") not in sent
        keys = [w.key for w in at.main if getattr(w, "key", None)]
        assert all(question.id not in (key or "") for key in keys)


def test_partly_answered_cloze_is_graded_and_feedback_shows_both_answers(
    scores_path: Path,
) -> None:
    question = next(q for q in BANK.questions if q.type == "cloze" and len(q.blanks) >= 2)
    at = open_page("quiz.py", quiz_params("part", only=question.id))
    key = widget_key("part", question.id)
    at.text_input(key=f"{key}-0").input(question.blanks[0][0])
    button(at, "Submit answer").click().run()
    rows = read_log(scores_path).rows
    total = len(question.blanks)
    assert [round(r.score, 2) for r in rows] == [round(1 / total, 2)]
    assert at.warning[0].value.startswith(
        escape_md(f"Partly right ({1 / total:.0%}): 1 of {total} blanks are right.") + "\n\n"
    )
    shown = feedback_text(at)
    assert f"Your answer:**  \n{question.blanks[0][0]} / —" in shown
    assert "Right answer:" in shown


def test_results_put_retry_above_the_review_and_time_the_whole_sitting(
    scores_path: Path,
) -> None:
    at = open_page("quiz.py", quiz_params("timed", n="2"))
    for outcome in ("wrong", "right"):
        answer_current(at, "timed", outcome)
        button(at, at.button[-1].label).click().run()
    order = [type(e).__name__ for e in at.main]
    retry = next(i for i, e in enumerate(at.main) if getattr(e, "label", "").startswith("Retry"))
    review = next(i for i, e in enumerate(at.main) if getattr(e, "value", "") == "Review")
    assert retry < review, order
    # the log says the sitting took 58 s, of which 32 s were spent answering
    rows = read_log(scores_path).rows
    lines = scores_path.read_text().splitlines()
    stamps = ("2030-01-01T10:00:20.000Z", "2030-01-01T10:00:58.000Z")
    elapsed = ("20000", "12000")
    rewritten = [lines[0]] + [
        line.replace(r.timestamp, stamp).replace(f",{r.elapsed_ms},", f",{ms},")
        for line, r, stamp, ms in zip(lines[1:], rows, stamps, elapsed, strict=True)
    ]
    scores_path.write_text("\n".join(rewritten) + "\n")
    again = open_page("quiz.py", quiz_params("timed", n="2"))
    metrics = {m.label: m.value for m in again.metric}
    assert metrics["Time taken"] == "58 s"


def test_home_lists_unfinished_sittings_with_resume(scores_path: Path) -> None:
    home = open_page("home.py")
    home.text_input[0].input("Ana")
    home.selectbox[0].select(5)
    home.toggle[0].set_value(False)
    button(home, "Start quiz").click().run()
    params = {k: v[0] if isinstance(v, list) else v for k, v in home.query_params.items()}
    assert params["n"] == "5" and params["shuffle"] == "0"
    at = open_page("quiz.py", params)
    answer_current(at, params["attempt"], "right")  # then the student leaves by the sidebar

    for page in ("home.py", "quiz.py"):
        back = open_page(page, {"student": "Ana"})
        assert "Unfinished sittings" in [h.value for h in back.subheader]
        text = " ".join(m.value for m in back.markdown).replace("\\", "")
        assert "1 of 5 answered, 1 points" in text
        links = [e for e in back.main if type(e).__name__ == "PageLink"]
        assert any(link.proto.label == "Resume" for link in links), page

    resume = next(link for link in links if link.proto.label == "Resume")
    assert resume.proto.page == "quiz"
    assert f"attempt={params['attempt']}&" in resume.proto.query_string
    resumed = open_page("quiz.py", params)
    assert "Question 2 of 5" in resumed.caption[0].value


def test_finished_sittings_are_not_offered_for_resuming(scores_path: Path) -> None:
    at = open_page("quiz.py", quiz_params("done.qn1o", n="1"))
    answer_current(at, "done.qn1o", "right")
    back = open_page("home.py", {"student": "Ana"})
    assert "Unfinished sittings" not in [h.value for h in back.subheader]


def test_every_page_but_home_is_served_with_the_servers_address() -> None:
    every = pages.STUDENT + pages.INSTRUCTOR  # what router.py builds its navigation from
    assert [spec.url_path for spec in every].count("") == 1  # home, at the root
    assert set(pages.PATHS) == {spec.url_path for spec in every} - {""}
    screens = Path(streamlit_app.__file__).parent / "screens"
    assert all((screens / spec.script).is_file() for spec in every)
    assert streamlit_app.PAGE_HTML.count("BACKEND_BASE_URL") == 1
    assert streamlit_app.PAGE_HTML.index("BACKEND_BASE_URL") < streamlit_app.PAGE_HTML.index(
        '<script type="module"'
    )


def test_no_page_relies_on_magic() -> None:
    """.streamlit/config.toml turns Streamlit's magic off: no bare expression in a page script
    is meant to be shown (a docstring or a call is not shown either way)."""
    folder = Path(streamlit_app.__file__).parent
    shown = []
    for script in [folder / "router.py", *sorted((folder / "screens").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text())):
            body = getattr(node, "body", None)
            for i, statement in enumerate(body if isinstance(body, list) else []):
                if not isinstance(statement, ast.Expr) or isinstance(statement.value, ast.Call):
                    continue
                if i == 0 and isinstance(statement.value, ast.Constant):
                    continue  # a docstring
                shown.append(f"{script.name}:{statement.lineno}")
    assert shown == []


def test_a_prompt_hiding_another_answer_says_what_its_dots_stand_for(questions_copy: Path) -> None:
    bank_file = questions_copy / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    hidden = "What abbreviation does the article give for Russia's … troops?"
    bank_file.write_text(
        text.replace(
            "What abbreviation does the article give for Russia's airborne troops?", hidden
        ),
        encoding="utf-8",
    )
    at = open_page("quiz.py", quiz_params("dots", only="vdv-abbreviation,drops-region"))
    assert at.subheader[0].value == escape_md(hidden)
    assert HIDDEN_FOR_STUDENTS in [c.value for c in at.caption]
    button(at, "Skip").click().run()
    button(at, "Next question").click().run()
    assert not at.exception
    assert "…" not in at.subheader[0].value
    assert HIDDEN_FOR_STUDENTS not in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("prompt", "quote", "hides"),
    [
        ("Who led … in _____?", "Ann Roe led Acme in 2020.", True),
        ("Who led Acme in _____?", "Ann Roe led Acme in 2020.", False),
        ("Who said “we … won”?", "She said “we … won”.", False),  # the article's own dots
        ("Who led … in _____?", None, False),  # imported: no sentence to leave words out of
    ],
)
def test_hidden_words_are_told_from_the_articles_own_dots(
    prompt: str, quote: str | None, hides: bool
) -> None:
    question = BANK.questions[0].model_copy(update={"prompt": prompt, "source_quote": quote})
    assert hides_answers(question) is hides
