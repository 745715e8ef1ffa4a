"""Charts of the targets-and-revenue and profitability sections."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from reportlib.charts import (
    PALETTE,
    Chart,
    legend_below,
    money_axis,
    month_labels,
    month_ticks,
    new_axes,
    pct_axis,
)
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

REVENUE_ALT = N_(
    "Bar chart of monthly net revenue from {first} to {last}, with the target as a dashed line. "
    "{last}: {revenue} against a target of {target}."
)
REVENUE_ALT_NO_TARGET = N_(
    "Bar chart of monthly net revenue from {first} to {last}, with the target as a dashed line "
    "where there is one. {last}: {revenue}, without a target."
)


def revenue_vs_target(frame: pd.DataFrame, fmt: Formatter) -> Chart:
    """Bars of monthly revenue with the target as a dashed line.

    Args:
        frame: Output of ``analysis.revenue.revenue_vs_target``.
        fmt: Formatter of the report.
    """
    fig, ax = new_axes()
    labels = month_labels(frame.index, fmt)
    ax.bar(labels, frame["revenue"], color=PALETTE["revenue"], label=_("Revenue"))
    if frame["target"].notna().any():
        ax.plot(
            labels,
            frame["target"],
            color=PALETTE["target"],
            linestyle="--",
            marker="o",
            label=_("Target"),
        )
    ax.yaxis.set_major_formatter(money_axis(fmt))
    _money_limits(ax, frame[["revenue", "target"]].to_numpy(dtype="float64"))
    month_ticks(ax, labels)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_xlabel("")
    ax.set_ylabel(_("Net revenue ({currency})").format(currency=fmt.currency))
    legend_below(fig)
    last = frame.iloc[-1]
    has_target = pd.notna(last["target"])
    revenue, target = (  # side by side in one sentence: told apart
        fmt.distinct_money(last["revenue"], last["target"])
        if has_target
        else (fmt.rounded_money(last["revenue"]), None)
    )
    values = {
        "first": fmt.month(frame.index[0]),
        "last": fmt.month(frame.index[-1]),
        "revenue": revenue,
        "target": target,
    }
    template = REVENUE_ALT if has_target else REVENUE_ALT_NO_TARGET
    return Chart(fig, _(template).format(**values))


def _money_limits(ax: Axes, values: np.ndarray) -> None:
    """A value axis from 0 (or the lowest negative value) up, at least one currency unit high.

    A series that never goes below 0 gets no negative ticks, and one of zeros or crumbs still
    gets ticks that read differently.
    """
    known = values[~np.isnan(values)]
    low = float(known.min()) if known.size else 0.0
    bottom = ax.get_ylim()[0] if low < 0 else 0.0
    ax.set_ylim(bottom, max(ax.get_ylim()[1], bottom + 1.0))


def margin_bars(frame: pd.DataFrame, fmt: Formatter, label: str) -> Chart:
    """Horizontal bars of gross margin % by group, labelled with the value.

    A negative margin is a bar left of 0 (the axis always holds 0 and every bar), with its
    label on the bar's left.

    Args:
        frame: Output of ``analysis.revenue.margin_by``.
        fmt: Formatter of the report.
        label: What the groups are, in the report's language (``Channel``): the axis title,
            and in lower case in the alt text.
    """
    data = frame.sort_values("gross_margin_pct")
    fig, ax = new_axes(height=0.45 * len(data) + 1.2)
    margin = data["gross_margin_pct"].astype("float64")
    colours = [PALETTE["bad"] if v < 0 else PALETTE["revenue"] for v in margin]
    ax.barh(data.index.astype(str), margin.fillna(0.0), color=colours)
    for y, value in enumerate(margin):
        if pd.notna(value):
            right = value >= 0
            text = f" {fmt.pct(value)} " if right else f"{fmt.pct(value)} "
            ax.text(value, y, text, va="center", ha="left" if right else "right")
    ax.axvline(0, color=PALETTE["target"], linewidth=0.8)
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    low, high = min(0.0, float(margin.min())), max(0.0, float(margin.max()))
    reach = max(0.01, high - low)
    ax.set_xlim(low - (0.22 * reach if low < 0 else 0.0), high + 0.18 * reach)
    ax.set_xlabel(_("Gross margin %"))
    ax.set_ylabel(label)
    low, high = data.iloc[0], data.iloc[-1]
    alt = _(
        "Horizontal bar chart of gross margin % by {groups}: from {lowest} at {low} to "
        "{highest} at {high}."
    ).format(
        groups=label.lower(),
        lowest=data.index[0],
        low=fmt.pct(low["gross_margin_pct"]),
        highest=data.index[-1],
        high=fmt.pct(high["gross_margin_pct"]),
    )
    return Chart(fig, alt)
