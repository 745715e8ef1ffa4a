"""Render the reports: the workers, one job per report, failures isolated.

The workers start before the data is read (:func:`start_pool`), each with a spare kernel;
:func:`render_reports` builds a job per report to render and fans them out
(:mod:`reportlib.run.executors`): each worker executes and converts its reports' notebooks
(:func:`reportlib.run.execute.render_report`), and a report that fails does not stop the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from reportlib import i18n
from reportlib.formatting import Formatter
from reportlib.i18n import _
from reportlib.run import kernels
from reportlib.run.execute import Rendered, ReportJob, render_report
from reportlib.run.executors import TaskPool, local_pool
from reportlib.site.provenance import Provenance, collect, footer_html

if TYPE_CHECKING:
    from reportlib.config import Params, Region
    from reportlib.run.cut import Plan
    from reportlib.run.pipeline import RunOptions
    from reportlib.run.read import Data


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


def start_pool(options: RunOptions, tasks: int) -> TaskPool:
    """Workers for at most ``tasks`` notebooks; local ones start a spare kernel at once.

    On a Dask scheduler (``options.scheduler``) the cluster's workers are used as they are.

    Raises:
        ConfigError: if the scheduler cannot be reached.
    """
    if options.scheduler is not None:
        return TaskPool(workers=options.jobs, scheduler=options.scheduler)
    return local_workers(min(options.jobs, max(tasks, 1)), options.notebooks_dir)


def local_workers(workers: int, notebooks_dir: Path) -> TaskPool:
    """``workers`` local processes for the notebooks of ``notebooks_dir``.

    Each warms up a spare kernel there; within ``executors.shared_workers`` the pool is kept
    between runs (``executors.local_pool``).
    """
    return local_pool(workers, partial(kernels.start_spare, kernel_cwd(notebooks_dir)))


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
            _jobs(params, plan, data.period, data.work, options, prov),
            options,
        )
        if plan.todo
        else ({}, {})
    )
    pool.close()
    return Outcome(rendered, failed)


def _jobs(
    params: Params,
    plan: Plan,
    period: pd.Period,
    work: Path,
    options: RunOptions,
    prov: Provenance,
) -> list[ReportJob]:
    """One job per report to render: its notebook, outputs, title, footer, links, print line."""
    jobs = []
    for report_id in plan.todo:
        language = params.region(report_id).reading_language
        with i18n.use(language):
            named = params.in_language(language)
            jobs.append(
                _job(report_id, named.region(report_id), named, plan, period, work, options, prov)
            )
    return jobs


def _job(
    report_id: str,
    region: Region,
    params: Params,
    plan: Plan,
    period: pd.Period,
    work: Path,
    options: RunOptions,
    prov: Provenance,
) -> ReportJob:
    """The job of one report, its texts in the language ``reportlib.i18n`` has active."""
    month = Formatter(region.locale, region.currency).month(period)
    return ReportJob(
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
        title=_("{region}: sales report").format(region=region.name),
        subtitle=month,
        lang=region.reading_language,
        status=plan.status,
        footer_html=footer_html(region, period, plan.status, prov),
        kernel_cwd=kernel_cwd(options.notebooks_dir),
        # a cluster's workers outlive the run: no spares there
        spare_after=options.scheduler is None,
        navigation=plan.navigation.get(report_id),
        confidentiality=params.print_settings(report_id).confidentiality,
    )


def kernel_cwd(notebooks_dir: Path) -> str:
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
