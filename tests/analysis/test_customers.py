"""Customer analyses against figures worked out by hand on tiny fixtures."""

import math

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import customers as cu

P = pd.Period
JUNE = P("2026-06", "M")


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["order_id", "order_date", "customer_id", "region", "net_revenue"]
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["customer_id"] = frame["customer_id"].astype("string")
    frame["region"] = frame["region"].astype("string")
    frame["customer_name"] = ("Name of " + frame["customer_id"]).astype("string")
    return frame


@pytest.fixture
def orders() -> pd.DataFrame:
    # Reported month June 2026. Current window Jul 2025 - Jun 2026, starting window
    # Jul 2024 - Jun 2025.
    #   A: 100 then 150 (expansion +50), buys in June 2026 (existing)
    #   B: 200 then 120 (contraction -80)
    #   C: 50 then nothing (churned -50); the July 2026 order is after the period
    #   D: first purchase in June 2026, 40 (new)
    #   E: bought in 2023, nothing at start, 60 now (returning)
    #   F: 80 then 80 (flat)
    return _frame(
        [
            ("o1", "2024-09-10", "A", "north", 100.0),
            ("o2", "2026-01-05", "A", "north", 100.0),
            ("o3", "2026-06-20", "A", "north", 50.0),
            ("o4", "2025-03-03", "B", "north", 200.0),
            ("o5", "2026-03-15", "B", "north", 120.0),
            ("o6", "2025-01-07", "C", "north", 50.0),
            ("o7", "2026-07-01", "C", "north", 500.0),
            ("o8", "2026-06-02", "D", "south", 40.0),
            ("o9", "2023-05-09", "E", "south", 30.0),
            ("o10", "2026-02-11", "E", "south", 60.0),
            ("o11", "2024-08-30", "F", "south", 80.0),
            ("o12", "2025-12-24", "F", "south", 80.0),
        ]
    )


@pytest.fixture
def cohort_orders() -> pd.DataFrame:
    # Reported month May 2026: the last complete quarter is 2026Q1.
    #   2025Q3 cohort: X1 (again in Q4 and Q1), X2 (again in Q1), X3 (never again) -> 3
    #   2025Q4 cohort: X4 (again in Q4 and Q1), X5 (never again) -> 2
    #   2026Q1 cohort: X6 (again only in the unfinished Q2) -> 1
    #   X7 belongs to the older 2025Q1 cohort, X8 to the unfinished 2026Q2
    rows = [
        ("c1", "2025-08-01", "X1"),
        ("c2", "2025-11-01", "X1"),
        ("c3", "2026-02-01", "X1"),
        ("c4", "2025-09-15", "X2"),
        ("c5", "2026-03-31", "X2"),
        ("c6", "2025-07-01", "X3"),
        ("c7", "2025-10-10", "X4"),
        ("c8", "2025-12-10", "X4"),
        ("c9", "2026-01-10", "X4"),
        ("c10", "2025-11-11", "X5"),
        ("c11", "2026-01-20", "X6"),
        ("c12", "2026-04-20", "X6"),
        ("c13", "2025-02-02", "X7"),
        ("c14", "2025-08-02", "X7"),
        ("c15", "2026-04-02", "X8"),
    ]
    return _frame([(o, d, c, "north", 10.0) for o, d, c in rows])


def test_customer_windows(orders):
    w = cu.customer_windows(orders, JUNE)
    assert w.loc["A", "start"] == 100.0
    assert w.loc["A", "end"] == 150.0
    assert w.loc["C", "end"] == 0.0  # the July 2026 order is after the period
    assert w.loc["E", "first"] == P("2023-05", "M")


def test_new_vs_existing_in_june(orders):
    out = cu.new_vs_existing(orders, JUNE)
    # D (40) buys for the first time; A (50) is an existing customer
    assert out.loc["New customers", "customers"] == 1
    assert out.loc["New customers", "revenue"] == 40.0
    assert out.loc["Existing customers", "revenue"] == 50.0
    assert out.loc["New customers", "share"] == pytest.approx(40 / 90)


