"""Highlights state their figures and skip what is missing."""

from reportlib.analysis.highlights import highlights
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def test_highlights_in_order_and_at_most_five():
    kpis = {
        "revenue": 5_683_841.5, "yoy_growth": 0.259,
        "revenue_ytd": 52_000_000.0, "target_ytd": 56_000_000.0, "attainment_ytd": 52 / 56,
        "gross_margin_pct_12m": 0.558, "gross_margin_pct_12m_change": 0.056,
        "nrr": 1.04, "churn_rate": 0.12,
        "top_competitor_gain": "Vantora", "top_competitor_share_change": 0.049,
        "win_rate_vs_top_competitor": 0.17,
        "new_product": "Insight Cloud", "new_product_share": 0.25,
    }  # fmt: skip
    assert highlights(kpis, FMT) == [
        "Revenue of $5,683,841.50, +25.9% on the same month last year.",
        "Year to date at 92.9% of target: $52M of $56M.",
        "Gross margin over the last 12 months 55.8%, +5.6 pp on the year before.",
        "Customers kept 104% of their revenue year on year (net revenue retention); 12.0% of "
        "them stopped buying.",
        "Vantora gained +4.9 pp of market share; the win rate against it is 17%.",
    ]


def test_missing_figures_are_skipped():
    assert highlights({"revenue": 10.0, "yoy_growth": None, "new_product": "X",
                       "new_product_share": 0.1}, FMT) == [
        "X brought 10.0% of the month's revenue."
    ]  # fmt: skip
