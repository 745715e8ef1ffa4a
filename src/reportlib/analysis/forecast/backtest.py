"""The monthly revenue series, the backtest that chooses its model, and the forecast.

Time series (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.; the
candidate models are described in :mod:`reportlib.analysis.forecast.models`):

- The series is net invoiced revenue per calendar month (``revenue.monthly_summary``) from the
  first month with orders to the reported month, months without orders counting as 0.
- Candidate models: seasonal naïve, drift, ETS(A,Ad,A) and ETS(M,Ad,M).
- Backtest: rolling origin over the last :data:`BACKTEST_ORIGINS` months, one step ahead: each of
  those months is forecast from the months before it.
- The model with the lowest backtest WAPE is chosen (equivalently the lowest MAE: all models share
  the window); ties go to the simpler model. Seasonal naïve is always reported beside it.
- Prediction intervals (80% and 95%, :data:`LEVELS`) are percentiles of the chosen model's
  simulated future paths. A series with no month below 0 is forecast at 0 or above: its point
  forecasts and paths are floored at 0 (``models.floor_at_zero``), and so are its intervals and
  the landings and probabilities built from the same paths.
- Short or odd histories fall back to simpler models and say so in ``note``: fewer than
  :data:`MIN_ETS_MONTHS` months, no ETS (it needs two full years before the backtest); fewer than
  :data:`MIN_SEASONAL_MONTHS`, no seasonal naïve (naïve and drift instead, no baseline); fewer than
  3 months, the average month without backtest or intervals; a month at or below 0 excludes the
  multiplicative ETS. Fitting problems (convergence and other warnings, failed fits) are caught and
  noted, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from reportlib.analysis.forecast.models import (
    BASELINE,
    SEASON,
    Note,
    _future,
    _one_step,
    _quiet,
    accuracy,
    floor_at_zero,
    mean_forecast,
    model_label,
    naive_forecast,
    seasonal_naive_forecast,
)
from reportlib.analysis.revenue import monthly_revenue
from reportlib.i18n import N_, _

BACKTEST_ORIGINS = 12
HORIZON = 12
LEVELS = (80, 95)
MIN_ETS_TRAIN = 2 * SEASON
MIN_BACKTEST = 6
MIN_ETS_MONTHS = MIN_ETS_TRAIN + MIN_BACKTEST
MIN_SEASONAL_MONTHS = SEASON + 3
# order of preference on ties: simplest first
_ORDER = ("seasonal_naive", "naive", "drift", "ets_additive", "ets_multiplicative")
_FIT_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError, RuntimeError)


def revenue_series(orders: pd.DataFrame, period: pd.Period) -> pd.Series:
    """Σ net_revenue per month from the first month with orders to ``period``, gaps as 0.

    Orders after ``period`` are left out. Without any order up to ``period`` the series is that
    month alone, at 0, so that every forecast starts from the reported month.
    """
    rows = orders[orders["order_date"] <= period.end_time]
    revenue = monthly_revenue(rows).astype("float64")
    first = revenue.index.min() if not revenue.empty else period
    index = pd.period_range(min(first, period), period, freq="M", name="month")
    return revenue.reindex(index, fill_value=0.0).rename("revenue")


@dataclass(frozen=True)
class RevenueForecast:
    """A revenue forecast, its backtest and the simulated futures behind its intervals.

    Attributes:
        history: The monthly revenue it was fitted on (monthly ``PeriodIndex``).
        model: Key of the chosen model (see :data:`MODEL_LABELS`); None without history.
        forecast: One row per future month with ``forecast`` (point), ``lo80``, ``hi80``,
            ``lo95``, ``hi95`` and ``baseline`` (seasonal naïve point forecast, NaN when the
            history is shorter than a season).
        paths: Simulated future monthly revenue, one row per path, one column per future month;
            None when the model gives no distribution. Floored at 0, as ``forecast``'s figures,
            when no month of ``history`` is below 0.
        backtest: One row per backtest month: ``actual`` and each candidate's one-step forecast.
        accuracy: One row per candidate model (index: model key) with ``wape``, ``mape``,
            ``mase``, ``bias``, ``mae``, ``rmse``, ``n``.
        note: What was simplified or went wrong, in English words (kpis.json keeps it); empty
            when nothing. The report shows :meth:`note_text`.
        notes: The same, one :class:`~reportlib.analysis.forecast.models.Note` each.
    """

    history: pd.Series
    model: str | None
    forecast: pd.DataFrame
    paths: np.ndarray | None
    backtest: pd.DataFrame
    accuracy: pd.DataFrame
    note: str = ""
    baseline: str = field(default=BASELINE)
    notes: tuple[Note, ...] = ()

    @property
    def model_label(self) -> str:
        """Readable name of the chosen model, in the report's language."""
        return model_label(self.model)

    def note_text(self) -> str:
        """:attr:`note` in the report's language: its clauses joined by semicolons."""
        return "; ".join(n.text() for n in self.notes)

    def backtest_wape(self, model: str | None = None) -> float | None:
        """Backtest WAPE of ``model`` (the chosen one by default); None when not backtested."""
        key = self.model if model is None else model
        if key is None or key not in self.accuracy.index:
            return None
        value = self.accuracy.loc[key, "wape"]
        return None if pd.isna(value) else float(value)


