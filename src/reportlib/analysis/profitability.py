"""Profitability alignment: where margin is made, where price leaks, which growth dilutes margin.

All figures come from order lines: ``net_revenue``, ``cost``, and the list value
``list_price × quantity`` (``list_price`` is per unit).

An export may not deliver ``cost``, ``list_price`` or ``quantity`` (optional contract columns).
The sums of what is not delivered are NaN, never 0, so every ratio built on them is NaN (None in
the headline figures): margins need ``cost``, leakage needs ``list_price`` and ``quantity``.

- Gross margin % = (Σ net_revenue − Σ cost) ÷ Σ net_revenue (DOMAIN.md).
- Discount leakage = Σ(list_price × quantity − net_revenue) ÷ Σ(list_price × quantity), the
  on-invoice step of the price waterfall (Marn & Rosiello, HBR 1992). It is weighted by list
  value, so large lines count more than the plain mean of ``discount_pct``.
- A "window" is the ``months`` calendar months ending at the reported month (trailing 12 months
  by default); it is compared with the same window one year earlier. Changes of ratios are
  differences in percentage points, returned as fractions (0.05 = 5 points).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns, ratio
from reportlib.analysis.revenue import margin_by
from reportlib.i18n import N_, _

ACCRETIVE = N_("accretive growth")
DILUTIVE = N_("dilutive growth")
HIGH_MARGIN_LAGGING = N_("high margin, losing share")
LOW_MARGIN_LAGGING = N_("low margin, losing share")
NO_SALES = N_("no sales")
VERDICTS = (ACCRETIVE, DILUTIVE, HIGH_MARGIN_LAGGING, LOW_MARGIN_LAGGING, NO_SALES)
"""The verdicts of :func:`growth_quality`: English in the data (logic compares them), shown in
the report's language by :func:`verdict_label`."""
GROWTH_RULE = (
    "Over the trailing 12 months against the 12 before: a group grows faster than the whole when "
    "its share of revenue rose. Growth is accretive when such a group's trailing-12-month gross "
    "margin % is at or above the whole's, dilutive when it is below. Groups whose share fell are "
    "'high margin, losing share' (their lost weight lowers the average margin) or 'low margin, "
    "losing share' (it raises it). The mix effect, Δshare × (group margin − average margin), "
    "has the sign of the verdict: positive for accretive growth and low-margin groups losing "
    "share, negative for dilutive growth and high-margin groups losing share."
)
MIX_VISIBLE = 0.0005
"""The mix effect of growth is shown when some group's is at least 0.05 points (as a fraction)."""
MIX_DIGITS = 2
"""Decimals of the mix effect in points: 0.05 pp, the smallest shown, reads ``+0.05 pp``."""
MIX_RULE = (
    "The mix effect of a group, Δshare × (group margin − average margin), is a product of two "
    "small changes and often a few hundredths of a point. It is shown in hundredths of a point "
    "when some group's reaches 0.05 pp; otherwise the column is left out and a sentence says "
    "that there was no mix effect."
)
BRIDGE_STEPS = (
    "before", "discontinued", "volume", "mix", "list_price", "discount", "new", "current",
)  # fmt: skip
"""The steps of :func:`revenue_bridge`, in order."""


_AMOUNTS = ["order_date", "quantity", "list_price", "net_revenue", "cost"]
_SUMS = ["list_value", "revenue", "cost", "units"]


def _window(
    orders: pd.DataFrame, end: pd.Period, months: int, column: str | None = None
) -> pd.DataFrame:
    """Rows dated in the ``months`` calendar months ending with ``end``.

    Only the amount columns the orders deliver (and ``column``) are kept: a cut of fewer columns
    is much faster.
    """
    columns = [c for c in _AMOUNTS if c in orders.columns]
    return orders.loc[
        _in_window(orders, end, months), columns if column is None else [*columns, column]
    ]


