"""Jupyter kernels for report notebooks: a fresh kernel per notebook, quick to start.

A new Python kernel spends seconds importing pandas, matplotlib, seaborn, SciPy, statsmodels and
reportlib before a report's first cell can run; five reports paid that five times over. Here a
render worker pays it once:

- **Forked kernels.** :class:`ForkedKernelProvisioner` starts each kernel as a fork of a
  multiprocessing *forkserver*: a clean, single-threaded process of the worker that imported
  those packages once and warmed them up (:func:`preload`, run as it imports
  :data:`WARM_MODULE`). The fork has them already; it then runs the
  IPython kernel exactly as ``python -m ipykernel_launcher`` would, in a process (and process
  group) of its own. No notebook ever runs in the forkserver, and no two notebooks share a
  kernel: each kernel's memory is its own from the fork on.
- **Spares.** A worker keeps one *spare* kernel, started while it waits for its first report
  or renders the one before (:func:`start_spare`); :func:`take_spare` hands it to the next
  notebook, and :func:`stop` shuts it down after that notebook.

Spares live in the worker process that started them and end with it; a forked kernel also ends
when its forkserver does (ipykernel checks its parent, given as ``parent_handle``), and the
forkserver ends with the worker (once no kernel holds its "worker alive" pipe).
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.util
import os
import pkgutil
import signal
import sys
import uuid
from multiprocessing.connection import Connection
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync

from reportlib.run.executors import end_with_parent

KERNEL_NAME = "python3"  # the interpreter running reportlib, wherever it is installed
KERNEL_ARGUMENTS = [
    "--IPKernelApp.log_level=CRITICAL",
    "--HistoryManager.hist_file=:memory:",  # what nbclient gives a kernel it starts itself
]
PRELOAD_PACKAGES = ("reportlib.analysis", "reportlib.charts")
PRELOAD_MODULES = (
    "reportlib.present",
    "reportlib.analysis.kpis",
    "statsmodels.tsa.exponential_smoothing.ets",  # imported by the forecast on first use
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
)
"""What :func:`preload` imports, besides every module of :data:`PRELOAD_PACKAGES`."""
WARM_MODULE = "reportlib.run.warm"
"""The module a render worker's forkserver imports: it runs :func:`preload` there, once."""
LAUNCHER = ["-m", "ipykernel_launcher"]  # how a Python kernelspec starts ipykernel

_spares: dict[str, AsyncKernelManager] = {}
_finalizing = False  # whether this process stops its spares as it ends
_warm = False  # whether preload() ran in this process, or in the forkserver it was forked from


def preload() -> None:
    """Import what a report notebook imports, compile the catalogs, draw a small SVG chart.

    The chart loads the SVG backend and the font's metrics.

    Runs once in a render worker's forkserver (as it imports :data:`WARM_MODULE`), so that every
    kernel forked from it starts with all of it; and as a kernel's first line
    (:data:`PRELOAD_LINE`), where it returns at once in a forked kernel and does the work in a
    kernel started otherwise. It binds no name in a notebook's namespace, starts no thread (a
    forkserver must stay single-threaded) and changes no global setting (the figure is not
    registered with pyplot).
    """
    global _warm
    if _warm:
        return
    for name in PRELOAD_MODULES:
        importlib.import_module(name)
    for package in PRELOAD_PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")
    from reportlib import i18n
    from reportlib.charts import new_axes, to_svg

    for language in i18n.available():  # each catalog compiled once, whichever the report reads
        i18n.translations(language)
    fig, ax = new_axes(2, 1)
    ax.set_title("0123456789 €$%")
    to_svg(fig)  # the SVG backend and the font's metrics, as present.show_chart uses them
    _warm = True


def is_warm() -> bool:
    """Whether :func:`preload` ran in this process or in the forkserver it was forked from."""
    return _warm


PRELOAD_LINE = "__import__('reportlib.run.kernels', fromlist=['preload']).preload()"


def start(cwd: str) -> AsyncKernelManager:
    """A new kernel in ``cwd``, forked from this process's forkserver.

    Returns once the kernel process exists; it finishes starting in the background (a client's
    ``wait_for_ready`` waits for it).
    """
    km = AsyncKernelManager(kernel_name=KERNEL_NAME)
    km.kernel_id = str(uuid.uuid4())
    km.provisioner = ForkedKernelProvisioner(
        kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km
    )
    run_sync(km.start_kernel)(
        extra_arguments=[*KERNEL_ARGUMENTS, f"--IPKernelApp.exec_lines={PRELOAD_LINE}"], cwd=cwd
    )
    return km


