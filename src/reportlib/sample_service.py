"""The sample company's customer service: support tickets and NPS answers (``reportlib.sample``).

Tickets and answers come from the customers who buy, in their region, while they buy. Two facts
are planted (``reportlib.sample.PLANTED_FACTS``, asserted in tests/test_service_sample.py):

- a backlog build-up in EMEA: from June 2026 tickets there take longer and longer to solve, so
  that its backlog at the end of October is several times that of May, while other regions'
  stay level;
- customers whose tickets breached an SLA target in the year retention starts from (the
  starting window of ``reportlib.analysis.customers.retention`` for the last month) churn at
  about twice the rate of the customers whose tickets all met their targets.

Drawn from their own random generator (seeded from the sample's seed), so that the other
tables are the same bytes with or without them. Timestamps are UTC; durations calendar hours.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BACKLOG_REGION = ("emea", pd.Period("2026-06", "M"))
"""Region whose backlog builds up, and the first month of the build-up."""
BACKLOG_SLOWDOWN = 1.6
"""Resolution times of the build-up region grow by this × (months since its start) + 1."""
BREACHED_CHURN_FACTOR = 2.0
"""Churn rate of customers with an SLA breach ÷ that of customers without, as planted."""
BREACHED_SHARE = 0.3
"""Share of the retention cohort's customers with tickets who live through a breach."""
WINDOW_MONTHS = 12
"""Length of the retention windows (``customers.ACTIVE_WINDOW_MONTHS``)."""

TICKETS_PER_MONTH = {"Enterprise": 0.5, "Mid-Market": 0.2, "SMB": 0.08}
PRIORITIES = ("Low", "Normal", "High", "Urgent")
PRIORITY_P = (0.25, 0.5, 0.18, 0.07)
# calendar hours, by priority: median first response, median resolution, and the SLA targets
FIRST_RESPONSE_MEDIAN = np.array([6.0, 3.0, 1.2, 0.4])
RESOLUTION_MEDIAN = np.array([70.0, 40.0, 20.0, 7.0])
FIRST_RESPONSE_TARGET = np.array([24.0, 8.0, 4.0, 1.0])
RESOLUTION_TARGET = np.array([240.0, 120.0, 72.0, 24.0])
CHANNELS = ("Email", "Web", "Phone", "Chat")
CHANNEL_P = (0.45, 0.25, 0.2, 0.1)
CATEGORIES = ("Installation", "Calibration", "Hardware fault", "Software", "Billing", "How-to")
RATED_SHARE = 0.35
SURVEYED_SHARE = 0.3
"""Share of each active customer's quarters with an NPS answer."""


def _alive_months(customers: pd.DataFrame, n_months: int) -> tuple[np.ndarray, np.ndarray]:
    """(customer position, month index) of each month a customer buys (first ≤ m < churn)."""
    first = customers["first"].to_numpy(dtype=int)
    stop = np.minimum(customers["churn"].to_numpy(dtype=int), n_months)
    span = np.maximum(stop - first, 0)
    who = np.repeat(np.arange(len(customers)), span)
    offset = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    return who, first[who] + offset


def _among(ids: pd.Series, others: pd.Series) -> np.ndarray:
    """Whether each id is one of ``others``.

    Compared as plain objects: ``isin`` on Arrow strings compares them one by one in Python.
    """
    return ids.astype(object).isin(others.astype(object)).to_numpy()


def _lost(orders: pd.DataFrame, ids: pd.Series, months: pd.PeriodIndex) -> tuple[np.ndarray, ...]:
    """Whether each customer of ``ids`` is in the last month's retention cohort, and lost."""
    month = orders["order_date"].dt.to_period("M")
    last = months[-1]
    positive = orders["net_revenue"] > 0
    start = positive & (month > last - 2 * WINDOW_MONTHS) & (month <= last - WINDOW_MONTHS)
    end = positive & (month > last - WINDOW_MONTHS)
    cohort = _among(ids, orders.loc[start, "customer_id"])
    kept = _among(ids, orders.loc[end, "customer_id"])
    return cohort, cohort & ~kept


