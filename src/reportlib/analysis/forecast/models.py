"""The candidate forecasting models, their simulated futures and the accuracy measures.

Methods and models (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.):

- Seasonal naïve (ŷ_{T+h} = y_{T+h−12(k+1)}, k = ⌊(h−1)/12⌋), naïve (ŷ_{T+h} = y_T), drift
  (random walk with drift, ŷ_{T+h} = y_T + h (y_T − y_1) ÷ (T − 1)) and the average month
  (ŷ_{T+h} = mean of y_1 … y_T, for histories too short for anything else).
- Two ETS models fitted by statsmodels' ``ETSModel`` with an additive damped trend and a 12-month
  season: ETS(A,Ad,A) (additive seasonality) and ETS(M,Ad,M) (multiplicative seasonality, only
  for series with every month above 0). Initial states use the heuristic of Hyndman et al.
  (2008, §2.6). One-step backtest forecasts (:func:`_one_step`): the naïve methods recompute at
  every origin; the ETS models estimate their parameters once on the months before the first
  origin and update their states at each origin ("rolling origin without recalibration",
  Tashman 2000), which keeps the backtest to one fit per model.
- Simulated futures (:func:`_future`): :data:`PATHS` paths per model. For ETS, simulated from the
  fitted state-space model (normal errors with the fitted variance); for the naïve methods, from
  the random walk each method assumes (seasonal random walk for seasonal naïve, random walk with
  the estimated drift for drift) with normal errors whose standard deviation is the RMSE of the
  method's own backtest errors. The seed is fixed, so the same data give the same figures.
- Non-negative series (:func:`floor_at_zero`): when no month of the history is below 0 (revenue
  without a month of net returns), the point forecasts and every simulated path are floored at 0,
  so the intervals built from them never go below 0. Flooring (censoring the paths at 0) rather
  than modelling log revenue: months without orders are 0, which has no logarithm; the backtest
  compares the models on revenue itself; and where every month is above 0, ETS(M,Ad,M) is among
  the candidates already, with errors relative to the level as on a log scale.
- Fitting problems: warnings are recorded by :func:`_quiet` and reported in words, never raised.

Accuracy (:func:`accuracy`), e = actual − forecast: MAPE = mean |e ÷ A| over months with A ≠ 0;
WAPE = Σ|e| ÷ Σ|A|; bias = Σ(F − A) ÷ ΣA (positive: forecasts too high); MASE = MAE ÷ in-sample
MAE of the seasonal naïve method on the months before the backtest (Hyndman & Koehler 2006; the
naïve method when those months do not span a season). Ratios are fractions.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from reportlib.analysis._common import ratio
from reportlib.i18n import N_, _, ngettext

SEASON = 12
PATHS = 2000
SEED = 2024
BASELINE = "seasonal_naive"

MODEL_LABELS = {
    "seasonal_naive": N_("Seasonal naïve"),
    "naive": N_("Naïve (last month)"),
    "drift": N_("Drift (random walk with drift)"),
    "ets_additive": N_("ETS(A,Ad,A): damped trend, additive seasonality"),
    "ets_multiplicative": N_("ETS(M,Ad,M): damped trend, multiplicative seasonality"),
    "mean": N_("Average month"),
}
"""Each model's name, in English (``forecast_model`` in kpis.json holds the key); the report
shows :func:`model_label`, in its language."""
# (error, seasonal) of each ETS model; the trend is additive and damped
_ETS = {"ets_additive": ("add", "add"), "ets_multiplicative": ("mul", "mul")}


def model_label(model: str | None) -> str:
    """The readable name of a model key in the report's language (``"n/a"`` for none).

    A key that is not one of :data:`MODEL_LABELS` (a model of an older record) is shown as it is.
    """
    if model is None:
        return _("n/a")
    return _(MODEL_LABELS[model]) if model in MODEL_LABELS else model


def _short(model: str, *, translated: bool = False) -> str:
    """The name of a model before its description: ``ETS(A,Ad,A)``, ``Seasonal naïve``.

    In English (for ``RevenueForecast.note``, kept in kpis.json), or in the report's language.
    """
    label = model_label(model) if translated else MODEL_LABELS.get(model, model)
    return label.split(":")[0]


NOTES = {
    "no_history": N_("no revenue history"),
    "missing_values": N_("the revenue history has missing values; no forecast"),
    "no_multiplicative": N_("a month at or below zero rules out multiplicative seasonality"),
    "no_ets": N_(
        "only {n} months of history: ETS needs {needed} (two full years before the backtest), "
        "so only seasonal naïve and drift were compared"
    ),
    "no_seasonal": N_(
        "only {n} months of history: no seasonal model and no seasonal-naïve baseline (they "
        "need {needed}), so naïve and drift were compared"
    ),
    "average": "only {n} month(s) of history: the forecast is the average month, without "
    "backtest, intervals or probabilities",
    "not_fitted": N_("{model} could not be fitted ({error})"),
    "backtest_fit": N_("{model} backtest fit: {warnings}"),
    "non_finite_backtest": N_("{model} gave non-finite backtest forecasts; left out"),
    "not_refitted": N_("{model} could not be refitted ({error})"),
    "non_finite": N_("{model} gave non-finite forecasts; left out"),
    "no_model": N_("no model could be fitted; the forecast repeats the last month"),
    "final_fit": N_("{model} final fit: {warnings}"),
}
"""What a forecast may have simplified or met, as English templates (:class:`Note`)."""


@dataclass(frozen=True)
class Note:
    """One thing a forecast simplified or met, as a clause with named placeholders.

    Attributes:
        kind: A key of :data:`NOTES`.
        values: Its placeholders' values; ``model`` holds a model key (named in the text).
        count: The count that decides the plural form of a note that has one (``average``).
    """

    kind: str
    values: dict[str, str] = field(default_factory=dict)
    count: int | None = None

    def english(self) -> str:
        """The clause in English, as ``RevenueForecast.note`` and kpis.json keep it."""
        values = dict(self.values)
        if "model" in values:
            values["model"] = _short(values["model"])
        return NOTES[self.kind].format(**values)

    def text(self) -> str:
        """The clause in the report's language."""
        values = dict(self.values)
        if "model" in values:
            values["model"] = _short(values["model"], translated=True)
        if self.kind == "average":
            template = ngettext(
                "only {n} month of history: the forecast is the average month, without "
                "backtest, intervals or probabilities",
                "only {n} months of history: the forecast is the average month, without "
                "backtest, intervals or probabilities",
                self.count or 0,
            )
        else:
            template = _(NOTES[self.kind])
        return template.format(**values)


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