def test_new_vs_existing_monthly(orders):
    out = cu.new_vs_existing_monthly(orders, JUNE, months=5)
    assert list(out.index.astype(str)) == ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert out.loc[P("2026-02", "M"), "existing"] == 60.0  # E first bought in 2023
    assert out.loc[P("2026-03", "M"), "existing"] == 120.0
    assert math.isnan(out.loc[P("2026-04", "M"), "new_share"])  # no revenue
    assert out.loc[JUNE, "new"] == 40.0
    assert out.loc[JUNE, "new_customers"] == 1
    assert out.loc[JUNE, "new_share"] == pytest.approx(40 / 90)


def test_retention_and_churn(orders):
    r = cu.retention(orders, JUNE)
    # start {A, B, C, F} = 4; end {A, B, D, E, F} = 5; new {D, E} = 2; lost {C} = 1
    assert r["customers_at_start"] == 4
    assert r["customers_at_end"] == 5
    assert r["new"] == 2
    assert r["lost"] == 1
    assert r["retention_rate"] == pytest.approx(0.75)  # (5 - 2) / 4
    assert r["churn_rate"] == pytest.approx(0.25)  # 1 / 4


def test_revenue_retention(orders):
    r = cu.revenue_retention(orders, JUNE)
    # cohort {A, B, C, F}: start 100 + 200 + 50 + 80 = 430
    assert r["start"] == 430.0
    assert r["expansion"] == 50.0  # A
    assert r["contraction"] == 80.0  # B
    assert r["churn"] == 50.0  # C
    assert r["end"] == 350.0  # 150 + 120 + 80
    assert r["nrr"] == pytest.approx(350 / 430)
    assert r["grr"] == pytest.approx(300 / 430)  # 430 - 80 - 50


def test_grr_is_capped_and_none_without_cohort(orders):
    only_growth = _frame([("a", "2024-07-01", "A", "n", 10.0), ("b", "2026-01-01", "A", "n", 30.0)])
    r = cu.revenue_retention(only_growth, JUNE)
    assert r["nrr"] == pytest.approx(3.0)
    assert r["grr"] == 1.0
    empty = cu.revenue_retention(orders.iloc[:0], JUNE)
    assert empty["nrr"] is None
    assert empty["grr"] is None


def test_rates_need_the_whole_starting_window(orders):
    # without the lines before January 2025 the data begin after the starting window does
    # (July 2024), so the starting cohort would be cut short
    late = orders[orders["order_date"] >= "2025-01-01"]
    assert cu.revenue_retention(late, JUNE)["nrr"] is None
    assert cu.revenue_retention(late, JUNE)["start"] == 250.0  # B 200 + C 50
    assert cu.retention(late, JUNE)["churn_rate"] is None
    k = cu.customer_kpis(late, JUNE)
    assert k["grr"] is None
    assert k["retention_rate"] is None
    assert k["hhi"] == pytest.approx(2395.061728)  # the last 12 months are whole


def test_revenue_bridge_sums_exactly_to_the_change(orders):
    b = cu.revenue_bridge(orders, JUNE)
    assert list(b.index) == list(cu.BRIDGE_STEPS)
    # 430 + 40 (D) + 60 (E) + 50 (A) - 80 (B) - 50 (C) = 450
    assert list(b["amount"]) == [430.0, 40.0, 60.0, 50.0, -80.0, -50.0, 450.0]
    assert list(b["customers"]) == [4, 1, 1, 1, 1, 1, 5]
    assert b["amount"].iloc[:-1].sum() == b["amount"].iloc[-1]


def test_monthly_active_customers(orders):
    out = cu.monthly_active_customers(orders, JUNE, months=4, window=3)
    # Mar: A (Jan), E (Feb), B (Mar); Apr: E, B; May: B; Jun: A, D
    assert list(out["customers"]) == [3, 2, 1, 2]
    assert out.index[0] == P("2026-03", "M")
    by_region = cu.monthly_active_customers(orders, JUNE, months=4, window=3, by="region")
    assert list(by_region["north"]) == [2, 1, 1, 1]  # A B / B / B / A
    assert list(by_region["south"]) == [1, 1, 0, 1]  # E / E / - / D
    buyers = cu.monthly_active_customers(orders, JUNE, months=2, window=1)
    assert list(buyers["customers"]) == [0, 2]  # nobody in May; A and D in June


