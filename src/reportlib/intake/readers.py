"""Reading export files as text: CSV in the encodings and dialects analysts receive, and Excel.

Every reader returns a frame of strings (one column per header, index = file line - 2, so the
first data row is 0 and ``index + 2`` is the line a message names, after blank lines and values
spanning lines too; a worksheet row - 2 for Excel) so that typing, mapping and rejecting rows
happen in one place (``reportlib.intake.data``). Problems with the file as a whole (encoding,
separator, title rows above the header, duplicate headers, ragged rows, unclosed quotes) raise
:class:`~reportlib.errors.DataError` with the line and a hint.

Spreadsheet artefacts are read as the sheet meant them: columns with neither a header nor a
value are dropped, lines of nothing but separators are skipped like blank lines, and
``header_row`` reads the header from a line below title rows (the lines above are ignored, data
rows keep their file line numbers).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from reportlib.errors import DataError

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
SEPARATORS = (",", ";", "\t", "|")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
log = logging.getLogger(__name__)

FOOTER_LINES = 2
"""Trailing lines of one field each that make a report footer (one alone is a cut-off line)."""
FIRST_DATA_LINE = 2
"""The file line of the first data row under a header on line 1 (index + this = file line)."""
SHORT_ROW = "\x00short-row\x00"
"""Marks the cells of a row that had fewer fields than the header (a truncated line)."""
TEXT = pd.StringDtype("pyarrow")
"""The dtype of every cell read: text in Arrow, NA for none, whatever pandas'
``mode.string_storage``. Text held as Python objects is compared through NumPy, which drops a
trailing NUL: :data:`SHORT_ROW` would match nothing."""
TITLE_LINES = 31
"""Title rows are looked for in this many lines (worksheet rows) at the top of a file."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF16_SAMPLE = 4096
_UTF16_HINT = (
    "set encoding: utf-16 for this source in params/sources.yaml, "
    "or export the file again as CSV UTF-8"
)
_SOURCES = "for this source in params/sources.yaml"


# --- encodings -------------------------------------------------------------------------------


def _decode(data: bytes, encoding: str, path: Path) -> tuple[str, str]:
    """Decode the whole of ``data`` one way; the text and the name of the codec used.

    Args:
        data: The file's bytes.
        encoding: ``auto`` or a codec of :data:`ENCODINGS`. ``auto`` reads UTF-16 with a
            byte-order mark, UTF-8 (with or without a mark, decoded once), else Windows-1252.
        path: The file (for messages).

    Raises:
        DataError: a byte the encoding cannot hold (naming its line and value); in ``auto``, a
            file that is UTF-8 but for some bytes (a line another program added); a file that
            looks like UTF-16 read as an 8-bit encoding.
    """
    if encoding == "utf-16" or (encoding == "auto" and data.startswith(_UTF16_BOMS)):
        return _decode_utf16(data, path)
    if data.startswith(_UTF16_BOMS):
        raise DataError(
            f"{path}: the file starts with a UTF-16 byte-order mark, but encoding is {encoding}",
            hint=_UTF16_HINT,
        )
    if _utf16_order(data):
        raise DataError(
            f"{path}: the file looks like UTF-16 without a byte-order mark (every other byte is 0)",
            hint=_UTF16_HINT,
        )
    if encoding == "auto":
        return _decode_auto(data, path)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        shift = len(_UTF8_BOM) if encoding == "utf-8-sig" and data.startswith(_UTF8_BOM) else 0
        raise _undecodable(path, data, exc.start + shift, encoding) from None


