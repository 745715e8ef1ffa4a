"""One monthly run: read and validate the data once, render the reports that changed, publish.

Folders under the output folder (``outputs/`` by default)::

    site                        the published site: a link to the current build in .sites/
    .sites/<run>/               builds; a run copies the current one, adds its reports, and
                                swaps the ``site`` link to it in one atomic rename
    manifest.json               what each published report was rendered from (run.manifest)
    forecasts/<id>/<YYYY-MM>.json  each run's revenue forecast, for next month's scorecard
    <YYYY-MM>/quarantine/       rows the intake rejected, with line and reason
    work/<YYYY-MM>/extracts/    per-report Parquet extracts the notebooks read
    work/<YYYY-MM>/executed/    executed notebooks, kept for debugging (failed ones too)
    work/<YYYY-MM>/rendered/    HTML and kpis.json of this run before they join the build
    logs/                       one log file per run

A report whose notebook fails does not stop the others: the site is published with that report
marked failed (and its last good report linked from the index), and the run ends with exit code 5.
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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from defusedcsv import csv as defused

from reportlib.config import Params, load_params
from reportlib.errors import LockedError, RenderError, ValidationFailed
from reportlib.formatting import Formatter
from reportlib.intake.data import Intake, Tables, load_tables
from reportlib.periods import latest_complete_month
from reportlib.report import (
    FORECAST_HISTORY_FILE,
    FORECAST_MIMETYPE,
    KPIS_MIMETYPE,
    QUALITY_FILE,
    DataQuality,
)
from reportlib.run import kernels
from reportlib.run import manifest as mf
from reportlib.run.executors import TaskPool
from reportlib.run.extract import write_extract
from reportlib.run.reconcile import reconcile
from reportlib.run.sections import LeftOut, Section, assemble, left_out, read_section
from reportlib.site import index as site
from reportlib.site.index import FAILED_SUFFIX
from reportlib.site.provenance import Provenance, collect, footer_html

if TYPE_CHECKING:
    import nbformat

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[3]
REPORT_LANGUAGE = "en"  # the narrative's language; numbers follow each region's locale
SITE_LINK = "site"
BUILDS_DIR = ".sites"
FORECASTS_DIR = "forecasts"


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
    kernel_cwd: str
    """Where the notebook's kernel starts: the section notebooks' folder, as in JupyterLab."""
    spare_after: bool
    """Start a spare kernel for this worker's next notebook (``reportlib.run.kernels``)."""


@dataclass(frozen=True)
class Rendered:
    """What a worker hands back: the HTML written and the forecast the notebook published."""

    html: Path
    forecast: dict[str, Any] | None


@dataclass(frozen=True)
class Failure:
    """A report that could not be rendered.

    Attributes:
        report_id: The report.
        message: What went wrong.
        executed: The executed notebook kept for debugging.
    """

    report_id: str
    message: str
    executed: Path


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


def _published(nb: nbformat.NotebookNode, mimetype: str) -> dict[str, Any] | None:
    """The record a notebook displayed under ``mimetype``, or None."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if mimetype in data:
                return dict(data[mimetype])
    return None


def extract_kpis(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The record a notebook published with ``present.publish_kpis``.

    Raises:
        RenderError: if the notebook published none.
    """
    record = _published(nb, KPIS_MIMETYPE)
    if record is None:
        raise RenderError("the notebook published no KPI record (present.publish_kpis)")
    return record


def render_report(job: ReportJob) -> Rendered:
    """Execute one notebook with Papermill and convert it to HTML (runs in a worker process).

    Returns:
        The HTML written and the forecast record the notebook published, if any.

    Raises:
        RenderError: naming the report and the notebook kept for debugging.
    """
    import papermill  # imported here: workers pay for it, the parent does not

    from reportlib.site.html import notebook_to_html

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    km = kernels.take_spare(job.kernel_cwd) or kernels.start(job.kernel_cwd)
    if job.spare_after:
        kernels.start_spare(job.kernel_cwd)  # for this worker's next notebook
    try:
        nb = papermill.execute_notebook(
            str(job.notebook),
            str(job.executed),
            parameters=job.parameters,
            kernel_name=kernels.KERNEL_NAME,
            km=km,
            cwd=job.kernel_cwd,
            progress_bar=False,
            log_output=False,
            # written once at the end (and with the failing cell on an error), not after every
            # cell: rewriting the whole notebook, images included, took a quarter of a render
            request_save_on_cell_execute=False,
            extra_arguments=kernels.KERNEL_ARGUMENTS,
        )
    except papermill.PapermillExecutionError as exc:
        raise RenderError(
            f"report {job.report_id!r}: cell {exc.exec_count} raised {exc.ename}: {exc.evalue}",
            hint=f"open {job.executed} in JupyterLab to see the failing cell",
        ) from None
    finally:
        kernels.stop(km)
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
    return Rendered(job.html, _published(nb, FORECAST_MIMETYPE))