def test_headline_fall_without_a_year_earlier():
    months = pd.period_range("2026-03", "2026-06", freq="M", name="month")
    active = pd.DataFrame({"north": [3, 2, 1, 2], "south": [5, 5, 5, 4]}, index=months)
    d = cu.headline_fall(active, span=1)
    # north Apr -> May: (1 - 2) / 2 = -50%; south's worst is -20%; no year earlier to compare
    assert d == {
        "group": "north",
        "start": P("2026-04", "M"),
        "end": P("2026-05", "M"),
        "before": 2.0,
        "after": 1.0,
        "change": -0.5,
        "change_ly": None,
    }
    rising = pd.DataFrame({"customers": [1, 2, 3, 4]}, index=months)
    assert cu.headline_fall(rising, span=1) is None
    assert cu.headline_fall(active.iloc[:2], span=3) is None


def test_active_customers_by_region_only_when_regions_can_be_compared(orders):
    # two regions: one line each
    by_region = cu.active_customers(orders, JUNE, by="region", months=4, window=3)
    assert list(by_region.columns) == ["north", "south"]
    assert list(by_region["south"]) == [1, 1, 0, 1]  # E / E / - / D
    # a company that sells in one region: one line, the company's, not a region's
    one = orders.assign(region=pd.Series("north", index=orders.index, dtype="string"))
    total = cu.active_customers(one, JUNE, by="region", months=4, window=3)
    assert list(total.columns) == ["customers"]
    assert list(total["customers"]) == [3, 2, 1, 2]
    # south's customers bought nothing in the months shown: north alone had active customers
    recent = orders[(orders["region"] == "north") | (orders["order_date"] < "2025-01-01")]
    assert list(cu.active_customers(recent, JUNE, by="region", months=4, window=3).columns) == [
        "customers"
    ]


@pytest.fixture
def seasonal_active() -> pd.DataFrame:
    """Active customers January 2024 to March 2026 (27 months), the series ending March 2026.

    north dips every first quarter: December to March −20% in 2025, −18% in 2026.
    south fell by half from October 2024 to January 2025 (a fall 14 months old) and stayed.
    """
    months = pd.period_range("2024-01", "2026-03", freq="M", name="month")
    north = [100.0] * 12 + [90, 85, 80] + [100.0] * 9 + [92, 88, 82]
    south = [200.0] * 12 + [100.0] * 15
    return pd.DataFrame({"north": north, "south": south}, index=months)


def test_a_seasonal_dip_and_an_old_fall_are_no_headline(seasonal_active):
    # the steepest three-month fall of the series is south's −50% ending January 2025, and the
    # steepest recent one north's −18% ending March 2026; one is old, the other no deeper than
    # December 2024 to March 2025 (−20%): no headline
    assert cu.headline_fall(seasonal_active) is None
    falls = cu.recent_falls(seasonal_active)
    # north's three recent falls: Oct -> Jan −8% (−10% a year earlier), Nov -> Feb −12%
    # (−15%), Dec -> Mar −18% (−20%); all seasonal; south is flat
    assert list(falls["end"].astype(str)) == ["2026-03", "2026-02", "2026-01"]
    assert list(falls["change"]) == pytest.approx([-0.18, -0.12, -0.08])
    assert list(falls["change_ly"]) == pytest.approx([-0.20, -0.15, -0.10])
    assert falls["seasonal"].all()
    assert set(falls["group"]) == {"north"}


def test_a_fall_deeper_than_a_year_earlier_is_the_headline(seasonal_active):
    # east is flat, then falls from 100 in December 2025 to 70 in March 2026 (−30%), where it
    # was flat a year earlier
    east = [100.0] * 24 + [95, 90, 70]
    active = seasonal_active.assign(east=east)
    assert cu.headline_fall(active) == {
        "group": "east",
        "start": P("2025-12", "M"),
        "end": P("2026-03", "M"),
        "before": 100.0,
        "after": 70.0,
        "change": pytest.approx(-0.3),
        "change_ly": 0.0,
    }
    # north falling well beyond a year earlier would be news too: −30% against −20% leaves
    # 70 ÷ 80 − 1 = 12.5% fewer customers than last year's fall would have (more than 10%)
    deeper = seasonal_active.copy()
    deeper.loc[P("2026-03", "M"), "north"] = 70.0
    d = cu.headline_fall(deeper)
    assert (d["group"], d["change"], d["change_ly"]) == ("north", -0.30, pytest.approx(-0.2))
    # −25% against −20% leaves 75 ÷ 80 − 1 = 6.25% fewer: within the season's margin (10%)
    deeper.loc[P("2026-03", "M"), "north"] = 75.0
    assert cu.headline_fall(deeper) is None


