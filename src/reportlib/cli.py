"""The ``reportlib`` command (also ``python -m reportlib``).

Subcommands: sample-data, validate, run, plan (next year's targets).

Exit codes: 0 success; 1 unexpected error; 2 bad parameters or arguments; 3 unreadable data;
4 data failed validation; 5 a report failed to render (the others are published; the index
marks it and links its last good report) or the regions do not reconcile (nothing published);
6 another run holds the lock; 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib.errors import RenderError, ReportlibError, ValidationFailed
from reportlib.periods import parse_period

if TYPE_CHECKING:
    import pandas as pd

    from reportlib.config import Params
    from reportlib.intake.data import Intake

log = logging.getLogger("reportlib")


def _period(text: str) -> object:
    try:
        return parse_period(text)
    except ReportlibError as exc:
        raise argparse.ArgumentTypeError(f"{exc.message} ({exc.hint})") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    from reportlib.run.pipeline import PROJECT_ROOT

    parser = argparse.ArgumentParser(
        prog="reportlib",
        description="Monthly sales reports: validate data, render per-region reports, publish.",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True)

    sample = sub.add_parser("sample-data", help="write the embedded sample data set as CSV files")
    sample.add_argument("--out", type=Path, required=True, help="folder to write into")
    sample.add_argument(
        "--profile",
        choices=("company", "retail"),
        default="company",
        help="company: the sample company's eight tables (default); retail: an online "
        "retailer's export, orders and targets only",
    )
    sample.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    sample.add_argument(
        "--orders",
        type=_positive,
        default=None,
        help="order lines (default 60000 for company, 20000 for retail)",
    )
    sample.add_argument("--end", default=None, help="last month of data, YYYY-MM (default 2026-10)")

    params_help = "the params/ folder (default: the project's)"
    validate = sub.add_parser("validate", help="check the input data; exit 4 on critical problems")
    validate.add_argument("--data", type=Path, required=True, help="folder of the input tables")
    validate.add_argument(
        "--period",
        type=_period,
        default=None,
        help="YYYY-MM (default: latest complete month in the data)",
    )
    validate.add_argument("--params", type=Path, default=PROJECT_ROOT / "params", help=params_help)
    validate.add_argument(
        "--page", type=Path, default=None, help="also write the validation page to this HTML file"
    )

    run = sub.add_parser("run", help="validate, render every report and publish the site")
    run.add_argument("--data", type=Path, required=True, help="folder of the input tables")
    run.add_argument(
        "--period",
        type=_period,
        default=None,
        help="YYYY-MM (default: latest complete month in the data)",
    )
    run.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="ID",
        help="render only this report id (repeatable; 'all' is the company)",
    )
    run.add_argument("--out", type=Path, default=Path("outputs"), help="output folder")
    run.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="reports rendered at once (default: number of cores)",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="render every report, even those whose inputs did not change",
    )
    run.add_argument(
        "--pdf",
        action="store_true",
        help="also print each report to <region>.pdf with headless Chromium (/usr/bin/chromium); "
        "without a browser the run says so and publishes the HTML",
    )
    run.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="render on this Dask scheduler (tcp://host:8786) instead of local processes; "
        "its workers must see the output folder at the same path",
    )
    run.add_argument("--params", type=Path, default=PROJECT_ROOT / "params", help=params_help)
    run.add_argument(
        "--notebooks",
        type=Path,
        default=PROJECT_ROOT / "notebooks",
        help="folder of the report notebooks",
    )

    plan = sub.add_parser(
        "plan",
        help="set next year's targets from the data and params/planning.yaml; write them as "
        "targets-YYYY.csv",
    )
    plan.add_argument("--data", type=Path, required=True, help="folder of the input tables")
    plan.add_argument(
        "--year",
        type=int,
        default=None,
        help="the plan year: the fiscal year after the one holding the data's last complete "
        "month (the default; another year is refused)",
    )
    goal = plan.add_mutually_exclusive_group()
    goal.add_argument(
        "--growth",
        type=float,
        default=None,
        metavar="G",
        help="company goal = this fiscal year's forecast landing x (1 + G), e.g. 0.08 "
        "(default: growth in params/planning.yaml)",
    )
    goal.add_argument(
        "--company-target",
        type=float,
        default=None,
        metavar="AMOUNT",
        help="company goal in the company currency",
    )
    plan.add_argument(
        "--out",
        type=Path,
        default=Path("outputs"),
        help="output folder: writes plan/YYYY/ (the targets files) and publishes the plan "
        "report in its site, under site/plan/YYYY/",
    )
    plan.add_argument(
        "--no-report",
        dest="report",
        action="store_false",
        help="write the targets files only; do not render nor publish the plan report",
    )
    plan.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="plan pages rendered at once (default: number of cores)",
    )
    plan.add_argument(
        "--pdf",
        action="store_true",
        help="also print each plan page to <region>.pdf with headless Chromium "
        "(/usr/bin/chromium); without a browser the command says so and publishes the HTML",
    )
    plan.add_argument("--params", type=Path, default=PROJECT_ROOT / "params", help=params_help)
    plan.add_argument(
        "--notebooks",
        type=Path,
        default=PROJECT_ROOT / "notebooks" / "plan",
        help="folder of the plan report's section notebooks",
    )
    return parser


def _setup_logging(quiet: bool, log_dir: Path | None) -> tuple[Path | None, list[logging.Handler]]:
    """Log to stderr, and to a new file in ``log_dir`` when given; returns it and the handlers."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING if quiet else logging.INFO)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    root.addHandler(console)
    for noisy in (
        "great_expectations",
        "papermill",
        "traitlets",
        "matplotlib",
        "blib2to3",
        "distributed",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if log_dir is None:
        return None, [console]
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"run-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    return path, [console, handler]


def _sample_data(args: argparse.Namespace) -> int:
    from reportlib import sample, sample_retail
    from reportlib.errors import ConfigError
    from reportlib.intake.data import table_path
    from reportlib.intake.schema import TABLES

    profile = {"company": sample, "retail": sample_retail}[args.profile]
    try:
        tables = profile.generate(
            seed=args.seed,
            orders=args.orders or profile.DEFAULT_ORDERS,
            end=args.end or sample.DEFAULT_END,
        )
    except ValueError as exc:
        raise ConfigError(f"sample-data --profile {args.profile}: {exc}") from None
    out = sample.write_csv(tables, args.out)
    written = [name for name, _ in tables.items()]
    log.info(
        "wrote %s (%d order lines, %s profile) to %s",
        ", ".join(f"{name}.csv" for name in written),
        len(tables.orders),
        args.profile,
        out,
    )
    stale = [
        path.name for name in TABLES if name not in written and (path := table_path(out, name))
    ]
    if stale:
        log.warning(
            "%s also holds %s from earlier: a run reads them with this data; delete them for "
            "the %s profile alone",
            out,
            ", ".join(stale),
            args.profile,
        )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from reportlib.config import load_params
    from reportlib.intake.data import load_tables
    from reportlib.run.read import resolve_period

    params = load_params(args.params)
    intake = load_tables(args.data, params)
    period = resolve_period(intake.tables, args.period)
    _check_data(
        intake,
        params,
        period,
        args.data,
        quarantine="cannot be used: {reasons} (`reportlib run` writes them to "
        "outputs/<YYYY-MM>/quarantine/{table}.csv)",
        page=args.page,
    )
    return 0


def _check_data(
    intake: Intake,
    params: Params,
    period: pd.Period,
    data: Path,
    *,
    quarantine: str,
    page: Path | None = None,
) -> None:
    """Check the data with Great Expectations; log notes, quarantined rows and warnings.

    Args:
        intake: What the intake read.
        params: The parameters.
        period: The month checked.
        data: The data folder (named in the messages).
        quarantine: What happens to rejected rows, for their log line (``{table}`` and
            ``{reasons}``, the first five reasons, are filled).
        page: Where to write the validation page, if anywhere.

    Raises:
        ValidationFailed: listing every critical problem.
    """
    from reportlib.intake import validation
    from reportlib.run.validate import write_page

    report = validation.validate(intake.tables, params, period)
    for note in filter(None, (item.columns_note() for item in intake.summary)):
        log.info("%s", note)
    for item in intake.summary:
        if item.quarantined:
            why = "; ".join(intake.reasons(item.table)[:5])
            log.warning(
                "%s: %d of %d rows %s",
                item.file,
                item.quarantined,
                item.input_rows,
                quarantine.format(table=item.table, reasons=why),
            )
    if page:
        write_page(report, page, period, params)
    for finding in report.warnings:
        log.warning("%s", finding.message())
    if not report.ok:
        raise ValidationFailed(
            f"{len(report.critical)} critical data problem(s) in {data}:\n"
            + "\n".join(f"- {f.message()}" for f in report.critical),
            hint="fix the input files and run again",
        )
    log.info(
        "%s: %d checks passed for %s, %d warning(s)",
        data,
        len(report.checks) - len(report.findings),
        period,
        len(report.warnings),
    )


def _plan(args: argparse.Namespace) -> int:
    """Next year's plan: the targets files under ``<out>/plan/<YYYY>/`` and the plan report.

    The stages are ``reportlib.run.planning``'s: read the data as ``validate`` reads them (cut
    at their last complete month) and check them with Great Expectations, make the plan, write
    ``targets-YYYY.csv`` (the contract's ``targets`` table) and ``reps-planned-YYYY.csv`` (the
    planned seats as reps rows: together they validate with the data), then render the plan
    report and publish it under ``site/plan/<YYYY>/`` (``--no-report``: the files only).
    """
    from reportlib.analysis.planning import company_total, planned_reps
    from reportlib.config import PLANNING_FILE, load_params
    from reportlib.intake.data import load_tables
    from reportlib.run.pipeline import PROJECT_ROOT
    from reportlib.run.planning import (
        PlanOptions,
        make_plan,
        next_year,
        plan_settings,
        publish_plan,
    )
    from reportlib.run.read import resolve_period
    from reportlib.site.index import PLAN_FOLDER

    params = load_params(args.params)
    intake = load_tables(args.data, params)
    tables = intake.tables
    last = resolve_period(tables, None)
    year = next_year(params, last) if args.year is None else args.year
    goal = (args.growth, args.company_target)
    plan_settings(tables, params, last, year, *goal, args.data)  # settings first: no data work
    _check_data(
        intake,
        params,
        last,
        args.data,
        quarantine="cannot be used and are left out of the plan: {reasons} "
        "(`reportlib validate` says more)",
    )
    record = make_plan(tables, params, last, year, *goal, args.data)
    plan, basis = record.plan, record.basis
    folder = args.out / PLAN_FOLDER / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    targets = folder / f"targets-{year}.csv"
    plan.targets.to_csv(targets, index=False, lineterminator="\n")
    hires = planned_reps(plan.seats, tables.reps)
    reps_file = folder / f"reps-planned-{year}.csv"
    if hires.empty:
        reps_file.unlink(missing_ok=True)  # none from an earlier plan either
    else:
        hires.to_csv(reps_file, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    company = params.company.currency
    rates = params.defaults.fx_rates
    if basis.company_target is not None:
        how = f"--company-target {basis.company_target:,.2f}"
    else:
        given = "--growth" if basis.growth_source == "option" else f"{PLANNING_FILE} growth"
        how = (
            f"fiscal year {basis.fiscal_year} landing {basis.landing:,.2f} "
            f"x (1 + {basis.growth:g}) ({given})"
        )
    potential = {
        "used": "used",
        "weight_zero": "not counted (weight 0)",
        "no_market": "left out: the market table was not delivered",
        "no_share": f"left out: {PLANNING_FILE} sets no reachable_share",
        "no_sales": "left out: the market table holds no sales of the trailing 12 months in a "
        "region with a reachable share",
    }[basis.potential]
    source = (
        args.params / PLANNING_FILE
        if params.planning is not None
        else f"the defaults (no {args.params / PLANNING_FILE})"
    )
    weights = ", ".join(f"{view} {weight:.2f}" for view, weight in plan.weights.items())
    lines = [
        f"Plan for {year} (history to {plan.history_end}; settings: {source}):",
        f"  goal: {plan.goal:,.2f} {company} ({how})",
        f"  buffer: {basis.buffer * 100:g}%: the targets add up to {plan.total:,.2f} {company}",
        f"  sum of targets at the budget rates: {company_total(plan.targets, rates):,.2f} "
        f"{company}",
        f"  potential view: {potential}; blend weights: {weights}",
        f"  seats: {len(plan.seats)} ({int(plan.seats['planned'].sum())} planned hire(s))",
        f"  wrote {targets}" + (f" and {reps_file}" if not hires.empty else " (no hire planned)"),
    ]
    if args.report:
        pages = publish_plan(
            record,
            params,
            PlanOptions(
                data_dir=args.data,
                out_dir=args.out,
                params_dir=args.params,
                notebooks_dir=args.notebooks,
                jobs=args.jobs,
                progress=False if args.quiet else None,
                pdf=args.pdf,
            ),
            PROJECT_ROOT,
        )
        lines.append(f"  published the plan report: {pages / 'all.html'}")
    print("\n".join(lines))
    return 0


def _run(args: argparse.Namespace) -> int:
    from reportlib.run.pipeline import RunOptions, run

    result = run(
        RunOptions(
            data_dir=args.data,
            period=args.period,
            regions=tuple(args.region),
            out_dir=args.out,
            jobs=args.jobs,
            params_dir=args.params,
            notebooks_dir=args.notebooks,
            force=args.force,
            scheduler=args.scheduler,
            progress=False if args.quiet else None,
            pdf=args.pdf,
        )
    )
    index = result.site_dir / "index.html"
    counts = f"{len(result.rendered)} rendered, {len(result.unchanged)} unchanged"
    if not result.failed:
        print(f"Reports for {result.period} published ({counts}): open {index.absolute()}")
        return 0
    print(
        f"Reports for {result.period} published with {len(result.failed)} failed ({counts}): "
        f"open {index.absolute()}",
        file=sys.stderr,
    )
    for failure in result.failed:
        print(f"FAILED {failure.report_id}: {failure.message}", file=sys.stderr)
        print(f"  executed notebook kept in {failure.executed}", file=sys.stderr)
    return RenderError.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    log_dir = args.out / "logs" if args.command == "run" else None
    log_path, handlers = _setup_logging(args.quiet, log_dir)
    handler = {
        "sample-data": _sample_data,
        "validate": _validate,
        "run": _run,
        "plan": _plan,
    }[args.command]
    try:
        return handler(args)
    except ReportlibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if log_path:
            log.error("%s", exc)
            print(f"log: {log_path}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; the published site is unchanged", file=sys.stderr)
        return 130
    finally:
        for log_handler in handlers:  # a caller running main() again gets its own log file
            logging.getLogger().removeHandler(log_handler)
            log_handler.close()


if __name__ == "__main__":
    sys.exit(main())