def _forecast(
    history: pd.Series,
    model: str | None,
    out: pd.DataFrame,
    paths: np.ndarray | None,
    backtest: pd.DataFrame,
    table: pd.DataFrame,
    notes: list[Note],
) -> RevenueForecast:
    """A :class:`RevenueForecast` with its notes, in English (``note``) and one by one."""
    english = "; ".join(n.english() for n in notes)
    return RevenueForecast(history, model, out, paths, backtest, table, english, notes=tuple(notes))


def _candidates(y: np.ndarray, origins: int) -> tuple[list[str], int, list[Note]]:
    """Candidate models, backtest length and notes for a history ``y`` (at least 3 months)."""
    n = len(y)
    notes: list[Note] = []
    if n >= MIN_ETS_MONTHS:
        models = ["seasonal_naive", "drift", "ets_additive"]
        if (y > 0).all():
            models.append("ets_multiplicative")
        else:
            notes.append(Note("no_multiplicative"))
        return models, min(origins, n - MIN_ETS_TRAIN), notes
    if n >= MIN_SEASONAL_MONTHS:
        notes.append(Note("no_ets", {"n": str(n), "needed": str(MIN_ETS_MONTHS)}, n))
        return ["seasonal_naive", "drift"], min(origins, n - SEASON), notes
    notes.append(Note("no_seasonal", {"n": str(n), "needed": str(MIN_SEASONAL_MONTHS)}, n))
    return ["naive", "drift"], min(origins, n - 2), notes


