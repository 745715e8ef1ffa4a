"""Forecasts: monthly revenue by time series, landing against target, and the pipeline's view.

One module per concept; the formulas and their sources are in each module's docstring:

- :mod:`~reportlib.analysis.forecast.models`: the candidate models (seasonal naïve, naïve, drift,
  ETS), their simulated futures and the accuracy measures.
- :mod:`~reportlib.analysis.forecast.backtest`: the monthly revenue series, the rolling-origin
  backtest that chooses the model, the forecast with its intervals (:func:`forecast_revenue`).
- :mod:`~reportlib.analysis.forecast.landings`: where the fiscal quarter and year land against
  target and the probability of reaching it; the quarter as the time series and pipeline see it.
- :mod:`~reportlib.analysis.forecast.categories`: the pipeline's forecast by Salesforce forecast
  category.
- :mod:`~reportlib.analysis.forecast.caveats`: when a landing statement gets a caveat, and how its
  probability may be stated.
- :mod:`~reportlib.analysis.forecast.statements`: the landing's sentences and caveats, whole.
- :mod:`~reportlib.analysis.forecast.scorecard`: stored forecast records and their track record.
- :mod:`~reportlib.analysis.forecast.kpis`: the headline figures of the forecast section.
"""

from reportlib.analysis.forecast.backtest import (
    BACKTEST_ORIGINS,
    HORIZON,
    LEVELS,
    MIN_ETS_MONTHS,
    MIN_SEASONAL_MONTHS,
    ROLES,
    RevenueForecast,
    accuracy_table,
    forecast_revenue,
    revenue_series,
)
from reportlib.analysis.forecast.categories import (
    CATEGORIES,
    category_label,
    forecast_categories,
    pipeline_forecast,
)
from reportlib.analysis.forecast.caveats import (
    MAX_BACKTEST_WAPE,
    PROBABILITY_BOUND,
    LandingStatement,
    landing_statement,
    stated_probability,
)
from reportlib.analysis.forecast.kpis import forecast_kpis
from reportlib.analysis.forecast.landings import VIEW_LABELS, landing, quarter_views, view_label
from reportlib.analysis.forecast.models import (
    BASELINE,
    MODEL_LABELS,
    PATHS,
    SEASON,
    SEED,
    accuracy,
    drift_forecast,
    floor_at_zero,
    mean_forecast,
    model_label,
    naive_forecast,
    seasonal_naive_forecast,
)
from reportlib.analysis.forecast.scorecard import (
    HISTORY_COLUMNS,
    RECORD_VALUES,
    SCORECARD_COLUMNS,
    TrackRecord,
    empty_history,
    forecast_record,
    forecast_scorecard,
    history_from_records,
    interval_verdict,
    track_record,
)
from reportlib.analysis.forecast.statements import (
    Sentence,
    landing_sentences,
    stated_probability_text,
)

__all__ = [
    "BACKTEST_ORIGINS",
    "BASELINE",
    "CATEGORIES",
    "HISTORY_COLUMNS",
    "HORIZON",
    "LEVELS",
    "MAX_BACKTEST_WAPE",
    "MIN_ETS_MONTHS",
    "MIN_SEASONAL_MONTHS",
    "MODEL_LABELS",
    "PATHS",
    "PROBABILITY_BOUND",
    "RECORD_VALUES",
    "ROLES",
    "SCORECARD_COLUMNS",
    "SEASON",
    "SEED",
    "VIEW_LABELS",
    "LandingStatement",
    "RevenueForecast",
    "Sentence",
    "TrackRecord",
    "accuracy",
    "accuracy_table",
    "category_label",
    "drift_forecast",
    "empty_history",
    "floor_at_zero",
    "forecast_categories",
    "forecast_kpis",
    "forecast_record",
    "forecast_revenue",
    "forecast_scorecard",
    "history_from_records",
    "interval_verdict",
    "landing",
    "landing_sentences",
    "landing_statement",
    "mean_forecast",
    "model_label",
    "naive_forecast",
    "pipeline_forecast",
    "quarter_views",
    "revenue_series",
    "seasonal_naive_forecast",
    "stated_probability",
    "stated_probability_text",
    "track_record",
    "view_label",
]
