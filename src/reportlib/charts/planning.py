"""Charts of the plan report: the three views per region, and the targets month by month."""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns

from reportlib.charts import (
    PALETTE,
    Chart,
    legend_below,
    money_axis,
    month_labels,
    month_ticks,
    new_axes,
)
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext, pgettext

VIEW_COLORS = {
    "top_down": "#8fb3d9",
    "bottom_up": "#5b5b5b",
    "potential": "#c9a227",
    "target": PALETTE["revenue"],
}


def view_label(view: str) -> str:
    """A view of the plan (``top_down``, ``bottom_up``, ``potential``, ``target``), as read."""
    return {
        "top_down": pgettext("plan view", "Top-down"),
        "bottom_up": pgettext("plan view", "Bottom-up"),
        "potential": pgettext("plan view", "Potential"),
        "target": pgettext("plan view", "Target"),
    }[view]


def views_chart(views: pd.DataFrame, names: list[str], fmt: Formatter) -> Chart:
    """Horizontal bars of each region's (or team's) three views and its blended target.

    Args:
        views: ``summary.region_views`` or ``summary.group_feasibility`` (``top_down``,
            ``bottom_up``, ``target``, and ``potential`` when known), in the report's currency;
            a view absent or all NaN is left out.
        names: The rows' names as the reader knows them, in ``views``' order.
        fmt: The report's formatter.
    """
    shown = [v for v in VIEW_COLORS if v in views.columns and views[v].notna().any()]
    rows = len(views)
    fig, ax = new_axes(height=0.5 + rows * (0.28 * len(shown) + 0.35) + 0.6)
    y = np.arange(rows)
    bar = 0.8 / len(shown)
    for i, view in enumerate(shown):
        ax.barh(
            y - 0.4 + bar * (i + 0.5),
            views[view].fillna(0.0).to_numpy(dtype="float64"),
            height=bar,
            color=VIEW_COLORS[view],
            label=view_label(view),
        )
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(money_axis(fmt))
    ax.set_xlim(0, max(1.0, float(np.nanmax(views[shown].to_numpy(dtype="float64"))) * 1.05))
    ax.set_xlabel(_("Plan year ({currency})").format(currency=fmt.currency))
    ax.tick_params(axis="x", labelrotation=30)
    legend_below(fig)
    largest = int(np.argmax(views["target"].to_numpy(dtype="float64")))
    alt = ngettext(
        "Bar chart of the plan's views for {count} row: the goal split by last year's share "
        "(top-down), the reps' capacity (bottom-up), the market it could reach (potential, "
        "when known) and the blended target, {target}.",
        "Bar chart of the plan's views for {count} rows: for each, the goal split by last "
        "year's share (top-down), the reps' capacity (bottom-up), the market it could reach "
        "(potential, when known) and the blended target. The largest target is {name}'s, "
        "{target}.",
        rows,
    ).format(
        count=fmt.number(rows),
        name=names[largest],
        target=fmt.rounded_money(float(views["target"].iloc[largest])),
    )
    return Chart(fig, alt)


def monthly_chart(monthly: pd.DataFrame, fmt: Formatter) -> Chart:
    """Stacked bars of each month's targets by region or team.

    Args:
        monthly: ``summary.monthly_targets`` (``PeriodIndex`` of months, a column per group,
            ``total``), in the report's currency.
        fmt: The report's formatter.
    """
    groups = [c for c in monthly.columns if c != "total"]
    fig, ax = new_axes()
    labels = month_labels(monthly.index, fmt)
    colors = sns.color_palette("colorblind", n_colors=max(len(groups), 1))
    bottom = np.zeros(len(monthly))
    for color, group in zip(colors, groups, strict=False):
        values = monthly[group].to_numpy(dtype="float64")
        ax.bar(labels, values, bottom=bottom, color=color, label=group)
        bottom = bottom + values
    ax.yaxis.set_major_formatter(money_axis(fmt))
    ax.set_ylim(0, max(1.0, float(bottom.max()) * 1.08))
    month_ticks(ax, labels)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel(_("Target ({currency})").format(currency=fmt.currency))
    if len(groups) > 1:
        legend_below(fig)
    totals = monthly["total"]
    alt = ngettext(
        "Bar chart of the targets of each month from {first} to {last}: {high} carries the "
        "most, {high_amount}; {low} the least, {low_amount}.",
        "Stacked bar chart of the targets of each month from {first} to {last}, by {count} "
        "groups: {high} carries the most, {high_amount}; {low} the least, {low_amount}.",
        len(groups),
    ).format(
        first=fmt.month(monthly.index[0]),
        last=fmt.month(monthly.index[-1]),
        count=fmt.number(len(groups)),
        high=fmt.month(totals.idxmax()),
        high_amount=fmt.rounded_money(float(totals.max())),
        low=fmt.month(totals.idxmin()),
        low_amount=fmt.rounded_money(float(totals.min())),
    )
    return Chart(fig, alt)


def hire_ramp_chart(hires: pd.DataFrame, months: pd.PeriodIndex, fmt: Formatter) -> Chart:
    """Each planned hire's monthly target over the plan year, rising as they ramp up.

    Args:
        hires: ``summary.hire_months`` of one region (not empty), targets in its currency.
        months: The plan year's months (``summary.plan_months``).
        fmt: The report's formatter.
    """
    fig, ax = new_axes()
    labels = month_labels(months, fmt)
    colors = sns.color_palette("colorblind", n_colors=hires["rep_id"].nunique())
    for color, (rep_id, rows) in zip(colors, hires.groupby("rep_id", sort=False), strict=True):
        values = rows.set_index("month")["target"].reindex(months)
        ax.plot(labels, values.to_numpy(dtype="float64"), color=color, marker="o", label=rep_id)
    ax.yaxis.set_major_formatter(money_axis(fmt))
    ax.set_ylim(0, max(1.0, float(hires["target"].max()) * 1.1))
    month_ticks(ax, labels)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel(_("Target ({currency})").format(currency=fmt.currency))
    legend_below(fig)
    first = hires.groupby("rep_id", sort=False).first()
    last = hires.groupby("rep_id", sort=False).last()
    rep_id = first.index[0]
    start, end = fmt.distinct_money(
        float(first.loc[rep_id, "target"]), float(last.loc[rep_id, "target"])
    )
    alt = _(
        "Line chart of each planned hire's monthly target: {rep}'s goes from {start} in "
        "{first} to {end} in {last}, growing with their ramp and following the season."
    ).format(
        rep=rep_id,
        start=start,
        first=fmt.month(first.loc[rep_id, "month"]),
        end=end,
        last=fmt.month(last.loc[rep_id, "month"]),
    )
    return Chart(fig, alt)
