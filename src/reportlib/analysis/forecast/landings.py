"""Where the fiscal quarter and year will land against target, and the quarter's views.

Landing of the fiscal quarter and year = revenue invoiced from the period's first month to the
reported month + Σ point forecasts of the remaining months; target = Σ monthly targets of the whole
quarter / year; probability of reaching target = share of simulated paths whose landing is at
least the target.

Views of the quarter (:func:`quarter_views`): the time-series landing beside the pipeline's commit
and best-case forecasts (:mod:`reportlib.analysis.forecast.categories`) and the target.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from reportlib.analysis._common import ratio
from reportlib.analysis.forecast.backtest import RevenueForecast
from reportlib.analysis.revenue import fiscal_year_start, monthly_targets, quarter_start
from reportlib.i18n import N_, _

VIEW_LABELS = (
    N_("Time-series landing"),
    N_("Commit forecast"),
    N_("Best-case forecast"),
    N_("Target"),
)
"""The views of :func:`quarter_views` (its index, in English); :func:`view_label` shows them."""


def view_label(view: object) -> str:
    """A view of :func:`quarter_views` as the reader sees it, in the report's language."""
    return _(str(view)) if view in VIEW_LABELS else str(view)


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
