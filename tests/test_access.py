"""Who may see what: the pure rules, and the real pages under AppTest from either kind of machine.

Under AppTest there is no network connection, so where the browser is comes from patching
`app.ui.access.origin`; tests/test_access_browser.py connects for real from another address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import access
from app.access import Origin, Throttle, origin_of, password_matches
from app.stores import open_store
from app.ui import access as ui_access
from tests.conftest import BANK_FILE
from tests.quiz_driver import ENTRY, button, open_page
from tests.report_log import class_log

# -- the pure rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "headers", "trust", "expected"),
    [
        (None, {}, False, Origin.LOCAL),  # Streamlit reports a loopback peer as None
        ("127.0.0.1", {}, False, Origin.LOCAL),
        ("::1", {}, False, Origin.LOCAL),
        ("10.0.0.7", {}, False, Origin.REMOTE),
        ("192.168.1.20", {}, False, Origin.REMOTE),
        ("fe80::1", {}, False, Origin.REMOTE),
        ("not an address", {}, False, Origin.REMOTE),
        # a forwarding header means a proxy stands between: not trusted unless told so
        (None, {"X-Forwarded-For": "127.0.0.1"}, False, Origin.REMOTE),
        (None, {"Forwarded": "for=127.0.0.1"}, False, Origin.REMOTE),
        (None, {"x-real-ip": "127.0.0.1"}, False, Origin.REMOTE),
        # trusted: the nearest proxy's word (the last address) counts
        (None, {"X-Forwarded-For": "127.0.0.1"}, True, Origin.LOCAL),
        (None, {"X-Forwarded-For": "127.0.0.1, 10.0.0.9"}, True, Origin.REMOTE),
        (None, {"X-Forwarded-For": "10.0.0.9, 127.0.0.1"}, True, Origin.LOCAL),
        ("10.0.0.2", {"X-Real-IP": "10.0.0.9"}, True, Origin.REMOTE),
        (None, {"Forwarded": "for=127.0.0.1"}, True, Origin.REMOTE),  # no address given
    ],
)
def test_origin_of(
    address: str | None, headers: dict[str, str], trust: bool, expected: Origin
) -> None:
    assert origin_of(address, headers, trust_forwarded=trust) is expected


@pytest.mark.parametrize(
    ("typed", "password", "matches"),
    [
        ("s3cret!", "s3cret!", True),
        ("s3cret", "s3cret!", False),
        ("S3CRET!", "s3cret!", False),
        ("", "", False),  # no password set: nothing opens the pages
        ("anything", "", False),
        ("ünïcode", "ünïcode", True),
    ],
)
def test_password_matches(typed: str, password: str, matches: bool) -> None:
    assert password_matches(typed, password) is matches


def test_the_wait_grows_after_each_wrong_try_and_a_right_one_clears_it() -> None:
    throttle = Throttle()
    assert throttle.wait("10.0.0.7", now=0.0) is None
    delays = [throttle.failed("10.0.0.7", now=100.0 * i).seconds for i in range(12)]
    assert delays[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert delays[-1] == access.MAX_DELAY_S
    wait = throttle.wait("10.0.0.7", now=1100.0 + 10)
    assert wait is not None and wait.seconds == pytest.approx(access.MAX_DELAY_S - 10)
    assert "Wait 290 s" in str(wait)
    assert throttle.wait("10.0.0.8", now=1110.0) is None  # another address is not held up
    throttle.succeeded("10.0.0.7")
    assert throttle.wait("10.0.0.7", now=1110.0) is None
    assert throttle.failed("10.0.0.7", now=1110.0).seconds == 1.0


# -- the pages ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser is on the server's machine (AppTest has no connection to tell)."""
    monkeypatch.setattr(ui_access, "origin", lambda: Origin.LOCAL)


