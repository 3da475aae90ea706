"""Streamlit pieces shared by the pages: an input for each question type, feedback, quotes."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, assert_never
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from app import timing
from app.article import paragraphs_with_quote
from app.bank import LoadedBank
from app.grading import SKIPPED, expected_answer, readable_response, verdict
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
from app.quiz import Answered
from app.stores import StoreError
from app.text import HIDDEN, shows_hidden
from app.ui import state
from app.ui.markdown import escape_md

TRUE_FALSE = ("True", "False")
# Under a prompt that leaves out words of its article sentence as "…" (a draft of `python -m app
# generate` hides other questions' answers so): without it a student reads "…" as the article's
# own. An instructor's prompt that trims a quotation leaves words out too, hence "such as".
HIDDEN_FOR_STUDENTS = (
    f"“{HIDDEN}” marks words of the article's sentence left out here, such as another "
    "question's answer."
)


def bank_caption(loaded: LoadedBank) -> str:
    """What the home page says under a bank's title: its headline, and its time limit."""
    article = f"Article: {loaded.headline}" if loaded.headline else ""
    limit = loaded.bank.time_limit_minutes
    timed = f"⏱️ Timed quiz: {timing.spoken(timedelta(minutes=limit))}" if limit else ""
    return " · ".join(part for part in (article, timed) if part)


def hides_answers(question: Question) -> bool:
    """Whether the question leaves out words of its article sentence as "…" (app.text)."""
    return shows_hidden(question.prompt, getattr(question, "text", ""), question.source_quote)


def hidden_note(question: Question) -> None:
    """Under the prompt: what its "…" stands for, when it hides another question's answer."""
    if hides_answers(question):
        st.caption(HIDDEN_FOR_STUDENTS)


def answer_input(question: Question, options: tuple[str, ...], key: str) -> None:
    """The labelled input for `question`; its value is read back with `read_answer`."""
    match question:
        case MultipleChoice():
            st.radio("Choose one answer", options, index=None, key=key, format_func=escape_md)
        case MultipleSelect():
            st.write("Choose every answer that applies:")
            for i, option in enumerate(options):
                st.checkbox(escape_md(option), key=f"{key}-{i}")
        case TrueFalse():
            st.radio("True or false?", TRUE_FALSE, index=None, key=key, horizontal=True)
        case ShortAnswer():
            st.text_input("Your answer", key=key, placeholder="Type your answer")
        case Numeric():
            unit = f" (in {question.unit})" if question.unit else ""
            st.text_input(f"Your answer, a number{unit}", key=key, placeholder="e.g. 42")
        case Matching():
            for i, pair in enumerate(question.pairs):
                st.selectbox(
                    f"{escape_md(pair.left)} matches…",
                    options,
                    index=None,
                    key=f"{key}-{i}",
                    placeholder="Choose a match",
                )
        case Cloze():
            st.markdown(_blanked(question))
            for i in range(len(question.blanks)):
                st.text_input(f"Blank {i + 1}", key=f"{key}-{i}")
        case _:
            assert_never(question)


def read_answer(question: Question, options: tuple[str, ...], key: str) -> Any:
    """The response the inputs of `answer_input` hold, in grading's shape."""
    value = st.session_state.get
    match question:
        case MultipleSelect():
            return [o for i, o in enumerate(options) if value(f"{key}-{i}")]
        case TrueFalse():
            choice = value(key)
            return None if choice is None else choice == "True"
        case Matching():
            return {p.left: value(f"{key}-{i}") for i, p in enumerate(question.pairs)}
        case Cloze():
            return [value(f"{key}-{i}") or "" for i in range(len(question.blanks))]
        case MultipleChoice() | ShortAnswer() | Numeric():
            return value(key)
        case _:
            assert_never(question)


def _blanked(question: Cloze) -> str:
    segments = question.segments
    parts = [escape_md(segments[0])]
    for i, segment in enumerate(segments[1:], start=1):
        parts.append(f"**\\_\\_\\_ ({i}) \\_\\_\\_**{escape_md(segment)}")
    return "".join(parts)


def feedback(answered: Answered, question: Question, score: str = "") -> None:
    """The verdict in one sentence, in words and icon (never colour alone), then the student's
    answer beside the right one (and `score`, the score so far), in one box: each element is a
    message to the browser and a node it renders, and the feedback comes sooner as one
    (bench/ui_bench.py)."""
    skipped = answered.response == ""
    sentence = SKIPPED if skipped else answered.feedback or verdict(answered.score)
    body = (
        f"{escape_md(sentence)}\n\n"
        f"**Your answer:**  \n{escape_md(readable_response(question, answered.response))}\n\n"
        f"**Right answer:**  \n{escape_md(expected_answer(question))}"
        + (f"\n\n{escape_md(score)}" if score else "")
    )
    if answered.correct:
        st.success(body, icon="✅")
    elif skipped:
        st.error(body, icon="⏭️")
    elif answered.score > 0:
        st.warning(body, icon="➗")
    else:
        st.error(body, icon="❌")


