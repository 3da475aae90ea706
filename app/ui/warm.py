"""What the server does once, when it starts, so that the first student waits for none of it:
import the quiz page's modules, read the banks and the score log (pyarrow, and pandas with
it) into the caches the pages use (see streamlit_app.py)."""

import logging

from app.ui import access, actions, countdown, home_sittings, results, state, timing, widgets

QUIZ_PAGE_MODULES = (access, actions, countdown, home_sittings, results, timing, widgets)


def up() -> None:
    """Fill the caches. A failure here only means the first page does the work (and shows
    what is wrong), so it is logged, never raised: the server starts all the same."""
    try:
        state.banks()
        state.scores().attempt_rows("")
    except Exception:
        logging.getLogger(__name__).exception("warming up failed; the first page will retry")
