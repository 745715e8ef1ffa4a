"""The index cards: revenue at budget rates, attainment month and year to date, the sparkline,
links to the page, PDF and workbook, and the badges explained (reportlib.site.index)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from reportlib.config import load_params
from reportlib.formatting import Formatter
from reportlib.site.index import (
    STATUS_MEANINGS,
    MalformedKpis,
    build_index,
    load_kpis,
    sparkline,
    sparkline_points,
)

PARAMS = load_params(Path(__file__).parents[1] / "params")
USD = Formatter("en_US", "USD")


def test_sparkline_points_by_hand():
    # 4 months over 120 × 32 px, 3 px inside: x steps (120 − 6) ÷ 3 = 38 px; 10 is the lowest
    # (y = 32 − 3 = 29), 30 the highest (y = 3), 20 half way (29 − 13 = 16); None breaks the line
    assert sparkline_points([10.0, 20.0, None, 30.0]) == [
        [(3.0, 29.0), (41.0, 16.0)],
        [(117.0, 3.0)],
    ]


def test_a_flat_series_sits_at_mid_height_and_one_month_draws_nothing():
    assert sparkline_points([5.0, 5.0]) == [[(3.0, 16.0), (117.0, 16.0)]]
    assert sparkline_points([None, 5.0]) == []
    assert sparkline_points([]) == []


def test_sparkline_is_inline_svg_named_by_a_sentence():
    values = [None] * 10 + [1000.0, 2500.0]
    svg = str(sparkline(values, pd.Period("2026-10", freq="M"), USD, USD))
    label = (
        "Revenue by month, September 2026 to October 2026: lowest $1K in September 2026, "
        "highest $2.5K in October 2026, the last month."
    )
    assert f'role="img" aria-label="{label}"' in svg
    assert f"<title>{label}</title>" in svg
    # month 10 of 12 at x = 3 + 10 × 114 ÷ 11 = 106.6, month 11 at 117
    assert '<polyline points="106.6,29 117,3"/>' in svg
    assert '<circle cx="117" cy="3"' in svg
    assert "href" not in svg and "<script" not in svg
    assert sparkline([None, 1.0], pd.Period("2026-10", freq="M"), USD, USD) is None
    # the last month in the middle: each figure said once, the last one too
    middle = str(sparkline([2.0e6, 1.0e6, 3.0e6, 2.5e6], pd.Period("2026-10", freq="M"), USD, USD))
    assert (
        "Revenue by month, July 2026 to October 2026: lowest $1M in August 2026, highest $3M in "
        "September 2026, $2.5M in October 2026."
    ) in middle
    falling = str(sparkline([2.0e6, 1.0e6], pd.Period("2026-10", freq="M"), USD, USD))
    assert "highest $2M in September 2026, lowest $1M in October 2026, the last month." in falling


def _kpis(region: str, **values) -> dict:
    base = {
        "region": region,
        "region_name": region,
        "period": "2026-10",
        "currency": "USD",
        "locale": "en_US",
        "status": "fresh",
        "revenue": 1000.0,
        "orders": 1,
        "customers": 1,
    }
    return {**base, **values}


def _publish(site: Path, region: str, record: dict, *extra: str) -> None:
    folder = site / "2026-10"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{region}.html").write_text("<p>report</p>", encoding="utf-8")
    (folder / f"{region}.kpis.json").write_text(json.dumps(record), encoding="utf-8")
    for name in extra:
        (folder / name).write_bytes(b"x")


def _card(html: str, name: str) -> str:
    start = html.index(f'<h3 class="report-card-title">{name}</h3>')
    return html[start : html.index("</li>", start)]


@pytest.fixture
def index(tmp_path) -> str:
    site = tmp_path / "site"
    _publish(
        site,
        "latam",
        _kpis(
            "latam",
            currency="BRL",
            locale="pt_BR",
            revenue=1_000_000.0,
            target=1_250_000.0,
            attainment=0.8,
            attainment_ytd=1.02,
            revenue_last_12_months=[None] * 9 + [800_000.0, 900_000.0, 1_000_000.0],
        ),
        "latam.pdf",
        "latam.xlsx",
    )
    _publish(site, "all", _kpis("all", revenue=5_000_000.0, attainment=0.95), "all.xlsx")
    return build_index(site, PARAMS).read_text(encoding="utf-8")


def test_a_region_card_shows_revenue_at_budget_rates(index):
    latam = _card(index, "Latin America")
    # R$ 1,000,000 × 0.18 (BRL's budget rate) ÷ 1.0 (USD's) = $180,000
    assert "≈ $180K USD at budget rates" in latam
    assert "at budget rates" not in _card(index, "Halvorsen Instruments")  # already in USD


def test_attainment_for_the_month_and_the_year_to_date(index):
    latam = _card(index, "Latin America")
    assert re.search(
        r"Well below target</strong>\s*<span[^>]*>80,0% of R\$\s1,2\smi in the month", latam
    )
    assert re.search(
        r'Year to date: <strong class="status-label status-ok">On target</strong>', latam
    )
    assert "102,0% of target" in latam
    company = _card(index, "Halvorsen Instruments")
    assert 'Year to date: <strong class="status-label status-neutral">No target</strong>' in company


def test_cards_link_the_page_pdf_and_workbook_that_are_there(index):
    latam = _card(index, "Latin America")
    assert 'href="2026-10/latam.html"' in latam
    assert 'href="2026-10/latam.pdf"' in latam
    assert 'href="2026-10/latam.xlsx"' in latam
    company = _card(index, "Halvorsen Instruments")
    assert 'href="2026-10/all.xlsx"' in company
    assert ".pdf" not in company


def test_the_card_draws_its_last_12_months(index):
    latam = _card(index, "Latin America")
    assert latam.count('<svg class="sparkline"') == 1
    assert "lowest R$\xa0800\xa0mil in August 2026, highest R$\xa01\xa0mi in October 2026" in latam
    assert "sparkline" not in _card(index, "Halvorsen Instruments")  # no series, no line


def test_the_badges_are_explained(index):
    legend = index[index.index('class="legend badge-legend"') :]
    for status, meaning in STATUS_MEANINGS.items():
        assert f'<span class="badge badge-{status}">' in legend
        assert meaning.replace("’", "&rsquo;") in legend or meaning in legend


@pytest.mark.parametrize("series", ["12", [1, "2"], [float("inf")], [True]])
def test_a_malformed_series_is_refused(tmp_path, series):
    path = tmp_path / "latam.kpis.json"
    path.write_text(json.dumps(_kpis("latam", revenue_last_12_months=series)), encoding="utf-8")
    with pytest.raises(MalformedKpis, match="revenue_last_12_months"):
        load_kpis(path, region_id="latam", period="2026-10")


def test_a_record_without_the_series_still_reads(tmp_path):
    path = tmp_path / "latam.kpis.json"
    path.write_text(json.dumps(_kpis("latam")), encoding="utf-8")
    kpis = load_kpis(path, region_id="latam", period="2026-10")
    assert kpis.revenue_last_12_months == ()
    assert kpis.attainment_ytd is None


def test_the_legend_and_the_year_to_date_line_read_as_sentences(index):
    from bs4 import BeautifulSoup

    text = " ".join(BeautifulSoup(index, "html.parser").get_text(" ").split())
    plain = " ".join(BeautifulSoup(index, "html.parser").get_text("").split())
    # the text a reader's browser shows (no space added between elements): sentences apart
    assert "or more. Below target: 90% to 100%. Well below target: under 90%. Amounts" in plain
    assert "Year to date: On target 102,0% of target" in plain
    assert "On target" in text