def browser_zone() -> ZoneInfo:
    """The time zone of the student's browser (UTC when the browser does not say)."""
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def explanation(article: str, question: Question, script: str = "") -> None:
    """Why the answer is right, and its quote inside its paragraph of the article, highlighted;
    with `script` (see `focus_script`) run in the same element.

    One element for all of it: every element is a message to the browser and a node it renders.
    """
    shown = _explanation_html(article, question)
    if shown or script:
        st.html(shown + script, unsafe_allow_javascript=bool(script))


def _explanation_html(article: str, question: Question) -> str:
    """What `explanation` shows, as HTML ("" when the question has no explanation or quote)."""
    parts = []
    if question.explanation:
        parts.append(f"<p><strong>Why:</strong> {html.escape(question.explanation)}</p>")
    quote = question.source_quote
    if quote:
        parts.append("<p><strong>From the article:</strong></p>")
        found = paragraphs_with_quote(article, quote)
        parts += [
            f"<blockquote {_QUOTE_STYLE}>{html.escape(p.before)}"
            f"<mark><strong>{html.escape(p.quote)}</strong></mark>{html.escape(p.after)}</blockquote>"
            for p in found
        ] or [f"<blockquote {_QUOTE_STYLE}>{html.escape(quote)}</blockquote>"]
    return "".join(parts)


_QUOTE_STYLE = 'style="border-left: 4px solid #8a8a8a; margin: 0 0 1em; padding: 0 1em"'


@contextmanager
def stop_on_store_error() -> Iterator[None]:
    """Show why the scores cannot be read (the store's message, no path) and end the page."""
    try:
        yield
    except StoreError as error:
        st.error(f"**Your scores cannot be read right now:** {escape_md(str(error))}.", icon="🛑")
        st.button("Try again")
        st.stop()


def save_status(student: str) -> None:
    """Tell the student when answers wait to be written (retrying them first)."""
    problem, waiting = state.save_problem(student)
    if not problem:
        return
    answers = f"{waiting} answer{'s are' if waiting != 1 else ' is'}"
    st.warning(
        f"**Your answers are not saved yet:** {escape_md(problem)}. {answers} waiting on the "
        "server and will be saved as soon as possible, even if you reload this page. Please tell "
        "your instructor if this message stays.",
        icon="⚠️",
    )
    st.button("Try saving again")


# Runs in the page (st.html with JavaScript, not in an iframe). The live region is created once,
# empty, inside the main landmark, so it exists before its text changes and screen readers
# announce each change. Focus moves once per `token`: a rerun that does not change what is on
# screen (a retry button, a refused answer) leaves the student's focus where it is. It moves to
# the last element `target` matches (the feedback box comes after any warning).
_FOCUS_SCRIPT = """<script>(() => {
  const token = %(token)s, target = %(target)s, message = %(message)s;
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  let live = document.getElementById("quiz-live");
  if (!live) {
    live = document.createElement("div");
    live.id = "quiz-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("aria-atomic", "true");
    live.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;" +
      "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0";
    main.appendChild(live);
  }
  if (window.quizFocusToken === token) return;
  window.quizFocusToken = token;
  live.textContent = "";
  if (message) setTimeout(() => { live.textContent = message; }, 50);
  let tries = 0;
  const move = () => {
    const found = document.querySelectorAll(target);
    const element = found[found.length - 1];
    if (!element) { if (tries++ < 150) setTimeout(move, 20); return; }
    if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    element.focus();
  };
  move();
})();</script>"""


def focus_and_announce(token: str, target: str, message: str = "") -> None:
    """Move keyboard focus to the element `target` (a CSS selector) and say `message` in the
    page's live region, once per `token`."""
    st.html(focus_script(token, target, message), unsafe_allow_javascript=True)


def focus_script(token: str, target: str, message: str = "") -> str:
    """The script `focus_and_announce` runs, to put in another element's HTML."""
    values = {
        name: json.dumps(value).replace("</", "<\\/")
        for name, value in (("token", token), ("target", target), ("message", message))
    }
    return _FOCUS_SCRIPT % values


def verdict_text(answered: Answered) -> str:
    """Right or wrong in a sentence, for the live region (the page shows it with icons)."""
    if answered.correct:
        return "Your answer is right."
    if answered.score > 0:
        return f"Your answer is partly right: {answered.score:.0%}."
    if answered.response == "":
        return "You skipped this question; it counts as wrong."
    return "Your answer is wrong."