def test_a_first_quarter_dip_a_little_deeper_than_last_year_is_the_seasons():
    # the retail sample's EMEA: from 301 in December 2025 to 118 in March 2026 (−60.8%),
    # against 300 to 124 (−58.7%) a year earlier: (118 ÷ 301) ÷ (124 ÷ 300) − 1 = −5.1%,
    # within 10%: a seasonal dip, not a headline (it was, judged on points: −60.8% < −58.7%)
    months = pd.period_range("2024-09", "2026-03", freq="M", name="month")
    emea = [250.0] * 3 + [300, 200, 150, 124] + [250.0] * 8 + [301, 200, 150, 118]
    active = pd.DataFrame({"emea": emea}, index=months)
    assert cu.headline_fall(active) is None
    falls = cu.recent_falls(active)
    steepest = falls.iloc[0]
    assert steepest["seasonal"]
    assert steepest["change"] == pytest.approx(118 / 301 - 1)
    assert steepest["change_ly"] == pytest.approx(124 / 300 - 1)


def test_a_fall_under_five_percent_is_noise_not_news(seasonal_active):
    # west rose 11% over July to October a year earlier (100 -> 111), then fell from 150 to 146
    # (−2.7%) over the same months: deeper than a year earlier, but under MIN_FALL (5%)
    months = pd.period_range("2024-11", "2026-10", freq="M", name="month")
    west = [100.0] * 8 + [100, 104, 108, 111] + [150.0] * 8 + [150, 149, 148, 146]
    active = pd.DataFrame({"west": west}, index=months)
    assert cu.headline_fall(active) is None
    assert cu.recent_falls(active).empty
    # from 150 to 142 (−5.3%) it is news
    active.iloc[-1, 0] = 142.0
    d = cu.headline_fall(active)
    assert (d["before"], d["after"]) == (150.0, 142.0)
    assert d["change"] == pytest.approx(-8 / 150)
    assert d["change_ly"] == pytest.approx(0.11)


def test_cohort_retention(cohort_orders):
    out = cu.cohort_retention(cohort_orders, P("2026-05", "M"), cohorts=3)
    assert list(out.index.astype(str)) == ["2025Q3", "2025Q4", "2026Q1"]
    assert list(out.loc[P("2025Q3", "Q")]) == pytest.approx([1.0, 1 / 3, 2 / 3])
    q4 = out.loc[P("2025Q4", "Q")]
    assert q4[0] == 1.0
    assert q4[1] == pytest.approx(0.5)  # X4 in 2026Q1
    assert math.isnan(q4[2])  # 2026Q2 has not ended
    q1 = out.loc[P("2026Q1", "Q")]
    assert q1[0] == 1.0
    assert math.isnan(q1[1])


def test_cohort_sizes(cohort_orders):
    sizes = cu.cohort_sizes(cohort_orders, P("2026-05", "M"), cohorts=3)
    assert list(sizes) == [3, 2, 1]


def test_concentration(orders):
    c = cu.concentration(orders, JUNE)
    # last 12 months: A 150, B 120, F 80, E 60, D 40 = 450
    assert c["customers"] == 5
    assert c["top1_share"] == pytest.approx(150 / 450)
    assert c["top10_share"] == pytest.approx(1.0)
    # (150² + 120² + 80² + 60² + 40²) / 450² x 10,000 = 48,500 / 202,500 x 10,000
    assert c["hhi"] == pytest.approx(2395.061728)
    assert cu.concentration(orders.iloc[:0], JUNE)["hhi"] is None


def test_top_customers(orders):
    top = cu.top_customers(orders, JUNE, n=2)
    assert list(top.index) == ["A", "B"]
    assert top.loc["A", "customer_name"] == "Name of A"
    assert top.loc["A", "share"] == pytest.approx(150 / 450)
    assert top.loc["B", "cumulative_share"] == pytest.approx(270 / 450)


