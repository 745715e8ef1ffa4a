"""A report's tables to take away: one CSV per table and one Excel workbook, linked from the page.

The path of a table, from the notebook to the files::

    present.table(frame, columns, ...)      displays the HTML table and, hidden, its record
        └─ table_record(...)                (:data:`TABLE_MIMETYPE`): caption, headers, typed rows
    run.execute.render_report               after the notebook ran:
        ├─ records(nb)                      the records, in page order
        ├─ with_links(nb, report_id, ...)   a "Download CSV" link after each table, and a
        │                                   "Download all tables (Excel)" line at the top
        └─ write_downloads(...)             <id>-tables/<NN>-<slug>.csv and <id>.xlsx

A record holds values as values: numbers as numbers (never the page's formatted text), dates
and months as ISO text (``2026-10-31``, ``2026-10``), a missing figure as null. Each column
says its kind (``money``, ``percent``, ``points``, ``number``, ``date``, ``month``, ``text``),
read from the formatter the notebook gave ``present.table`` (``fmt.money`` → money in the
formatter's currency); a column with any other formatter holds the text the page shows.

The CSV files are for Excel in the report's locale, as Excel itself saves "CSV" there: UTF-8
with a byte-order mark (without it Excel reads UTF-8 as ANSI and "São Paulo" comes out
mangled); fields separated by ``;`` and decimals written with ``,`` where the locale writes
decimals with a comma (pt_BR, es_ES, de_DE ...: Excel's list separator there is ``;``), by
``,`` and ``.`` elsewhere (en_US, es_MX); no thousands separators; dates ISO. Percentages are
written as the page shows them (87.3 for 87.3%, header "Attainment (%)"), changes in points
likewise ("Change (pp)"), amounts with their currency in the header ("Revenue (BRL)"). The
workbook is the typed copy: numbers as numbers with number formats, dates as dates.

Data never becomes code (OWASP "CSV injection"): a text cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written to CSV with a leading ``'``; in the workbook
it is a string cell (never a formula) with Excel's quote prefix, so that editing it keeps it text.

The words this module adds (the links, the workbook's contents sheet, the ``pp`` unit) are in
the report's language: each record holds the language its notebook wrote in (``language``), and
the run writes the links and files in it. Captions and headers come translated in the records.

Imports little (the notebook kernel imports this module through ``present``); openpyxl is
imported when a workbook is written.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import math
import numbers
import re
import shutil
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from reportlib import i18n
from reportlib.i18n import N_, _, ngettext, pgettext

TABLE_MIMETYPE = "application/vnd.reportlib.table+json"
"""The hidden output under which ``present.table`` displays the record of each table."""

TABLES_SUFFIX = "-tables"
"""A report's CSV files are in ``<report id>-tables/`` beside its page."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""A text cell starting with one of these would be read by a spreadsheet as a formula (OWASP;
the full-width forms too, which some spreadsheets fold into the ASCII ones)."""

SHEET_NAME_MAX = 31
"""Excel's longest sheet name."""
_SHEET_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_MAX = 32767
"""Excel's longest cell text."""

_NUMBER_KINDS = {"money", "signed_money", "number", "pct", "signed_pct", "points"}
_KIND = {
    "money": "money",
    "signed_money": "money",
    "number": "number",
    "pct": "percent",
    "signed_pct": "percent",
    "points": "points",
}
_DEFAULT_DIGITS = {"number": 0, "percent": 1, "points": 1}
_LINK_TEXT = N_("Download CSV")
_WORKBOOK_TEXT = N_("Download all tables (Excel)")
_MISSING_TEXT = "n/a"
"""``formatting.MISSING``, the text a Formatter gives a missing figure (not imported: this
module imports little)."""


# --- the record (built in the notebook's kernel) ----------------------------------------------


