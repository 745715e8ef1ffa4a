"""reportlib.analysis.service: figures of small hand-made tables, worked out by hand below."""

import math

import numpy as np
import pandas as pd
import pytest

from reportlib.analysis import service

P = pd.Period("2026-10", "M")
T = pd.Timestamp
NA = pd.NA


def tickets_frame() -> pd.DataFrame:
    # id, created, solved, first response h, priority, fr breached, res breached, csat, customer
    rows = [
        ("T1", "2026-10-01 08:00", "2026-10-01 20:00", 1.0, "High", False, False, 5, "A", "na"),
        ("T2", "2026-10-02 00:00", "2026-10-04 00:00", 4.0, "High", True, False, 2, "B", "na"),
        ("T3", "2026-10-10 00:00", None, 2.0, "Normal", False, NA, NA, "A", "emea"),
        ("T4", "2026-09-20 00:00", "2026-10-05 00:00", 10.0, "Low", NA, NA, 4, "C", "emea"),
        ("T5", "2026-10-31 12:00", None, np.nan, NA, NA, NA, NA, "B", "na"),
        ("T6", "2026-08-01 00:00", None, 1.0, "Urgent", False, True, NA, "C", "emea"),
        ("T7", "2026-09-01 00:00", "2026-09-03 00:00", 3.0, "Normal", False, False, 1, "A", "na"),
    ]
    cols = [
        "ticket_id",
        "created_at",
        "solved_at",
        "first_response_hours",
        "priority",
        "first_response_breached",
        "resolution_breached",
        "csat_rating",
        "customer_id",
        "region",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    solved = frame["solved_at"].notna()
    return frame.assign(
        created_at=pd.to_datetime(frame["created_at"]),
        solved_at=pd.to_datetime(frame["solved_at"]),
        status=np.where(solved, "Solved", "Open"),
        priority=frame["priority"].astype("string"),
        first_response_breached=frame["first_response_breached"].astype("boolean"),
        resolution_breached=frame["resolution_breached"].astype("boolean"),
        csat_rating=frame["csat_rating"].astype("Int64"),
        customer_id=frame["customer_id"].astype("string"),
    )


def surveys_frame(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["response_id", "answered_at", "customer_id", "score"])
    return frame.assign(
        answered_at=pd.to_datetime(frame["answered_at"], format="ISO8601"),
        region="na",
        score=frame["score"].astype("Int64"),
    )


@pytest.fixture
def tickets():
    return tickets_frame()


def test_volume_created_solved_and_backlog(tickets):
    before = tickets.copy()
    # created in October: T1, T2, T3, T5; solved in October: T1, T2, T4;
    # open at 2026-10-31 23:59: T3, T5, T6 (T4 was solved on the 5th, T7 in September)
    assert service.volume(tickets, P) == {"created": 4, "solved": 3, "backlog": 3}
    pd.testing.assert_frame_equal(tickets, before)


def test_backlog_without_solved_at_counts_open_statuses(tickets):
    # without solved_at, the status decides: T3, T5, T6 are Open
    counts = service.volume(tickets.drop(columns="solved_at"), P)
    assert counts == {"created": 4, "solved": None, "backlog": 3}


def test_backlog_ages(tickets):
    ages = service.backlog_ages(tickets, P)
    # at the end of October: T5 is 0.5 days old, T3 22 days, T6 92 days (Aug 31 + Sep 30 + Oct 31)
    assert list(ages.index) == [label for label, _ in service.AGE_BUCKETS]
    assert ages["tickets"].tolist() == [1, 0, 0, 1, 1]
    assert ages["share"].tolist() == pytest.approx([1 / 3, 0, 0, 1 / 3, 1 / 3])


def test_response_times_median_and_p90(tickets):
    times = service.response_times(tickets, P)
    # first responses of tickets created in October: T1 1 h, T3 2 h, T2 4 h (T5 unanswered);
    # P90 interpolates at position 0.9 × 2 = 1.8: 2 + 0.8 × (4 − 2) = 3.6
    assert times["responded"] == 3
    assert times["median_first_response_hours"] == pytest.approx(2.0)
    assert times["p90_first_response_hours"] == pytest.approx(3.6)
    # resolutions in October: T1 12 h, T2 48 h, T4 15 days = 360 h;
    # P90: 48 + 0.8 × (360 − 48) = 297.6
    assert times["solved"] == 3
    assert times["median_resolution_hours"] == pytest.approx(48.0)
    assert times["p90_resolution_hours"] == pytest.approx(297.6)


def test_response_times_without_their_columns(tickets):
    times = service.response_times(tickets.drop(columns=["first_response_hours", "solved_at"]), P)
    assert set(times.values()) == {None}


def test_sla_breach_rate_by_priority(tickets):
    table = service.sla_breach_by_priority(tickets, P)
    # created in October with a target: T1 High (met), T2 High (first response missed),
    # T3 Normal (met); T5 has no target and is left out
    assert list(table.index) == ["Normal", "High", service.ALL_PRIORITIES]
    assert table["with_target"].tolist() == [1, 2, 3]
    assert table["breached"].tolist() == [0, 1, 1]
    assert table["breach_rate"].tolist() == pytest.approx([0.0, 0.5, 1 / 3])
    assert service.sla_breach_rate(tickets, P) == pytest.approx(1 / 3)


def test_sla_breach_of_tickets_without_priority(tickets):
    tickets.loc[tickets["ticket_id"] == "T5", "first_response_breached"] = True
    table = service.sla_breach_by_priority(tickets, P)
    # T5 (no priority) now has a target and missed it: its own row, and All = 2 of 4
    assert list(table.index) == ["Normal", "High", service.NO_PRIORITY, service.ALL_PRIORITIES]
    assert table["with_target"].tolist() == [1, 2, 1, 4]
    assert table["breached"].tolist() == [0, 1, 1, 2]
    assert service.sla_breach_rate(tickets, P) == pytest.approx(0.5)


def test_sla_breach_without_flags_is_none(tickets):
    plain = tickets.drop(columns=["first_response_breached", "resolution_breached"])
    assert service.sla_breach_by_priority(plain, P) is None
    assert service.sla_breach_rate(plain, P) is None
    assert service.breach_experience(plain, P) is None


def test_csat_share_of_good_ratings(tickets):
    # rated tickets solved in October: T1 5, T2 2, T4 4 → 2 satisfied of 3 (T7 was solved in
    # September; T3 and T5 are unrated)
    assert service.csat(tickets, P) == {"ratings": 3, "satisfied": 2, "csat": pytest.approx(2 / 3)}
    plain = tickets.drop(columns="csat_rating")
    assert service.csat(plain, P) == {"ratings": None, "satisfied": None, "csat": None}


def test_nps_counts_each_customers_latest_answer():
    surveys = surveys_frame(
        [
            ("R1", "2026-09-01 10:00", "A", 3),
            ("R2", "2026-10-15 10:00", "A", 10),  # A's latest: promoter
            ("R3", "2026-10-02 10:00", "B", 8),  # passive
            ("R4", "2026-08-05 10:00", "C", 6),  # detractor
            ("R5", "2026-07-31 23:00", "D", 0),  # before August: outside the 3 months
            ("R6", "2026-10-20 10:00", "E", 9),  # promoter
        ]
    )
    score = service.nps(surveys, P)
    # 2 promoters, 1 passive, 1 detractor of 4: 100 × (2 − 1) ÷ 4 = 25 points
    assert score == {
        "customers": 4,
        "promoters": 2,
        "passives": 1,
        "detractors": 1,
        "nps": pytest.approx(25.0),
    }
    assert service.nps(surveys, pd.Period("2020-01", "M"))["nps"] is None


def test_summary_trend_and_regions(tickets):
    surveys = surveys_frame([("R1", "2026-10-15 10:00", "A", 10)])
    month = service.summary(tickets, surveys, P)
    assert month["tickets"] == 4
    assert month["backlog"] == 3
    assert month["median_first_response_hours"] == pytest.approx(2.0)
    assert month["nps"] == pytest.approx(100.0)
    assert service.summary(None, None, P)["tickets"] is None
    trend = service.trend(tickets, surveys, P, months=3)
    assert [str(p) for p in trend.index] == ["2026-08", "2026-09", "2026-10"]
    # created: August T6; September T4, T7; October 4. Open at the end of August: T6; of
    # September: T4, T6 (T7 solved on the 3rd)
    assert trend["tickets"].tolist() == [1, 2, 4]
    assert trend["backlog"].tolist() == [1, 2, 3]
    regions = service.by_region(tickets, surveys, P)
    # October in na: T1, T2, T5 created; open at the end: T5. In emea: T3 created; T3, T6 open
    assert list(regions.index) == ["emea", "na"]
    assert regions["tickets"].tolist() == [1, 3]
    assert regions["backlog"].tolist() == [2, 1]
    assert math.isnan(regions.loc["emea", "nps"])


def orders_frame() -> pd.DataFrame:
    rows = [
        ("A", "2024-11-15", 100.0),  # retained, grows to 150
        ("A", "2025-12-15", 150.0),
        ("B", "2024-12-15", 200.0),  # lost
        ("C", "2025-01-15", 50.0),  # retained, shrinks to 25
        ("C", "2026-01-15", 25.0),
        ("D", "2025-02-15", 80.0),  # lost
        ("E", "2025-03-15", 40.0),  # retained, flat
        ("E", "2026-02-15", 40.0),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "order_date", "net_revenue"])
    return frame.assign(
        order_date=pd.to_datetime(frame["order_date"]),
        customer_id=frame["customer_id"].astype("string"),
        customer_name=frame["customer_id"] + " Ltd",
        region="na",
    )


