"""The article page: headline and paragraphs, escaped; after a sitting, its questions marked."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.article import Layout, Mark, lay_out
from app.bank import load_bank
from app.ui.article_view import article_html
from app.ui.markdown import escape_md
from tests.conftest import BANK_FILE, QUESTIONS
from tests.quiz_driver import button, open_page
from tests.test_quiz_app import answer_current, quiz_params

LOADED = load_bank(BANK_FILE)
BANK = LOADED.bank
HOSTILE = (
    "Breaking: <script>alert('x')</script> **not bold**\n\n"
    "A [link](javascript:alert(1)) and <img src=x onerror=alert(1)> & $x^2$ :red[red]\n\n"
    "# not a heading\n\n- not a list\n"
)


def texts(layout: Layout) -> list[str]:
    return ["".join(s.text for s in p) for p in layout.paragraphs]


def test_headline_then_paragraphs_split_at_blank_lines() -> None:
    layout = lay_out("  Headline here  \nFirst line\nstill first.\n\n\n Second.\n\nThird.  \n")
    assert "".join(s.text for s in layout.headline) == "Headline here"
    assert texts(layout) == ["First line\nstill first.", "Second.", "Third."]
    assert lay_out("") == Layout((), (), (), ())


def test_marks_cover_their_quote_across_spacing_and_paragraphs() -> None:
    article = "Title\n\nOne two three four.\n\nFive six seven."
    right = Mark(1, "two three", missed=False)
    missed = Mark(2, "three   four.\nFive", missed=True)  # spacing differs, spans two paragraphs
    unknown = Mark(3, "not in the text", missed=True)
    layout = lay_out(article, (right, missed, unknown))
    first, second = layout.paragraphs
    assert [(s.text, s.marks, s.ends) for s in first] == [
        ("One ", (), ()),
        ("two ", (right,), ()),
        ("three", (right, missed), (right,)),
        (" four.", (missed,), ()),
    ]
    assert [(s.text, s.marks, s.ends) for s in second] == [
        ("Five", (missed,), (missed,)),
        (" six seven.", (), ()),
    ]
    assert layout.placed == (right, missed) and layout.unplaced == (unknown,)
    assert [s.missed for s in first] == [False, False, True, True]


def test_hostile_text_is_shown_as_written_never_as_html() -> None:
    page = article_html(lay_out(HOSTILE))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; **not bold**" in page
    assert "[link](javascript:alert(1))" in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; $x^2$ :red[red]" in page
    assert '<p style="overflow-wrap: anywhere"># not a heading</p>' in page


def test_source_address_and_date_are_shown_escaped() -> None:
    layout = lay_out("Title\n\nText.")
    page = article_html(layout, url='https://example.com/a?b=1&c="2"', date=dt.date(2017, 9, 22))
    assert (
        'Source: <a href="https://example.com/a?b=1&amp;c=&quot;2&quot;" '
        'rel="noopener noreferrer">https://example.com/a?b=1&amp;c=&quot;2&quot;</a>'
    ) in page
    assert "Published 22 September 2017" in page
    assert "Source:" not in article_html(layout) and "Published" not in article_html(layout)


def html_of(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def article_params(at: AppTest) -> dict[str, str]:
    links = [link for link in at.get("page_link") if "article" in link.proto.page]
    assert links, "no link to the article"
    query = links[0].proto.query_string
    return dict(pair.split("=", 1) for pair in query.split("&")) if query else {}


def test_article_page_shows_headline_paragraphs_and_source() -> None:
    at = open_page("article.py", {"bank": BANK.id})
    assert not at.exception
    page = html_of(at)
    headline = re.search(r'<h1 id="article-headline"[^>]*>(.*?)</h1>', page)
    assert headline and "Elite Paratroopers To Launch Air Drill" in headline.group(1)
    assert page.count("<p ") == 9  # the paragraphs after the headline; no source line
    assert "Source:" not in page
    assert "Russia formally opposes North Korea&#x27;s nuclear ambitions" in page
    assert "<mark" not in page and "question 1" not in page  # nothing marked without a sitting


@pytest.fixture
def hostile_questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "questions"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "hostile.yaml").write_text(
        "id: hostile\ntitle: Hostile <b>text</b>\nsource:\n  file: sources/hostile.txt\n"
        "  url: https://example.com/news?id=1&x=<y>\n  date: 2017-09-22\nquestions:\n"
        "  - id: q\n    type: true_false\n    prompt: Is it **bold**?\n    answer: false\n"
        "    explanation: It is not.\n    source_quote: '**not bold**'\n",
        encoding="utf-8",
    )
    (folder / "no-article.yaml").write_text(
        "id: no-article\ntitle: No article\nquestions:\n"
        "  - id: q\n    type: true_false\n    prompt: True?\n    answer: true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(folder))
    return folder


def test_article_page_escapes_hostile_text(hostile_questions: Path) -> None:
    at = open_page("article.py", {"bank": "hostile"})
    assert not at.exception
    page = html_of(at)
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "[link](javascript:alert(1))" in page
    assert 'href="https://example.com/news?id=1&amp;x=&lt;y&gt;"' in page
    assert "Published 22 September 2017" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "No article was chosen: pick one on the home page."),
        ({"bank": "nope"}, "There is no question bank “nope” here"),
        ({"bank": "no-article"}, "The bank “No article” has no article to read."),
    ],
    ids=["no bank", "unknown bank", "bank without article"],
)
def test_article_page_says_what_is_missing(
    hostile_questions: Path, params: dict[str, str], message: str
) -> None:
    at = open_page("article.py", params)
    assert not at.exception
    assert message in at.info[0].value
    assert not at.get("html")
    assert [link.proto.label for link in at.get("page_link")] == ["Go to the home page"]


def test_banks_without_an_article_have_no_link(hostile_questions: Path) -> None:
    home = open_page("home.py")
    labels = [link.proto.label for link in home.get("page_link")]
    assert labels == ["Read the article"]  # one link: the bank without an article has none
    headline = "Breaking: <script>alert('x')</script> **not bold**"
    assert f"**{escape_md(headline)}**" in [m.value for m in home.markdown]
    quiz = open_page("quiz.py", {"attempt": "a", "student": "Ana", "bank": "no-article"})
    assert not [link for link in quiz.get("page_link") if "article" in link.proto.page]


def test_marks_after_a_sitting_and_none_before() -> None:
    params = quiz_params("marks", n="3")
    at = open_page("quiz.py", params)
    assert article_params(at) == params  # the quiz page links to the article of this sitting
    outcomes = ("right", "wrong")
    for outcome in outcomes:
        answer_current(at, "marks", outcome)
        before = html_of(open_page("article.py", params))
        assert "<mark" not in before and "question 1" not in before  # not before the end
        button(at, "Next question").click().run()
    during = open_page("article.py", params)
    assert "Your answers are marked on the article when you finish the quiz." in (
        during.info[0].value
    )
    assert next(link.proto.label for link in during.get("page_link")) == "Back to the quiz"

    answer_current(at, "marks", "wrong")
    button(at, "See my results").click().run()
    assert article_params(at) == params  # the results link to the marked article
    after = open_page("article.py", params)
    page = html_of(after)
    sitting = at.session_state["sitting"]
    for number, question_id in enumerate(sitting.question_ids, start=1):
        verdict = "✅ right" if number == 1 else "❌ missed"
        link = f'<a id="quote-{number}" href="#review-{number}">(question {number}, {verdict})</a>'
        assert link in page
        assert f'<li id="review-{number}" value="{number}"' in page
        assert f'<a href="#quote-{number}">Back to the sentence</a>' in page
        last_words = html.escape(
            " ".join(str(BANK.question(question_id).source_quote).split()[-2:])
        )
        # the sentence is marked up to its last words, then linked to its question
        marked = re.search(rf"{re.escape(last_words)}</(mark|span)>\s*{re.escape(link)}", page)
        assert marked, (number, last_words)
        assert (marked.group(1) == "mark") == (number != 1)  # only the missed are highlighted
    assert "each sentence you were asked about is underlined" in page
    assert '<h2 id="review">Your answers</h2>' in page
    assert next(link.proto.label for link in after.get("page_link")) == "Back to my results"


def test_a_bank_with_a_dated_source_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "questions"
    shutil.copytree(QUESTIONS, folder)
    bank_file = folder / BANK_FILE.name
    text = bank_file.read_text(encoding="utf-8")
    bank_file.write_text(
        text.replace(
            "  file: sources/russia-paratroopers-drill.txt\n",
            "  file: sources/russia-paratroopers-drill.txt\n"
            "  url: https://www.example.com/world/russia-drill\n  date: 2017-09-22\n",
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("QUIZ_QUESTIONS_DIR", str(folder))
    page = html_of(open_page("article.py", {"bank": BANK.id}))
    assert 'Source: <a href="https://www.example.com/world/russia-drill"' in page
    assert "Published 22 September 2017" in page
