"""Customers: new vs existing, retention and churn, NRR/GRR, revenue bridge, cohorts, concentration.

The data are invoiced order lines, not contracts, so whether a customer is still a customer is
read from their buying: a customer is **active** in a window when their net revenue in it is
positive. Retention, churn, NRR/GRR, the revenue bridge and concentration use a trailing window
of ``ACTIVE_WINDOW_MONTHS`` = 12 months: the *current* window is the 12 months ending with the
reported month, the *starting* window the 12 months before it (ending 12 months before the
reported month). A 12-month window flags a lost customer only a year after their last purchase,
so the monthly active-customer series uses a shorter ``RECENT_WINDOW_MONTHS`` = 3 months, in
which a wave of lost customers shows within a quarter.

A customer's first purchase is their first order line in the data: customers who bought before
the data begin look new in its first months.

In a region's report, a customer of the starting window who bought nothing in the region in the
current window but bought in another region then has **moved to another region**: the company
did not lose them. They are counted apart (``customers_moved``) and left out of the starting
cohort, so that churn, retention and revenue retention count only the customers the company
lost. A region's orders do not show the other regions: the months each of its customers bought
elsewhere (:func:`bought_elsewhere`) reach its report through ``reportlib.report.CompanyView``.

A fall in active customers is a headline (:func:`headline_fall`) only when it ends in the last
``RECENT_FALL_MONTHS`` = 3 months, is at least ``MIN_FALL`` = 5% and leaves at least
``SEASON_MARGIN`` = 10% fewer customers than the fall over the same months a year earlier would
have: a fall within that is the season's, an older fall is past news and a smaller one noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns, ratio
from reportlib.analysis.comparisons import comparable
from reportlib.i18n import N_, _

ACTIVE_WINDOW_MONTHS = 12
"""Trailing window (months) in which a customer must have bought to count as active."""
RECENT_WINDOW_MONTHS = 3
"""Trailing window (months) of the monthly active-customer series."""
COHORT_QUARTERS = 8
"""Number of quarterly cohorts (and quarters after the first) in the cohort table."""
TOP_N = 10
"""Number of largest customers in the concentration figures."""

NEW_CUSTOMERS = N_("New customers")
EXISTING_CUSTOMERS = N_("Existing customers")
"""Row labels of :func:`new_vs_existing`."""
BRIDGE_STEPS = (
    N_("Starting revenue"),
    NEW_CUSTOMERS,
    N_("Returning customers"),
    N_("Expansion"),
    N_("Contraction"),
    N_("Churned customers"),
    N_("Ending revenue"),
)
"""Row labels of :func:`revenue_bridge`, in order."""
MOVED_STEP = N_("Moved to another region")
"""Row of :func:`revenue_bridge` in a region's report whose customers moved, before churn."""


def step_label(step: object) -> str:
    """A row label of :func:`revenue_bridge` or :func:`new_vs_existing` as the reader reads it.

    The labels stay English in the data (logic and tests look rows up by them) and are shown in
    the report's language: ``step_label("Churned customers")`` is "Clientes perdidos" in a
    Portuguese report. Any other label is shown unchanged.
    """
    text = str(step)
    return _(text) if text in _LABELS else text


_LABELS = frozenset((*BRIDGE_STEPS, MOVED_STEP, EXISTING_CUSTOMERS))


@dataclass(frozen=True)
class _Lines:
    """Order lines up to a month as flat arrays: customer code, month ordinal, revenue."""

    position: np.ndarray  # row positions in the orders frame
    customer: np.ndarray  # index into ``ids``
    ids: pd.Index  # customer ids
    month: np.ndarray  # monthly Period ordinals (months since January 1970)
    revenue: np.ndarray

    def first_month(self) -> np.ndarray:
        """Month ordinal of each customer's first order line (aligned with ``ids``)."""
        first = np.full(len(self.ids), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, self.customer, self.month)
        return first

    def per_customer(self, mask: np.ndarray) -> np.ndarray:
        """Σ revenue of the lines in ``mask``, per customer (aligned with ``ids``)."""
        return np.bincount(self.customer[mask], weights=self.revenue[mask], minlength=len(self.ids))


def month_ordinals(dates: pd.Series) -> np.ndarray:
    """Monthly Period ordinals (months since January 1970) of ``dates``, as int64."""
    return dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]").view(np.int64)


