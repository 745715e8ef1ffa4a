"""Reading export files as text: CSV in the encodings and dialects analysts receive, and Excel.

Every reader returns a frame of strings (one column per header, index = 0-based data row) so
that typing, mapping and rejecting rows happen in one place (``reportlib.data``). Problems with
the file as a whole (encoding, separator, duplicate headers, ragged rows) raise
:class:`~reportlib.errors.DataError` with the line and a hint.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from reportlib.errors import DataError

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1")
SEPARATORS = (",", ";", "\t", "|")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SHORT_ROW = "\x00short-row\x00"
"""Marks the cells of a row that had fewer fields than the header (a truncated line)."""


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` with a byte-order mark, else ``utf-8`` if it decodes, else ``cp1252``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes, encoding: str, path: Path) -> str:
    """Decode ``data``; a byte the encoding cannot hold is an error naming its line."""
    name = detect_encoding(data) if encoding == "auto" else encoding
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        hint = (
            "the file is probably Windows-1252 or Latin-1: set encoding: cp1252 for this source"
            if name.startswith("utf-8")
            else "set the encoding this file was exported in (utf-8, cp1252, latin-1)"
        )
        raise DataError(
            f"{path}: line {line}: byte 0x{byte} is not valid {name}", hint=hint
        ) from None


def detect_separator(header: str) -> str:
    """The candidate separator that occurs most often in the header line (``,`` on a tie)."""
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _check_header(path: Path, header: list[str], separator: str) -> list[str]:
    names = [h.strip() for h in header]
    if not any(names):
        raise DataError(f"{path}: the header line is empty", hint="export it again with headers")
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in seen:
            raise DataError(
                f"{path}: column {name!r} appears twice in the header "
                f"(positions {seen[name]} and {position})",
                hint="rename or remove one of them",
            )
        seen[name] = position
    if len(names) == 1 and any(sep in names[0] for sep in SEPARATORS if sep != separator):
        raise DataError(
            f"{path}: the header has a single column {names[0][:60]!r}",
            hint=f"the separator is not {separator!r}; set separator for this source",
        )
    return names


def read_csv_text(
    path: str | Path, *, encoding: str = "auto", separator: str = "auto"
) -> pd.DataFrame:
    r"""Read a delimited text file into strings.

    Args:
        path: The file.
        encoding: ``auto`` (UTF-8 with or without BOM, else Windows-1252) or a codec name.
        separator: ``auto`` (from the header line) or one of ``, ; \\t |``.

    Returns:
        All-string frame; empty fields are ``""``; the missing cells of a row that had fewer
        fields than the header hold :data:`SHORT_ROW`.

    Raises:
        DataError: empty file, undecodable bytes, duplicate headers, a row with too many fields.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    text = decode(data, encoding, path)
    if not text.strip():
        raise DataError(f"{path}: the file is empty", hint="export it again with a header row")
    body = text.lstrip("\ufeff")
    first = body.splitlines()[0]
    sep = detect_separator(first) if separator == "auto" else separator
    header = _check_header(path, next(csv.reader([first], delimiter=sep)), sep)
    short = _short_rows(path, body, sep, len(header))
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=sep,
            dtype="string",
            keep_default_na=False,
            na_values=[],
            index_col=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise DataError(f"{path}: {exc}".strip(), hint=_RAGGED_HINT) from None
    frame.columns = header
    for row, width in short:
        frame.iloc[row, width:] = SHORT_ROW
    return frame


_RAGGED_HINT = "a value holds the separator without quotes, or the separator is wrong"


def _short_rows(path: Path, body: str, sep: str, width: int) -> list[tuple[int, int]]:
    """(data row, fields) of rows with fewer fields than the header; too many is an error."""
    short = []
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep)
    next(reader)
    row = 0
    for fields in reader:
        if not fields:
            continue  # a blank line: pandas skips it too
        if len(fields) > width:
            raise DataError(
                f"{path}: line {reader.line_num} has {len(fields)} fields "
                f"but the header has {width}",
                hint=_RAGGED_HINT,
            )
        if len(fields) < width:
            short.append((row, len(fields)))
        row += 1
    return short


def read_excel_text(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read one sheet of an Excel workbook into strings (dates as ``YYYY-MM-DD``).

    Raises:
        DataError: unreadable workbook, unknown sheet, duplicate headers.
    """
    path = Path(path)
    try:
        frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=object, engine="openpyxl")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except (ValueError, KeyError, OSError) as exc:
        raise DataError(f"{path}: cannot be read as an Excel workbook: {exc}") from None
    _check_header(path, [str(c) for c in frame.columns], ",")
    out = {}
    for column in frame.columns:
        values = frame[column]
        text = values.map(_cell_text)
        out[str(column).strip()] = text.astype("string")
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.isoformat()[:10]  # datetime.date / datetime.datetime
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_text(
    path: str | Path,
    *,
    encoding: str = "auto",
    separator: str = "auto",
    sheet: str | int | None = None,
) -> pd.DataFrame:
    """Read a CSV/TXT or Excel file into strings, by its suffix."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_excel_text(path, sheet=sheet)
    return read_csv_text(path, encoding=encoding, separator=separator)
