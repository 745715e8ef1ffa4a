"""One monthly run: read and validate the data once, render every report, publish the site.

Folders under the output folder (``outputs/`` by default)::

    site/                       the published site (replaced only by a complete run)
    work/<YYYY-MM>/extracts/    per-report Parquet extracts the notebooks read
    work/<YYYY-MM>/executed/    executed notebooks, kept for debugging
    logs/                       one log file per run
    .staging-<run>/             the next site while it is built

Great Expectations is imported once, in the process that runs :func:`run`; the worker processes
that execute notebooks never import it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd

from reportlib.config import Params, load_params
from reportlib.data import Intake, Tables, load_tables, write_extract
from reportlib.errors import ConfigError, LockedError, RenderError, ValidationFailed
from reportlib.formatting import Formatter
from reportlib.periods import latest_complete_month
from reportlib.present import KPIS_MIMETYPE
from reportlib.provenance import Provenance, collect, footer_html
from reportlib.reconcile import reconcile
from reportlib.report import QUALITY_FILE, DataQuality

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REPORT_LANGUAGE = "en"  # the narrative's language; numbers follow each region's locale
KERNEL_NAME = "python3"  # the interpreter running the CLI, wherever it is installed
# The kernel runs on this machine only; its start-up chatter would fill the scheduler's logs.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


@dataclass(frozen=True)
class RunOptions:
    """What to run.

    Attributes:
        data_dir: Folder of the input tables.
        period: Month to report; ``None`` is the latest complete month in the data.
        regions: Report ids to render; empty renders every region and the company.
        out_dir: Output folder.
        jobs: Reports rendered at once.
        params_dir: The ``params/`` folder.
        notebooks_dir: Folder of the report notebooks.
    """

    data_dir: Path
    period: pd.Period | None = None
    regions: tuple[str, ...] = ()
    out_dir: Path = Path("outputs")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    params_dir: Path = PROJECT_ROOT / "params"
    notebooks_dir: Path = PROJECT_ROOT / "notebooks"


@dataclass(frozen=True)
class ReportJob:
    """One notebook to execute and convert; picklable for worker processes."""

    report_id: str
    notebook: Path
    executed: Path
    html: Path
    kpis: Path | None
    parameters: dict[str, str]
    title: str
    subtitle: str
    lang: str
    status: str
    footer_html: str


@dataclass(frozen=True)
class RunResult:
    """What a run produced."""

    period: pd.Period
    site_dir: Path
    reports: tuple[Path, ...]
    warnings: tuple[str, ...]


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` for the run.

    Raises:
        LockedError: if another run holds it.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / ".lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                f"another reportlib run is writing to {out_dir}",
                hint="wait for it to finish; the lock is released when that process ends",
            ) from None
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def extract_kpis(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The record a notebook published with ``present.publish_kpis``.

    Raises:
        RenderError: if the notebook published none.
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if KPIS_MIMETYPE in data:
                return dict(data[KPIS_MIMETYPE])
    raise RenderError("the notebook published no KPI record (present.publish_kpis)")


def render_report(job: ReportJob) -> Path:
    """Execute one notebook with Papermill and convert it to HTML (runs in a worker process).

    Returns:
        The HTML file written.

    Raises:
        RenderError: naming the report and the notebook kept for debugging.
    """
    import papermill  # imported here: workers pay for it, the parent does not

    from reportlib.html import notebook_to_html

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(job.executed),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            cwd=str(job.notebook.parent),
            progress_bar=False,
            log_output=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
    except papermill.PapermillExecutionError as exc:
        raise RenderError(
            f"report {job.report_id!r}: cell {exc.exec_count} raised {exc.ename}: {exc.evalue}",
            hint=f"open {job.executed} in JupyterLab to see the failing cell",
        ) from None
    nb = nbformat.read(job.executed, as_version=4)
    job.html.parent.mkdir(parents=True, exist_ok=True)
    job.html.write_text(
        notebook_to_html(
            nb, title=job.title, subtitle=job.subtitle, lang=job.lang, footer_html=job.footer_html
        ),
        encoding="utf-8",
    )
    if job.kpis is not None:
        record = {**extract_kpis(nb), "status": job.status}
        job.kpis.write_text(json.dumps(record, indent=2, sort_keys=True), encoding="utf-8")
    return job.html


def _jobs(
    params: Params,
    report_ids: Sequence[str],
    period: pd.Period,
    work: Path,
    period_dir: Path,
    options: RunOptions,
    status: str,
    prov: Provenance,
) -> list[ReportJob]:

    jobs = []
    for report_id in report_ids:
        region = params.region(report_id)
        month = Formatter(region.locale, region.currency).month(period)
        for name in params.defaults.notebooks:
            notebook = options.notebooks_dir / f"{name}.ipynb"
            if not notebook.exists():
                raise ConfigError(
                    f"params/defaults.yaml names notebook {name!r}, but {notebook} does not exist"
                )
            stem = report_id if name == params.defaults.notebooks[0] else f"{report_id}.{name}"
            jobs.append(
                ReportJob(
                    report_id=report_id,
                    notebook=notebook,
                    executed=work / "executed" / f"{stem}.ipynb",
                    html=period_dir / f"{stem}.html",
                    kpis=period_dir / f"{stem}.kpis.json" if stem == report_id else None,
                    parameters={
                        "region": report_id,
                        "period": str(period),
                        "data_dir": str((work / "extracts" / report_id).resolve()),
                        "params_dir": str(options.params_dir.resolve()),
                    },
                    title=f"{region.name}: sales report",
                    subtitle=month,
                    lang=REPORT_LANGUAGE,
                    status=status,
                    footer_html=footer_html(region, period, status, prov),
                )
            )
    return jobs


def _render_all(jobs: list[ReportJob], workers: int) -> list[Path]:
    """Render every job in worker processes; all or nothing."""
    done: list[Path] = []
    failures: list[str] = []
    context = get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(jobs))), mp_context=context
    ) as pool:
        started = time.monotonic()
        futures = {pool.submit(render_report, job): job for job in jobs}
        for n, future in enumerate(as_completed(futures), start=1):
            job = futures[future]
            try:
                done.append(future.result())
                log.info(
                    "[%d/%d] rendered %s (%.1f s)",
                    n,
                    len(jobs),
                    job.html.name,
                    time.monotonic() - started,
                )
            except RenderError as exc:
                failures.append(str(exc))
                log.error("[%d/%d] failed %s: %s", n, len(jobs), job.report_id, exc)
    if failures:
        raise RenderError(
            f"{len(failures)} of {len(jobs)} reports failed; nothing was published:\n"
            + "\n".join(failures)
        )
    return done


def _check_reconciliation(params: Params, report_ids: Sequence[str], period_dir: Path) -> None:
    """Fail before publishing when the regions do not add up to the company.

    Only runs that render every region and the company can be checked.
    """
    if set(report_ids) != set(params.report_ids()):
        log.info("reconciliation skipped: not every region was rendered")
        return
    records = {
        rid: json.loads((period_dir / f"{rid}.kpis.json").read_text(encoding="utf-8"))
        for rid in report_ids
    }
    problems = reconcile(records, params)
    if problems:
        raise RenderError(
            "the regions do not add up to the company; nothing was published:\n"
            + "\n".join(f"- {p}" for p in problems),
            hint="a row's region or currency is probably wrong; see the company report's data",
        )
    log.info("reconciled: the regions add up to the company")


def _publish(staging: Path, site: Path) -> None:
    """Swap the finished staging folder in place of the published site."""
    old = site.with_name(f".old-{staging.name}")
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def write_quarantine(intake: Intake, folder: Path) -> list[Path]:
    """Write each table's rejected rows to ``<folder>/<table>.csv`` (with line and reason).

    Files of tables without rejects are removed, so the folder always matches the last run.
    """
    written = []
    for name, rejects in intake.rejects.items():
        path = folder / f"{name}.csv"
        if rejects.empty:
            path.unlink(missing_ok=True)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        rejects.to_csv(path, index=False)
        written.append(path)
        log.warning("%s: %d rows quarantined in %s", name, len(rejects), path)
    return written


def resolve_period(tables: Tables, period: pd.Period | None) -> pd.Period:
    """The requested period, or the latest complete month in the orders."""
    return (
        period if period is not None else latest_complete_month(tables.orders["order_date"].max())
    )


def run(options: RunOptions) -> RunResult:
    """Validate the data, render the reports and publish the site.

    Raises:
        ReportlibError: any user-facing failure; the published site is then left as it was.
    """
    from reportlib import site, validation

    params = load_params(options.params_dir)
    report_ids = list(options.regions) or params.report_ids()
    for report_id in report_ids:
        params.region(report_id)  # unknown ids fail before any work
    out = options.out_dir
    with output_lock(out):
        t0 = time.monotonic()
        intake = load_tables(options.data_dir, params)
        tables = intake.tables
        period = resolve_period(tables, options.period)
        write_quarantine(intake, out / str(period) / "quarantine")
        log.info("read %s in %.1f s; period %s", options.data_dir, time.monotonic() - t0, period)
        report = validation.validate(tables, params, period)
        log.info(
            "validated %d checks in %.1f s: %d critical, %d warnings",
            len(report.checks),
            time.monotonic() - t0,
            len(report.critical),
            len(report.warnings),
        )
        staging = out / f".staging-{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
        published = out / "site"
        try:
            if published.exists():
                shutil.copytree(published, staging)
            period_dir = staging / str(period)
            shutil.rmtree(period_dir, ignore_errors=True)
            validation.write_validation_page(
                report,
                period_dir / "validation" / "index.html",
                title=f"Data validation — {period}",
            )
            if not report.ok:
                raise ValidationFailed(
                    f"{len(report.critical)} critical data problem(s); nothing was published:\n"
                    + "\n".join(f"- {f.message()}" for f in report.critical),
                    hint="fix the input files and run again",
                )
            status = "provisional" if report.warnings else "fresh"
            work = out / "work" / str(period)
            quality = DataQuality(intake.summary, tuple(f.message() for f in report.warnings))
            for report_id in report_ids:
                extract = write_extract(tables.for_region(report_id), work / "extracts" / report_id)
                (extract / QUALITY_FILE).write_text(json.dumps(quality.to_dict(), indent=2))
            prov = collect(options.data_dir, PROJECT_ROOT)
            jobs = _jobs(params, report_ids, period, work, period_dir, options, status, prov)
            reports = _render_all(jobs, options.jobs)
            _check_reconciliation(params, report_ids, period_dir)
            site.build_index(staging, params)
            _publish(staging, published)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        log.info("published %s in %.1f s", published / "index.html", time.monotonic() - t0)
    return RunResult(
        period=period,
        site_dir=published,
        reports=tuple(published / str(period) / p.name for p in reports),
        warnings=tuple(f.message() for f in report.warnings),
    )
