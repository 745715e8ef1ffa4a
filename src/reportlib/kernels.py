"""Jupyter kernels for report notebooks: one fresh kernel per notebook, started ahead of need.

A kernel spends seconds starting and importing pandas, matplotlib, seaborn and reportlib before
a report's first cell can run. A render worker therefore keeps one *spare* kernel: started with
those imports already done (:func:`preload`, run by the kernel as it starts), while the worker
waits for its first report or renders the one before. :func:`take_spare` hands it to the next
notebook, which still gets a kernel of its own that no other notebook has run in: a spare is
used once and then shut down (:func:`stop`).

Spares live in the worker process that started them and end with it.
"""

from __future__ import annotations

import importlib
import io
import multiprocessing.util
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

KERNEL_NAME = "python3"  # the interpreter running reportlib, wherever it is installed
KERNEL_ARGUMENTS = [
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.hist_file=:memory:",  # what nbclient gives a kernel it starts itself
]
PRELOAD_PACKAGES = ("reportlib.analysis", "reportlib.charts")
PRELOAD_MODULES = (
    "reportlib.present",
    "reportlib.kpis",
    "statsmodels.tsa.exponential_smoothing.ets",  # imported by the forecast on first use
)

_spares: dict[str, AsyncKernelManager] = {}


def preload() -> None:
    """Import what a report notebook imports and draw one small chart (fonts, renderer).

    Runs inside a starting kernel; it binds no name in the notebook's namespace and changes no
    global setting (the figure is not registered with pyplot).
    """
    for name in PRELOAD_MODULES:
        importlib.import_module(name)
    for package in PRELOAD_PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")
    from reportlib.charts import new_axes

    fig, ax = new_axes(2, 1)
    ax.set_title("0123456789 €$%")
    fig.savefig(io.BytesIO(), format="png")


PRELOAD_LINE = "__import__('reportlib.kernels', fromlist=['preload']).preload()"


def start_spare(cwd: str) -> None:
    """Start a spare kernel in ``cwd`` for the next notebook this process runs there.

    Returns once the kernel process is launched; it finishes starting in the background. A
    spare already waiting for ``cwd`` is kept.
    """
    if cwd in _spares:
        return
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name=KERNEL_NAME)
    run_sync(km.start_kernel)(
        extra_arguments=[*KERNEL_ARGUMENTS, f"--IPKernelApp.exec_lines={PRELOAD_LINE}"], cwd=cwd
    )
    if not _spares:
        # a worker process that ends normally stops its spare; one that is killed leaves it to
        # the kernel's own check that its parent is alive
        multiprocessing.util.Finalize(None, stop_spares, exitpriority=10)
    _spares[cwd] = km


def take_spare(cwd: str) -> AsyncKernelManager | None:
    """The spare kernel started for ``cwd`` in this process, if any; it is no longer spare."""
    return _spares.pop(cwd, None)


def stop(km: AsyncKernelManager) -> None:
    """Shut a kernel down at once (a notebook's kernel holds nothing worth a graceful end)."""
    from jupyter_core.utils import run_sync

    run_sync(km.shutdown_kernel)(now=True)


def stop_spares() -> None:
    """Shut down every spare kernel of this process."""
    while _spares:
        stop(_spares.popitem()[1])
