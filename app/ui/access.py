"""Streamlit side of who may see what: instructor sign-in, roster sign-in, the gates pages call.

The rules themselves are pure, in `app.access` and `app.roster`; this module reads the
connection (`st.context`), keeps who signed in in the session, and shows the sign-in forms.
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from app import access, settings
from app.roster import Roster, RosterError, load_roster
from app.ui import state
from app.ui.markdown import escape_md


def origin() -> access.Origin:
    """Where this browser connects from (loopback = the server's own machine)."""
    address = st.context.ip_address
    if address is not None and not isinstance(address, str):
        return access.Origin.REMOTE  # no real connection (e.g. under AppTest): fail closed
    return access.origin_of(
        address,
        access.header_map(st.context.headers.items()),
        trust_forwarded=settings.trust_forwarded(),
    )


def _client_key() -> str:
    address = st.context.ip_address
    return address if isinstance(address, str) else "loopback"


@st.cache_resource(show_spinner=False)
def _throttles() -> dict[str, access.Throttle]:
    # One per server process, shared by every session: a new tab does not reset the count.
    return {"instructor": access.Throttle(), "roster": access.Throttle()}


def instructor_reachable() -> bool:
    """Instructor pages exist for this browser: it is on the server's machine, or a password
    is set (other machines without a password never see them, not even in the menu)."""
    return origin() is access.Origin.LOCAL or bool(settings.instructor_password())


def is_instructor() -> bool:
    """This browser may use the instructor pages now."""
    return origin() is access.Origin.LOCAL or bool(st.session_state.get(state.INSTRUCTOR))


def require_instructor() -> None:
    """Stop the page unless this browser is an instructor's; ask for the password when one is
    set and this browser is on another machine."""
    state.init()
    if is_instructor():
        if origin() is access.Origin.REMOTE:
            st.sidebar.button("Sign out (instructor)", on_click=_sign_out_instructor)
        return
    if not instructor_reachable():
        st.error("This page is not available here.", icon="🔒")
        st.stop()
    st.title("🔒 Instructor sign-in")
    with st.form("instructor-sign-in"):
        typed = st.text_input("Instructor password", type="password")
        sent = st.form_submit_button("Sign in", type="primary")
    if sent:
        throttle, key, now = _throttles()["instructor"], _client_key(), time.monotonic()
        waiting = throttle.wait(key, now)
        if waiting is not None:
            st.error(str(waiting), icon="⏳")
        elif access.password_matches(typed, settings.instructor_password()):
            throttle.succeeded(key)
            st.session_state[state.INSTRUCTOR] = True
            st.rerun()
        else:
            delay = throttle.failed(key, now)
            st.error(
                f"Wrong password. You can try again in {max(1, round(delay.seconds))} s.",
                icon="✋",
            )
    st.stop()


def _sign_out_instructor() -> None:
    st.session_state[state.INSTRUCTOR] = False


def roster() -> Roster | None:
    """The class roster (None: no roster, a name is enough). A roster file that cannot be read
    raises RosterError: sign-in is then refused rather than left open."""
    path = settings.roster_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    return _load_roster(str(path), stamp)


@st.cache_data(show_spinner=False, max_entries=4)
def _load_roster(path: str, stamp: int) -> Roster | None:
    return load_roster(Path(path))


def student_gate() -> str:
    """The student this session answers as: with a roster, the one signed in (a sign-in form
    stops the page until then); without one, the name typed so far ("" when none yet)."""
    state.init()
    try:
        current = roster()
    except RosterError as error:
        if is_instructor():
            st.error(f"The class roster cannot be used: {error}.", icon="⚠️")
        else:
            st.error("Sign-in is not available right now. Please tell your instructor.")
        st.stop()
    if current is None:
        return str(st.session_state[state.STUDENT])
    signed = _signed_in_on(current)
    if signed:
        st.session_state[state.STUDENT] = signed
        st.sidebar.caption(escape_md(f"Signed in as {signed}"))
        st.sidebar.button("Sign out", on_click=_sign_out_student)
        return signed
    st.session_state[state.SIGNED_IN] = ""
    st.session_state[state.STUDENT] = ""
    _roster_sign_in(current)
    st.stop()
    raise AssertionError("st.stop() ends the script")  # pragma: no cover


def still_signed_in(student: str) -> bool:
    """With a roster, whether `student` is still the one signed in here and still on the class
    list (an unreadable roster says no, as the sign-in does); without one, always."""
    try:
        current = roster()
    except RosterError:
        return False
    if current is None:
        return True
    signed = _signed_in_on(current)
    return bool(signed) and access.normalized_name(signed) == access.normalized_name(student)


def _signed_in_on(current: Roster) -> str:
    """The student signed in in this session, if still on the class list ("" otherwise)."""
    signed = str(st.session_state.get(state.SIGNED_IN, ""))
    return signed if signed and current.find(signed) is not None else ""


def roster_active() -> bool:
    try:
        return roster() is not None
    except RosterError:
        return True  # fail closed: treat an unreadable roster as a roster


def _roster_sign_in(current: Roster) -> None:
    st.subheader("Sign in", anchor=False)
    st.caption("Use your name and the personal code your instructor gave you.")
    with st.form("student-sign-in"):
        name = st.text_input("Your name", max_chars=200)
        code = st.text_input("Your code", type="password", max_chars=40)
        sent = st.form_submit_button("Sign in", type="primary")
    if not sent:
        return
    throttle, key, now = _throttles()["roster"], _client_key(), time.monotonic()
    waiting = throttle.wait(key, now)
    if waiting is not None:
        st.error(str(waiting), icon="⏳")
        return
    student = current.sign_in(name, code)
    if student is None:
        delay = throttle.failed(key, now)
        st.error(
            "That name and code do not match the class list. Check both and try again in "
            f"{max(1, round(delay.seconds))} s.",
            icon="✋",
        )
        return
    throttle.succeeded(key)
    st.session_state[state.SIGNED_IN] = student.name
    st.session_state[state.STUDENT] = student.name
    st.rerun()


def _sign_out_student() -> None:
    st.session_state[state.SIGNED_IN] = ""
    st.session_state[state.STUDENT] = ""
