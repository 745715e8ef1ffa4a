"""Figures for the reports.

Each function returns a :class:`Chart`: a new matplotlib Figure (no pyplot state) and the alt
text that says what it shows, with its key figures, for readers who cannot see it.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from reportlib.formatting import Formatter

PALETTE = {"revenue": "#1f5f99", "target": "#5b5b5b", "good": "#1b7f3b", "bad": "#b3261e"}
sns.set_theme(style="whitegrid", context="notebook")


@dataclass(frozen=True)
class Chart:
    """A figure and its alt text."""

    figure: Figure
    alt: str


def _figure(width: float = 9, height: float = 4.2) -> Figure:
    fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
    return fig


def revenue_vs_target(frame: pd.DataFrame, fmt: Formatter) -> Chart:
    """Bars of monthly revenue with the target as a dashed line.

    Args:
        frame: Output of ``analysis.revenue.revenue_vs_target``.
        fmt: Formatter of the report.
    """
    fig = _figure()
    ax = fig.subplots()
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
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.money(v, compact=True)))
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
    fig = _figure(height=0.45 * len(data) + 1.2)
    ax = fig.subplots()
    ax.barh(data.index.astype(str), data["gross_margin_pct"], color=PALETTE["revenue"])
    for y, value in enumerate(data["gross_margin_pct"]):
        ax.text(value, y, " " + fmt.pct(value), va="center")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.pct(v, 0)))
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
