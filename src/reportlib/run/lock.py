"""One run per output folder: an exclusive lock on ``<out>/.lock`` while the run lasts."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportlib.errors import LockedError


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` for the run.

    Creates ``out_dir`` if needed and writes this process's id to ``<out_dir>/.lock``. The lock
    is released when the block ends, or when the process does (it is an ``flock``).

    Raises:
        LockedError: if another run holds it.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / ".lock"
    with lock_path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                f"another reportlib run is writing to {out_dir}",
                hint="wait for it to finish; the lock is released when that process ends",
            ) from None
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
