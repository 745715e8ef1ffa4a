"""Spare kernels: started ahead, preloaded, used once, stopped."""

import json
import os
import subprocess
import sys

import pytest
from jupyter_core.utils import run_sync

from reportlib.run import kernels


def run_code(km, code: str) -> dict:
    """Execute ``code`` in the kernel of ``km``; the JSON it prints, parsed."""
    client = km.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=120)
        printed: list[str] = []

        def keep(msg: dict) -> None:
            if msg["msg_type"] == "stream":
                printed.append(msg["content"]["text"])

        reply = run_sync(client.execute_interactive)(code, timeout=60, output_hook=keep)
    finally:
        client.stop_channels()
    assert reply["content"]["status"] == "ok", reply["content"]
    return json.loads("".join(printed))


@pytest.fixture
def spare(tmp_path):
    kernels.start_spare(str(tmp_path))
    yield tmp_path
    kernels.stop_spares()


def test_a_spare_is_preloaded_in_its_folder_and_leaves_the_namespace_empty(spare):
    km = kernels.take_spare(str(spare))
    assert km is not None
    assert isinstance(km.provisioner, kernels.ForkedKernelProvisioner)
    assert kernels.take_spare(str(spare)) is None  # handed out once
    try:
        state = run_code(
            km,
            "import json, os, sys\n"
            "print(json.dumps({'cwd': os.getcwd(), 'pid': os.getpid(), 'ppid': os.getppid(),"
            " 'pgid': os.getpgid(0), 'modules': sorted(m for m in sys.modules"
            " if m.startswith(('reportlib.charts.', 'reportlib.analysis.', 'statsmodels.tsa'))),"
            " 'names': sorted(n for n in get_ipython().user_ns_hidden.keys() ^"
            " get_ipython().user_ns.keys() if not n.startswith('_'))}))",
        )
    finally:
        kernels.stop(km)
    assert state["cwd"] == str(spare)
    assert state["pgid"] == state["pid"]  # a process group of its own: signals reach it alone
    assert state["ppid"] != os.getpid()  # forked by the forkserver, not started by this process
    for module in (
        "reportlib.analysis.forecast",
        "reportlib.analysis.team",
        "reportlib.charts.revenue",
        "statsmodels.tsa.exponential_smoothing.ets",
    ):
        assert module in state["modules"]
    assert state["names"] == ["json", "os", "sys"]  # this cell's own imports, nothing preloaded
    assert not run_sync(km.is_alive)()


def test_the_forkserver_warm_up_leaves_one_thread_and_every_fork_warm():
    """A forkserver must stay single-threaded; what it warmed up, its forks inherit."""
    code = (
        "import os, threading; from reportlib.run import kernels; import reportlib.run.warm; "
        "pid = os.fork()\n"
        "if pid == 0: os._exit(0 if kernels.is_warm() else 1)\n"
        "print(threading.active_count(), os.waitpid(pid, 0)[1])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "0"]  # one thread; the fork found itself warm


def test_one_spare_per_folder(tmp_path, spare):
    kernels.start_spare(str(spare))  # already there: kept, not a second one
    assert list(kernels._spares) == [str(spare)]
    assert kernels.take_spare(str(tmp_path / "elsewhere")) is None
    km = kernels.take_spare(str(spare))
    kernels.stop(km)


def test_stop_spares_ends_them(spare):
    km = kernels._spares[str(spare)]
    kernels.stop_spares()
    assert kernels._spares == {}
    assert not run_sync(km.is_alive)()


def test_a_forked_kernel_watches_its_forkserver_and_does_not_keep_it_alive(spare):
    """Else a killed run leaves its forkserver and kernel waiting on each other forever."""
    km = kernels.take_spare(str(spare))
    try:
        state = run_code(
            km,
            "import json, os, multiprocessing.forkserver as f\n"
            "from ipykernel.kernelapp import IPKernelApp\n"
            "app = IPKernelApp.instance()\n"
            "print(json.dumps({'ppid': os.getppid(), 'handle': app.parent_handle,"
            " 'poller': type(app.poller).__name__,"
            " 'alive_fd': f._forkserver._forkserver_alive_fd}))",
        )
    finally:
        kernels.stop(km)
    assert state["handle"] == state["ppid"] != os.getpid()
    assert state["poller"] == "ParentPollerUnix"
    assert state["alive_fd"] is None


def test_a_forked_kernel_is_killed_by_the_system_when_its_forkserver_dies(spare):
    """ipykernel watches its parent only once it has started: a forkserver that died before
    (a run killed while a kernel starts) would leave the kernel behind, watching for init."""
    km = kernels.take_spare(str(spare))
    try:
        state = run_code(
            km,
            "import ctypes, json\n"
            "signal = ctypes.c_int()\n"
            "ctypes.CDLL(None).prctl(2, ctypes.byref(signal))  # PR_GET_PDEATHSIG\n"
            "print(json.dumps({'signal': signal.value}))",
        )
    finally:
        kernels.stop(km)
    assert state["signal"] == 9  # SIGKILL


def test_a_spare_for_another_folder_ends_the_one_waiting(tmp_path, spare):
    """A worker that outlives its run keeps one spare: for its latest notebook's folder."""
    waiting = kernels._spares[str(spare)]
    other = tmp_path / "other"
    other.mkdir()
    kernels.start_spare(str(other))
    assert list(kernels._spares) == [str(other)]
    assert not run_sync(waiting.is_alive)()
