"""The report's layout in a real browser: on A4 paper, on a 390 px phone, and its links.

One headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) for the module; the
pages are those of the session's ``published`` run (latam and the company, October 2026).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reportlib.site.pdf import BROWSER_ARGS, find_browser

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = find_browser()  # Debian's, or REPORTLIB_CHROMIUM: as `run --pdf` finds it

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")

MM = 96 / 25.4  # CSS pixels in a millimetre
PORTRAIT = round((210 - 2 * 14) * MM)  # A4 less reportlib.css's @page side margins: 688 px
LANDSCAPE = round((297 - 2 * 14) * MM)  # the @page wide, A4 landscape: 1017 px
REPORTS = ("all.html", "latam.html")

_OVERFLOWING = """(limit) => {
  const out = [];
  for (const el of document.querySelectorAll('main table, main figure, main img, main svg')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;  // not shown
    const wrapper = el.closest('.table-scroll') || el;
    const wide = getComputedStyle(wrapper).page === 'wide';
    if ((wide ? limit.landscape : limit.portrait) === window.innerWidth
        && (box.left < -1 || box.right > window.innerWidth + 1)) {
      const caption = el.querySelector('caption');
      out.push(`${el.tagName} ${Math.round(box.right)} px: `
        + (caption ? caption.textContent : (el.getAttribute('alt') || '')).slice(0, 60));
    }
  }
  return out;
}"""

_CARDS_OUT_OF_VIEW = """() => {
  const out = [];
  for (const table of document.querySelectorAll('main table')) {
    const row = table.querySelector('tbody tr');
    if (!row || table.getBoundingClientRect().width === 0) throw new Error('a table not shown');
    for (const cell of row.children) {
      const box = cell.getBoundingClientRect();
      if (box.left < 0 || box.right > window.innerWidth) {
        const caption = table.querySelector('caption');
        out.push(`${(caption ? caption.textContent : '').slice(0, 50)}: `
          + `${cell.getAttribute('data-label') || cell.textContent} at ${Math.round(box.right)}`);
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(BROWSER_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="module")
def month(published) -> Path:
    return published / "site" / "2026-10"


def _open(browser, path: Path, width: int, *, media: str = "screen"):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("name", REPORTS)
def test_no_table_or_figure_extends_past_an_a4_page(browser, month, name):
    limits = {"portrait": PORTRAIT, "landscape": LANDSCAPE}
    for width in (PORTRAIT, LANDSCAPE):  # each table measured on the page it prints on
        page = _open(browser, month / name, width, media="print")
        assert page.evaluate(_OVERFLOWING, limits) == [], f"{name} at {width} px"
        if width == PORTRAIT:
            assert page.locator("nav.toc").is_visible(), "the contents are printed"
            assert page.locator("table").count() > 0
        page.close()


@pytest.mark.parametrize("name", REPORTS)
def test_on_a_phone_every_column_of_a_table_is_in_view(browser, month, name):
    page = _open(browser, month / name, 390)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate(_CARDS_OUT_OF_VIEW) == []
    # a text column reads from the left, figures from the right
    assert page.evaluate("getComputedStyle(document.querySelector('td.num')).textAlign") in (
        "right",
        "end",
    )
    page.close()


def test_the_contents_stay_at_hand_on_a_wide_screen(browser, month):
    page = _open(browser, month / "all.html", 1280)
    page.mouse.wheel(0, 6000)
    page.wait_for_function("window.scrollY > 3000")
    box = page.locator("nav.toc").bounding_box()
    assert box is not None and 0 <= box["y"] < 100
    page.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' pdftotext")
def test_printed_pages_carry_header_page_numbers_and_confidentiality(browser, month, tmp_path):
    page = _open(browser, month / "latam.html", 1280)
    pdf = tmp_path / "latam.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) > 3
    for number, body in enumerate(pages, start=1):  # latam's report reads Portuguese
        assert f"Página {number} de {len(pages)}" in body
        assert "Confidencial — uso interno" in body
        header = "América Latina: relatório de vendas · outubro de 2026"
        assert (header in body) == (number > 1), f"page {number}: running header"


def _hrefs(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    nav = html[html.index('class="report-nav"') : html.index("</nav>", html.index("report-nav"))]
    return re.findall(r'href="([^"]+)"', nav)


def test_reports_link_the_index_the_regions_and_only_published_months(month):
    assert _hrefs(month / "all.html") == ["../index.html", "latam.html"]
    assert _hrefs(month / "latam.html") == ["../index.html"]  # no September report published
    for name in REPORTS:
        for href in _hrefs(month / name):
            assert (month / href).resolve().is_file(), f"{name} links to missing {href}"
