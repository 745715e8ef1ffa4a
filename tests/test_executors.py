"""run_tasks on a local spawn pool and on a Dask LocalCluster, and a whole run on that cluster.

The task functions below are module-level, so they pickle by reference: the spawned workers
import this module by its name, ``test_executors``, from ``tests/``, which pytest's default
``prepend`` import mode puts on ``sys.path`` (and spawned processes inherit ``sys.path``).
"""

import io
import json
import logging
import multiprocessing
import os
import re
import socket
import sys
import time

import pytest

from reportlib.errors import ConfigError, RenderError
from reportlib.run import executors
from reportlib.run.executors import TaskOutcome, TaskPool, error_message, run_tasks

ITEMS = [1, 2, 3, 4]
HINTED = "report 3 failed\nhint: open r3.ipynb"  # RenderError's message, then its hint


def square_or_fail(n: int) -> int:
    """n², except for 3 (a RenderError with a hint) and 4 (a ValueError)."""
    if n == 1:
        time.sleep(0.5)  # item 1 tends to finish last: outcomes must still come back first
    if n == 3:
        raise RenderError("report 3 failed", hint="open r3.ipynb")
    if n == 4:
        raise ValueError("bad input 4")
    return n * n


def die_on_two(n: int) -> int:
    """Ends its worker process abruptly on 2, as an out-of-memory kill would."""
    if n == 2:
        os._exit(13)
    return n


def interrupt_on_one(n: int) -> int:
    """Raises KeyboardInterrupt on 1, as Ctrl-C in a worker does; other items take long."""
    if n == 1:
        raise KeyboardInterrupt
    time.sleep(60)
    return n


WARMED: list[int] = []  # in a worker: the pids warm_up ran in


def warm_up() -> None:
    WARMED.append(os.getpid())


def worker_state(n: int) -> tuple[int, list[int], int]:
    """(n, the pids warm_up ran in within this worker, this worker's niceness)."""
    return n, list(WARMED), os.nice(0)


def name(n: int) -> str:
    return f"r{n}"


def check_outcomes(outcomes: list[TaskOutcome]) -> None:
    """ITEMS through square_or_fail: 1→1, 2→4, 3 and 4 failed, in the order of ITEMS."""
    assert [o.item for o in outcomes] == [1, 2, 3, 4]
    assert [o.result for o in outcomes] == [1, 4, None, None]  # 1*1 = 1, 2*2 = 4
    assert [o.error for o in outcomes] == [None, None, HINTED, "ValueError: bad input 4"]
    assert [o.ok for o in outcomes] == [True, True, False, False]
    assert outcomes[0].seconds >= 0.5  # item 1 slept 0.5 s inside the task
    assert all(o.seconds >= 0 for o in outcomes)


def executor_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "reportlib.run.executors"]


def check_log_lines(messages: list[str]) -> None:
    """One line per item: "[n/4] rendered rX (s.s s)" or "[n/4] FAILED rX: message"."""
    assert len(messages) == 4
    assert sorted(int(re.match(r"\[(\d)/4\] ", m)[1]) for m in messages) == [1, 2, 3, 4]
    by_name = {re.match(r"\[\d/4\] (?:rendered|FAILED) (r\d)", m)[1]: m for m in messages}
    assert re.fullmatch(r"\[\d/4\] rendered r1 \(\d+\.\d s\)", by_name["r1"])
    assert re.fullmatch(r"\[\d/4\] rendered r2 \(\d+\.\d s\)", by_name["r2"])
    assert by_name["r3"].endswith(f"] FAILED r3: {HINTED}")
    assert by_name["r4"].endswith("] FAILED r4: ValueError: bad input 4")


def test_error_message():
    assert error_message(RenderError("broke", hint="fix it")) == "broke\nhint: fix it"
    assert error_message(RenderError("broke")) == "broke"
    assert error_message(KeyError("region")) == "KeyError: 'region'"
    assert error_message(ValueError()) == "ValueError"


def test_nothing_to_run():
    assert run_tasks(square_or_fail, [], workers=2) == []


def test_workers_below_one():
    with pytest.raises(ConfigError, match="at least 1, not 0"):
        run_tasks(square_or_fail, ITEMS, workers=0)


def test_local_failures_isolated_in_order_with_log_lines(caplog, capsys):
    caplog.set_level(logging.INFO, logger="reportlib.run.executors")
    outcomes = run_tasks(square_or_fail, ITEMS, workers=2, describe=name)  # stderr: no TTY
    check_outcomes(outcomes)
    check_log_lines(executor_messages(caplog))
    assert capsys.readouterr().err == ""  # no progress bar


def test_dead_worker_fails_the_rest_without_raising(caplog):
    caplog.set_level(logging.INFO, logger="reportlib.run.executors")
    outcomes = run_tasks(die_on_two, [1, 2, 3], workers=1, describe=name, progress=False)
    assert [o.item for o in outcomes] == [1, 2, 3]
    assert outcomes[0].result == 1 and outcomes[0].ok  # finished before the worker died
    for outcome in outcomes[1:]:
        assert outcome.result is None
        assert outcome.error.startswith("BrokenProcessPool: a worker process ended abruptly")
    assert len(executor_messages(caplog)) == 3


