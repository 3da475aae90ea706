"""Draft from an article in the instructor workspace: make, review, publish; bad input refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import draft
from app.access import Origin
from app.bank import load_bank
from app.draft import DraftError
from app.generate.hiding import HIDDEN_NOTE
from app.ui import access as ui_access
from app.ui.markdown import escape_md
from tests.conftest import REPO
from tests.quiz_driver import ENTRY, button, open_page

ARTICLE = (REPO / "tests" / "articles" / "bridge-closure.txt").read_text(encoding="utf-8")
TAKEN = {"russia-paratroopers-drill"}
FEW_FACTS = "Mayor John Smith opened the new library on Monday."


@pytest.fixture(autouse=True)
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    """The instructor's browser is on the server's machine (AppTest has no connection)."""
    monkeypatch.setattr(ui_access, "origin", lambda: Origin.LOCAL)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- the pure side ----------------------------------------------------------------------------


def test_a_draft_is_named_from_the_headline_and_validates() -> None:
    made = draft.make_draft(ARTICLE, bank_id="", title="", max_questions=6)
    headline = ARTICLE.splitlines()[0]
    assert made.data["id"] == "millbrook-bridge-to-close-for-14-months"
    assert made.data["title"] == headline
    assert made.data["source"] == {"file": f"sources/{made.data['id']}.txt"}
    assert 1 <= len(made.bank.questions) <= 6
    assert all(q.source_quote and q.source_quote in " ".join(ARTICLE.split())
               for q in made.bank.questions)  # fmt: skip
    assert not made.few_facts
    named = draft.make_draft(ARTICLE, bank_id="bridge", title=" The bridge ", max_questions=6)
    assert (named.data["id"], named.bank.title) == ("bridge", "The bridge")


def test_kept_drops_the_unticked_questions_in_order() -> None:
    made = draft.make_draft(ARTICLE, bank_id="bridge", title="", max_questions=5)
    ids = [q.id for q in made.bank.questions]
    kept = draft.kept(made, {ids[2], ids[0]})
    assert [q["id"] for q in kept["questions"]] == [ids[0], ids[2]]
    assert "questions:" in draft.yaml_text(kept) and ids[1] not in draft.yaml_text(kept)


def test_publish_writes_the_bank_and_its_article_which_load(questions_copy: Path) -> None:
    made = draft.make_draft(ARTICLE, bank_id="bridge", title="", max_questions=5)
    path = draft.publish(questions_copy, draft.kept(made, {q.id for q in made.bank.questions}),
                         made.article, TAKEN)  # fmt: skip
    assert path == questions_copy / "bridge.yaml"
    assert (questions_copy / "sources" / "bridge.txt").read_text(encoding="utf-8") == ARTICLE
    loaded = load_bank(path)
    assert loaded.bank.model_dump() == made.bank.model_dump()
    assert path.read_text(encoding="utf-8").startswith("# Drafted from the article")
    assert not [
        p for p in questions_copy.rglob(".*") if p.is_file() and not p.name.endswith(".lock")
    ]


@pytest.mark.parametrize(
    ("pasted", "uploaded", "message"),
    [
        ("", None, "The article is empty: paste its text or upload it as a .txt file."),
        (" \n\t\n", None, "The article is empty"),
        ("ignored", b"", "The uploaded file cannot be used: the article is empty."),
        ("", b"Caf\xe9 owner\nopens", "not UTF-8 text (byte 0xe9 on line 1); save it as UTF-8"),
        ("", b"\x89PNG\r\n\x1a\n\x00\x00", "a binary file, not plain text"),
    ],
)
def test_an_article_that_cannot_be_read_is_refused_saying_why(
    pasted: str, uploaded: bytes | None, message: str
) -> None:
    with pytest.raises(DraftError) as error:
        draft.article_of(pasted, uploaded)
    assert message in str(error.value)


def test_the_upload_wins_over_the_pasted_text() -> None:
    assert draft.article_of("pasted", "\ufeffUploaded ✓".encode()) == "Uploaded ✓"


@pytest.mark.parametrize("bank_id", ["My Bank", "bank!", "-lead", "ünï", "a/b", "../up", "x" * 81])
def test_a_bank_id_with_invalid_characters_is_refused(bank_id: str) -> None:
    with pytest.raises(DraftError, match="use only lowercase letters, digits, - and _"):
        draft.make_draft(ARTICLE, bank_id=bank_id, title="", max_questions=3)


def test_an_article_without_facts_is_refused_and_one_with_few_is_flagged() -> None:
    with pytest.raises(DraftError, match="found no facts to ask about"):
        draft.make_draft("The weather was nice today.", bank_id="x", title="", max_questions=5)
    few = draft.make_draft(FEW_FACTS, bank_id="library", title="", max_questions=20)
    assert len(few.bank.questions) == 2  # one fact: asked once, and as a true/false statement
    assert few.few_facts.startswith("Only 2 questions were drafted: the article has few facts")


@pytest.mark.parametrize(
    ("bank_id", "make_clash"),
    [
        ("russia-paratroopers-drill", lambda folder: None),  # the id of a bank
        ("other", lambda folder: (folder / "other.yml").write_text("id: x\n")),  # a file
        ("bridge", lambda folder: (folder / "sources" / "bridge.txt").write_text("mine")),
    ],
)
def test_publish_never_replaces_anything(questions_copy: Path, bank_id: str, make_clash) -> None:
    make_clash(questions_copy)
    before = files_of(questions_copy)
    made = draft.make_draft(ARTICLE, bank_id=bank_id, title="", max_questions=3)
    with pytest.raises(DraftError, match=r"already exists.*; choose another"):
        draft.publish(questions_copy, made.data, made.article, TAKEN)
    assert files_of(questions_copy) == before


def test_publish_refuses_an_invalid_bank_or_no_question_writing_nothing(
    questions_copy: Path,
) -> None:
    made = draft.make_draft(ARTICLE, bank_id="bridge", title="", max_questions=3)
    before = files_of(questions_copy)
    with pytest.raises(DraftError, match="No question is ticked"):
        draft.publish(questions_copy, draft.kept(made, set()), made.article, TAKEN)
    broken = {**made.data, "questions": [{**made.data["questions"][0], "source_quote": "nope"}]}
    with pytest.raises(DraftError) as error:
        draft.publish(questions_copy, broken, made.article, TAKEN)
    first = str(error.value.problems[0])
    assert first.startswith("bridge.yaml:") and "this quote is not in the article" in first
    assert files_of(questions_copy) == before


# -- the real page ----------------------------------------------------------------------------


def open_draft_page() -> AppTest:
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()  # on loopback: an instructor
    at.switch_page("screens/draft.py")
    return at.run()


def test_the_page_drafts_reviews_and_publishes_a_bank_shown_at_once(questions_copy: Path) -> None:
    at = open_draft_page()
    assert at.title[0].value == "📝 Draft a bank from an article"
    at.text_area(key="draft-article").input(ARTICLE)
    at.text_input(key="draft-id").input("bridge")
    at.number_input(key="draft-max").set_value(4)
    button(at, "Draft questions").click().run()
    assert not at.exception and not at.error
    made = at.session_state["article_draft"]
    prompts = [q.prompt for q in made.bank.questions]
    boxes = [c for c in at.checkbox if c.key and c.key.startswith("keep-")]
    assert len(boxes) == len(prompts) == 4 and all(box.value for box in boxes)
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "**Answer:**" in shown and "**From the article:**" in shown
    assert made.bank.questions[0].source_quote.split()[0] in shown
    assert "id: bridge" in at.code[0].value

    boxes[1].uncheck().run()  # drop the second question
    assert prompts[1] not in at.code[0].value and made.bank.questions[1].id not in at.code[0].value
    button(at, "Publish 3 question(s) as bridge.yaml").click().run()
    assert not at.exception
    assert "Published bridge.yaml (3 questions)" in at.success[0].value
    published = load_bank(questions_copy / "bridge.yaml").bank
    assert [q.prompt for q in published.questions] == prompts[:1] + prompts[2:]

    home = open_page("home.py")  # the same server, no restart
    assert any(o.startswith(escape_md(published.title)) for o in home.radio[0].options)
    banks = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    banks.switch_page("screens/banks.py")
    assert "bridge.yaml" in set(banks.run().dataframe[0].value["File"])


def test_the_page_says_what_a_hidden_answer_is(questions_copy: Path) -> None:
    at = open_draft_page()
    at.text_area(key="draft-article").input(ARTICLE)
    at.text_input(key="draft-id").input("bridge")
    button(at, "Draft questions").click().run()
    assert not at.exception and not at.error
    prompts = [
        q.prompt + getattr(q, "text", "") for q in at.session_state["article_draft"].bank.questions
    ]
    assert any("…" in prompt for prompt in prompts)
    assert any(c.value == HIDDEN_NOTE for c in at.caption)


@pytest.mark.parametrize(
    ("article", "upload", "bank_id", "message"),
    [
        ("", None, "", "The article is empty"),
        ("The weather was nice today.", None, "", "found no facts"),
        ("", ("a.txt", b"\xff\xfe\x00A", "text/plain"), "", "The uploaded file cannot be used"),
        ("", ("a.txt", b"Caf\xe9\n", "text/plain"), "", "not UTF-8 text (byte 0xe9 on line 1)"),
        (ARTICLE, None, "Bridge Closure!", "cannot be used: it names the bank's file"),
        (ARTICLE, None, "russia-paratroopers-drill", "already exists; choose another id"),
    ],
)
def test_the_page_refuses_bad_input_with_a_clear_message(
    questions_copy: Path, article: str, upload, bank_id: str, message: str
) -> None:
    before = files_of(questions_copy)
    at = open_draft_page()
    at.text_area(key="draft-article").input(article)
    if upload:
        at.file_uploader(key="draft-upload").set_value(upload)
    at.text_input(key="draft-id").input(bank_id)
    button(at, "Draft questions").click().run()
    assert not at.exception
    assert message in at.error[0].value.replace("\\", "")
    assert at.session_state["article_draft"] is None
    assert not [b for b in at.button if b.label.startswith("Publish")]
    assert files_of(questions_copy) == before


def test_the_page_flags_an_article_with_few_facts(questions_copy: Path) -> None:
    at = open_draft_page()
    at.text_area(key="draft-article").input(FEW_FACTS)
    button(at, "Draft questions").click().run()
    assert "Only 2 questions were drafted" in at.warning[0].value


def test_a_remote_browser_without_a_password_never_reaches_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui_access, "origin", lambda: Origin.REMOTE)
    monkeypatch.delenv("QUIZ_INSTRUCTOR_PASSWORD", raising=False)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_draft_page()