def experience_tickets() -> pd.DataFrame:
    # tickets in the starting window 2024-11-01 .. 2025-10-31 (the experience window)
    rows = [
        ("X1", "2025-01-10", "A", True, False),
        ("X2", "2025-01-20", "A", False, False),
        ("X3", "2025-02-01", "B", False, True),
        ("X4", "2025-03-01", "C", False, False),
        ("X5", "2025-04-01", "E", False, NA),
        ("X6", "2025-05-01", "D", NA, NA),  # no target: D is in no group
        ("X7", "2025-11-02", "C", True, True),  # after the window
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "ticket_id",
            "created_at",
            "customer_id",
            "first_response_breached",
            "resolution_breached",
        ],
    )
    return frame.assign(
        created_at=pd.to_datetime(frame["created_at"]),
        first_response_breached=frame["first_response_breached"].astype("boolean"),
        resolution_breached=frame["resolution_breached"].astype("boolean"),
        status="Solved",
        region="na",
    )


def test_experience_window_is_retentions_starting_window():
    assert service.experience_window(P) == (
        T("2024-11-01"),
        pd.Period("2025-10", "M").end_time,
    )


def test_churn_and_nrr_by_breach_experience():
    orders, tickets = orders_frame(), experience_tickets()
    groups = service.breach_experience(tickets, P)
    assert groups.to_dict() == {
        "A": service.BREACHED,
        "B": service.BREACHED,
        "C": service.NOT_BREACHED,
        "E": service.NOT_BREACHED,
    }
    before = orders.copy()
    table = service.retention_by_experience(orders, groups, P)
    pd.testing.assert_frame_equal(orders, before)
    assert list(table.index) == [service.BREACHED, service.NOT_BREACHED]
    # breached: A retained, B lost → churn 1 of 2; start revenue 100 + 200 = 300,
    # NRR = (300 + 50 expansion − 200 churned) ÷ 300 = 0.5
    breached = table.loc[service.BREACHED]
    assert (breached["customers"], breached["lost"]) == (2, 1)
    assert breached["churn_rate"] == pytest.approx(0.5)
    assert breached["start_revenue"] == pytest.approx(300.0)
    assert breached["nrr"] == pytest.approx(0.5)
    # within SLA: C and E retained → churn 0; start 50 + 40 = 90, C contracts by 25:
    # NRR = (90 − 25) ÷ 90
    within = table.loc[service.NOT_BREACHED]
    assert (within["customers"], within["lost"]) == (2, 0)
    assert within["churn_rate"] == pytest.approx(0.0)
    assert within["nrr"] == pytest.approx(65 / 90)


