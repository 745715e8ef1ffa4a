"""Charts of the channels, verticals and products section: mix shift and new-product adoption."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.charts import (
    MOST_AXIS_TICKS,
    PALETTE,
    Chart,
    month_ticks,
    new_axes,
    pct_axis,
    points_axis,
    themed,
)
from reportlib.formatting import Formatter
from reportlib.i18n import ngettext

_COLOURS = sns.color_palette("colorblind")
UP, DOWN = _COLOURS[0], _COLOURS[1]  # blue and orange: distinct for every colour vision


def _empty(message: str) -> Chart:
    fig, ax = new_axes(height=2.0)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return Chart(fig, message)


def _label(key: object) -> str:
    if isinstance(key, tuple):
        return f"{str(key[0]).capitalize()}: {key[1]}"
    return str(key)


def _comparable(mix: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``mix`` in dimensions with enough groups sold to compare.

    A group is sold when its revenue (this month or a year earlier) is above zero; a frame
    without revenue columns counts every row.

    Raises:
        ValueError: when no dimension keeps at least ``MIN_MEMBERS`` groups.
    """
    revenue = [c for c in ("revenue", "revenue_ly") if c in mix.columns]
    sold = mix[mix[revenue].gt(0).any(axis=1)] if revenue else mix
    if isinstance(mix.index, pd.MultiIndex):
        dims, groups = sold.index.get_level_values(0), sold.index.get_level_values(1)
        kept = [d for d in dims.unique() if comparable(list(groups[dims == d]))]
        mix = mix[mix.index.get_level_values(0).isin(kept)]
    elif not comparable(list(sold.index)):
        mix = mix.iloc[:0]
    if mix.empty:
        raise ValueError(
            f"a mix-shift chart compares at least {MIN_MEMBERS} groups sold in a dimension; "
            "show analysis.products.mix_too_few instead"
        )
    return mix


def mix_shift_bars(mix: pd.DataFrame, fmt: Formatter, period: pd.Period) -> Chart:
    """Horizontal bars of each group's change in revenue share against a year earlier.

    A dimension with fewer than ``analysis.comparisons.MIN_MEMBERS`` groups sold in either
    month is left out: its one group holds 100% of revenue in both months and shifts by 0
    (``analysis.products.mix_too_few`` gives the sentence to show instead).

    Args:
        mix: Output of ``analysis.products.revenue_mix`` (several dimensions) or ``mix_by``.
        fmt: Formatter of the report.
        period: The reported month.

    Raises:
        ValueError: when no dimension is left to compare (give only comparable dimensions:
            ``analysis.products.comparable_mix_columns``).
    """
    data = mix[mix["mix_shift"].notna()]
    if data.empty:
        return _empty(
            f"Mix shift: no revenue to compare in {fmt.month(period)} and {fmt.month(period - 12)}."
        )
    data = _comparable(data)
    if isinstance(data.index, pd.MultiIndex):
        order = data.index.get_level_values(0).unique()
        data = pd.concat([data.loc[[d]].sort_values("mix_shift", ascending=False) for d in order])
    else:
        data = data.sort_values("mix_shift", ascending=False)
    labels = [_label(k) for k in data.index]
    shift = data["mix_shift"].astype("float64")
    points = fmt.points
    fig, ax = new_axes(height=0.32 * len(data) + 1.4)
    with themed():
        ax.barh(labels, shift, color=[UP if v >= 0 else DOWN for v in shift])
    ax.invert_yaxis()
    ax.axvline(0, color=PALETTE["target"], linewidth=0.8)
    for y, value in enumerate(shift):
        # a loss is labelled right of 0, clear of the group names (as the ROMI chart does)
        ax.text(max(value, 0.0), y, f" {points(value)}", va="center", ha="left")
    span = max(0.01, float(shift.abs().max()))
    low, high = float(min(shift.min(), 0.0)), float(max(shift.max(), 0.0))
    ax.set_xlim(low * 1.1 if low < 0 else -0.1 * span, high + 0.8 * span)  # room for labels
    ax.xaxis.set_major_locator(MaxNLocator(MOST_AXIS_TICKS))
    ax.xaxis.set_major_formatter(points_axis(fmt))
    ax.set_xlabel(
        f"Change in share of net revenue, {fmt.month(period - 12)} to {fmt.month(period)}"
    )
    gain, loss = shift.idxmax(), shift.idxmin()
    dims = (
        list(data.index.get_level_values(0).unique())
        if isinstance(data.index, pd.MultiIndex)
        else [str(data.index.name or "group")]
    )
    alt = (
        f"Horizontal bar chart of the change in each group's share of net revenue from "
        f"{fmt.month(period - 12)} to {fmt.month(period)}, in percentage points, by "
        f"{', '.join(dims)}. Largest gain: {_label(gain)}, {points(shift[gain])} to "
        f"{fmt.pct(data.loc[gain, 'share'])}; largest loss: {_label(loss)}, "
        f"{points(shift[loss])} to {fmt.pct(data.loc[loss, 'share'])}."
    )
    return Chart(fig, alt)


def adoption_line(
    adoption: pd.DataFrame,
    fmt: Formatter,
    product: str | None,
    new_to: Literal["company", "region"] = "company",
) -> Chart:
    """Line of a new product's share of monthly net revenue since its launch.

    Args:
        adoption: Output of ``analysis.products.new_product_adoption``.
        fmt: Formatter of the report.
        product: The product's name (``analysis.products.Launch.product_name``).
        new_to: ``"company"``: the series starts at its launch; ``"region"``: at the region's
            first sale of a product sold elsewhere before (``Launch.new_to``).
    """
    if adoption.empty or product is None:
        return _empty("New product adoption: no product is new in the months shown.")
    share = adoption["share"].astype("float64")
    months = [p.strftime("%b %y") for p in adoption.index]
    fig, ax = new_axes()
    with themed():
        ax.plot(months, share, marker="o", color=PALETTE["revenue"], label=product)
    ax.set_ylim(0, max(0.01, float(share.max())) * 1.15)
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    month_ticks(ax, months)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel("Share of net revenue")
    first, last = adoption.index[0], adoption.index[-1]
    peak = share.idxmax()
    adopters = int(adoption["adopters"].iloc[-1])
    values = {
        "product": product,
        "first": fmt.month(first),
        "first_share": fmt.pct(share.iloc[0]),
        "last": fmt.month(last),
        "last_share": fmt.pct(share.iloc[-1]),
        "peak": fmt.month(peak),
        "peak_share": fmt.pct(share[peak]),
        "adopters": fmt.number(adopters),
    }
    line = (
        "Line chart of the share of monthly net revenue brought by {product}, new to the "
        "company, from its launch in {first}: {first_share} in {first}, {last_share} in "
        "{last}, highest {peak_share} in {peak}."
        if new_to == "company"
        else "Line chart of the share of monthly net revenue brought by {product}, new to the "
        "region, from its first sale here in {first}: {first_share} in {first}, {last_share} "
        "in {last}, highest {peak_share} in {peak}."
    )
    buyers = ngettext(
        "{adopters} customer has bought it.", "{adopters} customers have bought it.", adopters
    )
    return Chart(fig, f"{line} {buyers}".format(**values))