def _in_window(orders: pd.DataFrame, end: pd.Period, months: int) -> pd.Series:
    """Mask of the rows dated in the ``months`` calendar months ending with ``end``."""
    dates = orders["order_date"]
    return (dates >= (end - (months - 1)).start_time) & (dates < (end + 1).start_time)


def _amounts(rows: pd.DataFrame, column: str | None) -> pd.DataFrame:
    """Σ list value, net revenue, cost and units of ``rows``, by ``column`` or in one row.

    A sum whose inputs the orders do not deliver is NaN (list value needs ``list_price`` and
    ``quantity``, cost ``cost``, units ``quantity``).
    """
    data = {"revenue": rows["net_revenue"].to_numpy(dtype="float64")}
    if has_columns(rows, "quantity"):
        data["units"] = rows["quantity"].to_numpy(dtype="float64", na_value=np.nan)
        if has_columns(rows, "list_price"):
            data["list_value"] = rows["list_price"].to_numpy(dtype="float64") * data["units"]
    if has_columns(rows, "cost"):
        data["cost"] = rows["cost"].to_numpy(dtype="float64")
    frame = pd.DataFrame(data, index=rows.index)
    sums = (
        frame.sum().to_frame("All").T
        if column is None
        else frame.groupby(rows[column], observed=True).sum()
    )
    return sums.reindex(columns=_SUMS)


def discount_leakage(orders: pd.DataFrame) -> float | None:
    """Σ(list_price × quantity − net_revenue) ÷ Σ(list_price × quantity) over all ``orders``.

    Returns:
        The leaked share of list value (a fraction), or None without list value (none sold, or
        ``list_price`` or ``quantity`` not delivered).
    """
    total = _amounts(orders, None).iloc[0]
    return ratio(total["list_value"] - total["revenue"], total["list_value"])


def margin_by_window(
    orders: pd.DataFrame, column: str, end: pd.Period, months: int = 12
) -> pd.DataFrame:
    """Revenue, gross margin, margin % and share by ``column`` over ``months`` months to ``end``.

    The window variant of :func:`reportlib.analysis.revenue.margin_by` (same columns, largest
    revenue first): the window's rows are dated into ``end`` and handed to ``margin_by``.
    """
    rows = _window(orders, end, months, column)
    return margin_by(rows.assign(order_date=end.start_time), column, end)


