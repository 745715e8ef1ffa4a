"""Reading the input tables into typed DataFrames, and cutting them per region.

Nothing is lost silently: a row that cannot be used (a value that does not parse, an empty
required field, a truncated line) is rejected with its reason and counted, so that for every
table input rows = accepted + quarantined. When too many rows are bad, or a whole column does
not parse (a wrong decimal mark or date format), the read stops with a message naming the file,
column, rows and values, and a hint.

Row numbers in messages are line numbers of the file (the header is line 1), so the first data
row is row 2: the number an analyst sees in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from reportlib.config import DEFAULT_SOURCE, Params, Source
from reportlib.errors import ConfigError, DataError, MissingColumnsError
from reportlib.intake.parsing import (
    NULL_TOKENS,
    arrow_text,
    date_format_hint,
    date_words,
    describe_format,
    flags,
    number_example,
    number_format_hint,
    parse_dates,
    parse_numbers,
    parse_timestamps,
)
from reportlib.intake.readers import FIRST_DATA_LINE, SHORT_ROW, TEXT, read_text
from reportlib.intake.rules import row_rule_reasons
from reportlib.intake.schema import DATE_DTYPE, TABLES, Column, Table

_TRUNCATED = "the file looks cut off: export it again"
FORMAT_PROBLEM_SHARE = 0.5
"""When more than this share of a column's values do not parse, the source setting is wrong."""
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}
_INT64_LIMIT = 2.0**63
_WORKBOOKS = (".xlsx", ".xlsm")
"""Files whose date columns may hold Excel serial day numbers (a cell formatted as a number)."""


def _expected(col: Column, source: Source) -> str:
    """What the values of ``col`` should look like, in words: the declared format in full."""
    if col.kind == "float":
        written = number_example(source.decimal, source.thousands)
        words = f"written {written} ({describe_format(source.decimal, source.thousands)})"
        if col.money:
            return f"amounts {words[:-1]}; a mark of the row's currency allowed)"
        return f"numbers {words}"
    if col.kind == "int" and source.thousands:
        written = number_example(source.decimal, source.thousands, whole=True)
        return f"whole numbers written {written} (thousands {source.thousands!r})"
    if col.kind == "date":
        return f"dates written {date_words(source.date_format)}"
    if col.kind == "timestamp":
        return "date-times written the ISO 8601 way (2026-10-03T14:05:11Z, 2026-10-03 14:05)"
    return {
        "int": "whole numbers",
        "month": "months written YYYY-MM",
        "bool": "true or false",
    }[col.kind]


def _where(path: Path, column: str, bad: pd.Series, header: str | None = None) -> str:
    rows = [int(i) + FIRST_DATA_LINE for i in bad.index[:5]]
    values = [repr(v) for v in bad.iloc[:5]]
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    named = f"column {column!r}" if header in (None, column) else f"column {header!r} ({column})"
    return f"{path}: {named}, rows {rows}{more}: values {', '.join(values)}"


def _format_hint(
    col: Column,
    source: Source,
    text: pd.Series,
    bad: pd.Series,
    *,
    currency: pd.Series | None = None,
    workbook: bool = False,
) -> str:
    """What to do about the ``bad`` cells of ``text`` (one column), pointing the right way.

    For numbers and dates, the settings that would read the bad values are tried, and one is
    suggested only when it reads them (never the current one); else the hint says the rows are
    written another way, or are not numbers (dates) at all.
    """
    most = bool(bad.sum() > FORMAT_PROBLEM_SHARE * max(int(text.notna().sum()), 1))
    if col.kind in ("int", "float"):
        return number_format_hint(
            text,
            bad,
            decimal=source.decimal,
            thousands=source.thousands,
            currency=currency if col.money else None,
            whole=col.kind == "int",
            most=most,
        )
    if col.kind == "date":
        return date_format_hint(
            text, bad, date_format=source.date_format, workbook=workbook, most=most
        )
    if col.kind == "timestamp":
        return (
            "write date-times as YYYY-MM-DD hh:mm[:ss], with Z or an offset such as -03:00 "
            "when the export gives one, or fix those rows"
        )
    return f"fix those rows, or see docs/data-contract.md for the {col.name!r} column"


