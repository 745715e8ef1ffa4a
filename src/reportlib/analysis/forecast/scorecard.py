"""Keeping score: stored forecast records, their history, and how they fared.

Each run stores its forecast as a JSON record (:func:`forecast_record`); the next reports read the
stored records back (:func:`history_from_records`) and compare, for every month up to the reported
one, the forecast made the month before it (one step ahead) with the actual
(:func:`forecast_scorecard`): error = forecast − actual, error % = error ÷ actual, and whether the
actual fell inside the 80% and 95% intervals; over the track record, WAPE = Σ|error| ÷ Σ|actual|,
bias = Σ error ÷ Σ actual and the share of actuals inside each interval (:func:`track_record`).
A record in another currency than the report's is not compared; a note says so. When no actual
is below 0, the stored intervals' bounds are read floored at 0 (``models.floor_at_zero``), as
today's forecasts are made: a record stored before the floor may hold a bound below 0, which
changes no verdict (an actual of 0 or more is above it) but must not be shown. The stored point
forecast is scored as it was made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportlib.analysis._common import ratio
from reportlib.analysis.forecast.backtest import LEVELS, RevenueForecast
from reportlib.analysis.forecast.models import floor_at_zero
from reportlib.i18n import ngettext

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
INSIDE_80 = "inside the 80% prediction interval"
INSIDE_95 = "outside the 80% but inside the 95% prediction interval"
OUTSIDE = "outside the 95% prediction interval"
NO_INTERVAL = "the forecast had no prediction interval"
"""The verdicts of :func:`interval_verdict` (English keys: ``statements.LAST_FORECAST`` holds a
whole sentence for each)."""
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
        the record's ``made_in``, ``model``, ``forecast`` and intervals (bounds floored at 0
        when no actual is below 0), ``actual``, ``error`` = forecast − actual, ``error_pct`` =
        error ÷ actual (NaN when the actual is 0),
        ``inside80`` / ``inside95`` = lo ≤ actual ≤ hi (nullable booleans, NA without interval).
    """
    rows = _stored_one_step(history, period)
    if currency is not None:
        rows = rows[rows["currency"] == currency]
    known = actual.dropna()
    rows = rows[rows["month"].isin(known.index)]
    card = rows.set_index("month").sort_index()
    card = card.assign(actual=known.reindex(card.index).astype("float64").to_numpy())
    for column in RECORD_VALUES[1:]:  # the bounds; the point is scored as it was made
        card[column] = floor_at_zero(card[column].to_numpy(), known.to_numpy())
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
        note: Stored forecasts that were not compared, and why, in the report's language; empty
            when none.
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
        note = ngettext(
            "the forecast made in {months} is in {held}, not in {currency}, so it is not compared",
            "the forecasts made in {months} are in {held}, not in {currency}, so they are not "
            "compared",
            len(other),
        ).format(months=made, held=held, currency=currency)
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
        :data:`INSIDE_80` ("inside the 80% prediction interval"), :data:`INSIDE_95`,
        :data:`OUTSIDE` or :data:`NO_INTERVAL`, in English: the report says it in the whole
        sentence of ``statements.last_forecast_sentence``.
    """
    if pd.isna(row["inside80"]) or pd.isna(row["inside95"]):
        return NO_INTERVAL
    if row["inside80"]:
        return INSIDE_80
    if row["inside95"]:
        return INSIDE_95
    return OUTSIDE
