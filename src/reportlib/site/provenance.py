"""Where a report came from: inputs, code and time, for the footer of every page."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from reportlib.config import Region
from reportlib.intake.schema import TABLES
from reportlib.run.manifest import file_digest

PACKAGES = ("reportlib", "pandas", "great-expectations", "papermill", "nbconvert", "seaborn")


@dataclass(frozen=True)
class Provenance:
    """Facts about one run.

    Attributes:
        inputs: (file name, first 12 hex digits of its SHA-256) of each input file.
        commit: Short git commit of the project, or ``"unknown"`` outside a checkout.
        versions: (package, version) of the main packages.
        started: Run start, UTC.
    """

    inputs: tuple[tuple[str, str], ...]
    commit: str
    versions: tuple[tuple[str, str], ...]
    started: datetime


def _commit(root: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def collect(data_dir: Path, project_root: Path) -> Provenance:
    """Hash the input files and note the code's commit and versions."""
    inputs = tuple(
        (path.name, file_digest(path)[:12])
        for name in TABLES
        for path in sorted(data_dir.glob(f"{name}.*"))
        if path.suffix in (".csv", ".parquet")
    )
    return Provenance(
        inputs=inputs,
        commit=_commit(project_root),
        versions=tuple((p, _version(p)) for p in PACKAGES),
        started=datetime.now(UTC),
    )


def footer_html(region: Region, period: pd.Period, status: str, prov: Provenance) -> str:
    """The provenance footer of a report page (escaped HTML)."""
    files = Markup(", ").join(Markup("{} <code>{}</code>").format(n, h) for n, h in prov.inputs)
    versions = Markup(", ").join(Markup("{} {}").format(p, v) for p, v in prov.versions)
    return str(
        Markup(
            "<p>Period {period} · region {region} ({rid}) · data {status} · "
            '<a href="validation/index.html">data validation</a></p>'
            "<p>Inputs: {files}</p>"
            "<p>Generated {started} UTC from commit <code>{commit}</code> with {versions}.</p>"
        ).format(
            period=str(period),
            region=region.name,
            rid=region.id,
            status=status,
            files=files,
            started=f"{prov.started:%Y-%m-%d %H:%M}",
            commit=prov.commit,
            versions=versions,
        )
    )
