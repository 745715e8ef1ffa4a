"""Mix and new-product analyses against figures worked out by hand on a tiny fixture."""

import math

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import products as pr
from reportlib.formatting import Formatter

P = pd.Period
MARCH = P("2026-03", "M")
FMT = Formatter("en_US", "USD")


@pytest.fixture
def orders() -> pd.DataFrame:
    # Data begin in March 2025, so S1 and S2 are not launches. OLD2 is first sold in June 2025,
    # NEW ("Insight") in November 2025, FUT only after the reported month (March 2026).
    rows = [
        # date, customer, channel, category, product id, product name, net revenue
        ("2025-03-05", "K1", "Direct", "Sensors", "S1", "Sensor", 300.0),
        ("2025-03-06", "K2", "Partner", "Software", "S2", "Suite", 100.0),
        ("2025-06-01", "K2", "Partner", "Software", "OLD2", "Old launch", 10.0),
        ("2025-11-02", "K1", "Direct", "Software", "NEW", "Insight", 50.0),
        ("2025-11-03", "K2", "Direct", "Sensors", "S1", "Sensor", 150.0),
        ("2025-12-03", "K2", "Direct", "Sensors", "S1", "Sensor", 100.0),
        ("2026-01-04", "K1", "Direct", "Software", "NEW", "Insight", 30.0),
        ("2026-01-05", "K3", "Partner", "Software", "NEW", "Insight", 20.0),
        ("2026-01-06", "K2", "Partner", "Software", "S2", "Suite", 50.0),
        ("2026-03-01", "K1", "Direct", "Sensors", "S1", "Sensor", 300.0),
        ("2026-03-02", "K2", "Partner", "Software", "S2", "Suite", 200.0),
        ("2026-03-03", "K4", "E-commerce", "Software", "NEW", "Insight", 100.0),
        ("2026-04-01", "K4", "E-commerce", "Software", "FUT", "Future", 999.0),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "order_date",
            "customer_id",
            "channel",
            "category",
            "product_id",
            "product_name",
            "net_revenue",
        ],
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    for col in frame.columns[1:-1]:
        frame[col] = frame[col].astype("string")
    return frame


def test_mix_by_channel(orders):
    mix = pr.mix_by(orders, "channel", MARCH)
    # March 2026: Direct 300, Partner 200, E-commerce 100 of 600;
    # March 2025: Direct 300, Partner 100 of 400
    assert list(mix.index) == ["Direct", "Partner", "E-commerce"]
    assert list(mix["revenue"]) == [300.0, 200.0, 100.0]
    assert list(mix["revenue_ly"]) == [300.0, 100.0, 0.0]
    assert list(mix["share"]) == pytest.approx([0.5, 1 / 3, 1 / 6])
    assert list(mix["share_ly"]) == pytest.approx([0.75, 0.25, 0.0])
    assert list(mix["mix_shift"]) == pytest.approx([-0.25, 1 / 12, 1 / 6])


def test_mix_without_revenue_a_year_earlier(orders):
    mix = pr.mix_by(orders, "channel", P("2025-11", "M"))  # nothing in November 2024
    assert mix["share_ly"].isna().all()
    assert mix["mix_shift"].isna().all()


def test_revenue_mix_stacks_dimensions(orders):
    mix = pr.revenue_mix(orders, MARCH, columns=("channel", "category"))
    assert mix.index.names == ["dimension", "group"]
    # categories: Sensors 300 and Software 300 of 600; a year earlier 300 and 100 of 400
    assert mix.loc[("category", "Software"), "mix_shift"] == pytest.approx(0.25)
    assert mix.loc[("category", "Sensors"), "mix_shift"] == pytest.approx(-0.25)
    assert mix.groupby(level="dimension")["mix_shift"].sum().abs().max() < 1e-12
    assert pr.revenue_mix(orders.iloc[:0], MARCH, columns=("channel",)).empty


def test_latest_launch(orders):
    launch = pr.latest_launch(orders, MARCH)
    assert launch == pr.Launch("Insight", P("2025-11", "M"))  # FUT is after March
    assert pr.latest_launch(orders, P("2025-10", "M")).product_name == "Old launch"
    assert pr.latest_launch(orders, P("2025-05", "M")) is None  # all sold from the first month
    assert pr.latest_launch(orders.iloc[:0], MARCH) is None


