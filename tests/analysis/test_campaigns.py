"""Campaign analyses against figures worked out by hand on tiny fixtures."""

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import campaigns as cp
from reportlib.formatting import Formatter

P = pd.Period("2026-10", "M")  # campaigns that ended June 2025 - May 2026 are judged
FMT = Formatter("en_US", "USD")


@pytest.fixture
def campaigns() -> pd.DataFrame:
    rows = [
        # id, name, region, type, start, end, spend, leads
        ("C1", "Spring Webinar", "na", "Webinar", "2026-03-01", "2026-03-02", 1000.0, 50),
        ("C2", "Big Show", "na", "Trade Show", "2026-04-10", "2026-04-12", 5000.0, 20),
        ("C3", "Recent Email", "na", "Email", "2026-08-01", "2026-08-05", 300.0, 10),  # too new
        ("C4", "Old Search", "na", "Paid Search", "2025-04-01", "2025-05-31", 900.0, 9),  # old
        ("C5", "Summer Email", "latam", "Email", "2025-06-01", "2025-06-03", 0.0, 0),
        ("C6", "Spring Webinar", "latam", "Webinar", "2026-05-01", "2026-05-31", 2000.0, 40),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "campaign_id",
            "campaign_name",
            "region",
            "type",
            "start_date",
            "end_date",
            "spend",
            "leads",
        ],
    )
    for col in ("campaign_id", "campaign_name", "region", "type"):
        frame[col] = frame[col].astype("string")
    for col in ("start_date", "end_date"):
        frame[col] = pd.to_datetime(frame[col])
    frame["leads"] = frame["leads"].astype("Int64")
    return frame


