"""Read a run's data once: the input tables, the month to report, the quarantined rows."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from defusedcsv import csv as defused

from reportlib.intake.data import Intake, Tables, load_tables
from reportlib.periods import latest_complete_month

if TYPE_CHECKING:
    from reportlib.config import Params
    from reportlib.run.pipeline import RunOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Data:
    """The data of a run, as read.

    Attributes:
        intake: The typed tables, their rejected rows and a summary per table.
        period: The month reported.
        out: The output folder of the run.
    """

    intake: Intake
    period: pd.Period
    out: Path

    @property
    def tables(self) -> Tables:
        """The typed tables."""
        return self.intake.tables

    @property
    def work(self) -> Path:
        """``<out>/work/<YYYY-MM>``: the run's extracts, notebooks and renders."""
        return self.out / "work" / str(self.period)


def read_data(options: RunOptions, params: Params, started: float) -> Data:
    """Read the input tables, resolve the period and write the quarantine files.

    Reads ``options.data_dir``; writes ``<out>/<YYYY-MM>/quarantine/<table>.csv``
    (:func:`write_quarantine`) and logs how long reading took since ``started``
    (``time.monotonic()``) and each table's note on its columns.

    Raises:
        DataError: if a table cannot be read or typed (``intake.data.load_tables``).
        ConfigError: if the data folder or a source's settings are wrong.
    """
    intake = load_tables(options.data_dir, params)
    period = resolve_period(intake.tables, options.period)
    write_quarantine(intake, options.out_dir / str(period) / "quarantine")
    log.info("read %s in %.1f s; period %s", options.data_dir, time.monotonic() - started, period)
    for note in filter(None, (item.columns_note() for item in intake.summary)):
        log.info("%s", note)
    return Data(intake, period, options.out_dir)


def resolve_period(tables: Tables, period: pd.Period | None) -> pd.Period:
    """The requested period, or the latest complete month in the orders."""
    return (
        period if period is not None else latest_complete_month(tables.orders["order_date"].max())
    )


def write_quarantine(intake: Intake, folder: Path) -> list[Path]:
    """Write each table's rejected rows to ``<folder>/<table>.csv`` (with line and reason).

    Files of tables without rejects are removed, so the folder always matches the last run.
    A cell that a spreadsheet would take for a formula (``=…``, ``+…``, ``@…``) is written
    with a leading ``'`` (defusedcsv, after OWASP "CSV injection"): rejected rows are
    untrusted text, and analysts open these files in Excel.
    """
    written = []
    summaries = {s.table: s for s in intake.summary}
    for name, rejects in intake.rejects.items():
        path = folder / f"{name}.csv"
        if rejects.empty:
            path.unlink(missing_ok=True)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
            writer = defused.writer(handle)
            writer.writerow(rejects.columns)
            writer.writerows(rejects.astype(str).itertuples(index=False, name=None))
        written.append(path)
        summary = summaries[name]
        why = "; ".join(intake.reasons(name)[:5])
        log.warning(
            "%s: %d of %d rows quarantined in %s: %s",
            summary.file,
            len(rejects),
            summary.input_rows,
            path,
            why,
        )
    return written