def _decode_auto(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-8 (``utf-8-sig`` with a mark), else Windows-1252 when no byte is UTF-8 beyond ASCII."""
    marked = data.startswith(_UTF8_BOM)
    try:
        return (data.decode("utf-8-sig"), "utf-8-sig") if marked else (data.decode(), "utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + (len(_UTF8_BOM) if marked else 0)
    escaped = data.decode("utf-8", errors="surrogateescape")  # a bad byte -> U+DC80..U+DCFF
    if re.search("[^\x00-\x7f\udc80-\udcff]", escaped):  # a character UTF-8 spelt in bytes
        lines = _escaped_lines(escaped)
        others = _more_lines(lines[1:])
        raise DataError(
            f"{path}: line {lines[0]}: byte 0x{data[start]:02x} is not valid utf-8, "
            "but the rest of the file is UTF-8",
            hint=f"export the file again as UTF-8, or correct line {lines[0]}{others} "
            "(probably added by a program writing Windows-1252)",
        )
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc.start, "cp1252") from None


def _decode_utf16(data: bytes, path: Path) -> tuple[str, str]:
    """UTF-16 by its byte-order mark, else in the byte order its zero bytes show."""
    name = "utf-16" if data.startswith(_UTF16_BOMS) else _utf16_order(data)
    if name is None:
        raise DataError(
            f"{path}: encoding is utf-16, but the file has no UTF-16 byte-order mark and no "
            "zero bytes (ASCII text in UTF-16 has one in every other place)",
            hint="set encoding: auto for this source (it reads UTF-8 and Windows-1252)",
        )
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        line = _line_at(data[: exc.start].decode(name, errors="replace"), None)
        raise DataError(
            f"{path}: line {line}: byte 0x{data[exc.start]:02x} at offset {exc.start} is not "
            f"valid UTF-16 ({exc.reason})",
            hint="export the file again (CSV UTF-8, or Unicode Text from Excel)",
        ) from None


def _utf16_order(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the first bytes have a zero in every other place, else None."""
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd * 4 >= pairs and odd > 4 * even:
        return "utf-16-le"  # ASCII text in UTF-16 LE: "a\0b\0"
    if even * 4 >= pairs and even > 4 * odd:
        return "utf-16-be"
    return None


def _undecodable(path: Path, data: bytes, start: int, name: str) -> DataError:
    hint = (
        "the file is probably Windows-1252 or Latin-1: set encoding: cp1252 for this source"
        if name.startswith("utf-8")
        else "set the encoding this file was exported in (utf-8, cp1252, latin-1)"
    )
    line = _line_of(data, start)
    return DataError(
        f"{path}: line {line}: byte 0x{data[start]:02x} is not valid {name}", hint=hint
    )


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of ``data[offset]``; lines end with LF, CRLF or a lone CR (old Mac)."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _line_at(text: str, offset: int | None) -> int:
    """The 1-based line of ``text[offset]`` (of the end of ``text`` when None), as _line_of."""
    before = text if offset is None else text[:offset]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _escaped_lines(escaped: str, most: int = 6) -> list[int]:
    """The first ``most`` lines holding a byte that ``surrogateescape`` kept (an invalid byte)."""
    lines: list[int] = []
    line, last = 1, 0
    for match in re.finditer("[\udc80-\udcff]", escaped):
        line += _line_at(escaped[last : match.start()], None) - 1  # no CRLF spans a bad byte
        last = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
            if len(lines) == most:
                break
    return lines


def _more_lines(lines: Sequence[int]) -> str:
    """`` (and line 9)``, `` (and lines 9, 12)``, or ``""``."""
    if not lines:
        return ""
    shown = ", ".join(map(str, lines[:4])) + (" and more" if len(lines) > 4 else "")
    return f" (and line{'s' if len(lines) > 1 else ''} {shown})"


# --- headers, title rows, unnamed columns ----------------------------------------------------


def detect_separator(header: str) -> str:
    """The candidate separator that occurs most often in the header line (``,`` on a tie)."""
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _check_header(path: Path, header: list[str], separator: str) -> list[str]:
    """The header's names, blanks around them removed; ``""`` for a column without a name.

    Raises:
        DataError: no name at all, a name twice, a single name holding another separator.
    """
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
        if name:
            seen[name] = position
    named = [name for name in names if name]
    if len(named) == 1 and any(sep in named[0] for sep in SEPARATORS if sep != separator):
        raise DataError(
            f"{path}: the header has a single column {named[0][:60]!r}",
            hint=f"the separator is not {separator!r}; set separator for this source",
        )
    return names


def header_below_titles(lines: Sequence[Sequence[str]]) -> int | None:
    """The line of a header that title rows push down from the top of a file, or None.

    A header there has two or more fields, all filled, distinct and not numbers (a number has
    a digit and no letter: amounts, dates). It counts when every line above it is title-like
    (at most one filled field, or at most a third of the header's width: "Sales report
    October 2026", a blank line, "Exported 2026-11-02 by ...") and most lines below it are as
    wide as it, as data lines are. A file whose first line is its header never qualifies, nor
    does a file with one column.

    Args:
        lines: The fields of the first lines (or worksheet rows) of a file, from line 1;
            :data:`TITLE_LINES` of them are enough.

    Returns:
        The 1-based line of the header, or None when line 1 may well be the header.
    """
    rows = [_trimmed(line) for line in lines]
    for k in range(1, len(rows)):
        head = rows[k]
        width = len(head)
        if width < 2 or not all(head) or len(set(head)) < width or any(map(_numeric, head)):
            continue
        limit = max(1, width // 3)
        if any(sum(map(bool, line)) > limit for line in rows[:k]):
            return None  # a line above is as full as a header: so is every later candidate's
        below = [len(line) for line in rows[k + 1 :] if line]
        if 2 * sum(width // 2 < n <= width for n in below) >= len(below):
            return k + 1
    return None


def _trimmed(fields: Sequence[str]) -> list[str]:
    """The fields stripped of blanks, without the empty ones at the end."""
    out = [field.strip() for field in fields]
    while out and not out[-1]:
        out.pop()
    return out


def _numeric(value: str) -> bool:
    return any(c.isdigit() for c in value) and not any(c.isalpha() for c in value)


def _titles_error(path: Path, first: Sequence[str], header: int, unit: str) -> DataError:
    shown = " ".join(field.strip() for field in first if field.strip())
    what = f"holds {shown[:60]!r}, not column names" if shown else "is empty"
    return DataError(
        f"{path}: {unit} 1 {what}: title rows seem to come above the header",
        hint=f"the header seems to be on {unit} {header}: set header_row: {header} {_SOURCES}",
    )


def _without_unnamed(
    path: Path, frame: pd.DataFrame, names: list[str], unit: str = "line"
) -> pd.DataFrame:
    """``frame`` (columns by position) named ``names``, without columns lacking name and values.

    Raises:
        DataError: a column without a name holds a value (naming its 1-based position, and the
            line or worksheet row of its first value).
    """
    keep = []
    for position, name in enumerate(names):
        if name:
            keep.append(position)
            continue
        column = frame.iloc[:, position]
        filled = ((column.str.strip() != "") & (column != SHORT_ROW)).fillna(False).to_numpy()
        if filled.any():
            row = int(np.argmax(filled))
            where = f"{position + 1}"
            if unit == "row":
                from openpyxl.utils import get_column_letter

                where += f" ({get_column_letter(position + 1)})"
            raise DataError(
                f"{path}: column {where} has no header but holds values "
                f"({unit} {frame.index[row] + 2}: {column.iloc[row]!r})",
                hint="give the column a header in the file, or delete the column",
            )
    kept = frame.iloc[:, keep] if len(keep) < len(names) else frame
    return kept.set_axis([names[position] for position in keep], axis=1)


# --- delimited text --------------------------------------------------------------------------


def read_csv_text(
    path: str | Path,
    *,
    encoding: str = "auto",
    separator: str = "auto",
    header_row: int | None = None,
) -> pd.DataFrame:
    r"""Read a delimited text file into strings.

    Args:
        path: The file.
        encoding: ``auto`` (UTF-16 with a byte-order mark, UTF-8 with or without one, else
            Windows-1252) or a codec name (``utf-16`` also reads UTF-16 without a mark).
        separator: ``auto`` (from the header line) or one of ``, ; \\t |``.
        header_row: The 1-based line holding the header when title rows come above it (those
            lines are ignored); None for line 1.

    Returns:
        All-string frame; empty fields are ``""``; the missing cells of a row that had fewer
        fields than the header hold :data:`SHORT_ROW`. The index is the row's file line - 2
        (the first data row under a header on line 1 is 0), so line numbers stay true after
        title rows, blank lines, lines of separators only and values that span lines.
        Columns without a header and without values are left out.

    Raises:
        DataError: empty file, undecodable or mixed encodings, title rows above the header
            (with the ``header_row`` to set), a header_row past the end, duplicate headers, a
            column without a header that holds values, a row with too many fields, a quote
            that is never closed.
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
    if header_row is None:
        _check_titles(path, body, separator)
        above = 0
    else:
        body, above = _from_line(path, body, header_row), header_row - 1
    first = re.match(r"[^\r\n]*", body).group()  # type: ignore[union-attr]
    sep = detect_separator(first) if separator == "auto" else separator
    plain = _read_plain(path, body, sep, data if body is text and name == "utf-8" else None)
    frame = _read_general(path, body, sep, above) if plain is None else plain
    if above and plain is not None:
        frame.index = frame.index + above
    return frame


def _check_titles(path: Path, body: str, separator: str) -> None:
    """Raise when title rows come above the header (see :func:`header_below_titles`).

    With ``separator: auto`` the lines are split by the separator of line 1 when it splits
    line 1 into two or more values (a header, or a title of several cells), else by the one
    the lines below use most (a title such as "Sales report October 2026" shows none).
    """
    head = _first_lines(body, TITLE_LINES)
    if len(head) < 2:
        return
    sep = separator
    if separator == "auto":
        sep = detect_separator(head[0])
        if sum(bool(field.strip()) for field in _split(head[0], sep)) < 2:
            sep = detect_separator("\n".join(head[1:]))
    lines = [_split(line, sep) for line in head]
    found = header_below_titles(lines)
    if found is not None:
        raise _titles_error(path, lines[0], found, "line")


def _first_lines(body: str, count: int, chars: int = 65536) -> list[str]:
    """The first ``count`` physical lines of ``body`` (the whole ones of its first ``chars``)."""
    sample = body[:chars]
    if len(body) > chars:
        sample = sample[: max(sample.rfind("\n"), sample.rfind("\r")) + 1]
    lines = []
    for line in io.StringIO(sample, newline=""):
        lines.append(line.rstrip("\r\n"))
        if len(lines) == count:
            break
    return lines


def _split(line: str, sep: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=sep), [])
    except csv.Error:
        return line.split(sep)


def _from_line(path: Path, body: str, header_row: int) -> str:
    """``body`` from the start of line ``header_row`` (1-based; LF, CRLF, lone CR).

    Raises:
        DataError: the file has no such line, or the line is blank.
    """
    start, count = 0, 0
    if header_row > 1:
        for count, match in enumerate(re.finditer(r"\r\n?|\n", body), start=1):
            if count == header_row - 1:
                start = match.end()
                break
        else:
            start = len(body)
    rest = body[start:]
    if not rest:
        lines = count + (0 if body.endswith(("\n", "\r")) else 1)
        raise DataError(
            f"{path}: header_row is {header_row} but the file has {lines} lines",
            hint="set header_row to the line of the column names (the first line is 1)",
        )
    if not re.match(r"[^\r\n]*", rest).group().strip():  # type: ignore[union-attr]
        raise DataError(
            f"{path}: line {header_row}, the header_row, is empty",
            hint="set header_row to the line of the column names (the first line is 1)",
        )
    return rest


_RAGGED_HINT = "a value holds the separator without quotes, or the separator is wrong"
_QUOTE_HINT = 'a quote (") opened on this line is probably never closed'


def _read_plain(path: Path, body: str, sep: str, utf8: bytes | None) -> pd.DataFrame | None:
    """The frame of a file that every CSV reader reads alike, read fast; None for any other file.

    Such a file has no quote, no NUL, no line ending but LF or CRLF, no empty line, at least two
    columns, a name for every column, the same number of fields on every line, no line whose
    first field is blank (as a line of separators only is) and no field longer than the
    ``csv`` module's limit: each line is one record, the first data row is line 2, and
    pyarrow's multi-threaded reader gives exactly the strings of the general path (``csv``
    scan + pandas), in a fraction of its time. pyarrow refuses a line with another number of
    fields; the general path then reads the file and names the line at fault.

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
    if len(header) < 2 or not all(header):  # one column: a line of blanks is a record to
        return None  # pyarrow, not to pandas; a column without a name may have to go
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
    if table.num_rows and pc.any(pc.equal(pc.utf8_trim_whitespace(table.column(0)), "")).as_py():
        return None  # perhaps a line of separators only, which the general path skips
    for column in table.columns:
        longest = pc.max(pc.utf8_length(column)).as_py()
        if longest is not None and longest > limit:
            return None
    frame = pd.DataFrame(
        {name: pd.array(table.column(i), dtype=TEXT) for i, name in enumerate(header)}
    )
    frame.index = pd.Index(np.arange(table.num_rows, dtype=np.int64))
    return frame


def _read_general(path: Path, body: str, sep: str, above: int) -> pd.DataFrame:
    """Any text file: the ``csv`` module's records, read into columns by pandas.

    Args:
        path: The file (for messages).
        body: Its text from the header line on.
        sep: The separator.
        above: The number of lines above the header (title rows) that ``body`` leaves out.
    """
    scan = _scan(path, body, sep, above)
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=sep,
            dtype=TEXT,
            keep_default_na=False,
            na_values=[],
            index_col=False,
            usecols=range(len(scan.header)) if scan.wide else None,  # drops empty fields
            engine="c",
        )
    except pd.errors.ParserError as exc:
        if "EOF inside string" in str(exc):
            line = scan.lines[-1] if scan.lines else above + 1
            raise DataError(
                f"{path}: line {line}: a quoted value is not closed before the end of the file",
                hint='close the quote; a quote inside a quoted value is written twice ("")',
            ) from None
        raise DataError(f"{path}: {exc}".strip(), hint=_RAGGED_HINT) from None
    records = len(scan.lines) + len(scan.skipped)
    if frame.shape != (records, len(scan.header)):  # pandas and csv disagree
        raise DataError(
            f"{path}: the quoting of this file is ambiguous: {records} rows of "
            f"{len(scan.header)} fields by one reading, {frame.shape[0]} rows of "
            f"{frame.shape[1]} fields by another",
            hint='quote values that hold quotes, separators or line breaks ("a ""b"", c")',
        )
    for row, width in scan.short:
        frame.iloc[row, width:] = SHORT_ROW
    if scan.skipped:
        frame = frame.drop(index=frame.index[list(scan.skipped)])
    frame.index = pd.Index(np.asarray(scan.lines, dtype=np.int64) - 2)
    return _without_unnamed(path, _without_footer(path, frame), scan.header)


def _without_footer(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without a report footer: its last rows, when two or more hold one field each.

    CRM and ERP report exports end with lines such as ``"Grand Totals (5700 records)"``,
    ``"Confidential Information - Do Not Distribute"`` and ``"Copyright (c) 2000-2026
    salesforce.com, inc. All rights reserved."`` (Salesforce). They are not rows; they are left
    out and logged. A single short last line is a file cut off, and stays to be quarantined.
    """
    if frame.shape[1] < 2 or len(frame) <= FOOTER_LINES:
        return frame
    single = (frame.iloc[:, 1:] == SHORT_ROW).all(axis=1).to_numpy(dtype=bool)
    trailing = len(single) - (np.flatnonzero(~single)[-1] + 1) if (~single).any() else 0
    if trailing < FOOTER_LINES:
        return frame
    footer = frame.iloc[-trailing:, 0]
    lines = footer.index + FIRST_DATA_LINE
    text = next((str(v).strip() for v in footer if str(v).strip()), "")
    log.info(
        "%s: lines %d-%d after the data are a report footer (%r), not rows: left out",
        path,
        lines[0],
        lines[-1],
        text[:60],
    )
    return frame.iloc[:-trailing]


@dataclass(frozen=True)
class _Scan:
    """The records of a text file as the ``csv`` module sees them.

    Attributes:
        header: Column names (blanks around them removed; ``""`` for a column without one).
        lines: File line on which each data record starts.
        short: (record, fields) of records with fewer fields than the header; ``record``
            counts the skipped ones too, as pandas does.
        skipped: Records of separators only (counted as ``short`` counts them).
        wide: Whether a record has more fields than the header (the extra ones all blank).
    """

    header: list[str]
    lines: array[int]
    short: list[tuple[int, int]]
    skipped: array[int]
    wide: bool


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


def _scan(path: Path, body: str, sep: str, above: int = 0) -> _Scan:
    """Header, start line and width of every record; a record with too many fields is an error.

    Lines the pandas reader skips are skipped here too: empty lines, and lines of nothing but
    blanks and tabs (unless the tab is the separator). Lines of nothing but separators and
    blanks (``,,,,`` from a spreadsheet) are records to pandas, marked to be dropped. Fields
    past the header's that are all blank are ignored (a spreadsheet's empty columns).
    ``above`` lines precede ``body`` in the file.
    """
    source = _Lines(body)
    reader = csv.reader(source, delimiter=sep)
    blanks = " \t".replace(sep, "")
    header: list[str] | None = None
    lines = array("q")
    skipped = array("q")
    short: list[tuple[int, int]] = []
    wide = False
    while True:
        start = reader.line_num + 1 + above
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(f"{path}: line {start}: {exc}", hint=_QUOTE_HINT) from None
        if header is None:
            header = _check_header(path, fields, sep)
            continue
        single = reader.line_num + above == start
        if not fields or (
            len(fields) == 1
            and single
            and not source.last.strip(blanks + "\r\n")
            and source.last.strip("\r\n")
        ):
            continue  # a blank line, or one of blanks only
        record = len(lines) + len(skipped)
        wide = wide or len(fields) > len(header)
        if len(fields) > 1 and single and not source.last.strip(sep + " \t\r\n"):
            skipped.append(record)  # separators only
            continue
        if len(fields) > len(header) and any(f.strip() for f in fields[len(header) :]):
            raise DataError(
                f"{path}: line {start} has {len(fields)} fields but the header has {len(header)}",
                hint=_RAGGED_HINT,
            )
        if len(fields) < len(header):
            short.append((record, len(fields)))
        lines.append(start)
    if header is None:
        raise DataError(f"{path}: the header line is empty", hint="export it again with headers")
    return _Scan(header, lines, short, skipped, wide)


# --- Excel -----------------------------------------------------------------------------------


def read_excel_text(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    decimal: str = ".",
) -> pd.DataFrame:
    """Read one sheet of an Excel workbook into strings (dates as ``YYYY-MM-DD``).

    Args:
        path: The workbook (``.xlsx``, ``.xlsm``).
        sheet: Sheet name or 0-based number; None for the first.
        header_row: The 1-based worksheet row of the header when title rows come above it
            (the rows above are ignored); None for row 1.
        decimal: The decimal mark the source declares. A number cell holds a number, not
            text: it is written with this mark and no grouping, so that it reads back as the
            same number under the source's settings (text cells keep their text).

    Returns:
        All-string frame, one column per header; the index is the worksheet row - 2, like the
        file line - 2 of a text file. Empty rows and columns without a header and without
        values are left out.

    Raises:
        DataError: unreadable workbook, unknown sheet, empty sheet, title rows above the
            header, a header_row past the end, duplicate headers, a column without a header
            that holds values.
    """
    path = Path(path)
    rows = _sheet_rows(path, sheet, decimal)
    if not any(map(_trimmed, rows)):
        raise DataError(f"{path}: the sheet is empty", hint="export it again with a header row")
    if header_row is None:
        found = header_below_titles(rows[:TITLE_LINES])
        if found is not None:
            raise _titles_error(path, rows[0], found, "row")
        header_row = 1
    elif header_row <= len(rows) and not any(map(str.strip, rows[header_row - 1])):
        raise DataError(
            f"{path}: row {header_row}, the header_row, is empty",
            hint="set header_row to the row of the column names (the first row is 1)",
        )
    if header_row > len(rows):
        raise DataError(
            f"{path}: header_row is {header_row} but the sheet has {len(rows)} rows",
            hint="set header_row to the row of the column names (the first row is 1)",
        )
    names = _check_header(path, rows[header_row - 1], ",")
    data = [
        (number, row)
        for number, row in enumerate(rows[header_row:], start=header_row + 1)
        if any(cell.strip() for cell in row)
    ]
    width = max([len(names), *(len(row) for _, row in data)])
    names += [""] * (width - len(names))
    frame = pd.DataFrame(
        [row + [""] * (width - len(row)) for _, row in data],
        columns=range(width),
        index=pd.Index([number - 2 for number, _ in data], dtype=np.int64),
        dtype=TEXT,
    )
    return _without_unnamed(path, frame, names, unit="row")


def _sheet_rows(path: Path, sheet: str | int | None, decimal: str) -> list[list[str]]:
    """The cell texts of every row of the sheet from row 1 (list ``i`` is row ``i + 1``)."""
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:
        raise DataError(
            f"{path}: reading Excel files needs the openpyxl package",
            hint="install it (pip install openpyxl), or save the sheet as CSV",
        ) from None
    try:
        with path.open("rb") as handle:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
            try:
                worksheet = _worksheet(path, book, sheet)
                worksheet.reset_dimensions()  # the declared extent may be wrong
                return [
                    [_cell_text(value, decimal) for value in row]
                    for row in worksheet.iter_rows(min_row=1, min_col=1, values_only=True)
                ]
            finally:
                book.close()
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, InvalidFileException) as exc:
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise DataError(f"{path}: cannot be read as an Excel workbook: {reason}") from None


def _worksheet(path: Path, book: Workbook, sheet: str | int | None) -> ReadOnlyWorksheet:
    names = ", ".join(repr(name) for name in book.sheetnames)
    if isinstance(sheet, str):
        if sheet not in book.sheetnames:
            raise DataError(
                f"{path}: cannot be read as an Excel workbook: Worksheet named {sheet!r} not found",
                hint=f"the workbook's sheets are {names}: set sheet {_SOURCES}",
            )
        return book[sheet]
    number = sheet or 0
    if not 0 <= number < len(book.worksheets):
        raise DataError(
            f"{path}: the workbook has no sheet number {number} (the first is 0)",
            hint=f"the workbook's sheets are {names}: set sheet {_SOURCES}",
        )
    return book.worksheets[number]


def _cell_text(value: object, decimal: str = ".") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.isoformat()[:10]  # datetime.date / datetime.datetime
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value).replace(".", decimal)  # the shortest text that reads back exactly
    return str(value)


def read_text(
    path: str | Path,
    *,
    encoding: str = "auto",
    separator: str = "auto",
    sheet: str | int | None = None,
    header_row: int | None = None,
    decimal: str = ".",
) -> pd.DataFrame:
    """Read a CSV/TXT or Excel file into strings, by its suffix (see the two readers)."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_excel_text(path, sheet=sheet, header_row=header_row, decimal=decimal)
    return read_csv_text(path, encoding=encoding, separator=separator, header_row=header_row)
