"""Each region's standing against its target, the month and the year to date (issue #15)."""

import math

import pandas as pd

from reportlib.analysis.standing import STANDING_COLUMNS, region_standing

OCT = pd.Period("2026-10", "M")


def _orders(rows):
    return pd.DataFrame(
        rows, columns=["region", "order_date", "net_revenue", "order_id", "customer_id"]
    ).astype({"order_date": "datetime64[ns]"})


ORDERS = _orders(
    [
        ("na", "2026-09-10", 100.0, "o1", "c1"),
        ("na", "2026-10-05", 120.0, "o2", "c1"),
        ("latam", "2026-10-07", 30.0, "o3", "c2"),
        ("latam", "2025-10-07", 99.0, "o0", "c2"),  # last fiscal year: not in the year to date
    ]
)
TARGETS = pd.DataFrame(
    {
        "region": ["na", "na", "latam", "latam"],
        "month": ["2026-09", "2026-10", "2026-09", "2026-10"],
        "target": [100.0, 100.0, 50.0, 50.0],
    }
)


def test_each_region_against_its_target_month_and_year_to_date():
    names = {"latam": "Latin America", "na": "North America", "apac": "Asia Pacific"}
    got = region_standing(ORDERS, TARGETS, OCT, names)
    assert list(got.columns) == list(STANDING_COLUMNS)
    assert list(got.index) == ["latam", "na", "apac"]  # the order given, a region without sales
    na = got.loc["na"]
    # month: 120 of 100; year to date (Jan–Oct 2026): 100 + 120 of 100 + 100
    assert (na["revenue"], na["target"], na["attainment"]) == (120.0, 100.0, 1.2)
    assert (na["revenue_ytd"], na["target_ytd"], na["attainment_ytd"]) == (220.0, 200.0, 1.1)
    latam = got.loc["latam"]
    # month: 30 of 50; year to date: 30 of 50 + 50 (the 99 of October 2025 is last year's)
    assert latam["attainment"] == 0.6 and latam["revenue_ytd"] == 30.0
    assert latam["attainment_ytd"] == 0.3
    assert got.loc["apac", "revenue"] == 0.0 and math.isnan(got.loc["apac", "attainment"])


def test_without_targets_attainment_is_nan():
    got = region_standing(ORDERS, None, OCT, {"na": "North America"})
    assert got.loc["na", "revenue_ytd"] == 220.0
    assert math.isnan(got.loc["na", "attainment_ytd"])