def _codes(values: pd.Series, keep: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ``values`` on the rows in ``keep`` (which holds no missing value).

    Returns the codes of the kept rows and the values they stand for. Factorizing the whole
    column and masking the codes is much faster than masking a string column first.
    """
    codes, uniques = pd.factorize(values)
    kept = codes[keep]
    present = np.zeros(len(uniques), dtype=bool)
    present[kept] = True
    local = np.cumsum(present) - 1  # new code of each value that occurs in the kept rows
    return local[kept].astype(np.int64), pd.Index(uniques.take(np.flatnonzero(present)))


def _lines(orders: pd.DataFrame, period: pd.Period) -> _Lines:
    keep = (orders["order_date"] <= period.end_time) & orders["customer_id"].notna()
    keep = keep.to_numpy(dtype=bool)
    customer, ids = _codes(orders["customer_id"], keep)
    return _Lines(
        position=np.flatnonzero(keep),
        customer=customer,
        ids=ids.rename("customer_id"),
        month=month_ordinals(orders["order_date"])[keep],
        revenue=orders["net_revenue"].to_numpy(dtype="float64", na_value=0.0)[keep],
    )


def _windows(
    lines: _Lines, period: pd.Period, months: int, elsewhere: pd.DataFrame | None = None
) -> pd.DataFrame:
    now = period.ordinal
    in_end = lines.month > now - months
    in_start = (lines.month > now - 2 * months) & ~in_end
    start, end = lines.per_customer(in_start), lines.per_customer(in_end)
    moved = (start > 0) & ~(end > 0) & _elsewhere_now(lines.ids, elsewhere, period, months)
    return pd.DataFrame(
        {
            "start": start,
            "end": end,
            "first": pd.PeriodIndex.from_ordinals(lines.first_month(), freq="M"),
            "moved": moved,
        },
        index=lines.ids,
    )


def _full_history(lines: _Lines, period: pd.Period, months: int) -> bool:
    """Whether the data reach back to the first month of the starting window."""
    return len(lines.month) > 0 and int(lines.month.min()) <= period.ordinal - 2 * months + 1


def months_bought(orders: pd.DataFrame) -> pd.DataFrame:
    """The months in which each customer bought in each region: positive net revenue there.

    Run on the whole company's orders (amounts in each region's currency: the sign of a sum in
    one currency does not depend on it).

    Returns:
        Distinct rows ``customer_id``, ``region`` (strings) and ``month`` (monthly Period
        ordinals), sorted.
    """
    keys = ["customer_id", "region", *(["currency"] if has_columns(orders, "currency") else [])]
    frame = (
        orders[keys]
        .astype("string")
        .assign(
            month=month_ordinals(orders["order_date"]),
            revenue=orders["net_revenue"].to_numpy(dtype="float64", na_value=0.0),
        )
    )
    sums = frame.groupby([*keys, "month"], observed=True, dropna=True)["revenue"].sum()
    bought = sums[sums > 0].reset_index()[["customer_id", "region", "month"]]
    bought = bought.drop_duplicates().sort_values(["customer_id", "region", "month"])
    return bought.reset_index(drop=True).astype({"month": "int64"})


def bought_elsewhere(bought: pd.DataFrame, region: str) -> pd.DataFrame:
    """The months in which the customers who bought in ``region`` bought in another region.

    Args:
        bought: :func:`months_bought` of the company's orders.
        region: The region's id.

    Returns:
        Distinct rows ``customer_id`` (string) and ``month`` (monthly Periods), sorted; only
        customers with a purchase in ``region``.
    """
    here = bought.loc[bought["region"] == region, "customer_id"].unique()
    rows = bought[(bought["region"] != region) & bought["customer_id"].isin(here)]
    rows = rows[["customer_id", "month"]].drop_duplicates().reset_index(drop=True)
    return pd.DataFrame(
        {
            "customer_id": rows["customer_id"].astype("string"),
            "month": pd.PeriodIndex.from_ordinals(rows["month"].to_numpy(dtype="int64"), freq="M"),
        }
    )


def _elsewhere_now(
    ids: pd.Index, elsewhere: pd.DataFrame | None, period: pd.Period, months: int
) -> np.ndarray:
    """Whether each customer of ``ids`` bought in another region in the current window."""
    if elsewhere is None or elsewhere.empty:
        return np.zeros(len(ids), dtype=bool)
    ordinals = pd.PeriodIndex(elsewhere["month"], freq="M").asi8
    recent = (ordinals > period.ordinal - months) & (ordinals <= period.ordinal)
    buyers = elsewhere["customer_id"].astype("string").to_numpy()[recent]
    return np.asarray(ids.astype("string").isin(buyers), dtype=bool)


def customer_windows(
    orders: pd.DataFrame,
    period: pd.Period,
    months: int = ACTIVE_WINDOW_MONTHS,
    elsewhere: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each customer's revenue in the starting and the current window, and first purchase month.

    The current window is the ``months`` months ending with ``period``; the starting window the
    ``months`` months before it. Order lines after ``period`` are ignored.

    Args:
        orders: Order lines (a region's, or the company's).
        period: The reported month.
        months: Length of each window.
        elsewhere: For a region's report, :func:`bought_elsewhere` of its customers; None when
            the orders are the company's (nobody moves).

    Returns:
        One row per customer who bought up to ``period`` (index ``customer_id``) with columns
        ``start`` (Σ net_revenue in the starting window), ``end`` (Σ net_revenue in the current
        window), ``first`` (monthly Period of the customer's first order line) and ``moved``
        (True for a customer with revenue at start, none now, who bought in another region in
        the current window).
    """
    return _windows(_lines(orders, period), period, months, elsewhere)


