"""The sample company's customer service: contract, consistency, and its two planted facts."""

import pandas as pd
import pytest

from reportlib import sample_service
from reportlib.analysis import service
from reportlib.intake.schema import TABLES

P = pd.Period("2026-10", "M")


@pytest.fixture(scope="module")
def tables(sample_company):
    """``sample.generate()``, shared: the session's ``sample_company`` (built once per process)."""
    return sample_company


def test_tables_follow_the_contract(tables):
    for name in ("tickets", "surveys"):
        frame = getattr(tables, name)
        assert list(frame.columns) == TABLES[name].column_names
        assert not frame.duplicated(list(TABLES[name].key)).any()
    # small enough to keep `make reports` fast
    assert 5_000 <= len(tables.tickets) <= 20_000
    assert 2_000 <= len(tables.surveys) <= 12_000


def test_tickets_and_answers_come_from_buyers_in_their_region(tables):
    region_of = tables.orders.drop_duplicates("customer_id").set_index("customer_id")["region"]
    for frame in (tables.tickets, tables.surveys):
        assert frame["customer_id"].isin(region_of.index).all()
        assert (frame["region"] == frame["customer_id"].map(region_of)).all()


def test_tickets_keep_the_row_rules(tables):
    t = tables.tickets
    assert (t["solved_at"].dropna() >= t.loc[t["solved_at"].notna(), "created_at"]).all()
    assert (t["first_response_hours"].dropna() >= 0).all()
    assert t["csat_rating"].dropna().between(1, 5).all()
    assert tables.surveys["score"].between(0, 10).all()
    end = P.end_time
    assert t["created_at"].max() <= end and t["solved_at"].max() <= end
    # unsolved tickets are open, solved ones Solved or Closed
    assert set(t.loc[t["solved_at"].isna(), "status"]) <= {"New", "Open", "Pending"}
    assert set(t.loc[t["solved_at"].notna(), "status"]) <= {"Solved", "Closed"}


def test_planted_backlog_build_up_in_one_region(tables):
    region, start = sample_service.BACKLOG_REGION
    before = start - 1
    for rid in ("na", "emea", "latam", "apac"):
        tickets = tables.tickets[tables.tickets["region"] == rid]
        then = service.volume(tickets, before)["backlog"]
        now = service.volume(tickets, P)["backlog"]
        if rid == region:
            assert now >= 4 * then, (rid, then, now)
        else:
            assert now <= 1.5 * max(then, 5), (rid, then, now)


def test_planted_breached_customers_churn_twice_as_often(tables):
    groups = service.breach_experience(tables.tickets, P)
    churn = service.retention_by_experience(tables.orders, groups, P)["churn_rate"]
    ratio = churn[service.BREACHED] / churn[service.NOT_BREACHED]
    assert 1.6 <= ratio <= 2.5, churn.to_dict()


# Their own generator, so that the other tables do not change with them: tests/test_sample.py
# (test_the_other_tables_do_not_change_with_the_service_tables, on the seed-3 samples it makes).