def margin_table(orders: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Gross margin by ``column`` for the month and the trailing 12 months, side by side.

    Gross margin % = (Σ net_revenue − Σ cost) ÷ Σ net_revenue; share = the group's share of
    revenue in the same span. Needs the orders' ``cost`` and ``column`` (a ``KeyError`` when one
    was not delivered).

    Returns:
        One row per group sold in the trailing 12 months, largest 12-month revenue first, with
        ``revenue``, ``gross_margin``, ``gross_margin_pct``, ``share`` (the month; NaN when the
        group did not sell in the month) and the same four with suffix ``_12m``.
    """
    month = margin_by(_window(orders, period, 1, column), column, period)
    year = margin_by_window(orders, column, period, 12)
    out = year.add_suffix("_12m").join(month, how="left")
    columns = ["revenue", "gross_margin", "gross_margin_pct", "share"]
    return out[columns + [f"{c}_12m" for c in columns]]


def leakage_by(
    orders: pd.DataFrame, column: str, period: pd.Period, months: int = 12
) -> pd.DataFrame:
    """Discount leakage by ``column``: this window against the same window a year earlier.

    Leakage = Σ(list_price × quantity − net_revenue) ÷ Σ(list_price × quantity). With
    ``months=1`` it compares the month with the same month last year; with 12, the trailing 12
    months with the 12 before.

    Returns:
        One row per group with ``list_value`` and ``leaked`` (Σ list − net, money) of the
        window, ``leakage``, ``leakage_before`` and ``change`` (points, as a fraction; NaN when
        either side has no list value, and throughout when the orders do not deliver
        ``list_price`` or ``quantity``), largest increase first.
    """
    now = _amounts(_window(orders, period, months, column), column)
    before = _amounts(_window(orders, period - 12, months, column), column)
    out = pd.DataFrame(index=now.index.union(before.index))
    out.index.name = column
    out["list_value"] = now["list_value"].reindex(out.index, fill_value=0.0)
    out["leaked"] = (now["list_value"] - now["revenue"]).reindex(out.index, fill_value=0.0)
    out["leakage"] = (now["list_value"] - now["revenue"]) / now["list_value"].where(
        now["list_value"] != 0
    )
    out["leakage_before"] = (before["list_value"] - before["revenue"]) / before["list_value"].where(
        before["list_value"] != 0
    )
    out["change"] = out["leakage"] - out["leakage_before"]
    return out.sort_values("change", ascending=False, kind="stable")


def _shares_and_margins(amounts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    revenue = amounts["revenue"]
    total = revenue.sum()
    share = revenue / total if total != 0 else revenue * 0.0
    margin = (revenue - amounts["cost"]) / revenue.where(revenue != 0)
    return share, margin


def growth_quality(orders: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Which growth adds margin and which dilutes it, by ``column`` (see ``GROWTH_RULE``).

    Trailing 12 months to ``period`` (now, ′) against the 12 months before. With sᵢ a group's
    share of revenue, mᵢ its gross margin % and M′ the whole's margin % now, the change of the
    whole's margin % splits exactly into

    - mix effect ᵢ = (sᵢ′ − sᵢ) × (mᵢ′ − M′): the weight the group gained or lost, valued at its
      margin gap to the average;
    - rate effect ᵢ = sᵢ × (mᵢ′ − mᵢ): its own margin change at last year's weight;

    so that Σ mix + Σ rate = M′ − M. A group without sales on one side takes its other side's
    margin there (no rate effect). Margins need the orders' ``cost``: without it the verdicts
    mean nothing, so callers check that it was delivered.

    Returns:
        One row per group with sales in either window, largest 12-month revenue first:
        ``revenue_12m``, ``revenue_before``, ``growth`` (YoY; NaN without revenue a year earlier),
        ``share_12m``, ``share_before``, ``share_change``, ``gross_margin_pct_12m``,
        ``gross_margin_pct_before``, ``margin_gap`` (mᵢ′ − M′), ``mix_effect``,
        ``rate_effect`` (points, as fractions) and ``verdict``.
    """
    now = _amounts(_window(orders, period, 12, column), column)
    before = _amounts(_window(orders, period - 12, 12, column), column)
    index = now.index.union(before.index)
    now, before = now.reindex(index, fill_value=0.0), before.reindex(index, fill_value=0.0)
    s_now, m_now = _shares_and_margins(now)
    s_before, m_before = _shares_and_margins(before)
    overall = ratio(now["revenue"].sum() - now["cost"].sum(), now["revenue"].sum())
    average = np.nan if overall is None else overall
    m_now_filled = m_now.fillna(m_before)
    m_before_filled = m_before.fillna(m_now_filled)
    out = pd.DataFrame(
        {
            "revenue_12m": now["revenue"],
            "revenue_before": before["revenue"],
            "growth": (now["revenue"] - before["revenue"])
            / before["revenue"].where(before["revenue"] != 0),
            "share_12m": s_now,
            "share_before": s_before,
            "share_change": s_now - s_before,
            "gross_margin_pct_12m": m_now,
            "gross_margin_pct_before": m_before,
            "margin_gap": m_now - average,
            "mix_effect": (s_now - s_before) * (m_now_filled - average),
            "rate_effect": s_before * (m_now_filled - m_before_filled),
        },
        index=index,
    )
    out["mix_effect"] = out["mix_effect"].fillna(0.0)
    out["rate_effect"] = out["rate_effect"].fillna(0.0)
    out = out[(out["revenue_12m"] != 0) | (out["revenue_before"] != 0)]
    faster = out["share_change"] > 0
    rich = out["margin_gap"] >= 0
    out["verdict"] = np.select(
        [out["revenue_12m"] == 0, faster & rich, faster, rich],
        [NO_SALES, ACCRETIVE, DILUTIVE, HIGH_MARGIN_LAGGING],
        LOW_MARGIN_LAGGING,
    )
    return out.sort_values("revenue_12m", ascending=False, kind="stable")


