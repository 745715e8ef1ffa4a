"""Forecasts: monthly revenue by time series, landing against target, and the pipeline's view.

Time series (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.):

- The series is net invoiced revenue per calendar month (``revenue.monthly_summary``) from the
  first month with orders to the reported month, months without orders counting as 0.
- Candidate models: seasonal naïve (ŷ_{T+h} = y_{T+h−12(k+1)}, k = ⌊(h−1)/12⌋), drift (random
  walk with drift, ŷ_{T+h} = y_T + h (y_T − y_1) ÷ (T − 1)) and two ETS models fitted by
  statsmodels' ``ETSModel`` with an additive damped trend and a 12-month season: ETS(A,Ad,A)
  (additive seasonality) and ETS(M,Ad,M) (multiplicative seasonality, only for series with every
  month above 0). Initial states use the heuristic of Hyndman et al. (2008, §2.6).
- Backtest: rolling origin over the last :data:`BACKTEST_ORIGINS` months, one step ahead: each of
  those months is forecast from the months before it. The naïve methods recompute at every origin;
  the ETS models estimate their parameters once on the months before the first origin and update
  their states at each origin ("rolling origin without recalibration", Tashman 2000), which keeps
  the backtest to one fit per model.
- The model with the lowest backtest WAPE is chosen (equivalently the lowest MAE: all models share
  the window); ties go to the simpler model. Seasonal naïve is always reported beside it.
- Prediction intervals (80% and 95%) and every probability come from :data:`PATHS` simulated
  future paths: for ETS, simulated from the fitted state-space model (normal errors with the fitted
  variance); for the naïve methods, from the random walk each method assumes (seasonal random walk
  for seasonal naïve, random walk with the estimated drift for drift) with normal errors whose
  standard deviation is the RMSE of the method's own backtest errors. The seed is fixed, so the
  same data give the same figures.
- Short or odd histories fall back to simpler models and say so in ``note``: fewer than
  :data:`MIN_ETS_MONTHS` months, no ETS (it needs two full years before the backtest); fewer than
  :data:`MIN_SEASONAL_MONTHS`, no seasonal naïve (naïve and drift instead, no baseline); fewer than
  3 months, the average month without backtest or intervals; a month at or below 0 excludes the
  multiplicative ETS. Fitting problems (convergence and other warnings, failed fits) are caught and
  noted, never raised.

Landing of the fiscal quarter and year = revenue invoiced from the period's first month to the
reported month + Σ point forecasts of the remaining months; target = Σ monthly targets of the whole
quarter / year; probability of reaching target = share of simulated paths whose landing is at
least the target.

Accuracy (``accuracy``), e = actual − forecast: MAPE = mean |e ÷ A| over months with A ≠ 0;
WAPE = Σ|e| ÷ Σ|A|; bias = Σ(F − A) ÷ ΣA (positive: forecasts too high); MASE = MAE ÷ in-sample
MAE of the seasonal naïve method on the months before the backtest (Hyndman & Koehler 2006; the
naïve method when those months do not span a season). Ratios are fractions.

Keeping score: each run stores its forecast as a JSON record (:func:`forecast_record`); the next
reports read the stored records back (:func:`history_from_records`) and compare, for every month up
to the reported one, the forecast made the month before it (one step ahead) with the actual
(:func:`forecast_scorecard`): error = forecast − actual, error % = error ÷ actual, and whether the
actual fell inside the 80% and 95% intervals; over the track record, WAPE = Σ|error| ÷ Σ|actual|,
bias = Σ error ÷ Σ actual and the share of actuals inside each interval (:func:`track_record`).
A record in another currency than the report's is not compared; a note says so.

Pipeline view (Salesforce forecast categories, ``docs`` glossary): deals open at the end of the
reported month (``pipeline.open_mask``) whose close date falls in the rest of the current fiscal
quarter (after the reported month, up to the quarter's end). Weighted pipeline = Σ amount ×
probability of those deals, whatever their category. Closed = Σ amount of deals won with a close
date in the quarter to date. Commit forecast = Commit + Closed; Best Case forecast = Best Case +
Most Likely + Commit + Closed; open pipeline = Pipeline + Best Case + Most Likely + Commit. In a
quarter's last month nothing of the quarter remains, so only Closed counts. Opportunities keep no
stage history: for a past month, deals are judged by their current stage and category.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from reportlib.analysis._common import ratio
from reportlib.analysis.pipeline import open_mask
from reportlib.analysis.revenue import (
    fiscal_year_start,
    monthly_revenue,
    monthly_targets,
    quarter_start,
)

SEASON = 12
BACKTEST_ORIGINS = 12
HORIZON = 12
PATHS = 2000
SEED = 2024
LEVELS = (80, 95)
MIN_ETS_TRAIN = 2 * SEASON
MIN_BACKTEST = 6
MIN_ETS_MONTHS = MIN_ETS_TRAIN + MIN_BACKTEST
MIN_SEASONAL_MONTHS = SEASON + 3
BASELINE = "seasonal_naive"

MODEL_LABELS = {
    "seasonal_naive": "Seasonal naïve",
    "naive": "Naïve (last month)",
    "drift": "Drift (random walk with drift)",
    "ets_additive": "ETS(A,Ad,A): damped trend, additive seasonality",
    "ets_multiplicative": "ETS(M,Ad,M): damped trend, multiplicative seasonality",
    "mean": "Average month",
}
# (error, seasonal) of each ETS model; the trend is additive and damped
_ETS = {"ets_additive": ("add", "add"), "ets_multiplicative": ("mul", "mul")}
# order of preference on ties: simplest first
_ORDER = ("seasonal_naive", "naive", "drift", "ets_additive", "ets_multiplicative")
_FIT_ERRORS = (ValueError, ArithmeticError, np.linalg.LinAlgError, RuntimeError)

CATEGORIES = ("Closed", "Commit", "Most Likely", "Best Case", "Pipeline")
_CATEGORY_ALIASES = {
    "pipeline": "Pipeline",
    "bestcase": "Best Case",
    "mostlikely": "Most Likely",
    "commit": "Commit",
    "forecast": "Commit",  # Salesforce API value of Commit
    "closed": "Closed",
    "omitted": "Omitted",
}
VIEW_LABELS = ("Time-series landing", "Commit forecast", "Best-case forecast", "Target")


def model_label(model: str | None) -> str:
    """The readable name of a model key (``"n/a"`` for none)."""
    return "n/a" if model is None else MODEL_LABELS.get(model, model)


def _short(model: str) -> str:
    """The name of a model before its description: ``ETS(A,Ad,A)``, ``Seasonal naïve``."""
    return model_label(model).split(":")[0]


# --- simple forecasting methods ----------------------------------------------------------------


def seasonal_naive_forecast(history: np.ndarray, horizon: int, season: int = SEASON) -> np.ndarray:
    """ŷ_{T+h} = y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋: the last value of the same season."""
    values = np.asarray(history, dtype=float)
    return values[-season:][np.arange(horizon) % season]


def naive_forecast(history: np.ndarray, horizon: int) -> np.ndarray:
    """ŷ_{T+h} = y_T."""
    return np.full(horizon, float(np.asarray(history, dtype=float)[-1]))


def drift_forecast(history: np.ndarray, horizon: int) -> np.ndarray:
    """ŷ_{T+h} = y_T + h (y_T − y_1) ÷ (T − 1): the line through the first and last values."""
    values = np.asarray(history, dtype=float)
    slope = (values[-1] - values[0]) / (len(values) - 1) if len(values) > 1 else 0.0
    return values[-1] + slope * np.arange(1, horizon + 1)


def mean_forecast(history: np.ndarray, horizon: int) -> np.ndarray:
    """ŷ_{T+h} = (y_1 + … + y_T) ÷ T."""
    return np.full(horizon, float(np.mean(np.asarray(history, dtype=float))))


# --- accuracy ----------------------------------------------------------------------------------


def accuracy(
    actual: np.ndarray | pd.Series,
    forecast: np.ndarray | pd.Series,
    training: np.ndarray | pd.Series | None = None,
    season: int = SEASON,
) -> dict[str, float | None]:
    """Point-forecast accuracy of ``forecast`` against ``actual`` (e = A − F).

    - ``mae`` = mean |e|; ``rmse`` = √mean(e²).
    - ``mape`` = mean |e ÷ A| over the months with A ≠ 0 (fraction; None when every A is 0).
    - ``wape`` = Σ|e| ÷ Σ|A| (None when Σ|A| = 0).
    - ``bias`` = Σ(F − A) ÷ ΣA (None when ΣA = 0); positive when forecasts run high.
    - ``mase`` = MAE ÷ mean |y_t − y_{t−m}| over ``training`` (Hyndman & Koehler 2006), m =
      ``season``, or 1 when ``training`` does not exceed one season; None without ``training``
      or with a zero scale.

    Returns:
        The measures above and ``n``, the number of forecasts compared.
    """
    a = np.asarray(actual, dtype=float)
    f = np.asarray(forecast, dtype=float)
    out: dict[str, float | None] = dict.fromkeys(("mae", "rmse", "mape", "wape", "bias", "mase"))
    out["n"] = float(len(a))
    if len(a) == 0:
        return out
    e = a - f
    out["mae"] = float(np.mean(np.abs(e)))
    out["rmse"] = float(np.sqrt(np.mean(e**2)))
    nonzero = a != 0
    out["mape"] = float(np.mean(np.abs(e[nonzero] / a[nonzero]))) if nonzero.any() else None
    out["wape"] = ratio(float(np.sum(np.abs(e))), float(np.sum(np.abs(a))))
    out["bias"] = ratio(float(np.sum(f - a)), float(np.sum(a)))
    if training is not None:
        y = np.asarray(training, dtype=float)
        m = season if len(y) > season else 1
        if len(y) > m:
            out["mase"] = ratio(out["mae"], float(np.mean(np.abs(y[m:] - y[:-m]))))
    return out


# --- the revenue series and its forecast -------------------------------------------------------


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
            None when the model gives no distribution.
        backtest: One row per backtest month: ``actual`` and each candidate's one-step forecast.
        accuracy: One row per candidate model (index: model key) with ``wape``, ``mape``,
            ``mase``, ``bias``, ``mae``, ``rmse``, ``n``.
        note: What was simplified or went wrong, in words; empty when nothing.
    """

    history: pd.Series
    model: str | None
    forecast: pd.DataFrame
    paths: np.ndarray | None
    backtest: pd.DataFrame
    accuracy: pd.DataFrame
    note: str = ""
    baseline: str = field(default=BASELINE)

    @property
    def model_label(self) -> str:
        """Readable name of the chosen model."""
        return model_label(self.model)

    def backtest_wape(self, model: str | None = None) -> float | None:
        """Backtest WAPE of ``model`` (the chosen one by default); None when not backtested."""
        key = self.model if model is None else model
        if key is None or key not in self.accuracy.index:
            return None
        value = self.accuracy.loc[key, "wape"]
        return None if pd.isna(value) else float(value)


