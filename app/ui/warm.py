"""What the server does once, when it starts, so that the first student waits for none of it:
import the quiz page's modules, read the banks and the score log (pyarrow, and pandas with
it) into the caches the pages use, and what Streamlit itself does once, on the first page
(see streamlit_app.py)."""

import importlib
import logging

from streamlit import delta_generator, string_util

from app.ui import state

# The quiz page's modules (pandas and pyarrow come with the store): imported at start, not by
# the first student's page.
QUIZ_PAGE_MODULES = (
    "access",
    "actions",
    "countdown",
    "home_sittings",
    "question_area",
    "results",
    "timing",
    "widgets",
)


def up() -> None:
    """Fill the caches. A failure here only means the first page does the work (and shows
    what is wrong), so it is logged, never raised: the server starts all the same."""
    try:
        for name in QUIZ_PAGE_MODULES:
            importlib.import_module(f"app.ui.{name}")
        state.banks()
        state.scores().attempt_rows("")
        # Streamlit's table of emoji, loaded when it first checks an icon (the pages' and the
        # tab's): 50 to 250 ms of the first page on a fresh server otherwise.
        string_util.is_emoji("📰")
        # Streamlit's check, on the first element a process sends, that it is not run from a
        # REPL: it walks every imported module's file (43 ms with pandas and pyarrow loaded).
        delta_generator._maybe_print_use_warning()
    except Exception:
        logging.getLogger(__name__).exception("warming up failed; the first page will retry")
