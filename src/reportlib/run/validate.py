"""The Great Expectations gate: the data is checked once, before any report is cut or rendered.

``reportlib.intake.validation`` is the only module that imports Great Expectations, and only when
it validates; this stage calls it in the process that runs the pipeline, so the worker processes
that render notebooks never import it.

A validation is kept in ``<out>/work/validation.json`` with the digest of what it depends on: the
data files, ``params/``, reportlib's code, Great Expectations' version, the month and the day
(dates after today are errors). A run whose inputs give the same digest (a run again after a
notebook was changed or a report failed, or with ``--force``) reads the findings back instead of
checking the same bytes again; any change to one of them checks the data again.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from reportlib import i18n
from reportlib.errors import ValidationFailed
from reportlib.formatting import Formatter
from reportlib.i18n import _
from reportlib.intake import validation
from reportlib.run import manifest as mf
from reportlib.site.index import month_formatter

if TYPE_CHECKING:
    from reportlib.config import Params
    from reportlib.run.read import Data

log = logging.getLogger(__name__)

T = TypeVar("T")


KEPT_FILE = "validation.json"
"""The last validation, in ``<out>/work/``: ``{"key": digest, "report": ValidationReport}``."""


def validate_data(
    data: Data, params: Params, started: float, beside: Callable[[], T], checked: str
) -> tuple[validation.ValidationReport, T]:
    """Check the data with Great Expectations while ``beside`` runs in a thread.

    The run passes the writing of the reports' extracts as ``beside``: the Parquet writer runs
    outside the GIL, so it costs the validation little, and nothing reads the extracts unless
    validation passes (:func:`gate`). When the validation kept in ``<out>/work/`` was made from
    the same inputs, it is read back instead (see the module's docstring). Logs the checks'
    counts and the time since ``started`` (``time.monotonic()``).

    Args:
        data: The data read.
        params: The run's parameters.
        started: When the run started (``time.monotonic()``).
        beside: What to run meanwhile.
        checked: The digest of the data files, params and code
            (:attr:`reportlib.run.skip.Inputs.checked`).

    Returns:
        The validation report and what ``beside`` returned.

    Raises:
        Exception: whatever ``beside`` raised, once the validation has ended.
    """
    key = mf.combine(
        inputs=checked,
        period=str(data.period),
        today=date.today().isoformat(),
        great_expectations=version("great_expectations"),
    )
    kept = data.out / "work" / KEPT_FILE
    with ThreadPoolExecutor(1, thread_name_prefix="extracts") as writer:
        writing = writer.submit(beside)
        report = _read_kept(kept, key)
        reused = report is not None
        if report is None:
            report = validation.validate(data.tables, params, data.period)
            _keep(kept, key, report)
        result = writing.result()
    log.info(
        "validated %d checks in %.1f s: %d critical, %d warnings%s",
        len(report.checks),
        time.monotonic() - started,
        len(report.critical),
        len(report.warnings),
        " (the findings of the same inputs' last validation)" if reused else "",
    )
    return report, result


def _keep(path: Path, key: str, report: validation.ValidationReport) -> None:
    """Write ``report`` and its inputs' digest to ``path`` (replacing it whole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"key": key, "report": asdict(report)}), encoding="utf-8")
    partial.replace(path)


def _read_kept(path: Path, key: str) -> validation.ValidationReport | None:
    """The report kept at ``path`` when it was made from the inputs of ``key``, else None.

    A missing, unreadable or foreign file counts as no report: the data is then checked.
    """
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") != key:
            return None
        return _report(kept["report"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _text(fields: dict[str, Any] | None) -> validation.Text | None:
    """A :class:`~reportlib.intake.validation.Text` from its ``asdict`` fields (or None)."""
    if fields is None:
        return None
    return validation.Text(fields["template"], tuple((k, v) for k, v in fields["values"]))


def _report(fields: dict[str, Any]) -> validation.ValidationReport:
    """A :class:`~reportlib.intake.validation.ValidationReport` from its ``asdict`` fields."""
    findings = tuple(
        validation.Finding(
            **{
                **f,
                "rows": tuple(f["rows"]),
                "values": tuple(f["values"]),
                "check_text": _text(f.get("check_text")),
                "hint_text": _text(f.get("hint_text")),
            }
        )
        for f in fields["findings"]
    )
    checks = tuple(
        validation.CheckResult(**{**c, "check_text": _text(c.get("check_text"))})
        for c in fields["checks"]
    )
    return validation.ValidationReport(
        period=fields["period"],
        checks=checks,
        findings=findings,
        row_counts=dict(fields["row_counts"]),
    )


def gate(
    report: validation.ValidationReport,
    period_dir: Path,
    period: pd.Period,
    params: Params,
) -> None:
    """Write the validation page into the new build; stop the run on critical findings.

    Writes ``<period_dir>/validation/index.html``, in the company's reading language
    (``params.company.reading_language``). The exception's message is for the analyst: English.

    Raises:
        ValidationFailed: if a finding is critical (the build is then discarded and nothing is
            published).
        RenderError: if the page cannot be written.
    """
    write_page(report, period_dir / "validation" / "index.html", period, params)
    if not report.ok:
        raise ValidationFailed(
            f"{len(report.critical)} critical data problem(s); nothing was published:\n"
            + "\n".join(f"- {f.message()}" for f in report.critical),
            hint="fix the input files and run again",
        )


def write_page(
    report: validation.ValidationReport, path: Path, period: pd.Period, params: Params
) -> Path:
    """Write the validation page of ``period`` in the company's reading language.

    Its title names the month in that language ("Data validation — October 2026",
    :func:`reportlib.site.index.month_formatter`); the counts are in the company's locale.

    Raises:
        RenderError: if the page cannot be written.
    """
    company = Formatter(params.company.locale, params.company.currency)
    with i18n.use(params.company.reading_language):
        title = _("Data validation — {month}").format(
            month=month_formatter(params).month(pd.Period(period, freq="M"))
        )
        return validation.write_validation_page(
            report, path, title=title, fmt=company, months=month_formatter(params)
        )
