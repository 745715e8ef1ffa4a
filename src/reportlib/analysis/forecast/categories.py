"""The pipeline's view of the quarter: deals by Salesforce forecast category.

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

import pandas as pd

from reportlib.analysis.pipeline import open_mask
from reportlib.analysis.revenue import quarter_start
from reportlib.i18n import pgettext

CATEGORIES = ("Closed", "Commit", "Most Likely", "Best Case", "Pipeline")
"""The forecast categories of :func:`forecast_categories`, as the data names them (English:
:func:`pipeline_forecast` adds them up by name); :func:`category_label` shows them."""
_CATEGORY_ALIASES = {
    "pipeline": "Pipeline",
    "bestcase": "Best Case",
    "mostlikely": "Most Likely",
    "commit": "Commit",
    "forecast": "Commit",  # Salesforce API value of Commit
    "closed": "Closed",
    "omitted": "Omitted",
}


def category_label(category: object) -> str:
    """A Salesforce forecast category as the reader sees it, in the report's language.

    A category not of the schema's (``intake.schema.FORECAST_CATEGORIES``) is shown as it is.
    """
    labels = {
        "Closed": pgettext("forecast category", "Closed"),
        "Commit": pgettext("forecast category", "Commit"),
        "Most Likely": pgettext("forecast category", "Most Likely"),
        "Best Case": pgettext("forecast category", "Best Case"),
        "Pipeline": pgettext("forecast category", "Pipeline"),
        "Omitted": pgettext("forecast category", "Omitted"),
    }
    return labels.get(str(category), str(category))


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
