"""Charts of the forecast section."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from reportlib.analysis.forecast import BASELINE, RevenueForecast, floor_at_zero
from reportlib.charts import (
    MOST_MONTH_TICKS,
    PALETTE,
    Chart,
    MonthTicks,
    legend_below,
    money_axis,
    new_axes,
)
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _

BAND = "#9dbcd8"  # the forecast's colour, lighter for the prediction intervals
VIEW_COLOURS = (PALETTE["revenue"], "#5e8fbf", "#9dbcd8", PALETTE["target"])
MODEL_NAMES = {  # key of analysis.forecast.MODEL_LABELS -> its name on a chart
    "seasonal_naive": N_("Seasonal naïve"),
    "naive": N_("Naïve (last month)"),
    "drift": N_("Drift (random walk with drift)"),
    "ets_additive": "ETS(A,Ad,A)",
    "ets_multiplicative": "ETS(M,Ad,M)",
    "mean": N_("Average month"),
}
"""A forecast model's name as a chart's legend and alt text give it (ETS names stay as they are)."""
VIEW_NAMES = {  # row of analysis.forecast.quarter_views -> its bar's label
    "Time-series landing": N_("Time-series landing"),
    "Commit forecast": N_("Commit forecast"),
    "Best-case forecast": N_("Best-case forecast"),
    "Target": N_("Target"),
}
VIEW_ALT = {  # the same view in the alt text's list
    "Time-series landing": N_("time-series landing {amount}"),
    "Commit forecast": N_("commit forecast {amount}"),
    "Best-case forecast": N_("best-case forecast {amount}"),
}
LANDING_ALT_RANGE = N_("time-series landing {amount} ({level} range {low} to {high})")
"""The landing with its 80% range (``level``: "80%" as the locale writes it)."""
FORECAST_ALT = {  # (prediction intervals drawn, target drawn): the chart's first sentence
    (True, True): N_(
        "Line chart of monthly net revenue from {first} to {last} and the {model} forecast to "
        "{end}, with 80% and 95% prediction intervals and the monthly target as a dashed line."
    ),
    (True, False): N_(
        "Line chart of monthly net revenue from {first} to {last} and the {model} forecast to "
        "{end}, with 80% and 95% prediction intervals."
    ),
    (False, True): N_(
        "Line chart of monthly net revenue from {first} to {last} and the {model} forecast to "
        "{end} and the monthly target as a dashed line."
    ),
    (False, False): N_(
        "Line chart of monthly net revenue from {first} to {last} and the {model} forecast to "
        "{end}."
    ),
}
NEXT_MONTH_ALT = {  # (prediction intervals known, target known): the next month's forecast
    (True, True): N_(
        "Forecast for {month}: {forecast} (80% interval {lo80} to {hi80}; 95% interval {lo95} "
        "to {hi95}), against a target of {target}."
    ),
    (True, False): N_(
        "Forecast for {month}: {forecast} (80% interval {lo80} to {hi80}; 95% interval {lo95} "
        "to {hi95})."
    ),
    (False, True): N_("Forecast for {month}: {forecast}, against a target of {target}."),
    (False, False): N_("Forecast for {month}: {forecast}."),
}


def model_name(model: str | None, fallback: str) -> str:
    """A model's name in the report's language (:data:`MODEL_NAMES`), else ``fallback``."""
    return _(MODEL_NAMES[model]) if model in MODEL_NAMES else fallback


def _x(index: pd.PeriodIndex) -> pd.DatetimeIndex:
    return index.to_timestamp()


def revenue_forecast(
    fc: RevenueForecast,
    target: pd.Series | None,
    fmt: Formatter,
    history_months: int = 24,
) -> Chart:
    """Monthly revenue, the chosen model's forecast with 80% and 95% bands, and the target.

    When no month of the history is below 0, the bands are drawn at 0 or above (as
    ``forecast_revenue`` makes them; a forecast made otherwise is floored here too) and the money
    axis starts at 0: a revenue chart reads from zero, and its compact tick labels (``$1.2M``)
    then step by round amounts instead of repeating (``$1M``, ``$1M``, ``$1M``), as they do on a
    narrow range far from zero.

    Args:
        fc: Output of ``analysis.forecast.forecast_revenue``.
        target: Σ target per month (``analysis.revenue.monthly_targets``), or None.
        fmt: Formatter of the report.
        history_months: How many months of history to show before the forecast.
    """
    fig, ax = new_axes()
    history = fc.history.iloc[-history_months:]
    history_values = fc.history.to_numpy()
    future = fc.forecast.assign(
        **{
            column: floor_at_zero(fc.forecast[column].to_numpy(), history_values)
            for column in ("forecast", "lo80", "hi80", "lo95", "hi95")
        }
    )
    if history.empty or future["forecast"].isna().all():
        ax.set_axis_off()
        ax.text(0.5, 0.5, _("No revenue history to forecast"), ha="center", va="center")
        return Chart(fig, _("There is no revenue history, so there is no forecast to show."))
    label = model_name(fc.model, fc.model_label.split(":")[0])
    ax.plot(
        _x(history.index), history, color=PALETTE["revenue"], marker="o", ms=3, label=_("Revenue")
    )
    # join the forecast to the last actual month so that the line runs on
    joined = pd.concat([history.iloc[-1:], future["forecast"]])
    ax.plot(_x(joined.index), joined, color=PALETTE["revenue"], linestyle="--", label=label)
    has_bands = future["lo95"].notna().any()
    if has_bands:
        for level, alpha, name in (
            (95, 0.25, _("95% prediction interval")),
            (80, 0.5, _("80% prediction interval")),
        ):
            ax.fill_between(
                _x(future.index),
                future[f"lo{level}"],
                future[f"hi{level}"],
                color=BAND,
                alpha=alpha,
                linewidth=0,
                label=name,
            )
    if fc.model != BASELINE and future["baseline"].notna().any():
        ax.plot(
            _x(future.index),
            future["baseline"],
            color=PALETTE["target"],
            linestyle=":",
            linewidth=1.2,
            label=_("Seasonal naïve (baseline)"),
        )
    window = history.index.union(future.index)
    shown_target = None
    if target is not None:
        shown_target = target.reindex(window)
        if shown_target.notna().any():
            ax.plot(
                _x(window),
                shown_target,
                color=PALETTE["target"],
                linestyle="--",
                linewidth=1,
                label=_("Target"),
            )
        else:
            shown_target = None
    if (history_values >= 0).all():
        ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(money_axis(fmt))
    ax.set_ylabel(_("Net revenue ({currency})").format(currency=fmt.currency))
    ax.set_xlabel("")
    step = -(-len(window) // (MOST_MONTH_TICKS // 2))  # dates across a phone: about 6 labels
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=step))
    ax.xaxis.set_major_formatter(MonthTicks(fmt))
    ax.tick_params(axis="x", labelrotation=45)
    legend_below(fig)
    first = future.iloc[0]
    month = future.index[0]
    with_target = shown_target is not None and pd.notna(shown_target.get(month))
    shown = ["forecast", *(["lo80", "hi80", "lo95", "hi95"] if has_bands else [])]
    amounts = [*(first[c] for c in shown), *([shown_target[month]] if with_target else [])]
    text = dict(  # the amounts of one sentence, told apart
        zip([*shown, "target"], fmt.distinct_money(*amounts), strict=False)
    )
    parts = [
        _(FORECAST_ALT[bool(has_bands), shown_target is not None]).format(
            first=fmt.month(history.index[0]),
            last=fmt.month(history.index[-1]),
            model=label,
            end=fmt.month(future.index[-1]),
        ),
        _(NEXT_MONTH_ALT[bool(has_bands), bool(with_target)]).format(
            month=fmt.month(month), **text
        ),
    ]
    wape, base = fc.backtest_wape(), fc.backtest_wape(BASELINE)
    if wape is not None:
        parts.append(
            _("Backtest WAPE {wape}, seasonal naïve {baseline}.").format(
                wape=fmt.pct(wape), baseline=fmt.pct(base)
            )
            if base is not None
            else _("Backtest WAPE {wape}.").format(wape=fmt.pct(wape))
        )
    return Chart(fig, " ".join(parts))


def quarter_views(views: pd.DataFrame, fmt: Formatter, start: pd.Period, end: pd.Period) -> Chart:
    """Bars of the quarter's time-series landing, commit and best-case forecasts, and target.

    The time-series bar carries its 80% range as an error bar; the target is also a dashed line
    across the bars. Missing figures get no bar and read "n/a".

    Args:
        views: Output of ``analysis.forecast.quarter_views``.
        fmt: Formatter of the report.
        start: First month of the fiscal quarter.
        end: Last month of the fiscal quarter.
    """
    fig, ax = new_axes(height=4.0)
    labels = [  # "Best-case\nforecast"
        textwrap.fill(_(VIEW_NAMES[name]) if name in VIEW_NAMES else str(name), 12)
        for name in views.index
    ]
    amounts = views["amount"].to_numpy(dtype=float)
    heights = np.nan_to_num(amounts)
    ax.bar(labels, heights, color=VIEW_COLOURS[: len(labels)])
    landing = views.iloc[0]
    if pd.notna(landing["low"]) and pd.notna(landing["high"]) and landing["high"] > landing["low"]:
        ax.errorbar(
            [labels[0]],
            [landing["amount"]],
            yerr=[[landing["amount"] - landing["low"]], [landing["high"] - landing["amount"]]],
            color="black",
            capsize=6,
            linewidth=1.2,
        )
    target = views["amount"].iloc[-1]
    if pd.notna(target):
        ax.axhline(target, color=PALETTE["target"], linestyle="--", linewidth=1)
    tops = np.fmax(heights, np.nan_to_num(views["high"].to_numpy(dtype=float)))
    for x, (value, top) in enumerate(zip(amounts, tops, strict=True)):
        text = fmt.money(value, compact=True) if np.isfinite(value) else _("n/a")
        ax.annotate(
            text, (x, top), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom"
        )
    ax.yaxis.set_major_formatter(money_axis(fmt))
    ax.set_ylabel(_("Fiscal quarter ({currency})").format(currency=fmt.currency))
    ax.set_xlabel("")
    ax.set_ylim(0, max(1.0, float(np.nanmax(np.r_[heights, views["high"].fillna(0)]))) * 1.15)

    names = list(views.index)
    has_range = pd.notna(landing["low"]) and pd.notna(landing["high"])
    # the amounts the sentence says, told apart: the views known (one with no pipeline is
    # left out, never "n/a"), the landing's range and the target
    said = {
        **{name: float(views.loc[name, "amount"]) for name in names[:3]},
        **({"low": float(landing["low"]), "high": float(landing["high"])} if has_range else {}),
        **({"target": float(target)} if pd.notna(target) else {}),
    }
    said = {key: value for key, value in said.items() if pd.notna(value)}
    text = dict(zip(said, fmt.distinct_money(*said.values()), strict=True))
    seen = [
        _(LANDING_ALT_RANGE).format(
            amount=text[name], level=fmt.pct(0.8, 0), low=text["low"], high=text["high"]
        )
        if i == 0 and has_range
        else _(VIEW_ALT[name]).format(amount=text[name])
        if name in VIEW_ALT
        else f"{name} {text[name]}"
        for i, name in enumerate(names[:3])
        if name in text
    ]
    quarter = {"start": fmt.month(start), "end": fmt.month(end), "views": ", ".join(seen)}
    alt = (
        _(
            "Bar chart of the fiscal quarter {start} to {end} as two views see it: {views}, "
            "against a target of {target} (dashed line)."
        ).format(target=text["target"], **quarter)
        if pd.notna(target)
        else _(
            "Bar chart of the fiscal quarter {start} to {end} as two views see it: {views}, "
            "with no target to compare."
        ).format(**quarter)
    )
    return Chart(fig, alt)