def _quiet(func: Callable[..., Any], *args: Any) -> tuple[Any, list[str]]:
    """Call ``func`` with warnings recorded (never raised); return its result and the warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, sorted({w.category.__name__ for w in caught})


def _ets_model(y: np.ndarray, key: str, **init: Any) -> Any:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    error, seasonal = _ETS[key]
    return ETSModel(
        y,
        error=error,
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=SEASON,
        **init,
    )


def _fit_ets(y: np.ndarray, key: str) -> Any:
    return _ets_model(y, key, initialization_method="heuristic").fit(disp=False)


def _ets_one_step(y: np.ndarray, key: str, train: int) -> np.ndarray:
    """One-step forecasts of ``y[train:]``: parameters from ``y[:train]``, states updated."""
    fit = _fit_ets(y[:train], key)
    full = _ets_model(
        y,
        key,
        initialization_method="known",
        initial_level=fit.initial_level,
        initial_trend=fit.initial_trend,
        initial_seasonal=fit.initial_seasonal,
    )
    params = [fit.params[fit.param_names.index(name)] for name in full.param_names]
    return np.asarray(full.smooth(params).fittedvalues, dtype=float)[train:]


def _ets_future(
    y: np.ndarray, key: str, horizon: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Point forecasts and :data:`PATHS` simulated paths (rows) of an ETS model fitted on ``y``."""
    fit = _fit_ets(y, key)
    point = np.asarray(fit.forecast(horizon), dtype=float)
    sims = fit.simulate(horizon, anchor="end", repetitions=PATHS, rng=rng)
    return point, np.asarray(sims, dtype=float).reshape(horizon, PATHS).T


