"""Fan tasks out to local worker processes or a Dask cluster, one outcome per task.

:class:`TaskPool` starts the workers, which can warm up while the caller prepares the tasks;
its :meth:`TaskPool.run` (or :func:`run_tasks`, which opens a pool of its own) runs a picklable
function over a list of items (the pipeline's report jobs) and returns one :class:`TaskOutcome`
per item, in the order of the items. A task that raises does not stop the others: its outcome
carries the error message instead of a result, so that a run can publish the reports that
rendered and mark the ones that did not.

Where the tasks run:

- no scheduler: a local pool of ``spawn`` worker processes; within :func:`shared_workers`, the
  pools :func:`local_pool` opens keep their workers from one run to the next;
- a Dask scheduler address (``tcp://host:8786``): the cluster's workers, through
  ``dask.distributed`` (imported only then). The workers must be able to import reportlib and
  read the paths the items name.

Progress goes to standard error as a tqdm bar on a terminal, or else as one log line per
finished task through this module's logger; never both.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import as_completed as local_as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, Generic, TypeVar

from reportlib.errors import ConfigError, ReportlibError

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler to answer before giving up."""

WORKER_NICENESS = 5
"""How much lower than the run's own priority local workers run (see ``_start_worker``)."""

STOP_TIMEOUT = 5.0
"""Seconds to wait for each local worker process to end after it was told to stop."""

WORKER_DIED = (
    "a worker process ended abruptly (killed, out of memory or crashed) before this task "
    "finished; the tasks still waiting for that pool were not run"
)


@dataclass(frozen=True)
class TaskOutcome(Generic[T, R]):
    """What became of one item.

    Attributes:
        item: The item, as given.
        result: What the function returned; ``None`` when it failed.
        error: ``None`` on success; otherwise what went wrong: a :class:`ReportlibError`'s
            message and hint as the CLI prints them, or ``"<ExceptionType>: <text>"``.
        seconds: Time the function ran for this item, measured where it ran; for a task that
            never reported back (its worker died), the time until that was known.
    """

    item: T
    result: R | None
    error: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the function returned for this item."""
        return self.error is None


def error_message(exc: BaseException) -> str:
    """How an exception is told in a :class:`TaskOutcome`.

    Args:
        exc: The exception a task raised.

    Returns:
        ``str(exc)`` for a :class:`ReportlibError` (its message, then ``hint: ...``), or the
        exception's type and text for any other exception.
    """
    if isinstance(exc, ReportlibError):
        return str(exc)
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass(frozen=True)
class _Reply:
    """What a worker sends back: a plain record, so a ReportlibError's hint survives pickling."""

    result: Any
    error: str | None
    seconds: float


def _call(fn: Callable[[Any], Any], item: Any) -> _Reply:
    """Run ``fn(item)`` in a worker and report the result or the error, with its duration."""
    started = time.monotonic()
    try:
        result = fn(item)
    except (Exception, SystemExit) as exc:  # KeyboardInterrupt goes on to the caller
        return _Reply(None, error_message(exc), time.monotonic() - started)
    return _Reply(result, None, time.monotonic() - started)


def _stderr_is_tty() -> bool:
    """Whether standard error is a terminal (``False`` when there is none or it is closed)."""
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


class _Progress:
    """Reports each finished task: a tqdm bar on standard error, or one log line per task."""

    def __init__(self, total: int, describe: Callable[[Any], str], bar: bool) -> None:
        self.total = total
        self.done = 0
        self.describe = describe
        self.bar = None
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=sys.stderr, unit="report", dynamic_ncols=True)

    def finished(self, outcome: TaskOutcome[Any, Any]) -> None:
        """Count one outcome and tell it."""
        self.done += 1
        name = self.describe(outcome.item)
        if self.bar is not None:
            if outcome.ok:
                self.bar.set_postfix_str(f"rendered {name} ({outcome.seconds:.1f} s)", False)
            else:
                self.bar.write(f"FAILED {name}: {outcome.error}", file=sys.stderr)
                self.bar.set_postfix_str(f"FAILED {name}", False)
            self.bar.update(1)
        elif outcome.ok:
            log.info("[%d/%d] rendered %s (%.1f s)", self.done, self.total, name, outcome.seconds)
        else:
            log.error("[%d/%d] FAILED %s: %s", self.done, self.total, name, outcome.error)

    def close(self) -> None:
        """Close the bar, if any."""
        if self.bar is not None:
            self.bar.close()


