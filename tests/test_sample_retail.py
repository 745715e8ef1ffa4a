"""The retail sample profile: a shop's export with the shapes that trip naive analyses up.

Every figure below was worked out from the default data (seed 7, 20,000 lines, to 2026-10) with
plain pandas, and each assertion leaves a margin around it; each shape is planted in
``reportlib.sample_retail`` (see ``PLANTED_FACTS``).
"""

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportlib import sample_retail
from reportlib.cli import main
from reportlib.config import load_params
from reportlib.intake.data import load_tables
from reportlib.intake.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
P = pd.Period
NOW = (P("2025-11", "M"), P("2026-10", "M"))  # the last 12 months
BEFORE = (P("2024-11", "M"), P("2025-10", "M"))  # the 12 months before


@pytest.fixture(scope="module")
def tables():
    return sample_retail.generate()


@pytest.fixture(scope="module")
def orders(tables):
    return tables.orders.assign(month=tables.orders["order_date"].dt.to_period("M"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("retail")
    assert main(["-q", "sample-data", "--profile", "retail", "--out", str(out)]) == 0
    return out


def _in(frame: pd.DataFrame, span: tuple[pd.Period, pd.Period]) -> pd.DataFrame:
    return frame[(frame["month"] >= span[0]) & (frame["month"] <= span[1])]


def _margin(frame: pd.DataFrame) -> float:
    return 1 - frame["cost"].sum() / frame["net_revenue"].sum()


def _leakage(frame: pd.DataFrame) -> float:
    list_value = (frame["quantity"].astype("float64") * frame["list_price"]).sum()
    return 1 - frame["net_revenue"].sum() / list_value


def test_only_orders_and_targets_and_no_crm_columns(tables, folder):
    assert sorted(p.name for p in folder.iterdir()) == ["orders.csv", "targets.csv"]
    for name in ("opportunities", "reps", "campaigns", "market"):
        assert getattr(tables, name) is None
    absent = {"rep_id", "segment", "vertical"}
    assert list(tables.orders.columns) == [
        c for c in TABLES["orders"].column_names if c not in absent
    ]
    assert list(tables.targets.columns) == TABLES["targets"].column_names
    assert not tables.orders.duplicated(["order_id", "line_number"]).any()


def test_size_span_regions_and_currencies(orders):
    assert len(orders) == 20_000
    assert orders["month"].nunique() == 36
    assert orders["order_date"].min() == pd.Timestamp("2023-11-01")
    assert orders["order_date"].max() == pd.Timestamp("2026-10-31")
    params = load_params(ROOT / "params")
    currencies = orders.groupby("region")["currency"].unique().map(list).to_dict()
    assert currencies == {r: [params.region(r).currency] for r in ("apac", "emea", "latam", "na")}
    # every region sells in every month, and reaches the last day of the data
    assert (orders.groupby(["region", "month"]).size().unstack().notna()).all().all()
    last_day = orders[orders["order_date"] == pd.Timestamp("2026-10-31")]
    assert set(last_day["region"]) == {"apac", "emea", "latam", "na"}
    # a shop's baskets: about 1.5 lines an order
    assert 1.4 < orders.groupby("order_id").size().mean() < 1.6
    expected = np.round(
        orders["quantity"].astype("float64") * orders["list_price"] * (1 - orders["discount_pct"]),
        2,
    )
    assert np.allclose(orders["net_revenue"], expected, atol=0.011)


def test_same_seed_same_data_other_seed_other_data():
    a = sample_retail.generate(seed=3, orders=3_000)
    b = sample_retail.generate(seed=3, orders=3_000)
    c = sample_retail.generate(seed=4, orders=3_000)
    for name, frame in a.items():
        pd.testing.assert_frame_equal(frame, getattr(b, name))
    assert not a.orders["net_revenue"].equals(c.orders["net_revenue"])


def test_one_channel(orders):
    assert set(orders["channel"]) == {"E-commerce"}


def test_about_a_third_of_customers_buy_in_several_regions(orders):
    regions = orders.groupby("customer_id")["region"].nunique()
    # 2,578 customers bought; 861 of them (33.4%) in two regions or more
    assert len(regions) > 2_400
    assert 0.28 < (regions >= 2).mean() < 0.38


def _moved(lines: pd.DataFrame) -> bool:
    """Bought only in one region for 12 months or more, then only in another."""
    lines = lines.sort_values("order_date")
    region = lines["region"].to_numpy()
    switch = np.flatnonzero(region[1:] != region[:-1])
    if len(switch) != 1:
        return False
    months = lines["month"].to_numpy()
    return (months[switch[0] + 1] - months[0]).n >= 12


def test_some_customers_move_from_one_region_to_another(orders):
    moved = orders.groupby("customer_id")[["order_date", "region", "month"]].apply(_moved)
    # 185 of the 2,578 buying customers (7.2%)
    assert 0.05 < moved.mean() < 0.09


def test_a_first_quarter_dip_in_emea_every_year(orders):
    emea = orders[orders["region"] == "emea"]
    revenue = emea.groupby("month")["net_revenue"].sum()
    buyers = emea.groupby("month")["customer_id"].nunique()
    for year in (2024, 2025, 2026):
        q1 = [P(f"{year}-{m:02d}", "M") for m in (1, 2, 3)]
        q2 = [P(f"{year}-{m:02d}", "M") for m in (4, 5, 6)]
        peak = [P(f"{year - 1}-{m}", "M") for m in (11, 12)]
        for series in (revenue, buyers):
            # 2024: revenue 7.7K a month in Q1, 17.5K in Q2, 25.3K in Nov-Dec; buyers 39, 89, 122
            assert series[q1].mean() < 0.6 * series[q2].mean()
            assert series[q1].mean() < 0.5 * series[peak].mean()


def test_the_naive_steepest_fall_is_emea_first_quarter(orders):
    # active customers: distinct buyers in the trailing 3 months, over the last 24 months
    months = pd.period_range("2024-11", "2026-10", freq="M")
    active = pd.DataFrame(
        {
            region: [
                lines.loc[(lines["month"] > m - 3) & (lines["month"] <= m), "customer_id"].nunique()
                for m in months
            ]
            for region, lines in orders.groupby("region")
        },
        index=months,
    )
    fall = (active - active.shift(3)) / active.shift(3)
    month, region = fall.stack().idxmin()
    # EMEA from December 2025 to March 2026: 301 to 118 active customers, −61% (a year
    # earlier 283 to 117, −59%)
    assert region == "emea"
    assert month.month == 3
    assert fall.stack().min() < -0.5


def test_relisted_products_keep_their_name_under_a_new_id(orders):
    ids = orders.groupby("product_name")["product_id"].unique().map(sorted)
    relisted = ids[ids.map(len) > 1]
    assert sorted(relisted.index) == [
        "Canvas Weekender Bag", "City Sneaker", "Headlamp 300", "Rain Shell Jacket",
    ]  # fmt: skip
    span = orders.groupby("product_id")["month"].agg(["min", "max"])
    for name, switch in (
        ("Rain Shell Jacket", "2024-09"),
        ("City Sneaker", "2025-03"),
        ("Headlamp 300", "2025-10"),
    ):
        old, new = relisted[name]
        assert span.loc[old, "min"] == P("2023-11", "M")
        assert span.loc[old, "max"] == P(switch, "M") - 1  # the old id stops ...
        assert span.loc[new, "min"] == P(switch, "M")  # ... and the new one starts
        assert span.loc[new, "max"] == P("2026-10", "M")
    old, new = relisted["Canvas Weekender Bag"]
    assert (span.loc[old, "min"], span.loc[old, "max"]) == (P("2023-11", "M"), P("2024-10", "M"))
    assert (span.loc[new, "min"], span.loc[new, "max"]) == (P("2026-10", "M"), P("2026-10", "M"))
    # a product id first seen in the last month: the trap of "the newest product"
    assert span["min"].idxmax() == new == "SKU-20015"


def test_a_product_new_to_latam_only(orders):
    first = orders[orders["product_name"] == "Summit Tent 2P"].groupby("region")["month"].min()
    assert first.to_dict() == {
        "apac": P("2023-11", "M"), "emea": P("2023-11", "M"),
        "latam": P("2026-08", "M"), "na": P("2023-11", "M"),
    }  # fmt: skip


def test_latam_sells_below_cost_in_the_last_month(orders):
    margin = orders.groupby(["region", "month"])[["net_revenue", "cost"]].sum()
    margin = (1 - margin["cost"] / margin["net_revenue"]).unstack("region")
    last = margin.loc[P("2026-10", "M")]
    assert -0.065 < last["latam"] < -0.055  # −6.0%
    assert (last.drop("latam") > 0.3).all()
    earlier = margin.loc[: P("2026-09", "M")]
    assert earlier.min().min() > 0.3 and earlier.max().max() < 0.6


def test_apac_revenue_mostly_from_one_year_products_with_leakage_rising(orders):
    apac = orders[orders["region"] == "apac"]
    now = _in(apac, NOW).groupby("product_name")["net_revenue"].sum()
    before = _in(apac, BEFORE).groupby("product_name")["net_revenue"].sum()
    one_year = now.index.symmetric_difference(before.index)
    share = (now.reindex(one_year).sum() + before.reindex(one_year).sum()) / (
        now.sum() + before.sum()
    )
    assert share > 0.6  # 70.4%: the collections AW24 and AW25
    assert 0.16 < _leakage(_in(apac, BEFORE)) < 0.20  # 17.7%
    assert 0.26 < _leakage(_in(apac, NOW)) < 0.30  # 28.1%
    for region, lines in orders[orders["region"] != "apac"].groupby("region"):
        change = _leakage(_in(lines, NOW)) - _leakage(_in(lines, BEFORE))
        assert abs(change) < 0.02, region


def test_targets_are_a_budget_per_region_and_month(tables):
    targets = tables.targets
    assert len(targets) == 4 * 38  # 2023-11 to the end of the calendar year 2026
    assert targets["month"].min() == "2023-11" and targets["month"].max() == "2026-12"
    assert not targets.duplicated(["month", "rep_id"]).any()
    assert set(targets["rep_id"]) == {"ECOM-NA", "ECOM-EMEA", "ECOM-LATAM", "ECOM-APAC"}
    assert (targets["rep_id"] == "ECOM-" + targets["region"].str.upper()).all()
    assert (targets["target"] > 0).all()


def test_validate_and_intake_accept_it_whole(tables, folder):
    assert main(["-q", "validate", "--data", str(folder), "--period", "2026-10"]) == 0
    intake = load_tables(folder, load_params(ROOT / "params"))
    counts = {s.table: (s.input_rows, s.accepted, s.quarantined) for s in intake.summary}
    assert counts == {"orders": (20_000, 20_000, 0), "targets": (152, 152, 0)}
    orders = next(s for s in intake.summary if s.table == "orders")
    assert orders.not_delivered == ("vertical", "segment", "rep_id")
    assert intake.tables.opportunities is None and intake.tables.reps is None
    pd.testing.assert_frame_equal(intake.tables.orders, tables.orders)
    pd.testing.assert_frame_equal(intake.tables.targets, tables.targets)


def test_company_is_the_default_profile(tmp_path):
    default, company = tmp_path / "default", tmp_path / "company"
    args = ["-q", "sample-data", "--orders", "2000", "--seed", "3"]
    assert main([*args, "--out", str(default)]) == 0
    assert main([*args, "--profile", "company", "--out", str(company)]) == 0
    assert len(list(default.iterdir())) == 8  # six sales tables, tickets and surveys
    for path in default.iterdir():
        assert (company / path.name).read_bytes() == path.read_bytes(), path.name


def test_too_few_lines_or_months_is_a_user_error(tmp_path):
    out = str(tmp_path / "x")
    assert main(["-q", "sample-data", "--profile", "retail", "--orders", "100", "--out", out]) == 2
    with pytest.raises(ValueError, match="months must be at least 30"):
        sample_retail.generate(months=24)


def test_tables_left_from_another_profile_are_named(tmp_path, caplog):
    (tmp_path / "reps.csv").write_text("rep_id\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="reportlib"):
        args = ["-q", "sample-data", "--profile", "retail", "--orders", "3000"]
        assert main([*args, "--out", str(tmp_path)]) == 0
    assert "also holds reps.csv" in caplog.text
