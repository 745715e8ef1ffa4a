"""The retail sample profile rendered whole: every statement true, every section right or absent.

The retail profile (``reportlib sample-data --profile retail``) is shaped like a retailer's order
export, unlike the sample company the analyses were first built on (see
``reportlib.sample_retail.PLANTED_FACTS``). Each test names the false statement the reports made
on such data before the rules of the glossary's "How the report judges".
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPORTS = ("all", "apac", "emea", "latam", "na")
SENTENCE_TAGS = ("p", "li", "figcaption", "caption")


def _page(out: Path, report: str, month: str = "2026-10") -> BeautifulSoup:
    html = (out / "site" / month / f"{report}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _sentences(page: BeautifulSoup) -> list[str]:
    """The running text of a page: paragraphs, list items, captions and the images' alt texts."""
    found = [" ".join(t.get_text(" ").split()) for t in page.find_all(SENTENCE_TAGS)]
    return found + [img["alt"] for img in page.find_all("img") if img.get("alt")]


def _section(page: BeautifulSoup, title: str) -> str:
    """The text of the section under the heading ``title``, up to the next section heading."""
    heading = page.find(lambda t: t.name == "h2" and t.get_text(" ").strip().startswith(title))
    assert heading is not None, f"no section {title!r}"
    text = []
    for node in heading.find_all_next():
        if node.name == "h2":
            break
        if node.name in SENTENCE_TAGS:
            text.append(" ".join(node.get_text(" ").split()))
    return " ".join(text)


