"""Benchmarks: reading and validating the data, report sections, and whole runs, at two sizes.

Usage: ``python benchmarks/run.py [--orders 1000000] [--repeat N] [--skip-...]`` (``--help``
lists the parts that can be skipped). Prints a table and writes ``outputs/bench/results.json``.
Each measurement runs in a fresh process so that its peak memory (max RSS) is its own.

A whole run is measured against the loop an analyst would write without reportlib's runner,
over the same notebook and the same reports: for each report, one after another, the
``papermill`` CLI on the report's notebook (its section notebooks assembled into one, as a run
assembles them: ``reportlib.run.sections``) with the raw data folder, then
``jupyter nbconvert --to html --no-input``. Beside it: reportlib's whole run (``reportlib run
--force`` into a fresh output folder) and an unchanged rerun (``reportlib run`` again on the same
output folder). ``--repeat`` measures each of the three that many times and keeps the fastest
(the machine is shared: the fastest is the least disturbed); every time is kept in the JSON.

Charts, SVG against PNG (issue #15): a report's notebook code runs once in a fresh process and
keeps every chart it shows; each figure is then encoded both ways, as ``present.show_chart``
displays it now (``charts.to_svg``) and as it did before (a PNG, base64), several times over, in
alternating order; CPU time, wall time and bytes of each way are reported, and the target is
that SVG costs no more CPU than PNG.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = ROOT / "data" / "bench"
SAMPLE_ORDERS = 60_000
PERIOD = "2026-10"  # the sample's last complete month (reportlib.sample.DEFAULT_END)
REPORTS = ("apac", "emea", "latam", "na", "all")
TARGETS = {
    "loop_over_run": 3.0,  # a whole run at least 3 times faster than the plain loop
    "rerun_over_run": 0.15,  # an unchanged rerun at most 15% of a whole run
    "run_big_s": 180.0,  # 1M order lines, every region and the company, on 2 cores
    "largest_process_mb": 6 * 1024,  # no process above 6 GB
    "svg_over_png": 1.0,  # charts as SVG cost no more CPU than as PNG
}
CHART_REPEAT = 5
"""How many times each chart is encoded each way (the CPU times are summed)."""

VALIDATE = """
import json, resource, sys, time
t0 = time.perf_counter()
import reportlib  # noqa: F401  (first, as in a run: it spares jsonschema a slow import)
import great_expectations  # noqa: F401  (import cost is part of a run)
from reportlib.config import load_params
from reportlib.intake.data import load_tables
from reportlib.periods import parse_period
from reportlib.intake import validation
t1 = time.perf_counter()
params = load_params(sys.argv[2])
tables = load_tables(sys.argv[1], params).tables
t2 = time.perf_counter()
report = validation.validate(tables, params, parse_period("2026-10"))
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "read_s": t2 - t1, "validate_s": t3 - t2,
                  "checks": len(report.checks), "critical": len(report.critical),
                  "rows": sum(report.row_counts.values()),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _data(orders: int) -> Path:
    folder = BENCH_DATA / str(orders)
    if not (folder / "orders.csv").exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reportlib",
                "-q",
                "sample-data",
                "--out",
                str(folder),
                "--orders",
                str(orders),
            ],
            check=True,
        )
    return folder


def _validate(folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", VALIDATE, str(folder), str(ROOT / "params")],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# The run's kernels are children of forkservers, which their workers do not wait for: as a
# subreaper (Linux), this process inherits and reaps them, so their peak memory is counted too.
RUN = """
import ctypes, os, resource, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
t0 = time.perf_counter()
subprocess.run([sys.executable, "-m", "reportlib", "-q", "run", "--data", sys.argv[1],
                "--out", sys.argv[2], *sys.argv[3:]], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t0
while True:  # the orphans: forkservers (and any kernel they still had)
    try:
        os.wait()
    except ChildProcessError:
        break
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""

LOOP = """
import json, resource, subprocess, sys, time
from pathlib import Path
notebook, data, params, out, period, *reports = sys.argv[1:]
bin_dir = Path(sys.executable).parent
times = {}
t0 = time.perf_counter()
for report in reports:
    executed = Path(out) / f"{report}.ipynb"
    t1 = time.perf_counter()
    subprocess.run([str(bin_dir / "papermill"), notebook, str(executed), "-p", "region", report,
                    "-p", "period", period, "-p", "data_dir", data, "-p", "params_dir", params,
                    "-k", "python3", "--no-progress-bar"],
                   check=True, capture_output=True)
    t2 = time.perf_counter()
    subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                    str(executed)], check=True, capture_output=True)
    t3 = time.perf_counter()
    times[report] = {"papermill_s": t2 - t1, "nbconvert_s": t3 - t2}
