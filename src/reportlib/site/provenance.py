"""Where a report came from: inputs, code and time, for the footer of every page.

The footer is written in the language ``reportlib.i18n`` has active (the run writes each
report's texts in its language); the month through Babel in the region's locale.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from reportlib.config import Region
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _
from reportlib.intake.schema import TABLES
from reportlib.run.manifest import file_digest

PACKAGES = ("reportlib", "pandas", "great-expectations", "papermill", "nbconvert", "seaborn")

NOT_INSTALLED = N_("not installed")
"""The version of a package that is not installed (a :class:`Provenance` value, in English)."""

DATA_STATUS = {"fresh": N_("data fresh"), "provisional": N_("data provisional")}
"""The footer's words for a run's data status (``run.cut``: ``fresh`` or ``provisional``)."""


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
        return NOT_INSTALLED


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


def footer_html(
    region: Region,
    period: pd.Period,
    status: str,
    prov: Provenance,
    validation_href: str | None = "validation/index.html",
) -> str:
    """The provenance footer of a report page (escaped HTML), in the active language.

    Args:
        region: The report's region (its name, id, and locale for the month).
        period: The reported month, written as the report writes months (``October 2026``).
        status: The data's status, ``fresh`` or ``provisional`` (:data:`DATA_STATUS`; another
            status is shown as given).
        prov: The run's provenance.
        validation_href: The link to the data validation page, relative to the page; None
            for a page that has none beside it (the plan report: ``reportlib plan`` stops on
            a critical data problem before rendering).
    """
    files = Markup(", ").join(Markup("{} <code>{}</code>").format(n, h) for n, h in prov.inputs)
    versions = Markup(", ").join(
        Markup("{} {}").format(p, _(v) if v == NOT_INSTALLED else v) for p, v in prov.versions
    )
    data = DATA_STATUS.get(status)
    # each sentence is trusted text from the catalog (its markup included); values escaped
    heading = Markup(escape(_("Period {period} · region {region} ({rid}) · {status}"))).format(
        period=Formatter(region.locale, region.currency).month(period),
        region=region.name,
        rid=region.id,
        status=status if data is None else _(data),
    )
    if validation_href is not None:
        heading = Markup("{} · {}").format(
            heading, Markup(_('<a href="{href}">data validation</a>')).format(href=validation_href)
        )
    return str(
        Markup("<p>{heading}</p><p>{inputs}</p><p>{generated}</p>").format(
            heading=heading,
            inputs=Markup(escape(_("Inputs: {files}"))).format(files=files),
            generated=Markup(
                _("Generated {started} UTC from commit <code>{commit}</code> with {versions}.")
            ).format(
                started=f"{prov.started:%Y-%m-%d %H:%M}", commit=prov.commit, versions=versions
            ),
        )
    )