def _numbers(
    text: pd.Series, source: Source, currency: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """``text`` read as ``source`` writes numbers: (float64 values, reasons shared by rows)."""
    return parse_numbers(
        text,
        decimal=source.decimal,
        thousands=source.thousands,
        currency=currency,
        with_values=False,
    )


def _flagged(bad: pd.Series, reason: str) -> pd.Series:
    """``reason`` where ``bad``, NA elsewhere (a ``string`` Series)."""
    marked = bad.to_numpy(dtype=bool)
    if not marked.any():
        return _no_reasons(bad.index)
    kind = pa.large_string()
    text = pc.if_else(pa.array(marked), pa.scalar(reason, kind), pa.scalar(None, kind))
    return pd.Series(pd.arrays.ArrowStringArray(text), index=bad.index)


def _no_reasons(index: pd.Index) -> pd.Series:
    """NA for every row of ``index``: the reasons of a column whose cells are all fine."""
    return pd.Series(pd.arrays.ArrowStringArray(pa.nulls(len(index), pa.large_string())), index)


def _canonical(text: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    """Map values to the allowed spelling when they differ only in case (a lookup in Arrow)."""
    lookup = {value.lower(): value for value in allowed}
    low = pc.utf8_lower(arrow_text(text))
    found = pc.index_in(low, value_set=pa.array(list(lookup), type=low.type))
    spelt = pc.take(pa.array(list(lookup.values()), type=low.type), found)
    return pd.Series(pd.array(spelt, dtype=TEXT), index=text.index).fillna(text)


def _parse(
    col: Column,
    text: pd.Series,
    source: Source,
    *,
    currency: pd.Series | None = None,
    workbook: bool = False,
) -> tuple[pd.Series, pd.Series]:
    """Convert one column of text to its kind.

    Args:
        col: The contract column.
        text: Its cells, trimmed, NA for empty ones.
        source: How the file writes numbers and dates.
        currency: The rows' currency codes, for the marks of a money column.
        workbook: Whether the file is an Excel workbook (date serials are read).

    Returns:
        ``(values, reasons)``: the values in the column's type, and a ``string`` Series with NA
        where a cell is fine or empty, else why it cannot be used (a phrase many rows share).

    Raises:
        ConfigError: ``source.date_format`` cannot be used.
    """
    if col.kind == "str":
        out = text
        if col.allowed:
            out = _canonical(text, col.allowed)
        elif col.name == "currency":
            out = text.str.upper()
        elif col.name == "region":
            out = text.str.lower()
        return out, _no_reasons(text.index)
    if col.kind == "float":
        return _numbers(text, source, currency if col.money else None)
    if col.kind == "int":
        out, why = _numbers(text, source)
        filled = out.notna()
        bad = why.notna() | (filled & ((out % 1 != 0) | (out.abs() >= _INT64_LIMIT)))
        # a specific reason (a trailing minus...) stays; "not a number", or a fraction, say
        # what a whole-number column expects
        generic = why.isna() | why.str.startswith("not a number").fillna(False).astype(bool)
        why = why.mask(bad & generic, f"not {_expected(col, source)}")
        return out.where(~bad).astype("Int64"), why
    if col.kind == "date":
        try:
            out, bad = parse_dates(text, date_format=source.date_format, excel_serials=workbook)
        except ValueError as exc:  # a bad directive, or time-zone offsets that differ by row
            raise ConfigError(
                f"date_format {source.date_format!r} cannot read column {col.name!r}: {exc}",
                hint="use a strftime pattern in params/sources.yaml, e.g. '%d/%m/%Y'",
            ) from None
        return out.astype(DATE_DTYPE), _flagged(bad, f"not {_expected(col, source)}")
    if col.kind == "timestamp":
        try:
            out, bad = parse_timestamps(text, timezone=source.timezone)
        except (ValueError, KeyError) as exc:  # an unknown time zone name
            raise ConfigError(
                f"timezone {source.timezone!r} cannot read column {col.name!r}: {exc}",
                hint="use an IANA time zone name in params/sources.yaml, e.g. 'America/Sao_Paulo'",
            ) from None
        return out.astype(DATE_DTYPE), _flagged(bad, f"not {_expected(col, source)}")
    if col.kind == "month":
        ok = text.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").fillna(False).astype(bool)
        bad = ~ok & text.notna()
        return text.mask(bad), _flagged(bad, f"not {_expected(col, source)}")
    low = text.str.lower()
    out = pd.Series(pd.NA, index=text.index, dtype="boolean")
    out[low.isin(_TRUE).fillna(False).astype(bool)] = True
    out[low.isin(_FALSE).fillna(False).astype(bool)] = False
    return out, _flagged(out.isna() & text.notna(), f"not {_expected(col, source)}")


@dataclass(frozen=True)
class TableRead:
    """One table as read: accepted rows, rejected rows and the counts that tie them together.

    Attributes:
        frame: Accepted rows in contract types; index = file line - 2 (first data row: 0).
        rejects: Rejected rows as text, with ``line`` (file line) and ``reason`` columns.
        input_rows: Data rows in the file (= accepted + rejected).
        ignored_columns: Columns of the file that the contract does not use.
        not_delivered: Optional contract columns the file lacks (absent from ``frame``).
    """

    frame: pd.DataFrame
    rejects: pd.DataFrame
    input_rows: int
    ignored_columns: tuple[str, ...] = ()
    not_delivered: tuple[str, ...] = ()


def _filled(column: pd.Series) -> np.ndarray:
    """Where a column of text holds a value (not NA), as booleans."""
    return pc.is_valid(arrow_text(column)).to_numpy(zero_copy_only=False)


def _cells(given: pa.ChunkedArray, short: np.ndarray, index: pd.Index) -> pd.Series:
    """A column's cells as ``string`` on ``index``, trimmed of white space; NA for no value.

    ``given`` holds the cells as :func:`~reportlib.intake.parsing.arrow_text` gives them. NA
    where the cell is empty, holds a :data:`NULL_TOKENS` text (any case), or is on a ``short``
    row. The same as ``column.astype("string").str.strip()`` masked with ``short`` and
    with ``.str.lower().isin(NULL_TOKENS)``, run on the Arrow array directly (pandas runs the same
    Arrow kernels, one Series each): a fraction of the time per column, and the same cells
    whichever way pandas holds text.
    """
    trimmed = pc.utf8_trim_whitespace(given)
    tokens = pa.array(sorted(NULL_TOKENS), type=trimmed.type)
    gone = pc.is_in(pc.utf8_lower(trimmed), value_set=tokens).to_numpy(zero_copy_only=False)
    kept = pc.if_else(pa.array(gone | short), pa.scalar(None, trimmed.type), trimmed)
    return pd.Series(pd.arrays.ArrowStringArray(kept), index=index)


def _typed(
    path: Path,
    table: Table,
    raw: pd.DataFrame,
    source: Source,
    prior: pd.Series | None = None,
    headers: Mapping[str, str] | None = None,
) -> TableRead:
    """Type every column; reject rows that cannot be used; stop when the format is wrong.

    ``prior`` holds reasons found before typing (a mapping profile's computed columns): ""
    where the row is fine. ``headers`` names the export header of each contract column that a
    mapping profile read from another header, for messages.
    """
    headers = headers or {}
    reasons = pd.Series("", index=raw.index, dtype="string")
    if prior is not None:
        reasons = ("; " + prior.astype("string")).where(prior != "", "").astype("string")

    def note(mask: np.ndarray, reason: str | pd.Series) -> None:
        if mask.any():
            reasons.loc[mask] = reasons.loc[mask] + "; " + reason

    given = {name: arrow_text(raw[name]) for name in raw.columns}  # each column seen once
    short = np.zeros(len(raw), dtype=bool)
    for cells in given.values():  # column by column: far faster than a frame-wide comparison
        short |= flags(pc.equal(cells, SHORT_ROW))
    note(short, "the line has fewer fields than the header (truncated?)")
    columns: dict[str, pd.Series] = {}
    problems: list[tuple[str, str]] = []  # (message, hint)
    workbook = path.suffix.lower() in _WORKBOOKS
    present = delivered(table, raw.columns)
    # the currency first: a money column's marks are checked against its row's currency
    for col in sorted(present, key=lambda c: c.name != "currency"):
        text = _cells(given[col.name], short, raw.index)
        currency = columns.get("currency")
        values, why = _parse(col, text, source, currency=currency, workbook=workbook)
        bad = _filled(why) & ~short
        if bad.any():
            filled = int(text.notna().sum())
            where = _where(path, col.name, text[bad], headers.get(col.name))
            message = f"{where} are not {_expected(col, source)}"
            rows = pd.Series(bad, index=text.index)
            hint = _format_hint(col, source, text, rows, currency=currency, workbook=workbook)
            if bad.sum() > FORMAT_PROBLEM_SHARE * max(filled, 1):
                raise DataError(message, hint=hint)
            problems.append((message, hint))
            note(bad, col.name + ": " + why[bad])
        if not col.nullable:
            empty = values.isna().to_numpy(dtype=bool) & ~bad & ~short
            if prior is not None:  # a computed cell left empty has its reason already
                said = prior.str.contains(f"(?:^|; ){col.name}: ", regex=True)
                empty &= ~said.fillna(False).to_numpy(dtype=bool)
            if empty.any():
                where = _where(path, col.name, raw[col.name][empty], headers.get(col.name))
                message = f"{where}: empty values"
                problems.append((message, f"the contract requires {col.name!r}"))
                note(empty, f"{col.name}: empty")
        columns[col.name] = values
    columns = {col.name: columns[col.name] for col in present}  # contract order
    broken = row_rule_reasons(table.name, columns)  # across columns: a solve before creation
    note(broken.notna(), broken)
    rejected = reasons != ""
    share = float(rejected.mean()) if len(raw) else 0.0
    if share > source.max_reject_share:
        if not problems:
            problems.append((f"{path}: lines with fewer fields than the header", _TRUNCATED))
        raise DataError(
            f"{problems[0][0]}; {int(rejected.sum())} of {len(raw)} rows cannot be used "
            f"({share:.0%}, more than the {source.max_reject_share:.0%} allowed)",
            hint=problems[0][1],
        )
    frame = pd.DataFrame(columns)
    refused = raw[rejected]
    if len(refused):  # else nothing to drop, nor to clean
        frame = frame[~rejected]
        refused = refused.replace(SHORT_ROW, "")
    rejects = refused.assign(
        line=raw.index[rejected] + FIRST_DATA_LINE,
        reason=reasons[rejected].str.removeprefix("; "),
    )
    ignored = tuple(c for c in raw.columns if c not in table.column_names)
    absent = tuple(c for c in table.column_names if c not in raw.columns)
    return TableRead(frame, rejects, len(raw), ignored, absent)


def read_table(
    path: str | Path,
    table: Table,
    source: Source = DEFAULT_SOURCE,
    params_dir: str | Path | None = None,
) -> TableRead:
    """Read one table from CSV, Excel or Parquet into its declared types.

    Text files are read as ``source`` says (encoding, separator, decimal mark, thousands
    separator, date format) and mapped through ``source.mapping`` (a profile in
    ``params/mappings/``) when set. Rows that cannot be used go to ``rejects`` with a reason.
    Columns come out in contract order; ``str`` columns as pandas strings, ``int`` as nullable
    ``Int64``, dates as ``datetime64``, booleans as nullable ``boolean``.

    Raises:
        DataError: the file cannot be read, a column is missing, a column's format is wrong,
            or more rows are bad than ``source.max_reject_share`` allows.
    """
    path = Path(path)
    if source.thousands and source.thousands == source.decimal:
        raise ConfigError(
            f"{path}: thousands and decimal are both {source.decimal!r} for this source",
            hint="write decimal: ',' with thousands: '.' (or the reverse) in params/sources.yaml",
        )
    if path.suffix.lower() == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except FileNotFoundError:
            raise DataError(f"{path}: file not found") from None
        except (OSError, ValueError) as exc:
            raise DataError(f"{path}: cannot be read as Parquet: {exc}") from None
        _check_columns(path, table, frame)
        present = [c.name for c in delivered(table, frame.columns)]
        empty = pd.DataFrame(columns=[*present, "line", "reason"])
        absent = tuple(c for c in table.column_names if c not in present)
        return TableRead(frame[present], empty, len(frame), not_delivered=absent)
    raw = read_text(
        path,
        encoding=source.encoding,
        separator=source.separator,
        sheet=source.sheet,
        header_row=source.header_row,
        decimal=source.decimal,
    )
    if not source.mapping:
        with _header_row_hint(source):
            _check_columns(path, table, raw)
        return _typed(path, table, raw, source)
    from reportlib.intake.mapping import apply_profile, load_profile

    profile = load_profile(
        Path(params_dir or "params"), source.mapping, {**TABLES, table.name: table}
    )
    with _header_row_hint(source):
        mapped = apply_profile(
            raw, profile, source=str(path), decimal=source.decimal, thousands=source.thousands
        )
        _check_columns(path, table, mapped.frame)
    read = _typed(path, table, mapped.frame, source, mapped.reasons, mapped.headers)
    return replace(read, ignored_columns=mapped.unused)


@contextmanager
def _header_row_hint(source: Source) -> Iterator[None]:
    """Add to a missing-columns error that ``header_row`` chose the line read as the header."""
    try:
        yield
    except MissingColumnsError as exc:
        if source.header_row is None:
            raise
        raise MissingColumnsError(
            exc.message,
            hint=f"{exc.hint}; or check header_row: {source.header_row} for this source in "
            f"params/sources.yaml: the column names were read from line {source.header_row}",
        ) from None


def delivered(table: Table, columns: Iterable[str]) -> list[Column]:
    """The contract columns of ``table`` among ``columns`` (a file's headers), in contract order."""
    present = set(columns)
    return [c for c in table.columns if c.name in present]


def _check_columns(path: Path, table: Table, frame: pd.DataFrame) -> None:
    missing = [c for c in table.mandatory_columns if c not in frame.columns]
    missing += [
        " or ".join(group) for group in table.one_of if not any(c in frame.columns for c in group)
    ]
    if missing:
        raise MissingColumnsError(
            f"{path}: missing column(s) {missing}; found {list(frame.columns)}",
            hint="see docs/data-contract.md for the columns of " + table.name,
        )


def table_path(data_dir: str | Path, name: str, source: Source = DEFAULT_SOURCE) -> Path | None:
    """The file holding table ``name`` in ``data_dir``, or None.

    ``source.file`` when set; else ``<name>.parquet``, ``<name>.csv`` or ``<name>.xlsx``.
    """
    names = [source.file] if source.file else [f"{name}{s}" for s in (".parquet", ".csv", ".xlsx")]
    for file_name in names:
        candidate = Path(data_dir) / file_name
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
    tickets: pd.DataFrame | None = None
    surveys: pd.DataFrame | None = None

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
            factor = row_rates(frame, rates, name)
            target = pd.Series(currency, index=frame.index, dtype=frame["currency"].dtype)
            converted = {c: frame[c] * factor for c in money if c in frame.columns}  # delivered
            out[name] = frame.assign(**converted, currency=target)
        return replace(self, **out)


def row_rates(frame: pd.DataFrame, rates: Mapping[str, float], table: str) -> np.ndarray:
    """The budget rate of each row's ``currency`` (NaN for a row without one).

    Args:
        frame: Rows with a ``currency`` column.
        rates: Value of one unit of each currency in the target currency.
        table: The table's name, for the error.

    Raises:
        DataError: if a row's currency has no rate.
    """
    codes, currencies = pd.factorize(frame["currency"])  # a missing currency: -1
    unknown = sorted(set(currencies) - set(rates))
    if unknown:
        raise DataError(
            f"{table}: currencies {unknown} have no rate in params/defaults.yaml fx_rates",
            hint="add a budget rate for each",
        )
    # each row's rate, NaN for a missing currency (code -1 takes the last entry)
    return np.array([*(rates[c] for c in currencies), np.nan], dtype="float64")[codes]


@dataclass(frozen=True)
class TableSummary:
    """Row counts of one input table: input rows = accepted + quarantined."""

    table: str
    file: str
    input_rows: int
    accepted: int
    quarantined: int
    ignored_columns: tuple[str, ...] = ()
    not_delivered: tuple[str, ...] = ()

    def columns_note(self) -> str | None:
        """The file's columns the run does not use and the optional ones it lacks, for a log."""
        parts = []
        if self.ignored_columns:
            parts.append(f"columns not used: {', '.join(self.ignored_columns)}")
        if self.not_delivered:
            parts.append(
                f"not delivered: {', '.join(self.not_delivered)} "
                "(the figures that need them are left out)"
            )
        return f"{self.file}: {'; '.join(parts)}" if parts else None


@dataclass(frozen=True)
class Intake:
    """What was read: the accepted tables, the rejected rows, and the counts."""

    tables: Tables
    summary: tuple[TableSummary, ...]
    rejects: dict[str, pd.DataFrame]

    def to_dict(self) -> dict[str, object]:
        """The counts as plain data (for ``intake.json``)."""
        return {"tables": [asdict(s) for s in self.summary]}

    def reasons(self, table: str) -> list[str]:
        """Why rows of ``table`` were quarantined, most rows first, in words for a log.

        ``"quantity: not whole numbers (2 rows, first on line 5)"``; a row rejected for two
        reasons counts under each.
        """
        rejects = self.rejects.get(table)
        if rejects is None or rejects.empty:
            return []
        each = pd.DataFrame(
            {"reason": rejects["reason"].astype(str).str.split("; "), "line": rejects["line"]}
        ).explode("reason")
        found = each.groupby("reason")["line"].agg(["size", "min"])
        found = found.reset_index().sort_values(["size", "reason"], ascending=[False, True])
        return [
            f"{reason} ({rows} row{'s' * (rows != 1)}, first on line {line})"
            for reason, rows, line in found.itertuples(index=False)
        ]


def load_tables(data_dir: str | Path, params: Params | None = None) -> Intake:
    """Read every table present in ``data_dir``, as ``params/sources.yaml`` describes them.

    Raises:
        DataError: if the mandatory ``orders`` table is missing or a file cannot be used.
    """
    data_dir = Path(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    summary, rejects = [], {}
    for name, table in (params.tables if params else TABLES).items():
        source = params.source(name) if params else DEFAULT_SOURCE
        path = table_path(data_dir, name, source)
        if path is None:
            if table.required:
                raise DataError(
                    f"{data_dir}: no {source.file or name + '.csv'} (or .parquet, .xlsx)",
                    hint="run `reportlib sample-data --out data/sample` for an example",
                )
            continue
        read = read_table(path, table, source, params.root if params else None)
        frames[name] = read.frame
        rejects[name] = read.rejects
        summary.append(
            TableSummary(
                name,
                path.name,
                read.input_rows,
                len(read.frame),
                len(read.rejects),
                read.ignored_columns,
                read.not_delivered,
            )
        )
    return Intake(Tables(**frames), tuple(summary), rejects)