def _accuracy_frame(backtest: pd.DataFrame, training: np.ndarray) -> pd.DataFrame:
    rows = {
        key: accuracy(backtest["actual"], backtest[key], training)
        for key in backtest.columns
        if key != "actual"
    }
    columns = ["wape", "mape", "mase", "bias", "mae", "rmse", "n"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype("float64")
    return frame.rename_axis("model")


def _empty_forecast(history: pd.Series, horizon: int) -> pd.DataFrame:
    start = history.index[-1] + 1 if len(history) else None
    index = (
        pd.period_range(start, periods=horizon, freq="M", name="month")
        if start is not None
        else pd.PeriodIndex([], freq="M", name="month")
    )
    return pd.DataFrame(
        np.nan, index=index, columns=["forecast", "lo80", "hi80", "lo95", "hi95", "baseline"]
    )


def forecast_revenue(
    series: pd.Series, horizon: int = HORIZON, origins: int = BACKTEST_ORIGINS
) -> RevenueForecast:
    """Backtest the candidate models on ``series``, choose one, and forecast ``horizon`` months.

    See this module's docstring for the backtest, the choice, the intervals and the fallbacks
    for short histories, and :mod:`reportlib.analysis.forecast.models` for the models and their
    simulated futures. Never raises on odd data: problems end up in ``note``.

    Args:
        series: Monthly revenue (monthly ``PeriodIndex``, no gaps), e.g. ``revenue_series``.
        horizon: Months to forecast after the last month of ``series``.
        origins: Backtest length in months (one-step forecasts from rolling origins).
    """
    history = series.astype("float64")
    y = history.to_numpy()
    out = _empty_forecast(history, horizon)
    empty_backtest = pd.DataFrame(columns=["actual"], dtype="float64")
    empty_accuracy = _accuracy_frame(empty_backtest, y)
    if len(y) == 0:
        notes = [Note("no_history")]
        return _forecast(history, None, out, None, empty_backtest, empty_accuracy, notes)
    if not np.isfinite(y).all():
        notes = [Note("missing_values")]
        return _forecast(history, None, out, None, empty_backtest, empty_accuracy, notes)
    if len(y) < 3:
        out["forecast"] = mean_forecast(y, horizon)
        notes = [Note("average", {"n": str(len(y))}, len(y))]
        return _forecast(history, "mean", out, None, empty_backtest, empty_accuracy, notes)

    models, window, notes = _candidates(y, origins)
    start = len(y) - window
    backtest = pd.DataFrame({"actual": y[start:]}, index=history.index[start:])
    for key in models:
        try:
            predicted, caught = _quiet(_one_step, y, key, start)
        except _FIT_ERRORS as exc:
            notes.append(Note("not_fitted", {"model": key, "error": type(exc).__name__}))
            continue
        if caught:
            notes.append(Note("backtest_fit", {"model": key, "warnings": ", ".join(caught)}))
        if not np.isfinite(predicted).all():
            notes.append(Note("non_finite_backtest", {"model": key}))
            continue
        backtest[key] = predicted
    table = _accuracy_frame(backtest, y[:start])
    ranked = sorted(table.index, key=lambda k: (table.loc[k, "mae"], _ORDER.index(k)))

    point = paths = None
    model = None
    for key in ranked:
        sigma = table.loc[key, "rmse"]
        try:
            point, paths = _future(y, key, horizon, sigma, notes)
        except _FIT_ERRORS as exc:
            notes.append(Note("not_refitted", {"model": key, "error": type(exc).__name__}))
            continue
        if np.isfinite(point).all() and (paths is None or np.isfinite(paths).all()):
            model = key
            break
        notes.append(Note("non_finite", {"model": key}))
    if model is None or point is None:
        notes.append(Note("no_model"))
        model, point, paths = "naive", naive_forecast(y, horizon), None
    point = floor_at_zero(point, y)
    paths = None if paths is None else floor_at_zero(paths, y)
    out["forecast"] = point
    if paths is not None:
        for level in LEVELS:
            tail = (100 - level) / 2
            out[f"lo{level}"] = np.percentile(paths, tail, axis=0)
            out[f"hi{level}"] = np.percentile(paths, 100 - tail, axis=0)
    if len(y) >= SEASON:
        out["baseline"] = seasonal_naive_forecast(y, horizon)
    return _forecast(history, model, out, paths, backtest, table, notes)


ROLES = {
    "chosen": N_("chosen"),
    "baseline": N_("baseline"),
    "chosen, baseline": N_("chosen, baseline"),
}
"""A model's role in the backtest table (:func:`accuracy_table`), in English."""


def accuracy_table(fc: RevenueForecast) -> pd.DataFrame:
    """The backtest accuracy of every candidate, indexed by readable model name: a reader's table.

    Columns as ``RevenueForecast.accuracy`` plus ``role``: "chosen", "baseline" (seasonal naïve),
    "chosen, baseline" or "". Best (lowest WAPE) first. Model names and roles are in the
    report's language (:func:`~reportlib.analysis.forecast.models.model_label`, :data:`ROLES`).
    """
    frame = fc.accuracy.sort_values("wape", kind="stable")
    role = pd.Series("", index=frame.index, dtype="object")
    role[frame.index == BASELINE] = _(ROLES["baseline"])
    chosen = "chosen" if fc.model != BASELINE else "chosen, baseline"
    role[frame.index == fc.model] = _(ROLES[chosen])
    frame = frame.assign(role=role)
    return frame.rename(index=model_label).rename_axis("model")
