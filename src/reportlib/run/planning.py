"""Next year's plan as a command: read, plan, write the targets, render the plan report, publish.

``reportlib plan`` (:func:`plan_year`) runs these stages in order:

1. read: the input tables through the intake, cut at their last complete month;
2. validate: Great Expectations, as ``reportlib validate`` checks (an error stops the plan);
3. plan: :func:`make_plan`, the goal and ``analysis.planning.build_plan``;
4. write: ``<out>/plan/<YYYY>/targets-YYYY.csv`` (the contract's ``targets`` table) and
   ``reps-planned-YYYY.csv`` (the planned seats as reps rows), for next year's input; the plan's
   frames under ``<out>/work/plan-<YYYY>/plan/`` (:func:`write_plan`), which the plan report's
   notebooks read (``reportlib.plan_report.open_plan``);
5. render: one page per report (the company and each region) assembled from the plan sections
   (``plan_sections`` in ``params/defaults.yaml``, notebooks under ``notebooks/plan/``),
   executed and converted like the monthly reports (:mod:`reportlib.run.execute`);
6. publish: a new build holding ``plan/<YYYY>/`` (replacing an earlier plan of that year),
   the index rebuilt, swapped in at once (:mod:`reportlib.run.publish`). A page that fails
   stops the command before publishing: the site stays as it was.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from reportlib import i18n
from reportlib.analysis.planning import (
    Plan,
    build_plan,
    company_goal,
    this_year_landing,
)
from reportlib.analysis.revenue import fiscal_year_start
from reportlib.config import PLANNING_FILE, Planning, check_planning
from reportlib.errors import ConfigError, DataError
from reportlib.site.index import PLAN_FOLDER

if TYPE_CHECKING:
    from reportlib.config import Params
    from reportlib.intake.data import Tables
    from reportlib.run.execute import Rendered, ReportJob
    from reportlib.site.provenance import Provenance

log = logging.getLogger(__name__)


PLAN_FILE = "plan.json"
"""Marks a folder written by :func:`write_plan`: the plan's figures and how the goal was set."""
PLAN_FORMAT = 1
_FRAMES = ("seats", "views", "months", "feasibility_reps", "feasibility_groups", "targets")

POTENTIAL_NOTES = ("used", "weight_zero", "no_market", "no_share", "no_sales")
"""Why the potential view counts or not: used; weight 0 in ``planning.yaml``; no market table;
no reachable share set; no market sales in the trailing window of a region with a share."""


@dataclass(frozen=True)
class PlanBasis:
    """How the goal was set, and what the plan could use (for the plan report).

    Attributes:
        fiscal_year: The fiscal year holding the data's last complete month ("this year").
        landing: Where this fiscal year lands, company currency (None when not needed).
        growth: The company growth over ``landing`` (None with a given target).
        growth_source: ``option`` (``--growth``) or ``settings`` (``planning.yaml``'s
            ``growth``); empty with a given target.
        company_target: The given goal, company currency (None with a growth).
        buffer: The over-assignment (0.10 = the targets add up to the goal × 1.10).
        region_growth: Each region's own growth, by region id (``planning.yaml``'s ``regions``).
        potential: One of :data:`POTENTIAL_NOTES`.
        start_month: First month of the fiscal year.
    """

    fiscal_year: int
    landing: float | None
    growth: float | None
    growth_source: str
    company_target: float | None
    buffer: float
    region_growth: dict[str, float]
    potential: str
    start_month: int = 1


@dataclass(frozen=True)
class PlanRecord:
    """A plan and how its goal was set: what the plan report shows."""

    plan: Plan
    basis: PlanBasis


def check_year(params: Params, last: pd.Period, year: int) -> None:
    """Stop unless ``year`` is the fiscal year after the one holding ``last``.

    The plan year is the fiscal year starting in ``fiscal_year_start_month`` of ``year`` (the
    forecast's convention, ``analysis.revenue.fiscal_year_start``); "this year" is the fiscal
    year holding ``last``, the data's last complete month.

    Raises:
        ConfigError: naming ``--year`` and the year to give.
    """
    this_year = next_year(params, last) - 1
    if year != this_year + 1:
        raise ConfigError(
            f"--year {year}: the data's last complete month is {last}, in fiscal year "
            f"{this_year}; a plan is made for the fiscal year after the data's last",
            hint=f"use --year {this_year + 1}"
            + (f", or deliver the data up to fiscal year {year - 1}" if year > this_year else ""),
        )


