"""Channels, verticals and products: revenue mix and its shift, and new-product adoption.

Mix is each group's share of the month's net revenue, compared with the same month a year
earlier; the *mix shift* is the difference of the two shares, a fraction of revenue (0.023 is
2.3 percentage points). A dimension is compared only when at least two of its groups had sales
in one of the two months (``analysis.comparisons``): with one channel, its share is 100% in
both and its shift 0; the report names it in a sentence instead (:func:`mix_too_few`).

Products are told apart by their name (``product_name``; the code when the orders deliver no
names), so that a product re-listed under a new code is not a new product. A product is *new to
the company* for :data:`NEW_PRODUCT_MONTHS` months from its launch: the month given for it in
``params/defaults.yaml`` (``launches``), else the month the company first sold it. In a region's
report, a product the company sold elsewhere before is at most *new to the region*, which the
report states as such; the company's first sales reach a region's report through
``reportlib.report.CompanyView``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from reportlib.analysis._common import has_columns
from reportlib.analysis.comparisons import comparable, too_few_members, year_apart_span
from reportlib.analysis.customers import month_ordinals
from reportlib.formatting import Formatter

MIX_COLUMNS = ("channel", "vertical", "segment", "category")
"""The order-line columns whose revenue mix the report shows."""
MIX_MEMBERS = {
    "channel": "sales channel",
    "vertical": "industry",
    "segment": "customer segment",
    "category": "product category",
}
"""What one group of each of :data:`MIX_COLUMNS` is, as a reader calls it."""


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


def mix_groups_sold(orders: pd.DataFrame, column: str, period: pd.Period) -> pd.Index:
    """The groups of ``column`` with net revenue above zero in ``period`` or a year earlier.

    The members a mix comparison by ``column`` shows (``analysis.comparisons.comparable``).

    Returns:
        The groups, largest revenue in ``period`` first (as :func:`mix_by`); empty when the
        orders do not deliver ``column``.
    """
    if not has_columns(orders, column):
        return pd.Index([], name=column)
    mix = mix_by(orders, column, period)
    return mix.index[(mix["revenue"] > 0) | (mix["revenue_ly"] > 0)]


def comparable_mix_columns(
    orders: pd.DataFrame, period: pd.Period, columns: tuple[str, ...] = MIX_COLUMNS
) -> tuple[str, ...]:
    """The ``columns`` that the orders deliver and whose groups can be compared.

    A column is compared when at least ``analysis.comparisons.MIN_MEMBERS`` of its groups sold
    in ``period`` or a year earlier (:func:`mix_groups_sold`); the others are named by
    :func:`mix_too_few`.
    """
    return tuple(c for c in columns if comparable(mix_groups_sold(orders, c, period)))


def mix_too_few(
    orders: pd.DataFrame,
    period: pd.Period,
    fmt: Formatter | str,
    columns: tuple[str, ...] = MIX_COLUMNS,
) -> dict[str, str]:
    """The sentence replacing the mix of each delivered column with too few groups to compare.

    Args:
        orders: Order lines.
        period: The reported month (compared with the same month a year earlier).
        fmt: The report's formatter: the span is ``period`` and the same month a year earlier
            (``analysis.comparisons.year_apart_span``), the sentence whole in the report's
            language. Transitional: the two months as text instead (``October 2026 and October
            2025``) are put as given in a general sentence.
        columns: The columns to look at, among :data:`MIX_COLUMNS`.

    Returns:
        Column → ``analysis.comparisons.too_few_members`` sentence ("All sales in October 2026
        and October 2025 were in one sales channel, E-commerce: …"), for each column the orders
        deliver whose groups cannot be compared; columns not delivered are left out.
    """
    span = fmt if isinstance(fmt, str) else year_apart_span(period, fmt)
    out = {}
    for column in columns:
        if not has_columns(orders, column):
            continue
        sold = list(mix_groups_sold(orders, column, period))
        sentence = too_few_members(sold, MIX_MEMBERS[column], span)
        if sentence is not None:
            out[column] = sentence
    return out


NEW_PRODUCT_MONTHS = 24
"""A product is new in the month of its launch and the 23 months after it."""


def product_keys(orders: pd.DataFrame) -> pd.Series | None:
    """The name each order line's product is known by: ``product_name``, else ``product_id``.

    Products are told apart by their name, so that a product re-listed under a new code is
    still the product it was; a line without a name (or orders that deliver no names) is known
    by its code.

    Returns:
        A string Series aligned with ``orders`` (NA where the line names no product), or None
        when the orders do not deliver ``product_id``.
    """
    if not has_columns(orders, "product_id"):
        return None
    codes = orders["product_id"].astype("string")
    if not has_columns(orders, "product_name"):
        return codes
    return orders["product_name"].astype("string").fillna(codes)


def first_sales(orders: pd.DataFrame) -> pd.DataFrame:
    """The month of the first order line of each product code under each name.

    Run on the whole company's orders, it tells a region's report which products the company
    sold before the region did (``reportlib.report.CompanyView``). Codes and names are both
    kept, so that the first sale of a product can be found by its name and, in orders that
    deliver no names, by its code (:func:`product_launches`).

    Returns:
        One row per distinct (``product_id``, ``product_name``) pair, sorted, with
        ``first_sale`` (monthly Period); ``product_name`` is NA when the orders do not deliver
        it or a line names none. Empty when the orders do not deliver ``product_id``.
    """
    columns = ["product_id", "product_name"]
    if not has_columns(orders, "product_id"):
        return pd.DataFrame(
            {
                "product_id": pd.Series([], dtype="string"),
                "product_name": pd.Series([], dtype="string"),
                "first_sale": pd.PeriodIndex([], freq="M"),
            }
        )
    names = orders["product_name"] if has_columns(orders, "product_name") else pd.NA
    frame = pd.DataFrame(
        {
            "product_id": orders["product_id"].astype("string"),
            "product_name": pd.Series(names, index=orders.index, dtype="string"),
            "month": month_ordinals(orders["order_date"]),
        }
    ).dropna(subset=["product_id"])
    first = frame.groupby(columns, sort=True, dropna=False)["month"].min().reset_index()
    return pd.DataFrame(
        {
            "product_id": first["product_id"].astype("string"),
            "product_name": first["product_name"].astype("string"),
            "first_sale": pd.PeriodIndex.from_ordinals(
                first["month"].to_numpy(dtype="int64"), freq="M"
            ),
        }
    )


def _first_by_key(company_first_sales: pd.DataFrame, by_name: bool) -> pd.Series:
    """The company's first sale (month ordinal) by product key: name (else code), or code."""
    codes = company_first_sales["product_id"].astype("string")
    keys = company_first_sales["product_name"].astype("string").fillna(codes) if by_name else codes
    months = pd.PeriodIndex(company_first_sales["first_sale"], freq="M").asi8
    first = pd.Series(months, index=keys.to_numpy(), dtype="float64")
    return first[first.index.notna()].groupby(level=0).min()


def _periods(ordinals: pd.Series) -> pd.PeriodIndex:
    """Monthly Periods of float month ordinals (NaN gives NaT)."""
    return pd.PeriodIndex(
        [pd.NaT if pd.isna(v) else pd.Period(ordinal=int(v), freq="M") for v in ordinals],
        freq="M",
    )


def product_launches(
    orders: pd.DataFrame,
    period: pd.Period,
    company_first_sales: pd.DataFrame | None = None,
    launch_dates: Mapping[str, pd.Period] | None = None,
    months: int = NEW_PRODUCT_MONTHS,
) -> pd.DataFrame:
    """Every product the orders sell by ``period``, with its launch and whether it is new.

    A product is known by its name (:func:`product_keys`). Its *launch* is the month that
    ``launch_dates`` (``params/defaults.yaml``, ``launches``) gives for it, else the month the
    company first sold it, except the company's first month of sales: a product sold from then
    on may have sold before the data begin, so its launch is unknown. A product is:

    - **new to the company** when it was launched in the ``months`` months ending ``period``;
    - **new to the region**, in a region's report, when it is not new to the company but the
      region first sold it in those months, after the company had first sold it elsewhere (and
      after the company's first month of sales).

    Args:
        orders: The report's order lines (a region's, or the company's).
        period: The reported month; later lines are left out.
        company_first_sales: The company's :func:`first_sales`, for a region's report; None when
            ``orders`` are the company's own. A product missing from it has an unknown first
            sale in the company (never new to the company, at most new to the region).
        launch_dates: Launch month by product name, overriding the first sale.
        months: How long a product stays new.

    Returns:
        Index ``product`` (names, sorted); columns ``first_here`` (first sale in ``orders``),
        ``first_sale`` (first sale in the company; NaT when unknown), ``launch`` (NaT when
        unknown), ``revenue`` (Σ net_revenue up to ``period``), ``new_to_company`` and
        ``new_to_region`` (booleans). Empty when the orders do not deliver ``product_id``.
    """
    columns = ["first_here", "first_sale", "launch", "revenue", "new_to_company", "new_to_region"]
    keys = product_keys(orders)
    keep = (orders["order_date"] <= period.end_time).to_numpy(dtype=bool)
    if keys is None or not keep.any():
        return pd.DataFrame(columns=columns, index=pd.Index([], dtype="string", name="product"))
    month = month_ordinals(orders["order_date"])
    lines = pd.DataFrame(
        {
            "product": keys.to_numpy()[keep],
            "month": month[keep],
            "revenue": orders["net_revenue"].to_numpy(dtype="float64", na_value=0.0)[keep],
        }
    ).dropna(subset=["product"])
    here = lines.groupby("product", sort=True).agg(
        first=("month", "min"), revenue=("revenue", "sum")
    )
    if company_first_sales is None:  # the company's own orders
        first = here["first"].astype("float64")
        start = float(month[keep].min())
    else:
        ordinals = _first_by_key(company_first_sales, has_columns(orders, "product_name"))
        first = ordinals.reindex(here.index)
        start = float(ordinals.min()) if len(ordinals) else float(month[keep].min())
    dates = {str(k): float(v.ordinal) for k, v in (launch_dates or {}).items()}
    launch = first.where(first > start)
    given = here.index.to_series().map(dates).astype("float64")
    launch = given.fillna(launch) if len(given) else launch
    lo, hi = period.ordinal - months, period.ordinal
    new_to_company = (launch > lo) & (launch <= hi)
    first_here = here["first"].astype("float64")
    new_to_region = (
        (company_first_sales is not None)
        & ~new_to_company
        & (first_here > lo)
        & (first_here > start)
        & ~(first_here <= first)  # first sold elsewhere before (or unknown elsewhere)
    )
    out = pd.DataFrame(
        {
            "first_here": _periods(first_here),
            "first_sale": _periods(first),
            "launch": _periods(launch),
            "revenue": here["revenue"].to_numpy(dtype="float64"),
            "new_to_company": new_to_company.to_numpy(dtype=bool),
            "new_to_region": new_to_region.to_numpy(dtype=bool),
        },
        index=here.index.astype("string").rename("product"),
    )
    return out[columns]


@dataclass(frozen=True)
class Launch:
    """A new product of the report.

    Attributes:
        product_name: The product's name (its code when the orders deliver no names).
        month: For a product new to the company, its launch month; for one new to the region,
            the month the region first sold it.
        new_to: ``"company"`` or ``"region"`` (:func:`product_launches`).
        sold_elsewhere_since: For a product new to the region, the month the company first
            sold it, in another region; None when that is not known, and for a product new to
            the company.
    """

    product_name: str
    month: pd.Period
    new_to: Literal["company", "region"] = "company"
    sold_elsewhere_since: pd.Period | None = None


def _latest(table: pd.DataFrame, flag: str, month: str) -> pd.Series | None:
    """The row of ``table`` flagged ``flag`` with the latest ``month``; ties: more revenue."""
    rows = table[table[flag]]
    if rows.empty:
        return None
    order = np.lexsort(
        (rows["revenue"].to_numpy(dtype="float64"), [p.ordinal for p in rows[month]])
    )
    return rows.iloc[order[-1]]


def latest_launch(
    orders: pd.DataFrame,
    period: pd.Period,
    company_first_sales: pd.DataFrame | None = None,
    launch_dates: Mapping[str, pd.Period] | None = None,
) -> Launch | None:
    """The product new to the company (:func:`product_launches`) launched last; the new product.

    Only products that the orders sell by ``period`` count; ties go to the one with more
    revenue. Arguments as in :func:`product_launches`.

    Returns:
        The :class:`Launch`, or None: no product new to the company sells in the orders, or
        the orders do not deliver ``product_id``.
    """
    table = product_launches(orders, period, company_first_sales, launch_dates)
    row = _latest(table, "new_to_company", "launch")
    return None if row is None else Launch(str(row.name), row["launch"])


def latest_regional_launch(
    orders: pd.DataFrame,
    period: pd.Period,
    company_first_sales: pd.DataFrame,
    launch_dates: Mapping[str, pd.Period] | None = None,
) -> Launch | None:
    """The product new to the region (:func:`product_launches`) the region sold first last.

    Ties go to the one with more revenue. Arguments as in :func:`product_launches`; the
    company's first sales are required (a region's report).

    Returns:
        The :class:`Launch` (``new_to="region"``) with ``month`` the region's first sale and
        ``sold_elsewhere_since`` the company's (None when unknown), or None.
    """
    table = product_launches(orders, period, company_first_sales, launch_dates)
    row = _latest(table, "new_to_region", "first_here")
    if row is None:
        return None
    elsewhere = None if pd.isna(row["first_sale"]) else row["first_sale"]
    return Launch(str(row.name), row["first_here"], "region", elsewhere)


def new_product_adoption(
    orders: pd.DataFrame, period: pd.Period, launch: Launch | None = None
) -> pd.DataFrame:
    """Monthly revenue share and buyers of a new product, from its ``month`` to ``period``.

    The product is every order line of its name (:func:`product_keys`), whatever its code.

    - ``share`` = the product's net revenue ÷ all net revenue of the month;
    - ``buyers`` = distinct customers buying it in the month;
    - ``adopters`` = distinct customers who have bought it by the month's end (cumulative).

    Args:
        orders: Order lines.
        period: Last month.
        launch: The product to follow; the :func:`latest_launch` of ``orders`` taken as the
            company's when None.

    Returns:
        Index ``month`` from the launch month to ``period`` (no gaps), columns ``revenue``,
        ``share``, ``buyers`` and ``adopters``; empty when there is no launch.
    """
    launch = launch or latest_launch(orders, period)
    columns = ["revenue", "share", "buyers", "adopters"]
    keys = product_keys(orders)
    if launch is None or keys is None:
        return pd.DataFrame(
            columns=columns, index=pd.PeriodIndex([], freq="M", name="month"), dtype="float64"
        )
    inside = (
        (orders["order_date"] >= launch.month.start_time)
        & (orders["order_date"] <= period.end_time)
    ).to_numpy(dtype=bool)
    rows = orders.loc[inside, ["order_date", "customer_id", "net_revenue"]]
    months = period.ordinal - launch.month.ordinal + 1
    slot = month_ordinals(rows["order_date"]) - launch.month.ordinal
    is_product = keys[inside].eq(launch.product_name).fillna(False).to_numpy(dtype=bool)
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


PRODUCT_KPIS = (
    "new_product",
    "new_product_launch",
    "new_product_share",
    "new_product_share_ly",
    "new_product_adopters",
)
"""The keys of :func:`product_kpis`."""


def product_kpis(
    orders: pd.DataFrame,
    period: pd.Period,
    company_first_sales: pd.DataFrame | None = None,
    launch_dates: Mapping[str, pd.Period] | None = None,
) -> dict[str, float | int | str | None]:
    """The product figures of the report's KPI record: the product new to the company.

    - ``new_product``: name of the :func:`latest_launch`, the product new to the company
      launched last among those the report's orders sell (None without one, as are the
      figures below; its code when the orders do not deliver ``product_name``). A product
      new to a region only is never the new product;
      ``new_product_launch``: its launch month (``YYYY-MM``);
    - ``new_product_share``: its share of the month's net revenue in ``period``;
      ``new_product_share_ly``: the same a year earlier (0 before the launch);
    - ``new_product_adopters``: distinct customers who have bought it by ``period``.

    Arguments as in :func:`product_launches`.
    """
    launch = latest_launch(orders, period, company_first_sales, launch_dates)
    if launch is None:
        return dict.fromkeys(PRODUCT_KPIS)
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