def _one_step(y: np.ndarray, key: str, start: int) -> np.ndarray:
    """One-step forecasts of ``y[start:]``, each from the values before it."""
    t = np.arange(start, len(y))
    if key == "seasonal_naive":
        return y[t - SEASON]
    if key == "naive":
        return y[t - 1]
    if key == "drift":
        return y[t - 1] + (y[t - 1] - y[0]) / np.maximum(t - 1, 1)
    return _ets_one_step(y, key, start)


def _candidates(y: np.ndarray, origins: int) -> tuple[list[str], int, list[str]]:
    """Candidate models, backtest length and notes for a history ``y`` (at least 3 months)."""
    n = len(y)
    notes = []
    if n >= MIN_ETS_MONTHS:
        models = ["seasonal_naive", "drift", "ets_additive"]
        if (y > 0).all():
            models.append("ets_multiplicative")
        else:
            notes.append("a month at or below zero rules out multiplicative seasonality")
        return models, min(origins, n - MIN_ETS_TRAIN), notes
    if n >= MIN_SEASONAL_MONTHS:
        notes.append(
            f"only {n} months of history: ETS needs {MIN_ETS_MONTHS} (two full years before "
            "the backtest), so only seasonal naïve and drift were compared"
        )
        return ["seasonal_naive", "drift"], min(origins, n - SEASON), notes
    notes.append(
        f"only {n} months of history: no seasonal model and no seasonal-naïve baseline "
        f"(they need {MIN_SEASONAL_MONTHS}), so naïve and drift were compared"
    )
    return ["naive", "drift"], min(origins, n - 2), notes


