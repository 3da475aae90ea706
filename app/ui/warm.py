"""What the server does once, when it starts, so that the first student waits for none of it:
import the quiz page's modules (pandas and pyarrow with the score store), read the banks and
the score log into the caches the pages use (see streamlit_app.py)."""

import logging

from app.ui import access, actions, countdown, home_sittings, state, timing, widgets

QUIZ_PAGE_MODULES = (access, actions, countdown, home_sittings, timing, widgets)


def up() -> None:
    """Fill the caches. A failure here only means the first page does the work (and shows
    what is wrong), so it is logged, never raised: the server starts all the same."""
    try:
        state.banks()
        state.scores().attempt_rows("")
    except Exception:
        logging.getLogger(__name__).exception("warming up failed; the first page will retry")
