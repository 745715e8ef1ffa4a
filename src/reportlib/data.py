"""Reading the input tables into typed DataFrames, and cutting them per region.

Row numbers in messages are line numbers of the file (the header is line 1), so the first data
row is row 2: the number an analyst sees in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

import pandas as pd

from reportlib.errors import DataError
from reportlib.schema import DATE_DTYPE, TABLES, Column, Table

FIRST_DATA_LINE = 2
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}


def _where(path: Path, column: str, bad: pd.Series) -> str:
    rows = [int(i) + FIRST_DATA_LINE for i in bad.index[:5]]
    values = [repr(v) for v in bad.iloc[:5]]
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    return f"{path}: column {column!r}, rows {rows}{more}: values {', '.join(values)}"


def _coerce(path: Path, col: Column, raw: pd.Series) -> pd.Series:
    """Convert a column of text to its declared kind, naming the rows that do not convert."""
    text = raw.astype("string").str.strip()
    text = text.mask(text == "")
    if col.kind == "str":
        out = text
        bad = pd.Series(dtype="string")
    elif col.kind in ("int", "float"):
        out = pd.to_numeric(text, errors="coerce")
        bad = text[out.isna() & text.notna()]
        if col.kind == "int" and bad.empty:
            frac = out[out.notna() & (out % 1 != 0)]
            bad = text[frac.index]
            if bad.empty:
                out = out.astype("Int64")
        elif col.kind == "float":
            out = out.astype("float64")
    elif col.kind == "date":
        out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype(DATE_DTYPE)
        bad = text[out.isna() & text.notna()]
    elif col.kind == "month":
        ok = text.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").fillna(False).astype(bool)
        bad = text[~ok & text.notna()]
        out = text
    else:  # bool
        low = text.str.lower()
        out = pd.Series(pd.NA, index=text.index, dtype="boolean")
        out[low.isin(_TRUE).fillna(False).astype(bool)] = True
        out[low.isin(_FALSE).fillna(False).astype(bool)] = False
        bad = text[out.isna() & text.notna()]
    if not bad.empty:
        expected = {
            "int": "whole numbers",
            "float": "numbers with a '.' decimal point",
            "date": "dates written YYYY-MM-DD",
            "month": "months written YYYY-MM",
            "bool": "true or false",
        }[col.kind]
        raise DataError(
            f"{_where(path, col.name, bad)} are not {expected}",
            hint=f"fix those rows, or see docs/data-contract.md for the {col.name!r} column",
        )
    return out


def read_table(path: str | Path, table: Table) -> pd.DataFrame:
    """Read one table from CSV (UTF-8, comma-separated) or Parquet into its declared types.

    The index is the 0-based data row (file line = index + 2). Columns come out in contract
    order; ``str`` columns as pandas strings, ``int`` as nullable ``Int64``, dates as
    ``datetime64``, booleans as nullable ``boolean``.

    Raises:
        DataError: naming the file, the column, rows and values that do not fit.
    """
    path = Path(path)
    try:
        if path.suffix == ".parquet":
            # a run's own extract (write_extract) or an upstream export in the contract's types
            frame = pd.read_parquet(path)
            _check_columns(path, table, frame)
            return frame[table.column_names]
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except pd.errors.EmptyDataError:
        raise DataError(
            f"{path}: the file is empty", hint="export it again with a header row"
        ) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as UTF-8 CSV: {exc}") from None
    _check_columns(path, table, raw)
    return pd.DataFrame({c.name: _coerce(path, c, raw[c.name]) for c in table.columns})


def _check_columns(path: Path, table: Table, frame: pd.DataFrame) -> None:
    missing = [c for c in table.column_names if c not in frame.columns]
    if missing:
        raise DataError(
            f"{path}: missing column(s) {missing}; found {list(frame.columns)}",
            hint="see docs/data-contract.md for the columns of " + table.name,
        )


def table_path(data_dir: str | Path, name: str) -> Path | None:
    """The file holding table ``name`` in ``data_dir`` (Parquet preferred), or None."""
    for suffix in (".parquet", ".csv"):
        candidate = Path(data_dir) / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    return None


@dataclass(frozen=True)
class Tables:
    """The input tables of one run; optional tables are ``None`` when absent."""

    orders: pd.DataFrame
    opportunities: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    reps: pd.DataFrame | None = None
    campaigns: pd.DataFrame | None = None
    market: pd.DataFrame | None = None

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(name, frame) of each table present."""
        for f in fields(self):
            frame = getattr(self, f.name)
            if frame is not None:
                yield f.name, frame

    def for_region(self, region_id: str) -> Tables:
        """The rows of one region (``all`` keeps every row)."""
        if region_id == "all":
            return self
        cut = {
            name: frame[frame[TABLES[name].region_column] == region_id]
            for name, frame in self.items()
        }
        return replace(self, **cut)

    def converted(self, rates: dict[str, float], currency: str) -> Tables:
        """Every money column converted to ``currency`` with ``rates`` (to that currency).

        Raises:
            DataError: if a row's currency has no rate.
        """
        out = {}
        for name, frame in self.items():
            money = TABLES[name].money_columns
            if not money:
                continue
            unknown = sorted(set(frame["currency"].dropna()) - set(rates))
            if unknown:
                raise DataError(
                    f"{name}: currencies {unknown} have no rate in params/defaults.yaml fx_rates",
                    hint="add a budget rate for each",
                )
            factor = frame["currency"].map(rates).astype("float64")
            target = pd.Series(currency, index=frame.index, dtype=frame["currency"].dtype)
            out[name] = frame.assign(**{c: frame[c] * factor for c in money}, currency=target)
        return replace(self, **out)


def load_tables(data_dir: str | Path) -> Tables:
    """Read every table present in ``data_dir``.

    Raises:
        DataError: if the mandatory ``orders`` table is missing or a file does not fit.
    """
    data_dir = Path(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    for name, table in TABLES.items():
        path = table_path(data_dir, name)
        if path is None:
            if table.required:
                raise DataError(
                    f"{data_dir}: no {name}.csv or {name}.parquet",
                    hint="run `reportlib sample-data --out data/sample` for an example",
                )
            continue
        frames[name] = read_table(path, table)
    return Tables(**frames)


def write_extract(tables: Tables, out_dir: str | Path) -> Path:
    """Write ``tables`` as Parquet files into ``out_dir`` (created), for one report to read."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_parquet(out / f"{name}.parquet", index=True)
    return out