def test_keyboard_interrupt_propagates_and_ends_the_workers():
    before = set(multiprocessing.active_children())
    with pytest.raises(KeyboardInterrupt):
        run_tasks(interrupt_on_one, [1, 2, 3], workers=1, progress=False)
    # the worker went on to item 2 (queued before the interrupt came back): ended, not waited
    # for; on a loaded machine it may take a moment to exit after being told to
    deadline = time.monotonic() + 10
    while set(multiprocessing.active_children()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(multiprocessing.active_children()) <= before


def test_dask_failures_isolated_in_order_with_log_lines(dask_scheduler, caplog, capsys):
    caplog.set_level(logging.INFO, logger="reportlib.run.executors")
    outcomes = run_tasks(square_or_fail, ITEMS, workers=1, scheduler=dask_scheduler, describe=name)
    check_outcomes(outcomes)
    check_log_lines(executor_messages(caplog))
    assert capsys.readouterr().err == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_dask_progress_bar_on_a_terminal(dask_scheduler, caplog, monkeypatch):
    # the progress code is the same for both executors; the warm cluster makes this test quick
    caplog.set_level(logging.INFO, logger="reportlib.run.executors")
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    outcomes = run_tasks(square_or_fail, ITEMS, workers=1, scheduler=dask_scheduler, describe=name)
    check_outcomes(outcomes)
    assert executor_messages(caplog) == []  # the bar, never log lines too
    shown = terminal.getvalue()
    assert "4/4" in shown
    assert f"FAILED r3: {HINTED}" in shown
    assert "FAILED r4: ValueError: bad input 4" in shown


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_scheduler_is_a_config_error(monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(ConfigError) as info:
        run_tasks(square_or_fail, ITEMS, workers=1, scheduler=address, progress=False)
    assert info.value.message.startswith(f"cannot reach the Dask scheduler at {address}: ")
    assert "scheduler is running" in info.value.hint


def test_malformed_scheduler_address_is_a_config_error():
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at localhost"):
        run_tasks(square_or_fail, ITEMS, workers=1, scheduler="localhost", progress=False)


def test_pool_warms_every_worker_up_once_before_its_tasks_and_runs_them_below_the_run():
    with TaskPool(workers=2, warm_up=warm_up) as pool:
        first = pool.run(worker_state, [1, 2, 3, 4], progress=False)
        second = pool.run(worker_state, [5], progress=False)  # the same pool, run again
    outcomes = first + second
    assert [o.result[0] for o in outcomes] == [1, 2, 3, 4, 5]
    workers = {pids[0] for _, pids, _ in (o.result for o in outcomes)}
    assert len(workers) <= 2 and os.getpid() not in workers  # tasks ran in the workers
    for _, pids, niceness in (o.result for o in outcomes):
        assert len(pids) == 1  # warmed up once, before the task, in that same worker
        assert niceness == os.nice(0) + executors.WORKER_NICENESS


def test_pool_below_one_worker_is_a_config_error():
    with pytest.raises(ConfigError, match="at least 1, not 0"):
        TaskPool(workers=0)


def test_closed_pool_refuses_tasks():
    pool = TaskPool(workers=1)
    pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        pool.run(square_or_fail, [1], progress=False)


def worker_pid(n: int) -> int:
    return os.getpid()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_shared_workers_lend_each_run_the_same_live_workers_and_end_them_with_the_block():
    # the suite's runs share workers (conftest): a block of this test's own, outside that one
    with executors.shared_workers(False), executors.shared_workers():
        first = executors.local_pool(1, warm_up)
        with first:  # a run: its pool closed as it ends...
            worker = first.run(worker_state, [1], progress=False)[0].result[1][0]
        again = executors.local_pool(1)
        assert again is first and again.alive()  # ... and lent to the next run, warmed up
        assert again.run(worker_state, [2], progress=False)[0].result[1] == [worker]
        # a worker that died: its pool is not lent again, a new one takes its place
        assert not first.run(die_on_two, [2], progress=False)[0].ok and not first.alive()
        replaced = executors.local_pool(1)
        assert replaced is not first
        other = replaced.run(worker_pid, [1], progress=False)[0].result
        assert other != worker
    assert not replaced.alive() and _gone(other)  # the block ended its workers
    with executors.shared_workers(False):
        alone = executors.local_pool(1)  # no sharing: a pool of its own, ended when closed
        worker = alone.run(worker_pid, [1], progress=False)[0].result
        alone.close()
        assert not alone.alive() and _gone(worker)


def test_reports_render_on_a_dask_cluster(small_data, tmp_path, tiny_report, dask_scheduler):
    """A whole run on the cluster (here, where the session's cluster is started anyway).

    One report: each kernel on a Dask worker starts and imports everything anew (a daemonic
    process may not fork), and the tests above hand the cluster several tasks already.
    """
    import pandas as pd  # here: the workers above import this module, and need neither

    from reportlib.run.pipeline import RunOptions, run

    options = RunOptions(
        data_dir=small_data,
        period=pd.Period("2026-10", freq="M"),
        regions=("latam",),
        out_dir=tmp_path / "out",
        jobs=2,
        notebooks_dir=tiny_report(tmp_path / "good"),
        progress=False,
        scheduler=dask_scheduler,
    )
    result = run(options)
    assert result.rendered == ("latam",) and not result.failed
    record = json.loads((options.out_dir / "site" / "2026-10" / "latam.kpis.json").read_text())
    assert record["region"] == "latam" and record["revenue"] > 0
