"""The forecast section's headline figures, from the time series, the landing and the pipeline."""

from __future__ import annotations

import pandas as pd

from reportlib.analysis.forecast.backtest import RevenueForecast, forecast_revenue, revenue_series
from reportlib.analysis.forecast.categories import pipeline_forecast
from reportlib.analysis.forecast.landings import landing
from reportlib.analysis.forecast.models import BASELINE
from reportlib.analysis.forecast.scorecard import track_record


def forecast_kpis(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
    history: pd.DataFrame | None = None,
    currency: str | None = None,
    *,
    forecast: RevenueForecast | None = None,
    landings: pd.DataFrame | None = None,
) -> dict[str, float | str | None]:
    """The forecast section's headline figures (money in the report's currency).

    - ``forecast_model``: key of the chosen model (:data:`MODEL_LABELS`).
    - ``forecast_backtest_wape``, ``forecast_backtest_mape``, ``forecast_backtest_mase``,
      ``forecast_backtest_bias``: backtest accuracy of the chosen model;
      ``baseline_backtest_wape``: of seasonal naïve (None when it could not be backtested).
    - ``forecast_next_month`` with ``forecast_next_month_lo80`` / ``_hi80``: the month after
      ``period``.
    - ``forecast_quarter_landing`` / ``forecast_year_landing``, ``forecast_quarter_target`` /
      ``forecast_year_target``, ``forecast_quarter_probability`` /
      ``forecast_year_probability``: see :func:`landing`.
    - ``weighted_pipeline``, ``closed_won_qtd``, ``commit_forecast``, ``best_case_forecast``,
      ``open_pipeline_quarter``: see :func:`pipeline_forecast`.
    - ``last_forecast``: the forecast of ``period`` made the month before, as stored in
      ``history``; ``last_forecast_error_pct`` = (last_forecast − actual) ÷ actual. None without
      such a forecast (no ``history``, none stored, or recorded in another currency than
      ``currency``) or, for the error, with an actual of 0.
    - ``forecast_note``: fallbacks and fitting problems, empty when none.

    ``forecast`` and ``landings``, when a report has already computed them (as
    ``reportlib.report.ReportContext`` does for its forecast section), must be
    ``forecast_revenue(revenue_series(orders, period))`` and its :func:`landing`; they are used
    instead of being computed again.
    """
    fc = forecast if forecast is not None else forecast_revenue(revenue_series(orders, period))
    series = fc.history
    lands = (
        landings if landings is not None else landing(fc, targets, period, fiscal_year_start_month)
    )
    chosen = fc.accuracy.loc[fc.model] if fc.model in fc.accuracy.index else None
    next_month = fc.forecast.iloc[0] if len(fc.forecast) else None

    def num(x: object) -> float | None:
        return None if x is None or pd.isna(x) else float(x)  # type: ignore[arg-type]

    kpis: dict[str, float | str | None] = {
        "forecast_model": fc.model,
        "forecast_backtest_wape": fc.backtest_wape(),
        "forecast_backtest_mape": None if chosen is None else num(chosen["mape"]),
        "forecast_backtest_mase": None if chosen is None else num(chosen["mase"]),
        "forecast_backtest_bias": None if chosen is None else num(chosen["bias"]),
        "baseline_backtest_wape": fc.backtest_wape(BASELINE),
        "forecast_next_month": None if next_month is None else num(next_month["forecast"]),
        "forecast_next_month_lo80": None if next_month is None else num(next_month["lo80"]),
        "forecast_next_month_hi80": None if next_month is None else num(next_month["hi80"]),
    }
    for row in ("quarter", "year"):
        kpis[f"forecast_{row}_landing"] = num(lands.loc[row, "landing"])
        kpis[f"forecast_{row}_target"] = num(lands.loc[row, "target"])
        kpis[f"forecast_{row}_probability"] = num(lands.loc[row, "probability"])
    kpis.update(pipeline_forecast(opportunities, period, fiscal_year_start_month))
    last = None
    if history is not None and currency is not None:
        last = track_record(history, series, period, currency).last
    kpis["last_forecast"] = None if last is None else num(last["forecast"])
    kpis["last_forecast_error_pct"] = None if last is None else num(last["error_pct"])
    kpis["forecast_note"] = fc.note
    return kpis
