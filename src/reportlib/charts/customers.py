"""Charts of the customers section: cohort heatmap, active customers, revenue bridge."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import seaborn as sns

from reportlib.analysis.customers import MOVED_STEP, RECENT_WINDOW_MONTHS, headline_fall
from reportlib.charts import (
    PALETTE,
    WATERFALL_ROW,
    Chart,
    legend_below,
    month_labels,
    month_ticks,
    new_axes,
    number_axis,
    pct_axis,
    quarter_label,
    themed,
    waterfall,
)
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext, pgettext

HEATMAP_CMAP = "cividis"
"""Sequential colour map of the cohort heatmap, designed to read the same with colour blindness."""
LINE_COLOURS = sns.color_palette("colorblind")
"""Qualitative colours of several lines (seaborn's colour-blind-safe palette)."""
UP, DOWN = LINE_COLOURS[0], LINE_COLOURS[1]  # blue and orange: distinct for every colour vision
BRIDGE_STEP_LABELS: dict[str, Callable[[], str]] = {  # step of the bridge -> its bar's label
    "Starting revenue": lambda: _("Starting revenue"),
    "New customers": lambda: pgettext("customers", "New"),
    "Returning customers": lambda: pgettext("customers", "Returning"),
    "Expansion": lambda: _("Expansion"),
    "Contraction": lambda: _("Contraction"),
    MOVED_STEP: lambda: _("Moved to another region"),
    "Churned customers": lambda: pgettext("customers", "Churned"),
    "Ending revenue": lambda: _("Ending revenue"),
}
"""The bar of each step of ``analysis.customers.revenue_bridge`` (the data's steps stay English),
looked up when drawn."""
GROUPINGS = {
    "region": N_("region"),
    "region_id": N_("region"),
    "segment": N_("segment"),
    "channel": N_("channel"),
    "industry": N_("industry"),
}
"""What the lines of the active-customers chart are, by the name of the frame's columns."""
FALL_ALT = {  # (several lines, a year earlier known): the sentence on the headline fall
    (True, True): N_(
        "Steepest recent three-month fall: {who}, {change} from {before} in {start} to {after} "
        "in {end} (shaded), against {change_ly} over the same months a year earlier."
    ),
    (False, True): N_(
        "Steepest recent three-month fall: {change} from {before} in {start} to {after} in "
        "{end} (shaded), against {change_ly} over the same months a year earlier."
    ),
    (True, False): N_(
        "Steepest recent three-month fall (the data do not reach a year earlier): {who}, "
        "{change} from {before} in {start} to {after} in {end} (shaded)."
    ),
    (False, False): N_(
        "Steepest recent three-month fall (the data do not reach a year earlier): {change} "
        "from {before} in {start} to {after} in {end} (shaded)."
    ),
}
BRIDGE_STEP_WORDS = {  # the same step in the alt text's list of changes
    "New customers": N_("new customers {change}"),
    "Returning customers": N_("returning customers {change}"),
    "Expansion": N_("expansion {change}"),
    "Contraction": N_("contraction {change}"),
    MOVED_STEP: N_("moved to another region {change}"),
    "Churned customers": N_("churned customers {change}"),
}


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
            fmt, _("Cohort heatmap: no customer made a first purchase in the quarters shown.")
        )
    labels = np.vectorize(lambda v: "" if pd.isna(v) else fmt.pct(v, 0), otypes=[object])(
        matrix.to_numpy(dtype="float64")
    )
    rows = [
        _quarter(c, fmt) if sizes is None else f"{_quarter(c, fmt)} ({fmt.number(sizes.get(c, 0))})"
        for c in matrix.index
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
            cbar_kws={"format": pct_axis(fmt), "label": _("Share of the cohort buying")},
        )
    ax.set_xlabel(_("Quarters since first purchase"))
    ax.set_ylabel(
        _("Quarter of first purchase")
        if sizes is None
        else _("Quarter of first purchase (customers)")
    )
    ax.tick_params(axis="y", labelrotation=0)
    first, last = matrix.index[0], matrix.index[-1]
    after = {
        k: fmt.pct(matrix[k].mean())
        for k in (1, 4)
        if k in matrix.columns and matrix[k].notna().any()
    }
    alt = ngettext(
        "Heatmap of the share of new customers who bought in each quarter after their first "
        "purchase, for {n} quarterly cohort of customers who first bought between {first} and "
        "{last}.",
        "Heatmap of the share of new customers who bought in each quarter after their first "
        "purchase, for {n} quarterly cohorts of customers who first bought between {first} and "
        "{last}.",
        len(matrix),
    ).format(
        n=fmt.number(len(matrix)),
        first=fmt.month(first.asfreq("M", "start")),
        last=fmt.month(last.asfreq("M", "end")),
    )
    if 1 in after and 4 in after:
        alt += " " + _(
            "On average over the cohorts, {next} bought in the next quarter and {fourth} four "
            "quarters after the first."
        ).format(next=after[1], fourth=after[4])
    elif 1 in after:
        alt += " " + _("On average over the cohorts, {next} bought in the next quarter.").format(
            next=after[1]
        )
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
        return _empty(fmt, _("Active customers: no orders in the months shown."))
    names = names or {}
    label = {
        c: names.get(c, _("Customers") if c == "customers" else str(c)) for c in active.columns
    }
    months = month_labels(active.index, fmt)
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
    ax.set_ylabel(
        ngettext("Customers buying in {n} month", "Customers buying in {n} months", window).format(
            n=fmt.number(window)
        )
    )
    if len(active.columns) > 1:
        legend_below(fig)
    last = active.index[-1]
    latest = (
        ", ".join(f"{label[c]} {fmt.number(active.loc[last, c])}" for c in active.columns)
        if len(active.columns) > 1
        else ngettext("{n} customer", "{n} customers", float(active.iloc[-1, 0])).format(
            n=fmt.number(active.iloc[-1, 0])
        )
    )
    spans = {"n": fmt.number(window), "first": fmt.month(active.index[0]), "last": fmt.month(last)}
    if len(active.columns) > 1 and active.columns.name:
        alt = ngettext(
            "Line chart of active customers (customers who bought in the trailing {n} month) "
            "each month by {by} from {first} to {last}.",
            "Line chart of active customers (customers who bought in the trailing {n} months) "
            "each month by {by} from {first} to {last}.",
            window,
        ).format(by=_grouping(str(active.columns.name)), **spans)
    else:
        alt = ngettext(
            "Line chart of active customers (customers who bought in the trailing {n} month) "
            "each month from {first} to {last}.",
            "Line chart of active customers (customers who bought in the trailing {n} months) "
            "each month from {first} to {last}.",
            window,
        ).format(**spans)
    alt += " " + _("{month}: {latest}.").format(month=fmt.month(last), latest=latest)
    if drop is not None:
        several = len(active.columns) > 1
        values = {
            "who": label[drop["group"]] if several else "",
            "change": fmt.signed_pct(drop["change"]),
            "before": fmt.number(drop["before"]),
            "start": fmt.month(drop["start"]),
            "after": fmt.number(drop["after"]),
            "end": fmt.month(drop["end"]),
            "change_ly": fmt.signed_pct(drop["change_ly"]),
        }
        known_ly = drop["change_ly"] is not None
        alt += " " + _(FALL_ALT[several, known_ly]).format(**values)
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
    labels = [BRIDGE_STEP_LABELS[s]() if s in BRIDGE_STEP_LABELS else str(s) for s in bridge.index]
    fig, ax = new_axes(height=WATERFALL_ROW * len(labels) + 1.0)
    texts = [fmt.money(value, compact=True) for value in amount]
    with themed():
        waterfall(ax, labels, bottoms, heights, colours, texts, fmt)
    ax.set_xlabel(_("Net revenue, 12 months ({currency})").format(currency=fmt.currency))
    rounded = fmt.distinct_money(*amount)  # the steps of one sentence, told apart
    parts = "; ".join(
        _(BRIDGE_STEP_WORDS[step]).format(change=_signed(text, v))
        if step in BRIDGE_STEP_WORDS
        else f"{step} {_signed(text, v)}"
        for step, v, text in zip(steps.index, steps, rounded[1:-1], strict=True)
    )
    alt = _(
        "Waterfall chart from net revenue of the 12 months to {before}, {start}, to the 12 "
        "months to {month}, {end}: {steps}."
    ).format(
        before=fmt.month(period - 12),
        start=rounded[0],
        month=fmt.month(period),
        end=rounded[-1],
        steps=parts,
    )
    return Chart(fig, alt)


def _quarter(cohort: object, fmt: Formatter) -> str:
    """A quarterly cohort as the heatmap labels it (``T4 2024`` in pt_BR); anything else as is."""
    return quarter_label(cohort, fmt) if isinstance(cohort, pd.Period) else str(cohort)


def _grouping(column: str) -> str:
    """What a column of groups is, in the report's language (``region_id`` → "region")."""
    return _(GROUPINGS[column]) if column in GROUPINGS else column


def _signed(text: str, value: float) -> str:
    """A change written by ``Formatter.distinct_money`` with its sign: ``+$1.2M``, ``−$1.2M``.

    ``distinct_money`` already writes a fall with U+2212; a rise gets ``+``; a change that
    reads as zero (``$0``) gets no sign, as in ``Formatter.signed_money``.
    """
    if value > 0 and any(ch.isdigit() and ch != "0" for ch in text):
        return "+" + text
    return text
