"""Revenue analyses against figures worked out by hand on a tiny fixture."""

import pandas as pd
import pytest

from reportlib.analysis import revenue as rev

P = pd.Period


@pytest.fixture
def orders() -> pd.DataFrame:
    rows = [
        # order, line, date, customer, net revenue, cost
        ("A", 1, "2026-01-15", "C1", 100.0, 60.0),
        ("A", 2, "2026-01-15", "C1", 50.0, 20.0),
        ("B", 1, "2026-02-03", "C2", 200.0, 120.0),
        ("C", 1, "2026-02-20", "C1", 300.0, 150.0),
        ("D", 1, "2025-02-10", "C3", 250.0, 100.0),
        ("F", 1, "2025-06-10", "C3", 70.0, 35.0),
        ("E", 1, "2026-03-01", "C2", 80.0, 40.0),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["order_id", "line_number", "order_date", "customer_id", "net_revenue", "cost"],
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    return frame


@pytest.fixture
def targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": ["2026-01", "2026-01", "2026-02", "2026-02", "2026-03"],
            "rep_id": ["R1", "R2", "R1", "R2", "R1"],
            "target": [100.0, 100.0, 300.0, 200.0, 400.0],
        }
    )


def test_monthly_summary_fills_gaps_and_counts_distinct(orders):
    monthly = rev.monthly_summary(orders)
    assert monthly.index[0] == P("2025-02", "M")
    assert monthly.index[-1] == P("2026-03", "M")
    assert len(monthly) == 14  # Feb 2025 .. Mar 2026, no gaps
    jan = monthly.loc[P("2026-01", "M")]
    assert jan["revenue"] == 150.0
    assert jan["orders"] == 1  # two lines of one order
    assert jan["lines"] == 2
    assert jan["gross_margin_pct"] == pytest.approx(70 / 150)
    assert monthly.loc[P("2025-09", "M"), "revenue"] == 0
    assert pd.isna(monthly.loc[P("2025-09", "M"), "gross_margin_pct"])


def test_monthly_revenue_is_the_summary_revenue_alone(orders):
    revenue = rev.monthly_revenue(orders)
    assert len(revenue) == 14  # Feb 2025 .. Mar 2026, no gaps
    assert revenue[P("2026-01", "M")] == 150.0  # 100 + 50
    assert revenue[P("2026-02", "M")] == 500.0  # 200 + 300
    assert revenue[P("2025-09", "M")] == 0.0
    pd.testing.assert_series_equal(revenue, rev.monthly_summary(orders)["revenue"])


def test_a_month_outside_the_data_counts_no_orders(orders):
    k = rev.headline_kpis(orders, None, P("2027-01", "M"))
    assert (k["revenue"], k["orders"], k["customers"]) == (0.0, 0, 0)
    assert k["mom_growth"] is None  # December 2026 is after the data end


def test_headline_kpis_for_february(orders, targets):
    before = orders.copy()
    k = rev.headline_kpis(orders, targets, P("2026-02", "M"))
    pd.testing.assert_frame_equal(orders, before)  # input not mutated
    assert k["revenue"] == 500.0
    assert k["gross_margin_pct"] == pytest.approx(230 / 500)
    assert k["orders"] == 2
    assert k["customers"] == 2
    assert k["mom_growth"] == pytest.approx((500 - 150) / 150)
    assert k["yoy_growth"] == pytest.approx(1.0)  # 250 a year earlier
    assert k["target"] == 500.0
    assert k["attainment"] == pytest.approx(1.0)
    assert k["revenue_qtd"] == 650.0
    assert k["target_qtd"] == 700.0
    assert k["attainment_qtd"] == pytest.approx(650 / 700)
    assert k["revenue_ytd"] == 650.0


def test_fiscal_year_starting_in_april(orders, targets):
    k = rev.headline_kpis(orders, targets, P("2026-02", "M"), fiscal_year_start_month=4)
    # fiscal year Apr 2025 - Mar 2026: Jun 2025 (70) + Jan (150) + Feb (500)
    assert k["revenue_ytd"] == 720.0
    # fiscal Q4 is Jan - Mar
    assert k["revenue_qtd"] == 650.0
    assert rev.fiscal_year_start(P("2026-02", "M"), 4) == P("2025-04", "M")
    assert rev.quarter_start(P("2026-02", "M"), 4) == P("2026-01", "M")
    assert rev.quarter_start(P("2026-06", "M"), 4) == P("2026-04", "M")


