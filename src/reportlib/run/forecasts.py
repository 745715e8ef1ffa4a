"""Each run's revenue forecasts, stored for next month's scorecard.

``<out>/forecasts/<report>/<YYYY-MM>.json`` holds the forecast a report published in that month;
the next runs hand a report the ones made before its month (``forecast_history.json`` in its
extract), and its scorecard compares them with what happened.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from reportlib.run.execute import Rendered

log = logging.getLogger(__name__)

FORECASTS_DIR = "forecasts"


def forecast_history(out: Path, report_id: str, period: pd.Period) -> list[dict[str, Any]]:
    """The forecasts stored by earlier runs for ``report_id``, made before ``period``.

    Reads ``<out>/forecasts/<report_id>/*.json`` in name order; a file not named ``YYYY-MM.json``
    is logged and ignored.
    """
    folder = out / FORECASTS_DIR / report_id
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.glob("*.json")):
        try:
            made_in = pd.Period(path.stem, freq="M")
        except ValueError:
            log.warning("%s: not named YYYY-MM.json; ignored", path)
            continue
        if made_in < period:
            records.append(json.loads(path.read_text(encoding="utf-8")))
    return records


def store_forecasts(
    out: Path, period: pd.Period, rendered: Mapping[str, Sequence[Rendered]]
) -> None:
    """Store the forecast each rendered report published, for the runs of the next months.

    Writes ``<out>/forecasts/<report>/<period>.json`` (replacing the one of an earlier run of
    the same month); a report that published no forecast leaves its file as it was.

    Raises:
        ValueError: if a forecast holds NaN or infinity (JSON has neither).
    """
    for report_id, items in rendered.items():
        for item in items:
            if item.forecast is not None:
                _store_forecast(out, report_id, period, item.forecast)


def _store_forecast(out: Path, report_id: str, period: pd.Period, record: dict[str, Any]) -> None:
    path = out / FORECASTS_DIR / report_id / f"{period}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, allow_nan=False), encoding="utf-8")
