"""Render the reports: each report's notebook executed by Papermill and converted to one page.

:func:`render_report` runs in the worker processes (local ones, or a Dask cluster's): it and
:class:`ReportJob` are picklable, and this module imports neither Great Expectations nor the
other stages. Each notebook runs in a kernel of its own (:mod:`reportlib.run.kernels`), and a
report that fails does not stop the others (:mod:`reportlib.run.executors`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from reportlib.errors import RenderError
from reportlib.formatting import Formatter
from reportlib.report import FORECAST_MIMETYPE, KPIS_MIMETYPE
from reportlib.run import kernels
from reportlib.run.executors import TaskPool
from reportlib.site.provenance import Provenance, collect, footer_html

if TYPE_CHECKING:
    import nbformat

    from reportlib.config import Params
    from reportlib.run.cut import Plan
    from reportlib.run.pipeline import RunOptions
    from reportlib.run.read import Data

REPORT_LANGUAGE = "en"  # the narrative's language; numbers follow each region's locale


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
class Outcome:
    """What the render stage did.

    Attributes:
        rendered: The pages of each report rendered, by report id.
        failed: Each report that failed, by report id.
    """

    rendered: dict[str, list[Rendered]]
    failed: dict[str, Failure]


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


def start_pool(options: RunOptions, tasks: int) -> TaskPool:
    """Workers for at most ``tasks`` notebooks; local ones start a spare kernel at once.

    On a Dask scheduler (``options.scheduler``) the cluster's workers are used as they are.

    Raises:
        ConfigError: if the scheduler cannot be reached.
    """
    if options.scheduler is not None:
        return TaskPool(workers=options.jobs, scheduler=options.scheduler)
    return TaskPool(
        workers=min(options.jobs, max(tasks, 1)),
        warm_up=partial(kernels.start_spare, _kernel_cwd(options.notebooks_dir)),
    )


def render_reports(
    pool: TaskPool,
    params: Params,
    data: Data,
    plan: Plan,
    options: RunOptions,
    project_root: Path,
) -> Outcome:
    """Render the reports of ``plan.todo`` on ``pool``, then let the pool's workers go.

    Reads each report's notebook and extract under ``data.work``; writes its executed notebook
    to ``<work>/executed/`` and its HTML and ``kpis.json`` to ``<work>/rendered/``. The
    provenance footer names the data files and the commit of ``project_root``.

    Returns:
        The reports rendered and the ones that failed: a report fails, alone, when any of its
        notebooks does; nothing is raised for it.
    """
    prov = collect(options.data_dir, project_root)
    rendered, failed = (
        _render(
            pool,
            _jobs(params, plan.todo, data.period, data.work, options, plan.status, prov),
            options,
        )
        if plan.todo
        else ({}, {})
    )
    pool.close()
    return Outcome(rendered, failed)


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


def _kernel_cwd(notebooks_dir: Path) -> str:
    """Where report kernels start: the notebooks' folder, so relative paths work as in Lab."""
    return str(notebooks_dir.absolute())


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
