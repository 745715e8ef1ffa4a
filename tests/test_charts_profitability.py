"""Profitability charts carry alt text with the figures they show."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from reportlib.analysis import profitability as prof
from reportlib.charts import profitability as charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
OCT = pd.Period("2026-10", "M")


def test_margin_vs_share_names_each_group_and_the_average():
    quality = pd.DataFrame(
        {
            "revenue_12m": [600.0, 400.0],
            "growth": [0.25, 0.10],
            "share_12m": [0.6, 0.4],
            "gross_margin_pct_12m": [0.5, 0.25],
            "verdict": [prof.ACCRETIVE, prof.DILUTIVE],
        },
        index=pd.Index(["Direct", "Partner"], name="channel"),
    )
    chart = charts.margin_vs_share(quality, FMT, "Channel")
    assert isinstance(chart.figure, Figure)
    assert "average margin of 40.0%" in chart.alt  # 0.6 × 0.5 + 0.4 × 0.25
    assert "Direct: 60.0% of revenue at 50.0% margin, growth +25.0% (accretive growth)" in chart.alt
    assert "Partner: 40.0% of revenue at 25.0% margin" in chart.alt
    assert "(dilutive growth)" in chart.alt


def test_margin_vs_share_needs_two_groups_with_sales():
    # one channel (issue #14): a lone dot at 100% share called "high margin, losing share"
    quality = pd.DataFrame(
        {
            "revenue_12m": [600.0, 0.0],
            "growth": [0.25, float("nan")],
            "share_12m": [1.0, 0.0],
            "gross_margin_pct_12m": [0.5, float("nan")],
            "verdict": [prof.HIGH_MARGIN_LAGGING, prof.NO_SALES],
        },
        index=pd.Index(["Direct", "Partner"], name="channel"),
    )
    with pytest.raises(ValueError, match="at least 2 groups with sales, not 1"):
        charts.margin_vs_share(quality, FMT, "Channel")


def test_margin_vs_share_leaves_out_an_unknown_growth():
    quality = pd.DataFrame(
        {
            "revenue_12m": [600.0, 400.0],
            "growth": [0.25, float("nan")],
            "share_12m": [0.6, 0.4],
            "gross_margin_pct_12m": [0.5, 0.25],
            "verdict": [prof.ACCRETIVE, prof.DILUTIVE],
        },
        index=pd.Index(["Direct", "Partner"], name="channel"),
    )
    alt = charts.margin_vs_share(quality, FMT, "Channel").alt
    assert "Partner: 40.0% of revenue at 25.0% margin, new this year (dilutive growth)." in alt
    assert "n/a" not in alt


def test_leakage_bars_this_year_against_last():
    frame = pd.DataFrame(
        {
            "list_value": [1000.0, 3000.0],
            "leakage": [0.256, 0.119],
            "leakage_before": [0.193, 0.123],
            "change": [0.063, -0.004],
        },
        index=pd.Index(["Partner", "Direct"], name="channel"),
    )
    chart = charts.leakage_bars(frame, FMT, "Channel", OCT)
    assert "12 months to October 2026 against 12 months to October 2025" in chart.alt
    assert "Partner: 25.6% against 19.3% (+6.3 pp)" in chart.alt
    assert "Direct: 11.9% against 12.3% (−0.4 pp)" in chart.alt
    month = charts.leakage_bars(frame, FMT, "Channel", OCT, months=1)
    assert "October 2026 against October 2025" in month.alt


def test_leakage_bars_with_a_missing_year():
    frame = pd.DataFrame(
        {"list_value": [100.0], "leakage": [0.2], "leakage_before": [float("nan")]},
        index=pd.Index(["Partner"], name="channel"),
    ).assign(change=float("nan"))
    chart = charts.leakage_bars(frame, FMT, "Channel", OCT)
    assert "Partner: 20.0%, no sales in 12 months to October 2025." in chart.alt
    assert "n/a" not in chart.alt


def _bridge(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.Index(prof.BRIDGE_STEPS, name="step"), name="amount")


def test_revenue_bridge_waterfall_lists_each_effect():
    bridge = _bridge([370.0, 0.0, 246.67, 28.33, 45.0, -90.0, 0.0, 600.0])
    chart = charts.revenue_bridge(bridge, FMT, OCT)
    bars = chart.figure.axes[0].patches
    # no product sold in one year only: those two steps are not drawn
    # each effect floats where the running total stands: 370, 616.67, 645, then 690 - 90
    # (bars run across the page, one step a row: a phone has room for their labels)
    assert [round(b.get_x(), 2) for b in bars] == [0.0, 370.0, 616.67, 645.0, 600.0, 0.0]
    assert [round(b.get_width(), 2) for b in bars] == [370.0, 246.67, 28.33, 45.0, 90.0, 600.0]
    # money in prose is rounded (issue #15): under $1,000, whole dollars
    assert "from $370 in 12 months to October 2025 to $600 in 12 months to" in chart.alt
    assert "volume $247, mix $28, list price $45, discount −$90" in chart.alt
    assert "new products" not in chart.alt


def test_revenue_bridge_draws_new_and_discontinued_products_apart():
    # the hand-worked bridge of tests/analysis/test_profitability.py::_sparse
    bridge = _bridge([990.0, -900.0, 18.0, 0.0, 0.0, -12.0, 700.0, 796.0])
    chart = charts.revenue_bridge(bridge, FMT, OCT)
    ax = chart.figure.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[1] == "Discontinued\nproducts" and ticks[-2] == "New\nproducts"
    # 990, down 900 to 90, up 18 to 108, 0, 0, down 12 to 96, up 700 to 796
    assert [round(b.get_x(), 2) for b in ax.patches] == [0, 90, 90, 108, 108, 96, 96, 0]
    assert "from $990 in 12 months to October 2025 to $796 in 12 months to" in chart.alt
    assert "discontinued products −$900, volume $18, mix $0, list price $0, " in chart.alt
    assert "discount −$12, new products $700." in chart.alt
    by_category = charts.revenue_bridge(bridge, FMT, OCT, by="category")
    assert "new categories $700" in by_category.alt


def test_revenue_bridge_alt_text_tells_steps_that_round_alike_apart():
    # issue #15: volume $1,240,000 and mix $1,160,000 both read "$1.2M" at one decimal; told
    # apart, every amount of the sentence takes two (trailing zeros dropped: $10M, $12.2M)
    # 10,000,000 + 1,240,000 + 1,160,000 + 300,000 − 500,000 = 12,200,000
    bridge = _bridge([10e6, 0.0, 1.24e6, 1.16e6, 300e3, -500e3, 0.0, 12.2e6])
    alt = charts.revenue_bridge(bridge, FMT, OCT).alt
    assert alt == (
        "Waterfall chart of net revenue from $10M in 12 months to October 2025 to $12.2M in "
        "12 months to October 2026: volume $1.24M, mix $1.16M, list price $300K, "
        "discount −$500K."
    )


def test_charts_draw_without_data():
    empty = pd.DataFrame(
        {"order_date": pd.to_datetime([]), "channel": pd.Series([], dtype="string")}
    ).assign(quantity=pd.array([], dtype="Int64"), list_price=[], net_revenue=[], cost=[])
    with pytest.raises(ValueError, match="at least 2 groups with sales, not 0"):
        charts.margin_vs_share(prof.growth_quality(empty, "channel", OCT), FMT, "Channel")
    leakage = prof.leakage_by(empty, "channel", OCT)
    assert "No sales in either span." in charts.leakage_bars(leakage, FMT, "Channel", OCT).alt
    bridge = charts.revenue_bridge(prof.revenue_bridge(empty, OCT, by="channel"), FMT, OCT)
    assert "from $0 in 12 months to October 2025" in bridge.alt
