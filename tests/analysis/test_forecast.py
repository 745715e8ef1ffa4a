"""Forecast analyses against figures worked out by hand on tiny series and deals."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import forecast as fc
from reportlib.config import load_params
from reportlib.report import prepare

P = pd.Period
OCT = P("2026-10", "M")
ROOT = Path(__file__).resolve().parents[2]


def monthly(values, end="2026-10") -> pd.Series:
    index = pd.period_range(end=end, periods=len(values), freq="M", name="month")
    return pd.Series(np.asarray(values, dtype=float), index=index, name="revenue")


def calendar_pattern(start: str, end: str) -> pd.Series:
    """Revenue = 100 + month number (January 101 … December 112): an exact 12-month season."""
    index = pd.period_range(start, end, freq="M", name="month")
    return pd.Series(100.0 + index.month, index=index, name="revenue")


# --- simple methods and accuracy ---------------------------------------------------------------


def test_simple_methods():
    history = np.array([1.0, 2, 3, 4, 5, 6, 7, 8])
    # season 4: the last four values repeat
    assert fc.seasonal_naive_forecast(history, 6, season=4).tolist() == [5, 6, 7, 8, 5, 6]
    # slope (16 − 10) ÷ (3 − 1) = 3
    assert fc.drift_forecast(np.array([10.0, 12, 16]), 2).tolist() == [19, 22]
    assert fc.naive_forecast(np.array([10.0, 12, 16]), 2).tolist() == [16, 16]
    assert fc.mean_forecast(np.array([10.0, 12, 17]), 2).tolist() == [13, 13]
    assert fc.drift_forecast(np.array([7.0]), 2).tolist() == [7, 7]  # one value: no slope


def test_accuracy_measures():
    actual = [100.0, 200.0, 0.0, 100.0]
    forecast = [110.0, 180.0, 10.0, 120.0]
    # e = A − F = −10, 20, −10, −20
    training = [10.0, 20.0, 14.0, 26.0]  # season 2: |14 − 10|, |26 − 20| → scale 5
    m = fc.accuracy(actual, forecast, training, season=2)
    assert m["n"] == 4
    assert m["mae"] == pytest.approx(15.0)  # 60 ÷ 4
    assert m["rmse"] == pytest.approx(np.sqrt(250.0))  # (100 + 400 + 100 + 400) ÷ 4
    assert m["mape"] == pytest.approx(0.4 / 3)  # 0.1, 0.1, 0.2 over the three nonzero months
    assert m["wape"] == pytest.approx(0.15)  # 60 ÷ 400
    assert m["bias"] == pytest.approx(0.05)  # (10 − 20 + 10 + 20) ÷ 400
    assert m["mase"] == pytest.approx(3.0)  # 15 ÷ 5


def test_accuracy_edge_cases():
    zeros = fc.accuracy([0.0, 0.0], [1.0, 2.0], [5.0, 5.0, 5.0])
    assert zeros["mae"] == pytest.approx(1.5)
    assert zeros["mape"] is None and zeros["wape"] is None and zeros["bias"] is None
    # training no longer than a season: scaled by the naïve method, |5 − 5| = 0 → no MASE
    assert zeros["mase"] is None
    short = fc.accuracy([10.0], [8.0], [1.0, 4.0, 6.0])  # naïve scale (3 + 2) ÷ 2 = 2.5
    assert short["mase"] == pytest.approx(2 / 2.5)
    empty = fc.accuracy([], [])
    assert empty["n"] == 0 and empty["mae"] is None and empty["wape"] is None


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


def test_exact_season_chooses_seasonal_naive_and_skips_ets_under_30_months():
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


# --- landing -----------------------------------------------------------------------------------


@pytest.fixture
def targets() -> pd.DataFrame:
    months = [str(p) for p in pd.period_range("2026-01", "2026-12", freq="M")]
    # two reps: 60 + 50 = 110 a month
    return pd.DataFrame(
        {
            "month": months * 2,
            "rep_id": ["R1"] * 12 + ["R2"] * 12,
            "target": [60.0] * 12 + [50.0] * 12,
        }
    )


def test_landing_of_quarter_and_year(targets):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    land = fc.landing(f, targets, OCT)
    q, y = land.loc["quarter"], land.loc["year"]
    # quarter Oct–Dec: October 110 invoiced + November 111 + December 112 forecast
    assert q["start"] == OCT and q["end"] == P("2026-12", "M") and q["months_left"] == 2
    assert q["actual_to_date"] == 110.0 and q["forecast_rest"] == 223.0 and q["landing"] == 333.0
    assert q["target"] == 330.0 and q["gap"] == 3.0
    assert q["attainment"] == pytest.approx(333 / 330)
    # the seasonal naïve backtest has no error: every path lands on 333 ≥ 330
    assert q["probability"] == 1.0
    assert q["landing_lo80"] == 333.0
    # year Jan–Dec: Σ(101 … 110) = 1,055 invoiced + 223 → 1,278 against 12 × 110 = 1,320
    assert y["actual_to_date"] == 1055.0 and y["landing"] == 1278.0 and y["target"] == 1320.0
    assert y["probability"] == 0.0


def test_landing_in_a_quarters_last_month_and_without_targets(targets):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    # fiscal year from February: quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan
    land = fc.landing(f, targets, OCT, fiscal_year_start_month=2)
    q = land.loc["quarter"]
    assert q["start"] == P("2026-08", "M") and q["months_left"] == 0
    assert q["landing"] == 327.0  # 108 + 109 + 110, all invoiced
    assert q["probability"] == 0.0  # 327 < 330, nothing left to sell
    # fiscal year Feb 2026 – Jan 2027: the January 2027 target is missing, so 11 × 110
    assert land.loc["year", "target"] == 1210.0
    bare = fc.landing(f, None, OCT)
    assert bare["target"].isna().all() and bare["probability"].isna().all()
    assert bare.loc["quarter", "landing"] == 333.0
    with pytest.raises(ValueError, match="ends in 2026-10"):
        fc.landing(f, targets, P("2026-09", "M"))


# --- the pipeline's view -----------------------------------------------------------------------


@pytest.fixture
def opps() -> pd.DataFrame:
    rows = [
        # id, created, close, closed, won, category, amount, probability
        ("D1", "2026-08-01", "2026-10-05", True, True, "Closed", 100.0, 1.0),
        ("D2", "2026-07-01", "2026-09-20", True, True, "Closed", 250.0, 1.0),  # last quarter
        ("D3", "2026-09-01", "2026-11-15", False, False, "Commit", 200.0, 0.9),
        ("D4", "2026-09-10", "2026-12-31", False, False, "BestCase", 300.0, 0.5),  # API value
        ("D5", "2026-09-10", "2027-01-10", False, False, "Commit", 400.0, 0.9),  # next quarter
        ("D6", "2026-10-01", "2026-11-01", False, False, "Most Likely", 50.0, 0.7),
        ("D7", "2026-10-02", "2026-12-01", False, False, "Pipeline", 1000.0, 0.1),
        ("D8", "2026-08-01", "2026-10-15", True, False, "Omitted", 500.0, 0.0),  # lost
        ("D9", "2026-10-03", "2026-11-20", False, False, "Omitted", 80.0, 0.2),
        ("D10", "2026-11-05", "2026-12-10", False, False, "Commit", 70.0, 0.9),  # created later
        ("D11", "2026-09-01", "2026-10-20", False, False, "Commit", 60.0, 0.9),  # overdue
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "opportunity_id",
            "created_date",
            "close_date",
            "is_closed",
            "is_won",
            "forecast_category",
            "amount",
            "probability",
        ],
    )
    for col in ("created_date", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("is_closed", "is_won"):
        frame[col] = frame[col].astype("boolean")
    frame["forecast_category"] = frame["forecast_category"].astype("string")
    return frame


def test_forecast_categories(opps):
    table = fc.forecast_categories(opps, OCT)
    assert list(table.index) == list(fc.CATEGORIES)
    assert table["amount"].to_dict() == {
        "Closed": 100.0,  # D1
        "Commit": 200.0,  # D3
        "Most Likely": 50.0,  # D6
        "Best Case": 300.0,  # D4
        "Pipeline": 1000.0,  # D7
    }
    assert table.loc["Commit", "weighted"] == pytest.approx(180.0)
    assert table["deals"].sum() == 5
    assert fc.forecast_categories(None, OCT).empty


def test_pipeline_forecast(opps):
    before = opps.copy()
    k = fc.pipeline_forecast(opps, OCT)
    pd.testing.assert_frame_equal(opps, before)
    # 200 × 0.9 + 300 × 0.5 + 50 × 0.7 + 1000 × 0.1 + 80 × 0.2 (D9, Omitted, still weighted)
    assert k["weighted_pipeline"] == pytest.approx(481.0)
    assert k["closed_won_qtd"] == 100.0
    assert k["commit_forecast"] == 300.0  # Commit 200 + Closed 100
    assert k["best_case_forecast"] == 650.0  # 300 + 50 + 200 + 100
    assert k["open_pipeline_quarter"] == 1550.0  # 1000 + 300 + 50 + 200
    # September is the last month of Q3: nothing remains, D2 is the quarter's only win
    sep = fc.pipeline_forecast(opps, P("2026-09", "M"))
    assert sep["weighted_pipeline"] == 0.0
    assert sep["commit_forecast"] == 250.0 and sep["best_case_forecast"] == 250.0
    assert fc.pipeline_forecast(None, OCT) == dict.fromkeys(k)


def test_a_deal_won_since_is_not_an_open_category(opps):
    # for September, D1 (won 5 October) was open at the month's end, but its category is
    # "Closed" today; it is neither a Q3 win nor a known open category
    table = fc.forecast_categories(opps, P("2026-09", "M"))
    assert table.loc["Closed", "amount"] == 250.0
    assert table["deals"].sum() == 1


def test_quarter_views(targets, opps):
    f = fc.forecast_revenue(calendar_pattern("2025-03", "2026-10"))
    views = fc.quarter_views(fc.landing(f, targets, OCT), fc.pipeline_forecast(opps, OCT))
    assert list(views.index) == list(fc.VIEW_LABELS)
    assert views["amount"].tolist() == [333.0, 300.0, 650.0, 330.0]
    assert views.loc["Time-series landing", "low"] == 333.0
    assert views["low"].iloc[1:].isna().all()
    no_deals = fc.quarter_views(fc.landing(f, None, OCT), fc.pipeline_forecast(None, OCT))
    assert no_deals["amount"].iloc[1:].isna().all()


def test_forecast_kpis(targets, opps):
    months = pd.period_range("2025-03", "2026-10", freq="M")
    orders = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(len(months))],
            "customer_id": "C1",
            "order_date": months.to_timestamp() + pd.Timedelta(days=9),
            "net_revenue": 100.0 + months.month,
            "cost": 1.0,
        }
    )
    k = fc.forecast_kpis(orders, targets, opps, OCT)
    assert k["forecast_model"] == "seasonal_naive"
    assert k["forecast_backtest_wape"] == 0.0 and k["baseline_backtest_wape"] == 0.0
    assert k["forecast_next_month"] == 111.0  # November a year earlier
    assert k["forecast_quarter_landing"] == 333.0 and k["forecast_quarter_probability"] == 1.0
    assert k["forecast_year_landing"] == 1278.0 and k["forecast_year_target"] == 1320.0
    assert k["forecast_year_probability"] == 0.0
    assert k["commit_forecast"] == 300.0 and k["weighted_pipeline"] == pytest.approx(481.0)
    assert "ETS needs 30" in k["forecast_note"]
    bare = fc.forecast_kpis(orders.iloc[:0], None, None, OCT)
    # no order: October at 0 is the whole history, so the forecast is the average month, 0
    assert bare["forecast_model"] == "mean" and bare["forecast_next_month"] == 0.0
    assert bare["forecast_backtest_wape"] is None and bare["baseline_backtest_wape"] is None
    assert bare["forecast_year_landing"] == 0.0 and bare["forecast_year_probability"] is None
    assert bare["commit_forecast"] is None and "only 1 month(s)" in bare["forecast_note"]


# --- the sample company ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def company():
    tables = sample.generate()
    params = load_params(ROOT / "params")
    period = P(sample.DEFAULT_END, "M")
    return {rid: prepare(tables, params, rid, period) for rid in ("emea", "all")}, period


def test_sample_company_forecast_has_a_model_and_beats_the_baseline(company):
    cuts, period = company
    t = cuts["all"]
    k = fc.forecast_kpis(t.orders, t.targets, t.opportunities, period)
    assert k["forecast_model"] in fc.MODEL_LABELS
    # 36 months of seasonal sales growing 0.6% a month: the ETS models are in the race
    f = fc.forecast_revenue(fc.revenue_series(t.orders, period))
    assert {"ets_additive", "ets_multiplicative"} <= set(f.accuracy.index)
    assert 0 < k["forecast_backtest_wape"] < 0.12
    assert k["forecast_backtest_wape"] <= k["baseline_backtest_wape"]
    assert k["forecast_note"] == ""
    # the pipeline roll-ups nest: closed ≤ commit ≤ best case
    assert 0 < k["closed_won_qtd"] <= k["commit_forecast"] <= k["best_case_forecast"]


def test_sample_emea_year_lands_below_target(company):
    cuts, period = company
    t = cuts["emea"]
    k = fc.forecast_kpis(t.orders, t.targets, t.opportunities, period)
    # EMEA South sells 30% below plan from January: half of EMEA at 70% puts the year near 85%
    share = k["forecast_year_landing"] / k["forecast_year_target"]
    assert 0.78 < share < 0.92
    assert k["forecast_year_probability"] < 0.05
    assert k["forecast_quarter_landing"] < k["forecast_quarter_target"]