class TaskPool:
    """Where tasks run: local worker processes or a Dask cluster, ready before the tasks are.

    Opened early (``with TaskPool(...) as pool``), the local workers start, and warm up, while
    the caller prepares the tasks; :meth:`run` then fans them out. Leaving the block ends the
    local workers, or closes the connection to the cluster.
    """

    def __init__(
        self,
        *,
        workers: int,
        scheduler: str | None = None,
        warm_up: Callable[[], object] | None = None,
    ) -> None:
        """Start the workers.

        Args:
            workers: Local worker processes (at least 1). Ignored with a ``scheduler``: the
                cluster's workers decide how many tasks run at once.
            scheduler: Address of a Dask scheduler (``tcp://host:8786``); ``None`` runs locally.
            warm_up: A module-level (picklable) function each local worker calls once as it
                starts, before its first task: work every task needs anyway.

        Raises:
            ConfigError: if ``workers`` is below 1, or the scheduler cannot be reached.
        """
        if workers < 1:
            raise ConfigError(
                f"the number of worker processes must be at least 1, not {workers}",
                hint="pass --jobs 1 or more (the default is the number of cores)",
            )
        self._local: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._kept = False  # a pool of shared_workers(): closing it leaves the workers running
        if scheduler is None:
            self._local = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), warm_up),
            )
            # the pool starts a process per task submitted: start them all now
            for _ in range(workers):
                self._local.submit(int)
        else:
            self._client = _connect(scheduler)

    def __enter__(self) -> TaskPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        # an error drops the tasks not started; Ctrl-C (or another BaseException) also ends
        # the workers at once instead of letting them finish what they are doing
        self.close(
            cancel=kind is not None, kill=kind is not None and not issubclass(kind, Exception)
        )

    def close(self, *, cancel: bool = False, kill: bool = False) -> None:
        """End the local workers, or leave the cluster.

        A pool that :func:`local_pool` shares keeps its workers for the next run, unless they
        are killed.

        Args:
            cancel: Drop the tasks not started yet.
            kill: End the local workers at once, even in the middle of a task.
        """
        if self._kept and not kill:
            return
        if self._local is not None:
            if kill:
                _stop(self._local)
            else:
                self._local.shutdown(wait=True, cancel_futures=cancel)
            self._local = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def alive(self) -> bool:
        """Whether the local workers can take tasks (none died, the pool was not closed)."""
        if self._local is None:
            return False
        try:
            self._local.submit(int).result()
        except Exception:  # BrokenProcessPool, or RuntimeError once shut down
            return False
        return True

    def run(
        self,
        fn: Callable[[T], R],
        items: Sequence[T],
        *,
        describe: Callable[[T], str] = str,
        progress: bool | None = None,
    ) -> list[TaskOutcome[T, R]]:
        """Run ``fn`` over every item in parallel; one outcome per item, in the order of ``items``.

        A task that raises is reported in its outcome and the others go on. A local worker
        process that dies marks the tasks that had not finished as failed. ``KeyboardInterrupt``
        (Ctrl-C, or raised by a task) propagates: local worker processes are ended at once, a
        cluster's pending tasks are cancelled.

        Args:
            fn: A module-level (picklable) function of one item; it runs in another process.
            items: Picklable inputs, one task each.
            describe: Names an item in the progress bar and log lines.
            progress: Show a tqdm bar on standard error (``True``) or log one line per task
                (``False``); ``None`` shows the bar if and only if standard error is a terminal.

        Returns:
            One :class:`TaskOutcome` per item, in the order of ``items``.
        """
        items = list(items)
        if not items:
            return []
        reporter = _Progress(
            len(items), describe, _stderr_is_tty() if progress is None else bool(progress)
        )
        try:
            if self._local is not None:
                return _run_local(self._local, fn, items, reporter)
            if self._client is not None:
                return _run_dask(self._client, fn, items, reporter)
            raise RuntimeError("the task pool is closed")
        finally:
            reporter.close()