def _new_vs_existing(lines: _Lines, period: pd.Period) -> pd.DataFrame:
    in_month = lines.month == period.ordinal
    first = lines.first_month()
    is_new = first[lines.customer] == period.ordinal
    customers, revenue = [], []
    for mask in (in_month & is_new, in_month & ~is_new):
        customers.append(len(np.unique(lines.customer[mask])))
        revenue.append(float(lines.revenue[mask].sum()))
    out = pd.DataFrame(
        {"customers": customers, "revenue": revenue},
        index=pd.Index([NEW_CUSTOMERS, EXISTING_CUSTOMERS], name="customer_type"),
    )
    total = out["revenue"].sum()
    out["share"] = out["revenue"] / total if total else np.nan
    return out


def new_vs_existing(orders: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """Revenue of the month from new and from existing customers.

    A customer is *new* in the month of their first order line (DOMAIN.md, "New vs existing");
    every other buyer of the month is *existing*.

    Returns:
        Rows ``New customers`` and ``Existing customers`` with columns ``customers`` (distinct
        buyers), ``revenue`` (Σ net_revenue) and ``share`` (of the month's revenue; NaN when the
        month has no revenue).
    """
    return _new_vs_existing(_lines(orders, period), period)


def new_vs_existing_monthly(
    orders: pd.DataFrame, last: pd.Period, months: int = 13
) -> pd.DataFrame:
    """Revenue from new and existing customers for each of the ``months`` months ending ``last``.

    New and existing as in :func:`new_vs_existing`.

    Returns:
        Index ``month`` (monthly Periods, no gaps) with columns ``new``, ``existing`` (Σ
        net_revenue), ``new_customers`` (customers buying for the first time) and ``new_share``
        (new ÷ total revenue; NaN in months without revenue).
    """
    lines = _lines(orders, last)
    lo = last.ordinal - months + 1
    first = lines.first_month()
    in_window = lines.month >= lo
    slot = lines.month[in_window] - lo
    revenue = lines.revenue[in_window]
    is_new = first[lines.customer[in_window]] == lines.month[in_window]
    new_first = first[first >= lo] - lo
    out = pd.DataFrame(
        {
            "new": np.bincount(slot[is_new], weights=revenue[is_new], minlength=months),
            "existing": np.bincount(slot[~is_new], weights=revenue[~is_new], minlength=months),
            "new_customers": np.bincount(new_first, minlength=months),
        },
        index=pd.PeriodIndex.from_ordinals(np.arange(lo, lo + months), freq="M", name="month"),
    )
    total = out["new"] + out["existing"]
    out["new_share"] = (out["new"] / total).where(total != 0)
    return out


def _retention(w: pd.DataFrame, full: bool, sees_moves: bool) -> dict[str, float | int | None]:
    at_start, at_end = w["start"] > 0, w["end"] > 0
    start, end = int(at_start.sum()), int(at_end.sum())
    retained = int((at_start & at_end).sum())
    moved = int(w["moved"].sum())
    cohort = start - moved
    new = end - retained
    return {
        "customers_at_start": start,
        "customers_at_end": end,
        "retained": retained,
        "lost": cohort - retained,
        "moved": moved if sees_moves else None,
        "new": new,
        "retention_rate": ratio(end - new, cohort) if full else None,
        "churn_rate": ratio(cohort - retained, cohort) if full else None,
    }


def retention(
    orders: pd.DataFrame,
    period: pd.Period,
    months: int = ACTIVE_WINDOW_MONTHS,
    elsewhere: pd.DataFrame | None = None,
) -> dict[str, float | int | None]:
    """Customer retention and churn between the starting and the current window.

    Customers at start = active (positive revenue) in the ``months`` months ending ``months``
    months before ``period``; at end = active in the ``months`` months ending ``period``.
    New = active at end but not at start (first-time and returning buyers alike). Moved =
    customers at start not active at end who bought in another region in the current window
    (a region's report only); they are neither retained nor lost, and leave the cohort:

    - ``retention_rate`` = (customers at end − new) ÷ (customers at start − moved) (Farris et
      al.), which is retained ÷ the customers at start who did not move;
    - ``churn_rate`` = customers lost ÷ (customers at start − moved) = 1 − retention rate.

    Args:
        orders: Order lines (a region's, or the company's).
        period: The reported month.
        months: Length of each window.
        elsewhere: For a region's report, :func:`bought_elsewhere` of its customers; None when
            the orders are the company's, or the other regions cannot be seen.

    Returns:
        ``customers_at_start``, ``customers_at_end``, ``retained``, ``lost``, ``moved`` (None
        without ``elsewhere``), ``new``, ``retention_rate`` and ``churn_rate``. The rates are
        None without customers at start (who did not move), and when the data begin after the
        starting window does (less than 2 × ``months`` of history): the starting window would
        then be cut short.
    """
    lines = _lines(orders, period)
    w = _windows(lines, period, months, elsewhere)
    return _retention(w, _full_history(lines, period, months), elsewhere is not None)


def _revenue_retention(w: pd.DataFrame, full: bool, sees_moves: bool) -> dict[str, float | None]:
    moved = float(w.loc[w["moved"], "start"].sum())
    cohort = w[(w["start"] > 0) & ~w["moved"]]
    change = cohort["end"] - cohort["start"]
    still = cohort["end"] > 0
    start = float(cohort["start"].sum())
    expansion = float(change[still & (change > 0)].sum())
    contraction = float(-change[still & (change < 0)].sum())
    churn = float(cohort.loc[~still, "start"].sum())
    grr = ratio(start - contraction - churn, start) if full else None
    return {
        "start": start,
        "moved": moved if sees_moves else None,
        "expansion": expansion,
        "contraction": contraction,
        "churn": churn,
        "end": float(cohort["end"].sum()),
        "nrr": ratio(start + expansion - contraction - churn, start) if full else None,
        "grr": None if grr is None else min(grr, 1.0),
    }


def revenue_retention(
    orders: pd.DataFrame,
    period: pd.Period,
    months: int = ACTIVE_WINDOW_MONTHS,
    elsewhere: pd.DataFrame | None = None,
) -> dict[str, float | None]:
    """Net and gross revenue retention of the starting cohort, over 12-month windows.

    The starting cohort is the customers with revenue in the ``months`` months ending ``months``
    months before ``period``, less those who moved to another region (``elsewhere``, as in
    :func:`retention`); ``start`` is their revenue then, ``moved`` the revenue then of those
    who moved. Each cohort customer's revenue in the ``months`` months ending ``period`` is
    compared with it:

    - ``expansion`` = Σ (now − then) of cohort customers who spend more;
    - ``contraction`` = Σ (then − now) of cohort customers who spend less but still buy;
    - ``churn`` = Σ then of cohort customers with no revenue now.

    NRR = (start + expansion − contraction − churn) ÷ start; GRR = (start − contraction −
    churn) ÷ start, capped at 100%. Customers outside the cohort do not count.

    Returns:
        ``start``, ``moved`` (None without ``elsewhere``), ``expansion``, ``contraction``,
        ``churn``, ``end`` (the cohort's revenue now), ``nrr`` and ``grr``. The ratios are None
        without a starting cohort, and when the data begin after the starting window does (less
        than 2 × ``months`` of history).
    """
    lines = _lines(orders, period)
    w = _windows(lines, period, months, elsewhere)
    return _revenue_retention(w, _full_history(lines, period, months), elsewhere is not None)


def revenue_bridge(
    orders: pd.DataFrame,
    period: pd.Period,
    months: int = ACTIVE_WINDOW_MONTHS,
    elsewhere: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Bridge from the revenue of the previous 12 months to the revenue of the last 12 months.

    Trailing windows (not single months), the same as :func:`revenue_retention`: start = Σ
    net_revenue in the ``months`` months ending ``months`` months before ``period``, end = Σ in
    the ``months`` months ending ``period``. Each customer falls in one step:

    - *New customers*: no revenue at start, first purchase in the current window (+ revenue now);
    - *Returning customers*: no revenue at start, bought before it (+ revenue now);
    - *Expansion* / *Contraction*: revenue in both windows, up / down (± the change);
    - *Moved to another region* (:data:`MOVED_STEP`, a region's report only): revenue at
      start, none now in the region, bought in another region now (− revenue then);
    - *Churned customers*: revenue at start, none now, not moved (− revenue then).

    Start + new + returning + expansion − contraction − moved − churned = end, exactly up to
    floating point rounding.

    Args:
        orders: Order lines (a region's, or the company's).
        period: The reported month.
        months: Length of each window.
        elsewhere: For a region's report, :func:`bought_elsewhere` of its customers.

    Returns:
        Rows :data:`BRIDGE_STEPS` (index ``step``), with :data:`MOVED_STEP` before *Churned
        customers* when customers moved, and columns ``amount`` (signed: contraction, moves and
        churn are negative) and ``customers`` (customers in the step; at the start and end
        rows, customers with revenue in that window).
    """
    w = customer_windows(orders, period, months, elsewhere)
    then, now = w["start"] > 0, w["end"] > 0
    change = w["end"] - w["start"]
    window_start = period - (months - 1)
    groups = {
        BRIDGE_STEPS[1]: ~then & now & (w["first"] >= window_start),
        BRIDGE_STEPS[2]: ~then & now & (w["first"] < window_start),
        BRIDGE_STEPS[3]: then & now & (change > 0),
        BRIDGE_STEPS[4]: then & now & (change < 0),
        **({MOVED_STEP: w["moved"]} if w["moved"].any() else {}),
        BRIDGE_STEPS[5]: then & ~now & ~w["moved"],
    }
    amount = [float(w.loc[then, "start"].sum())]
    amount += [float(change[mask].sum()) for mask in groups.values()]
    amount.append(float(w.loc[now, "end"].sum()))
    customers = [int(then.sum()), *(int(m.sum()) for m in groups.values()), int(now.sum())]
    steps = [BRIDGE_STEPS[0], *groups, BRIDGE_STEPS[-1]]
    return pd.DataFrame(
        {"amount": amount, "customers": customers}, index=pd.Index(steps, name="step")
    )


def monthly_active_customers(
    orders: pd.DataFrame,
    last: pd.Period,
    months: int = 24,
    window: int = RECENT_WINDOW_MONTHS,
    by: str | None = None,
) -> pd.DataFrame:
    """Active customers at each month end: customers who bought in the trailing ``window`` months.

    The default window is 3 months (``RECENT_WINDOW_MONTHS``), shorter than the 12 months of
    retention and churn, so that a loss of customers shows within a quarter; ``window=1`` counts
    the month's buyers, ``window=12`` the customers active by the 12-month definition.

    Args:
        orders: Order lines.
        last: Last month of the series.
        months: Number of months in the series.
        window: Trailing window in months (the month itself and ``window`` − 1 before it).
        by: Optional column to count by (``region``, ``segment`` ...); a customer buying in two
            groups counts in both.

    Returns:
        Index ``month`` (the ``months`` months ending ``last``), one column per group (or one
        column ``customers`` without ``by``), counts of distinct customers.
    """
    lo, hi = last.ordinal - months + 1, last.ordinal
    month = month_ordinals(orders["order_date"])
    keep = (month >= lo - window + 1) & (month <= hi) & orders["customer_id"].notna().to_numpy()
    if by is None:
        customer, ids = _codes(orders["customer_id"], keep)
        group, names = np.zeros(len(customer), dtype=np.int64), pd.Index(["customers"])
    else:
        keep = keep & orders[by].notna().to_numpy()
        customer, ids = _codes(orders["customer_id"], keep)
        codes, groups = pd.factorize(orders[by], sort=True)
        group = codes[keep].astype(np.int64)
        names = pd.Index([str(g) for g in groups], name=by)
    span = months + window - 1  # month slots: lo - window + 1 (slot 0) to hi (slot span - 1)
    slot = month[keep] - (lo - window + 1)
    entity = group * max(len(ids), 1) + customer
    key = np.sort(entity * span + slot)
    key = key[np.diff(key, prepend=key[:1] - 1) != 0]  # distinct (group, customer, month)
    entity, slot = key // span, key % span
    # a purchase keeps its buyer active from its month for ``window`` months, or until their
    # next purchase: the intervals of one buyer do not overlap, so they can simply be added up
    following = np.full(len(slot), span + window)
    same = entity[1:] == entity[:-1]
    following[:-1][same] = slot[1:][same]
    stop = np.minimum(slot + window, following)
    column = entity // max(len(ids), 1)
    size = (span + window + 1) * len(names)
    change = np.bincount(slot * len(names) + column, minlength=size) - np.bincount(
        stop * len(names) + column, minlength=size
    )
    counts = change.reshape(-1, len(names)).cumsum(axis=0)[window - 1 : span]
    return pd.DataFrame(
        counts,
        index=pd.PeriodIndex.from_ordinals(np.arange(lo, hi + 1), freq="M", name="month"),
        columns=names,
    )


def active_customers(
    orders: pd.DataFrame,
    last: pd.Period,
    by: str | None = None,
    months: int = 24,
    window: int = RECENT_WINDOW_MONTHS,
) -> pd.DataFrame:
    """:func:`monthly_active_customers` by ``by`` when its groups can be compared, else in total.

    One line per group compares the groups only when at least
    ``analysis.comparisons.MIN_MEMBERS`` of them had active customers in the months shown: a
    company that sells in one region has one line, the company's, not that region's.

    Returns:
        One column per group (named by ``by``), or the one column ``customers``.
    """
    counts = monthly_active_customers(orders, last, months, window, by)
    if by is None or comparable(counts.columns[(counts > 0).any()]):
        return counts
    return monthly_active_customers(orders, last, months, window)


FALL_SPAN_MONTHS = 3
"""A fall in active customers is measured over this many months."""
RECENT_FALL_MONTHS = 3
"""Only a fall ending in one of the last this-many months of the series can be a headline."""
SEASON_LAG_MONTHS = 12
"""A fall is compared with the fall over the same months this many months earlier."""
SEASON_MARGIN = 0.10
"""A fall is the season's unless it leaves at least this share fewer customers than the same
months' fall a year earlier would have: (1 + change) ÷ (1 + change a year earlier) − 1 ≤ −10%.
A dip to about half every first quarter varies by a few points from year to year; a share of
what is left, not a difference of points, tells such noise from a decline."""
MIN_FALL = 0.05
"""A smaller fall (a fraction of the active customers) is the month-to-month noise of any
customer base: neither a headline nor a seasonal dip worth a sentence."""


def recent_falls(
    active: pd.DataFrame,
    span: int = FALL_SPAN_MONTHS,
    recent: int = RECENT_FALL_MONTHS,
    lag: int = SEASON_LAG_MONTHS,
    min_fall: float = MIN_FALL,
    season_margin: float = SEASON_MARGIN,
) -> pd.DataFrame:
    """Every fall of at least ``min_fall`` over ``span`` months ending lately, and if seasonal.

    A fall counts when it ends in the last ``recent`` months.

    Change = (value at t − value at t − span) ÷ value at t − span. The same months a year
    earlier give change_ly = (value at t − lag − value at t − lag − span) ÷ value at t − lag −
    span. A fall is **seasonal** when the same months fell about as much a year before:
    (1 + change) ÷ (1 + change_ly) − 1 > −``season_margin`` (:data:`SEASON_MARGIN`), or the
    same months lost every customer then. Without the months a year earlier (a short series,
    or no value then) a fall cannot be judged seasonal.

    Args:
        active: Monthly series, one column per group, e.g. :func:`monthly_active_customers`.
        span: Months over which a fall is measured.
        recent: The falls ending in the last ``recent`` months of ``active`` count.
        lag: Months back to the same months a year earlier.
        min_fall: The smallest fall that counts, a fraction (0.05: 5% of the customers).
        season_margin: How much deeper than a year earlier a fall must be to be news.

    Returns:
        One row per (group, end month) with a fall (change ≤ −``min_fall``), steepest first:
        columns ``group``, ``start``, ``end`` (monthly Periods), ``before``, ``after``,
        ``change`` (a negative fraction), ``change_ly`` (NaN when unknown) and ``seasonal``.
    """
    columns = ["group", "start", "end", "before", "after", "change", "change_ly", "seasonal"]
    if len(active) <= span:
        return pd.DataFrame(columns=columns)
    values = active.astype("float64")
    before = values.shift(span)
    change = (values - before) / before.where(before > 0)
    change_ly = change.shift(lag)
    rows = []
    for end in active.index[-recent:]:
        for group in active.columns:
            now = change.loc[end, group]
            if pd.isna(now) or now > -min_fall:
                continue
            then = change_ly.loc[end, group]
            rows.append(
                {
                    "group": group,
                    "start": end - span,
                    "end": end,
                    "before": float(before.loc[end, group]),
                    "after": float(values.loc[end, group]),
                    "change": float(now),
                    "change_ly": float(then),
                    "seasonal": bool(
                        not pd.isna(then)
                        and (then <= -1 or (1 + now) / (1 + then) - 1 > -season_margin)
                    ),
                }
            )
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("change", kind="stable").reset_index(drop=True)


def headline_fall(
    active: pd.DataFrame,
    span: int = FALL_SPAN_MONTHS,
    recent: int = RECENT_FALL_MONTHS,
    lag: int = SEASON_LAG_MONTHS,
    min_fall: float = MIN_FALL,
    season_margin: float = SEASON_MARGIN,
) -> dict[str, object] | None:
    """The steepest recent fall that is not seasonal (:func:`recent_falls`): a headline.

    A fall ending more than ``recent`` months before the series ends is old news, and one about
    as deep as the same months' fall a year earlier is the season's: neither is a headline.

    Returns:
        ``group`` (column name), ``start`` and ``end`` (monthly Periods), ``before``,
        ``after``, ``change`` (a negative fraction) and ``change_ly`` (the same months a year
        earlier; None when unknown), or None when no recent fall is deeper than a year before.
    """
    falls = recent_falls(active, span, recent, lag, min_fall, season_margin)
    falls = falls[~falls["seasonal"].astype(bool)]
    if falls.empty:
        return None
    row = falls.iloc[0]
    return {
        "group": row["group"],
        "start": row["start"],
        "end": row["end"],
        "before": float(row["before"]),
        "after": float(row["after"]),
        "change": float(row["change"]),
        "change_ly": None if pd.isna(row["change_ly"]) else float(row["change_ly"]),
    }


def _last_complete_quarter(period: pd.Period) -> pd.Period:
    quarter = period.asfreq("Q")
    return quarter if period.month % 3 == 0 else quarter - 1


def _cohort_counts(orders: pd.DataFrame, period: pd.Period, cohorts: int) -> pd.DataFrame:
    """Customers of each of the last ``cohorts`` quarterly cohorts buying k quarters later."""
    last = _last_complete_quarter(period)
    lines = _lines(orders, last.asfreq("M", "end"))
    quarter = lines.month // 3  # quarterly Period ordinals
    first = np.full(len(lines.ids), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, lines.customer, quarter)
    lo = last.ordinal - cohorts + 1
    cohort = first[lines.customer]
    mine = cohort >= lo
    customer, offset = lines.customer[mine], (quarter - cohort)[mine]
    pairs = pd.unique(customer * cohorts + offset)  # distinct (customer, quarters since first)
    cell = (first[pairs // cohorts] - lo) * cohorts + pairs % cohorts
    counts = np.bincount(cell, minlength=cohorts * cohorts).reshape(cohorts, cohorts)
    return pd.DataFrame(
        counts,
        index=pd.PeriodIndex.from_ordinals(np.arange(lo, lo + cohorts), freq="Q", name="cohort"),
        columns=pd.Index(np.arange(cohorts), name="quarters_since_first"),
    )


def cohort_retention(
    orders: pd.DataFrame, period: pd.Period, cohorts: int = COHORT_QUARTERS
) -> pd.DataFrame:
    """Share of each quarterly cohort of new customers buying in each later quarter.

    A customer's cohort is the calendar quarter of their first purchase. Only complete quarters
    count: the last is the quarter ending with ``period`` or before it. The table holds the
    ``cohorts`` latest cohorts; cell (c, k) = customers of cohort c who bought in quarter c + k
    ÷ customers of cohort c (k = 0 is 100%); NaN where quarter c + k has not ended yet or the
    cohort is empty.

    Returns:
        Index ``cohort`` (quarterly Periods, oldest first), columns 0 … ``cohorts`` − 1
        (quarters since the first purchase, named ``quarters_since_first``), fractions.
    """
    counts = _cohort_counts(orders, period, cohorts)
    size = counts[0]
    shares = counts.div(size.where(size > 0), axis=0).astype("float64")
    offsets = np.arange(cohorts)
    reached = offsets[None, :] < (cohorts - offsets)[:, None]  # cohort i has cohorts - i quarters
    return shares.where(reached)


def cohort_sizes(
    orders: pd.DataFrame, period: pd.Period, cohorts: int = COHORT_QUARTERS
) -> pd.Series:
    """Number of customers in each cohort of :func:`cohort_retention` (same index)."""
    return _cohort_counts(orders, period, cohorts)[0].rename("customers")


def _concentration(end: np.ndarray, top: int) -> dict[str, float | int | None]:
    end = end[end > 0]
    total = float(end.sum())
    if total == 0:
        return {"customers": 0, "top1_share": None, "top10_share": None, "hhi": None}
    share = np.sort(end)[::-1] / total
    return {
        "customers": len(share),
        "top1_share": float(share[0]),
        "top10_share": float(share[:top].sum()),
        "hhi": float(((share * 100) ** 2).sum()),
    }


def concentration(
    orders: pd.DataFrame, period: pd.Period, months: int = ACTIVE_WINDOW_MONTHS, top: int = TOP_N
) -> dict[str, float | int | None]:
    """How much of the trailing 12 months' revenue the largest customers bring.

    Shares of Σ net_revenue in the ``months`` months ending ``period``, per customer:
    ``top1_share`` = largest share, ``top10_share`` = Σ of the ``top`` largest shares,
    ``hhi`` = Σ (share in %)² over all customers, from 0 to 10,000 (above 1,800 "highly
    concentrated", US merger guidelines 2023).

    Returns:
        ``customers`` (with revenue in the window), ``top1_share``, ``top10_share`` and ``hhi``
        (None without revenue).
    """
    lines = _lines(orders, period)
    return _concentration(lines.per_customer(lines.month > period.ordinal - months), top)


def top_customers(
    orders: pd.DataFrame, period: pd.Period, n: int = TOP_N, months: int = ACTIVE_WINDOW_MONTHS
) -> pd.DataFrame:
    """The ``n`` customers with the most revenue in the trailing 12 months.

    Returns:
        Index ``customer_id``, largest first, with columns ``customer_name`` (the name on their
        latest order line; the id when the orders do not deliver ``customer_name``),
        ``revenue`` (Σ net_revenue in the window), ``share`` (of the window's revenue) and
        ``cumulative_share``.
    """
    lines = _lines(orders, period)
    revenue = lines.per_customer(lines.month > period.ordinal - months)
    total = float(revenue.sum())
    top = np.argsort(-revenue, kind="stable")[:n]
    top = top[revenue[top] > 0]
    ids = pd.Index(lines.ids[top], name="customer_id")
    if has_columns(orders, "customer_name"):
        # the name on each top customer's latest line
        mine = np.isin(lines.customer, top)
        rows = orders.iloc[lines.position[mine]][["order_date", "customer_name"]]
        rows = rows.assign(code=lines.customer[mine]).sort_values("order_date", kind="stable")
        names = rows.groupby("code")["customer_name"].last().reindex(top).to_numpy()
    else:
        names = ids.astype("string").to_numpy()
    out = pd.DataFrame({"customer_name": names, "revenue": revenue[top]}, index=ids)
    out["share"] = out["revenue"] / total if total else np.nan
    out["cumulative_share"] = out["share"].cumsum()
    return out


def customer_kpis(
    orders: pd.DataFrame, period: pd.Period, elsewhere: pd.DataFrame | None = None
) -> dict[str, float | int | None]:
    """The customer figures of the report's KPI record.

    - ``nrr``, ``grr``: :func:`revenue_retention` (12-month windows, starting cohort less the
      customers who moved to another region; None with less than 24 months of history, as are
      the retention and churn rates).
    - ``retention_rate``, ``churn_rate``, ``customers_at_start``, ``customers_lost`` (lost to
      the company), ``customers_moved`` (moved to another region; None in the company's report
      and without ``elsewhere``), ``active_customers`` (revenue in the last 12 months):
      :func:`retention`.
    - ``new_customers``, ``new_customer_revenue``, ``new_customer_revenue_share``: customers
      buying for the first time in ``period``, their revenue and its share of the month's
      revenue (:func:`new_vs_existing`).
    - ``top1_share``, ``top10_share``, ``hhi``: :func:`concentration` (trailing 12 months).
    """
    lines = _lines(orders, period)
    w = _windows(lines, period, ACTIVE_WINDOW_MONTHS, elsewhere)
    full = _full_history(lines, period, ACTIVE_WINDOW_MONTHS)
    sees = elsewhere is not None
    rr, ret = _revenue_retention(w, full, sees), _retention(w, full, sees)
    conc = _concentration(w["end"].to_numpy(), TOP_N)
    new = _new_vs_existing(lines, period).loc[NEW_CUSTOMERS]
    return {
        "nrr": rr["nrr"],
        "grr": rr["grr"],
        "retention_rate": ret["retention_rate"],
        "churn_rate": ret["churn_rate"],
        "customers_at_start": ret["customers_at_start"],
        "customers_lost": ret["lost"],
        "customers_moved": ret["moved"],
        "active_customers": ret["customers_at_end"],
        "new_customers": int(new["customers"]),
        "new_customer_revenue": float(new["revenue"]),
        "new_customer_revenue_share": None if pd.isna(new["share"]) else float(new["share"]),
        "top1_share": conc["top1_share"],
        "top10_share": conc["top10_share"],
        "hhi": conc["hhi"],
    }