def test_customer_kpis(orders):
    before = orders.copy()
    k = cu.customer_kpis(orders, JUNE)
    pd.testing.assert_frame_equal(orders, before)  # input not mutated
    assert k["nrr"] == pytest.approx(350 / 430)
    assert k["grr"] == pytest.approx(300 / 430)
    assert k["churn_rate"] == pytest.approx(0.25)
    assert k["retention_rate"] == pytest.approx(0.75)
    assert k["top10_share"] == pytest.approx(1.0)
    assert k["hhi"] == pytest.approx(2395.061728)
    assert k["new_customer_revenue_share"] == pytest.approx(40 / 90)
    assert k["new_customers"] == 1
    assert k["active_customers"] == 5


def test_customer_kpis_on_empty_orders(orders):
    k = cu.customer_kpis(orders.iloc[:0], JUNE)
    assert k["nrr"] is None
    assert k["churn_rate"] is None
    assert k["new_customer_revenue_share"] is None
    assert k["active_customers"] == 0
    assert cu.cohort_retention(orders.iloc[:0], JUNE).isna().all().all()
    assert cu.revenue_bridge(orders.iloc[:0], JUNE)["amount"].eq(0).all()
    assert cu.monthly_active_customers(orders.iloc[:0], JUNE, months=3)["customers"].eq(0).all()


@pytest.fixture(scope="module")
def sample_orders(sample_company) -> pd.DataFrame:
    return sample_company.orders


def test_sample_apac_loses_customers_from_june_2026(sample_orders):
    region, month = sample.CHURN_SPIKE
    active = cu.monthly_active_customers(sample_orders, P(sample.DEFAULT_END, "M"), by="region")
    change = active.loc[month + 3] / active.loc[month] - 1  # Jun -> Sep 2026
    # about 27% fewer customers bought in Jul-Sep than in Apr-Jun; elsewhere within ±10%
    assert change[region] == pytest.approx(-sample.CHURN_SPIKE_SHARE, abs=0.07)
    assert change.drop(region).abs().max() < 0.1
    drop = cu.headline_fall(active)
    assert drop["group"] == region
    assert drop["start"] == month
    assert drop["change"] < drop["change_ly"] - 0.2  # no dip of the season
    # a region's own report shows the same fall
    own = sample_orders[sample_orders["region"].eq(region).fillna(False)]
    own_drop = cu.headline_fall(cu.monthly_active_customers(own, P(sample.DEFAULT_END, "M")))
    assert own_drop["start"] == month
    assert own_drop["change"] < -0.2


def test_sample_bridge_closes(sample_orders):
    b = cu.revenue_bridge(sample_orders, P(sample.DEFAULT_END, "M"))
    assert b["amount"].iloc[:-1].sum() == pytest.approx(b["amount"].iloc[-1], rel=1e-12)
    k = cu.customer_kpis(sample_orders, P(sample.DEFAULT_END, "M"))
    assert 0 < k["grr"] <= 1
    assert k["churn_rate"] == pytest.approx(1 - k["retention_rate"])


def test_top_customers_without_names_show_the_id(orders):
    top = cu.top_customers(orders.drop(columns="customer_name"), JUNE, n=2)
    assert list(top.index) == ["A", "B"]
    assert list(top["customer_name"]) == ["A", "B"]
    assert top.loc["A", "share"] == pytest.approx(150 / 450)


# --- customers who moved to another region -------------------------------------------------


@pytest.fixture
def company() -> pd.DataFrame:
    # Reported month June 2026; the starting window Jul 2024 - Jun 2025, the current one
    # Jul 2025 - Jun 2026. North's customers:
    #   A: 100 then 150 (expansion); B: 200 then 120 (contraction)
    #   C: 50 then nothing in north, but 90 in south in March 2026 (moved)
    #   G: 40 then nothing anywhere (lost)
    # H buys in south only.
    return _frame(
        [
            ("m1", "2024-07-01", "A", "north", 100.0),
            ("m2", "2026-01-05", "A", "north", 150.0),
            ("m3", "2025-03-03", "B", "north", 200.0),
            ("m4", "2026-03-15", "B", "north", 120.0),
            ("m5", "2025-01-07", "C", "north", 50.0),
            ("m6", "2026-03-20", "C", "south", 90.0),
            ("m7", "2024-11-02", "G", "north", 40.0),
            ("m8", "2026-05-05", "H", "south", 30.0),
        ]
    )