def _naive_paths(
    y: np.ndarray, key: str, horizon: int, sigma: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Point forecasts and simulated paths of a naïve method with normal errors of sd ``sigma``."""
    eps = rng.normal(0.0, sigma, size=(PATHS, horizon))
    if key == "seasonal_naive":
        point = seasonal_naive_forecast(y, horizon)
        for h in range(SEASON, horizon):  # a seasonal random walk: errors add up year on year
            eps[:, h] += eps[:, h - SEASON]
        return point, point + eps
    point = drift_forecast(y, horizon) if key == "drift" else naive_forecast(y, horizon)
    return point, point + np.cumsum(eps, axis=1)


def _future(
    y: np.ndarray, key: str, horizon: int, sigma: float | None, notes: list[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Point forecasts and simulated paths of model ``key`` fitted on the whole history."""
    rng = np.random.default_rng(SEED)
    if key in _ETS:
        (point, paths), caught = _quiet(_ets_future, y, key, horizon, rng)
        if caught:
            notes.append(f"{_short(key)} final fit: {', '.join(caught)}")
        return point, paths
    if sigma is None or not np.isfinite(sigma):
        return naive_forecast(y, horizon), None
    return _naive_paths(y, key, horizon, sigma, rng)


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

    See the module docstring for the models, the backtest, the choice, the intervals and the
    fallbacks for short histories. Never raises on odd data: problems end up in ``note``.

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
        return RevenueForecast(
            history, None, out, None, empty_backtest, empty_accuracy, "no revenue history"
        )
    if not np.isfinite(y).all():
        note = "the revenue history has missing values; no forecast"
        return RevenueForecast(history, None, out, None, empty_backtest, empty_accuracy, note)
    if len(y) < 3:
        out["forecast"] = mean_forecast(y, horizon)
        note = (
            f"only {len(y)} month(s) of history: the forecast is the average month, "
            "without backtest, intervals or probabilities"
        )
        return RevenueForecast(history, "mean", out, None, empty_backtest, empty_accuracy, note)

    models, window, notes = _candidates(y, origins)
    start = len(y) - window
    backtest = pd.DataFrame({"actual": y[start:]}, index=history.index[start:])
    for key in models:
        try:
            predicted, caught = _quiet(_one_step, y, key, start)
        except _FIT_ERRORS as exc:
            notes.append(f"{_short(key)} could not be fitted ({type(exc).__name__})")
            continue
        if caught:
            notes.append(f"{_short(key)} backtest fit: {', '.join(caught)}")
        if not np.isfinite(predicted).all():
            notes.append(f"{_short(key)} gave non-finite backtest forecasts; left out")
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
            notes.append(f"{_short(key)} could not be refitted ({type(exc).__name__})")
            continue
        if np.isfinite(point).all() and (paths is None or np.isfinite(paths).all()):
            model = key
            break
        notes.append(f"{_short(key)} gave non-finite forecasts; left out")
    if model is None or point is None:
        notes.append("no model could be fitted; the forecast repeats the last month")
        model, point, paths = "naive", naive_forecast(y, horizon), None
    out["forecast"] = point
    if paths is not None:
        for level in LEVELS:
            tail = (100 - level) / 2
            out[f"lo{level}"] = np.percentile(paths, tail, axis=0)
            out[f"hi{level}"] = np.percentile(paths, 100 - tail, axis=0)
    if len(y) >= SEASON:
        out["baseline"] = seasonal_naive_forecast(y, horizon)
    return RevenueForecast(history, model, out, paths, backtest, table, "; ".join(notes))


def accuracy_table(fc: RevenueForecast) -> pd.DataFrame:
    """The backtest accuracy of every candidate, indexed by readable model name.

    Columns as ``RevenueForecast.accuracy`` plus ``role``: "chosen", "baseline" (seasonal naïve)
    or "". Best (lowest WAPE) first.
    """
    frame = fc.accuracy.sort_values("wape", kind="stable")
    role = pd.Series("", index=frame.index, dtype="object")
    role[frame.index == BASELINE] = "baseline"
    role[frame.index == fc.model] = "chosen" if fc.model != BASELINE else "chosen, baseline"
    frame = frame.assign(role=role)
    return frame.rename(index=MODEL_LABELS).rename_axis("model")


# --- landing against target --------------------------------------------------------------------


def _landing_row(
    fc: RevenueForecast,
    target: pd.Series | None,
    start: pd.Period,
    end: pd.Period,
    period: pd.Period,
) -> dict[str, object]:
    history = fc.history
    actual = float(history[(history.index >= start) & (history.index <= period)].sum())
    rest = fc.forecast[(fc.forecast.index > period) & (fc.forecast.index <= end)]
    months = len(rest)
    landing = actual + float(rest["forecast"].sum())
    quota = None
    if target is not None:
        quota = float(target[(target.index >= start) & (target.index <= end)].sum())
    sums = None
    if months == 0:
        sums = np.array([actual])
    elif fc.paths is not None and fc.paths.shape[1] >= months:
        sums = actual + fc.paths[:, :months].sum(axis=1)
    probability = None
    if quota is not None and quota > 0 and sums is not None:
        probability = float(np.mean(sums >= quota))
    return {
        "start": start,
        "end": end,
        "months_left": months,
        "actual_to_date": actual,
        "forecast_rest": landing - actual,
        "landing": landing,
        "landing_lo80": float(np.percentile(sums, 10)) if sums is not None else np.nan,
        "landing_hi80": float(np.percentile(sums, 90)) if sums is not None else np.nan,
        "target": np.nan if quota is None else quota,
        "gap": np.nan if quota is None else landing - quota,
        "attainment": ratio(landing, quota) if quota is not None else None,
        "probability": probability,
    }


def landing(
    fc: RevenueForecast,
    targets: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
) -> pd.DataFrame:
    """Where the fiscal quarter and year holding ``period`` will land, against their targets.

    landing = Σ revenue from the period's first month to ``period`` + Σ point forecasts of the
    months after ``period`` up to the period's end; target = Σ monthly targets of the whole
    quarter / year; probability = share of simulated paths with landing ≥ target (0 or 1 when no
    month remains; None without targets, a positive target or simulated paths);
    ``landing_lo80`` / ``landing_hi80`` = 10th / 90th percentile of the simulated landings.

    Args:
        fc: Forecast whose history ends with ``period``.
        targets: The targets table, or None.
        period: The reported month.
        fiscal_year_start_month: First month of the fiscal year.

    Returns:
        Rows ``quarter`` and ``year`` with ``start``, ``end``, ``months_left``,
        ``actual_to_date``, ``forecast_rest``, ``landing``, ``landing_lo80``, ``landing_hi80``,
        ``target``, ``gap`` (landing − target), ``attainment`` (landing ÷ target) and
        ``probability``.
    """
    if len(fc.history) and fc.history.index[-1] != period:
        raise ValueError(
            f"the forecast's history ends in {fc.history.index[-1]}, not in the reported month "
            f"{period}; build it with revenue_series(orders, period)"
        )
    target = monthly_targets(targets) if targets is not None else None
    q0 = quarter_start(period, fiscal_year_start_month)
    y0 = fiscal_year_start(period, fiscal_year_start_month)
    rows = {
        "quarter": _landing_row(fc, target, q0, q0 + 2, period),
        "year": _landing_row(fc, target, y0, y0 + 11, period),
    }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    numeric = [c for c in frame.columns if c not in ("start", "end", "months_left")]
    frame[numeric] = frame[numeric].astype("float64")
    return frame


# --- the pipeline's view -----------------------------------------------------------------------


def _category(opportunities: pd.DataFrame) -> pd.Series:
    """Forecast categories named as in the schema; API values (``BestCase``, ``Forecast``) too."""
    key = (
        opportunities["forecast_category"]
        .astype("string")
        .str.lower()
        .str.replace(r"[\s_-]", "", regex=True)
    )
    return key.map(_CATEGORY_ALIASES).astype("string")


def _rest_of_quarter(
    opportunities: pd.DataFrame, period: pd.Period, fiscal_year_start_month: int
) -> pd.Series:
    """Deals open at the end of ``period`` closing after it, up to the fiscal quarter's end."""
    q_end = (quarter_start(period, fiscal_year_start_month) + 2).end_time
    close = opportunities["close_date"]
    rest = open_mask(opportunities, period) & (close > period.end_time) & (close <= q_end)
    return rest.fillna(False).astype(bool)


def forecast_categories(
    opportunities: pd.DataFrame | None, period: pd.Period, fiscal_year_start_month: int = 1
) -> pd.DataFrame:
    """Deals behind the pipeline forecast of the fiscal quarter holding ``period``, by category.

    ``Closed``: deals won with a close date from the quarter's first day to the end of
    ``period``. The other categories: deals open at the end of ``period`` (``open_mask``) with a
    close date after it and up to the quarter's end. ``weighted`` = Σ amount × probability
    (= amount for Closed). Omitted deals, unknown categories and deals still open at the end of
    ``period`` that carry the category Closed today (won since) are left out.

    Returns:
        Rows :data:`CATEGORIES` (index ``category``) with ``deals``, ``amount`` and ``weighted``;
        empty without opportunities.
    """
    columns = ["deals", "amount", "weighted"]
    if opportunities is None:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="category"))
    q0 = quarter_start(period, fiscal_year_start_month)
    close = opportunities["close_date"]
    amount = opportunities["amount"].astype("float64").fillna(0.0)
    won = opportunities["is_won"].fillna(False).astype(bool)
    closed = won & (close >= q0.start_time) & (close <= period.end_time)
    rest = _rest_of_quarter(opportunities, period, fiscal_year_start_month)
    current = _category(opportunities)
    # an open deal's current category "Closed" tells what happened after the period: left out
    category = current.where(current != "Closed").where(~closed, "Closed")
    chosen = (closed | rest).fillna(False) & category.isin(CATEGORIES).fillna(False)
    probability = opportunities["probability"].astype("float64").fillna(0.0).where(~closed, 1.0)
    deals = pd.DataFrame(
        {
            "category": category[chosen],
            "amount": amount[chosen],
            "weighted": (amount * probability)[chosen],
        }
    )
    grouped = deals.groupby("category", observed=True)
    out = pd.DataFrame(
        {
            "deals": grouped.size(),
            "amount": grouped["amount"].sum(),
            "weighted": grouped["weighted"].sum(),
        }
    ).reindex(pd.Index(CATEGORIES, name="category"), fill_value=0)
    return out.astype({"deals": "int64", "amount": "float64", "weighted": "float64"})


