"""Charts of the profitability-alignment section: margin against share, leakage, revenue bridge."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportlib.analysis.comparisons import MIN_MEMBERS, comparable
from reportlib.analysis.profitability import (
    ACCRETIVE,
    DILUTIVE,
    HIGH_MARGIN_LAGGING,
    LOW_MARGIN_LAGGING,
    NO_SALES,
    sold_groups,
)
from reportlib.charts import PALETTE, WATERFALL_ROW, Chart, new_axes, pct_axis, waterfall
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

_VERDICT_COLOURS = {ACCRETIVE: PALETTE["good"], DILUTIVE: PALETTE["bad"]}
VERDICTS = {  # verdict of analysis.profitability.growth_quality (data, English) -> as shown
    ACCRETIVE: N_("accretive growth"),
    DILUTIVE: N_("dilutive growth"),
    HIGH_MARGIN_LAGGING: N_("high margin, losing share"),
    LOW_MARGIN_LAGGING: N_("low margin, losing share"),
    NO_SALES: N_("no sales"),
}
_STEP_LABELS = {
    "before": N_("A year\nearlier"),
    "volume": N_("Volume"),
    "mix": N_("Mix"),
    "list_price": N_("List price"),
    "discount": N_("Discount"),
    "current": N_("Now"),
}
_ONE_YEAR_LABELS = {  # the steps of items sold in one of the two years, by what tells them apart
    "product_name": {"discontinued": N_("Discontinued\nproducts"), "new": N_("New\nproducts")},
    "product_id": {"discontinued": N_("Discontinued\nproducts"), "new": N_("New\nproducts")},
    "category": {
        "discontinued": N_("Discontinued\ncategories"),
        "new": N_("New\ncategories"),
    },
}


def _span(period: pd.Period, months: int, fmt: Formatter) -> str:
    """``October 2026`` for one month, else ``12 months to October 2026`` (a period's name)."""
    if months == 1:
        return fmt.month(period)
    return _("{n} months to {month}").format(n=fmt.number(months), month=fmt.month(period))


def _verdict(verdict: object) -> str:
    """A verdict of ``growth_quality`` in the report's language."""
    return _(VERDICTS[verdict]) if verdict in VERDICTS else str(verdict)


def _scatter_point(name: str, row: pd.Series, fmt: Formatter) -> str:
    """One group of the margin-against-share chart in words; growth left out when unknown."""
    values = {
        "name": name,
        "share": fmt.pct(row["share_12m"]),
        "margin": fmt.pct(row["gross_margin_pct_12m"]),
        "verdict": _verdict(row["verdict"]),
    }
    if pd.isna(row["growth"]):  # no sales a year earlier
        return _("{name}: {share} of revenue at {margin} margin, new this year ({verdict})").format(
            **values
        )
    return _("{name}: {share} of revenue at {margin} margin, growth {growth} ({verdict})").format(
        growth=fmt.signed_pct(row["growth"]), **values
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
            f"{name}\n({_verdict(row['verdict'])})",
            (row["share_12m"], row["gross_margin_pct_12m"]),
            xytext=(-6 if left else 6, 5 if k % 2 == 0 else -5),
            textcoords="offset points",
            ha="right" if left else "left",
            va="bottom" if k % 2 == 0 else "top",
        )
    average = float((data["share_12m"] * data["gross_margin_pct_12m"]).sum())
    ax.axhline(average, color=PALETTE["target"], linestyle="--", linewidth=1)
    ax.annotate(
        _("average {margin}").format(margin=fmt.pct(average)),
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
    ax.set_xlabel(_("Share of revenue, trailing 12 months ({groups})").format(groups=label.lower()))
    ax.set_ylabel(_("Gross margin %, trailing 12 months"))
    points = "; ".join(_scatter_point(str(name), row, fmt) for name, row in data.iterrows())
    alt = _(
        "Scatter chart of gross margin % against share of revenue by {groups}, trailing 12 "
        "months; the dashed line is the average margin of {average}."
    ).format(groups=label.lower(), average=fmt.pct(average))
    alt += f" {points}."
    return Chart(fig, alt)


def _leakage_group(name: str, row: pd.Series, now: str, before: str, fmt: Formatter) -> str:
    """One group of the leakage chart in words; a span without sales is said, not "n/a"."""
    if pd.isna(row["leakage_before"]):
        return _("{name}: {leakage}, no sales in {before}").format(
            name=name, leakage=fmt.pct(row["leakage"]), before=before
        )
    if pd.isna(row["leakage"]):
        return _("{name}: no sales in {now}, {leakage_before} in {before}").format(
            name=name, now=now, leakage_before=fmt.pct(row["leakage_before"]), before=before
        )
    return _("{name}: {leakage} against {leakage_before} ({change})").format(
        name=name,
        leakage=fmt.pct(row["leakage"]),
        leakage_before=fmt.pct(row["leakage_before"]),
        change=fmt.points(row["change"]),
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
    ax.set_ylabel(_("Discount leakage, share of list value"))
    fig.legend(loc="outside lower center", frameon=False)
    groups = "; ".join(
        _leakage_group(str(name), row, now, before, fmt) for name, row in data.iterrows()
    ) or _("No sales in either span")
    alt = _(
        "Grouped bar chart of discount leakage (list value given away as discount) by {groups}, "
        "{now} against {before}."
    ).format(groups=label.lower(), now=now, before=before)
    alt += f" {groups}."
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
    labels = [_(names[s]) if s in names else s for s in steps]
    texts = [fmt.money(v, compact=True) for v in values]
    waterfall(ax, labels, bottom, height, colours, texts, fmt)
    ax.set_xlabel(_("Net revenue ({currency})").format(currency=fmt.currency))
    words = {step: _(label).replace("\n", " ").lower() for step, label in names.items()}
    amounts = fmt.distinct_money(*values)  # the steps of one sentence, told apart
    effects = ", ".join(
        f"{words.get(s, s)} {text}" for s, text in zip(steps[1:-1], amounts[1:-1], strict=True)
    )
    alt = _(
        "Waterfall chart of net revenue from {start} in {before} to {end} in {now}: {steps}."
    ).format(
        start=amounts[0],
        before=_span(period - 12, months, fmt),
        end=amounts[-1],
        now=_span(period, months, fmt),
        steps=effects,
    )
    return Chart(fig, alt)