print(json.dumps({"wall_s": time.perf_counter() - t0,
                  "largest_process_mb":
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "reports": times}))
"""


def _timed_run(folder: Path, out: Path, *extra: str) -> dict[str, float]:
    """Wall time of ``reportlib run`` into ``out``, and the peak memory of its largest process."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder), str(out), *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    wall, peak = (float(x) for x in done.stdout.split()[-2:])
    return {"wall_s": wall, "largest_process_mb": peak}


def _has_force() -> bool:
    """Whether ``reportlib run`` knows ``--force`` (render even what a manifest says is done)."""
    done = subprocess.run(
        [sys.executable, "-m", "reportlib", "run", "--help"], capture_output=True, text=True
    )
    return "--force" in done.stdout


def _run(folder: Path) -> dict[str, float]:
    """Wall time of a whole run into a fresh output folder, and of a rerun on the same folder."""
    force = ["--force"] if _has_force() else []  # a fresh folder renders everything anyway
    with tempfile.TemporaryDirectory() as out:
        full = _timed_run(folder, Path(out), *force)
        again = _timed_run(folder, Path(out))
    return {
        "wall_s": full["wall_s"],
        "largest_process_mb": full["largest_process_mb"],
        "rerun_wall_s": again["wall_s"],
        "rerun_largest_process_mb": again["largest_process_mb"],
        "force": bool(force),
    }


def report_notebook(folder: Path) -> Path:
    """Write the report notebook of the default sections, assembled, to ``folder``."""
    import nbformat

    from reportlib.config import load_params
    from reportlib.run.sections import assemble, read_section

    sections = load_params(ROOT / "params").defaults.sections
    path = folder / "report.ipynb"
    nbformat.write(assemble([read_section(ROOT / "notebooks", n)[1] for n in sections]), path)
    return path


