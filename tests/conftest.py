"""Shared fixtures.

Gazetteer fixtures (``isolated_cache``, ``gazetteer``): every test session builds its stores
in its own temporary folders, never in the user's cache or data folder.

Browser fixtures (tests marked ``browser``): headless Debian Chromium at /usr/bin/chromium
driven by playwright-python, with every request other than file: and data: blocked and
recorded. No browser is downloaded. Missing Chromium fails under CI=true, skips locally.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("INCIMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- gazetteer


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory):
    """Cache and data folders of this session only (INCIMAP_CACHE_DIR, INCIMAP_DATA_DIR).

    Autouse, so no test touches the user's own cache or imports. Set in os.environ so
    that subprocesses (``python -m geo ...``) use them too. INCIMAP_TEST_CACHE_DIR
    reuses one built world gazetteer between local runs.
    """
    from incimap.gazetteer import gazetteer as gz

    folder = tmp_path_factory.mktemp("incimap-cache")
    saved = {k: os.environ.get(k) for k in ("INCIMAP_CACHE_DIR", "INCIMAP_DATA_DIR",
                                            "INCIMAP_OVERLAY")}
    os.environ["INCIMAP_CACHE_DIR"] = os.environ.get("INCIMAP_TEST_CACHE_DIR") or str(
        folder / "cache")
    os.environ["INCIMAP_DATA_DIR"] = str(folder / "data")
    os.environ.pop("INCIMAP_OVERLAY", None)
    gz.clear_cache()
    yield folder
    gz.clear_cache()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def gazetteer(isolated_cache):
    """The full gazetteer (world + overlay), opened afresh for each test (tests may close it);
    built once per session in the isolated cache."""
    from incimap.gazetteer.gazetteer import open_gazetteer

    return open_gazetteer()


@pytest.fixture(scope="session")
def seed_text() -> str:
    from incimap.seeds import SEED_ARTICLE

    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_extraction(isolated_cache):
    """The seed article read end to end (with its publication date from the metadata)."""
    from incimap.geo.extract import extract_file
    from incimap.seeds import SEED_ARTICLE

    return extract_file(SEED_ARTICLE)


# --------------------------------------------------------------------------- browser


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class PageLog:
    """Everything a page did that a map opened offline must never do."""

    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {name: values for name, values in vars(self).items() if values}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """Where screenshots go: $INCIMAP_TEST_OUTPUT or test-output/ (git-ignored)."""
    folder = Path(os.environ.get("INCIMAP_TEST_OUTPUT", ROOT / "test-output"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_map(browser):
    """``open_map(path) -> (page, log)``: a map file opened offline, every request recorded."""
    contexts = []

    def opener(path: Path, viewport: dict | None = None, wait: str = "incimap.ready()",
               **device):  # has_touch, is_mobile...: phone emulation
        context = browser.new_context(viewport=viewport or VIEWPORT, **device)
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        page.on("console", lambda msg: log.console_errors.append(msg.text)
                if msg.type == "error" else None)
        page.on("requestfailed", lambda req: log.failed_requests.append(req.url[:200]))

        def on_dialog(dialog):
            log.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def gate(route):
            url = route.request.url
            if url.startswith(("file://", "data:")):
                route.continue_()
            else:
                log.blocked_requests.append(url[:200])
                route.abort()

        page.route("**/*", gate)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_function(
            f"window.incimap && incimap.instances && incimap.instances.length > 0 && {wait}",
            timeout=120_000)
        return page, log

    yield opener
    for context in contexts:
        context.close()
