"""One monthly run: read and validate the data once, render the reports that changed, publish.

A run is a list of stages, each a module of ``reportlib.run``; :func:`run` calls them in order:

1. lock (:mod:`~reportlib.run.lock`): one run per output folder;
2. skip (:mod:`~reportlib.run.skip`): stop here when nothing changed since the last run;
3. read (:mod:`~reportlib.run.read`): the input tables, the period, the quarantine files;
4. validate (:mod:`~reportlib.run.validate`): Great Expectations, the validation page; the
   extracts' tables are written meanwhile;
5. cut (:mod:`~reportlib.run.cut`): each report's extract notes and notebook; which reports
   are unchanged;
6. render (:mod:`~reportlib.run.render`): the notebooks executed and converted to HTML in
   worker processes (:mod:`~reportlib.run.execute`);
7. reconcile (:mod:`~reportlib.run.reconcile`): the regions add up to the company; with
   ``--pdf``, each page printed to PDF in the build (:mod:`~reportlib.site.pdf`);
8. publish (:mod:`~reportlib.run.publish`): the new build swapped in as the site;
9. record: each forecast stored (:mod:`~reportlib.run.forecasts`), the manifest written.

The workers, and their first kernels, start before the data is read (stages 3 to 5 run while
they warm up). Folders under the output folder (``outputs/`` by default)::

    site                        the published site: a link to the current build in .sites/
    .sites/<run>/               builds; a run copies the current one, adds its reports, and
                                swaps the ``site`` link to it in one atomic rename
    manifest.json               what each published report was rendered from (run.manifest)
    forecasts/<id>/<YYYY-MM>.json  each run's revenue forecast, for next month's scorecard
    <YYYY-MM>/quarantine/       rows the intake rejected, with line and reason
    work/<YYYY-MM>/extracts/    per-report Parquet extracts the notebooks read
    work/<YYYY-MM>/notebooks/   each report's notebook, assembled from its sections
    work/<YYYY-MM>/executed/    executed notebooks, kept for debugging (failed ones too)
    work/<YYYY-MM>/rendered/    HTML and kpis.json of this run before they join the build
    logs/                       one log file per run

A report whose notebook fails does not stop the others: the site is published with that report
marked failed (and its last good report linked from the index), and the run ends with exit code 5.
Great Expectations is imported once, in the process that runs :func:`run`; the worker processes
that execute notebooks never import it.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from reportlib.config import load_params
from reportlib.run.cut import cut_reports, read_sections, write_extracts
from reportlib.run.forecasts import store_forecasts
from reportlib.run.lock import output_lock
from reportlib.run.publish import SITE_LINK, add_reports, new_build, publish, remove_stale_builds
from reportlib.run.read import read_data
from reportlib.run.reconcile import check_reconciliation
from reportlib.run.render import Failure, Outcome, render_reports, start_pool
from reportlib.run.skip import fingerprint, record, unchanged_run
from reportlib.run.validate import gate, validate_data
from reportlib.site.pdf import missing_pdfs, write_pdfs

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class RunOptions:
    """What to run.

    Attributes:
        data_dir: Folder of the input tables.
        period: Month to report; ``None`` is the latest complete month in the data.
        regions: Report ids to render; empty renders every region and the company.
        out_dir: Output folder.
        jobs: Reports rendered at once on this machine.
        params_dir: The ``params/`` folder.
        notebooks_dir: Folder of the report notebooks.
        force: Render every report even when its inputs did not change.
        scheduler: Address of a Dask scheduler (``tcp://host:8786``) to render on; ``None``
            renders in local processes.
        progress: Show a progress bar; ``None`` shows one when stderr is a terminal.
        pdf: Also print each report to ``<report>.pdf`` with headless Chromium
            (:mod:`reportlib.site.pdf`); without a browser, the run says so and publishes the
            HTML alone.
    """

    data_dir: Path
    period: pd.Period | None = None
    regions: tuple[str, ...] = ()
    out_dir: Path = Path("outputs")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    params_dir: Path = PROJECT_ROOT / "params"
    notebooks_dir: Path = PROJECT_ROOT / "notebooks"
    force: bool = False
    scheduler: str | None = None
    progress: bool | None = None
    pdf: bool = False


@dataclass(frozen=True)
class RunResult:
    """What a run did.

    Attributes:
        period: The month reported.
        site_dir: The published site.
        rendered: Reports rendered by this run.
        unchanged: Reports whose inputs had not changed, left as published.
        failed: Reports that failed; the site marks them and links their last good report.
        warnings: Validation warnings (the reports are then provisional).
    """

    period: pd.Period
    site_dir: Path
    rendered: tuple[str, ...]
    unchanged: tuple[str, ...]
    failed: tuple[Failure, ...]
    warnings: tuple[str, ...]


def run(options: RunOptions) -> RunResult:
    """Validate the data, render the reports whose inputs changed and publish the site.

    Returns:
        What was rendered, left unchanged, and what failed (the site is published even then,
        with the failed reports marked).

    Raises:
        ReportlibError: a failure of the whole run; the published site is then left as it was.
    """
    params = load_params(options.params_dir)
    report_ids = list(options.regions) or params.report_ids()
    for report_id in report_ids:
        params.region(report_id)  # unknown ids fail before any work
    sections = read_sections(params, report_ids, options.notebooks_dir)
    out, site = options.out_dir, options.out_dir / SITE_LINK
    with output_lock(out):
        started = time.monotonic()
        remove_stale_builds(out)
        inputs = fingerprint(options, [section for section, _ in sections.values()])
        done = unchanged_run(inputs, report_ids, site)
        if done is not None and not (options.pdf and missing_pdfs(site / str(done), report_ids)):
            return RunResult(done, site, (), tuple(report_ids), (), ())
        # workers and their first kernels start while the data is read and validated
        with start_pool(options, len(report_ids)) as pool:
            data = read_data(options, params, started)
            writing = partial(write_extracts, data.tables, report_ids, data.work)
            report, extracts = validate_data(data, params, started, writing, inputs.checked)
            with new_build(out) as build:
                period_dir = build / str(data.period)
                gate(report, period_dir, data.period, params)
                warnings = tuple(f.message() for f in report.warnings)
                plan = cut_reports(params, sections, data, extracts, warnings, inputs, period_dir)
                outcome = render_reports(pool, params, data, plan, options, PROJECT_ROOT)
                add_reports(period_dir, outcome)
                check_reconciliation(params, report_ids, period_dir, len(outcome.failed))
                if options.pdf:  # the pages rendered now, and any published without a PDF
                    write_pdfs(missing_pdfs(period_dir, report_ids))
                publish(out, build, params)
        store_forecasts(out, data.period, outcome.rendered)
        record(inputs, data.period, plan, outcome.rendered, outcome.failed, report_ids)
        _log_end(site, started, outcome, plan.unchanged)
    return RunResult(
        period=data.period,
        site_dir=site,
        rendered=tuple(outcome.rendered),
        unchanged=tuple(plan.unchanged),
        failed=tuple(outcome.failed.values()),
        warnings=warnings,
    )


def _log_end(site: Path, started: float, outcome: Outcome, unchanged: list[str]) -> None:
    """Log what the run published, how long it took, and each failure."""
    log.info(
        "published %s in %.1f s: %d rendered, %d unchanged, %d failed",
        site / "index.html",
        time.monotonic() - started,
        len(outcome.rendered),
        len(unchanged),
        len(outcome.failed),
    )
    for failure in outcome.failed.values():
        log.error("FAILED %s: %s", failure.report_id, failure.message)
