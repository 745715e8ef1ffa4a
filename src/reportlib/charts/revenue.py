"""Charts of the targets-and-revenue and profitability sections."""

from __future__ import annotations

import pandas as pd

from reportlib.charts import PALETTE, Chart, money_axis, new_axes, pct_axis
from reportlib.formatting import Formatter


def revenue_vs_target(frame: pd.DataFrame, fmt: Formatter) -> Chart:
    """Bars of monthly revenue with the target as a dashed line.

    Args:
        frame: Output of ``analysis.revenue.revenue_vs_target``.
        fmt: Formatter of the report.
    """
    fig, ax = new_axes()
    labels = [p.strftime("%b %y") for p in frame.index]
    ax.bar(labels, frame["revenue"], color=PALETTE["revenue"], label="Revenue")
    if frame["target"].notna().any():
        ax.plot(
            labels,
            frame["target"],
            color=PALETTE["target"],
            linestyle="--",
            marker="o",
            label="Target",
        )
    ax.yaxis.set_major_formatter(money_axis(fmt))
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_xlabel("")
    ax.set_ylabel(f"Net revenue ({fmt.currency})")
    ax.legend(loc="upper left", frameon=False)
    last = frame.iloc[-1]
    alt = (
        f"Bar chart of monthly net revenue from {fmt.month(frame.index[0])} to "
        f"{fmt.month(frame.index[-1])}, with the target as a dashed line. "
        f"{fmt.month(frame.index[-1])}: {fmt.money(last['revenue'])} "
        f"against a target of {fmt.money(last['target'])}."
    )
    return Chart(fig, alt)


def margin_bars(frame: pd.DataFrame, fmt: Formatter, label: str) -> Chart:
    """Horizontal bars of gross margin % by group, labelled with the value.

    Args:
        frame: Output of ``analysis.revenue.margin_by``.
        fmt: Formatter of the report.
        label: What the groups are (axis title).
    """
    data = frame.sort_values("gross_margin_pct")
    fig, ax = new_axes(height=0.45 * len(data) + 1.2)
    ax.barh(data.index.astype(str), data["gross_margin_pct"], color=PALETTE["revenue"])
    for y, value in enumerate(data["gross_margin_pct"]):
        ax.text(value, y, " " + fmt.pct(value), va="center")
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlim(0, max(0.01, float(data["gross_margin_pct"].max())) * 1.18)
    ax.set_xlabel("Gross margin %")
    ax.set_ylabel(label)
    low, high = data.iloc[0], data.iloc[-1]
    alt = (
        f"Horizontal bar chart of gross margin % by {label.lower()}: from {data.index[0]} at "
        f"{fmt.pct(low['gross_margin_pct'])} to {data.index[-1]} at "
        f"{fmt.pct(high['gross_margin_pct'])}."
    )
    return Chart(fig, alt)