def test_new_product_adoption(orders):
    out = pr.new_product_adoption(orders, MARCH)
    assert list(out.index.astype(str)) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    assert list(out["revenue"]) == [50.0, 0.0, 50.0, 0.0, 100.0]
    # Nov 50 / 200; Dec 0 / 100; Jan 50 / 100; Feb no revenue at all; Mar 100 / 600
    assert out["share"].iloc[[0, 1, 2, 4]].tolist() == pytest.approx([0.25, 0.0, 0.5, 1 / 6])
    assert math.isnan(out["share"].iloc[3])
    assert list(out["buyers"]) == [1, 0, 2, 0, 1]
    assert list(out["adopters"]) == [1, 1, 2, 2, 3]  # K1; K3 in January; K4 in March
    assert pr.new_product_adoption(orders, P("2025-05", "M")).empty


def test_product_kpis(orders):
    before = orders.copy()
    k = pr.product_kpis(orders, MARCH)
    pd.testing.assert_frame_equal(orders, before)
    assert k == {
        "new_product": "Insight",
        "new_product_launch": "2025-11",
        "new_product_share": pytest.approx(1 / 6),
        "new_product_share_ly": 0.0,  # March 2025 had sales, none of Insight
        "new_product_adopters": 3,
    }
    none = pr.product_kpis(orders.iloc[:0], MARCH)
    assert none["new_product"] is None
    assert none["new_product_share"] is None


@pytest.fixture(scope="module")
def sample_orders(sample_company) -> pd.DataFrame:
    return sample_company.orders


def test_sample_finds_insight_cloud_and_its_rising_share(sample_orders):
    name, launch = sample.NEW_PRODUCT
    period = P(sample.DEFAULT_END, "M")
    found = pr.latest_launch(sample_orders, period)
    assert (found.product_name, found.month) == (name, launch)
    adoption = pr.new_product_adoption(sample_orders, period)
    share = adoption["share"]
    # about 5-7% in its first three months, above 20% in the last six
    assert share.iloc[:3].mean() < 0.08
    assert share.iloc[-6:].mean() > 0.2
    assert adoption["adopters"].is_monotonic_increasing
    k = pr.product_kpis(sample_orders, period)
    assert k["new_product"] == name
    assert k["new_product_launch"] == str(launch)
    assert k["new_product_share"] > k["new_product_share_ly"] + 0.05
    assert k["new_product_adopters"] > 1000


# --- orders without optional columns ("not delivered": absent from the frame) ----------------


def test_revenue_mix_leaves_out_columns_not_delivered(orders):
    mix = pr.revenue_mix(orders.drop(columns="channel"), MARCH, columns=("channel", "category"))
    assert list(mix.index.get_level_values("dimension").unique()) == ["category"]
    assert mix.loc[("category", "Software"), "mix_shift"] == pytest.approx(0.25)
    none = pr.revenue_mix(orders.drop(columns=["channel", "category"]), MARCH)
    assert none.empty and none.index.names == ["dimension", "group"]


def test_launch_without_product_names_is_named_by_its_code(orders):
    no_names = orders.drop(columns="product_name")
    assert pr.latest_launch(no_names, MARCH) == pr.Launch("NEW", P("2025-11", "M"))
    k = pr.product_kpis(no_names, MARCH)
    assert k["new_product"] == "NEW"
    assert k["new_product_share"] == pytest.approx(1 / 6)  # 100 of March's 600, as with names


def test_no_launch_without_product_codes(orders):
    category_only = orders.drop(columns=["product_id", "product_name"])
    assert pr.latest_launch(category_only, MARCH) is None
    assert set(pr.product_kpis(category_only, MARCH).values()) == {None}


def test_mix_columns_are_those_delivered(orders):
    assert pr.mix_columns(orders) == ("channel", "category")
    assert pr.mix_columns(orders.drop(columns="channel")) == ("category",)


# --- what makes a product new: its name, the company's first sale, params' launch dates ------