def pipeline_forecast(
    opportunities: pd.DataFrame | None, period: pd.Period, fiscal_year_start_month: int = 1
) -> dict[str, float | None]:
    """The pipeline's forecast of the fiscal quarter holding ``period`` (None without deals).

    - ``weighted_pipeline``: Σ amount × probability of deals open at the end of ``period`` closing
      in the rest of the quarter, every forecast category included.
    - ``closed_won_qtd``: Σ amount won in the quarter to date (category Closed).
    - ``commit_forecast`` = Commit + Closed.
    - ``best_case_forecast`` = Best Case + Most Likely + Commit + Closed.
    - ``open_pipeline_quarter`` = Pipeline + Best Case + Most Likely + Commit.
    """
    keys = (
        "weighted_pipeline",
        "closed_won_qtd",
        "commit_forecast",
        "best_case_forecast",
        "open_pipeline_quarter",
    )
    if opportunities is None:
        return dict.fromkeys(keys)
    rest = _rest_of_quarter(opportunities, period, fiscal_year_start_month)
    amount = opportunities["amount"].astype("float64")
    weighted = amount * opportunities["probability"].astype("float64")
    by = forecast_categories(opportunities, period, fiscal_year_start_month)["amount"]
    closed = float(by["Closed"])
    return {
        "weighted_pipeline": float(weighted[rest].sum()),
        "closed_won_qtd": closed,
        "commit_forecast": float(by["Commit"]) + closed,
        "best_case_forecast": float(by[["Best Case", "Most Likely", "Commit"]].sum()) + closed,
        "open_pipeline_quarter": float(
            by[["Pipeline", "Best Case", "Most Likely", "Commit"]].sum()
        ),
    }


