"""Execute one report's notebook with Papermill and convert it to HTML (in a worker process).

:func:`render_report` runs in the worker processes, local ones or a Dask cluster's: it and
:class:`ReportJob` are picklable, and this module imports little (Papermill and nbconvert when
a job runs), never Great Expectations nor the run's other stages. Each notebook runs in a kernel
of its own (:mod:`reportlib.run.kernels`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlib.errors import RenderError
from reportlib.report import FORECAST_MIMETYPE, KPIS_MIMETYPE
from reportlib.run import kernels

if TYPE_CHECKING:
    import nbformat

    from reportlib.site.navigation import Navigation


@dataclass(frozen=True)
class ReportJob:
    """One notebook to execute and convert; picklable for worker processes."""

    report_id: str
    notebook: Path
    executed: Path
    html: Path
    kpis: Path | None
    parameters: dict[str, str | int]
    title: str
    subtitle: str
    lang: str
    status: str
    footer_html: str
    kernel_cwd: str
    """Where the notebook's kernel starts: the section notebooks' folder, as in JupyterLab."""
    spare_after: bool
    """Start a spare kernel for this worker's next notebook (``reportlib.run.kernels``)."""
    navigation: Navigation | None = None
    """The page's links to the index, last month's report and the regions' (``run.cut``)."""
    confidentiality: str = ""
    """The line printed on every page and shown in the footer (``params/``: ``print``)."""


@dataclass(frozen=True)
class Rendered:
    """What a worker hands back: the HTML written and the forecast the notebook published."""

    html: Path
    forecast: dict[str, Any] | None


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

    from reportlib.site import downloads
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
    tables = downloads.records(nb)  # each table's CSV, all in one workbook, linked from the page
    downloads.write_downloads(tables, job.html.parent, job.report_id, title=job.title)
    nb = downloads.with_links(nb, job.report_id, tables)
    job.html.write_text(
        notebook_to_html(
            nb,
            title=job.title,
            subtitle=job.subtitle,
            lang=job.lang,
            footer_html=job.footer_html,
            navigation=job.navigation,
            confidentiality=job.confidentiality,
        ),
        encoding="utf-8",
    )
    if job.kpis is not None:
        record = {**extract_kpis(nb), "status": job.status}
        job.kpis.write_text(json.dumps(record, indent=2, sort_keys=True), encoding="utf-8")
    return Rendered(job.html, _published(nb, FORECAST_MIMETYPE))