def table_record(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, Callable[[Any], str]]],
    *,
    caption: str,
    index_label: str,
) -> dict[str, Any]:
    """The record of a table as ``present.table`` shows it: caption, headers and typed rows.

    Args:
        frame: The rows; the index is the first column.
        columns: The columns shown, in order: name -> (header, formatter), as ``present.table``
            takes them (left-out columns already removed).
        caption: The table's caption.
        index_label: The header of the index column.

    Returns:
        A JSON-ready dict: ``caption``, ``columns`` (the index column first; each a ``header``,
        a ``kind`` and, for numbers, ``digits``, ``signed`` and ``currency``), ``rows`` (lists
        of values, the index value first), ``locale`` (of the formatters, or None) and
        ``language`` (``reportlib.i18n``'s active language: the downloads' own words are in it).
    """
    specs = [_column_spec(header, fmt) for header, fmt in columns.values()]
    index_values = [_plain(key) for key in frame.index]
    index_spec = {"header": index_label, "kind": _values_kind(index_values)}
    rows = []
    for position in range(len(frame)):
        row: list[Any] = [_typed_index(index_values[position], index_spec["kind"])]
        for name, spec, (_header, fmt) in zip(columns, specs, columns.values(), strict=True):
            row.append(_typed(frame[name].iloc[position], spec, fmt))
        rows.append(row)
    for spec, name in zip(specs, columns, strict=True):
        if spec["kind"] == "text":  # a column of dates shown with str: dates, not text
            values = [_plain(v) for v in frame[name]]
            kind = _values_kind(values)
            if kind in ("date", "month"):
                spec["kind"] = kind
    locale = next((s.pop("locale") for s in specs if "locale" in s), None)
    for spec in specs:
        spec.pop("locale", None)
    return {
        "caption": str(caption),
        "locale": locale,
        "language": i18n.language(),
        "columns": [index_spec, *specs],
        "rows": rows,
    }


def publish_table(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, Callable[[Any], str]]],
    *,
    caption: str,
    index_label: str,
) -> None:
    """Display the table's record (:func:`table_record`) as a hidden output for the run.

    ``present.table`` calls it for every table it shows; the report template hides outputs of
    :data:`TABLE_MIMETYPE`, as it hides the KPI record.
    """
    from IPython.display import display

    record = table_record(frame, columns, caption=caption, index_label=index_label)
    display({TABLE_MIMETYPE: record}, raw=True)


def _column_spec(header: str, fmt: Callable[[Any], str]) -> dict[str, Any]:
    """A column's header and kind, read from its formatter (``fmt.money`` → money)."""
    keywords: dict[str, Any] = {}
    func: Any = fmt
    while isinstance(func, partial):
        keywords = {**func.keywords, **keywords}
        func = func.func
    owner, name = getattr(func, "__self__", None), getattr(func, "__name__", "")
    currency, locale = getattr(owner, "currency", None), getattr(owner, "locale", None)
    if name not in _NUMBER_KINDS or not isinstance(currency, str) or not isinstance(locale, str):
        return {"header": str(header), "kind": "text"}
    kind = _KIND[name]
    digits = keywords.get("digits")
    if digits is None:
        digits = _currency_digits(currency) if kind == "money" else _DEFAULT_DIGITS[kind]
    spec: dict[str, Any] = {
        "header": str(header),
        "kind": kind,
        "digits": int(digits),
        "signed": name.startswith("signed") or (kind == "points" and keywords.get("signed", True)),
        "locale": locale,
    }
    if kind == "money":
        spec["currency"] = currency
    return spec


def _currency_digits(currency: str) -> int:
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


def _plain(value: Any) -> Any:
    """A value as plain Python: None for missing (None, NaN, NA, NaT), numpy scalars unwrapped."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp | pd.Period) and pd.isna(value):
        return None
    return value


def _values_kind(values: Sequence[Any]) -> str:
    """``month`` when every value is a month, ``date`` a date, ``number`` a number, else text."""
    present = [v for v in values if v is not None]
    if not present:
        return "text"
    if all(isinstance(v, pd.Period) and v.freqstr.startswith("M") for v in present):
        return "month"
    if all(isinstance(v, pd.Timestamp | dt.date) for v in present):
        return "date"
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in present):
        return "number"
    return "text"


def _typed_index(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "month":
        return str(value)
    if kind == "date":
        return _iso_date(value)
    if kind == "number":
        return value
    return str(value)


def _iso_date(value: Any) -> str:
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    return value.isoformat()


def _typed(value: Any, spec: Mapping[str, Any], fmt: Callable[[Any], str]) -> Any:
    """A cell's value as the record holds it (see :func:`table_record`)."""
    plain = _plain(value)
    if plain is None:
        return None
    if spec["kind"] in _DEFAULT_DIGITS or spec["kind"] == "money":
        if isinstance(plain, numbers.Real) and not isinstance(plain, bool):
            return plain
        return str(fmt(value))
    if isinstance(plain, pd.Period):
        return str(plain)
    if isinstance(plain, pd.Timestamp | dt.date):
        return _iso_date(plain)
    text = str(fmt(value))
    return pgettext("missing figure", "n/a") if text == _MISSING_TEXT else text