def quarter_views(landings: pd.DataFrame, pipeline: Mapping[str, float | None]) -> pd.DataFrame:
    """The fiscal quarter as the time series and the pipeline see it, beside its target.

    Args:
        landings: Output of :func:`landing`.
        pipeline: Output of :func:`pipeline_forecast`.

    Returns:
        Rows :data:`VIEW_LABELS` (index ``view``) with ``amount`` and, for the time-series
        landing, its 80% range ``low`` / ``high`` (NaN elsewhere). Missing figures are NaN.
    """
    quarter = landings.loc["quarter"]

    def value(x: object) -> float:
        return np.nan if x is None or pd.isna(x) else float(x)  # type: ignore[arg-type]

    amounts = [
        value(quarter["landing"]),
        value(pipeline.get("commit_forecast")),
        value(pipeline.get("best_case_forecast")),
        value(quarter["target"]),
    ]
    low = [value(quarter["landing_lo80"]), np.nan, np.nan, np.nan]
    high = [value(quarter["landing_hi80"]), np.nan, np.nan, np.nan]
    index = pd.Index(VIEW_LABELS, name="view")
    return pd.DataFrame({"amount": amounts, "low": low, "high": high}, index=index)


# --- keeping score: stored forecasts against the actuals -----------------------------------------

RECORD_VALUES = ("forecast", "lo80", "hi80", "lo95", "hi95")
"""The figures of each month of a forecast record, in this order."""
HISTORY_COLUMNS = ("made_in", "month", "model", "currency", *RECORD_VALUES)
"""Columns of a forecast history frame (:func:`history_from_records`)."""
SCORECARD_COLUMNS = (
    "made_in",
    "model",
    *RECORD_VALUES,
    "actual",
    "error",
    "error_pct",
    "inside80",
    "inside95",
)
"""Columns of a scorecard (:func:`forecast_scorecard`), indexed by ``month``."""
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _json_number(value: object) -> float | None:
    """A figure as JSON holds it: a float, or None for a missing value."""
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def forecast_record(
    fc: RevenueForecast, *, region: str, made_in: pd.Period, currency: str
) -> dict[str, object]:
    """The forecast as a JSON-serialisable record, for the next reports to keep score.

    Args:
        fc: The forecast, fitted on the months up to ``made_in``.
        region: Id of the report (``all`` for the company).
        made_in: The reported month the forecast was made in.
        currency: ISO 4217 code of the forecast's money.

    Returns:
        ``{"region", "made_in": "YYYY-MM", "currency", "model", "rows"}``; ``rows`` holds every
        future month of ``fc.forecast``: ``{"month": "YYYY-MM", "forecast", "lo80", "hi80",
        "lo95", "hi95"}``, a missing figure as None (JSON null).

    Raises:
        ValueError: if the forecast's history does not end with ``made_in``.
    """
    if len(fc.history) and fc.history.index[-1] != made_in:
        raise ValueError(
            f"the forecast's history ends in {fc.history.index[-1]}, not in {made_in}; "
            "build it with revenue_series(orders, made_in)"
        )
    rows = [
        {"month": str(month), **{k: _json_number(row[k]) for k in RECORD_VALUES}}
        for month, row in fc.forecast.iterrows()
    ]
    return {
        "region": region,
        "made_in": str(made_in),
        "currency": currency,
        "model": fc.model,
        "rows": rows,
    }


