"""The forecast's headline figures, by hand on tiny data and on the sample company."""

from pathlib import Path

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import forecast as fc
from reportlib.config import load_params
from reportlib.report import prepare

P = pd.Period
OCT = P("2026-10", "M")
ROOT = Path(__file__).resolve().parents[3]


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
def company(sample_company):
    tables = sample_company
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
