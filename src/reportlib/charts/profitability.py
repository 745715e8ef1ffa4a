"""Charts of the profitability-alignment section: margin against share, leakage, revenue bridge."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.analysis.profitability import ACCRETIVE, DILUTIVE, sold_groups
from reportlib.charts import PALETTE, WATERFALL_ROW, Chart, new_axes, pct_axis, waterfall
from reportlib.formatting import Formatter

_VERDICT_COLOURS = {ACCRETIVE: PALETTE["good"], DILUTIVE: PALETTE["bad"]}
_STEP_LABELS = {
    "before": "A year\nearlier",
    "volume": "Volume",
    "mix": "Mix",
    "list_price": "List price",
    "discount": "Discount",
    "current": "Now",
}
_ONE_YEAR_LABELS = {  # the steps of items sold in one of the two years, by what tells them apart
    "product_name": {"discontinued": "Discontinued\nproducts", "new": "New\nproducts"},
    "product_id": {"discontinued": "Discontinued\nproducts", "new": "New\nproducts"},
    "category": {"discontinued": "Discontinued\ncategories", "new": "New\ncategories"},
}


def _span(period: pd.Period, months: int, fmt: Formatter) -> str:
    """``October 2026`` for one month, else ``12 months to October 2026``."""
    return fmt.month(period) if months == 1 else f"{months} months to {fmt.month(period)}"


def _scatter_point(name: str, row: pd.Series, fmt: Formatter) -> str:
    """One group of the margin-against-share chart in words; growth left out when unknown."""
    if pd.isna(row["growth"]):  # no sales a year earlier
        return (
            f"{name}: {fmt.pct(row['share_12m'])} of revenue at "
            f"{fmt.pct(row['gross_margin_pct_12m'])} margin, new this year ({row['verdict']})"
        )
    return (
        f"{name}: {fmt.pct(row['share_12m'])} of revenue at "
        f"{fmt.pct(row['gross_margin_pct_12m'])} margin, growth {fmt.signed_pct(row['growth'])} "
        f"({row['verdict']})"
    )


def margin_vs_share(quality: pd.DataFrame, fmt: Formatter, label: str) -> Chart:
    """Scatter of trailing-12-month gross margin % against share of revenue, one labelled dot each.

    The dashed line is the average margin (Σ share × margin); accretive growth is green,
    dilutive growth red, the rest grey.

    Args:
        quality: Output of ``analysis.profitability.growth_quality``.
        fmt: Formatter of the report.
        label: What the groups are, e.g. ``Channel`` (axis title).

    Raises:
        ValueError: with fewer than ``MIN_MEMBERS`` groups sold in the 12 months: one dot would
            be the whole, at 100% share and the average margin, and its verdict meaningless
            (``analysis.comparisons.too_few_members`` gives the sentence to show instead).
    """
    if not comparable(sold_groups(quality)):
        raise ValueError(
            f"a margin-against-share chart compares at least {MIN_MEMBERS} groups with sales, "
            f"not {len(sold_groups(quality))}; show comparisons.too_few_members instead"
        )
    data = quality[quality["revenue_12m"] > 0]
    fig, ax = new_axes()
    colours = [_VERDICT_COLOURS.get(v, PALETTE["target"]) for v in data["verdict"]]
    ax.scatter(data["share_12m"], data["gross_margin_pct_12m"], s=90, c=colours, zorder=3)
    right_half = float(data["share_12m"].max()) * 1.35 / 2
    for k, (name, row) in enumerate(data.sort_values("gross_margin_pct_12m").iterrows()):
        # the name over its verdict, on the side of the dot with room, above and below by turns
        # in order of margin, so that two dots at the same margin keep their labels apart
        left = row["share_12m"] > right_half
        ax.annotate(
            f"{name}\n({row['verdict']})",
            (row["share_12m"], row["gross_margin_pct_12m"]),
            xytext=(-6 if left else 6, 5 if k % 2 == 0 else -5),
            textcoords="offset points",
            ha="right" if left else "left",
            va="bottom" if k % 2 == 0 else "top",
        )
    average = float((data["share_12m"] * data["gross_margin_pct_12m"]).sum())
    ax.axhline(average, color=PALETTE["target"], linestyle="--", linewidth=1)
    ax.annotate(
        f"average {fmt.pct(average)}",
        (1, average),
        xycoords=("axes fraction", "data"),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        color=PALETTE["target"],
    )
    ax.set_xlim(0, float(data["share_12m"].max()) * 1.35)
    ax.xaxis.set_major_formatter(pct_axis(fmt))
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(f"Share of revenue, trailing 12 months ({label.lower()})")
    ax.set_ylabel("Gross margin %, trailing 12 months")
    points = "; ".join(_scatter_point(str(name), row, fmt) for name, row in data.iterrows())
    alt = (
        f"Scatter chart of gross margin % against share of revenue by {label.lower()}, trailing "
        f"12 months; the dashed line is the average margin of {fmt.pct(average)}. {points}."
    )
    return Chart(fig, alt)


def _leakage_group(name: str, row: pd.Series, now: str, before: str, fmt: Formatter) -> str:
    """One group of the leakage chart in words; a span without sales is said, not "n/a"."""
    if pd.isna(row["leakage_before"]):
        return f"{name}: {fmt.pct(row['leakage'])}, no sales in {before}"
    if pd.isna(row["leakage"]):
        return f"{name}: no sales in {now}, {fmt.pct(row['leakage_before'])} in {before}"
    return (
        f"{name}: {fmt.pct(row['leakage'])} against {fmt.pct(row['leakage_before'])} "
        f"({fmt.points(row['change'])})"
    )


def leakage_bars(
    frame: pd.DataFrame, fmt: Formatter, label: str, period: pd.Period, months: int = 12
) -> Chart:
    """Grouped bars of discount leakage by group: this span against the same span a year earlier.

    Args:
        frame: Output of ``analysis.profitability.leakage_by``.
        fmt: Formatter of the report.
        label: What the groups are, e.g. ``Channel``.
        period: The reported month (end of the span).
        months: Length of the span the frame was computed on.
    """
    data = frame.sort_values("list_value", ascending=False)
    now, before = _span(period, months, fmt), _span(period - 12, months, fmt)
    fig, ax = new_axes()
    x = np.arange(len(data))
    width = 0.38
    for offset, column, name, colour in (
        (-width / 2, "leakage_before", before, PALETTE["target"]),
        (width / 2, "leakage", now, PALETTE["revenue"]),
    ):
        values = data[column].fillna(0.0)
        bars = ax.bar(x + offset, values, width, color=colour, label=name)
        ax.bar_label(bars, labels=[fmt.pct(v) for v in data[column]], padding=2)
    ax.set_xticks(x, [str(i) for i in data.index])
    top = float(data[["leakage", "leakage_before"]].max().max()) if not data.empty else 0.0
    ax.set_ylim(0, max(0.01, 0 if np.isnan(top) else top) * 1.2)
    ax.yaxis.set_major_formatter(pct_axis(fmt))
    ax.set_xlabel(label)
    ax.set_ylabel("Discount leakage, % of list value")
    fig.legend(loc="outside lower center", frameon=False)
    groups = (
        "; ".join(_leakage_group(str(name), row, now, before, fmt) for name, row in data.iterrows())
        or "No sales in either span"
    )
    alt = (
        f"Grouped bar chart of discount leakage (list value given away as discount) by "
        f"{label.lower()}, {now} against {before}. {groups}."
    )
    return Chart(fig, alt)


def revenue_bridge(
    bridge: pd.Series,
    fmt: Formatter,
    period: pd.Period,
    months: int = 12,
    by: str = "product_name",
) -> Chart:
    """Waterfall of net revenue a year earlier to now, step by step.

    The steps of items sold in one year only (discontinued, new) are drawn when they hold
    revenue; the others always.

    Args:
        bridge: Output of ``analysis.profitability.revenue_bridge``.
        fmt: Formatter of the report.
        period: The reported month (end of the span).
        months: Length of the span the bridge was computed on.
        by: The order column the bridge told items apart by (``product_name``, ``product_id``
            or ``category``), which names its new and discontinued steps.
    """
    names = {**_STEP_LABELS, **_ONE_YEAR_LABELS.get(by, _ONE_YEAR_LABELS["product_name"])}
    shown = bridge[[s not in ("new", "discontinued") or bridge[s] != 0 for s in bridge.index]]
    steps = list(shown.index)
    values = shown.to_numpy(dtype="float64")
    effects = values[1:-1]
    starts = values[0] + np.concatenate([[0.0], np.cumsum(effects)[:-1]])
    bottom = np.concatenate([[0.0], np.where(effects >= 0, starts, starts + effects), [0.0]])
    height = np.concatenate([[values[0]], np.abs(values[1:-1]), [values[-1]]])
    colours = (
        [PALETTE["revenue"]]
        + [PALETTE["good"] if v >= 0 else PALETTE["bad"] for v in values[1:-1]]
        + [PALETTE["revenue"]]
    )
    fig, ax = new_axes(height=WATERFALL_ROW * len(steps) + 1.0)
    labels = [names.get(s, s) for s in steps]
    texts = [fmt.money(v, compact=True) for v in values]
    waterfall(ax, labels, bottom, height, colours, texts, fmt)
    ax.set_xlabel(f"Net revenue ({fmt.currency})")
    words = {step: label.replace("\n", " ").lower() for step, label in names.items()}
    amounts = fmt.distinct_money(*values)  # the steps of one sentence, told apart
    effects = ", ".join(
        f"{words.get(s, s)} {text}" for s, text in zip(steps[1:-1], amounts[1:-1], strict=True)
    )
    alt = (
        f"Waterfall chart of net revenue from {amounts[0]} in "
        f"{_span(period - 12, months, fmt)} to {amounts[-1]} in "
        f"{_span(period, months, fmt)}: {effects}."
    )
    return Chart(fig, alt)