def _kpis(out: Path, report: str, month: str = "2026-10") -> dict:
    return json.loads((out / "site" / month / f"{report}.kpis.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(retail_published) -> dict[str, BeautifulSoup]:
    return {report: _page(retail_published, report) for report in REPORTS}


def test_every_report_renders(retail_published):
    for report in REPORTS:
        assert _kpis(retail_published, report)["revenue"] > 0
    assert _kpis(retail_published, "emea", "2026-03")["revenue"] > 0


def test_a_relisted_product_is_not_new(pages, retail_published):
    # Canvas Weekender Bag, sold until October 2024, came back under a new id in October 2026:
    # it was "the newest product" of three reports
    for report, page in pages.items():
        text = " ".join(_sentences(page))
        assert "Canvas Weekender Bag" not in text, report
        assert _kpis(retail_published, report)["new_product"] != "Canvas Weekender Bag"


SAYS = {
    "en": {
        "customers": "Customers",
        "moved": "{n} customers who bought in",
        "one channel": "one sales channel, E-commerce",
        "losing share": "losing share",
        "wape warning": "more than the 10% beyond which this report warns",
    },
    "es": {
        "customers": "Clientes",
        "moved": "{n} clientes que compraron en",
        "one channel": "un solo canal de ventas, E-commerce",
        "losing share": "perdiendo participación",
        "wape warning": "más que el 10% a partir del cual este informe advierte",
    },
}
"""What the pages say, in each report's language (Latin America's reads Spanish here)."""


def _says(report: str, what: str) -> str:
    return SAYS["es" if report == "latam" else "en"][what]


def test_a_product_new_to_a_region_is_not_called_new_to_the_company(pages, retail_published):
    # Summit Tent 2P, first sold in Latin America in August 2026, sold elsewhere since 2023
    text = " ".join(_sentences(pages["latam"]))
    assert "Summit Tent 2P es nuevo en América Latina, no para la empresa" in text
    assert _kpis(retail_published, "latam")["new_product"] != "Summit Tent 2P"


def test_customers_who_moved_region_are_not_counted_lost(pages, retail_published):
    for report in ("apac", "emea", "latam", "na"):
        kpis = _kpis(retail_published, report)
        assert kpis["customers_moved"] > 0, report
        text = _section(pages[report], _says(report, "customers"))
        moved = _says(report, "moved").format(n=kpis["customers_moved"])
        assert moved in text, report
        # churn counts the customers lost to the company only: lost ÷ (at start − moved)
        start, lost = kpis["customers_at_start"], kpis["customers_lost"]
        assert kpis["churn_rate"] == pytest.approx(lost / (start - kpis["customers_moved"]))
    assert _kpis(retail_published, "all")["customers_moved"] is None


def test_a_seasonal_dip_is_not_a_decline(retail_published):
    # EMEA's active customers fall every first quarter to about half: in March 2026 the fall
    # from December is no deeper than a year earlier, so it is called the season's
    text = _section(_page(retail_published, "emea", "2026-03"), "Customers")
    assert "a seasonal dip, not a decline" in text
    assert "steepest recent three-month fall" not in text.lower()


def test_an_old_fall_is_not_a_headline(pages):
    # in October the first quarter's fall is seven months old
    text = _section(pages["emea"], "Customers")
    assert "No three-month fall in active customers" in text or "fall" not in text


def test_one_channel_is_not_compared_with_itself(pages):
    for report, page in pages.items():
        text = " ".join(_sentences(page))
        assert _says(report, "losing share") not in text, report
        assert _says(report, "one channel") in text, report
        assert not [s for s in _sentences(page) if s.startswith("Scatter")], report


def test_the_bridge_gives_one_year_products_their_own_steps(pages):
    # most of Asia Pacific's revenue comes from collections sold in one of the two years only
    alt = next(s for s in _sentences(pages["apac"]) if s.startswith("Waterfall chart of net"))
    assert "discontinued products −$" in alt and "new products $" in alt
    assert "The volume, mix, list price and discount steps cover the products sold in both" in (
        " ".join(_sentences(pages["apac"]))
    )


def test_a_negative_month_margin_raises_the_alarm(pages):
    latam = _sentences(pages["latam"])
    # in Spanish: "The month's gross margin was −6,0%: its sales cost R$ ... more than ..."
    assert any(
        s.startswith("El margen bruto del mes fue del −6,0%: las ventas costaron R$") for s in latam
    )
    assert "Vendido por debajo del costo" in latam  # the gross margin tile's status
    company = " ".join(_sentences(pages["all"]))
    assert "In Latin America the month's gross margin was −6.0%" in company
    assert "In Latin America the month's sales cost $" in company


def test_the_company_report_is_never_called_a_region(pages):
    summary = _section(pages["all"], "Executive summary")
    assert "the company stands" in summary
    assert "region" not in summary.lower()


def test_forecasts_and_their_probabilities_hold(pages, retail_published):
    for report, page in pages.items():
        kpis = _kpis(retail_published, report)
        assert kpis["forecast_next_month_lo80"] >= 0, report
        text = " ".join(_sentences(page))
        assert not re.search(r"probability of (99|100)[.,]?\d*%", text), report
        if kpis["forecast_backtest_wape"] > 0.10:
            assert _says(report, "wape warning") in text, report


# what no sentence of any page may hold, on any data
NEVER = {
    "n/a in a sentence": re.compile(r"(?<![\"“])\bn/a\b"),  # the glossary quotes "n/a"
    "a plural after one": re.compile(r"(?<![\d.,])1 (customers|products|campaigns|reps|deals)\b"),
    "a possessive after s": re.compile(r"s's\b"),
    "a signed figure after a verb of direction": re.compile(
        r"\b(rose|fell|grew|gained|lost|dropped|up|down) (by )?[+−-]\d"
    ),
    "a hyphen for a minus": re.compile(r"(?<![\w/-])-\d"),
    "a raw float": re.compile(r"\d[.,]\d{5,}"),
    "a doubled sign": re.compile(r"[+−-][+−-]\d"),
}


@pytest.mark.parametrize("kind", sorted(NEVER))
def test_no_sentence_of_a_retail_page_is_malformed(pages, retail_published, kind):
    found = []
    march = {"emea 2026-03": _page(retail_published, "emea", "2026-03")}
    for report, page in {**pages, **march}.items():
        found += [(report, s) for s in _sentences(page) if NEVER[kind].search(s)]
    assert found == []


@pytest.mark.parametrize("kind", sorted(NEVER))
def test_no_sentence_of_a_sample_page_is_malformed(published, kind):
    found = []
    for report in ("all", "latam"):
        page = _page(published, report)
        found += [(report, s) for s in _sentences(page) if NEVER[kind].search(s)]
    assert found == []
