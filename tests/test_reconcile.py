"""Regions must add up to the company: checked with figures worked out by hand."""

from pathlib import Path

import pandas as pd
import pytest

from reportlib.analysis.pipeline import open_pipeline
from reportlib.config import load_params
from reportlib.run.reconcile import reconcile

PARAMS = load_params(Path(__file__).resolve().parents[1] / "params")
# budget rates to USD: AUD 0.65, EUR 1.08, BRL 0.18, USD 1.0


def records(**company):
    regions = {
        "apac": {"revenue": 100.0, "target": 200.0, "orders": 3, "open_pipeline": 10.0},
        "emea": {"revenue": 100.0, "target": 100.0, "orders": 4, "open_pipeline": 0.0},
        "latam": {"revenue": 1000.0, "target": 1000.0, "orders": 5, "open_pipeline": 100.0},
        "na": {"revenue": 50.0, "target": 60.0, "orders": 6, "open_pipeline": 1.0},
    }
    # revenue: 100*0.65 + 100*1.08 + 1000*0.18 + 50 = 65 + 108 + 180 + 50 = 403
    # target: 130 + 108 + 180 + 60 = 478; orders 18; pipeline 6.5 + 0 + 18 + 1 = 25.5
    base = {"revenue": 403.0, "target": 478.0, "orders": 18, "open_pipeline": 25.5}
    return {**regions, "all": {**base, **company}}


def test_figures_that_add_up_pass():
    assert reconcile(records(), PARAMS) == []


def test_a_deliberate_mismatch_is_named():
    problems = reconcile(records(revenue=404.0, orders=17), PARAMS)
    assert problems == [
        "revenue: the regions add up to 403.00, the company report has 404.00",
        "orders: the regions add up to 18.00, the company report has 17.00",
    ]


def test_a_figure_missing_in_one_report():
    recs = records()
    recs["emea"] = {**recs["emea"], "target": None}
    assert reconcile(recs, PARAMS) == ["target: missing in the report(s) emea"]


def test_open_pipeline_as_of_period_end():
    opp = pd.DataFrame(
        {
            "amount": [10.0, 20.0, 40.0, 80.0],
            "created_date": pd.to_datetime(
                ["2026-09-01", "2026-10-05", "2026-11-02", "2026-08-01"]
            ),
            "close_date": pd.to_datetime(["2026-12-01", "2026-11-15", "2026-12-01", "2026-10-20"]),
            "is_closed": pd.array([False, True, False, True], dtype="boolean"),
        }
    )
    # open at end of Oct 2026: deal 1 (open), deal 2 (closed only in Nov); deal 3 created later;
    # deal 4 closed in October
    assert open_pipeline(opp, pd.Period("2026-10", "M")) == pytest.approx(30.0)
    assert open_pipeline(None, pd.Period("2026-10", "M")) is None