def floor_at_zero(values: np.ndarray, history: np.ndarray) -> np.ndarray:
    """``values`` with every figure below 0 raised to 0, when no month of ``history`` is below 0.

    A quantity that has never been negative (revenue, pipeline, counts) cannot be forecast below
    0: a simulated path that falls below it means none of it, 0. A history with a month below 0
    (net returns) keeps its forecasts as they are.

    Args:
        values: Point forecasts or simulated paths (any shape).
        history: The series they were forecast from.

    Returns:
        A new array of ``values``' shape.
    """
    out = np.array(values, dtype=float)
    if len(history) and (np.asarray(history, dtype=float) >= 0).all():
        np.maximum(out, 0.0, out=out, where=~np.isnan(out))
    return out


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


# --- fitting and simulating -------------------------------------------------------------------


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
    y: np.ndarray, key: str, horizon: int, sigma: float | None, notes: list[Note]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Point forecasts and simulated paths of model ``key`` fitted on the whole history."""
    rng = np.random.default_rng(SEED)
    if key in _ETS:
        (point, paths), caught = _quiet(_ets_future, y, key, horizon, rng)
        if caught:
            notes.append(Note("final_fit", {"model": key, "warnings": ", ".join(caught)}))
        return point, paths
    if sigma is None or not np.isfinite(sigma):
        return naive_forecast(y, horizon), None
    return _naive_paths(y, key, horizon, sigma, rng)
