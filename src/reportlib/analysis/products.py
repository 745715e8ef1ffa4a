"""Channels, verticals and products: revenue mix and its shift, and new-product adoption.

Mix is each group's share of the month's net revenue, compared with the same month a year
earlier; the *mix shift* is the difference of the two shares, a fraction of revenue (0.023 is
2.3 percentage points). The *new product* is the product whose first sale is the latest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns
from reportlib.analysis.customers import month_ordinals

MIX_COLUMNS = ("channel", "vertical", "segment", "category")
"""The order-line columns whose revenue mix the report shows."""


def mix_columns(orders: pd.DataFrame) -> tuple[str, ...]:
    """The :data:`MIX_COLUMNS` that the orders deliver, in that order."""
    return tuple(c for c in MIX_COLUMNS if has_columns(orders, c))


def _two_months(orders: pd.DataFrame, period: pd.Period, columns: list[str]) -> pd.DataFrame:
    """``columns`` of the order lines of ``period`` and of the same month a year earlier."""
    dates = orders["order_date"]
    return orders.loc[
        dates.between(period.start_time, period.end_time)
        | dates.between((period - 12).start_time, (period - 12).end_time),
        columns,
    ]


def mix_by(orders: pd.DataFrame, column: str, period: pd.Period) -> pd.DataFrame:
    """Revenue mix by ``column`` in ``period`` and in the same month a year earlier.

    share = group revenue ÷ the month's revenue; mix shift = share − share a year earlier.

    Returns:
        One row per group sold in either month (index named ``column``), largest revenue first,
        with columns ``revenue``, ``share``, ``revenue_ly``, ``share_ly`` and ``mix_shift``
        (a fraction: 0.023 = +2.3 percentage points). Shares are NaN in a month without revenue.
    """
    rows = _two_months(orders, period, ["order_date", "net_revenue", column])
    this_year = month_ordinals(rows["order_date"]) == period.ordinal
    frame = pd.DataFrame(
        {
            column: rows[column],
            "revenue": rows["net_revenue"].where(this_year, 0.0),
            "revenue_ly": rows["net_revenue"].where(~this_year, 0.0),
        }
    )
    out = frame.groupby(column, observed=True)[["revenue", "revenue_ly"]].sum()
    out = out.astype("float64")
    total, total_ly = out["revenue"].sum(), out["revenue_ly"].sum()
    out["share"] = out["revenue"] / total if total else np.nan
    out["share_ly"] = out["revenue_ly"] / total_ly if total_ly else np.nan
    out["mix_shift"] = out["share"] - out["share_ly"]
    out = out.sort_values(["revenue", "revenue_ly"], ascending=False)
    return out[["revenue", "share", "revenue_ly", "share_ly", "mix_shift"]]


def revenue_mix(
    orders: pd.DataFrame, period: pd.Period, columns: tuple[str, ...] = MIX_COLUMNS
) -> pd.DataFrame:
    """:func:`mix_by` for each of ``columns`` that the orders deliver, stacked.

    Returns:
        The columns of :func:`mix_by` with a two-level index (``dimension``, ``group``); each
        dimension's shares add up to 100% and its mix shifts to 0. A column the orders do not
        deliver has no rows; with none delivered the frame is empty.
    """
    columns = tuple(c for c in columns if has_columns(orders, c))
    rows = _two_months(orders, period, ["order_date", "net_revenue", *columns])
    parts = {c: mix_by(rows, c, period) for c in columns}
    empty = pd.DataFrame(
        columns=["revenue", "share", "revenue_ly", "share_ly", "mix_shift"], dtype="float64"
    )
    out = pd.concat(parts or {"": empty}, names=["dimension", "group"])
    if out.empty:
        out.index = pd.MultiIndex.from_arrays([[], []], names=["dimension", "group"])
    return out


@dataclass(frozen=True)
class Launch:
    """A product and the month of its first sale.

    Attributes:
        product_id: Product code.
        product_name: Product name on its latest order line (the code when the orders do not
            deliver ``product_name``).
        month: Month of the first order line.
    """

    product_id: str
    product_name: str
    month: pd.Period


def latest_launch(orders: pd.DataFrame, period: pd.Period) -> Launch | None:
    """The product whose first sale (up to ``period``) is the latest: the newest product.

    A product first sold in the first month of the data may have sold before the data begin, so
    it is not a launch; with no product first sold later, there is none. Ties go to the product
    with more revenue.

    Returns:
        The :class:`Launch`, or None; always None when the orders do not deliver ``product_id``
        (products are told apart by their code).
    """
    keep = (orders["order_date"] <= period.end_time).to_numpy(dtype=bool)
    if not keep.any() or not has_columns(orders, "product_id"):
        return None
    codes, products = pd.factorize(orders["product_id"])
    keep = keep & (codes >= 0)
    codes, month = codes[keep], month_ordinals(orders["order_date"])[keep]
    first = np.full(len(products), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, codes, month)
    revenue = np.bincount(
        codes,
        weights=orders["net_revenue"].to_numpy(dtype="float64", na_value=0.0)[keep],
        minlength=len(products),
    )
    # sold up to the period (products sold only later keep the initial maximum), not at once
    launched = np.flatnonzero((first > month.min()) & (first <= period.ordinal))
    if len(launched) == 0:
        return None
    # the latest first sale; among equals, the most revenue
    best = launched[np.lexsort((revenue[launched], first[launched]))[-1]]
    code, launched_in = str(products[best]), pd.Period(ordinal=int(first[best]), freq="M")
    if not has_columns(orders, "product_name"):
        return Launch(code, code, launched_in)
    lines = orders.iloc[np.flatnonzero(keep)[codes == best]]
    name = lines["product_name"].iloc[int(lines["order_date"].to_numpy().argmax())]
    return Launch(code, str(name), launched_in)


def new_product_adoption(
    orders: pd.DataFrame, period: pd.Period, launch: Launch | None = None
) -> pd.DataFrame:
    """Monthly revenue share and buyers of the newest product, from its launch to ``period``.

    - ``share`` = the product's net revenue ÷ all net revenue of the month;
    - ``buyers`` = distinct customers buying it in the month;
    - ``adopters`` = distinct customers who have bought it by the month's end (cumulative).

    Args:
        orders: Order lines.
        period: Last month.
        launch: The product to follow; the :func:`latest_launch` when None.

    Returns:
        Index ``month`` from the launch month to ``period`` (no gaps), columns ``revenue``,
        ``share``, ``buyers`` and ``adopters``; empty when there is no launch.
    """
    launch = launch or latest_launch(orders, period)
    columns = ["revenue", "share", "buyers", "adopters"]
    if launch is None:
        return pd.DataFrame(
            columns=columns, index=pd.PeriodIndex([], freq="M", name="month"), dtype="float64"
        )
    rows = orders.loc[
        (orders["order_date"] >= launch.month.start_time)
        & (orders["order_date"] <= period.end_time),
        ["order_date", "product_id", "customer_id", "net_revenue"],
    ]
    months = period.ordinal - launch.month.ordinal + 1
    slot = month_ordinals(rows["order_date"]) - launch.month.ordinal
    is_product = rows["product_id"].eq(launch.product_id).fillna(False).to_numpy(dtype=bool)
    revenue = rows["net_revenue"].to_numpy(dtype="float64", na_value=0.0)
    total = np.bincount(slot, weights=revenue, minlength=months)
    own = np.bincount(slot[is_product], weights=revenue[is_product], minlength=months)
    product = pd.DataFrame(
        {"customer_id": rows["customer_id"][is_product], "slot": slot[is_product]}
    ).dropna()
    buyers = product.drop_duplicates().groupby("slot").size()
    first = product.groupby("customer_id")["slot"].min().value_counts()
    window = pd.period_range(launch.month, period, freq="M", name="month")
    out = pd.DataFrame(
        {
            "revenue": own,
            "share": np.divide(own, total, out=np.full(months, np.nan), where=total != 0),
            "buyers": buyers.reindex(range(months), fill_value=0).to_numpy(dtype="int64"),
            "adopters": first.reindex(range(months), fill_value=0).cumsum().to_numpy(dtype="int64"),
        },
        index=window,
    )
    return out[columns]


def product_kpis(orders: pd.DataFrame, period: pd.Period) -> dict[str, float | int | str | None]:
    """The product figures of the report's KPI record.

    - ``new_product``: name of the :func:`latest_launch` (None without one, as are the figures
      below; its code when the orders do not deliver ``product_name``);
      ``new_product_launch``: its launch month (``YYYY-MM``);
    - ``new_product_share``: its share of the month's net revenue in ``period``;
      ``new_product_share_ly``: the same a year earlier (0 before the launch);
    - ``new_product_adopters``: distinct customers who have bought it by ``period``.
    """
    launch = latest_launch(orders, period)
    if launch is None:
        return dict.fromkeys(
            (
                "new_product",
                "new_product_launch",
                "new_product_share",
                "new_product_share_ly",
                "new_product_adopters",
            )
        )
    adoption = new_product_adoption(orders, period, launch)
    share = adoption["share"]
    last_year = period - 12
    if last_year >= launch.month:
        share_ly = share.get(last_year)
    else:
        sold = orders["order_date"].between(last_year.start_time, last_year.end_time).any()
        share_ly = 0.0 if sold else None
    return {
        "new_product": launch.product_name,
        "new_product_launch": str(launch.month),
        "new_product_share": None if pd.isna(share.iloc[-1]) else float(share.iloc[-1]),
        "new_product_share_ly": None if share_ly is None or pd.isna(share_ly) else float(share_ly),
        "new_product_adopters": int(adoption["adopters"].iloc[-1]),
    }
