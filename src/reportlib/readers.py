"""Reading export files as text: CSV in the encodings and dialects analysts receive, and Excel.

Every reader returns a frame of strings (one column per header, index = file line - 2, so the
first data row is 0 and ``index + 2`` is the line a message names, after blank lines and values
spanning lines too) so that typing, mapping and rejecting rows happen in one place
(``reportlib.data``). Problems with the file as a whole (encoding, separator, duplicate headers,
ragged rows, unclosed quotes) raise :class:`~reportlib.errors.DataError` with the line and a hint.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

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
    return _decode(data, encoding, path)[0]


def _decode(data: bytes, encoding: str, path: Path) -> tuple[str, str]:
    """:func:`decode`, and the name of the encoding used (``auto`` decodes UTF-8 only once)."""
    if encoding == "auto" and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    name = detect_encoding(data) if encoding == "auto" else encoding
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        byte = data[exc.start : exc.start + 1].hex()
        hint = (
            "the file is probably Windows-1252 or Latin-1: set encoding: cp1252 for this source"
            if name.startswith("utf-8")
            else "set the encoding this file was exported in (utf-8, cp1252, latin-1)"
        )
        raise DataError(
            f"{path}: line {line}: byte 0x{byte} is not valid {name}", hint=hint
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of ``data[offset]``; lines end with LF, CRLF or a lone CR (old Mac)."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


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
        fields than the header hold :data:`SHORT_ROW`. The index is the row's file line - 2
        (the first data row is 0), so line numbers stay true after blank lines and values
        that span lines.

    Raises:
        DataError: empty file, undecodable bytes, duplicate headers, a row with too many fields,
            a quote that is never closed.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    text, name = _decode(data, encoding, path)
    if not text or text.isspace():  # what ``not text.strip()`` says, without copying the text
        raise DataError(f"{path}: the file is empty", hint="export it again with a header row")
    body = text.lstrip("\ufeff")
    if re.match(r"[^\r\n]*\r(?!\n)", body):  # lines end with a lone CR (old Mac): pandas
        body = body.replace("\r\n", "\n").replace("\r", "\n")  # shifts some rows of those
    first = re.match(r"[^\r\n]*", body).group()  # type: ignore[union-attr]
    sep = detect_separator(first) if separator == "auto" else separator
    plain = _read_plain(path, body, sep, data if body is text and name == "utf-8" else None)
    if plain is not None:
        return plain
    scan = _scan(path, body, sep)
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
        if "EOF inside string" in str(exc):
            line = scan.lines[-1] if scan.lines else 1
            raise DataError(
                f"{path}: line {line}: a quoted value is not closed before the end of the file",
                hint='close the quote; a quote inside a quoted value is written twice ("")',
            ) from None
        raise DataError(f"{path}: {exc}".strip(), hint=_RAGGED_HINT) from None
    if frame.shape != (len(scan.lines), len(scan.header)):  # pandas and csv disagree
        raise DataError(
            f"{path}: the quoting of this file is ambiguous: {len(scan.lines)} rows of "
            f"{len(scan.header)} fields by one reading, {frame.shape[0]} rows of "
            f"{frame.shape[1]} fields by another",
            hint='quote values that hold quotes, separators or line breaks ("a ""b"", c")',
        )
    frame.columns = scan.header
    for row, width in scan.short:
        frame.iloc[row, width:] = SHORT_ROW
    frame.index = pd.Index(np.asarray(scan.lines, dtype=np.int64) - 2)
    return frame


_RAGGED_HINT = "a value holds the separator without quotes, or the separator is wrong"
_QUOTE_HINT = 'a quote (") opened on this line is probably never closed'


def _read_plain(path: Path, body: str, sep: str, utf8: bytes | None) -> pd.DataFrame | None:
    """The frame of a file that every CSV reader reads alike, read fast; None for any other file.

    Such a file has no quote, no NUL, no line ending but LF or CRLF, no empty line, at least two
    columns, the same number of fields on every line and no field longer than the ``csv``
    module's limit: each line is one record, the first data row is line 2, and pyarrow's
    multi-threaded reader gives exactly the strings of the general path (``csv`` scan +
    pandas), in a fraction of its time. pyarrow refuses a line with another number of fields;
    the general path then reads the file and names the line at fault.

    Args:
        path: The file (for messages).
        body: Its text.
        sep: The separator.
        utf8: ``body`` encoded as UTF-8 when the caller has it already, else None.
    """
    if '"' in body or "\x00" in body or ("\r" in body and body.count("\r") != body.count("\r\n")):
        return None
    data = body.encode("utf-8") if utf8 is None else utf8
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    fields = body.partition("\n")[0].removesuffix("\r").split(sep)
    limit = csv.field_size_limit()
    if max(map(len, fields)) > limit:  # the general path refuses a longer field
        return None
    header = _check_header(path, fields, sep)
    if len(header) < 2:  # one column: a line of blanks is a record to pyarrow, not to pandas
        return None
    names = [f"f{i}" for i in range(len(header))]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep,
                quote_char=False,
                double_quote=False,
                escape_char=False,
                newlines_in_values=False,
                ignore_empty_lines=True,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # a line with another number of fields
        return None
    if table.num_rows != lines - 1:  # empty lines were skipped: the general path numbers rows
        return None
    for column in table.columns:
        longest = pc.max(pc.utf8_length(column)).as_py()
        if longest is not None and longest > limit:
            return None
    frame = pd.DataFrame(
        {name: pd.array(table.column(i), dtype="string") for i, name in enumerate(header)}
    )
    frame.index = pd.Index(np.arange(table.num_rows, dtype=np.int64))
    return frame


@dataclass(frozen=True)
class _Scan:
    """The records of a text file as the ``csv`` module sees them.

    Attributes:
        header: Column names (blanks around them removed).
        lines: File line on which each data record starts.
        short: (record, fields) of records with fewer fields than the header.
    """

    header: list[str]
    lines: array[int]
    short: list[tuple[int, int]]


class _Lines:
    """The physical lines of ``text``, remembering the last one handed out."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.last = ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        self.last = next(self._lines)
        return self.last