def verdict_label(verdict: object) -> str:
    """A verdict of :func:`growth_quality` as the reader sees it, in the report's language.

    Anything that is not one of :data:`VERDICTS` is shown as it is.
    """
    return _(str(verdict)) if verdict in VERDICTS else str(verdict)


def groups_sold(orders: pd.DataFrame, column: str, period: pd.Period, months: int = 12) -> pd.Index:
    """The values of ``column`` with net revenue above zero in the ``months`` months to ``period``.

    The members a comparison by ``column`` over that span would show
    (``analysis.comparisons.comparable``).
    """
    rows = _window(orders, period, months, column)
    revenue = rows["net_revenue"].groupby(rows[column], observed=True).sum()
    return revenue.index[revenue > 0]


def sold_groups(quality: pd.DataFrame) -> pd.Index:
    """The groups of :func:`growth_quality` with sales in the trailing 12 months."""
    return quality.index[quality["revenue_12m"] > 0]


def mix_shift_seen(quality: pd.DataFrame) -> bool:
    """Whether some group's mix effect reaches :data:`MIX_VISIBLE` (see :data:`MIX_RULE`).

    Args:
        quality: Output of :func:`growth_quality`.
    """
    return bool((quality["mix_effect"].abs() >= MIX_VISIBLE).any())


def most_dilutive(quality: pd.DataFrame) -> str | None:
    """The "dilutive growth" group with the most negative mix effect, or None if there is none.

    Args:
        quality: Output of :func:`growth_quality`.
    """
    dilutive = quality[quality["verdict"] == DILUTIVE]
    return None if dilutive.empty else str(dilutive["mix_effect"].idxmin())


PRODUCT_COLUMNS = ("product_name", "product_id", "category")
"""The order columns that tell products apart, finest first."""


def product_column(orders: pd.DataFrame) -> str | None:
    """The finest of :data:`PRODUCT_COLUMNS` the orders deliver, or None."""
    return next((c for c in PRODUCT_COLUMNS if has_columns(orders, c)), None)


BRIDGE_RULE = (
    "The revenue bridge compares the trailing 12 months with the 12 before. Products sold in "
    "only one of the two have steps of their own: 'discontinued products' (the revenue a year "
    "earlier of those not sold since) and 'new products' (the revenue now of those not sold a "
    "year earlier). Volume, mix, list price and discount are computed on the products sold in "
    "both, so that a product cannot change price, or weigh in the mix, against a year in which "
    "it did not sell; the steps add up exactly to the change of revenue."
)