def test_months_bought_elsewhere(company):
    bought = cu.months_bought(company)
    assert len(bought) == 8  # every line is a customer's only line in its region and month
    elsewhere = cu.bought_elsewhere(bought, "north")
    assert elsewhere.to_dict("list") == {"customer_id": ["C"], "month": [P("2026-03", "M")]}
    south = cu.bought_elsewhere(bought, "south")
    # C bought in north in January 2025; H never did
    assert south.to_dict("list") == {"customer_id": ["C"], "month": [P("2025-01", "M")]}
    # a month whose lines net to nothing is no purchase
    refund = company.assign(
        net_revenue=company["net_revenue"].where(company["order_id"] != "m6", 0)
    )
    assert cu.bought_elsewhere(cu.months_bought(refund), "north").empty


def test_a_customer_buying_in_another_region_is_moved_not_lost(company):
    north = company[company["region"] == "north"]
    elsewhere = cu.bought_elsewhere(cu.months_bought(company), "north")
    # north alone: C and G stopped buying, 2 of 4 customers at start
    assert cu.retention(north, JUNE)["churn_rate"] == pytest.approx(0.5)
    r = cu.retention(north, JUNE, elsewhere=elsewhere)
    # start {A, B, C, G} = 4; C moved; of the other 3, A and B bought again, G was lost
    assert (r["customers_at_start"], r["moved"], r["retained"], r["lost"]) == (4, 1, 2, 1)
    assert r["churn_rate"] == pytest.approx(1 / 3)
    assert r["retention_rate"] == pytest.approx(2 / 3)
    rr = cu.revenue_retention(north, JUNE, elsewhere=elsewhere)
    # cohort {A, B, G}: 100 + 200 + 40 = 340 then, 150 + 120 = 270 now; C's 50 moved
    assert (rr["start"], rr["moved"], rr["churn"], rr["end"]) == (340.0, 50.0, 40.0, 270.0)
    assert rr["nrr"] == pytest.approx(270 / 340)
    assert rr["grr"] == pytest.approx((340 - 80 - 40) / 340)
    b = cu.revenue_bridge(north, JUNE, elsewhere=elsewhere)
    assert list(b.index) == [*cu.BRIDGE_STEPS[:5], cu.MOVED_STEP, *cu.BRIDGE_STEPS[5:]]
    # 390 + 50 (A) - 80 (B) - 50 (C moved) - 40 (G lost) = 270
    assert list(b["amount"]) == [390.0, 0.0, 0.0, 50.0, -80.0, -50.0, -40.0, 270.0]
    assert list(b["customers"]) == [4, 0, 0, 1, 1, 1, 1, 2]
    k = cu.customer_kpis(north, JUNE, elsewhere=elsewhere)
    assert (k["customers_at_start"], k["customers_moved"], k["customers_lost"]) == (4, 1, 1)
    assert k["churn_rate"] == pytest.approx(1 / 3)
    # the company's report: C is retained (bought in both windows), G lost; nobody moves
    whole = cu.customer_kpis(company, JUNE)
    assert (whole["customers_lost"], whole["customers_moved"]) == (1, None)
    assert whole["churn_rate"] == pytest.approx(1 / 4)


def test_no_save_campaign_for_customers_who_moved(company):
    from reportlib.analysis.recommendations import recommend
    from reportlib.formatting import Formatter

    fmt = Formatter("en_US", "USD")
    without_g = company[company["customer_id"] != "G"]
    north = without_g[without_g["region"] == "north"]
    elsewhere = cu.bought_elsewhere(cu.months_bought(without_g), "north")
    k = cu.customer_kpis(north, JUNE, elsewhere=elsewhere)
    # A and B stay (NRR 270 / 300 = 90%), C moved: nobody to save
    assert k["nrr"] == pytest.approx(0.9)
    assert (k["customers_lost"], k["customers_moved"], k["churn_rate"]) == (0, 1, 0.0)
    assert [r.text for r in recommend(k, fmt, "North") if "save" in r.text] == []
    # with G lost to the company, the campaign is for that one account
    k = cu.customer_kpis(
        company[company["region"] == "north"],
        JUNE,
        elsewhere=cu.bought_elsewhere(cu.months_bought(company), "north"),
    )
    assert [r.text for r in recommend(k, fmt, "North") if "save" in r.text] == [
        "Net revenue retention is 79% with 1 customer lost to the company, a churn rate of "
        "33.3%: run a save campaign on that account."
    ]
