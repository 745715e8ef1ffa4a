"""Profitability analyses against figures worked out by hand, and the planted discount leak."""

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import comparisons
from reportlib.analysis import profitability as prof
from reportlib.analysis import revenue as rev

P = pd.Period
OCT = P("2026-10", "M")  # trailing 12 months: Nov 2025 .. Oct 2026; the 12 before: Nov 2024 ..


def _frame(rows: list[tuple]) -> pd.DataFrame:
    columns = [
        "order_date", "channel", "segment", "category", "product_name", "rep_id",
        "quantity", "list_price", "net_revenue", "cost",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    for column in ("channel", "segment", "category", "product_name", "rep_id"):
        frame[column] = frame[column].astype("string")
    frame["quantity"] = frame["quantity"].astype("Int64")
    return frame


@pytest.fixture
def orders() -> pd.DataFrame:
    return _frame(
        [
            # date, channel, segment, category, product, rep, qty, list/unit, net, cost
            # list value = qty × list; leaked = list value − net
            # trailing 12 months (Nov 2025 .. Oct 2026)
            ("2026-10-05", "Direct", "Enterprise", "Sensors", "S1", "R1", 2, 100.0, 180.0, 100.0),
            ("2026-10-20", "Partner", "SMB", "Software", "W1", "R2", 1, 200.0, 140.0, 40.0),
            ("2026-03-10", "Partner", "SMB", "Sensors", "S1", "R2", 1, 100.0, 80.0, 50.0),
            ("2025-11-01", "Direct", "Enterprise", "Software", "W1", "R1", 1, 250.0, 200.0, 40.0),
            # the 12 months before (Nov 2024 .. Oct 2025)
            ("2025-10-15", "Direct", "Enterprise", "Sensors", "S1", "R1", 1, 100.0, 90.0, 50.0),
            ("2025-10-15", "Partner", "SMB", "Software", "W1", "R2", 1, 200.0, 180.0, 40.0),
            ("2025-01-10", "Direct", "Enterprise", "Sensors", "S1", "R1", 1, 100.0, 100.0, 50.0),
            # outside both windows: must not count
            ("2024-10-31", "Direct", "Enterprise", "Sensors", "S1", "R1", 1, 1000.0, 500.0, 100.0),
            ("2026-11-01", "Partner", "SMB", "Sensors", "S1", "R2", 1, 1000.0, 100.0, 0.0),
        ]
    )


def _empty() -> pd.DataFrame:
    return _frame([])


def test_discount_leakage_weights_by_list_value(orders):
    # the first three lines: list value 200 + 200 + 100 = 500; net 180 + 140 + 80 = 400
    assert prof.discount_leakage(orders.iloc[:3]) == pytest.approx(100 / 500)
    assert prof.discount_leakage(_empty()) is None


def test_margin_by_window_reuses_margin_by(orders):
    before = orders.copy()
    frame = prof.margin_by_window(orders, "category", OCT)
    pd.testing.assert_frame_equal(orders, before)  # input not mutated
    # Software: lines 2 and 4, revenue 140 + 200 = 340, cost 80 -> margin 260
    # Sensors: lines 1 and 3, revenue 180 + 80 = 260, cost 150 -> margin 110
    assert list(frame.index) == ["Software", "Sensors"]
    assert frame.loc["Software", "gross_margin"] == 260.0
    assert frame.loc["Software", "gross_margin_pct"] == pytest.approx(260 / 340)
    assert frame.loc["Sensors", "share"] == pytest.approx(260 / 600)
    one_month = prof.margin_by_window(orders, "category", OCT, months=1)
    pd.testing.assert_frame_equal(one_month, rev.margin_by(orders, "category", OCT))
    assert prof.margin_by_window(_empty(), "category", OCT).empty


def test_margin_table_month_and_twelve_months(orders):
    frame = prof.margin_table(orders, "channel", P("2026-03", "M"))
    # 12 months to March 2026 (Apr 2025 ..): Direct lines 4, 5: revenue 200 + 90, cost 90;
    # Partner lines 3, 6: revenue 80 + 180, cost 90; the month: Partner line 3 only
    assert list(frame.index) == ["Direct", "Partner"]
    assert frame.loc["Direct", "revenue_12m"] == 290.0
    assert frame.loc["Direct", "gross_margin_pct_12m"] == pytest.approx(200 / 290)
    assert frame.loc["Partner", "share_12m"] == pytest.approx(260 / 550)
    assert pd.isna(frame.loc["Direct", "revenue"])  # no Direct sales in March 2026
    assert frame.loc["Partner", "gross_margin_pct"] == pytest.approx(30 / 80)
    assert frame.loc["Partner", "share"] == 1.0


def test_leakage_by_channel_twelve_months(orders):
    frame = prof.leakage_by(orders, "channel", OCT)
    # Partner now: lines 2, 3: list 300, net 220 -> 80/300; before line 6: 20/200 = 0.10
    # Direct now: lines 1, 4: list 450, net 380 -> 70/450; before lines 5, 7: 10/200 = 0.05
    assert list(frame.index) == ["Partner", "Direct"]  # largest increase first
    assert frame.loc["Partner", "leakage"] == pytest.approx(80 / 300)
    assert frame.loc["Partner", "leakage_before"] == pytest.approx(0.10)
    assert frame.loc["Partner", "change"] == pytest.approx(80 / 300 - 0.10)
    assert frame.loc["Partner", "leaked"] == 80.0
    assert frame.loc["Direct", "list_value"] == 450.0
    assert frame.loc["Direct", "change"] == pytest.approx(70 / 450 - 0.05)


def test_leakage_by_month_against_same_month_last_year(orders):
    frame = prof.leakage_by(orders, "segment", OCT, months=1)
    # SMB: Oct 2026 line 2: 60/200 = 0.30; Oct 2025 line 6: 20/200 = 0.10
    # Enterprise: line 1: 20/200 = 0.10; line 5: 10/100 = 0.10
    assert frame.loc["SMB", "change"] == pytest.approx(0.20)
    assert frame.loc["Enterprise", "change"] == pytest.approx(0.0)


def test_leakage_by_group_missing_a_year(orders):
    frame = prof.leakage_by(orders, "channel", P("2026-03", "M"), months=1)
    # March 2026: Partner line 3 (20/100); March 2025: nothing
    assert frame.loc["Partner", "leakage"] == pytest.approx(0.2)
    assert pd.isna(frame.loc["Partner", "change"])
    assert prof.leakage_by(_empty(), "channel", OCT).empty


def test_growth_quality_splits_margin_change_exactly(orders):
    frame = prof.growth_quality(orders, "channel", OCT)
    # now: Direct 380 (cost 140, m 240/380), Partner 220 (cost 90, m 130/220); M' = 370/600
    # before: Direct 190 (cost 100, m 90/190), Partner 180 (cost 40, m 140/180); M = 230/370
    d, p = frame.loc["Direct"], frame.loc["Partner"]
    assert d["growth"] == pytest.approx(1.0)  # 190 -> 380
    assert p["growth"] == pytest.approx(40 / 180)
    assert d["share_change"] == pytest.approx(380 / 600 - 190 / 370)  # +0.1198
    assert d["margin_gap"] == pytest.approx(240 / 380 - 370 / 600)  # +0.0149
    assert d["verdict"] == prof.ACCRETIVE
    assert p["verdict"] == prof.LOW_MARGIN_LAGGING  # share -0.1198, gap -0.0258
    # mix = Δshare × gap: Direct 0.1198 × 0.0149 = 0.00179; Partner -0.1198 × -0.0258 = 0.00309
    assert d["mix_effect"] == pytest.approx((380 / 600 - 190 / 370) * (240 / 380 - 370 / 600))
    # rate = share before × Δmargin: Partner (180/370) × (130/220 - 140/180) = -0.0909
    assert p["rate_effect"] == pytest.approx(180 / 370 * (130 / 220 - 140 / 180))
    total = frame["mix_effect"].sum() + frame["rate_effect"].sum()
    assert total == pytest.approx(370 / 600 - 230 / 370)  # -0.00495
    assert prof.most_dilutive(frame) is None


def test_growth_quality_dilutive_new_and_lapsed_groups():
    orders = _frame(
        [
            # before (May 2025): A 100/50, B 100/20, D 100/50 -> M = 180/300 = 0.60
            ("2025-05-02", "A", "SMB", "X", "x", "R1", 1, 100.0, 100.0, 50.0),
            ("2025-05-02", "B", "SMB", "X", "x", "R1", 1, 100.0, 100.0, 20.0),
            ("2025-05-02", "D", "SMB", "X", "x", "R1", 1, 100.0, 100.0, 50.0),
            # now (May 2026): A 300/180, B 100/20, C 100/10 (new) -> M' = 290/500 = 0.58
            ("2026-05-02", "A", "SMB", "X", "x", "R1", 3, 100.0, 300.0, 180.0),
            ("2026-05-02", "B", "SMB", "X", "x", "R1", 1, 100.0, 100.0, 20.0),
            ("2026-05-02", "C", "SMB", "X", "x", "R1", 1, 100.0, 100.0, 10.0),
        ]
    )
    frame = prof.growth_quality(orders, "channel", P("2026-05", "M"))
    # A: share 1/3 -> 0.6, margin 0.4 (gap -0.18): dilutive; mix 0.2667 × -0.18 = -0.048
    assert frame.loc["A", "verdict"] == prof.DILUTIVE
    assert frame.loc["A", "mix_effect"] == pytest.approx(-0.048)
    assert frame.loc["A", "rate_effect"] == pytest.approx(-0.1 / 3)
    # B: share 1/3 -> 0.2, margin 0.8 (gap +0.22): high margin losing share; mix -0.02933
    assert frame.loc["B", "verdict"] == prof.HIGH_MARGIN_LAGGING
    assert frame.loc["B", "mix_effect"] == pytest.approx(-0.4 / 3 * 0.22)
    # C: new, share 0 -> 0.2 at 0.9 (gap +0.32): accretive; mix 0.064; no growth rate
    assert frame.loc["C", "verdict"] == prof.ACCRETIVE
    assert frame.loc["C", "mix_effect"] == pytest.approx(0.064)
    assert pd.isna(frame.loc["C", "growth"])
    # D: lapsed, its share 1/3 -> 0 valued at last year's 0.5: mix -1/3 × (0.5 - 0.58) = +0.0267
    assert frame.loc["D", "verdict"] == prof.NO_SALES
    assert frame.loc["D", "mix_effect"] == pytest.approx(0.08 / 3)
    # -0.048 - 0.0333 - 0.0293 + 0.064 + 0.0267 = -0.02 = 0.58 - 0.60
    assert frame["mix_effect"].sum() + frame["rate_effect"].sum() == pytest.approx(-0.02)
    assert list(frame.index) == ["A", "B", "C", "D"]  # largest 12-month revenue first
    assert prof.most_dilutive(frame) == "A"
    assert prof.growth_quality(_empty(), "channel", OCT).empty


def test_revenue_bridge_adds_up(orders):
    bridge = prof.revenue_bridge(orders, OCT)
    # by product; now: S1 3 units, revenue 260 (p' 86.67), list 300 (L' 100)
    #                  W1 2 units, revenue 340 (p' 170), list 450 (L' 225)
    # before: S1 2 units, 190 (p 95), list 200 (L 100); W1 1 unit, 180 (p 180), list 200 (L 200)
    # R = 370, Q = 3, average price 123.33; R' = 600, Q' = 5
    assert bridge["before"] == 370.0
    assert bridge["current"] == 600.0
    assert bridge["volume"] == pytest.approx(2 * 370 / 3)  # 246.67
    assert bridge["mix"] == pytest.approx(3 * 95 + 2 * 180 - 5 * 370 / 3)  # 28.33
    # list: W1 2 × (225 - 200) × 180/200 = 45; S1 list unchanged
    assert bridge["list_price"] == pytest.approx(45.0)
    # price: 3 × (86.67 - 95) + 2 × (170 - 180) = -45; discount = -45 - 45 = -90
    assert bridge["discount"] == pytest.approx(-90.0)
    effects = bridge[["volume", "mix", "list_price", "discount"]].sum()
    assert effects == pytest.approx(600 - 370)
    assert bridge["new"] == bridge["discontinued"] == 0.0  # both products sold in both years
    assert list(prof.revenue_bridge(_empty(), OCT)) == [0.0] * 8


def test_revenue_bridge_without_a_year_before(orders):
    bridge = prof.revenue_bridge(orders.iloc[:2], OCT)
    # nothing a year earlier: all 320 of revenue is new products', the price steps are zero
    assert bridge["before"] == 0.0
    assert bridge["new"] == pytest.approx(320.0)
    steps = ["discontinued", "volume", "mix", "list_price", "discount"]
    assert bridge[steps].abs().sum() == pytest.approx(0.0)


def test_profitability_kpis(orders):
    k = prof.profitability_kpis(orders, OCT)
    # leakage now: list 750, net 600 -> 0.20; before: list 400, net 370 -> 0.075
    assert k["discount_leakage"] == pytest.approx(0.20)
    assert k["discount_leakage_before"] == pytest.approx(0.075)
    assert k["discount_leakage_change"] == pytest.approx(0.125)
    # October 2026: list 400, net 320 -> 0.20; October 2025: list 300, net 270 -> 0.10
    assert k["discount_leakage_month"] == pytest.approx(0.20)
    assert k["discount_leakage_month_change"] == pytest.approx(0.10)
    assert k["gross_margin_pct_12m"] == pytest.approx(370 / 600)
    assert k["gross_margin_pct_12m_change"] == pytest.approx(370 / 600 - 230 / 370)
    assert k["most_dilutive"] is None
    assert k["most_dilutive_category"] is None
    assert k["largest_leakage_increase"] == "Partner"
    assert k["largest_leakage_increase_change"] == pytest.approx(80 / 300 - 0.10)


def test_profitability_kpis_on_empty_orders():
    k = prof.profitability_kpis(_empty(), OCT)
    assert k["discount_leakage"] is None
    assert k["discount_leakage_change"] is None
    assert k["gross_margin_pct_12m"] is None
    assert k["most_dilutive"] is None
    assert k["largest_leakage_increase"] is None


@pytest.fixture(scope="module")
def sample_orders(sample_company) -> pd.DataFrame:
    return sample_company.orders


def test_planted_partner_leak_in_north_america(sample_orders):
    region, channel, year, extra = sample.LEAKY_CHANNEL
    assert (region, channel, year) == ("na", "Partner", 2026)
    na = sample_orders[sample_orders["region"] == region]
    for months in (12, 1):
        frame = prof.leakage_by(na, "channel", OCT, months)
        # 8 points planted; trailing 12 months hold 10 leaky months of 12 (~6.3 points)
        assert frame.loc[channel, "change"] > 0.05, months
        assert abs(frame.loc["Direct", "change"]) < 0.02, months
        assert frame.index[0] == channel  # the largest increase
    # the month against the same month last year shows the planted 8 points almost in full
    assert frame.loc[channel, "change"] == pytest.approx(extra, abs=0.02)
    k = prof.profitability_kpis(na, OCT)
    assert k["largest_leakage_increase"] == channel or k["most_dilutive"] == channel
    assert k["largest_leakage_increase_change"] > 0.05
    # the leak lifts the region's leakage by about a point and a half
    assert k["discount_leakage_change"] > 0.01
    # elsewhere Partner's discounts hold steady
    emea = prof.leakage_by(sample_orders[sample_orders["region"] == "emea"], "channel", OCT)
    assert abs(emea.loc[channel, "change"]) < 0.02


def test_sample_decompositions_add_up(sample_orders):
    na = sample_orders[sample_orders["region"] == "na"]
    quality = prof.growth_quality(na, "category", OCT)
    k = prof.profitability_kpis(na, OCT)
    effects = quality["mix_effect"].sum() + quality["rate_effect"].sum()
    assert effects == pytest.approx(k["gross_margin_pct_12m_change"], abs=1e-12)
    bridge = prof.revenue_bridge(na, OCT)
    change = bridge["current"] - bridge["before"]
    assert bridge.iloc[1:-1].sum() == pytest.approx(change, rel=1e-12)


# --- orders without optional columns ("not delivered": absent from the frame) ----------------


def test_profitability_kpis_without_cost(orders):
    k = prof.profitability_kpis(orders.drop(columns="cost"), OCT)
    assert k["gross_margin_pct_12m"] is None
    assert k["gross_margin_pct_12m_change"] is None
    assert k["most_dilutive"] is None and k["most_dilutive_category"] is None
    # leakage needs no cost: list 750, net 600 -> 0.20, as with it
    assert k["discount_leakage"] == pytest.approx(0.20)
    assert k["largest_leakage_increase"] == "Partner"


def test_profitability_kpis_without_list_price(orders):
    k = prof.profitability_kpis(orders.drop(columns="list_price"), OCT)
    for key in (
        "discount_leakage",
        "discount_leakage_before",
        "discount_leakage_change",
        "discount_leakage_month",
        "discount_leakage_month_change",
        "largest_leakage_increase",
        "largest_leakage_increase_change",
    ):
        assert k[key] is None, key
    # margin needs no list price: net 600, cost 230 -> 370 / 600
    assert k["gross_margin_pct_12m"] == pytest.approx(370 / 600)


def test_profitability_kpis_without_channel(orders):
    k = prof.profitability_kpis(orders.drop(columns="channel"), OCT)
    assert k["largest_leakage_increase"] is None
    assert k["most_dilutive"] is None
    assert k["discount_leakage"] == pytest.approx(0.20)


def test_discount_leakage_without_quantity_is_none(orders):
    assert prof.discount_leakage(orders.iloc[:3].drop(columns="quantity")) is None


def test_leakage_by_without_list_price_is_nan(orders):
    table = prof.leakage_by(orders.drop(columns="list_price"), "channel", OCT, 12)
    assert sorted(table.index) == ["Direct", "Partner"]
    assert table[["list_value", "leakage", "change"]].isna().all().all()


def test_revenue_bridge_without_list_price_keeps_only_the_ends(orders):
    bridge = prof.revenue_bridge(orders.drop(columns="list_price"), OCT)
    # revenue a year earlier 370 and now 600 (as with list prices); the effects are unknown
    assert bridge["before"] == pytest.approx(370.0)
    assert bridge["current"] == pytest.approx(600.0)
    assert bridge.iloc[1:-1].isna().all()


def test_bridge_tells_products_apart_by_the_finest_column_delivered(orders):
    assert prof.product_column(orders) == "product_name"
    assert prof.product_column(orders.drop(columns="product_name")) == "category"
    assert prof.product_column(orders.drop(columns=["product_name", "category"])) is None
    # by category: Sensors and Software, the same sums at both ends as by product
    bridge = prof.revenue_bridge(orders.drop(columns="product_name"), OCT)
    assert bridge["before"] == pytest.approx(370.0)
    assert bridge["current"] == pytest.approx(600.0)
    assert bridge.iloc[1:-1].sum() == pytest.approx(230.0)


def _sparse() -> pd.DataFrame:
    # most revenue from products sold in one of the two years only (issue #14)
    return _frame(
        [
            # a year earlier: A 10 units (list 10, net 9 each), D 20 units (list 50, net 45)
            ("2025-06-01", "Direct", "SMB", "X", "A", "R1", 10, 10.0, 90.0, 50.0),
            ("2025-06-01", "Direct", "SMB", "X", "D", "R1", 20, 50.0, 900.0, 500.0),
            # now: A 12 units (list 10, net 8 each), N 5 units (list 200, net 140)
            ("2026-06-01", "Direct", "SMB", "X", "A", "R1", 12, 10.0, 96.0, 60.0),
            ("2026-06-01", "Direct", "SMB", "X", "N", "R1", 5, 200.0, 700.0, 300.0),
        ]
    )


def test_revenue_bridge_gives_one_year_products_their_own_steps():
    bridge = prof.revenue_bridge(_sparse(), OCT)
    assert tuple(bridge.index) == prof.BRIDGE_STEPS
    # R = 90 + 900 = 990, R' = 96 + 700 = 796; leakage 110/1100 = 10% -> 324/1120 = 28.9%
    assert bridge["before"] == 990.0
    assert bridge["current"] == 796.0
    # D sold a year earlier only, N now only: their revenue is a step of its own
    assert bridge["discontinued"] == -900.0
    assert bridge["new"] == 700.0
    # the rest on A alone (sold in both): Q 10 at P̄ 9, Q' 12 at p' 8
    assert bridge["volume"] == pytest.approx(18.0)  # (12 - 10) × 9
    assert bridge["mix"] == pytest.approx(0.0)  # one product: 12 × 9 - 12 × 9
    assert bridge["list_price"] == pytest.approx(0.0)  # list 10 both years
    assert bridge["discount"] == pytest.approx(-12.0)  # 12 × (8 - 9)
    # (before the fix: volume -429 and mix +247 from units of different products)
    assert bridge.iloc[1:-1].sum() == pytest.approx(796.0 - 990.0)


def test_bridge_scope_names_what_the_price_steps_cover():
    scope = prof.bridge_scope(_sparse(), OCT)
    assert (scope.both, scope.new, scope.discontinued) == (1, 1, 1)
    assert scope.both_share == pytest.approx(96 / 796)  # A's share of this year's revenue
    # A: list 100, net 90 -> 10%; list 120, net 96 -> 20%. N: list 1000, net 700 -> 30%;
    # D a year earlier: list 1000, net 900 -> 10% (the rise to 28.9% is mostly N's)
    assert scope.leakage_both_before == pytest.approx(0.10)
    assert scope.leakage_both == pytest.approx(0.20)
    assert scope.leakage_new == pytest.approx(0.30)
    assert scope.leakage_discontinued == pytest.approx(0.10)
    empty = prof.bridge_scope(_empty(), OCT, by="product_name")
    assert (empty.both, empty.both_share, empty.leakage_new) == (0, None, None)


# --- comparisons across members, and the mix effect's precision --------------------------------


def _one_channel() -> pd.DataFrame:
    return _frame(
        [
            ("2025-06-01", "Direct", "SMB", "X", "A", "R1", 1, 100.0, 100.0, 60.0),
            ("2026-06-01", "Direct", "SMB", "X", "A", "R1", 1, 100.0, 100.0, 50.0),
        ]
    )


def test_one_channel_is_no_comparison():
    # issue #14: one channel was called "high margin, losing share" at 100% share
    quality = prof.growth_quality(_one_channel(), "channel", OCT)
    assert list(prof.sold_groups(quality)) == ["Direct"]
    assert list(prof.groups_sold(_one_channel(), "channel", OCT)) == ["Direct"]
    assert not comparisons.comparable(prof.sold_groups(quality))
    assert comparisons.too_few_members(
        ["Direct"], "sales channel", "the 12 months to October 2026"
    ) == (
        "All sales in the 12 months to October 2026 were in one sales channel, Direct: there is "
        "no other sales channel to compare it with."
    )
    assert comparisons.too_few_members([], "industry", "the 12 months to October 2026") == (
        "There were no sales in the 12 months to October 2026, so there is nothing to compare by "
        "industry."
    )
    assert comparisons.too_few_members(["Direct", "Partner"], "sales channel", "the year") is None


def _two_channels(a_now: float, b_now: float) -> pd.DataFrame:
    # a year earlier A and B sold 100 each at 50% margin; now a_now and b_now, each at cost 50
    return _frame(
        [
            ("2025-06-01", "A", "SMB", "X", "P", "R1", 1, 100.0, 100.0, 50.0),
            ("2025-06-01", "B", "SMB", "X", "P", "R1", 1, 100.0, 100.0, 50.0),
            ("2026-06-01", "A", "SMB", "X", "P", "R1", 1, 200.0, a_now, 50.0),
            ("2026-06-01", "B", "SMB", "X", "P", "R1", 1, 200.0, b_now, 50.0),
        ]
    )


def test_a_mix_effect_of_hundredths_of_a_point_is_no_mix_shift():
    quality = prof.growth_quality(_two_channels(102.0, 98.0), "channel", OCT)
    # M' = 100/200 = 0.5; A: share 0.5 -> 0.51, margin 52/102 (gap +0.0098): mix 0.000098;
    # B: share 0.5 -> 0.49, margin 48/98 (gap -0.0102): mix +0.000102 (both "0.0 pp")
    assert quality.loc["A", "mix_effect"] == pytest.approx(0.01 * (52 / 102 - 0.5))
    assert quality.loc["B", "mix_effect"] == pytest.approx(-0.01 * (48 / 98 - 0.5))
    assert not prof.mix_shift_seen(quality)
    # A: share 0.5 -> 0.6, margin 70/120 (gap +0.0833): mix 0.00833, 0.83 pp
    shifted = prof.growth_quality(_two_channels(120.0, 80.0), "channel", OCT)
    assert shifted.loc["A", "mix_effect"] == pytest.approx(0.1 * (70 / 120 - 0.5))
    assert prof.mix_shift_seen(shifted)


def test_margin_alerts_by_region_name_the_region_selling_below_cost():
    # latam: October revenue 100, cost 106 -> margin −6%, a loss of 100 × 6% = 6
    # emea: October 1,000 at 50%, its 12 months 50%: no alarm
    # apac: October 100 at 40%, its 12 months (100 + 100) at (40 + 60) ÷ 200 = 50%: a drop of
    # 10 pp > 5 pp, at stake 100 × 10% = 10
    rows = pd.DataFrame(
        {
            "order_date": pd.to_datetime(
                ["2026-10-03", "2025-11-03", "2026-10-04", "2026-10-05", "2026-01-05"]
            ),
            "region": pd.array(["latam", "latam", "emea", "apac", "apac"], dtype="string"),
            "net_revenue": [100.0, 400.0, 1000.0, 100.0, 100.0],
            "cost": [106.0, 200.0, 500.0, 60.0, 40.0],
        }
    )
    found = prof.margin_alerts_by(rows, "region", OCT, floor=0.0, drop=0.05)
    assert list(found) == ["apac", "latam"]  # most at stake first: 10 > 6
    assert found["latam"].kind == "loss"
    assert found["latam"].margin == pytest.approx(-0.06)
    assert found["latam"].at_stake == pytest.approx(6.0)
    assert found["apac"].kind == "drop"
    assert found["apac"].reference == pytest.approx(0.5)
    assert found["apac"].at_stake == pytest.approx(10.0)
    assert prof.margin_alerts_by(rows.drop(columns="cost"), "region", OCT, 0.0, 0.05) == {}