_shared: dict[int, TaskPool] | None = None
"""The pools :func:`local_pool` keeps, by number of workers, while :func:`shared_workers` runs."""


@contextmanager
def shared_workers(share: bool = True) -> Iterator[None]:
    """Let the runs in this block reuse their local worker processes (or not, ``share=False``).

    Each run starts its workers, and each worker a forkserver and a spare kernel: some seconds
    of imports before the first notebook. A program that makes several runs in one process (a
    test suite, a script rendering one month after another) pays that once per number of
    workers instead: within the block, :func:`local_pool` hands out the pool of that size it
    opened for an earlier run, as long as its workers are alive. The workers keep the
    environment and the code they started with. Leaving the block ends them.

    Args:
        share: ``False`` makes each run in the block start workers of its own again, as outside
            any block (a run whose workers must see this moment's environment).
    """
    global _shared
    outer = _shared
    if share and outer is not None:  # nested: the outer block keeps the pools
        yield
        return
    _shared = {} if share else None
    try:
        yield
    finally:
        pools, _shared = _shared, outer
        for pool in (pools or {}).values():
            pool._kept = False
            pool.close()


def local_pool(workers: int, warm_up: Callable[[], object] | None = None) -> TaskPool:
    """A :class:`TaskPool` of ``workers`` local processes, new or kept.

    Within :func:`shared_workers`, the pool of that size kept for an earlier run (its workers
    warmed up with that run's ``warm_up``); otherwise a new one.

    Raises:
        ConfigError: if ``workers`` is below 1.
    """
    if _shared is None:
        return TaskPool(workers=workers, warm_up=warm_up)
    pool = _shared.get(workers)
    if pool is None or not pool.alive():
        pool = TaskPool(workers=workers, warm_up=warm_up)
        pool._kept = True
        _shared[workers] = pool
    return pool


def run_tasks(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    scheduler: str | None = None,
    describe: Callable[[T], str] = str,
    progress: bool | None = None,
) -> list[TaskOutcome[T, R]]:
    """Run ``fn`` over every item in a :class:`TaskPool` of its own (see :meth:`TaskPool.run`).

    Args:
        fn: A module-level (picklable) function of one item; it runs in another process.
        items: Picklable inputs, one task each.
        workers: Local worker processes, at most one per item (at least 1). Ignored with a
            ``scheduler``.
        scheduler: Address of a Dask scheduler (``tcp://host:8786``); ``None`` runs locally.
        describe: Names an item in the progress bar and log lines.
        progress: As for :meth:`TaskPool.run`.

    Returns:
        One :class:`TaskOutcome` per item, in the order of ``items``.

    Raises:
        ConfigError: if ``workers`` is below 1, or the scheduler cannot be reached.
    """
    items = list(items)
    if workers >= 1 and not items:
        return []
    with TaskPool(workers=min(workers, max(len(items), 1)), scheduler=scheduler) as pool:
        return pool.run(fn, items, describe=describe, progress=progress)


class _Collector(Generic[T, R]):
    """Outcomes in the order of the items, whichever order the tasks finish in."""

    def __init__(self, items: list[T], reporter: _Progress) -> None:
        self.items = items
        self.reporter = reporter
        self.started = time.monotonic()
        self.outcomes: list[TaskOutcome[T, R] | None] = [None] * len(items)

    def add(self, index: int, reply: _Reply | BaseException) -> None:
        """Record item ``index``'s reply, or the error raised in its place, and report it."""
        if isinstance(reply, _Reply):
            outcome = TaskOutcome(self.items[index], reply.result, reply.error, reply.seconds)
        else:
            message = (
                f"{type(reply).__name__}: {WORKER_DIED}"
                if isinstance(reply, BrokenProcessPool)
                else error_message(reply)
            )
            outcome = TaskOutcome(self.items[index], None, message, time.monotonic() - self.started)
        self.outcomes[index] = outcome
        self.reporter.finished(outcome)

    def collect(self, futures: dict[Any, int], finished: Iterable[Any]) -> None:
        """Record each future of ``futures`` (future → item index) as ``finished`` yields it."""
        for future in finished:
            try:
                reply = future.result()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # a task's own errors come back in its _Reply
                reply = exc
            self.add(futures[future], reply)

    def result(self) -> list[TaskOutcome[T, R]]:
        """Every outcome, in the order of the items."""
        missing = [i for i, o in enumerate(self.outcomes) if o is None]
        if missing:  # pragma: no cover - every future is collected
            raise RuntimeError(f"no outcome for items {missing}")
        return [o for o in self.outcomes if o is not None]


