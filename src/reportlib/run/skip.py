"""Skip a run whose inputs did not change since the last one, and record what a run published.

A run's inputs are fingerprinted (SHA-256 digests) and compared with ``<out>/manifest.json``
(:mod:`reportlib.run.manifest`): when the last run was made from the same ones and its pages are
still published, nothing is done. At the end, :func:`record` notes what this run published, for
the next run to compare.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from reportlib.run import manifest as mf

if TYPE_CHECKING:
    from reportlib.run.cut import Plan
    from reportlib.run.pipeline import RunOptions
    from reportlib.run.sections import Section

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Inputs:
    """What a run is made from, and what the output folder's earlier runs were made from.

    Attributes:
        manifest: The output folder's manifest.
        parts: Digests by name: ``params`` (the params folder), ``notebooks`` (the section
            notebooks the reports list) and ``code`` (reportlib's source). Each report's
            manifest key combines them with its extract's (:func:`reportlib.run.cut.cut_reports`).
        run: The whole run's digest: the parts, the data folder and the period asked for.
        force: Render everything: no run or report counts as unchanged.
        checked: What the validation of the data depends on: the data folder, ``params`` and
            ``code`` (:func:`reportlib.run.validate.validate_data` adds the month and the day).
    """

    manifest: mf.Manifest
    parts: dict[str, str]
    run: str
    force: bool
    checked: str


def fingerprint(options: RunOptions, sections: Iterable[Section]) -> Inputs:
    """Load the manifest, and digest the run's inputs.

    Reads ``<out>/manifest.json``, every file of ``options.params_dir`` and ``options.data_dir``,
    the section notebooks and reportlib's source; writes nothing.

    Raises:
        ConfigError: if the manifest is not one reportlib wrote.
    """
    manifest = mf.Manifest.load(options.out_dir)
    parts = {
        "params": mf.tree_digest([options.params_dir], options.params_dir),
        "notebooks": mf.tree_digest([s.path for s in sections], options.notebooks_dir),
        "code": mf.code_digest(),
    }
    data = mf.tree_digest([options.data_dir], options.data_dir)
    run = mf.combine(data=data, period=str(options.period or "latest"), **parts)
    checked = mf.combine(data=data, params=parts["params"], code=parts["code"])
    return Inputs(manifest, parts, run, options.force, checked)


def unchanged_run(inputs: Inputs, report_ids: Sequence[str], site: Path) -> pd.Period | None:
    """The month already published from these very inputs, if the run can stop here.

    Args:
        inputs: This run's inputs and the manifest.
        report_ids: The reports asked for.
        site: The published site (``<out>/site``); each report's page must still be there.

    Returns:
        The month of the last run, when it had the same fingerprint, rendered every report
        asked for, and their pages are published (logged); otherwise, or when the run is
        forced, ``None``.
    """
    done = None if inputs.force else inputs.manifest.unchanged_run(inputs.run, report_ids)
    if done and all((site / done / f"{rid}.html").is_file() for rid in report_ids):
        log.info(
            "nothing changed since the last run: the %s reports are current (--force renders)",
            done,
        )
        return pd.Period(done, freq="M")
    return None


def record(
    inputs: Inputs,
    period: pd.Period,
    plan: Plan,
    published: Iterable[str],
    failed: Iterable[str],
    report_ids: Sequence[str],
) -> None:
    """Write the manifest: what each report published was made from, for the next run.

    Args:
        inputs: This run's inputs and the manifest.
        period: The month reported.
        plan: The reports' keys and the ones left unchanged (:func:`reportlib.run.cut.cut_reports`).
        published: The reports rendered by this run.
        failed: The reports that failed: forgotten, so that the next run renders them.
        report_ids: Every report the run was asked for.

    Raises:
        OSError: if ``<out>/manifest.json`` cannot be written.
    """
    keys: Mapping[str, str] = {rid: plan.keys[rid] for rid in [*published, *plan.unchanged]}
    inputs.manifest.record(str(period), keys, failed, inputs.run, report_ids)