def next_year(params: Params, last: pd.Period) -> int:
    """The plan year that follows the fiscal year holding ``last`` (:func:`check_year`)."""
    return fiscal_year_start(last, params.defaults.fiscal_year_start_month).year + 1


def plan_settings(
    tables: Tables,
    params: Params,
    last: pd.Period,
    year: int,
    growth: float | None = None,
    company_target: float | None = None,
    source: str | Path = "the data",
) -> tuple[Planning, float | None]:
    """What a plan needs, checked before any work: the reps, the year, the settings, a goal.

    Args: as :func:`make_plan`'s.

    Returns:
        The planning settings (checked against the reps table) and the company growth to use
        (``growth``, else ``planning.yaml``'s; None with a ``company_target``).

    Raises:
        ConfigError: no goal, a wrong year, settings the reps table cannot honour.
        DataError: without the reps table.
    """
    if tables.reps is None:
        raise DataError(
            f"{source}: a plan gives each account executive their targets, and there is no "
            "reps table",
            hint="deliver reps.csv (docs/data-contract.md, table reps); plans of regions "
            "without reps are not made",
        )
    check_year(params, last, year)
    settings = check_planning(params, tables.reps)
    if company_target is not None:
        return settings, None
    growth = growth if growth is not None else settings.growth
    if growth is None:
        raise ConfigError(
            f"plan --year {year}: no company goal: give --growth G (this fiscal year's landing "
            f"grown by G) or --company-target AMOUNT, or set growth in {PLANNING_FILE}",
            hint=f"for example --growth 0.08, or 'growth: 0.08' in params/{PLANNING_FILE}",
        )
    return settings, growth


def make_plan(
    tables: Tables,
    params: Params,
    last: pd.Period,
    year: int,
    growth: float | None = None,
    company_target: float | None = None,
    source: str | Path = "the data",
) -> PlanRecord:
    """The plan of ``year`` from the tables (cut at ``last``) and ``params``' planning settings.

    The company goal is ``company_target``, else this fiscal year's landing × (1 + growth),
    the growth being ``growth``, else ``planning.yaml``'s ``growth``.

    Args:
        tables: The input tables (all regions).
        params: The parameters (``planning``: ``params/planning.yaml``, or the defaults).
        last: The data's last complete month: later orders are left out.
        year: The plan year (:func:`check_year`).
        growth: The company growth (``--growth``), or None.
        company_target: The company goal (``--company-target``), or None.
        source: The data folder, named in the messages.

    Raises:
        ConfigError: no goal (no growth anywhere and no target), a wrong year, settings the data
            cannot honour; naming the option, file or key.
        DataError: without the reps table or the orders' rep ids.
    """
    settings, chosen = plan_settings(tables, params, last, year, growth, company_target, source)
    growth_source = "option" if growth is not None else "settings"
    growth = chosen
    start = params.defaults.fiscal_year_start_month
    orders = tables.orders[tables.orders["order_date"] <= last.end_time]
    rates = params.defaults.fx_rates
    own = {rid: g for rid in params.regions if (g := settings.region_growth(rid)) is not None}
    landing = this_year_landing(orders, rates, last, start) if growth is not None or own else None
    plan = build_plan(
        orders,
        tables.reps,
        tables.market,
        settings,
        year,
        company_goal(landing, growth, company_target),
        rates,
        {rid: region.currency for rid, region in params.regions.items()},
        landing_amount=landing,
        start_month=start,
    )
    basis = PlanBasis(
        fiscal_year=fiscal_year_start(last, start).year,
        landing=landing,
        growth=growth if company_target is None else None,
        growth_source=growth_source if company_target is None else "",
        company_target=company_target,
        buffer=settings.buffer,
        region_growth=own,
        potential=_potential_note(plan, tables, params, settings),
        start_month=start,
    )
    return PlanRecord(plan, basis)