@pytest.fixture
def remote(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The browser is on another machine."""
    monkeypatch.setattr(ui_access, "origin", lambda: Origin.REMOTE)
    ui_access._throttles.clear()
    yield
    ui_access._throttles.clear()


@pytest.fixture
def broken_questions(questions_copy: Path) -> Path:
    """The bundled bank plus a broken one."""
    (questions_copy / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    return questions_copy


def open_instructor_page(page: str) -> AppTest:
    """Like open_page, for a page whose url_path is not its file name (AppTest finds those
    only after a first run)."""
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    at.switch_page(f"screens/{page}")
    return at.run()


def page_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader")
             for e in getattr(at, kind)]  # fmt: skip
    for kind in ("error", "warning", "info", "success"):
        parts += [e.value for e in getattr(at, kind)]
    parts += [e.label for e in at.expander] + [c.value for c in at.code]
    return "\n".join(str(p) for p in parts)


def test_on_the_server_machine_the_instructor_pages_open_without_a_password(
    scores_path: Path,
) -> None:
    open_store(scores_path).append(class_log())
    at = open_instructor_page("class_results.py")
    assert not at.exception
    assert at.title[0].value == "📊 Class results"
    assert any(d for d in at.dataframe)


def test_another_machine_without_a_password_never_reaches_them(
    remote: None, monkeypatch: pytest.MonkeyPatch, broken_questions: Path
) -> None:
    monkeypatch.delenv("QUIZ_INSTRUCTOR_PASSWORD", raising=False)
    home = open_page("home.py")
    assert not home.exception
    assert not ui_access.instructor_reachable()
    text = page_text(home)
    assert "broken" not in text and "problem" not in text  # no sign of the broken bank
    assert str(broken_questions) not in text
    # not in the navigation at all, so no URL reaches them
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_instructor_page("class_results.py")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_instructor_page("roster.py")


def test_home_shows_bank_problems_to_the_instructor_only(broken_questions: Path) -> None:
    at = open_page("home.py")
    assert "problem(s) in the question files" in page_text(at)
    assert "broken.yaml" in page_text(at)


def test_another_machine_needs_the_password(
    remote: None, monkeypatch: pytest.MonkeyPatch, scores_path: Path
) -> None:
    monkeypatch.setenv("QUIZ_INSTRUCTOR_PASSWORD", "correct horse")
    open_store(scores_path).append(class_log())
    at = open_instructor_page("class_results.py")
    assert at.title[0].value == "🔒 Instructor sign-in"
    assert not at.dataframe
    at.text_input[0].input("wrong")
    button(at, "Sign in").click().run()
    assert "Wrong password. You can try again in 1 s." in page_text(at)
    at.text_input[0].input("correct horse")
    button(at, "Sign in").click().run()  # too soon: refused before it is even checked
    assert "Too many wrong tries" in page_text(at)
    assert not at.dataframe
    ui_access._throttles()["instructor"].succeeded("loopback")  # as if the wait had passed
    button(at, "Sign in").click().run()
    assert not at.exception
    assert at.title[0].value == "📊 Class results"
    assert at.dataframe


def test_roster_page_makes_codes_that_sign_a_student_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scores_path: Path
) -> None:
    monkeypatch.setenv("QUIZ_ROSTER_PATH", str(tmp_path / "roster.csv"))
    at = open_instructor_page("roster.py")
    at.text_area(key="roster-add").input("Ana Lima\nBo Chen\n")
    button(at, "Add and make their codes").click().run()
    assert not at.exception
    codes = at.dataframe[0].value
    assert list(codes["Name"]) == ["Ana Lima", "Bo Chen"]
    ana_code = codes["Code"][0]
    assert ana_code not in (tmp_path / "roster.csv").read_text()
    downloads = [b.proto.label for b in at.get("download_button")]
    assert "Download the printable list (HTML)" in downloads

    open_store(scores_path).append(class_log())  # answers of other students (ann, bob, ...)
    home = open_page("home.py")
    assert home.subheader[0].value == "Sign in"
    home.text_input[0].input("ana lima")
    home.text_input[1].input("WRONGCOD")
    button(home, "Sign in").click().run()
    assert "do not match the class list" in page_text(home)
    ui_access._throttles()["roster"].succeeded("loopback")
    home.text_input[1].input(ana_code.lower())
    button(home, "Sign in").click().run()
    assert not home.exception
    assert "Signed in as **Ana Lima**" in page_text(home)

    # another student's progress is out of reach, whatever the URL says
    progress = open_page("progress.py", {"student": "ann"})
    assert progress.subheader[0].value == "Sign in"
    assert not progress.table


def test_with_a_roster_a_quiz_url_of_another_student_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.roster import add_students

    roster = tmp_path / "roster.csv"
    monkeypatch.setenv("QUIZ_ROSTER_PATH", str(roster))
    (ana,) = add_students(roster, ["Ana"])
    params = {"attempt": "a1", "student": "Bo", "bank": BANK_FILE.stem, "shuffle": "0"}
    at = open_page("quiz.py", params)
    assert at.subheader[0].value == "Sign in"  # sign in first
    at.text_input[0].input("Ana")
    at.text_input[1].input(ana.code)
    button(at, "Sign in").click().run()
    assert "This quiz was started under another sign-in." in page_text(at)
    assert "Bo" not in page_text(at)


def _sign_in_checks(roster_file: str) -> None:
    """What the quiz's question area asks on a click that reruns only itself (the page asks
    the sign-in on whole-page runs): still the student signed in here, and on the list?"""
    from pathlib import Path

    import streamlit as st

    from app.roster import remove_students
    from app.ui import access, state

    state.init()
    signed_out = access.still_signed_in("Ana")
    st.session_state[state.SIGNED_IN] = "Ana"
    answers = [signed_out, access.still_signed_in("ana"), access.still_signed_in("Bo")]
    remove_students(Path(roster_file), ["Ana"])  # the instructor takes Ana off the list
    answers.append(access.still_signed_in("Ana"))
    st.write(" ".join(str(a) for a in answers))


def test_a_student_signed_out_or_taken_off_the_roster_is_no_longer_signed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.roster import add_students

    roster = tmp_path / "roster.csv"
    monkeypatch.setenv("QUIZ_ROSTER_PATH", str(roster))
    add_students(roster, ["Ana", "Bo"])
    at = AppTest.from_function(_sign_in_checks, args=(str(roster),)).run()
    assert not at.exception
    assert at.markdown[0].value == "False True False False"


def test_without_a_roster_anyone_is_signed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZ_ROSTER_PATH", str(tmp_path / "none.csv"))
    assert ui_access.still_signed_in("Ana")
    monkeypatch.setenv("QUIZ_ROSTER_PATH", str(tmp_path))  # a folder: unreadable, fail closed
    assert not ui_access.still_signed_in("Ana")