def _jobs(
    params: Params,
    report_ids: Sequence[str],
    period: pd.Period,
    work: Path,
    options: RunOptions,
    status: str,
    prov: Provenance,
) -> list[ReportJob]:
    jobs = []
    for report_id in report_ids:
        region = params.region(report_id)
        month = Formatter(region.locale, region.currency).month(period)
        jobs.append(
            ReportJob(
                report_id=report_id,
                notebook=work / "notebooks" / f"{report_id}.ipynb",
                executed=work / "executed" / f"{report_id}.ipynb",
                html=work / "rendered" / f"{report_id}.html",
                kpis=work / "rendered" / f"{report_id}.kpis.json",
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
                kernel_cwd=_kernel_cwd(options.notebooks_dir),
                # a cluster's workers outlive the run: no spares there
                spare_after=options.scheduler is None,
            )
        )
    return jobs


def _sections(
    params: Params, report_ids: Sequence[str], options: RunOptions
) -> dict[str, tuple[Section, nbformat.NotebookNode]]:
    """Every section notebook the reports list, read once, by name.

    Raises:
        ConfigError: if one is missing or names unknown data.
    """
    names = dict.fromkeys(name for rid in report_ids for name in params.sections(rid))
    return {name: read_section(options.notebooks_dir, name) for name in names}


def _write_report_notebook(
    sections: Sequence[tuple[Section, nbformat.NotebookNode]], tables: Tables, path: Path
) -> tuple[LeftOut, ...]:
    """Write the report's notebook: its sections with data, assembled; the ones left out."""
    import nbformat

    missing = left_out([s for s, _ in sections], tables)
    titles = {m.title for m in missing}
    shown = [nb for s, nb in sections if s.title not in titles]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(assemble(shown), path)
    return missing


def _kernel_cwd(notebooks_dir: Path) -> str:
    """Where report kernels start: the notebooks' folder, so relative paths work as in Lab."""
    return str(notebooks_dir.absolute())


def _pool(options: RunOptions, tasks: int) -> TaskPool:
    """Workers for at most ``tasks`` notebooks; local ones start a spare kernel at once."""
    if options.scheduler is not None:
        return TaskPool(workers=options.jobs, scheduler=options.scheduler)
    return TaskPool(
        workers=min(options.jobs, max(tasks, 1)),
        warm_up=partial(kernels.start_spare, _kernel_cwd(options.notebooks_dir)),
    )


def _render(
    pool: TaskPool, jobs: list[ReportJob], options: RunOptions
) -> tuple[dict[str, list[Rendered]], dict[str, Failure]]:
    """Render every job; a report fails when any of its notebooks fails, alone."""
    outcomes = pool.run(
        render_report,
        jobs,
        describe=lambda job: job.html.stem,
        progress=options.progress,
    )
    done: dict[str, list[Rendered]] = {}
    failed: dict[str, Failure] = {}
    for outcome in outcomes:
        job = outcome.item
        if outcome.error is not None:
            failed.setdefault(job.report_id, Failure(job.report_id, outcome.error, job.executed))
        else:
            done.setdefault(job.report_id, []).append(outcome.result)
    return {rid: r for rid, r in done.items() if rid not in failed}, failed


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


def _current_build(out: Path) -> str | None:
    """Name of the build the ``site`` link points to, if it is a link."""
    link = out / SITE_LINK
    return Path(os.readlink(link)).name if link.is_symlink() else None


def _remove_stale_builds(out: Path) -> None:
    """Remove builds left by killed runs (every build but the published one)."""
    current = _current_build(out)
    builds = out / BUILDS_DIR
    if builds.is_dir():
        for build in builds.iterdir():
            if build.name != current:
                shutil.rmtree(build, ignore_errors=True)


