"""The forecast section's sentences about the time-series model: its forecast and its backtest.

Each sentence is written whole, with named placeholders, in English and looked up in the
report's language (:mod:`reportlib.i18n`); the number of months backtested decides the plural
form (``ngettext``). Amounts and rates are formatted with the report's
:class:`~reportlib.formatting.Formatter`. A notebook shows a sentence with
``present.say(said)``: None, or a sentence holding a missing figure, shows nothing.
"""

from __future__ import annotations

import pandas as pd

from reportlib.analysis.forecast.backtest import RevenueForecast
from reportlib.analysis.forecast.models import BASELINE
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter
from reportlib.i18n import _, ngettext


def chosen_model_sentence(fc: RevenueForecast, fmt: Formatter) -> Sentence | None:
    """The model chosen and its forecast of the next month, with its 80% interval when it has one.

    Args:
        fc: The revenue forecast (``forecast``: rows by month, with ``forecast``, ``lo80`` and
            ``hi80`` in the report's currency).
        fmt: Formatter of the report; the three amounts are told apart
            (:meth:`~reportlib.formatting.Formatter.distinct_money`).

    Returns:
        The sentence, or None when no model was chosen (no forecast).
    """
    if not fc.model or fc.forecast.empty:
        return None
    next_month = fc.forecast.iloc[0]
    forecast, low, high = fmt.distinct_money(*next_month[["forecast", "lo80", "hi80"]])
    template = (
        _(
            "Model chosen: {model}. It forecasts {forecast} for {month} (80% prediction interval "
            "{low} to {high})."
        )
        if pd.notna(next_month["lo80"])
        else _("Model chosen: {model}. It forecasts {forecast} for {month}.")
    )
    values = {"model": fc.model_label, "month": fmt.month(fc.forecast.index[0])}
    return Sentence(template, {**values, "forecast": forecast, "low": low, "high": high})


def backtest_sentence(fc: RevenueForecast, fmt: Formatter) -> Sentence | None:
    """How far the chosen model missed the backtested months (WAPE), beside the baseline's.

    Args:
        fc: The revenue forecast; ``backtest`` holds one row per month forecast one month ahead.
        fmt: Formatter of the report.

    Returns:
        The sentence, or None when the chosen model was not backtested. The seasonal naïve
        baseline's WAPE is named when it was backtested too.
    """
    wape, baseline = fc.backtest_wape(), fc.backtest_wape(BASELINE)
    if wape is None:
        return None
    months = len(fc.backtest)
    template = (
        ngettext(
            "Forecasting the last month from the months before it, it missed by {wape} of "
            "revenue (WAPE); the seasonal naïve baseline missed by {baseline}.",
            "Forecasting each of the last {months} months from the months before it, it missed "
            "by {wape} of revenue (WAPE); the seasonal naïve baseline missed by {baseline}.",
            months,
        )
        if baseline is not None
        else ngettext(
            "Forecasting the last month from the months before it, it missed by {wape} of "
            "revenue (WAPE).",
            "Forecasting each of the last {months} months from the months before it, it missed "
            "by {wape} of revenue (WAPE).",
            months,
        )
    )
    values = {"months": fmt.number(months), "wape": fmt.pct(wape)}
    return Sentence(template, {**values, "baseline": fmt.pct(baseline)})
