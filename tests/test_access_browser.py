"""Access from a real browser: on the server's machine (loopback), and from another address
(Chromium inside a network namespace of the test's own, joined by a veth pair)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from tests import netns
from tests.browser_student import wait_idle
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, REPO, launch_chromium, streamlit_server

APP = REPO / "app" / "ui" / "streamlit_app.py"
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.skipif(bool(netns.available()), reason=netns.available() or "ok")


@pytest.fixture(scope="module")
def namespace() -> Iterator[netns.Namespace]:
    with netns.private_namespace() as created:
        yield created


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="module")
def remote_browser(
    playwright: Playwright, namespace: netns.Namespace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """Chromium running inside the namespace: its connections come from its own address."""
    wrapper = namespace.wrap(CHROMIUM, tmp_path_factory.mktemp("chromium"))
    chromium = playwright.chromium.launch(executable_path=str(wrapper), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def local_browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


def new_page(browser: Browser, **options) -> Page:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
    context.set_default_timeout(20_000)
    return context.new_page()


def server(tmp_path: Path, address: str, password: str = ""):
    """The app listening on `address`, with `password` as QUIZ_INSTRUCTOR_PASSWORD."""
    env = {"QUIZ_INSTRUCTOR_PASSWORD": password}
    return streamlit_server(APP, tmp_path / "scores.csv", env=env, address=address)


def test_the_browser_really_connects_from_another_address(
    namespace: netns.Namespace, remote_browser: Browser, tmp_path: Path
) -> None:
    with server(tmp_path, namespace.host_address) as url:
        page = new_page(remote_browser)
        page.goto(url)
        wait_idle(page, timeout_ms=60_000)  # the first page of a browser just started, under load
        expect(page.get_by_role("heading", name="📰 News quiz")).to_be_visible()
        sidebar = page.get_by_test_id("stSidebarNav")
        expect(sidebar.get_by_text("My progress")).to_be_visible()
        # no password set: no sign of the instructor pages, and their URLs lead nowhere
        expect(sidebar.get_by_text("Class results")).to_have_count(0)
        expect(page.get_by_text("Instructor", exact=True)).to_have_count(0)
        for path in ("class", "roster"):
            page.goto(f"{url}/{path}")
            wait_idle(page)
            expect(page.get_by_role("heading", name="📊 Class results")).to_have_count(0)
            expect(page.get_by_role("heading", name="🪪 Class roster")).to_have_count(0)
            expect(page.get_by_label("Instructor password")).to_have_count(0)


def test_another_machine_signs_in_with_the_password(
    namespace: netns.Namespace, remote_browser: Browser, tmp_path: Path
) -> None:
    with server(tmp_path, namespace.host_address, PASSWORD) as url:
        page = new_page(remote_browser)
        page.goto(f"{url}/class")
        wait_idle(page)
        expect(page.get_by_role("heading", name="🔒 Instructor sign-in")).to_be_visible()
        password = page.get_by_label("Instructor password")
        password.fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Wrong password. You can try again in 1 s.")).to_be_visible()
        password.fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()  # within the second: refused
        expect(page.get_by_text("Too many wrong tries.", exact=False)).to_be_visible()
        time.sleep(1.2)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="📊 Class results")).to_be_visible()
        expect(page.get_by_text("No quiz answers yet", exact=False)).to_be_visible()


def test_on_the_server_machine_no_password_is_asked(local_browser: Browser, tmp_path: Path) -> None:
    with server(tmp_path, "127.0.0.1", PASSWORD) as url:
        page = new_page(local_browser)
        page.goto(f"{url}/class")
        wait_idle(page)
        expect(page.get_by_role("heading", name="📊 Class results")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav").get_by_text("Class roster")).to_be_visible()

        # a forwarding header means a proxy stands between: the password is asked again
        proxied = new_page(local_browser, extra_http_headers={"X-Forwarded-For": "127.0.0.1"})
        proxied.goto(f"{url}/class")
        wait_idle(proxied)
        expect(proxied.get_by_role("heading", name="🔒 Instructor sign-in")).to_be_visible()
