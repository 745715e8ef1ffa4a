"""Where one report's time goes: every step of one notebook execution, measured.

Usage::

    python benchmarks/profile_report.py --data data/sample --region all [--kernel] [--json FILE]
        [--cprofile FILE]

In a fresh process, the report notebook's code cells (its section notebooks assembled, as a run
assembles them: ``benchmarks/run.py``'s ``report_notebook``) run in order, as a kernel
runs them, with every function of ``reportlib.analysis``, ``reportlib.charts`` and
``reportlib.report`` timed on the way (wall and CPU time; a nested call is listed under its
caller too, indented) and ``present.show_chart`` split into building the figure and encoding it
as SVG (``savefig``, through ``charts.to_svg``). The kernel's imports are timed first, on their
own.

With ``--kernel`` the same report also runs the way a plain loop runs it: the ``papermill`` CLI
(kernel start-up, every cell, writing the notebook; papermill's own per-cell durations tell the
kernel's share) and ``jupyter nbconvert --to html --no-input``.

CPU time is printed beside wall time because other jobs may share the machine: CPU time is the
steadier figure for comparing two versions of the code.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import inspect
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TIMED_PACKAGES = (
    "reportlib.analysis",
    "reportlib.charts",
    "reportlib.report",
)
SAVEFIG = "savefig (SVG) of"


@dataclass
class Step:
    """Accumulated time of one step (a function, or a path of nested functions)."""

    calls: int = 0
    wall: float = 0.0
    cpu: float = 0.0


@dataclass
class Timer:
    """Times nested calls; a step is the path of callers down to the function."""

    steps: dict[tuple[str, ...], Step] = field(default_factory=dict)
    stack: list[str] = field(default_factory=list)
    last_chart: str = ""

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time the block as ``name`` under the steps open now."""
        if name.startswith("charts.") and len(self.stack) == 1:
            self.last_chart = name.removeprefix("charts.")
        self.stack.append(name)
        path = tuple(self.stack)
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            entry = self.steps.setdefault(path, Step())
            entry.calls += 1
            entry.wall += time.perf_counter() - w0
            entry.cpu += time.process_time() - c0
            self.stack.pop()

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """``func`` timed as step ``name``."""

        @functools.wraps(func)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.step(name):
                return func(*args, **kwargs)

        return timed


def _instrument(timer: Timer) -> None:
    """Replace every reportlib analysis, chart and report function by a timed one, everywhere."""
    import importlib
    import pkgutil

    import reportlib
    from reportlib import analysis, charts, present

    names = [
        f"reportlib.{m.name}"
        for m in pkgutil.iter_modules(reportlib.__path__)
        if m.name not in ("__main__", "cli")
    ]
    for package in (analysis, charts):
        names += [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    modules = []
    for name in names:
        with contextlib.suppress(ImportError):  # e.g. a module another change is adding
            modules.append(importlib.import_module(name))
    wrapped: dict[int, Callable[..., Any]] = {}
    for module in modules:
        for attr, value in list(vars(module).items()):
            owner = getattr(value, "__module__", "") or ""
            if not inspect.isfunction(value) or not owner.startswith(TIMED_PACKAGES):
                continue
            if id(value) not in wrapped:
                label = f"{owner.removeprefix('reportlib.')}.{value.__name__}"
                wrapped[id(value)] = timer.wrap(label, value)
            setattr(module, attr, wrapped[id(value)])

    show = present.show_chart

    def show_chart(chart: Any) -> None:
        figure = chart.figure
        savefig = figure.savefig

        def timed_savefig(*args: Any, **kwargs: Any) -> Any:
            with timer.step(f"{SAVEFIG} {timer.last_chart}"):
                return savefig(*args, **kwargs)

        figure.savefig = timed_savefig
        try:
            show(chart)
        finally:
            del figure.savefig

    present.show_chart = show_chart


def run_cells(
    region: str, period: str, data_dir: Path, params_dir: Path, cprofile: Path | None
) -> dict[str, Any]:
    """Run the notebook's cells in this process with every step timed."""
    import nbformat
    from run import report_notebook  # benchmarks/run.py, beside this file

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.read(report_notebook(Path(tmp)), as_version=4)
    cells = [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
    ]
    namespace: dict[str, Any] = {
        "region": region,
        "period": period,
        "data_dir": str(data_dir),
        "params_dir": str(params_dir),
    }
    imports = "\n".join(
        line for c in cells for line in c.splitlines() if line.startswith(("import ", "from "))
    )
    timer = Timer()
    with timer.step("imports (the first cell's import lines)"):
        exec(imports, namespace)  # what the kernel pays once
    _instrument(timer)
    exec(imports, namespace)  # again: the names now point at the timed functions
    pauses = {"collections": 0, "wall_s": 0.0}
    started: list[float] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:  # the cyclic garbage collector's pauses
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            pauses["collections"] += 1
            pauses["wall_s"] += time.perf_counter() - started.pop()

    gc.callbacks.append(on_gc)
    profiler = None
    if cprofile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with timer.step("all cells"), contextlib.redirect_stdout(io.StringIO()):
        for source in cells:
            exec(source, namespace)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(cprofile)
    gc.callbacks.remove(on_gc)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "region": region,
        "rows": len(namespace["orders"]),
        "peak_mb": peak,
        "gc": pauses,
        "steps": [
            {"path": list(path), "calls": s.calls, "wall_s": s.wall, "cpu_s": s.cpu}
            for path, s in timer.steps.items()
        ],
    }


