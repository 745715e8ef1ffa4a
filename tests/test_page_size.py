"""Every published page under 1 MB; its charts SVG, with alt text, legible on a phone.

Issue #15: on the sample, the company report was 1.5 MB and a region's 1.3 MB, nearly all of it
PNG charts; their text read 4–6 px on a phone 390 px wide. Reads the ``published`` site (no
run of its own, no browser: the page and its charts are read as files).
"""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

MAX_PAGE_BYTES = 1_000_000
PHONE_COLUMN = 332  # CSS px: a chart folded in a details block on a 390-px-wide phone
PHONE_TEXT_PX = 9.0
NO_ALT = "Chart (no description provided)"  # the template's fallback


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append({k: v or "" for k, v in attrs})


def images(page: Path) -> list[dict[str, str]]:
    parser = _Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


def smallest_text_on_phone(svg: str) -> float:
    """CSS px of the SVG's smallest text when the page shows it in the phone's column.

    matplotlib writes sizes in points (``font-size: 10px`` in a ``viewBox`` in points) and the
    width in points; the page shows the SVG at its own width (4/3 px a point), scaled down to
    the column.
    """
    width_pt = float(re.search(r'<svg [^>]*width="([\d.]+)pt"', svg).group(1))
    sizes = [float(s) for s in re.findall(r"font-size: ?([\d.]+)px", svg)]
    width_px = width_pt * 4 / 3
    return min(sizes) * 4 / 3 * min(1.0, PHONE_COLUMN / width_px)


def _reports(published: Path) -> list[Path]:
    pages = sorted((published / "site").glob("20??-??/*.html"))
    assert {p.name for p in pages} >= {"all.html", "latam.html"}
    return pages


def test_every_page_is_under_1_mb(published):
    pages = sorted((published / "site").rglob("*.html"))
    assert len(pages) >= 4
    sizes = {p.relative_to(published).as_posix(): p.stat().st_size for p in pages}
    assert {page: size for page, size in sizes.items() if size >= MAX_PAGE_BYTES} == {}


def test_every_chart_is_svg_with_its_alt_text(published):
    for page in _reports(published):
        charts = images(page)
        assert charts, f"{page.name} shows no chart"
        for image in charts:
            assert image["src"].startswith("data:image/svg+xml;base64,"), image["src"][:40]
            assert image["alt"].strip() and image["alt"] != NO_ALT


def test_every_chart_reads_at_9_px_on_a_phone_and_refers_to_nothing_outside(published):
    for page in _reports(published):
        for image in images(page):
            svg = base64.b64decode(image["src"].split(",", 1)[1]).decode("utf-8")
            shown = smallest_text_on_phone(svg)
            assert shown >= PHONE_TEXT_PX, (page.name, image["alt"][:60], round(shown, 1))
            # no font, image or stylesheet by address: only XML namespace names remain, and a
            # link is to a part of the file (a clip path) or holds its data (a colour bar)
            assert "http" not in re.sub(r'xmlns(?::\w+)?="[^"]*"', "", svg), image["alt"][:60]
            links = re.findall(r'href="([^"]*)"', svg)
            assert all(link.startswith(("#", "data:")) for link in links), image["alt"][:60]
            assert "@import" not in svg and "url(" not in svg.replace("url(#", "")


def test_smallest_text_on_phone_is_worked_out_from_points():
    # a 352.8-pt (4.9-inch, 470.4-px) figure with 10-pt text in a 332-px column: 9.41 px
    svg = '<svg width="352.8pt" height="244.8pt"><text style="font-size: 10px">a</text>'
    svg += '<text style="font-size: 12px">b</text></svg>'
    assert round(smallest_text_on_phone(svg), 2) == 9.41
    # the PNG era's figure, 648 pt (9 inches), with 8-point labels: 8 × 4/3 × 332 ÷ 864 = 4.10
    old = '<svg width="648pt" height="302.4pt"><text style="font-size: 8px">a</text></svg>'
    assert round(smallest_text_on_phone(old), 2) == 4.10