def test_churn_by_nps_group():
    surveys = surveys_frame(
        [
            ("S1", "2025-06-01", "A", 9),
            ("S2", "2025-09-01", "A", 5),  # A's latest in the window: detractor
            ("S3", "2025-05-01", "B", 7),  # passive
            ("S4", "2026-01-01", "C", 10),  # after the window: C is in no group
            ("S5", "2025-10-31 23:00", "E", 10),  # promoter
        ]
    )
    groups = service.nps_experience(surveys, P)
    assert groups.to_dict() == {
        "A": service.DETRACTORS,
        "B": service.PASSIVES,
        "E": service.PROMOTERS,
    }
    table = service.retention_by_experience(orders_frame(), groups, P)
    assert list(table.index) == [service.DETRACTORS, service.PASSIVES, service.PROMOTERS]
    # A retained, B (passive) lost, E retained
    assert table["churn_rate"].tolist() == pytest.approx([0.0, 1.0, 0.0])
    # NRR: A 150 ÷ 100; B 0 ÷ 200; E 40 ÷ 40
    assert table["nrr"].tolist() == pytest.approx([1.5, 0.0, 1.0])


def test_largest_accounts_with_bad_service(tickets):
    surveys = surveys_frame(
        [
            ("R1", "2026-10-15 10:00", "A", 10),
            ("R2", "2026-10-02 10:00", "B", 8),
            ("R3", "2026-08-05 10:00", "C", 6),
            ("R4", "2026-10-20 10:00", "E", 9),
        ]
    )
    out = service.accounts_with_bad_service(orders_frame(), tickets, surveys, P)
    # window August–October 2026. A: T3 open 22 days, T7 rated 1; B: T2 breached and rated 2,
    # but no revenue in the 12 months to October 2026; C: T6 breached and open 92 days, NPS 6;
    # E: no signal.
    # Revenue Nov 2025 – Oct 2026: A 150, C 25
    assert list(out.index) == ["A", "C"]
    assert out["customer_name"].tolist() == ["A Ltd", "C Ltd"]
    assert out["revenue"].tolist() == pytest.approx([150.0, 25.0])
    assert out["breached"].tolist() == [0, 1]
    assert out["bad_ratings"].tolist() == [1, 0]
    assert out["old_open"].tolist() == [1, 1]
    assert out["nps_score"].tolist() == pytest.approx([10.0, 6.0])
    top = service.accounts_with_bad_service(orders_frame(), tickets, None, P, top=1)
    assert list(top.index) == ["A"]


def test_labels_are_shown_through_the_catalog():
    assert service.service_label(service.BREACHED) == "Breached SLA"
    assert service.service_label("High") == "High"
