"""Charts of the customers section: cohort heatmap, active customers, revenue bridge."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import seaborn as sns

from reportlib.analysis.customers import RECENT_WINDOW_MONTHS, headline_fall
from reportlib.charts import (
    PALETTE,
    WATERFALL_ROW,
    Chart,
    month_ticks,
    new_axes,
    number_axis,
    pct_axis,
    themed,
    waterfall,
)
from reportlib.formatting import Formatter
from reportlib.i18n import ngettext

HEATMAP_CMAP = "cividis"
"""Sequential colour map of the cohort heatmap, designed to read the same with colour blindness."""
LINE_COLOURS = sns.color_palette("colorblind")
"""Qualitative colours of several lines (seaborn's colour-blind-safe palette)."""
UP, DOWN = LINE_COLOURS[0], LINE_COLOURS[1]  # blue and orange: distinct for every colour vision


def _empty(fmt: Formatter, message: str) -> Chart:
    fig, ax = new_axes(height=2.0)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return Chart(fig, message)


def cohort_heatmap(matrix: pd.DataFrame, fmt: Formatter, sizes: pd.Series | None = None) -> Chart:
    """Heatmap of the share of each quarterly cohort buying in each later quarter.

    Args:
        matrix: Output of ``analysis.customers.cohort_retention``.
        fmt: Formatter of the report.
        sizes: Output of ``analysis.customers.cohort_sizes``, shown beside the cohort labels.
    """
    if matrix.empty or matrix.isna().all().all():
        return _empty(
            fmt, "Cohort heatmap: no customer made a first purchase in the quarters shown."
        )
    labels = np.vectorize(lambda v: "" if pd.isna(v) else fmt.pct(v, 0), otypes=[object])(
        matrix.to_numpy(dtype="float64")
    )
    rows = [
        str(c) if sizes is None else f"{c} ({fmt.number(sizes.get(c, 0))})" for c in matrix.index
    ]
    fig, ax = new_axes(height=0.42 * len(matrix) + 1.6)
    with themed():
        sns.heatmap(
            matrix.set_axis(rows, axis=0),
            ax=ax,
            annot=labels,
            fmt="",
            cmap=HEATMAP_CMAP,
            vmin=0,
            vmax=1,
            linewidths=0.5,
            cbar_kws={"format": pct_axis(fmt), "label": "Share of the cohort buying"},
        )
    ax.set_xlabel("Quarters since first purchase")
    ax.set_ylabel("Quarter of first purchase" + ("" if sizes is None else " (customers)"))
    ax.tick_params(axis="y", labelrotation=0)
    first, last = matrix.index[0], matrix.index[-1]
    after = {
        k: fmt.pct(matrix[k].mean())
        for k in (1, 4)
        if k in matrix.columns and matrix[k].notna().any()
    }
    alt = (
        f"Heatmap of the share of new customers who bought in each quarter after their first "
        f"purchase, for {len(matrix)} quarterly cohorts of customers who first bought between "
        f"{fmt.month(first.asfreq('M', 'start'))} and {fmt.month(last.asfreq('M', 'end'))}."
    )
    if 1 in after:
        alt += f" On average over the cohorts, {after[1]} bought in the next quarter"
        alt += f" and {after[4]} four quarters after the first." if 4 in after else "."
    return Chart(fig, alt)


def active_customers_line(
    active: pd.DataFrame,
    fmt: Formatter,
    names: Mapping[str, str] | None = None,
    window: int = RECENT_WINDOW_MONTHS,
) -> Chart:
    """Lines of the number of active customers each month, one per group.

    The headline fall (``analysis.customers.headline_fall``: the steepest three-month fall
    ending in the last three months and deeper than the same months' a year earlier) is shaded
    and named in the alt text; a seasonal or old fall is not.

    Args:
        active: Output of ``analysis.customers.monthly_active_customers``.
        fmt: Formatter of the report.
        names: Display names of the groups (e.g. region id -> region name).
        window: The activity window of ``active`` in months, for the wording.
    """
    if active.empty:
        return _empty(fmt, "Active customers: no orders in the months shown.")
    names = names or {}
    label = {c: names.get(c, "Customers" if c == "customers" else str(c)) for c in active.columns}
    months = [p.strftime("%b %y") for p in active.index]
    fig, ax = new_axes()
    with themed():
        for colour, column in zip(LINE_COLOURS, active.columns, strict=False):
            ax.plot(
                months, active[column], marker="o", markersize=3, color=colour, label=label[column]
            )
    drop = headline_fall(active)
    if drop is not None:
        start = active.index.get_loc(drop["start"])
        end = active.index.get_loc(drop["end"])
        ax.axvspan(start, end, color=PALETTE["target"], alpha=0.12, linewidth=0)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(number_axis(fmt))
    month_ticks(ax, months)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel(f"Customers buying in {window} month{'s' if window > 1 else ''}")
    if len(active.columns) > 1:
        fig.legend(loc="outside lower center", frameon=False, ncols=2)
    last = active.index[-1]
    latest = (
        ", ".join(f"{label[c]} {fmt.number(active.loc[last, c])}" for c in active.columns)
        if len(active.columns) > 1
        else ngettext("{n} customer", "{n} customers", float(active.iloc[-1, 0])).format(
            n=fmt.number(active.iloc[-1, 0])
        )
    )
    by = f" by {active.columns.name}" if len(active.columns) > 1 and active.columns.name else ""
    alt = (
        f"Line chart of active customers (customers who bought in the trailing {window} "
        f"month{'s' if window > 1 else ''}) each month{by} from {fmt.month(active.index[0])} to "
        f"{fmt.month(last)}. {fmt.month(last)}: {latest}."
    )
    if drop is not None:
        who = f"{label[drop['group']]}, " if len(active.columns) > 1 else ""
        values = {
            "who": who,
            "change": fmt.signed_pct(drop["change"]),
            "before": fmt.number(drop["before"]),
            "start": fmt.month(drop["start"]),
            "after": fmt.number(drop["after"]),
            "end": fmt.month(drop["end"]),
            "change_ly": fmt.signed_pct(drop["change_ly"]),
        }
        template = (
            " Steepest recent three-month fall: {who}{change} from {before} in {start} to "
            "{after} in {end} (shaded), against {change_ly} over the same months a year earlier."
            if drop["change_ly"] is not None
            else " Steepest recent three-month fall (the data do not reach a year earlier): "
            "{who}{change} from {before} in {start} to {after} in {end} (shaded)."
        )
        alt += template.format(**values)
    return Chart(fig, alt)


def bridge_waterfall(bridge: pd.DataFrame, fmt: Formatter, period: pd.Period) -> Chart:
    """Waterfall from the revenue of the previous 12 months to that of the last 12 months.

    Args:
        bridge: Output of ``analysis.customers.revenue_bridge`` (12-month windows).
        fmt: Formatter of the report.
        period: The reported month (end of the current window).
    """
    amount = bridge["amount"].astype("float64")
    steps = amount.iloc[1:-1]
    running = amount.iloc[0] + steps.cumsum()
    # a rise starts at the running total before it, a fall at the running total after it
    bottoms = [0.0, *np.minimum(running - steps, running).tolist(), 0.0]
    heights = [amount.iloc[0], *steps.abs().tolist(), amount.iloc[-1]]
    colours = [PALETTE["target"], *(UP if v >= 0 else DOWN for v in steps), PALETTE["target"]]
    labels = [s.replace(" customers", "").replace(" revenue", "") for s in bridge.index]
    fig, ax = new_axes(height=WATERFALL_ROW * len(labels) + 1.0)
    texts = [fmt.money(value, compact=True) for value in amount]
    with themed():
        waterfall(ax, labels, bottoms, heights, colours, texts, fmt)
    ax.set_xlabel(f"Net revenue, 12 months ({fmt.currency})")
    rounded = fmt.distinct_money(*amount)  # the steps of one sentence, told apart
    parts = "; ".join(
        f"{step.lower()} {_signed(text, v)}"
        for step, v, text in zip(steps.index, steps, rounded[1:-1], strict=True)
    )
    alt = (
        f"Waterfall chart from net revenue of the 12 months to {fmt.month(period - 12)}, "
        f"{rounded[0]}, to the 12 months to {fmt.month(period)}, "
        f"{rounded[-1]}: {parts}."
    )
    return Chart(fig, alt)


def _signed(text: str, value: float) -> str:
    """A change written by ``Formatter.distinct_money`` with its sign: ``+$1.2M``, ``−$1.2M``.

    ``distinct_money`` already writes a fall with U+2212; a rise gets ``+``; a change that
    reads as zero (``$0``) gets no sign, as in ``Formatter.signed_money``.
    """
    if value > 0 and any(ch.isdigit() and ch != "0" for ch in text):
        return "+" + text
    return text
