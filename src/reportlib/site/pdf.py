"""A report page printed to PDF by headless Chromium (``reportlib run --pdf``).

The PDF is the page's print layout (its ``@media print`` and ``@page`` rules, A4), printed by
Debian's Chromium (``/usr/bin/chromium``, or the browser named by ``REPORTLIB_CHROMIUM``)
through Playwright's Python package. The running header, page numbers and confidentiality line
are the page's own (``site.html``'s print CSS, in ``@page`` margin boxes), so Chromium adds no
header or footer of its own. Playwright never downloads a browser here: it is given the
executable.

Without the browser, or without the Playwright package (the ``pdf`` extra), no PDF is written:
the run says so in one log line and publishes the HTML as usual.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

BROWSER_ENV = "REPORTLIB_CHROMIUM"
"""Environment variable naming the Chromium executable, when it is not Debian's."""
BROWSER_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
"""Where Debian and Ubuntu install Chromium."""
BROWSER_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Chromium's flags: headless, nothing fetched in the background."""


def find_browser(candidates: Iterable[str] = BROWSER_PATHS) -> Path | None:
    """The Chromium to print with: :data:`BROWSER_ENV` if set, else the first of ``candidates``.

    Returns:
        The executable, or None when none is there.
    """
    named = os.environ.get(BROWSER_ENV)
    for candidate in [named] if named else candidates:
        path = Path(candidate) if os.sep in candidate else shutil.which(candidate)
        if path is not None and Path(path).is_file() and os.access(path, os.X_OK):
            return Path(path)
    return None


def no_pdf_reason(browser: Path | None) -> str | None:
    """Why no PDF can be written here (one sentence), or None when one can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "no PDF written: the Playwright package is not installed "
            "(pip install 'reportlib[pdf]'); the HTML is published"
        )
    if browser is None:
        return (
            f"no PDF written: no Chromium browser found at {' or '.join(BROWSER_PATHS)} "
            f"(apt install chromium, or set {BROWSER_ENV}); the HTML is published"
        )
    return None


def write_pdfs(pages: Iterable[Path], *, browser: Path | None = None) -> list[Path]:
    """Print each HTML page to ``<page>.pdf`` beside it, with one browser for all.

    Args:
        pages: The report pages (``<period>/<report>.html`` in the build).
        browser: The Chromium executable; default :func:`find_browser`.

    Returns:
        The PDFs written; none (and one warning logged) when there is no browser or no
        Playwright package.

    Raises:
        RenderError: if the browser fails to print a page.
    """
    from reportlib.errors import RenderError

    pages = list(pages)
    if not pages:
        return []
    browser = browser or find_browser()
    reason = no_pdf_reason(browser)
    if reason is not None:
        log.warning(reason)
        return []
    assert browser is not None  # no_pdf_reason said so
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    written = []
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(browser), args=list(BROWSER_ARGS))
            try:
                for page_path in pages:
                    written.append(_print(chromium, page_path))
            finally:
                chromium.close()
    except PlaywrightError as exc:
        raise RenderError(
            f"Chromium ({browser}) could not print the reports to PDF: {exc}",
            hint="run without --pdf to publish the HTML alone",
        ) from None
    log.info("printed %d report(s) to PDF", len(written))
    return written


def _print(chromium: object, page_path: Path) -> Path:
    """Print one page to ``<page>.pdf``: A4 (or the page's ``@page`` size), backgrounds on."""
    target = page_path.with_suffix(".pdf")
    page = chromium.new_page()  # type: ignore[attr-defined]
    try:
        page.route("**/*", _local_only)
        page.goto(page_path.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.pdf(
            path=str(target),
            format="A4",
            display_header_footer=False,  # the page's print CSS has its own (margin boxes)
            print_background=True,
            prefer_css_page_size=True,
        )
    finally:
        page.close()
    return target


def _local_only(route: object) -> None:
    """Let the page load its own file and data URIs; refuse anything from the network."""
    url = route.request.url  # type: ignore[attr-defined]
    if url.startswith(("file:", "data:")):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


def missing_pdfs(period_dir: Path, report_ids: Iterable[str]) -> list[Path]:
    """The pages of ``report_ids`` in ``period_dir`` that have no PDF beside them."""
    pages = [period_dir / f"{rid}.html" for rid in report_ids]
    return [p for p in pages if p.is_file() and not p.with_suffix(".pdf").is_file()]
