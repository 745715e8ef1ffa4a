"""The run manifest: what each published report was rendered from.

With it, a report whose inputs did not change is not rendered again.

Two fingerprints are kept in ``<out>/manifest.json`` (outside the published site):

- the **run fingerprint**: hashes of the input files, the ``params/`` files, the notebooks,
  reportlib's own code and version, and the requested period. When it matches the last run that
  published every requested report, a run stops before reading any data.
- a **report fingerprint** per ``<period>/<report id>``: hashes of the report's extract folder
  (its region's rows, the data-quality record and its forecast history), the ``params/`` files,
  the notebooks and reportlib's code. A report whose fingerprint is unchanged keeps its
  published files; the others are rendered.

``--force`` ignores both.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import reportlib
from reportlib.errors import ConfigError

log = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1
PACKAGE_DIR = Path(reportlib.__file__).resolve().parent


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """One digest over files and folders: each file's path (relative to ``root``) and bytes.

    Folders are walked recursively; ``__pycache__`` and hidden entries are skipped. Paths that
    do not exist count as absent, so creating one changes the digest.
    """
    digest = hashlib.sha256()
    for path in sorted(paths):
        files = sorted(_files(path)) if path.is_dir() else [path]
        for file in files:
            name = str(file.relative_to(root)) if root else str(file)
            digest.update(name.encode())
            digest.update(file_digest(file).encode() if file.is_file() else b"absent")
    return digest.hexdigest()


def _files(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in parts):
            yield path


def frames_digest(frames: Mapping[str, pd.DataFrame]) -> str:
    """One digest of the rows of named frames: names, columns, dtypes and every value.

    Categorical columns count by their values, not by the categories they could hold, so one
    region's rows keep their digest when another region's change.
    """
    digest = hashlib.sha256()
    for name in sorted(frames):
        frame = frames[name]
        digest.update(f"{name}:{list(frame.columns)}:{[str(t) for t in frame.dtypes]}".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    return digest.hexdigest()


def code_digest() -> str:
    """Reportlib's version and the bytes of its code, templates and stylesheets."""
    return tree_digest([PACKAGE_DIR], PACKAGE_DIR) + reportlib.__version__


def combine(**parts: str) -> str:
    """One digest of named parts."""
    digest = hashlib.sha256()
    for key in sorted(parts):
        digest.update(f"{key}={parts[key]}\n".encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    """What the last runs published into one output folder.

    Attributes:
        path: The manifest file.
        run: Fingerprint of the last run that published all it rendered, with its period and
            report ids.
        reports: Fingerprint of each published report, keyed ``<YYYY-MM>/<report id>``.
    """

    path: Path
    run: dict[str, object] = field(default_factory=dict)
    reports: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """Read ``<out_dir>/manifest.json``; a missing file is an empty manifest.

        Raises:
            ConfigError: if the file is not a manifest this version wrote.
        """
        path = out_dir / MANIFEST_FILE
        if not path.exists():
            return cls(path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT_VERSION:
                raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT_VERSION}")
            return cls(path, dict(raw["run"]), {str(k): str(v) for k, v in raw["reports"].items()})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(
                f"{path} is not a reportlib run manifest ({exc})",
                hint="delete it; the next run renders every report and writes a new one",
            ) from None

    def unchanged_run(self, fingerprint: str, report_ids: Iterable[str]) -> str | None:
        """The period of the last complete run, if it matches ``fingerprint`` and ``report_ids``.

        None when the fingerprint differs or that run did not render every report asked for.
        """
        if self.run.get("fingerprint") != fingerprint:
            return None
        done = self.run.get("reports")
        if not isinstance(done, list) or not set(report_ids) <= set(done):
            return None
        period = self.run.get("period")
        return period if isinstance(period, str) else None

    def unchanged_report(self, period: str, report_id: str, fingerprint: str) -> bool:
        """True when this report was last published from exactly this fingerprint."""
        return self.reports.get(f"{period}/{report_id}") == fingerprint

    def record(
        self,
        period: str,
        rendered: Mapping[str, str],
        failed: Iterable[str],
        run_fingerprint: str,
        report_ids: Iterable[str],
    ) -> None:
        """Note what a run published, and write the file.

        Args:
            period: The month the run reported.
            rendered: Fingerprints of the reports published by the run (rendered or unchanged).
            failed: Reports that failed: they are forgotten, so that the next run renders them.
            run_fingerprint: The run's fingerprint; kept only when nothing failed.
            report_ids: Every report the run was asked for.
        """
        failed = list(failed)
        for report_id, fingerprint in rendered.items():
            self.reports[f"{period}/{report_id}"] = fingerprint
        for report_id in failed:
            self.reports.pop(f"{period}/{report_id}", None)
        self.run = (
            {}
            if failed
            else {"fingerprint": run_fingerprint, "period": period, "reports": sorted(report_ids)}
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps(
                {"format": FORMAT_VERSION, "run": self.run, "reports": self.reports},
                indent=2,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        tmp.replace(self.path)
        log.debug("wrote %s", self.path)
