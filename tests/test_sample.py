"""The sample company: shape, determinism, and the planted facts a good analysis must find."""

import numpy as np
import pandas as pd
import pytest

from reportlib import sample
from reportlib.intake.schema import TABLES

P = pd.Period


@pytest.fixture(scope="module")
def tables(sample_company):
    """``sample.generate()``, shared: the session's ``sample_company`` (built once per process)."""
    return sample_company


@pytest.fixture(scope="module")
def orders(tables):
    return tables.orders.assign(month=tables.orders["order_date"].dt.to_period("M"))


@pytest.fixture(scope="module")
def seed_3():
    """The sample of seed 3 with 2,000 order lines, made twice (two separate calls): the
    determinism tests compare the two, and the first serves as a small sample for the others;
    generated once for the module (about 3 s each)."""
    return sample.generate(seed=3, orders=2_000), sample.generate(seed=3, orders=2_000)


def test_same_seed_same_data_other_seed_other_data(seed_3):
    a, b = seed_3
    c = sample.generate(seed=4, orders=2_000)
    for name, frame in a.items():
        pd.testing.assert_frame_equal(frame, getattr(b, name))
    assert not a.orders["net_revenue"].equals(c.orders["net_revenue"])


def test_the_other_tables_do_not_change_with_the_service_tables(seed_3, monkeypatch):
    """The customer service tables (tests/test_service_sample.py) draw from a generator of
    their own: the same seed gives the same tickets and surveys, and without them the other
    six tables are the same bytes."""
    with_service, again = seed_3
    pd.testing.assert_frame_equal(with_service.tickets, again.tickets)
    pd.testing.assert_frame_equal(with_service.surveys, again.surveys)
    empty = (
        pd.DataFrame(columns=TABLES["tickets"].column_names),
        pd.DataFrame(columns=TABLES["surveys"].column_names),
    )
    monkeypatch.setattr(sample, "tickets_and_surveys", lambda *args: empty)
    without = sample.generate(seed=3, orders=2_000)
    for name in ("orders", "opportunities", "targets", "reps", "campaigns", "market"):
        pd.testing.assert_frame_equal(getattr(with_service, name), getattr(without, name))


def test_every_table_follows_the_contract(tables):
    for name, frame in tables.items():
        assert list(frame.columns) == TABLES[name].column_names, name
        key = list(TABLES[name].key)
        assert not frame.duplicated(key).any(), name


def test_size_and_shape(tables, orders):
    assert len(orders) == sample.DEFAULT_ORDERS
    assert orders["region"].nunique() >= 4
    assert orders["month"].nunique() >= 24
    assert orders["order_date"].max() == pd.Timestamp("2026-10-31")
    assert orders["customer_id"].nunique() >= 2_000
    assert orders["vertical"].nunique() >= 6
    assert set(orders["segment"]) == {"Enterprise", "Mid-Market", "SMB"}
    assert orders["channel"].nunique() >= 3
    assert orders["category"].nunique() >= 4
    reps = tables.reps
    aes = reps[reps["role"] == "Account Executive"]
    assert len(aes) >= 30
    assert aes["manager_id"].isin(reps.loc[reps["role"] == "Sales Manager", "rep_id"]).all()
    assert (aes["hire_date"] > orders["order_date"].min()).sum() >= 4  # new hires ramping
    assert set(tables.opportunities["stage"]) >= {"Closed Won", "Closed Lost", "Prospecting"}
    assert tables.targets["month"].max() == "2026-12"  # the rest of the fiscal year has targets


def test_order_lines_add_up(orders):
    expected = np.round(orders["quantity"] * orders["list_price"] * (1 - orders["discount_pct"]), 2)
    assert np.allclose(orders["net_revenue"], expected, atol=0.011)
    assert (orders["cost"] > 0).all()


def test_seasonality_and_growth(orders):
    lines = orders.groupby("month").size()
    # December has the most order lines of its year; August dips below July and September
    for year in (2024, 2025):
        months = lines[[P(f"{year}-{m:02d}", "M") for m in range(1, 13)]]
        assert months.idxmax() == P(f"{year}-12", "M")
        assert months.iloc[7] < min(months.iloc[6], months.iloc[8])
    company = orders[orders["region"] == "na"].groupby("month")["net_revenue"].sum()
    first_year = company[: P("2024-10", "M")].sum()
    last_year = company[P("2025-11", "M") :].sum()
    assert last_year > 1.1 * first_year