# --- the run's side: collect, link, write ------------------------------------------------------


def records(nb: Any) -> list[dict[str, Any]]:
    """The table records a notebook displayed (:data:`TABLE_MIMETYPE`), in page order."""
    return [
        dict(output["data"][TABLE_MIMETYPE])
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if TABLE_MIMETYPE in output.get("data", {})
    ]


def file_names(tables: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each table's CSV file name, ``<NN>-<slug>.csv``, NN from 01 in page order."""
    width = max(2, len(str(len(tables))))
    return [f"{i:0{width}d}-{slug(t['caption'])}.csv" for i, t in enumerate(tables, start=1)]


def slug(text: str, most: int = 40) -> str:
    """Lower-case ASCII words joined by ``-``, at most ``most`` characters: ``revenue-by-month``.

    ``"Região: São Paulo, 2026"`` gives ``regiao-sao-paulo-2026``; ``table`` when nothing is left.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > most:
            break
        out = candidate
    return out or (words[0][:most] if words else "table")


def with_links(nb: Any, report_id: str, tables: Sequence[Mapping[str, Any]]) -> Any:
    """A copy of ``nb`` with a "Download CSV" link under each table and the workbook's at the top.

    Each link goes right after its table's ``</table>``, in the first HTML output after the
    record (in the record's cell) whose table has the record's caption: a table folded into
    collapsible details keeps its link beside it. A table not found that way gets its link as an
    output of its own after the record. The workbook's line is a cell of its own before the
    first section's first markdown cell. Nothing changes when the notebook displayed no table.
    The links' words are in the records' language (:func:`records_language`).
    """
    if not tables:
        return nb
    with i18n.use(records_language(tables)):
        return _with_links(nb, report_id, tables)


def records_language(tables: Sequence[Mapping[str, Any]]) -> str:
    """The language the notebook wrote its tables in (the first record's ``language``).

    Records written before they held one, or of a language not shipped, give the language
    ``reportlib.i18n`` has active.
    """
    found = next((t.get("language") for t in tables if t.get("language")), None)
    return found if found in i18n.available() else i18n.language()


def _with_links(nb: Any, report_id: str, tables: Sequence[Mapping[str, Any]]) -> Any:
    """:func:`with_links` of a notebook with tables, in the active language."""
    nb = copy.deepcopy(nb)
    names = file_names(tables)
    count = 0
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        records = [i for i, o in enumerate(outputs) if TABLE_MIMETYPE in o.get("data", {})]
        cursor: dict[int, int] = {}  # where the next search in each output starts
        orphans = []
        for i in records:
            caption = tables[count]["caption"]
            href = f"{quote(report_id)}{TABLES_SUFFIX}/{quote(names[count])}"
            link = str(
                Markup(
                    '<p class="table-download"><a href="{}" download>{}'
                    '<span class="visually-hidden">: {}</span></a></p>'
                ).format(href, _(_LINK_TEXT), caption)
            )
            if not _link_after_table(outputs, i, str(escape(caption)), link, cursor):
                orphans.append((i, link))
            count += 1
        for i, link in reversed(orphans):
            outputs.insert(i + 1, _html_output(link))
    link = Markup('<a href="{}" download>{}</a>').format(
        f"{quote(report_id)}.xlsx", _(_WORKBOOK_TEXT)
    )
    line_template = ngettext(
        "{link} · {count} table, one sheet",
        "{link} · {count} tables, one sheet per table",
        len(tables),
    )
    text = Markup(escape(line_template)).format(link=link, count=_count(len(tables), tables))
    line = Markup('<p class="report-downloads">{}</p>').format(text)
    top = _first_section_position(nb)
    cell = _new_output_cell(_html_output(str(line)))
    nb.cells.insert(top, cell)
    return nb


def _count(n: int, tables: Sequence[Mapping[str, Any]]) -> str:
    """``n`` written in the records' locale (Babel)."""
    from babel.numbers import format_decimal

    locale = next((t.get("locale") for t in tables if t.get("locale")), None) or "en_US"
    return format_decimal(n, locale=locale)


def _link_after_table(
    outputs: list[Any], record: int, caption: str, link: str, cursor: dict[int, int]
) -> bool:
    """Insert ``link`` after the table captioned ``caption`` in an HTML output after ``record``.

    Returns:
        Whether the table was found (``cursor`` then moves past it, so that two tables with the
        same caption each get their own link).
    """
    marker = f"<caption>{caption}</caption>"
    for j in range(record + 1, len(outputs)):
        data = outputs[j].get("data", {})
        html = data.get("text/html")
        if html is None:
            continue
        html = "".join(html) if isinstance(html, list) else str(html)
        found = html.find(marker, cursor.get(j, 0))
        end = -1 if found < 0 else html.find("</table>", found)
        if end < 0:
            continue
        end += len("</table>")
        data["text/html"] = html[:end] + link + html[end:]
        cursor[j] = end + len(link)
        return True
    return False


def _html_output(html: str) -> Any:
    import nbformat

    return nbformat.v4.new_output("display_data", data={"text/html": html})


def _new_output_cell(output: Any) -> Any:
    import nbformat

    cell = nbformat.v4.new_code_cell("", metadata={"tags": ["reportlib-downloads"]})
    cell.outputs = [output]
    return cell


def _first_section_position(nb: Any) -> int:
    """Index of the first markdown cell (the first section's heading), or of the first cell."""
    return next((i for i, c in enumerate(nb.cells) if c.get("cell_type") == "markdown"), 0)


def report_files(folder: Path, report_id: str) -> list[Path]:
    """A report's download files in ``folder`` (the workbook, the CSV folder, the PDF)."""
    return [
        folder / f"{report_id}.xlsx",
        folder / f"{report_id}{TABLES_SUFFIX}",
        folder / f"{report_id}.pdf",
    ]


def write_downloads(
    tables: Sequence[Mapping[str, Any]], folder: Path, report_id: str, *, title: str
) -> list[Path]:
    """Write ``<report_id>-tables/<NN>-<slug>.csv`` and ``<report_id>.xlsx`` into ``folder``.

    Earlier files of the report in ``folder`` are removed first, so the folder holds exactly
    this run's tables (none when the report showed none).

    Args:
        tables: The report's table records, in page order (:func:`records`).
        folder: Where the report's page is written.
        report_id: The report (``all`` or a region id).
        title: The report's title, written in the workbook's contents sheet and properties.

    Returns:
        The files and folder written.
    """
    csv_dir = folder / f"{report_id}{TABLES_SUFFIX}"
    shutil.rmtree(csv_dir, ignore_errors=True)
    (folder / f"{report_id}.xlsx").unlink(missing_ok=True)
    if not tables:
        return []
    csv_dir.mkdir(parents=True)
    locale = next((t.get("locale") for t in tables if t.get("locale")), None) or "en_US"
    workbook = folder / f"{report_id}.xlsx"
    with i18n.use(records_language(tables)):  # the units and the contents sheet's words
        for name, table in zip(file_names(tables), tables, strict=True):
            write_csv(table, csv_dir / name, locale)
        write_workbook(tables, workbook, title=title)
    return [csv_dir, workbook]


# --- CSV ---------------------------------------------------------------------------------------


def csv_dialect(locale: str) -> tuple[str, str]:
    """The field separator and decimal sign Excel expects in ``locale``: ``(";", ",")`` in pt_BR.

    Excel opens a CSV with the system's list separator, which is ``;`` wherever the decimal
    sign is ``,`` (Babel's number symbols of the locale tell which).
    """
    from babel import Locale

    decimal = Locale.parse(locale).number_symbols.get("latn", {}).get("decimal", ".")
    return (";", ",") if decimal == "," else (",", ".")


def defuse(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_header(column: Mapping[str, Any]) -> str:
    """A column's CSV header: with its unit, ``Revenue (BRL)``, ``Attainment (%)``.

    Percentage points are ``pp`` in the active language (``p.p.`` in Portuguese and Spanish).
    """
    header = str(column["header"])
    points = pgettext("unit", "pp")
    unit = {"money": column.get("currency"), "percent": "%", "points": points}.get(column["kind"])
    return f"{header} ({unit})" if unit else header


def csv_value(value: Any, column: Mapping[str, Any], decimal: str) -> str:
    """One CSV field: numbers without grouping in the locale's decimal sign; text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        number = float(value) * 100 if column["kind"] in ("percent", "points") else value
        return _positional(number).replace(".", decimal)
    return defuse(str(value))


def _positional(value: float | int) -> str:
    """Shortest text of a number without exponent: ``1234567.5``, ``87.3``, ``5``."""
    if isinstance(value, int):
        return str(value)
    text = f"{value:.12g}"  # ×100 leaves float noise (87.30000000000001) below 12 digits
    if "e" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text


def write_csv(table: Mapping[str, Any], path: Path, locale: str) -> None:
    """Write one table record as CSV for Excel in ``locale`` (see the module's docstring)."""
    separator, decimal = csv_dialect(locale)
    columns = table["columns"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=separator, lineterminator="\r\n")
        writer.writerow([defuse(csv_header(c)) for c in columns])
        for row in table["rows"]:
            writer.writerow([csv_value(v, c, decimal) for v, c in zip(row, columns, strict=True)])


# --- Excel -------------------------------------------------------------------------------------


def sheet_names(tables: Sequence[Mapping[str, Any]]) -> list[str]:
    r"""One sheet name per table: ``01 Revenue, target and attain…``, ≤ 31 characters, unique.

    The number keeps the names unique and in page order; characters Excel forbids
    (``[]:*?/\``) become blanks.
    """
    names = []
    for i, table in enumerate(tables, start=1):
        words = " ".join(_SHEET_FORBIDDEN_RE.sub(" ", str(table["caption"])).split())
        name = f"{i:02d} {words}".strip().strip("'")
        if len(name) > SHEET_NAME_MAX:
            name = name[: SHEET_NAME_MAX - 1].rstrip() + "…"
        names.append(name)
    return names


def number_format(column: Mapping[str, Any]) -> str | None:
    """The Excel number format of a column: ``"R$"#,##0.00``, ``0.0%``, ``+0.0" pp"``.

    A negative figure carries U+2212, as on the page. None for text.
    """
    kind, digits = column["kind"], int(column.get("digits") or 0)
    fraction = "." + "0" * digits if digits else ""
    if kind == "month":
        return "yyyy-mm"
    if kind == "date":
        return "yyyy-mm-dd"
    if kind == "money":
        body = _money_pattern(column.get("currency") or "", column.get("locale"), fraction)
        return f'{body};"\u2212"{body}'
    if kind == "percent":
        body = f"0{fraction}%"
        positive = f'"+"{body}' if column.get("signed") else body
        return f'{positive};"\u2212"{body};{body}'
    if kind == "points":
        unit = pgettext("unit", "pp").replace('"', "")
        body = f'0{fraction}" {unit}"'
        positive = f'"+"{body}' if column.get("signed") else body
        return f'{positive};"\u2212"{body};{body}'
    if kind == "number":
        body = f"#,##0{fraction}"
        return f'{body};"\u2212"{body}'
    return None


def _money_pattern(currency: str, locale: str | None, fraction: str) -> str:
    """The locale's currency pattern in Excel's terms: ``"R$ "#,##0.00`` in pt_BR, ``"$"#,##0``.

    Babel gives the pattern (``¤ #,##0.00``) and the symbol (``R$``); Excel gets the symbol
    and any blank as a quoted literal.
    """
    from babel import Locale
    from babel.numbers import get_currency_symbol

    locale = locale or "en_US"
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    symbol = get_currency_symbol(currency, locale=locale) if currency else ""
    match = re.search(r"[#0][#0,.]*", pattern)
    prefix, suffix = (pattern[: match.start()], pattern[match.end() :]) if match else ("¤", "")

    def literal(text: str) -> str:
        text = text.replace("¤", symbol).replace('"', "")
        return f'"{text}"' if text else ""

    return f"{literal(prefix)}#,##0{fraction}{literal(suffix)}"


def excel_value(value: Any, column: Mapping[str, Any]) -> Any:
    """A cell's value in the workbook: points in points, dates as dates, the rest as is."""
    if value is None:
        return None
    kind = column["kind"]
    if kind == "points" and isinstance(value, numbers.Real):
        return float(f"{float(value) * 100:.12g}")  # 0.07 × 100 is 7.000000000000001
    if kind == "month" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.datetime(int(value[:4]), int(value[5:]), 1)
    if kind == "date" and isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str):
        return _ILLEGAL_XML_RE.sub("", value)[:_CELL_MAX]
    return value


def _set(cell: Any, value: Any, fmt: str | None) -> None:
    """Put ``value`` into ``cell``; a text is always a string, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes a str starting with "=" a formula otherwise
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel keeps it text when someone edits the cell
    elif fmt is not None and value is not None:
        cell.number_format = fmt


def write_workbook(tables: Sequence[Mapping[str, Any]], path: Path, *, title: str) -> None:
    """Write the tables as one workbook: a contents sheet, then one sheet per table.

    Each table's sheet: the caption in A1, the headers in row 2 (bold, frozen with the first
    column), typed cells with number formats, a filter on the header row, column widths
    from the longest entry (10 to 60 characters).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8ECF1")
    wb = Workbook()
    contents = wb.active
    contents.title = _("Contents")[:SHEET_NAME_MAX]
    _set(contents.cell(1, 1), _ILLEGAL_XML_RE.sub("", title), None)
    contents.cell(1, 1).font = Font(bold=True, size=13)
    for col, header in enumerate((_("Sheet"), pgettext("workbook", "Table")), start=1):
        _set(contents.cell(3, col), header, None)
        contents.cell(3, col).font = bold
    names = sheet_names(tables)
    for row, (name, table) in enumerate(zip(names, tables, strict=True), start=4):
        link = contents.cell(row, 1)
        _set(link, name, None)
        # an internal link: a location in the workbook, not a file to open
        link.hyperlink = Hyperlink(
            ref=link.coordinate, location="'{}'!A1".format(name.replace("'", "''"))
        )
        link.style = "Hyperlink"
        _set(contents.cell(row, 2), excel_value(str(table["caption"]), {"kind": "text"}), None)
    contents.column_dimensions["A"].width = 34
    contents.column_dimensions["B"].width = 100
    wb.properties.title = title
    wb.properties.creator = "reportlib"

    for name, table in zip(names, tables, strict=True):
        ws = wb.create_sheet(name)
        columns = [{**c, "locale": table.get("locale")} for c in table["columns"]]
        _set(ws.cell(1, 1), excel_value(str(table["caption"]), {"kind": "text"}), None)
        ws.cell(1, 1).font = Font(bold=True, size=12)
        formats = [number_format(c) for c in columns]
        widths = [len(str(c["header"])) for c in columns]
        for col, column in enumerate(columns, start=1):
            cell = ws.cell(2, col)
            _set(cell, excel_value(str(column["header"]), {"kind": "text"}), None)
            cell.font, cell.fill = bold, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        for r, row in enumerate(table["rows"], start=3):
            for col, (value, column, fmt) in enumerate(
                zip(row, columns, formats, strict=True), start=1
            ):
                shown = excel_value(value, column)
                _set(ws.cell(r, col), shown, fmt)
                widths[col - 1] = max(widths[col - 1], _width(shown, column))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 10), 60)
        ws.freeze_panes = "B3"
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A2:{last}{max(2, len(table['rows']) + 2)}"
    wb.save(path)


def _width(value: Any, column: Mapping[str, Any]) -> int:
    """About how many characters a cell shows."""
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dt.datetime):
        return 10
    if isinstance(value, numbers.Real):
        digits = int(column.get("digits") or 0)
        magnitude = len(f"{abs(float(value)):,.0f}")
        return magnitude + digits + 6  # sign, currency or unit, decimal sign
    return len(str(value))
