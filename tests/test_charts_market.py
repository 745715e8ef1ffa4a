"""Market charts carry alt text with the figures they show."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from reportlib.analysis.market import NO_COMPETITOR
from reportlib.charts import market as charts
from reportlib.formatting import Formatter

FMT = Formatter("pt_BR", "BRL")
P = pd.Period("2026-10", "M")


def test_win_rate_bars_alt_text_names_rates_counts_and_baseline():
    frame = pd.DataFrame(
        {
            "closed": [100, 96, 264],
            "won": [17, 26, 144],
            "lost": [83, 70, 120],
            "win_rate": [0.17, 26 / 96, 144 / 264],
        },
        index=pd.Index(["Vantora", "Orbis", NO_COMPETITOR], name="competitor"),
    )
    chart = charts.win_rate_bars(frame, FMT, P)
    assert isinstance(chart.figure, Figure)
    assert "12 months to October 2026" in chart.alt
    assert "Vantora: 17,0% (17 won of 100)" in chart.alt
    assert "Orbis: 27,1% (26 won of 96)" in chart.alt
    assert "without a competitor, 54,5% (144 won of 264)" in chart.alt


def test_win_rate_bars_of_one_competitor_or_none_are_not_drawn():
    # issue #14: one bar is no comparison (analysis.market.too_few_rivals instead)
    one = pd.DataFrame(
        {"closed": [100, 264], "won": [17, 144], "lost": [83, 120], "win_rate": [0.17, 144 / 264]},
        index=pd.Index(["Vantora", NO_COMPETITOR], name="competitor"),
    )
    with pytest.raises(ValueError, match="at least 2 competitors with closed deals, not 1"):
        charts.win_rate_bars(one, FMT, P)
    with pytest.raises(ValueError, match="not 0"):
        charts.win_rate_bars(one.iloc[1:], FMT, P)
    empty = pd.DataFrame(
        {"closed": [], "won": [], "lost": [], "win_rate": []},
        index=pd.Index([], name="competitor"),
    )
    with pytest.raises(ValueError, match="not 0"):
        charts.win_rate_bars(empty, FMT, P)


def test_market_share_lines_alt_text_names_first_and_last_share():
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    shares = pd.DataFrame(
        {"Own Co": [0.25, 0.24, 0.2], "Vantora": [0.3, 0.33, 0.361], "Kestrel": [0.2, 0.2, 0.19]},
        index=months,
    )
    chart = charts.market_share_lines(shares, FMT)
    assert chart.alt.startswith(
        "Line chart of monthly market share from August 2026 to October 2026, Own Co"
    )
    assert "Own Co: 25,0% to 20,0%" in chart.alt
    assert "Vantora: 30,0% to 36,1%" in chart.alt
    assert "Kestrel: 20,0% to 19,0%" in chart.alt


def test_market_share_lines_of_one_company_or_none_are_not_drawn():
    # issue #14: one line at 100% is no comparison (analysis.market.too_few_companies instead)
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    alone = pd.DataFrame({"Own Co": [1.0, 1.0, 1.0], "Vantora": [0.0, None, 0.0]}, index=months)
    with pytest.raises(ValueError, match="at least 2 companies with sales, not 1"):
        charts.market_share_lines(alone, FMT)
    with pytest.raises(ValueError, match="not 0"):
        charts.market_share_lines(pd.DataFrame(), FMT)


def test_market_share_ticks_never_repeat_on_small_shares():
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    shares = pd.DataFrame({"Own Co": [0.001, 0.002, 0.003], "Vantora": [0.002] * 3}, index=months)
    ax = charts.market_share_lines(shares, FMT).figure.axes[0]
    ax.figure.draw_without_rendering()
    low, high = sorted(ax.get_ylim())
    labels = [
        t.get_text()
        for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
        if low <= y <= high
    ]
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels
    # the legend under the chart names each line with its last share
    assert "Own Co 0,3%" in {t.get_text() for t in ax.figure.legends[0].get_texts()}


def test_market_share_lines_alt_text_gives_known_shares_only():
    months = pd.period_range("2026-08", "2026-10", freq="M", name="month")
    nan = float("nan")
    shares = pd.DataFrame(
        {"Own Co": [nan, 0.2, 0.25], "Vantora": [0.3, 0.3, nan], "Kestrel": [nan] * 3},
        index=months,
    )
    chart = charts.market_share_lines(shares, FMT)
    assert "n/a" not in chart.alt
    assert "Own Co: 20,0% to 25,0%" in chart.alt  # its first known month is September
    assert "Vantora: 30,0% to 30,0%" in chart.alt
    assert "Kestrel" not in chart.alt.split(". ", 1)[1]  # no share at all: not listed
