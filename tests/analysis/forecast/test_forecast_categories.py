"""The pipeline's forecast by category, on a handful of deals worked out by hand."""

import pandas as pd
import pytest

from reportlib.analysis import forecast as fc

P = pd.Period
OCT = P("2026-10", "M")


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