def start_spare(cwd: str) -> None:
    """Start a spare kernel in ``cwd`` for the next notebook this process runs there.

    Returns once the kernel process is launched; it finishes starting in the background. A
    spare already waiting for ``cwd`` is kept; one waiting in another folder is shut down (a
    worker that outlives its run keeps one spare, for the folder of its latest notebook).
    """
    global _finalizing
    if cwd in _spares:
        return
    stop_spares()
    km = start(cwd)
    if not _finalizing:
        # a worker process that ends normally stops its spare; one that is killed leaves it to
        # the kernel's own check that its parent is alive
        multiprocessing.util.Finalize(None, stop_spares, exitpriority=10)
        _finalizing = True
    _spares[cwd] = km


def take_spare(cwd: str) -> AsyncKernelManager | None:
    """The spare kernel started for ``cwd`` in this process, if any; it is no longer spare."""
    return _spares.pop(cwd, None)


def stop(km: AsyncKernelManager) -> None:
    """Shut a kernel down at once (a notebook's kernel holds nothing worth a graceful end)."""
    run_sync(km.shutdown_kernel)(now=True)


def stop_spares() -> None:
    """Shut down every spare kernel of this process."""
    while _spares:
        stop(_spares.popitem()[1])


class _Forked:
    """What a provisioner asks of a kernel's ``Popen``, for a kernel the forkserver forked."""

    stdin = stdout = stderr = None  # the kernel writes to the worker's streams, as a Popen's would

    def __init__(self, process: Any) -> None:
        self.process = process
        self.pid: int = process.pid

    def poll(self) -> int | None:
        return self.process.exitcode  # None while the kernel runs

    def wait(self, timeout: float | None = None) -> int | None:
        self.process.join(timeout)
        return self.process.exitcode

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.process.kill()

    def terminate(self) -> None:
        self.process.terminate()


def _kernel_main(argv: list[str], cwd: str, env: dict[str, str], ready: Connection) -> None:
    """A forked kernel: ``python -m ipykernel_launcher ARGV`` in ``cwd`` with ``env``.

    multiprocessing hands every child of a forkserver the write end of the pipe whose closing
    tells the forkserver that its worker is gone. A kernel keeping it would keep its forkserver
    alive after the worker died, and the kernel itself ends only when that forkserver does
    (it watches its parent): both would outlive a killed run. The kernel closes it first.
    """
    # the forkserver may die before ipykernel watches it (a run killed while a kernel starts):
    # ipykernel then watches only for init, which a container's reaper may never become
    end_with_parent(os.getppid(), signal.SIGKILL)
    _release_forkserver()
    os.setsid()  # a process group of its own, as jupyter_client gives a kernel it launches
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the forkserver: end with it
    # IPKernelApp read JPY_PARENT_PID into its default when the forkserver imported it (before
    # the variable was set): without the option the kernel would never watch its parent
    argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = ["ipykernel_launcher", *argv]
    ready.send(os.getpgid(0))
    ready.close()
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv)


def _release_forkserver() -> None:
    """Close this forkserver child's copy of the forkserver's "worker alive" pipe.

    ``multiprocessing.forkserver`` keeps it in a private attribute (Python 3.8 to 3.13).
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(fd, int):
        with contextlib.suppress(OSError):
            os.close(fd)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]


class ForkedKernelProvisioner(LocalProvisioner):  # type: ignore[misc]
    """Launches an ipykernel kernelspec as a fork of this process's forkserver.

    Everything else (ports, connection file, signals to the process group, shutdown) is
    jupyter_client's local provisioner. A kernelspec of another interpreter, or a daemonic
    process (which may not start one), launches the kernel as usual.
    """

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        """Fork the kernel ``cmd`` describes; return its connection info."""
        if (
            cmd[:3] != [sys.executable, *LAUNCHER]  # a kernel of another interpreter
            or multiprocessing.current_process().daemon  # a Dask worker's, say: no children
        ):
            return await super().launch_kernel(cmd, **kwargs)
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["reportlib", WARM_MODULE])
        receive, send = context.Pipe(duplex=False)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = dict(kwargs.get("env") or os.environ)
        process = context.Process(
            target=_kernel_main, args=(cmd[3:], cwd, env, send), name=f"kernel-{self.kernel_id}"
        )
        process.start()
        send.close()
        try:
            pgid = receive.recv()  # the kernel has its own process group before it is signalled
        except EOFError:
            process.join()
            raise RuntimeError(
                f"the forked kernel ended as it started (exit code {process.exitcode})"
            ) from None
        finally:
            receive.close()
        self.process = _Forked(process)
        self.pid = process.pid
        self.pgid = pgid
        self.cwd = cwd
        return self.connection_info