def _potential_note(plan: Plan, tables: Tables, params: Params, settings: Planning) -> str:
    """Why the potential view counts or not: one of :data:`POTENTIAL_NOTES`."""
    if plan.potential_used:
        return "used" if plan.weights["potential"] > 0 else "weight_zero"
    if tables.market is None:
        return "no_market"
    if not any(settings.reachable(rid) is not None for rid in params.regions):
        return "no_share"
    return "no_sales"


def write_plan(record: PlanRecord, folder: Path) -> Path:
    """Write the plan's frames (Parquet) and figures (:data:`PLAN_FILE`) into ``folder``.

    Read back exactly by :func:`read_plan`; the folder is reportlib's own format.
    """
    folder.mkdir(parents=True, exist_ok=True)
    plan = record.plan
    for name in _FRAMES:
        getattr(plan, name).to_parquet(folder / f"{name}.parquet")
    plan.ramp.to_frame().to_parquet(folder / "ramp.parquet")
    figures = {
        "format": PLAN_FORMAT,
        "year": plan.year,
        "history_end": str(plan.history_end),
        "goal": plan.goal,
        "total": plan.total,
        "weights": plan.weights,
        "potential_used": plan.potential_used,
        "ramp_measured": plan.ramp_measured,
        "basis": asdict(record.basis),
    }
    (folder / PLAN_FILE).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return folder


