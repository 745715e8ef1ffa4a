"""The Great Expectations gate: the data is checked once, before any report is cut or rendered.

``reportlib.intake.validation`` is the only module that imports Great Expectations, and only when
it validates; this stage calls it in the process that runs the pipeline, so the worker processes
that render notebooks never import it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd

from reportlib.errors import ValidationFailed
from reportlib.intake import validation

if TYPE_CHECKING:
    from reportlib.config import Params
    from reportlib.run.read import Data

log = logging.getLogger(__name__)

T = TypeVar("T")


def validate_data(
    data: Data, params: Params, started: float, beside: Callable[[], T]
) -> tuple[validation.ValidationReport, T]:
    """Check the data with Great Expectations while ``beside`` runs in a thread.

    The run passes the writing of the reports' extracts as ``beside``: the Parquet writer runs
    outside the GIL, so it costs the validation little, and nothing reads the extracts unless
    validation passes (:func:`gate`). Logs the checks' counts and the time since ``started``
    (``time.monotonic()``).

    Returns:
        The validation report and what ``beside`` returned.

    Raises:
        Exception: whatever ``beside`` raised, once the validation has ended.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="extracts") as writer:
        writing = writer.submit(beside)
        report = validation.validate(data.tables, params, data.period)
        result = writing.result()
    log.info(
        "validated %d checks in %.1f s: %d critical, %d warnings",
        len(report.checks),
        time.monotonic() - started,
        len(report.critical),
        len(report.warnings),
    )
    return report, result


def gate(report: validation.ValidationReport, period_dir: Path, period: pd.Period) -> None:
    """Write the validation page into the new build; stop the run on critical findings.

    Writes ``<period_dir>/validation/index.html``.

    Raises:
        ValidationFailed: if a finding is critical (the build is then discarded and nothing is
            published).
        RenderError: if the page cannot be written.
    """
    validation.write_validation_page(
        report, period_dir / "validation" / "index.html", title=f"Data validation — {period}"
    )
    if not report.ok:
        raise ValidationFailed(
            f"{len(report.critical)} critical data problem(s); nothing was published:\n"
            + "\n".join(f"- {f.message()}" for f in report.critical),
            hint="fix the input files and run again",
        )