def _scan(path: Path, body: str, sep: str) -> _Scan:
    """Header, start line and width of every record; a record with too many fields is an error.

    Lines the pandas reader skips are skipped here too: empty lines, and lines of nothing but
    blanks and tabs (unless the tab is the separator).
    """
    source = _Lines(body)
    reader = csv.reader(source, delimiter=sep)
    blanks = " \t".replace(sep, "")
    header: list[str] | None = None
    lines = array("q")
    short: list[tuple[int, int]] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(f"{path}: line {start}: {exc}", hint=_QUOTE_HINT) from None
        if header is None:
            header = _check_header(path, fields, sep)
            continue
        if not fields or (
            len(fields) == 1
            and reader.line_num == start
            and not source.last.strip(blanks + "\r\n")
            and source.last.strip("\r\n")
        ):
            continue  # a blank line, or one of blanks only
        if len(fields) > len(header):
            raise DataError(
                f"{path}: line {start} has {len(fields)} fields but the header has {len(header)}",
                hint=_RAGGED_HINT,
            )
        if len(fields) < len(header):
            short.append((len(lines), len(fields)))
        lines.append(start)
    if header is None:
        raise DataError(f"{path}: the header line is empty", hint="export it again with headers")
    return _Scan(header, lines, short)


def read_excel_text(path: str | Path, *, sheet: str | int | None = None) -> pd.DataFrame:
    """Read one sheet of an Excel workbook into strings (dates as ``YYYY-MM-DD``).

    The first row of the sheet is the header; the index is the worksheet row - 2, like the
    file line - 2 of a text file. Columns without a header and without values are dropped.

    Raises:
        DataError: unreadable workbook, unknown sheet, empty sheet, duplicate headers.
    """
    path = Path(path)
    try:
        frame = pd.read_excel(
            path, sheet_name=sheet or 0, header=None, dtype=object, engine="openpyxl"
        )
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except ImportError:
        raise DataError(
            f"{path}: reading Excel files needs the openpyxl package",
            hint="install it (pip install openpyxl), or save the sheet as CSV",
        ) from None
    except (ValueError, KeyError, OSError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: cannot be read as an Excel workbook: {exc}") from None
    if frame.empty:
        raise DataError(f"{path}: the sheet is empty", hint="export it again with a header row")
    text = frame.map(_cell_text)
    names = text.iloc[0].str.strip()
    keep = (names != "") | (text.iloc[1:] != "").any(axis=0)
    text, names = text.loc[:, keep], names[keep]
    header = _check_header(path, names.tolist(), ",")
    rows = text.iloc[1:].astype("string")
    rows.columns = header
    rows.index = pd.RangeIndex(len(rows))
    return rows


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
    header_row: int | None = None,
) -> pd.DataFrame:
    """Read a CSV/TXT or Excel file into strings, by its suffix."""
    del header_row  # not read yet: title rows above the header are a later change
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_excel_text(path, sheet=sheet)
    return read_csv_text(path, encoding=encoding, separator=separator)