def read_plan(folder: str | Path) -> PlanRecord:
    """The plan written by :func:`write_plan` into ``folder``.

    Raises:
        DataError: naming the file, when the folder holds no plan or a part cannot be read.
    """
    folder = Path(folder)
    marker = folder / PLAN_FILE
    hint = "plans are written by `reportlib plan` (make plan); plan again"
    try:
        figures = json.loads(marker.read_text(encoding="utf-8"))
        if figures.get("format") != PLAN_FORMAT:
            raise ValueError(f"format {figures.get('format')!r}, expected {PLAN_FORMAT}")
        frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in _FRAMES}
        ramp = pd.read_parquet(folder / "ramp.parquet")["ramp"]
        plan = Plan(
            year=int(figures["year"]),
            history_end=pd.Period(figures["history_end"], freq="M"),
            goal=float(figures["goal"]),
            total=float(figures["total"]),
            weights={k: float(v) for k, v in figures["weights"].items()},
            potential_used=bool(figures["potential_used"]),
            ramp=ramp,
            ramp_measured=bool(figures["ramp_measured"]),
            **frames,
        )
        basis = PlanBasis(**figures["basis"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{folder}: not a plan: {exc}", hint=hint) from None
    return PlanRecord(plan, basis)


@dataclass(frozen=True)
class PlanOptions:
    """Where the plan report is rendered and published.

    Attributes:
        data_dir: Folder of the input tables (named in the pages' footer).
        out_dir: Output folder: ``site`` (published), ``work/plan-<YYYY>/``, ``plan/<YYYY>/``.
        params_dir: The ``params/`` folder.
        notebooks_dir: Folder of the plan section notebooks (``notebooks/plan``).
        jobs: Pages rendered at once.
        progress: Show a progress bar; None shows one when stderr is a terminal.
        pdf: Also print each page to ``<report>.pdf`` (:mod:`reportlib.site.pdf`); without a
            browser the command says so and publishes the HTML.
    """

    data_dir: Path
    out_dir: Path
    params_dir: Path
    notebooks_dir: Path
    jobs: int = 2
    progress: bool | None = None
    pdf: bool = False


def publish_plan(
    record: PlanRecord, params: Params, options: PlanOptions, project_root: Path
) -> Path:
    """Render the plan report of every report id and publish it under ``site/plan/<YYYY>/``.

    Holds the output folder's lock (one run or plan at a time). The pages are rendered first;
    only when every one rendered is a new build made (a copy of the published site), its
    ``plan/<YYYY>/`` replaced by the new pages, the index rebuilt and the site swapped.

    Returns:
        The published folder of the year's plan pages.

    Raises:
        RenderError: when a page fails (naming it and its executed notebook); nothing is
            published then.
        ConfigError: when a plan section is missing or unreadable.
    """
    from reportlib.run.lock import output_lock
    from reportlib.run.publish import SITE_LINK, add_reports, new_build, publish
    from reportlib.run.render import Outcome
    from reportlib.site.pdf import write_pdfs

    out = options.out_dir
    with output_lock(out):
        work = out / "work" / f"{PLAN_FOLDER}-{record.plan.year}"
        rendered = _render(record, params, options, work, project_root)
        with new_build(out) as build:
            year_dir = build / PLAN_FOLDER / str(record.plan.year)
            if year_dir.exists():
                shutil.rmtree(year_dir)  # a new plan of a year replaces the old one whole
            add_reports(year_dir, Outcome(rendered, {}))
            if options.pdf:
                write_pdfs(sorted(year_dir.glob("*.html")))
            publish(out, build, params)
    return out / SITE_LINK / PLAN_FOLDER / str(record.plan.year)


def _render(
    record: PlanRecord, params: Params, options: PlanOptions, work: Path, project_root: Path
) -> dict[str, list[Rendered]]:
    """Write the plan and each page's notebook under ``work``; execute and convert them all.

    Raises:
        RenderError: naming every page that failed.
    """
    import nbformat

    from reportlib.errors import RenderError
    from reportlib.run.execute import render_report
    from reportlib.run.render import local_workers
    from reportlib.run.sections import assemble, read_section
    from reportlib.site.provenance import collect

    if work.exists():
        shutil.rmtree(work)
    plan_dir = write_plan(record, work / "plan")
    sections = [
        read_section(options.notebooks_dir, name)[1] for name in params.defaults.plan_sections
    ]
    prov = collect(options.data_dir, project_root)
    jobs = []
    for report_id in params.report_ids():
        with i18n.use(params.region(report_id).reading_language):
            notebook = work / "notebooks" / f"{report_id}.ipynb"
            notebook.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(assemble(sections, closing=None), notebook)
            jobs.append(_job(report_id, record, params, options, work, plan_dir, prov))
    with local_workers(min(options.jobs, len(jobs)), options.notebooks_dir) as pool:
        outcomes = pool.run(
            render_report, jobs, describe=lambda job: job.html.stem, progress=options.progress
        )
    failed = [o for o in outcomes if o.error is not None]
    if failed:
        raise RenderError(
            "the plan report was not published: "
            + "; ".join(f"{o.item.report_id}: {o.error}" for o in failed),
            hint="open the executed notebooks under "
            f"{work / 'executed'} in JupyterLab to see the failing cells",
        )
    return {o.item.report_id: [o.result] for o in outcomes}


def _job(
    report_id: str,
    record: PlanRecord,
    params: Params,
    options: PlanOptions,
    work: Path,
    plan_dir: Path,
    prov: Provenance,
) -> ReportJob:
    """The job of one plan page, its texts in the language ``reportlib.i18n`` has active."""
    from reportlib.formatting import Formatter
    from reportlib.i18n import _
    from reportlib.run.execute import ReportJob
    from reportlib.run.render import kernel_cwd
    from reportlib.site.navigation import Link, Navigation
    from reportlib.site.provenance import footer_html

    language = params.region(report_id).reading_language
    named = params.in_language(language)
    region = named.region(report_id)
    plan = record.plan
    regions = tuple(
        Link(f"{rid}.html", r.in_language(language).name) for rid, r in params.regions.items()
    )
    month = Formatter(region.locale, region.currency).month(plan.history_end)
    return ReportJob(
        report_id=report_id,
        notebook=work / "notebooks" / f"{report_id}.ipynb",
        executed=work / "executed" / f"{report_id}.ipynb",
        html=work / "rendered" / f"{report_id}.html",
        kpis=None,
        parameters={
            "region": report_id,
            "year": plan.year,
            "plan_dir": str(plan_dir.resolve()),
            "params_dir": str(options.params_dir.resolve()),
        },
        title=_("{region}: sales plan for {year}").format(region=region.name, year=plan.year),
        subtitle=_("Targets for {year}, set from the data up to {month}").format(
            year=plan.year, month=month
        ),
        lang=language,
        status="fresh",
        footer_html=footer_html(region, plan.history_end, "fresh", prov, validation_href=None),
        kernel_cwd=kernel_cwd(options.notebooks_dir),
        spare_after=True,
        navigation=Navigation(
            index="../../index.html", regions=regions if region.is_company else ()
        ),
        confidentiality=named.print_settings(report_id).confidentiality,
    )
