"""The time left in a timed sitting, updated every second without a click.

The clock is a `st.fragment` that reruns on its own; when the time is up it reruns the whole
page, which then shows the results. Screen readers are told twice, in words: when 5 minutes are
left and when 1 minute is (a warning, which Streamlit gives the `alert` role); the clock itself
is a `timer`, read on demand and never announced every second. Nothing is told by colour alone.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

import streamlit as st

from app import timing
from app.ui import actions

HIDDEN = (
    "position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); "
    "white-space: nowrap"
)


@st.fragment(run_every=timedelta(seconds=1))
def show(deadline: datetime, limit: timedelta) -> None:
    """The time left until `deadline` (of `limit` in all), and the warnings at 5 and 1 minutes."""
    left = deadline - actions.now()
    if left <= timedelta(0):
        st.rerun(scope="app")  # the page shows the results
    st.html(
        '<p role="timer" style="margin: 0; font-size: 1.1em">⏱️ Time left: '
        f'<strong aria-hidden="true">{timing.clock(left)}</strong>'
        f'<span style="{HIDDEN}">{html.escape(timing.spoken(left))}</span>'
        f" <span>(of {html.escape(timing.spoken(limit))})</span></p>"
    )
    warning = timing.warning(left)
    if warning:
        st.warning(warning, icon="⏰")