def test_headline_without_targets_or_history(orders):
    k = rev.headline_kpis(orders, None, P("2025-02", "M"))
    assert k["target"] is None
    assert k["attainment"] is None
    assert k["mom_growth"] is None  # no earlier month in the data
    assert k["yoy_growth"] is None


def test_growth_is_none_when_base_month_had_no_revenue(orders, targets):
    k = rev.headline_kpis(orders, targets, P("2025-07", "M"))
    assert k["revenue"] == 0.0
    assert k["mom_growth"] == pytest.approx(-1.0)  # June 70 -> July 0
    assert k["gross_margin_pct"] is None
    assert k["attainment"] is None  # no target for July 2025


def test_revenue_vs_target_window(orders, targets):
    frame = rev.revenue_vs_target(orders, targets, P("2026-02", "M"), months=3)
    assert list(frame.index.astype(str)) == ["2025-12", "2026-01", "2026-02"]
    assert list(frame["revenue"]) == [0.0, 150.0, 500.0]
    assert pd.isna(frame["target"].iloc[0])
    assert list(frame["target"].iloc[1:]) == [200.0, 500.0]
    assert frame["attainment"].iloc[1] == pytest.approx(0.75)
    assert frame["attainment"].iloc[2] == pytest.approx(1.0)


def test_margin_by_customer(orders):
    frame = rev.margin_by(orders, "customer_id", P("2026-02", "M"))
    assert list(frame.index) == ["C1", "C2"]
    assert frame.loc["C1", "gross_margin_pct"] == pytest.approx(0.5)
    assert frame.loc["C2", "gross_margin_pct"] == pytest.approx(0.4)
    assert frame.loc["C1", "share"] == pytest.approx(0.6)
    assert frame.loc["C2", "gross_margin"] == 80.0


def test_region_comparison(orders, targets):
    two = pd.concat(
        [orders.assign(region="na"), orders.iloc[:4].assign(region="emea")], ignore_index=True
    )
    tgt = pd.concat([targets.assign(region="na"), targets.iloc[2:3].assign(region="emea")])
    frame = rev.region_comparison(two, tgt, P("2026-02", "M"))
    # na: Feb revenue 500 (as above); emea: rows A1, A2 (Jan), B (200 Feb), C (300 Feb) -> 500
    assert list(frame.index) == ["na", "emea"] or list(frame.index) == ["emea", "na"]
    assert frame.loc["na", "revenue"] == 500.0
    assert frame.loc["emea", "revenue"] == 500.0
    assert frame.loc["na", "share"] == pytest.approx(0.5)
    assert frame.loc["emea", "target"] == 300.0  # only R1's February target
    assert frame.loc["emea", "attainment"] == pytest.approx(500 / 300)


# --- orders without optional columns ("not delivered": absent from the frame) ----------------


def test_headline_without_cost_has_no_gross_margin(orders, targets):
    k = rev.headline_kpis(orders.drop(columns="cost"), targets, P("2026-02", "M"))
    assert k["gross_margin_pct"] is None
    # the rest as with cost: February 200 + 300, target 300 + 200
    assert k["revenue"] == 500.0
    assert k["attainment"] == pytest.approx(1.0)
    assert k["orders"] == 2


def test_monthly_summary_without_cost(orders):
    monthly = rev.monthly_summary(orders.drop(columns="cost"))
    feb = monthly.loc[P("2026-02", "M")]
    assert feb["revenue"] == 500.0 and feb["orders"] == 2
    assert pd.isna(feb["cost"]) and pd.isna(feb["gross_margin"])
    assert monthly["gross_margin_pct"].isna().all()
    assert rev.monthly_revenue(orders.drop(columns="cost"))[P("2026-02", "M")] == 500.0


def test_region_comparison_without_cost(orders, targets):
    frame = rev.region_comparison(
        orders.drop(columns="cost").assign(region="na"),
        targets.assign(region="na"),
        P("2026-02", "M"),
    )
    assert frame.loc["na", "revenue"] == 500.0
    assert pd.isna(frame.loc["na", "gross_margin_pct"])