def _instants(
    rng: np.random.Generator, months: pd.PeriodIndex, month: np.ndarray, days: np.ndarray
) -> np.ndarray:
    """A random second within ``days`` days from the start of each month of ``month``."""
    seconds = np.floor(rng.random(len(month)) * days * 86_400).astype("int64")
    start = months.start_time.to_numpy()[month]
    return start + (seconds * 1_000_000_000).astype("timedelta64[ns]")


def _hours(hours: np.ndarray) -> np.ndarray:
    return (hours * 3.6e12).astype("int64").astype("timedelta64[ns]")


def _times(rng: np.random.Generator, priority: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First response and resolution hours of tickets of ``priority`` (positions)."""
    n = len(priority)
    first = FIRST_RESPONSE_MEDIAN[priority] * rng.lognormal(0.0, 0.9, n)
    solve = RESOLUTION_MEDIAN[priority] * rng.lognormal(0.0, 1.0, n)
    return first, np.maximum(solve, first + 0.25)


def tickets_and_surveys(
    seed: int, customers: pd.DataFrame, orders: pd.DataFrame, months: pd.PeriodIndex
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sample's ``tickets`` and ``surveys`` tables (contract columns, not yet typed).

    Args:
        seed: The sample's seed.
        customers: ``reportlib.sample._customers`` (id, region, segment, first and churn
            month positions).
        orders: The order lines generated from them.
        months: The sample's months.

    Returns:
        ``(tickets, surveys)``.
    """
    rng = np.random.default_rng([seed, 18])
    n_months = len(months)
    buyers = customers[_among(customers["customer_id"], orders["customer_id"])]
    buyers = buyers.reset_index(drop=True)
    ids = buyers["customer_id"]
    who, month = _alive_months(buyers, n_months)
    rate = buyers["segment"].map(TICKETS_PER_MONTH).to_numpy()[who]
    count = rng.poisson(rate)
    who, month = np.repeat(who, count), np.repeat(month, count)
    n = len(who)
    created = _instants(rng, months, month, months.days_in_month.to_numpy()[month])
    priority = rng.choice(len(PRIORITIES), size=n, p=PRIORITY_P)
    first, solve = _times(rng, priority)
    region = buyers["region"].to_numpy()[who]

    # planted: SLA breaches in the starting window, twice the churn for those who lived them
    cohort, lost = _lost(orders, ids, months)
    start_lo = n_months - 2 * WINDOW_MONTHS
    in_window = (month >= start_lo) & (month < n_months - WINDOW_MONTHS)
    with_tickets = np.zeros(len(buyers), dtype=bool)
    with_tickets[who[in_window]] = True
    group = cohort & with_tickets
    churn = lost[group].mean() if group.any() else 0.0
    share, factor = BREACHED_SHARE, BREACHED_CHURN_FACTOR
    churn_breached = min(factor * churn / (1 + share * (factor - 1)), 1.0)
    p_lost = share * churn_breached / churn if churn else share
    p_kept = share * (1 - churn_breached) / (1 - churn) if churn < 1 else share
    bad_customer = group & (rng.random(len(buyers)) < np.where(lost, p_lost, p_kept))
    window_of_group = in_window & group[who]
    # good customers meet every target in the window; a bad one misses it on at least one ticket
    good = window_of_group & ~bad_customer[who]
    first[good] = np.minimum(first[good], 0.9 * FIRST_RESPONSE_TARGET[priority[good]])
    solve[good] = np.minimum(solve[good], 0.9 * RESOLUTION_TARGET[priority[good]])
    bad = window_of_group & bad_customer[who]
    order = np.flatnonzero(bad)
    first_of_customer = order[np.unique(who[order], return_index=True)[1]]
    missed = np.zeros(n, dtype=bool)
    missed[first_of_customer] = True
    missed |= bad & (rng.random(n) < 0.3)
    solve[missed] = np.maximum(solve[missed], RESOLUTION_TARGET[priority[missed]] * 1.6)

    # planted: the backlog builds up in one region
    backlog_region, from_month = BACKLOG_REGION
    if from_month in months:
        since = month - months.get_loc(from_month)
        slow = (region == backlog_region) & (since >= 0)
        solve[slow] *= 1 + BACKLOG_SLOWDOWN * since[slow]
        first[slow] *= 1 + 0.3 * since[slow]

    solved = created + _hours(solve)
    end = months[-1].end_time.to_datetime64()
    done = solved <= end
    first_known = created + _hours(first) <= end
    # a breach is known once the target has passed, or the reply or solve came in time
    first_due = created + _hours(FIRST_RESPONSE_TARGET[priority]) <= end
    solve_due = created + _hours(RESOLUTION_TARGET[priority]) <= end
    status = np.where(done, "Solved", np.where(first_known, "Open", "New"))
    closed = done & (solved < end - np.timedelta64(4, "D"))
    status = np.where(closed, "Closed", status)
    pending = ~done & first_known & (rng.random(n) < 0.3)
    status = np.where(pending, "Pending", status)
    first_breached = first > FIRST_RESPONSE_TARGET[priority]
    resolution_breached = solve > RESOLUTION_TARGET[priority]
    breached = first_breached | resolution_breached
    rated = done & (rng.random(n) < RATED_SHARE)
    satisfied = rng.random(n) < np.where(breached, 0.5, 0.9)
    rating = np.where(satisfied, rng.integers(4, 6, n), rng.integers(1, 4, n)).astype(float)
    rating[~rated] = np.nan
    order_by_time = np.argsort(created, kind="stable")
    tickets = pd.DataFrame(
        {
            "created_at": created,
            "region": region,
            "customer_id": ids.to_numpy()[who],
            "status": status,
            "priority": np.asarray(PRIORITIES)[priority],
            "channel": rng.choice(CHANNELS, size=n, p=CHANNEL_P),
            "category": rng.choice(CATEGORIES, size=n),
            "first_response_hours": np.where(first_known, np.round(first, 2), np.nan),
            "solved_at": np.where(done, solved, np.datetime64("NaT")),
            "first_response_breached": np.where(first_known | first_due, first_breached, None),
            "resolution_breached": np.where(done | solve_due, resolution_breached, None),
            "csat_rating": rating,
        }
    ).iloc[order_by_time]
    tickets.insert(0, "ticket_id", [f"TK{i + 100_001}" for i in range(n)])
    tickets["solved_at"] = tickets["solved_at"].dt.floor("s")

    # NPS: one answer in some of each active customer's quarters; worse after a breach
    who_s, month_s = _alive_months(buyers, n_months)
    quarter = (month_s % 3 == 0) & (rng.random(len(who_s)) < SURVEYED_SHARE)
    who_s, month_s = who_s[quarter], month_s[quarter]
    unhappy = bad_customer[who_s] & (month_s >= start_lo)
    detractor_p = np.where(unhappy, 0.45, 0.18)
    promoter_p = np.where(unhappy, 0.25, 0.47)
    draw = rng.random(len(who_s))
    k = len(who_s)
    score = np.select(
        [draw < detractor_p, draw < detractor_p + promoter_p],
        [rng.integers(0, 7, k), rng.integers(9, 11, k)],
        rng.integers(7, 9, k),
    )
    answered = _instants(rng, months, month_s, np.full(k, 89))  # within the quarter
    surveys = pd.DataFrame(
        {
            "answered_at": answered,
            "region": buyers["region"].to_numpy()[who_s],
            "customer_id": ids.to_numpy()[who_s],
            "score": score,
        }
    )
    end_ts = months[-1].end_time
    surveys = surveys[surveys["answered_at"] <= end_ts].sort_values("answered_at", kind="stable")
    surveys.insert(0, "response_id", [f"NPS{i + 50_001}" for i in range(len(surveys))])
    return tickets.reset_index(drop=True), surveys.reset_index(drop=True)
