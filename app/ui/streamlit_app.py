"""Entry point: `streamlit run app/ui/streamlit_app.py` serves the pages of router.py.

Before the server answers its first browser it imports what the pages need, reads the banks
and opens the score store (reading the log): the first student does not wait for any of it.

The pages other than home (`/quiz`, ...) get Streamlit's page with one line more, which tells
its frontend where the server is (`window.__streamlit.BACKEND_BASE_URL`, the setting a hosting
page gives it). Without it, a page at `/quiz` first asks `/quiz/_stcore/health`, gets a 404,
waits 100 ms and asks `/_stcore/health`: every page load but the home page's paid for that.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from streamlit import file_util

from app.ui import pages, warm

# A page's path is one segment under the server's root, so the root is the page's "./".
_BACKEND = (
    "<script>window.__streamlit = Object.assign("
    '{BACKEND_BASE_URL: new URL("./", window.location.href).href}, window.__streamlit)</script>'
)
_INDEX = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
PAGE_HTML = _INDEX.replace("<head>", "<head>" + _BACKEND, 1)


async def page_html(_: Request) -> HTMLResponse:
    return HTMLResponse(PAGE_HTML, headers={"Cache-Control": "no-cache"})


@asynccontextmanager
async def warm_up(_: st.App) -> AsyncIterator[None]:
    warm.up()
    yield


app = st.App(
    Path(__file__).parent / "router.py",
    lifespan=warm_up,
    routes=[Route(f"/{path}", page_html) for path in pages.PATHS],
)