def empty_history() -> pd.DataFrame:
    """A forecast history without records (columns :data:`HISTORY_COLUMNS`)."""
    return pd.DataFrame(
        {
            "made_in": pd.Series([], dtype="period[M]"),
            "month": pd.Series([], dtype="period[M]"),
            "model": pd.Series([], dtype="object"),
            "currency": pd.Series([], dtype="object"),
            **{k: pd.Series([], dtype="float64") for k in RECORD_VALUES},
        }
    )


def _month(value: object, where: str) -> pd.Period:
    if not isinstance(value, str) or not _MONTH_RE.match(value):
        raise ValueError(f"{where} is {value!r}, expected a month written YYYY-MM")
    return pd.Period(value, freq="M")


def _text(value: object, where: str, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value:
        expected = "a text or null" if nullable else "a text"
        raise ValueError(f"{where} is {value!r}, expected {expected}")
    return value


def _figure(value: object, where: str) -> float:
    if value is None:
        return np.nan
    if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
        raise ValueError(f"{where} is {value!r}, expected a number or null")
    return float(value)


def _field(record: Mapping[str, object], key: str, where: str) -> object:
    if key not in record:
        raise ValueError(f"{where} has no {key!r}")
    return record[key]


def _record_rows(
    record: object, where: str, region: str | None
) -> tuple[pd.Period, list[dict[str, object]]]:
    """The month one record was made in and its history rows, checked."""
    if not isinstance(record, Mapping):
        raise ValueError(f"{where} is {type(record).__name__}, expected an object")
    made_in = _month(_field(record, "made_in", where), f"{where}.made_in")
    where = f"{where} (made in {made_in})"
    owner = _text(_field(record, "region", where), f"{where}.region")
    if region is not None and owner != region:
        raise ValueError(f"{where} is a forecast of region {owner!r}, not of {region!r}")
    currency = _text(_field(record, "currency", where), f"{where}.currency")
    model = _text(_field(record, "model", where), f"{where}.model", nullable=True)
    rows = _field(record, "rows", where)
    if not isinstance(rows, list):
        raise ValueError(f"{where}.rows is {type(rows).__name__}, expected a list")
    out = []
    seen = set()
    for j, row in enumerate(rows):
        at = f"{where}.rows[{j}]"
        if not isinstance(row, Mapping):
            raise ValueError(f"{at} is {type(row).__name__}, expected an object")
        month = _month(_field(row, "month", at), f"{at}.month")
        if month <= made_in:
            raise ValueError(f"{at}.month is {month}, expected a month after {made_in}")
        if month in seen:
            raise ValueError(f"{at}.month {month} appears twice in the record")
        seen.add(month)
        values = {k: _figure(_field(row, k, at), f"{at}.{k}") for k in RECORD_VALUES}
        out.append(
            {"made_in": made_in, "month": month, "model": model, "currency": currency, **values}
        )
    return made_in, out


def history_from_records(records: object, region: str | None = None) -> pd.DataFrame:
    """Stored forecast records (:func:`forecast_record`, as read from JSON) as one frame.

    Args:
        records: A list of records, e.g. ``json.loads`` of the history file.
        region: When given, every record must be a forecast of this region.

    Returns:
        One row per record and forecast month, columns :data:`HISTORY_COLUMNS` (``made_in`` and
        ``month`` monthly Periods, missing figures NaN), ordered by ``made_in`` then ``month``.

    Raises:
        ValueError: naming the record and field at fault, if ``records`` is not a list of
            records, a field is missing or of the wrong type, a month is not ``YYYY-MM`` or not
            after ``made_in``, or two records were made in the same month.
    """
    if not isinstance(records, list):
        raise ValueError(f"the history is {type(records).__name__}, expected a list of records")
    rows: list[dict[str, object]] = []
    made: dict[pd.Period, int] = {}
    for i, record in enumerate(records):
        month, found = _record_rows(record, f"record {i}", region)
        if month in made:
            raise ValueError(f"records {made[month]} and {i} were both made in {month}")
        made[month] = i
        rows += found
    if not rows:
        return empty_history()
    frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS))
    frame = frame.astype({"made_in": "period[M]", "month": "period[M]", "model": "object"})
    frame = frame.astype({"currency": "object", **dict.fromkeys(RECORD_VALUES, "float64")})
    return frame.sort_values(["made_in", "month"], kind="stable").reset_index(drop=True)