def _loop(folder: Path) -> dict[str, object]:
    """The plain loop: papermill CLI then nbconvert CLI, report after report, on the raw data."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(
            [sys.executable, "-c", LOOP, str(report_notebook(Path(out))),
             str(folder.resolve()), str((ROOT / "params").resolve()), out, PERIOD, *REPORTS],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fastest(measure: Callable[[], dict], repeat: int) -> dict:
    """The fastest of ``repeat`` measurements, with every wall time in ``walls_s``."""
    runs = [measure() for _ in range(repeat)]
    best = min(runs, key=lambda r: r["wall_s"])
    return {**best, "walls_s": [r["wall_s"] for r in runs]}


SECTIONS = """
import contextlib, io, json, resource, sys, time
import nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
cells = [c.source for c in nb.cells
         if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
ns = {"region": sys.argv[2], "period": "2026-10", "data_dir": sys.argv[3],
      "params_dir": sys.argv[4]}
imports = "\\n".join(line for c in cells for line in c.splitlines()
                      if line.startswith(("import", "from")))
t0 = time.perf_counter()
exec(imports, ns)  # what a kernel pays once at start-up
t1 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    for source in cells:
        exec(source, ns)  # reading the extract, every section: analyses, tables, charts as SVG
t2 = time.perf_counter()
print(json.dumps({"rows": len(ns["ctx"].tables.orders), "imports_s": t1 - t0, "compute_s": t2 - t1,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _extract(folder: Path, region: str) -> Path:
    """The per-report Parquet extract a run would give the notebook of ``region``."""
    from reportlib.config import load_params
    from reportlib.intake.data import load_tables
    from reportlib.run.extract import write_extract

    target = folder.parent / f"{folder.name}-extract-{region}"
    if not (target / "orders.parquet").exists():
        tables = load_tables(folder, load_params(ROOT / "params")).tables
        write_extract(tables.for_region(region), target)
    return target


def _sections(folder: Path, region: str) -> dict[str, float]:
    """One report's notebook code, all sections, run in a fresh process on its extract."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", SECTIONS, str(report_notebook(Path(tmp))), region,
             str(_extract(folder, region).resolve()), str(ROOT / "params")],
            check=True, capture_output=True, text=True, cwd=ROOT / "notebooks",
        )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


CHARTS = """
import base64, contextlib, io, json, sys, time
import nbformat
from reportlib import present
from reportlib.charts import to_svg
nb = nbformat.read(sys.argv[1], as_version=4)
cells = [c.source for c in nb.cells
         if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
ns = {"region": sys.argv[2], "period": "2026-10", "data_dir": sys.argv[3],
      "params_dir": sys.argv[4]}
repeat = int(sys.argv[5])
shown = []
present.show_chart = shown.append  # keep the figures; they are encoded below, both ways
if hasattr(present, "chart_markup"):  # a chart folded into present.details
    present.chart_markup = lambda chart: shown.append(chart) or ""
with contextlib.redirect_stdout(io.StringIO()):
    for source in cells:
        exec(source, ns)


def png(figure):  # present.show_chart before issue 15
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue())


def svg(figure):  # present.show_chart now; the page's template encodes it in base64
    return base64.b64encode(to_svg(figure).encode("utf-8"))


ways = {"png": png, "svg": svg}
totals = {name: {"cpu_s": 0.0, "wall_s": 0.0, "bytes": 0} for name in ways}
for chart in shown:  # one warm-up each: fonts and backends loaded before timing
    png(chart.figure), svg(chart.figure)
for k in range(repeat):
    order = list(ways) if k % 2 == 0 else list(ways)[::-1]  # the machine is shared: alternate
    for name in order:
        for chart in shown:
            c0, w0 = time.process_time(), time.perf_counter()
            data = ways[name](chart.figure)
            totals[name]["cpu_s"] += time.process_time() - c0
            totals[name]["wall_s"] += time.perf_counter() - w0
            totals[name]["bytes"] += len(data) if k == 0 else 0
print(json.dumps({"charts": len(shown), "repeat": repeat, **{
    f"{name}_{key}": value for name, figures in totals.items() for key, value in figures.items()
}, "svg_over_png_cpu": totals["svg"]["cpu_s"] / max(totals["png"]["cpu_s"], 1e-9)}))
"""


def _charts(folder: Path, region: str, repeat: int = CHART_REPEAT) -> dict[str, float]:
    """Every chart of one report's notebook encoded as SVG and as PNG, timed (:data:`CHARTS`)."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, "-c", CHARTS, str(report_notebook(Path(tmp))), region,
             str(_extract(folder, region).resolve()), str(ROOT / "params"), str(repeat)],
            check=True, capture_output=True, text=True, cwd=ROOT / "notebooks",
        )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _compare(results: dict[str, dict], size: str) -> None:
    """Add the loop ÷ run and rerun ÷ run ratios of ``size`` when both were measured."""
    run, loop = results.get(f"run_{size}"), results.get(f"loop_{size}")
    if run is None:
        return
    ratios = {"rerun_over_run": run["rerun_wall_s"] / run["wall_s"]}
    if loop is not None:
        ratios["loop_over_run"] = loop["wall_s"] / run["wall_s"]
    results[f"ratios_{size}"] = ratios


def _targets(results: dict[str, dict], big: str) -> dict[str, dict[str, object]]:
    """Each target of the issue that was measured: its value, the limit and whether it is met."""
    checks: dict[str, dict[str, object]] = {}
    for size in ("sample", big):
        ratios = results.get(f"ratios_{size}", {})
        if "loop_over_run" in ratios:
            value = ratios["loop_over_run"]
            checks[f"run at least 3x faster than the loop, {size}"] = {
                "value": value, "limit": TARGETS["loop_over_run"],
                "met": value >= TARGETS["loop_over_run"],
            }  # fmt: skip
        if "rerun_over_run" in ratios:
            value = ratios["rerun_over_run"]
            checks[f"unchanged rerun at most 15% of a run, {size}"] = {
                "value": value, "limit": TARGETS["rerun_over_run"],
                "met": value <= TARGETS["rerun_over_run"],
            }  # fmt: skip
    for name, figures in results.items():
        if name.startswith("charts_"):
            value = figures["svg_over_png_cpu"]
            checks[f"charts as SVG no slower than PNG, {name.removeprefix('charts_')}"] = {
                "value": value, "limit": TARGETS["svg_over_png"],
                "met": value <= TARGETS["svg_over_png"],
            }  # fmt: skip
    run_big = results.get(f"run_{big}")
    if run_big is not None:
        checks[f"whole run at most 180 s, {big}"] = {
            "value": run_big["wall_s"], "limit": TARGETS["run_big_s"],
            "met": run_big["wall_s"] <= TARGETS["run_big_s"],
        }  # fmt: skip
        peak = max(run_big["largest_process_mb"], run_big["rerun_largest_process_mb"])
        checks[f"no process above 6 GB, {big}"] = {
            "value": peak, "limit": TARGETS["largest_process_mb"],
            "met": peak <= TARGETS["largest_process_mb"],
        }  # fmt: skip
    return checks


def _print_table(results: dict[str, dict], big: str, orders: int) -> None:
    """The whole-run comparison as a table, then every other measurement on one line each."""

    def cell(name: str, wall: str = "wall_s", peak: str = "largest_process_mb") -> str:
        figures = results.get(name)
        if figures is None or wall not in figures:
            return "not measured"
        return f"{figures[wall]:7.1f} s {figures[peak]:7,.0f} MB"

    def ratio(size: str, key: str, unit: str) -> str:
        value = results.get(f"ratios_{size}", {}).get(key)
        if value is None:
            return "not measured"
        return f"{value:.2f}×" if unit == "x" else f"{value:.0%}"

    rows = [
        ("Plain loop: papermill + nbconvert CLI", cell("loop_sample"), cell(f"loop_{big}")),
        ("reportlib run (whole run, --force)", cell("run_sample"), cell(f"run_{big}")),
        (
            "reportlib run again, data unchanged",
            cell("run_sample", "rerun_wall_s", "rerun_largest_process_mb"),
            cell(f"run_{big}", "rerun_wall_s", "rerun_largest_process_mb"),
        ),
        (
            "loop ÷ run (target ≥ 3×)",
            ratio("sample", "loop_over_run", "x"),
            ratio(big, "loop_over_run", "x"),
        ),
        (
            "rerun ÷ run (target ≤ 15%)",
            ratio("sample", "rerun_over_run", "%"),
            ratio(big, "rerun_over_run", "%"),
        ),
    ]
    print(f"{'Whole runs (wall time, largest process)':42} {SAMPLE_ORDERS:>18,} {orders:>18,}")
    for name, sample, large in rows:
        print(f"{name:42} {sample:>18} {large:>18}")
    for name, check in results.get("targets", {}).items():
        print(f"  {'met' if check['met'] else 'NOT MET':8} {name}: {check['value']:.2f}")
    print()
    for name, figures in results.items():
        if name.startswith(("loop_", "run_", "ratios_")) or name == "targets":
            continue
        shown = ", ".join(
            f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
        print(f"{name:24} {shown}")


def main() -> int:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure loops, runs and reruns N times each"
    )
    parser.add_argument("--skip-validation", action="store_true", help="no validation timings")
    parser.add_argument("--skip-sections", action="store_true", help="no report-section timings")
    parser.add_argument("--skip-charts", action="store_true", help="no SVG-against-PNG timings")
    parser.add_argument(
        "--charts-only", action="store_true", help="only the SVG-against-PNG chart timings"
    )
    parser.add_argument("--skip-loop", action="store_true", help="no plain papermill loop at all")
    parser.add_argument(
        "--skip-big-loop", action="store_true", help="no plain loop at --orders (the slow one)"
    )
    parser.add_argument("--skip-sample-run", action="store_true", help="no whole run at 60,000")
    parser.add_argument("--skip-full-run", action="store_true", help="no whole run at --orders")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    big_name = str(args.orders)
    sample = _data(SAMPLE_ORDERS)
    if args.charts_only:
        args.skip_validation = args.skip_sections = args.skip_loop = True
        args.skip_sample_run = args.skip_full_run = True
    big = sample if args.charts_only else _data(args.orders)
    if not args.skip_charts:
        for region in ("latam", "all"):
            results[f"charts_{region}_sample"] = _charts(sample, region)
    if not args.skip_validation:
        results["validate_sample"] = _validate(sample)
        results[f"validate_{big_name}"] = _validate(big)
    if not args.skip_sections:
        results[f"sections_na_{big_name}"] = _sections(big, "na")
        results[f"sections_all_{big_name}"] = _sections(big, "all")
    if not args.skip_loop:
        results["loop_sample"] = _fastest(lambda: _loop(sample), args.repeat)
    if not args.skip_sample_run:
        results["run_sample"] = _fastest(lambda: _run(sample), args.repeat)
    if not (args.skip_loop or args.skip_big_loop):
        results[f"loop_{big_name}"] = _fastest(lambda: _loop(big), args.repeat)
    if not args.skip_full_run:
        results[f"run_{big_name}"] = _fastest(lambda: _run(big), args.repeat)
    _compare(results, "sample")
    _compare(results, big_name)
    results["targets"] = _targets(results, big_name)
    out = ROOT / "outputs" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    _print_table(results, big_name, args.orders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
