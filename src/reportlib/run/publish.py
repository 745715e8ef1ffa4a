"""Publish a run: a new build under ``<out>/.sites/``, swapped in as ``<out>/site`` at once.

A build starts as a copy of the published site; the run adds its reports and marks the failed
ones, the index is built, and one atomic rename points the ``site`` link at it. A reader sees
the old site or the new one, never a mix; a run that fails or is killed at any moment leaves
the published site as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reportlib import i18n
from reportlib.site import downloads
from reportlib.site import index as site
from reportlib.site.index import FAILED_SUFFIX

if TYPE_CHECKING:
    from reportlib.config import Params
    from reportlib.run.execute import Rendered
    from reportlib.run.render import Failure, Outcome

SITE_LINK = "site"
BUILDS_DIR = ".sites"


@contextmanager
def new_build(out: Path) -> Iterator[Path]:
    """A new build, ``<out>/.sites/<UTC time>-<pid>``, starting as a copy of the published site.

    Yields:
        The build's folder (absent when nothing was published yet).

    Raises:
        BaseException: whatever the block raised (Ctrl-C included), once the build is removed.
    """
    build = out / BUILDS_DIR / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}"
    try:
        published = out / SITE_LINK
        if published.is_dir():
            shutil.copytree(published, build)
        yield build
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def add_reports(period_dir: Path, outcome: Outcome) -> None:
    """Put the rendered reports into the build, and mark the failed ones.

    Moves each rendered report's HTML, ``kpis.json`` and downloads (CSV files, workbook) from
    the work folder into ``period_dir``, and clears its failed mark; writes
    ``<report>.failed.json`` for each failed report, whose last good page stays (the index
    links it).
    """
    for rid, items in outcome.rendered.items():
        _add_to_build(period_dir, items, rid)
    for failure in outcome.failed.values():
        _mark_failed(period_dir, failure)


def publish(out: Path, build: Path, params: Params) -> None:
    """Build the site's index in ``build``, then swap ``<out>/site`` to it (:func:`swap`).

    The index is written in the company's reading language (``params.company``), whatever
    language each region's report is in.

    Raises:
        RenderError: if the index cannot be written.
    """
    with i18n.use(params.company.reading_language):
        site.build_index(build, params)
    swap(out, build)


def swap(out: Path, build: Path) -> None:
    """Point ``<out>/site`` at ``build`` with one atomic rename, then drop older builds.

    A reader sees the old site or the new one, never a mix; a run killed at any moment leaves
    the published site as it was.
    """
    link = out / SITE_LINK
    if link.is_dir() and not link.is_symlink():
        # a site published as a plain folder: moved into .sites/ once, then swapped as a link
        link.rename(out / BUILDS_DIR / f"{build.name}-previous")
    tmp = out / f".{SITE_LINK}-{build.name}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(Path(BUILDS_DIR) / build.name, target_is_directory=True)
    tmp.replace(link)
    remove_stale_builds(out)


def remove_stale_builds(out: Path) -> None:
    """Remove builds left by killed runs (every build but the published one)."""
    current = _current_build(out)
    builds = out / BUILDS_DIR
    if builds.is_dir():
        for build in builds.iterdir():
            if build.name != current:
                shutil.rmtree(build, ignore_errors=True)


def _current_build(out: Path) -> str | None:
    """Name of the build the ``site`` link points to, if it is a link."""
    link = out / SITE_LINK
    return Path(os.readlink(link)).name if link.is_symlink() else None


def _mark_failed(period_dir: Path, failure: Failure) -> None:
    marker = period_dir / f"{failure.report_id}{FAILED_SUFFIX}"
    period_dir.mkdir(parents=True, exist_ok=True)
    marker.write_text(
        json.dumps(
            {
                "region": failure.report_id,
                "period": period_dir.name,
                "failed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
            indent=2,
        ),
        encoding="utf-8",
    )


def _add_to_build(period_dir: Path, rendered: list[Rendered], report_id: str) -> None:
    """Move a report's HTML, kpis.json and downloads into the build; clear any failed mark.

    The downloads (``<id>.xlsx``, ``<id>-tables/``: :mod:`reportlib.site.downloads`) replace the
    report's earlier ones, and an earlier ``<id>.pdf`` is removed: a PDF in the build was
    printed from the page it sits beside (``run --pdf`` prints the new page afterwards).
    """
    period_dir.mkdir(parents=True, exist_ok=True)
    for stale in downloads.report_files(period_dir, report_id):
        if stale.is_dir():
            shutil.rmtree(stale)
        else:
            stale.unlink(missing_ok=True)
    for item in rendered:
        files = downloads.report_files(item.html.parent, item.html.stem)
        for path in (item.html, item.html.with_suffix(".kpis.json"), *files):
            if path.exists():
                shutil.move(path, period_dir / path.name)
    (period_dir / f"{report_id}{FAILED_SUFFIX}").unlink(missing_ok=True)