def _stored_one_step(history: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """Stored forecasts made the month before their month, for months up to ``period``."""
    rows = history[(history["month"] == history["made_in"] + 1) & (history["month"] <= period)]
    return rows[rows["forecast"].notna()]


def forecast_scorecard(
    history: pd.DataFrame,
    actual: pd.Series,
    period: pd.Period,
    currency: str | None = None,
) -> pd.DataFrame:
    """Each month's one-step-ahead forecast against its actual, up to ``period``.

    A month is scored when it has an actual and a stored forecast made the month before it;
    other months are absent.

    Args:
        history: Stored forecasts (:func:`history_from_records`).
        actual: Monthly revenue (monthly ``PeriodIndex``), e.g. :func:`revenue_series`.
        period: The reported month; later months are left out.
        currency: The report's currency; forecasts recorded in another are left out (see
            :func:`track_record` for the note). None compares every record.

    Returns:
        One row per month (index ``month``, oldest first) with :data:`SCORECARD_COLUMNS`:
        the record's ``made_in``, ``model``, ``forecast`` and intervals, ``actual``, ``error`` =
        forecast − actual, ``error_pct`` = error ÷ actual (NaN when the actual is 0),
        ``inside80`` / ``inside95`` = lo ≤ actual ≤ hi (nullable booleans, NA without interval).
    """
    rows = _stored_one_step(history, period)
    if currency is not None:
        rows = rows[rows["currency"] == currency]
    known = actual.dropna()
    rows = rows[rows["month"].isin(known.index)]
    card = rows.set_index("month").sort_index()
    card = card.assign(actual=known.reindex(card.index).astype("float64").to_numpy())
    card["error"] = card["forecast"] - card["actual"]
    card["error_pct"] = card["error"] / card["actual"].where(card["actual"] != 0)
    for level in LEVELS:
        lo, hi = card[f"lo{level}"], card[f"hi{level}"]
        inside = ((lo <= card["actual"]) & (card["actual"] <= hi)).astype("boolean")
        card[f"inside{level}"] = inside.mask(lo.isna() | hi.isna())
    card.index = pd.PeriodIndex(card.index, freq="M", name="month")
    return card[list(SCORECARD_COLUMNS)]


@dataclass(frozen=True)
class TrackRecord:
    """How the stored one-step-ahead forecasts fared against the actuals.

    Attributes:
        table: The scorecard (:func:`forecast_scorecard`).
        last: The reported month's row of ``table``; None when no forecast of it is stored.
        wape: Σ|error| ÷ Σ|actual| over ``table`` (None without rows or actuals).
        bias: Σ error ÷ Σ actual (positive: forecasts ran high).
        inside80_share: Share of the months with an 80% interval whose actual fell inside it.
        inside95_share: The same for the 95% interval.
        note: Stored forecasts that were not compared, and why; empty when none.
    """

    table: pd.DataFrame
    last: pd.Series | None
    wape: float | None
    bias: float | None
    inside80_share: float | None
    inside95_share: float | None
    note: str = ""

    @property
    def months(self) -> int:
        """Number of months scored."""
        return len(self.table)


def _share(flags: pd.Series) -> float | None:
    known = flags.dropna()
    return float(known.astype(bool).mean()) if len(known) else None


def track_record(
    history: pd.DataFrame, actual: pd.Series, period: pd.Period, currency: str
) -> TrackRecord:
    """The scorecard and its summary: last month's forecast and the track record so far.

    Args:
        history: Stored forecasts (:func:`history_from_records`).
        actual: Monthly revenue up to ``period``, e.g. :func:`revenue_series`.
        period: The reported month.
        currency: The report's currency; forecasts recorded in another are not compared.
    """
    card = forecast_scorecard(history, actual, period, currency)
    other = _stored_one_step(history, period)
    other = other[other["currency"] != currency]
    note = ""
    if len(other):
        made = ", ".join(str(m) for m in other["made_in"])
        held = ", ".join(sorted(set(other["currency"].astype(str))))
        note = (
            f"the forecasts made in {made} are in {held}, not in {currency}, so they are not "
            "compared"
        )
    errors, actuals = card["error"], card["actual"]
    return TrackRecord(
        table=card,
        last=card.loc[period] if period in card.index else None,
        wape=ratio(float(errors.abs().sum()), float(actuals.abs().sum())) if len(card) else None,
        bias=ratio(float(errors.sum()), float(actuals.sum())) if len(card) else None,
        inside80_share=_share(card["inside80"]),
        inside95_share=_share(card["inside95"]),
        note=note,
    )


def interval_verdict(row: pd.Series) -> str:
    """Where a scorecard row's actual fell against its intervals, in words.

    Returns:
        "inside the 80% prediction interval", "outside the 80% but inside the 95% prediction
        interval", "outside the 95% prediction interval", or "the forecast had no prediction
        interval".
    """
    if pd.isna(row["inside80"]) or pd.isna(row["inside95"]):
        return "the forecast had no prediction interval"
    if row["inside80"]:
        return "inside the 80% prediction interval"
    if row["inside95"]:
        return "outside the 80% but inside the 95% prediction interval"
    return "outside the 95% prediction interval"


# --- headline figures --------------------------------------------------------------------------


def forecast_kpis(
    orders: pd.DataFrame,
    targets: pd.DataFrame | None,
    opportunities: pd.DataFrame | None,
    period: pd.Period,
    fiscal_year_start_month: int = 1,
    history: pd.DataFrame | None = None,
    currency: str | None = None,
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
    """
    series = revenue_series(orders, period)
    fc = forecast_revenue(series)
    lands = landing(fc, targets, period, fiscal_year_start_month)
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