@pytest.fixture
def opportunities() -> pd.DataFrame:
    rows = [
        # id, campaign, amount, created, close, closed, won
        ("O1", "C1", 1000.0, "2026-03-10", "2026-05-01", True, True),
        ("O2", "C1", 3000.0, "2026-03-15", "2026-06-01", True, True),
        ("O3", "C1", 2000.0, "2026-03-20", "2026-12-01", False, False),  # open
        ("O4", "C2", 4000.0, "2026-04-20", "2026-07-01", True, False),  # lost
        ("O5", "C2", 2000.0, "2026-04-25", "2026-08-01", True, True),
        ("O6", "C6", 10000.0, "2026-05-10", "2026-10-20", True, True),
        ("O7", "C6", 5000.0, "2026-05-15", "2026-11-05", True, True),  # won after the period
        ("O8", "C6", 999.0, "2026-11-02", "2026-12-02", False, False),  # created after it
        ("O9", None, 7777.0, "2026-03-01", "2026-04-01", True, True),  # no campaign
        ("O10", "C3", 600.0, "2026-08-02", "2026-09-01", True, True),  # campaign not judged
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "opportunity_id",
            "campaign_id",
            "amount",
            "created_date",
            "close_date",
            "is_closed",
            "is_won",
        ],
    )
    frame["opportunity_id"] = frame["opportunity_id"].astype("string")
    frame["campaign_id"] = frame["campaign_id"].astype("string")
    for col in ("created_date", "close_date"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("is_closed", "is_won"):
        frame[col] = frame[col].astype("boolean")
    return frame


@pytest.fixture
def orders() -> pd.DataFrame:
    rows = [
        # date, region, net revenue, cost
        ("2026-01-15", "na", 1000.0, 600.0),
        ("2026-06-15", "na", 1000.0, 400.0),
        ("2026-02-15", "latam", 2000.0, 1500.0),
        ("2025-10-31", "na", 5000.0, 0.0),  # before the trailing 12 months
        ("2026-11-01", "na", 5000.0, 0.0),  # after the period
    ]
    frame = pd.DataFrame(rows, columns=["order_date", "region", "net_revenue", "cost"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["region"] = frame["region"].astype("string")
    return frame


def test_window_months_and_campaign_window(campaigns):
    assert cp.window_months(P) == (pd.Period("2025-06", "M"), pd.Period("2026-05", "M"))
    window = cp.campaign_window(campaigns, P)
    assert list(window["campaign_id"]) == ["C1", "C2", "C5", "C6"]
    assert cp.campaign_window(None, P).empty


def test_trailing_margin(orders):
    # Nov 2025 - Oct 2026: revenue 1000 + 1000 + 2000 = 4000, cost 600 + 400 + 1500 = 2500
    assert cp.trailing_margin(orders, P) == pytest.approx(1500 / 4000)
    by_region = cp.trailing_margin_by_region(orders, P)
    assert by_region["na"] == pytest.approx(0.5)  # (2000 - 1000) / 2000
    assert by_region["latam"] == pytest.approx(0.25)  # (2000 - 1500) / 2000
    assert cp.trailing_margin(None, P) is None


def test_campaign_results(campaigns, opportunities, orders):
    before = campaigns.copy()
    res = cp.campaign_results(campaigns, opportunities, orders, P)
    pd.testing.assert_frame_equal(campaigns, before)  # input not mutated
    # worst ROMI first, the campaign without spend (no ROMI) last; shared names get their id
    assert list(res.index) == [
        "Big Show",
        "Spring Webinar (C6)",
        "Spring Webinar (C1)",
        "Summer Email",
    ]
    c1 = res.loc["Spring Webinar (C1)"]
    assert c1["cost_per_lead"] == 20.0  # 1000 / 50
    assert c1["opportunities"] == 3
    assert c1["pipeline"] == 6000.0  # O1 + O2 + O3 (open)
    assert c1["revenue"] == 4000.0  # O1 + O2
    assert c1["roas"] == pytest.approx(4.0)
    assert c1["romi"] == pytest.approx(1.0)  # (4000 x 0.5 - 1000) / 1000
    assert c1["verdict"] == cp.PAYS_BACK
    c2 = res.loc["Big Show"]
    assert c2["revenue"] == 2000.0  # O5; O4 was lost
    assert c2["roas"] == pytest.approx(0.4)
    assert c2["romi"] == pytest.approx(-0.8)  # (2000 x 0.5 - 5000) / 5000
    assert not c2["pays_back"]
    assert c2["verdict"] == cp.LOSES_MONEY
    c6 = res.loc["Spring Webinar (C6)"]
    assert c6["pipeline"] == 15000.0  # O6 + O7; O8 was created after the period
    assert c6["revenue"] == 10000.0  # O6; O7 closes after the period
    assert c6["margin_pct"] == pytest.approx(0.25)  # latam's margin
    assert c6["romi"] == pytest.approx(0.25)  # (10000 x 0.25 - 2000) / 2000
    c5 = res.loc["Summer Email"]
    assert pd.isna(c5["cost_per_lead"])
    assert pd.isna(c5["romi"])
    assert c5["verdict"] == cp.NO_SPEND


def test_campaign_results_without_opportunities_or_region(campaigns, orders):
    res = cp.campaign_results(campaigns, None, orders, P)
    assert res["revenue"].isna().all()
    assert res.loc["Big Show", "verdict"] == cp.NO_DATA
    # order lines without a region: every campaign takes the report's margin
    plain = orders.drop(columns="region")
    opps = pd.DataFrame(
        {
            "campaign_id": pd.array(["C2"], dtype="string"),
            "amount": [2000.0],
            "created_date": pd.to_datetime(["2026-04-20"]),
            "close_date": pd.to_datetime(["2026-05-20"]),
            "is_won": pd.array([True], dtype="boolean"),
        }
    )
    res = cp.campaign_results(campaigns, opps, plain, P)
    assert res.loc["Big Show", "margin_pct"] == pytest.approx(0.375)
    assert res.loc["Big Show", "romi"] == pytest.approx((2000 * 0.375 - 5000) / 5000)


def test_campaign_kpis(campaigns, opportunities, orders):
    k = cp.campaign_kpis(campaigns, opportunities, orders, P)
    assert k["campaigns"] == 4
    assert k["campaign_spend"] == 8000.0  # 1000 + 5000 + 0 + 2000
    assert k["cost_per_lead"] == pytest.approx(8000 / 110)  # leads 50 + 20 + 0 + 40
    assert k["attributed_pipeline"] == 27000.0  # 6000 + 6000 + 0 + 15000
    assert k["attributed_revenue"] == 16000.0  # 4000 + 2000 + 0 + 10000
    assert k["roas"] == pytest.approx(2.0)
    # gross margin 4000 x 0.5 + 2000 x 0.5 + 10000 x 0.25 = 5500
    assert k["romi"] == pytest.approx((5500 - 8000) / 8000)
    assert k["campaign_margin_pct"] == pytest.approx(0.375)
    assert k["campaigns_paying_back_share"] == pytest.approx(2 / 3)  # C1, C6 of C1, C2, C6
    assert k["worst_campaign"] == "Big Show"
    assert k["worst_campaign_romi"] == pytest.approx(-0.8)


def test_campaign_kpis_without_tables():
    k = cp.campaign_kpis(None, None, None, P)
    assert k["campaigns"] == 0
    assert k["romi"] is None
    assert k["worst_campaign"] is None
    assert k["campaigns_paying_back_share"] is None


def test_one_campaign_judged_is_stated_alone(campaigns, opportunities, orders):
    # issue #14: one campaign is not "the worst", nor "100% of the campaigns"
    big_show = campaigns[campaigns["campaign_id"].isin(["C2", "C5"])]  # C5 spent nothing
    res = cp.campaign_results(big_show, opportunities, orders, P)
    assert list(cp.rated(res)) == ["Big Show"]
    # (2000 x 0.5 - 5000) / 5000
    assert cp.one_rated(res, FMT) == (
        "Big Show is the only campaign judged with a return on marketing investment: a ROMI of "
        "−80%, so it loses money."
    )
    webinar = cp.campaign_results(campaigns[campaigns["campaign_id"] == "C1"], opportunities,
                                  orders, P)  # fmt: skip
    # (4000 x 0.5 - 1000) / 1000
    assert cp.one_rated(webinar, FMT) == (
        "Spring Webinar is the only campaign judged with a return on marketing investment: a "
        "ROMI of +100%, so it pays back."
    )
    assert cp.one_rated(cp.campaign_results(campaigns, opportunities, orders, P), FMT) is None
    assert cp.one_rated(cp.campaign_results(big_show, None, orders, P), FMT) is None


@pytest.fixture(scope="module")
def tables(sample_company):
    return sample_company


def test_sample_losing_campaign_is_the_worst_in_north_america(tables):
    def na(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["region"].eq("na").fillna(False)]

    args = (na(tables.campaigns), na(tables.opportunities), na(tables.orders), P)
    res = cp.campaign_results(*args)
    losing = res[res["campaign_name"] == sample.LOSING_CAMPAIGN].iloc[0]
    assert losing["spend"] == 420_000.0
    assert losing["romi"] < -0.5  # about -97%: about 24,000 won, at a 55% margin
    assert losing["verdict"] == cp.LOSES_MONEY
    others = res.loc[res["campaign_name"] != sample.LOSING_CAMPAIGN, "romi"]
    assert (others >= 0).all()
    k = cp.campaign_kpis(*args)
    assert k["worst_campaign"] == sample.LOSING_CAMPAIGN
    assert k["worst_campaign_romi"] == pytest.approx(losing["romi"])
    assert k["romi"] > 0  # the other campaigns pay for it


def test_campaigns_without_cost_keep_roas_and_lose_romi(campaigns, opportunities, orders):
    no_cost = orders.drop(columns="cost")
    assert cp.trailing_margin(no_cost, P) is None
    assert cp.trailing_margin_by_region(no_cost, P).empty
    res = cp.campaign_results(campaigns, opportunities, no_cost, P)
    assert res["romi"].isna().all() and res["margin_pct"].isna().all()
    assert res.loc["Big Show", "roas"] == pytest.approx(2000 / 5000)
    assert set(res["verdict"]) == {cp.NO_DATA, cp.NO_SPEND}  # Summer Email spent nothing
    k = cp.campaign_kpis(campaigns, opportunities, no_cost, P)
    assert k["roas"] == pytest.approx(2.0)  # 16000 / 8000, as with cost
    assert k["cost_per_lead"] == pytest.approx(8000 / 110)
    for key in (
        "romi",
        "campaign_margin_pct",
        "campaigns_paying_back_share",
        "worst_campaign",
        "worst_campaign_romi",
    ):
        assert k[key] is None, key


def test_an_implausible_romi_is_flagged_check_the_spend(campaigns, opportunities, orders):
    # C7 spent 10 and brought 10,000 at na's 50% margin: ROMI (5000 - 10) / 10 = 49,900%
    # C8 spent 80 (under 10% of the median spend 1,000 of C1, C2, C6, C7, C8) for a ROMI of 0%
    extra = pd.DataFrame(
        {
            "campaign_id": pd.array(["C7", "C8"], dtype="string"),
            "campaign_name": pd.array(["Tiny Email", "Small Ad"], dtype="string"),
            "region": pd.array(["na", "na"], dtype="string"),
            "type": pd.array(["Email", "Paid Search"], dtype="string"),
            "start_date": pd.to_datetime(["2026-02-01", "2026-02-01"]),
            "end_date": pd.to_datetime(["2026-02-02", "2026-02-02"]),
            "spend": [10.0, 80.0],
            "leads": pd.array([5, 5], dtype="Int64"),
        }
    )
    deals = pd.DataFrame(
        {
            "opportunity_id": pd.array(["O11", "O12"], dtype="string"),
            "campaign_id": pd.array(["C7", "C8"], dtype="string"),
            "amount": [10_000.0, 160.0],
            "created_date": pd.to_datetime(["2026-02-10", "2026-02-10"]),
            "close_date": pd.to_datetime(["2026-04-01", "2026-04-01"]),
            "is_closed": pd.array([True, True], dtype="boolean"),
            "is_won": pd.array([True, True], dtype="boolean"),
        }
    )
    res = cp.campaign_results(
        pd.concat([campaigns, extra], ignore_index=True),
        pd.concat([opportunities, deals], ignore_index=True),
        orders,
        P,
    )
    assert res.loc["Tiny Email", "romi"] == pytest.approx(499.0)
    assert res.loc["Small Ad", "romi"] == pytest.approx(0.0)  # (160 x 0.5 - 80) / 80
    assert list(res.index[res["check_spend"]]) == ["Small Ad", "Tiny Email"]
    assert not res.loc["Spring Webinar (C1)", "check_spend"]  # ROMI 100% on 1,000 spent
    assert not res.loc["Summer Email", "check_spend"]  # no spend, no ROMI: nothing to doubt
    assert res.loc["Tiny Email", "verdict"] == cp.PAYS_BACK  # the verdict stands, in doubt
    assert "10,000%" in cp.CHECK_SPEND_RULE and "10%" in cp.CHECK_SPEND_RULE
    assert cp.CHECK_SPEND == "check the spend"
    words = [cp.check_words(flag) for flag in res["check_spend"]]  # the table's Check column
    assert words.count("check the spend") == 2 and words.count("") == len(res) - 2
    assert cp.check_words(pd.NA) == ""
