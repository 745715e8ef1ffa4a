"""Benchmarks: reading and validating the data, and whole runs, at two sizes.

Usage: ``python benchmarks/run.py [--orders 1000000] [--skip-full-run]``. Prints a table and
writes ``outputs/bench/results.json``. Each measurement runs in a fresh process so that its peak
memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATA = ROOT / "data" / "bench"

VALIDATE = """
import json, resource, sys, time
t0 = time.perf_counter()
import great_expectations  # noqa: F401  (import cost is part of a run)
from reportlib.config import load_params
from reportlib.data import load_tables
from reportlib.periods import parse_period
from reportlib import validation
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


RUN = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
subprocess.run([sys.executable, "-m", "reportlib", "-q", "run", "--data", sys.argv[1],
                "--out", sys.argv[2]], check=True)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def _run(folder: Path) -> dict[str, float]:
    """Wall time of a whole run, and the peak memory of its largest process."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(folder), out],
            check=True,
            capture_output=True,
            text=True,
        )
    wall, peak = (float(x) for x in done.stdout.split()[-2:])
    return {"wall_s": wall, "largest_process_mb": peak}


SECTIONS = """
import contextlib, io, json, resource, sys, time
import jupytext
nb = jupytext.read(sys.argv[1])
cells = [c.source for c in nb.cells
         if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
ns = {"region": sys.argv[2], "period": "2026-10", "data_dir": sys.argv[3],
      "params_dir": sys.argv[4]}
imports = "\\n".join(line for line in cells[0].splitlines() if line.startswith(("import", "from")))
t0 = time.perf_counter()
exec(imports, ns)  # what a kernel pays once at start-up
t1 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    for source in cells:
        exec(source, ns)  # reading the extract, every section: analyses, tables, charts as PNG
t2 = time.perf_counter()
print(json.dumps({"rows": len(ns["orders"]), "imports_s": t1 - t0, "compute_s": t2 - t1,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _extract(folder: Path, region: str) -> Path:
    """The per-report Parquet extract a run would give the notebook of ``region``."""
    from reportlib.config import load_params
    from reportlib.data import load_tables, write_extract

    target = folder.parent / f"{folder.name}-extract-{region}"
    if not (target / "orders.parquet").exists():
        tables = load_tables(folder, load_params(ROOT / "params")).tables
        write_extract(tables.for_region(region), target)
    return target


def _sections(folder: Path, region: str) -> dict[str, float]:
    """One report's notebook code, all sections, run in a fresh process on its extract."""
    done = subprocess.run(
        [sys.executable, "-c", SECTIONS, str(ROOT / "notebooks" / "report.py"), region,
         str(_extract(folder, region).resolve()), str(ROOT / "params")],
        check=True, capture_output=True, text=True, cwd=ROOT / "notebooks",
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--skip-full-run", action="store_true", help="no whole run at --orders")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    sample = _data(60_000)
    big = _data(args.orders)
    results["validate_sample"] = _validate(sample)
    results[f"validate_{args.orders}"] = _validate(big)
    results[f"sections_na_{args.orders}"] = _sections(big, "na")
    results[f"sections_all_{args.orders}"] = _sections(big, "all")
    results["run_sample"] = _run(sample)
    if not args.skip_full_run:
        results[f"run_{args.orders}"] = _run(big)
    out = ROOT / "outputs" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    for name, figures in results.items():
        shown = ", ".join(
            f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
        print(f"{name:24} {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
