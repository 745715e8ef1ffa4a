"""The executive summary and the recommendations as published (issue #15): the company's region
strip, rounded money in their prose, and a recommendations section that does not repeat the
summary word for word. Reads the shared ``published`` run (latam and the company)."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportlib.config import load_params, project_dir

EXACT_MONEY = re.compile(
    r"\$[\d,]*\d\.\d\d(?![\d.]*\s?[KMB]\b)"  # $5,683,841.50, not $5.68M
    r"|R\$\s[\d.]*\d,\d\d(?![\d,]*\s(?:mil|mi|bi)\b)"  # R$ 1.234,50, not R$ 6,96 mi
)
"""Money written to the cent: in a table, never in a sentence or a tile."""


def _page(out: Path, report: str) -> BeautifulSoup:
    html = (out / "site" / "2026-10" / f"{report}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _section(page: BeautifulSoup, title: str) -> list:
    """The elements of the section under the ``h2`` heading ``title``, up to the next one."""
    heading = page.find(lambda t: t.name == "h2" and t.get_text(" ").strip().startswith(title))
    assert heading is not None, f"no section {title!r}"
    found = []
    for node in heading.find_all_next():
        if node.name == "h2":
            break
        found.append(node)
    return found


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_the_company_summary_links_each_region_with_its_status(published):
    regions = load_params(project_dir() / "params").regions
    summary = _section(_page(published, "all"), "Executive summary")
    strip = next(n for n in summary if "region-strip" in (n.get("class") or []))
    tiles = strip.find_all("div", class_="kpi")
    # the published run renders latam and the company: latam's tile links its page, the other
    # regions, whose pages the site does not hold, are named without a link
    links = [t.find("a") for t in tiles]
    assert [a and a["href"] for a in links] == [
        "latam.html" if rid == "latam" else None for rid in regions
    ]
    names = [_text(t.find(class_="report-link")) for t in tiles]
    assert names == [r.name for r in regions.values()]
    for tile in tiles:
        month, ytd = (_text(p) for p in tile.find_all("p", class_="note"))
        assert month.startswith("Month ") and ytd.startswith("Year to date")
        # the status in words beside its colour
        assert re.search(r"(On target|Below target|Well below target|No target)$", month)
    latam = _section(_page(published, "latam"), "Resumo executivo")  # latam reads Portuguese
    assert not any("region-strip" in (n.get("class") or []) for n in latam)


TITLES = {
    "all": ("Executive summary", "Recommendations", "What to do first", "n/a"),
    "latam": ("Resumo executivo", "Recomendações", "O que fazer primeiro", "n/d"),  # Portuguese
}
"""Each published report's summary and recommendations headings, its "what to do first" title
and its word for a missing figure, in the report's language."""


@pytest.mark.parametrize("report", ["all", "latam"])
def test_summary_and_recommendations_write_money_rounded(published, report):
    page = _page(published, report)
    summary, recommendations, _first, missing = TITLES[report]
    for title in (summary, recommendations):
        said = [_text(n) for n in _section(page, title) if n.name in ("p", "li")]
        assert said, title
        assert [s for s in said if EXACT_MONEY.search(s)] == [], title
        assert not [s for s in said if re.search(rf"\b{missing}\b", s)], title


@pytest.mark.parametrize("report", ["all", "latam"])
def test_the_recommendations_section_does_not_repeat_the_summary(published, report):
    page = _page(published, report)
    summary_title, recommendations, first, _missing = TITLES[report]
    summary = _section(page, summary_title)
    title = next((n for n in summary if _text(n) == first), None)
    assert title is not None
    top = [_text(li) for li in title.find_next("ol").find_all("li")]
    assert 1 <= len(top) <= 3
    section = _section(page, recommendations)
    items = [_text(li) for n in section if n.name == "ol" for li in n.find_all("li")]
    assert len(items) >= len(top)
    for line, item in zip(top, items, strict=False):
        assert line != item and line in item  # the same action, said with its reason