def _publish(out: Path, build: Path) -> None:
    """Point ``<out>/site`` at ``build`` with one atomic rename, then drop older builds.

    A reader sees the old site or the new one, never a mix; a run killed at any moment leaves
    the published site as it was.
    """
    link = out / SITE_LINK
    if link.is_dir() and not link.is_symlink():
        # a site published as a plain folder: moved into .sites/ once, then swapped as a link
        link.rename(out / BUILDS_DIR / f"{build.name}-previous")
    tmp = out / f".{SITE_LINK}-{build.name}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(BUILDS_DIR) / build.name, target_is_directory=True)
    tmp.replace(link)
    _remove_stale_builds(out)


def _mark_failed(period_dir: Path, failure: Failure) -> None:
    marker = period_dir / f"{failure.report_id}{FAILED_SUFFIX}"
    period_dir.mkdir(parents=True, exist_ok=True)
    marker.write_text(
        json.dumps(
            {
                "region": failure.report_id,
                "period": period_dir.name,
                "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
            indent=2,
        ),
        encoding="utf-8",
    )


def _add_to_build(period_dir: Path, rendered: list[Rendered], report_id: str) -> None:
    """Move a report's HTML and kpis.json into the build and clear any failed mark."""
    period_dir.mkdir(parents=True, exist_ok=True)
    for item in rendered:
        for path in (item.html, item.html.with_suffix(".kpis.json")):
            if path.exists():
                shutil.move(path, period_dir / path.name)
    (period_dir / f"{report_id}{FAILED_SUFFIX}").unlink(missing_ok=True)


def forecast_history(out: Path, report_id: str, period: pd.Period) -> list[dict[str, Any]]:
    """The forecasts stored by earlier runs for ``report_id``, made before ``period``."""
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


def _store_forecast(out: Path, report_id: str, period: pd.Period, record: dict[str, Any]) -> None:
    path = out / FORECASTS_DIR / report_id / f"{period}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2, allow_nan=False), encoding="utf-8")


@dataclass(frozen=True)
class _Cut:
    """One report's tables, written to its extract folder."""

    folder: Path
    digest: str  # of the tables' rows
    orders: int  # order lines, to render the largest reports first


def _write_cuts(tables: Tables, report_ids: Sequence[str], work: Path) -> dict[str, _Cut]:
    """Write each report's tables to ``work/extracts/<report>/`` (runs beside validation)."""
    cuts = {}
    for rid in report_ids:
        cut = tables.for_region(rid)
        folder = write_extract(cut, work / "extracts" / rid)
        cuts[rid] = _Cut(folder, mf.frames_digest(dict(cut.items())), len(cut.orders))
    return cuts


def _write_notes(cut: _Cut, quality: DataQuality, history: list[dict[str, Any]]) -> str:
    """Add the data-quality record and forecast history to an extract; its whole digest."""
    quality_text = json.dumps(quality.to_dict(), indent=2)
    (cut.folder / QUALITY_FILE).write_text(quality_text, encoding="utf-8")
    history_text = json.dumps(history, indent=2)
    history_file = cut.folder / FORECAST_HISTORY_FILE
    if history:
        history_file.write_text(history_text, encoding="utf-8")
    else:
        history_file.unlink(missing_ok=True)
    return mf.combine(
        tables=cut.digest,
        quality=mf.combine(text=quality_text),
        history=mf.combine(text=history_text),
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


def resolve_period(tables: Tables, period: pd.Period | None) -> pd.Period:
    """The requested period, or the latest complete month in the orders."""
    return (
        period if period is not None else latest_complete_month(tables.orders["order_date"].max())
    )


def run(options: RunOptions) -> RunResult:
    """Validate the data, render the reports whose inputs changed and publish the site.

    Returns:
        What was rendered, left unchanged, and what failed (the site is published even then,
        with the failed reports marked).

    Raises:
        ReportlibError: a failure of the whole run; the published site is then left as it was.
    """
    from reportlib.intake import validation

    params = load_params(options.params_dir)
    report_ids = list(options.regions) or params.report_ids()
    for report_id in report_ids:
        params.region(report_id)  # unknown ids fail before any work
    sections = _sections(params, report_ids, options)
    out = options.out_dir
    with output_lock(out):
        t0 = time.monotonic()
        _remove_stale_builds(out)
        published = out / SITE_LINK
        manifest = mf.Manifest.load(out)
        fingerprints = {
            "params": mf.tree_digest([options.params_dir], options.params_dir),
            "notebooks": mf.tree_digest(
                [s.path for s, _ in sections.values()], options.notebooks_dir
            ),
            "code": mf.code_digest(),
        }
        run_fingerprint = mf.combine(
            data=mf.tree_digest([options.data_dir], options.data_dir),
            period=str(options.period or "latest"),
            **fingerprints,
        )
        done = None if options.force else manifest.unchanged_run(run_fingerprint, report_ids)
        if done and all((published / done / f"{rid}.html").is_file() for rid in report_ids):
            log.info(
                "nothing changed since the last run: the %s reports are current (--force renders)",
                done,
            )
            return RunResult(pd.Period(done, freq="M"), published, (), tuple(report_ids), (), ())

        # workers and their first kernels start while the data is read and validated
        with _pool(options, len(report_ids)) as pool:
            intake = load_tables(options.data_dir, params)
            tables = intake.tables
            period = resolve_period(tables, options.period)
            write_quarantine(intake, out / str(period) / "quarantine")
            log.info(
                "read %s in %.1f s; period %s", options.data_dir, time.monotonic() - t0, period
            )
            for note in filter(None, (item.columns_note() for item in intake.summary)):
                log.info("%s", note)
            work = out / "work" / str(period)
            # the extracts' tables are written while Great Expectations checks the data (the
            # Parquet writer runs outside the GIL); nothing reads them unless validation passes
            with ThreadPoolExecutor(1, thread_name_prefix="extracts") as writer:
                writing = writer.submit(_write_cuts, tables, report_ids, work)
                report = validation.validate(tables, params, period)
                cuts = writing.result()
            log.info(
                "validated %d checks in %.1f s: %d critical, %d warnings",
                len(report.checks),
                time.monotonic() - t0,
                len(report.critical),
                len(report.warnings),
            )
            build = out / BUILDS_DIR / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
            try:
                if published.is_dir():
                    shutil.copytree(published, build)
                period_dir = build / str(period)
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
                warnings = tuple(f.message() for f in report.warnings)
                keys = {}
                for rid in report_ids:
                    missing = _write_report_notebook(
                        [sections[name] for name in params.sections(rid)],
                        tables.for_region(rid),
                        work / "notebooks" / f"{rid}.ipynb",
                    )
                    quality = DataQuality(intake.summary, warnings, missing)
                    extract = _write_notes(cuts[rid], quality, forecast_history(out, rid, period))
                    keys[rid] = mf.combine(
                        extract=extract,
                        period=str(period),
                        status=status,
                        **fingerprints,
                    )
                unchanged = [
                    rid
                    for rid in report_ids
                    if not options.force
                    and manifest.unchanged_report(str(period), rid, keys[rid])
                    and (period_dir / f"{rid}.html").is_file()
                    and not (period_dir / f"{rid}{FAILED_SUFFIX}").exists()
                ]
                # largest first: the company report, the longest, does not start last on its own
                todo = sorted(
                    (r for r in report_ids if r not in unchanged), key=lambda r: -cuts[r].orders
                )
                if unchanged:
                    log.info("unchanged since the last run, not rendered: %s", ", ".join(unchanged))
                prov = collect(options.data_dir, PROJECT_ROOT)
                rendered, failed = (
                    _render(pool, _jobs(params, todo, period, work, options, status, prov), options)
                    if todo
                    else ({}, {})
                )
                pool.close()
                for rid, items in rendered.items():
                    _add_to_build(period_dir, items, rid)
                for failure in failed.values():
                    _mark_failed(period_dir, failure)
                if failed:
                    log.warning("reconciliation skipped: %d report(s) failed", len(failed))
                else:
                    _check_reconciliation(params, report_ids, period_dir)
                site.build_index(build, params)
                _publish(out, build)
            except BaseException:
                shutil.rmtree(build, ignore_errors=True)
                raise
        for rid, items in rendered.items():
            for item in items:
                if item.forecast is not None:
                    _store_forecast(out, rid, period, item.forecast)
        manifest.record(
            str(period),
            {rid: keys[rid] for rid in [*rendered, *unchanged]},
            failed,
            run_fingerprint,
            report_ids,
        )
        log.info(
            "published %s in %.1f s: %d rendered, %d unchanged, %d failed",
            published / "index.html",
            time.monotonic() - t0,
            len(rendered),
            len(unchanged),
            len(failed),
        )
        for failure in failed.values():
            log.error("FAILED %s: %s", failure.report_id, failure.message)
    return RunResult(
        period=period,
        site_dir=published,
        rendered=tuple(rendered),
        unchanged=tuple(unchanged),
        failed=tuple(failed.values()),
        warnings=tuple(f.message() for f in report.warnings),
    )