def test_planted_new_product_launch(orders):
    cloud = orders[orders["product_name"] == sample.NEW_PRODUCT[0]]
    assert cloud["month"].min() == sample.NEW_PRODUCT[1]
    share = cloud.groupby("month").size() / orders.groupby("month").size()
    assert share[P("2026-04", "M") :].mean() > 2 * share[: P("2025-07", "M")].dropna().mean()


def test_planted_underperforming_team(tables, orders):
    team = tables.reps.set_index("rep_id")["team"]
    rows = orders[orders["month"] >= P("2026-01", "M")]
    revenue = rows.groupby(rows["rep_id"].map(team))["net_revenue"].sum()
    targets = tables.targets[tables.targets["month"].between("2026-01", "2026-10")]
    target = targets.groupby(targets["rep_id"].map(team))["target"].sum()
    attainment = revenue / target
    assert attainment[sample.UNDERPERFORMING_TEAM] < 0.8
    assert attainment.drop(sample.UNDERPERFORMING_TEAM).min() > 0.88


def test_planted_competitor_wins_in_one_region(tables):
    opp = tables.opportunities
    closed = opp[opp["is_closed"] & opp["competitor"].eq("Vantora").fillna(False)]
    win_rate = closed.groupby("region")["is_won"].mean()
    assert win_rate["latam"] < 0.2
    assert win_rate.drop("latam").min() > 0.35


def test_planted_churn_spike(orders):
    def active(region, first, last):
        rows = orders[
            (orders["region"] == region) & orders["month"].between(P(first, "M"), P(last, "M"))
        ]
        return rows["customer_id"].nunique()

    change = {
        r: active(r, "2026-07", "2026-10") / active(r, "2026-02", "2026-05") - 1
        for r in ("na", "emea", "latam", "apac")
    }
    assert change["apac"] < -0.12
    assert min(v for r, v in change.items() if r != "apac") > 0


def test_planted_money_losing_campaign(tables, orders):
    opp, campaigns = tables.opportunities, tables.campaigns.set_index("campaign_id")
    won = opp[opp["is_won"]].groupby("campaign_id")["amount"].sum()
    na = orders[orders["region"] == "na"]
    margin = 1 - na["cost"].sum() / na["net_revenue"].sum()
    losing = campaigns.index[campaigns["campaign_name"] == sample.LOSING_CAMPAIGN][0]
    romi = (won.get(losing, 0.0) * margin - campaigns.loc[losing, "spend"]) / campaigns.loc[
        losing, "spend"
    ]
    assert romi < -0.5
    paid_back = (won.reindex(campaigns.index, fill_value=0) * margin - campaigns["spend"]) > 0
    assert paid_back.mean() > 0.7  # most campaigns pay back


def test_planted_discount_leakage(orders):
    na = orders[orders["region"] == "na"]
    by = na.groupby(["channel", na["order_date"].dt.year])["discount_pct"].mean()
    assert by[("Partner", 2026)] - by[("Partner", 2025)] > 0.06
    assert abs(by[("Direct", 2026)] - by[("Direct", 2025)]) < 0.02


def test_writes_csv_that_reads_back(seed_3, tmp_path):
    from reportlib.intake.data import load_tables

    small = seed_3[0]
    sample.write_csv(small, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in TABLES)
    again = load_tables(tmp_path).tables
    pd.testing.assert_frame_equal(again.opportunities, small.opportunities)


def test_an_earlier_end_moves_the_data_and_leaves_out_later_planted_facts():
    """--end 2025-06 lies before the planted churn spike (2026-06): the data end there anyway."""
    tables = sample.generate(seed=3, orders=2_000, end="2025-06")
    months = tables.orders["order_date"].dt.to_period("M")
    assert months.max() == P("2025-06", "M")
    assert sample.CHURN_SPIKE[1] > months.max()
