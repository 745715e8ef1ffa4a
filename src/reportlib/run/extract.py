"""A report's extract: the tables of one report, in reportlib's own format.

A run cuts the input tables per report (each region, and ``all`` for the company) and writes
each cut here, with the data-quality record and forecast history beside it
(``reportlib.report``). A report notebook reads its extract back exactly as written, never
through the settings of the raw exports (``params/sources.yaml``), which describe other files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from reportlib.errors import DataError
from reportlib.intake.data import Tables
from reportlib.intake.schema import TABLES

EXTRACT_FILE = "extract.json"
"""Marks a folder as a report extract written by :func:`write_extract` (and lists its tables)."""
EXTRACT_FORMAT = 1


def write_extract(tables: Tables, out_dir: str | Path) -> Path:
    """Write ``tables`` as Parquet files into ``out_dir`` (created), for one report to read.

    The folder is reportlib's own format, read back by :func:`read_extract` and never through
    the settings of the raw exports (``params/sources.yaml``): ``<table>.parquet`` per table
    present, and :data:`EXTRACT_FILE` naming them. Tables absent from ``tables`` are removed.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for name, frame in tables.items():
        frame.to_parquet(out / f"{name}.parquet", index=True)
        names.append(name)
    for name in TABLES:
        if name not in names:
            (out / f"{name}.parquet").unlink(missing_ok=True)
    marker = {"format": EXTRACT_FORMAT, "tables": names}
    (out / EXTRACT_FILE).write_text(json.dumps(marker, indent=2), encoding="utf-8")
    return out


def is_extract(folder: str | Path) -> bool:
    """True when ``folder`` holds a report extract (:data:`EXTRACT_FILE`), not raw exports."""
    return (Path(folder) / EXTRACT_FILE).is_file()


def read_extract(folder: str | Path) -> Tables:
    """The tables of an extract written by :func:`write_extract`, exactly as written.

    Raises:
        DataError: naming the file, when the marker or a listed table cannot be read.
    """
    folder = Path(folder)
    marker_path = folder / EXTRACT_FILE
    try:
        marker = json.loads(marker_path.read_text(encoding="utf-8"))
        names = [str(n) for n in marker["tables"]]
        if marker.get("format") != EXTRACT_FORMAT:
            raise ValueError(f"format {marker.get('format')!r}, expected {EXTRACT_FORMAT}")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(
            f"{marker_path}: not a report extract: {exc}",
            hint="extracts are written by `reportlib run`; run again",
        ) from None
    unknown = [n for n in names if n not in TABLES]
    if unknown or "orders" not in names:
        raise DataError(
            f"{marker_path}: lists tables {names}; expected orders and tables of {list(TABLES)}",
            hint="extracts are written by `reportlib run`; run again",
        )
    frames = {}
    for name in names:
        path = folder / f"{name}.parquet"
        try:
            frames[name] = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            raise DataError(
                f"{path}: cannot be read as Parquet: {exc}",
                hint="extracts are written by `reportlib run`; run again",
            ) from None
    return Tables(**frames)