def _lines(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["order_date", "customer_id", "product_id", "product_name", "net_revenue"]
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    for col in ("customer_id", "product_id", "product_name"):
        frame[col] = frame[col].astype("string")
    return frame


@pytest.fixture
def relisted() -> pd.DataFrame:
    # The company's orders from June 2023. "Insight" sold as INS1 from December 2023 (27 months
    # before March 2026) and is re-listed as INS2 in February 2026; "Fresh" is launched in
    # September 2025.
    return _lines(
        [
            ("2023-06-05", "K1", "S1", "Sensor", 100.0),
            ("2023-12-01", "K2", "INS1", "Insight", 50.0),
            ("2025-09-10", "K3", "FR1", "Fresh", 40.0),
            ("2026-02-01", "K1", "INS2", "Insight", 80.0),
            ("2026-03-02", "K4", "INS2", "Insight", 60.0),
            ("2026-03-03", "K3", "FR1", "Fresh", 20.0),
            ("2026-03-04", "K1", "S1", "Sensor", 120.0),
        ]
    )


def test_a_product_relisted_under_a_new_code_is_not_new(relisted):
    # INS2's first line (February 2026) is the latest, but its name sold from December 2023:
    # more than NEW_PRODUCT_MONTHS (24) before March 2026. The new product is Fresh.
    assert pr.latest_launch(relisted, MARCH) == pr.Launch("Fresh", P("2025-09", "M"))
    table = pr.product_launches(relisted, MARCH)
    assert list(table.index) == ["Fresh", "Insight", "Sensor"]
    assert table.loc["Insight", "launch"] == P("2023-12", "M")
    assert not table.loc["Insight", "new_to_company"]
    assert pd.isna(table.loc["Sensor", "launch"])  # sold from the data's first month
    assert not table["new_to_region"].any()  # the company's own report
    k = pr.product_kpis(relisted, MARCH)
    assert k == {
        "new_product": "Fresh",
        "new_product_launch": "2025-09",
        "new_product_share": pytest.approx(20 / 200),  # March: 60 + 20 + 120
        "new_product_share_ly": None,  # nothing sold in March 2025
        "new_product_adopters": 1,
    }
    # the re-listed product's adoption follows its name across both codes
    insight = pr.new_product_adoption(relisted, MARCH, pr.Launch("Insight", P("2026-02", "M")))
    assert list(insight["revenue"]) == [80.0, 60.0]
    assert list(insight["adopters"]) == [1, 2]


def test_first_sales_of_each_code_and_name(relisted):
    first = pr.first_sales(relisted)
    assert first.to_dict("list") == {
        "product_id": ["FR1", "INS1", "INS2", "S1"],
        "product_name": ["Fresh", "Insight", "Insight", "Sensor"],
        "first_sale": [P("2025-09", "M"), P("2023-12", "M"), P("2026-02", "M"), P("2023-06", "M")],
    }
    assert pr.first_sales(relisted.drop(columns=["product_id", "product_name"])).empty
    codes = pr.first_sales(relisted.drop(columns="product_name"))
    assert codes["product_name"].isna().all() and len(codes) == 4


@pytest.fixture
def north() -> pd.DataFrame:
    # One region's orders, from March 2024. Widget first sells here in January 2026, Fresh in
    # November 2025.
    return _lines(
        [
            ("2024-03-01", "N1", "S1", "Sensor", 100.0),
            ("2025-11-05", "N2", "FR1", "Fresh", 30.0),
            ("2026-01-10", "N1", "W1", "Widget", 70.0),
            ("2026-03-02", "N3", "W1", "Widget", 50.0),
            ("2026-03-03", "N2", "FR1", "Fresh", 10.0),
            ("2026-03-04", "N1", "S1", "Sensor", 140.0),
        ]
    )


COMPANY_FIRST = pd.DataFrame(
    {
        "product_id": ["S1", "W0", "W1", "FR1"],
        "product_name": ["Sensor", "Widget", "Widget", "Fresh"],
        "first_sale": pd.PeriodIndex(["2023-06", "2024-01", "2026-01", "2025-09"], freq="M"),
    }
).astype({"product_id": "string", "product_name": "string"})
"""The company's first sales: Widget sold in another region since January 2024 (code W0)."""


def test_a_product_long_sold_elsewhere_is_new_to_the_region_only(north):
    # Seen alone, the region's orders make Widget (first line January 2026) the new product.
    # The company sold it from January 2024: it is new to the region; the product new to the
    # company is Fresh (launched September 2025), though the region sold it first in November.
    assert pr.latest_launch(north, MARCH, COMPANY_FIRST) == pr.Launch("Fresh", P("2025-09", "M"))
    assert pr.latest_regional_launch(north, MARCH, COMPANY_FIRST) == pr.Launch(
        "Widget", P("2026-01", "M"), "region", P("2024-01", "M")
    )
    table = pr.product_launches(north, MARCH, COMPANY_FIRST)
    assert list(table["new_to_company"]) == [True, False, False]  # Fresh, Sensor, Widget
    # Sensor first sold here in March 2024, exactly 24 months before March 2026: not new
    assert list(table["new_to_region"]) == [False, False, True]
    k = pr.product_kpis(north, MARCH, COMPANY_FIRST)
    assert (k["new_product"], k["new_product_launch"]) == ("Fresh", "2025-09")
    assert k["new_product_share"] == pytest.approx(10 / 200)  # March: 50 + 10 + 140
    assert k["new_product_adopters"] == 1


def test_a_region_that_cannot_see_the_company_calls_nothing_new_to_the_company(north):
    # without the company's first sales, a region knows only its own first sales
    unknown = COMPANY_FIRST.iloc[:0]
    assert pr.latest_launch(north, MARCH, unknown) is None
    assert pr.latest_regional_launch(north, MARCH, unknown) == pr.Launch(
        "Widget", P("2026-01", "M"), "region", None
    )


def test_launch_dates_of_params_decide_over_first_sales(north):
    # params say Widget launched in December 2025 (its earlier sales were trials), and Fresh
    # long ago (its older sales lie before the data)
    dates = {"Widget": P("2025-12", "M"), "Fresh": P("2019-01", "M")}
    assert pr.latest_launch(north, MARCH, COMPANY_FIRST, dates) == pr.Launch(
        "Widget", P("2025-12", "M")
    )
    assert pr.latest_regional_launch(north, MARCH, COMPANY_FIRST, dates) == pr.Launch(
        "Fresh", P("2025-11", "M"), "region", P("2025-09", "M")
    )
    # a launch date makes new a product sold from the data's first month
    assert pr.latest_launch(north, MARCH, COMPANY_FIRST, {"Sensor": P("2026-02", "M")}) == (
        pr.Launch("Sensor", P("2026-02", "M"))
    )


def test_without_product_names_first_sales_are_found_by_code(north):
    # by code, W1 is first sold in January 2026 in the company too: new to the company
    no_names = north.drop(columns="product_name")
    assert pr.latest_launch(no_names, MARCH, COMPANY_FIRST) == pr.Launch("W1", P("2026-01", "M"))


# --- one-member comparisons -----------------------------------------------------------------


def test_a_channel_alone_is_not_compared_with_itself(orders):
    # every March line sold through one channel, as the retail sample's E-commerce: its one row
    # read 100.0% 100.0% 0.0 pp
    one = orders.assign(channel=pd.Series("E-commerce", index=orders.index, dtype="string"))
    assert list(pr.mix_groups_sold(one, "channel", MARCH)) == ["E-commerce"]
    # categories: Sensors and Software sold in March 2026 (and 2025)
    assert pr.comparable_mix_columns(one, MARCH) == ("category",)
    one_channel = {
        "channel": "All sales in March 2026 and March 2025 were in one sales channel, "
        "E-commerce: there is no other sales channel to compare it with."
    }
    assert pr.mix_too_few(one, MARCH, FMT) == one_channel
    assert pr.mix_too_few(one, MARCH, "March 2026 and March 2025") == one_channel  # transitional
    # the fixture's three channels are compared; columns not delivered are not named
    assert pr.comparable_mix_columns(orders, MARCH) == ("channel", "category")
    assert pr.mix_too_few(orders, MARCH, FMT) == {}
    # no sales in either month: nothing to compare
    assert pr.mix_too_few(orders.iloc[:0], MARCH, FMT, ("channel",)) == {
        "channel": "There were no sales in March 2026 and March 2025, so there is nothing to "
        "compare by sales channel."
    }


def _channels(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_date", "channel", "net_revenue"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["channel"] = frame["channel"].astype("string")
    return frame


def test_a_group_sold_in_one_of_the_two_months_is_a_member():
    # Partner sold only a year earlier (its share fell from 25% to 0): two members to compare
    lost = _channels(
        [
            ("2025-03-05", "Direct", 300.0),
            ("2025-03-06", "Partner", 100.0),
            ("2026-03-01", "Direct", 500.0),
        ]
    )
    assert list(pr.mix_groups_sold(lost, "channel", MARCH)) == ["Direct", "Partner"]
    assert pr.comparable_mix_columns(lost, MARCH, ("channel",)) == ("channel",)
    # Partner's lines net to zero (a sale and its refund): it sold nothing
    refunded = _channels(
        [
            ("2025-03-05", "Direct", 300.0),
            ("2025-03-06", "Partner", 100.0),
            ("2025-03-20", "Partner", -100.0),
            ("2026-03-01", "Direct", 500.0),
        ]
    )
    assert list(pr.mix_groups_sold(refunded, "channel", MARCH)) == ["Direct"]
    assert pr.mix_too_few(refunded, MARCH, FMT, ("channel",)) == {
        "channel": "All sales in March 2026 and March 2025 were in one sales channel, Direct: "
        "there is no other sales channel to compare it with."
    }


def test_a_column_not_delivered_sold_nothing(orders):
    assert list(pr.mix_groups_sold(orders, "segment", MARCH)) == []