def _bridge_sums(
    orders: pd.DataFrame, period: pd.Period, by: str, months: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Sums by ``by`` now and a year earlier (on one index), and the mask of items sold in both.

    An item is sold in a window when it has units there (revenue without units, a credit note,
    does not make a product sold).
    """
    now = _amounts(_window(orders, period, months, by), by)
    before = _amounts(_window(orders, period - 12, months, by), by)
    index = now.index.union(before.index)
    now, before = now.reindex(index, fill_value=0.0), before.reindex(index, fill_value=0.0)
    both = (now["units"].fillna(0.0) > 0) & (before["units"].fillna(0.0) > 0)
    return now, before, both


def revenue_bridge(
    orders: pd.DataFrame, period: pd.Period, by: str | None = None, months: int = 12
) -> pd.Series:
    """Price/volume/mix bridge of net revenue: the window a year earlier to this window.

    Items are told apart by ``by``; None takes the finest product column the orders deliver
    (:func:`product_column`: the product name, else its code, else its category). See
    :data:`BRIDGE_RULE`.

    Items sold (with units) in one window only have steps of their own: ``discontinued`` =
    −Σ revenue a year earlier of the items not sold now, ``new`` = Σ revenue now of the items not
    sold a year earlier. The other four steps cover the items sold in both windows, with qᵢ units
    and pᵢ = revenueᵢ ÷ qᵢ the net price of item i, Lᵢ its list price per unit (Σ list value ÷
    qᵢ), Q = Σqᵢ, P̄ = R ÷ Q their average price a year earlier, and ′ for now:

    - volume = (Q′ − Q) × P̄ (more or fewer units at last year's average price);
    - mix = Σ qᵢ′ pᵢ − Q′ × P̄ (this year's units at last year's prices, against the average);
    - list price = Σ qᵢ′ (Lᵢ′ − Lᵢ) × pᵢ ÷ Lᵢ (list price changes, at last year's discount);
    - discount = Σ qᵢ′ (pᵢ′ − pᵢ) − list price effect (deeper or shallower discounts).

    This is the usual price-volume-mix analysis with new and discontinued products apart; the
    six steps add up exactly to R′ − R. Needs the orders' ``quantity`` and ``list_price``:
    without them the steps are NaN.

    Returns:
        Amounts indexed by :data:`BRIDGE_STEPS`: ``before`` (R), the six steps, ``current`` (R′).
    """
    by = by or product_column(orders)
    now, before, both = _bridge_sums(orders, period, by, months)
    r_now, r_before = float(now["revenue"].sum()), float(before["revenue"].sum())
    new, discontinued = float(now["revenue"][~both].sum()), 0.0 - before["revenue"][~both].sum()
    now, before = now[both], before[both]
    q_now, q_before = now["units"], before["units"]
    p_now, p_before = now["revenue"] / q_now, before["revenue"] / q_before
    l_now, l_before = now["list_value"] / q_now, before["list_value"] / q_before
    kept = (p_before / l_before.where(l_before != 0)).fillna(1.0)  # 1 − last year's leakage
    average = ratio(before["revenue"].sum(), q_before.sum()) or 0.0
    price = float((q_now * (p_now - p_before)).sum())
    list_effect = float((q_now * (l_now - l_before) * kept).sum())
    volume = (float(q_now.sum()) - float(q_before.sum())) * average
    mix = float((q_now * p_before).sum()) - float(q_now.sum()) * average
    effects = [float(discontinued), volume, mix, list_effect, price - list_effect, new]
    if not has_columns(orders, "quantity", "list_price"):
        effects = [np.nan] * len(effects)
    return pd.Series(
        [r_before, *effects, r_now],
        index=pd.Index(BRIDGE_STEPS, name="step"),
        name="amount",
    )


@dataclass(frozen=True)
class BridgeScope:
    """Which items the steps of :func:`revenue_bridge` cover, and the discounts of each kind.

    Leakages are Σ(list value − net revenue) ÷ Σ list value (fractions), None without list
    value (no such item, or ``list_price`` not delivered).

    Attributes:
        both: Items sold in both windows (the volume, mix, list price and discount steps).
        new: Items sold in this window only.
        discontinued: Items sold a year earlier only.
        both_share: The share of this window's revenue from the items sold in both (a fraction;
            None without revenue now).
        leakage_both: Leakage of the items sold in both, this window.
        leakage_both_before: Leakage of the same items a year earlier.
        leakage_new: Leakage of the new items (this window).
        leakage_discontinued: Leakage of the discontinued items (a year earlier).
    """

    both: int
    new: int
    discontinued: int
    both_share: float | None
    leakage_both: float | None = None
    leakage_both_before: float | None = None
    leakage_new: float | None = None
    leakage_discontinued: float | None = None


def _leakage_of(sums: pd.DataFrame) -> float | None:
    """Leakage of the summed rows of :func:`_amounts`."""
    return ratio(sums["list_value"].sum() - sums["revenue"].sum(), sums["list_value"].sum())


def bridge_scope(
    orders: pd.DataFrame, period: pd.Period, by: str | None = None, months: int = 12
) -> BridgeScope:
    """How many items :func:`revenue_bridge` finds in both windows or one, and their discounts.

    Needs the orders' ``quantity`` (an item is sold in a window when it has units there).
    """
    by = by or product_column(orders)
    now, before, both = _bridge_sums(orders, period, by, months)
    new = (now["units"].fillna(0.0) > 0) & ~both
    gone = (before["units"].fillna(0.0) > 0) & ~both
    return BridgeScope(
        both=int(both.sum()),
        new=int(new.sum()),
        discontinued=int(gone.sum()),
        both_share=ratio(now["revenue"][both].sum(), now["revenue"].sum()),
        leakage_both=_leakage_of(now[both]),
        leakage_both_before=_leakage_of(before[both]),
        leakage_new=_leakage_of(now[new]),
        leakage_discontinued=_leakage_of(before[gone]),
    )


MARGIN_ALARM_RULE = (
    "A month's gross margin % raises an alarm, the first highlight and a recommendation, when "
    "it is below the floor set in params (margin_alarm.floor; 0%: the month sold below cost) "
    "or more than margin_alarm.drop points below the trailing-12-month gross margin % (which "
    "includes the month). The money at stake is the month's revenue times the gap: the gross "
    "loss below 0%, the gross margin short of the floor, or the gross margin lost against the "
    "12-month rate."
)


@dataclass(frozen=True)
class MarginAlert:
    """A month's gross margin that raises an alarm (:data:`MARGIN_ALARM_RULE`).

    Attributes:
        kind: ``loss`` (below the floor and below 0%), ``floor`` (below the floor, at or
            above 0%) or ``drop`` (more than the allowed points below the 12-month margin).
        margin: The month's gross margin % (a fraction).
        reference: What it is measured against: 0 (loss), the floor, or the 12-month margin %.
        at_stake: Money: the month's revenue × (reference − margin); for a loss, the gross
            loss (Σ cost − Σ net revenue).
    """

    kind: str
    margin: float
    reference: float
    at_stake: float


def margin_alert(
    revenue: float | None,
    margin: float | None,
    margin_12m: float | None,
    floor: float,
    drop: float,
) -> MarginAlert | None:
    """The alarm a month's gross margin raises, or None (see :data:`MARGIN_ALARM_RULE`).

    Args:
        revenue: The month's net revenue.
        margin: The month's gross margin % (None without cost).
        margin_12m: The trailing-12-month gross margin % (None: the drop is not judged).
        floor: A margin below this raises an alarm (``params`` ``margin_alarm.floor``).
        drop: A margin more than this many points (a fraction) below ``margin_12m`` raises one.

    Returns:
        The first of loss, floor and drop that applies; None without revenue or margin.
    """
    if revenue is None or margin is None or pd.isna(margin) or not revenue > 0:
        return None
    if margin < floor:
        reference = 0.0 if margin < 0 else floor
        kind = "loss" if margin < 0 else "floor"
        return MarginAlert(kind, margin, reference, revenue * (reference - margin))
    if margin_12m is not None and not pd.isna(margin_12m) and margin_12m - margin > drop:
        return MarginAlert("drop", margin, margin_12m, revenue * (margin_12m - margin))
    return None


def margin_alerts_by(
    orders: pd.DataFrame, column: str, period: pd.Period, floor: float, drop: float
) -> dict[str, MarginAlert]:
    """The margin alarm each group of ``column`` raises in ``period`` (:func:`margin_alert`).

    The company report uses it by region: a region selling below cost is named even when the
    company's own margin raises no alarm.

    Args:
        orders: Order lines with ``cost`` and ``column``.
        column: The grouping, e.g. ``region``.
        period: The month judged; the 12-month margin is that of the 12 months to it.
        floor: As in :func:`margin_alert`.
        drop: As in :func:`margin_alert`.

    Returns:
        Group → alert, most money at stake first; empty when the orders deliver no cost.
    """
    if not has_columns(orders, "cost", column):
        return {}
    table = margin_table(orders, column, period)
    found = {}
    for group, row in table.iterrows():
        revenue = None if pd.isna(row["revenue"]) else float(row["revenue"])
        alert = margin_alert(
            revenue, row["gross_margin_pct"], row["gross_margin_pct_12m"], floor, drop
        )
        if alert is not None:
            found[str(group)] = alert
    return dict(sorted(found.items(), key=lambda item: -item[1].at_stake))


def profitability_kpis(orders: pd.DataFrame, period: pd.Period) -> dict[str, float | str | None]:
    """The profitability headline figures for ``kpis.json``.

    - ``discount_leakage``: leakage over the trailing 12 months (fraction);
      ``discount_leakage_before``: the 12 months before; ``discount_leakage_change``: the
      difference in points (as a fraction).
    - ``discount_leakage_month`` / ``discount_leakage_month_change``: the month, and its change
      against the same month last year.
    - ``gross_margin_pct_12m``: (Σ revenue − Σ cost) ÷ Σ revenue, trailing 12 months;
      ``gross_margin_pct_12m_change``: change in points against the 12 months before.
    - ``most_dilutive`` / ``most_dilutive_category``: the channel / product category whose
      growth dilutes margin most (see :func:`most_dilutive`), or None.
    - ``largest_leakage_increase``: the channel whose 12-month leakage rose most, and
      ``largest_leakage_increase_change`` its change in points (None when no channel has both
      years).

    A figure whose columns the orders do not deliver is None: leakage needs ``list_price`` and
    ``quantity``, margins ``cost``, the channel and category figures also ``channel`` and
    ``category``.
    """
    # the two years compared and the columns needed, cut once
    columns = [c for c in (*_AMOUNTS, "channel", "category") if c in orders.columns]
    orders = orders.loc[_in_window(orders, period, 24), columns]
    leak_now = discount_leakage(_window(orders, period, 12))
    leak_before = discount_leakage(_window(orders, period - 12, 12))
    month_now = discount_leakage(_window(orders, period, 1))
    month_before = discount_leakage(_window(orders, period - 12, 1))
    now = _amounts(_window(orders, period, 12), None).iloc[0]
    before = _amounts(_window(orders, period - 12, 12), None).iloc[0]
    margin_now = ratio(now["revenue"] - now["cost"], now["revenue"])
    margin_before = ratio(before["revenue"] - before["cost"], before["revenue"])
    leaks = has_columns(orders, "channel", "list_price", "quantity")
    by_channel = (
        leakage_by(orders, "channel", period, 12).dropna(subset=["change"]) if leaks else None
    )
    top = None if by_channel is None or by_channel.empty else by_channel.iloc[0]

    def dilutive(column: str) -> str | None:
        if not has_columns(orders, column, "cost"):
            return None
        return most_dilutive(growth_quality(orders, column, period))

    def change(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a - b

    return {
        "discount_leakage": leak_now,
        "discount_leakage_before": leak_before,
        "discount_leakage_change": change(leak_now, leak_before),
        "discount_leakage_month": month_now,
        "discount_leakage_month_change": change(month_now, month_before),
        "gross_margin_pct_12m": margin_now,
        "gross_margin_pct_12m_change": change(margin_now, margin_before),
        "most_dilutive": dilutive("channel"),
        "most_dilutive_category": dilutive("category"),
        "largest_leakage_increase": None if top is None else str(top.name),
        "largest_leakage_increase_change": None if top is None else float(top["change"]),
    }
