"""Highlights state their figures and skip what is missing."""

import pandas as pd

from reportlib.analysis.highlights import highlights, summary
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")


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


def test_summary_states_attainment_and_margin_when_known():
    kpis = {
        "revenue": 960.0, "target": 1000.0, "attainment": 0.96, "gross_margin_pct": 0.5,
        "attainment_qtd": 0.9, "attainment_ytd": 1.05,
    }  # fmt: skip
    assert summary(kpis, FMT, "North America", OCT) == (
        "North America invoiced $960.00 in October 2026, 96.0% of its $1,000.00 target, with a "
        "gross margin of 50.0%. Quarter to date the region stands at 90.0% of target, year to "
        "date at 105.0%."
    )


def test_summary_leaves_out_what_was_not_delivered():
    # no targets table, no cost column: the clauses go, no "n/a" is written
    kpis = {"revenue": 960.0, "target": None, "attainment": None, "gross_margin_pct": None,
            "attainment_qtd": None, "attainment_ytd": None}  # fmt: skip
    assert summary(kpis, FMT, "Retail", OCT) == "Retail invoiced $960.00 in October 2026."
    with_targets = {**kpis, "target": 1000.0, "attainment": 0.96}
    assert summary(with_targets, FMT, "Retail", OCT) == (
        "Retail invoiced $960.00 in October 2026, 96.0% of its $1,000.00 target."
    )
