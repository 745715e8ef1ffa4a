"""The published site in a real browser: loads offline, no errors, links resolve, accessible.

Headless Chromium comes from Debian (/usr/bin/chromium, installed by .ci/run); Playwright drives
it. axe-core (bundled in axe-playwright-python) checks accessibility.
"""

import re
from pathlib import Path

import pytest

from reportlib.site.pdf import BROWSER_ARGS, find_browser

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

CHROMIUM = find_browser()  # Debian's, or REPORTLIB_CHROMIUM: as `run --pdf` finds it

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(BROWSER_ARGS))
        yield b
        b.close()


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _visit(browser, path: Path, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    remote, errors = [], []
    page.on(
        "request",
        lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, remote, errors


def test_every_page_loads_offline_without_errors(browser, published):
    site = published / "site"
    pages = _pages(site)
    assert len(pages) >= 4  # index, validation page, latam and company reports
    for path in pages:
        assert path.stat().st_size <= 3 * 1024 * 1024, f"{path.name} is over 3 MB"
        page, remote, errors = _visit(browser, path)
        assert remote == [], f"{path.name} asked the network for {remote}"
        assert errors == [], f"{path.name}: {errors}"
        assert page.title()
        page.close()


def test_every_link_resolves(browser, published):
    site = published / "site"
    for path in _pages(site):
        html = path.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+)', html):
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            assert (path.parent / href).resolve().exists(), f"{path.name} links to missing {href}"


def test_no_serious_accessibility_violations(browser, published):
    axe = Axe()
    for path in _pages(published / "site"):
        page, _, _ = _visit(browser, path)
        results = axe.run(page)
        serious = [
            (v["id"], v["help"]) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]  # fmt: skip
        assert serious == [], f"{path.name}: {serious}"
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_fit_the_width(browser, published, tmp_path, width):
    report = published / "site" / "2026-10" / "latam.html"
    page, _, _ = _visit(browser, report, width)
    shot = tmp_path / f"latam-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # nothing wider than the viewport: no sideways scrolling of the whole page on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_names_holding_html_show_as_text_and_no_script_runs(browser, published):
    page, remote, errors = _visit(browser, published / "site" / "2026-10" / "latam.html")
    assert page.evaluate("window.__pwned === undefined")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("main")
    assert remote == []
    assert errors == []
    page.close()
