"""What the server does once, when it starts, so that the first student waits for none of it:
import the quiz page's modules, read the banks and the score log (pyarrow, and pandas with
it) into the caches the pages use, and Streamlit's table of emoji (see streamlit_app.py)."""

import logging

from streamlit import string_util

from app.ui import access, actions, countdown, home_sittings, results, state, timing, widgets

QUIZ_PAGE_MODULES = (access, actions, countdown, home_sittings, results, timing, widgets)


def up() -> None:
    """Fill the caches. A failure here only means the first page does the work (and shows
    what is wrong), so it is logged, never raised: the server starts all the same."""
    try:
        state.banks()
        state.scores().attempt_rows("")
        # Streamlit's table of emoji, loaded when it first checks an icon (the pages' and the
        # tab's): 50 to 250 ms of the first page on a fresh server otherwise.
        string_util.is_emoji("📰")
    except Exception:
        logging.getLogger(__name__).exception("warming up failed; the first page will retry")
