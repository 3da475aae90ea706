"""Entry point: `streamlit run app/ui/streamlit_app.py` serves the pages of router.py.

Before the server answers its first browser it imports what the pages need, reads the banks
and opens the score store (reading the log): the first student does not wait for any of it.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from app.ui import warm


@asynccontextmanager
async def warm_up(_: st.App) -> AsyncIterator[None]:
    warm.up()
    yield


app = st.App(Path(__file__).parent / "router.py", lifespan=warm_up)