def _run_local(
    pool: ProcessPoolExecutor, fn: Callable[[T], R], items: list[T], reporter: _Progress
) -> list[TaskOutcome[T, R]]:
    """Run the tasks in a local pool of spawned processes."""
    collector: _Collector[T, R] = _Collector(items, reporter)
    try:
        futures: dict[Future, int] = {}
        for index, item in enumerate(items):
            try:
                futures[pool.submit(_call, fn, item)] = index
            except Exception as exc:  # BrokenProcessPool: a worker died while tasks were queued
                collector.add(index, exc)
        collector.collect(futures, local_as_completed(futures))
    except BaseException:
        _stop(pool)
        raise
    return collector.result()


def _start_worker(parent: int, warm_up: Callable[[], object] | None) -> None:
    """A local worker's first steps: end with the run that started it, then warm up.

    Workers (and the processes they start) run at a lower priority than the run itself: while
    the run reads and validates the data, which every task waits for, warming up takes only
    what the run leaves of the machine. Once the tasks run, the run itself is idle.
    """
    end_with_parent(parent)
    os.nice(WORKER_NICENESS)
    if warm_up is not None:
        warm_up()


def end_with_parent(parent: int, signum: int = signal.SIGTERM) -> None:
    """Have the operating system send this process ``signum`` when ``parent`` dies (Linux).

    A run killed with SIGKILL cannot stop its workers itself, nor a worker its kernels; without
    this they would go on rendering, then wait for work forever. A parent that died while this
    process was starting is noticed here: the process then has another parent, and exits.

    Args:
        parent: The pid this process was started by (read before anything else in the child).
        signum: The signal to receive: SIGTERM for a worker, SIGKILL for a kernel.
    """
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)
    if os.getppid() != parent:
        os._exit(1)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Drop the queued tasks and end the worker processes now (Ctrl-C, or a bug in the caller).

    ``shutdown(cancel_futures=True)`` alone leaves the tasks already handed to the workers'
    queue to run to the end, and the interpreter waits for them before it exits.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public API in 3.11
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=STOP_TIMEOUT)


def _connect(address: str) -> Any:
    """A client of the Dask scheduler at ``address``.

    Raises:
        ConfigError: if dask.distributed is missing or the scheduler does not answer.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError(
            f"a Dask scheduler was given ({address}), but dask.distributed is not installed",
            hint="install it with: pip install distributed",
        ) from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except Exception as exc:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {address}: {error_message(exc)}",
            hint="check the address (tcp://host:8786) and that the scheduler is running "
            "and reachable from this machine, or leave the scheduler out to render locally",
        ) from None


def _run_dask(
    client: Any, fn: Callable[[T], R], items: list[T], reporter: _Progress
) -> list[TaskOutcome[T, R]]:
    """Run the tasks on the Dask cluster ``client`` is connected to."""
    from distributed import as_completed

    collector: _Collector[T, R] = _Collector(items, reporter)
    futures: dict[Any, int] = {}
    try:
        for index, item in enumerate(items):
            try:
                futures[client.submit(_call, fn, item, pure=False)] = index
            except Exception as exc:  # an item or function that cannot be serialized
                collector.add(index, exc)
        collector.collect(futures, as_completed(list(futures), loop=client.loop))
    except BaseException:
        client.cancel(list(futures))
        raise
    return collector.result()
