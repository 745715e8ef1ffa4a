"""Charts of the service section: ticket volume and backlog, backlog age, SLA by priority."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from reportlib.analysis import service
from reportlib.analysis.service_statements import priority_label
from reportlib.charts import (
    PALETTE,
    Chart,
    legend_below,
    month_labels,
    month_ticks,
    new_axes,
    number_axis,
    pct_axis,
)
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext


def volume_backlog(trend: pd.DataFrame, fmt: Formatter) -> Chart:
    """Bars of tickets opened each month, with the backlog at each month's end as a line.

    Args:
        trend: :func:`reportlib.analysis.service.trend` (``tickets``, ``backlog``).
        fmt: Formatter of the report.
    """
    fig, ax = new_axes()
    labels = month_labels(trend.index, fmt)
    ax.bar(labels, trend["tickets"].fillna(0.0), color=PALETTE["revenue"], label=_("Opened"))
    ax.plot(
        labels,
        trend["backlog"],
        color=PALETTE["bad"],
        marker="o",
        label=_("Open at month end (backlog)"),
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(number_axis(fmt))
    ax.set_ylim(0, max(ax.get_ylim()[1], 1.0))
    month_ticks(ax, labels)
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylabel(_("Support tickets"))
    legend_below(fig)
    alt = _(
        "Bar chart of support tickets opened each month from {first} to {last}, with the backlog "
        "at each month's end as a line: {opened} opened in {last} and {backlog} open at its end, "
        "against {backlog_first} at the end of {first}."
    ).format(
        first=fmt.month(trend.index[0]),
        last=fmt.month(trend.index[-1]),
        opened=fmt.number(trend["tickets"].iloc[-1]),
        backlog=fmt.number(trend["backlog"].iloc[-1]),
        backlog_first=fmt.number(trend["backlog"].iloc[0]),
    )
    return Chart(fig, alt)


def backlog_age(ages: pd.DataFrame, fmt: Formatter) -> Chart:
    """Horizontal bars of the open tickets by age, youngest on top, labelled with the count.

    Args:
        ages: :func:`reportlib.analysis.service.backlog_ages`.
        fmt: Formatter of the report.
    """
    names = [service.service_label(label) for label in ages.index]
    counts = ages["tickets"].astype("float64")
    fig, ax = new_axes(height=0.45 * len(ages) + 1.2)
    y = np.arange(len(ages))
    ax.barh(y, counts, color=PALETTE["revenue"])
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    for row, value in zip(y, counts, strict=True):
        ax.text(value, row, f" {fmt.number(value)}", va="center", ha="left")
    ax.set_xlim(0, max(1.0, float(counts.max()) * 1.2))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # tickets are whole
    ax.xaxis.set_major_formatter(number_axis(fmt))
    ax.set_xlabel(_("Open tickets"))
    total = counts.sum()
    old = counts.iloc[3:].sum()  # 7 days and older (service.AGE_BUCKETS)
    alt = ngettext(
        "Horizontal bar chart of the {total} ticket open at the month's end by age; open for "
        "more than 7 days: {old}.",
        "Horizontal bar chart of the {total} tickets open at the month's end by age; {old} of "
        "them were open for more than 7 days.",
        total,
    ).format(total=fmt.number(total), old=fmt.number(old))
    return Chart(fig, alt)


def breach_by_priority(table: pd.DataFrame, fmt: Formatter) -> Chart:
    """Horizontal bars of the SLA breach rate of each priority, the overall rate as a line.

    Args:
        table: :func:`reportlib.analysis.service.sla_breach_by_priority`.
        fmt: Formatter of the report.
    """
    rows = table.drop(index=service.ALL_PRIORITIES)
    rates = rows["breach_rate"].astype("float64")
    overall = float(table.loc[service.ALL_PRIORITIES, "breach_rate"])
    fig, ax = new_axes(height=0.45 * len(rows) + 1.4)
    y = np.arange(len(rows))
    ax.barh(y, rates.fillna(0.0), color=PALETTE["bad"])
    ax.set_yticks(y, [priority_label(p) for p in rows.index])
    ax.invert_yaxis()
    for row, value in zip(y, rates, strict=True):
        if pd.notna(value):
            ax.text(value, row, f" {fmt.pct(value, 0)}", va="center", ha="left")
    if pd.notna(overall):
        ax.axvline(overall, color=PALETTE["target"], linestyle="--", label=_("All priorities"))
        fig.legend(loc="outside lower center", frameon=False)
    top = float(np.nanmax([*rates.to_numpy(dtype="float64"), overall, 0.01]))
    ax.set_xlim(0, top * 1.25)
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(_("Tickets that missed an SLA target"))
    alt = _(
        "Horizontal bar chart of the SLA breach rate by ticket priority in the month; all "
        "priorities together: {overall}."
    ).format(overall=fmt.pct(overall))
    return Chart(fig, alt)