def run_kernel(region: str, period: str, data_dir: Path, params_dir: Path) -> dict[str, float]:
    """The plain loop's two commands for one report, with papermill's own per-cell times."""
    import nbformat

    bin_dir = Path(sys.executable).parent
    from run import report_notebook  # benchmarks/run.py, beside this file

    with tempfile.TemporaryDirectory() as tmp:
        executed = Path(tmp) / f"{region}.ipynb"
        notebook = report_notebook(Path(tmp))
        w0 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "papermill"), str(notebook), str(executed),
             "-p", "region", region, "-p", "period", period, "-p", "data_dir", str(data_dir),
             "-p", "params_dir", str(params_dir), "-k", "python3", "--no-progress-bar"],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        w1 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
        w2 = time.perf_counter()
        size_mb = executed.stat().st_size / 1e6
        nb = nbformat.read(executed, as_version=4)
    cells = [c.metadata.get("papermill", {}).get("duration") or 0.0 for c in nb.cells]
    first = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("from"))
    executing = nb.metadata["papermill"]["duration"]
    return {
        "papermill_cli_s": w1 - w0,
        # its imports, parameterising, the final write
        "papermill_start_end_s": (w1 - w0) - executing,
        # kernel start and stop, and papermill saving the whole notebook as each cell starts
        # and as it ends (request_save_on_cell_execute, on by default)
        "between_cells_s": executing - sum(cells),
        "kernel_start_stop_s": _kernel_start_stop(),
        "first_cell_s": first.metadata["papermill"]["duration"],  # imports, open_report ...
        "cells_s": sum(cells),
        "nbconvert_cli_s": w2 - w1,
        "executed_notebook_mb": size_mb,
    }


def _kernel_start_stop() -> float:
    """Wall time to start a ``python3`` kernel, run an empty cell and shut it down."""
    from jupyter_client.manager import start_new_kernel

    w0 = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3")
    client.execute_interactive("", timeout=60)
    client.stop_channels()
    manager.shutdown_kernel()
    return time.perf_counter() - w0


def _print(result: dict[str, Any]) -> None:
    print(f"{result['region']}: {result['rows']:,} order lines, peak {result['peak_mb']:.0f} MB")
    print(
        f"garbage collector: {result['gc']['collections']} collections, "
        f"{result['gc']['wall_s']:.2f} s (inside the steps below)"
    )
    print(f"{'wall s':>8} {'cpu s':>8} {'calls':>6}  step")
    for s in result["steps"]:
        path = s["path"]
        if len(path) > 3:
            continue
        indent = "  " * (len(path) - 1)
        print(f"{s['wall_s']:8.3f} {s['cpu_s']:8.3f} {s['calls']:6d}  {indent}{path[-1]}")
    top = [s for s in result["steps"] if len(s["path"]) == 2]
    charts = sum(s["cpu_s"] for s in top if s["path"][1].startswith("charts."))
    saving = sum(s["cpu_s"] for s in top if s["path"][1].startswith(SAVEFIG))
    analysis = sum(s["cpu_s"] for s in top if s["path"][1].startswith(("analysis.", "kpis.")))
    print(
        f"cpu s: analyses {analysis:.2f}, building charts {charts:.2f}, savefig {saving:.2f}"
        f" (top-level calls only)"
    )


def main() -> int:
    """Profile one report and print the steps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "sample")
    parser.add_argument("--region", default="all")
    parser.add_argument("--period", default="2026-10")
    parser.add_argument("--params", type=Path, default=ROOT / "params")
    parser.add_argument("--kernel", action="store_true", help="also time papermill and nbconvert")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--cprofile", type=Path, help="write cProfile stats of the cells here")
    args = parser.parse_args()
    data, params = args.data.resolve(), args.params.resolve()
    if args.kernel:
        kernel = run_kernel(args.region, args.period, data, params)
        print(" ".join(f"{k} {v:.2f}" for k, v in kernel.items()))
    # the cells run in a child so that this process's imports do not count
    done = subprocess.run(
        [sys.executable, __file__, "--cells", args.region, args.period, str(data), str(params),
         str(args.cprofile or "")],
        capture_output=True, text=True, cwd=ROOT / "notebooks",
    )  # fmt: skip
    if done.returncode:
        sys.exit(f"the notebook's cells failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if args.kernel:
        result["kernel"] = kernel
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--cells":
        region, period, data_dir, params_dir, prof = sys.argv[2:]
        outcome = run_cells(
            region, period, Path(data_dir), Path(params_dir), Path(prof) if prof else None
        )
        print(json.dumps(outcome))
        sys.exit(0)
    sys.exit(main())
