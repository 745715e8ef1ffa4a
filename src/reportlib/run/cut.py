"""Cut the data per report: its extract, the notes beside it, its notebook and its manifest key.

The extracts' tables are written while Great Expectations validates (:func:`write_extracts`);
once the data passed, :func:`cut_reports` adds each report's data-quality record and forecast
history, assembles its notebook from its sections, works out its links to the rest of the site
(:func:`navigation`), and decides which reports are unchanged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from reportlib import i18n
from reportlib.config import COMPANY_ID
from reportlib.formatting import Formatter
from reportlib.report import FORECAST_HISTORY_FILE, QUALITY_FILE, CompanyView, DataQuality
from reportlib.run import manifest as mf
from reportlib.run.extract import write_extract
from reportlib.run.forecasts import forecast_history
from reportlib.run.sections import LeftOut, Section, assemble, has_data, left_out, read_section
from reportlib.site.index import FAILED_SUFFIX
from reportlib.site.navigation import Link, Navigation

if TYPE_CHECKING:
    import nbformat

    from reportlib.config import Params
    from reportlib.intake.data import Tables
    from reportlib.run.read import Data
    from reportlib.run.skip import Inputs

log = logging.getLogger(__name__)


def read_sections(
    params: Params, report_ids: Sequence[str], notebooks_dir: Path
) -> dict[str, tuple[Section, nbformat.NotebookNode]]:
    """Every section notebook the reports list, read once, by name.

    Raises:
        ConfigError: if one is missing or names unknown data.
    """
    names = dict.fromkeys(name for rid in report_ids for name in params.sections(rid))
    return {name: read_section(notebooks_dir, name) for name in names}


@dataclass(frozen=True)
class Extract:
    """One report's tables, written to its extract folder."""

    folder: Path
    digest: str  # of the tables' rows
    orders: int  # order lines, to render the largest reports first


def write_extracts(tables: Tables, report_ids: Sequence[str], work: Path) -> dict[str, Extract]:
    """Write each report's tables to ``<work>/extracts/<report>/`` (runs beside validation).

    Into a region's extract goes its :class:`~reportlib.report.CompanyView`, computed once
    from every region's orders: the company's first sale of each product and the months the
    region's customers bought in other regions. Its rows count in the extract's digest.

    Returns:
        Each report's extract, by report id in the order of ``report_ids``.
    """
    regions = [rid for rid in report_ids if rid != COMPANY_ID]
    views = CompanyView.for_regions(tables.orders, regions)
    extracts = {}
    for rid in report_ids:
        cut = tables.for_region(rid)
        folder = write_extract(cut, work / "extracts" / rid)
        frames = dict(cut.items())
        if rid in views:
            views[rid].write(folder)
            frames.update(views[rid].frames())
        else:
            CompanyView.remove(folder)
        extracts[rid] = Extract(folder, mf.frames_digest(frames), len(cut.orders))
    return extracts


@dataclass(frozen=True)
class Plan:
    """What the cut decided.

    Attributes:
        status: ``"fresh"``, or ``"provisional"`` when validation warned.
        keys: Each report's manifest key (what it is rendered from), by report id.
        unchanged: Reports published from the same key, left as they are.
        todo: Reports to render, largest first (the company report does not start last).
        navigation: Each report's links to the rest of the site (:func:`navigation`).
    """

    status: str
    keys: dict[str, str]
    unchanged: list[str]
    todo: list[str]
    navigation: dict[str, Navigation] = field(default_factory=dict)


