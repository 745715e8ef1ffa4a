"""The revenue series and the time-series forecast, on tiny series worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from reportlib.analysis import forecast as fc

P = pd.Period
OCT = P("2026-10", "M")


def monthly(values, end="2026-10") -> pd.Series:
    index = pd.period_range(end=end, periods=len(values), freq="M", name="month")
    return pd.Series(np.asarray(values, dtype=float), index=index, name="revenue")


# --- the revenue series ------------------------------------------------------------------------


def test_revenue_series_fills_gaps_to_the_period_and_drops_later_orders():
    orders = pd.DataFrame(
        {
            "order_id": ["A", "B", "C", "D"],
            "customer_id": ["C1", "C1", "C2", "C3"],
            "order_date": pd.to_datetime(["2026-06-03", "2026-06-20", "2026-08-09", "2026-11-02"]),
            "net_revenue": [10.0, 5.0, 7.0, 99.0],
            "cost": [1.0, 1.0, 1.0, 1.0],
        }
    )
    series = fc.revenue_series(orders, OCT)
    # June 15, July 0, August 7, September 0, October 0; November's order is after the period
    assert series.index[0] == P("2026-06", "M") and series.index[-1] == OCT
    assert series.tolist() == [15.0, 0.0, 7.0, 0.0, 0.0]
    # no order at all: the reported month alone, at 0
    assert fc.revenue_series(orders.iloc[:0], OCT).to_dict() == {OCT: 0.0}


# --- the time-series forecast ------------------------------------------------------------------


def test_no_history_and_very_short_history():
    empty = fc.forecast_revenue(monthly([]))
    assert empty.model is None and empty.note == "no revenue history"
    assert empty.forecast.empty and empty.backtest_wape() is None

    two = fc.forecast_revenue(monthly([100.0, 140.0]), horizon=3)
    assert two.model == "mean"
    assert two.forecast["forecast"].tolist() == [120.0, 120.0, 120.0]  # (100 + 140) ÷ 2
    assert two.forecast["lo80"].isna().all() and two.paths is None
    assert "only 2 month(s)" in two.note
    assert two.forecast.index[0] == P("2026-11", "M")


def test_short_linear_history_chooses_drift_without_baseline():
    # 10 months rising by 10: drift forecasts each month exactly, naïve is 10 short every time
    f = fc.forecast_revenue(monthly(range(100, 200, 10)), horizon=3)
    assert f.model == "drift"
    assert set(f.accuracy.index) == {"naive", "drift"}
    assert f.backtest_wape() == 0.0
    assert f.backtest_wape("seasonal_naive") is None  # no baseline under 15 months
    assert "no seasonal model" in f.note
    # backtest: one-step forecasts of the last 8 months (origins need two months before them)
    assert len(f.backtest) == 8
    assert f.accuracy.loc["naive", "mae"] == pytest.approx(10.0)
    assert f.forecast["forecast"].tolist() == [200.0, 210.0, 220.0]
    # the drift backtest errors are all 0, so every simulated path is the point forecast
    assert f.forecast["lo95"].tolist() == [200.0, 210.0, 220.0]
    assert f.forecast["baseline"].isna().all()


def test_exact_season_chooses_seasonal_naive_and_skips_ets_under_30_months(calendar_pattern):
    series = calendar_pattern("2025-03", "2026-10")  # 20 months
    f = fc.forecast_revenue(series)
    assert f.model == "seasonal_naive"
    assert set(f.accuracy.index) == {"seasonal_naive", "drift"}
    assert len(f.backtest) == 8  # 20 − 12 months have a value a year earlier
    assert f.backtest_wape() == 0.0
    assert "ETS needs 30" in f.note
    # November 111, December 112, then January 101 …
    assert f.forecast["forecast"].iloc[:3].tolist() == [111.0, 112.0, 101.0]
    assert f.forecast["baseline"].iloc[:3].tolist() == [111.0, 112.0, 101.0]
    table = fc.accuracy_table(f)
    assert table.loc["Seasonal naïve", "role"] == "chosen, baseline"
    assert table.index[0] == "Seasonal naïve"  # lowest WAPE first


def test_three_years_of_seasonal_growth_compare_four_models():
    t = np.arange(36)
    season = np.array([0.85, 0.9, 1.1, 0.95, 1.0, 1.12, 0.9, 0.82, 1.1, 1.0, 1.05, 1.25])
    noise = np.random.default_rng(3).normal(1, 0.02, 36)
    series = monthly(1000 * 1.01**t * np.tile(season, 3) * noise)
    before = series.copy()
    f = fc.forecast_revenue(series)
    pd.testing.assert_series_equal(series, before)  # input not mutated
    assert set(f.accuracy.index) == {
        "seasonal_naive",
        "drift",
        "ets_additive",
        "ets_multiplicative",
    }
    assert len(f.backtest) == 12
    assert f.model == f.accuracy["wape"].idxmin()
    # a trend of 1% a month: seasonal naïve runs about 12% short, ETS follows the trend
    assert f.accuracy.loc["seasonal_naive", "bias"] == pytest.approx(-0.11, abs=0.03)
    assert f.model.startswith("ets")
    assert f.backtest_wape() < f.backtest_wape("seasonal_naive")
    out = f.forecast
    assert (out["lo95"] < out["lo80"]).all() and (out["lo80"] < out["forecast"]).all()
    assert (out["forecast"] < out["hi80"]).all() and (out["hi80"] < out["hi95"]).all()
    assert f.paths.shape == (fc.PATHS, fc.HORIZON)
    assert f.note == ""
    # the same data give the same figures (fixed seed)
    pd.testing.assert_frame_equal(fc.forecast_revenue(series).forecast, out)


def test_zero_month_rules_out_multiplicative_seasonality():
    values = 100.0 + np.tile(np.arange(12.0), 3)
    values[30] = 0.0
    f = fc.forecast_revenue(monthly(values))
    assert "ets_multiplicative" not in f.accuracy.index
    assert "at or below zero" in f.note
    assert f.accuracy.loc["seasonal_naive", "mape"] is not None


@pytest.mark.parametrize(
    "values",
    [
        np.zeros(36),  # nothing sold
        np.full(36, 5.0),  # flat
        np.r_[np.zeros(20), np.full(16, 1e6)],  # a region that started late
        np.r_[np.full(35, 100.0), 1e9],  # one wild month
        np.tile([-50.0, 80.0, 10.0], 12),  # credit notes
    ],
    ids=["zeros", "flat", "late-start", "spike", "negative"],
)
def test_odd_histories_never_raise_or_warn(values):
    # pyproject turns warnings into errors: any statsmodels warning leaking would fail here
    f = fc.forecast_revenue(monthly(values))
    assert f.model is not None
    assert np.isfinite(f.forecast["forecast"]).all()


# --- a non-negative series is never forecast below zero ----------------------------------------


def test_a_declining_series_is_forecast_down_to_zero_not_below():
    # 50, 40, 30, 20, 10: drift forecasts its backtest exactly (slope −10, RMSE 0), and its line
    # runs on to 0, −10, −20; revenue that has never been negative is forecast at 0 instead
    f = fc.forecast_revenue(monthly([50.0, 40, 30, 20, 10]), horizon=3)
    assert f.model == "drift" and f.backtest_wape() == 0.0
    for column in ("forecast", "lo80", "hi80", "lo95", "hi95"):
        assert f.forecast[column].tolist() == [0.0, 0.0, 0.0], column
    assert (f.paths == 0.0).all()


def test_wide_intervals_of_a_non_negative_series_stop_at_zero():
    # 100, 20 alternating: naïve misses every backtest month by 80 (RMSE 80; drift does worse),
    # so the paths are 20 + a random walk of sd 80: the 10th percentile of November alone is
    # 20 − 1.28 × 80 ≈ −82 before the floor, 0 after it
    f = fc.forecast_revenue(monthly([100.0, 20] * 4), horizon=3)
    assert f.model == "naive" and f.accuracy.loc["naive", "rmse"] == pytest.approx(80.0)
    assert f.forecast["forecast"].tolist() == [20.0, 20.0, 20.0]
    assert f.forecast["lo80"].tolist() == [0.0, 0.0, 0.0]
    assert f.forecast["lo95"].tolist() == [0.0, 0.0, 0.0]
    assert (f.forecast["hi80"] > 100).all() and (f.paths >= 0).all()


def test_a_series_with_a_month_below_zero_keeps_its_forecasts_below_zero():
    # credit notes made December negative once: the floor does not apply; drift runs on, slope −10
    f = fc.forecast_revenue(monthly([40.0, 30, 20, 10, 0, -10]), horizon=3)
    assert f.model == "drift"
    assert f.forecast["forecast"].tolist() == [-20.0, -30.0, -40.0]
    assert f.forecast["lo95"].tolist() == [-20.0, -30.0, -40.0]