def cut_reports(
    params: Params,
    sections: Mapping[str, tuple[Section, nbformat.NotebookNode]],
    data: Data,
    extracts: Mapping[str, Extract],
    warnings: tuple[str, ...],
    inputs: Inputs,
    period_dir: Path,
) -> Plan:
    """Finish each report's inputs and decide which reports need rendering.

    For each report of ``extracts``, writes ``<work>/notebooks/<report>.ipynb`` (its sections
    with data), and ``quality.json`` and ``forecast_history.json`` into its extract (the
    history from ``<out>/forecasts/``). A report is unchanged, unless the run is forced, when
    the manifest has its key for this period and its page is in the build (``period_dir``)
    without a failed mark. A report's key holds its navigation, so that a page is rendered
    again when a link appears (last month's report or a region's, published since).

    Args:
        params: The run's parameters (which sections each report lists).
        sections: Every section notebook listed, by name (:func:`read_sections`).
        data: The data read (tables, summaries, period, output folder).
        extracts: Each report's extract (:func:`write_extracts`), in the run's order.
        warnings: The validation warnings; the reports are provisional when there are any.
        inputs: The run's fingerprints and the manifest (:func:`reportlib.run.skip.fingerprint`).
        period_dir: The period's folder in the new build.

    Returns:
        The reports' status and keys, and which reports to render.
    """
    status = "provisional" if warnings else "fresh"
    links = navigation(params, list(extracts), data.period, period_dir)
    keys = {}
    for rid, extract in extracts.items():
        with i18n.use(params.region(rid).reading_language):
            missing = _write_report_notebook(
                [sections[name] for name in params.sections(rid)],
                data.tables,
                data.work / "notebooks" / f"{rid}.ipynb",
            )
        quality = DataQuality(data.intake.summary, warnings, missing)
        notes = _write_notes(extract, quality, forecast_history(data.out, rid, data.period))
        keys[rid] = mf.combine(
            extract=notes,
            period=str(data.period),
            status=status,
            navigation=repr(links[rid]),
            **inputs.parts,
        )
    unchanged = [
        rid
        for rid in keys
        if not inputs.force
        and inputs.manifest.unchanged_report(str(data.period), rid, keys[rid])
        and (period_dir / f"{rid}.html").is_file()
        and not (period_dir / f"{rid}{FAILED_SUFFIX}").exists()
    ]
    todo = sorted((r for r in keys if r not in unchanged), key=lambda r: -extracts[r].orders)
    if unchanged:
        log.info("unchanged since the last run, not rendered: %s", ", ".join(unchanged))
    return Plan(status, keys, unchanged, todo, links)


def navigation(
    params: Params, report_ids: Sequence[str], period: pd.Period, period_dir: Path
) -> dict[str, Navigation]:
    """Each report's links: the site index, its report of the month before, the regions'.

    The site is ``<site>/<YYYY-MM>/<report>.html`` with the index at ``<site>/index.html``.
    The month before is linked when its report is published in the build, which starts as a
    copy of the published site; the company report links each region whose report this run
    renders or the build already holds for the month, in the order of ``params/regions/``.

    Args:
        params: The run's parameters (region names, locales).
        report_ids: The reports of this run.
        period: The month reported.
        period_dir: The month's folder in the new build.

    Returns:
        The navigation of each report of ``report_ids``.
    """
    previous = period - 1
    previous_dir = period_dir.parent / str(previous)
    company_language = params.company.reading_language  # the regions are linked from its page
    regions = tuple(
        Link(f"{rid}.html", region.in_language(company_language).name)
        for rid, region in params.regions.items()
        if rid in report_ids or (period_dir / f"{rid}.html").is_file()
    )
    links = {}
    for rid in report_ids:
        region = params.region(rid)
        with i18n.use(region.reading_language):  # the month's name as the page writes it
            month = Formatter(region.locale, region.currency).month(previous)
        before = (
            Link(f"../{previous}/{rid}.html", month)
            if (previous_dir / f"{rid}.html").is_file()
            else None
        )
        links[rid] = Navigation(previous=before, regions=regions if rid == COMPANY_ID else ())
    return links


def _write_report_notebook(
    sections: Sequence[tuple[Section, nbformat.NotebookNode]], tables: Tables, path: Path
) -> tuple[LeftOut, ...]:
    """Write the report's notebook: its sections with data, assembled; the ones left out."""
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(assemble([nb for s, nb in sections if has_data(s, tables)]), path)
    return left_out([s for s, _ in sections], tables)


def _write_notes(extract: Extract, quality: DataQuality, history: list[dict[str, Any]]) -> str:
    """Add the data-quality record and forecast history to an extract; its whole digest."""
    quality_text = json.dumps(quality.to_dict(), indent=2)
    (extract.folder / QUALITY_FILE).write_text(quality_text, encoding="utf-8")
    history_text = json.dumps(history, indent=2)
    history_file = extract.folder / FORECAST_HISTORY_FILE
    if history:
        history_file.write_text(history_text, encoding="utf-8")
    else:
        history_file.unlink(missing_ok=True)
    return mf.combine(
        tables=extract.digest,
        quality=mf.combine(text=quality_text),
        history=mf.combine(text=history_text),
    )
