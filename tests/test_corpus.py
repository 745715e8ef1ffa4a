"""A corpus of malformed inputs, each with its exact outcome.

Every case starts from the small sample (1,000 order lines, seed 5) written as CSV, breaks one
thing, and pins down what happens: the row quarantined with its file line and reason, the
exception and its message and hint, the validation finding, or the CLI exit code.
``tests/test_data.py`` has the simpler single-file cases; these go through ``load_tables``,
``params/sources.yaml``, the data gate and the command line.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from reportlib import sample
from reportlib.cli import main
from reportlib.config import Params, load_params
from reportlib.errors import ConfigError, DataError
from reportlib.intake.data import Intake, load_tables
from reportlib.intake.validation import validate

ROOT = Path(__file__).resolve().parents[1]
PARAMS = load_params(ROOT / "params")
PERIOD = pd.Period("2026-10", freq="M")
TODAY = date(2026, 11, 27)
TRUNCATED = "the line has fewer fields than the header (truncated?)"
NOT_DATE = "order_date: not dates written YYYY-MM-DD"
NOT_PRICE = "list_price: not a number written 1234.56 (decimal '.', no thousands separator)"
AMOUNTS = (
    "amounts written 1234.56 (decimal '.', no thousands separator; a mark of the row's currency "
    "allowed)"
)
RAGGED_HINT = "a value holds the separator without quotes, or the separator is wrong"
MONEY = ("list_price", "discount_pct", "net_revenue", "cost")


# --- building the corpus from the sample -----------------------------------------------------


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    """The sample data set as CSV files (no value in it holds a quote or a comma)."""
    return sample.write_csv(sample.generate(orders=1000, seed=5), tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def reference(sample_dir) -> pd.DataFrame:
    """The sample's orders as read from the clean file."""
    return load_tables(sample_dir, PARAMS).tables.orders


@pytest.fixture
def lines(sample_dir) -> list[str]:
    """orders.csv as text lines; ``lines[n - 1]`` is file line n (the header is line 1)."""
    return (sample_dir / "orders.csv").read_text(encoding="utf-8").splitlines()


def header(lines: list[str]) -> list[str]:
    return lines[0].split(",")


def cell(lines: list[str], line: int, column: str) -> str:
    return lines[line - 1].split(",")[header(lines).index(column)]


def set_cell(lines: list[str], line: int, column: str, value: str) -> None:
    """Overwrite one cell of file line ``line`` (no cell of the sample holds a comma)."""
    cells = lines[line - 1].split(",")
    cells[header(lines).index(column)] = value
    lines[line - 1] = ",".join(cells)


def folder(
    tmp_path: Path,
    sample_dir: Path,
    lines: list[str] | None = None,
    *,
    also: tuple[str, ...] = (),
    text: str | None = None,
    data: bytes | None = None,
    name: str = "orders.csv",
) -> Path:
    """A data folder with ``orders`` (as lines, text or bytes) and the sample tables ``also``."""
    out = tmp_path / "data"
    out.mkdir(parents=True)
    for table in also:
        shutil.copy(sample_dir / f"{table}.csv", out)
    if data is None:
        text = text if text is not None else "\n".join(lines) + "\n"
        data = text.encode("utf-8")
    (out / name).write_bytes(data)
    return out


def params_with(tmp_path: Path, sources: str) -> Params:
    """The project's params plus a ``sources.yaml``."""
    target = tmp_path / "params"
    shutil.copytree(ROOT / "params", target)
    (target / "sources.yaml").write_text(sources, encoding="utf-8")
    return load_params(target)


def counts(intake: Intake, table: str = "orders") -> tuple[int, int, int]:
    """(input, accepted, quarantined), checking that they add up."""
    summary = next(s for s in intake.summary if s.table == table)
    assert summary.input_rows == summary.accepted + summary.quarantined
    return summary.input_rows, summary.accepted, summary.quarantined


def rejected(intake: Intake, table: str = "orders") -> list[tuple[int, str]]:
    """(file line, reason) of each quarantined row."""
    rejects = intake.rejects[table]
    return list(zip(rejects["line"].tolist(), rejects["reason"].tolist(), strict=True))


def findings(intake: Intake, period: pd.Period = PERIOD) -> list[str]:
    """Every validation finding, critical first, as one line each."""
    report = validate(intake.tables, PARAMS, period, today=TODAY)
    return [f"{f.severity}: {f.message()}" for f in report.findings]


def load_error(data_dir: Path, params: Params = PARAMS) -> DataError:
    with pytest.raises(DataError) as info:
        load_tables(data_dir, params)
    return info.value


# --- columns and headers ---------------------------------------------------------------------


def test_missing_column_stops_the_cli_with_exit_3(tmp_path, sample_dir, lines, capsys):
    cut = [",".join(line.split(",")[:-1]) for line in lines]  # no currency
    data_dir = folder(tmp_path, sample_dir, cut)
    code = main(["-q", "validate", "--data", str(data_dir), "--params", str(ROOT / "params")])
    err = capsys.readouterr().err
    assert code == 3
    assert "orders.csv: missing column(s) ['currency']; found ['order_id'," in err
    assert "hint: see docs/data-contract.md for the columns of orders" in err
    assert "Traceback" not in err


def test_unknown_extra_column_is_accepted_and_listed(tmp_path, sample_dir, lines, reference):
    wide = [lines[0] + ",notes", *(line + ",call back" for line in lines[1:])]
    intake = load_tables(folder(tmp_path, sample_dir, wide), PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    assert intake.summary[0].ignored_columns == ("notes",)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def test_duplicate_header_names(tmp_path, sample_dir, lines):
    lines[0] = lines[0].replace("vertical", "segment")
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    assert err.message == (
        f"{data_dir / 'orders.csv'}: column 'segment' appears twice in the header "
        "(positions 7 and 8)"
    )
    assert err.hint == "rename or remove one of them"


def test_empty_optional_file_is_an_error_not_an_absent_table(tmp_path, sample_dir, lines):
    data_dir = folder(tmp_path, sample_dir, lines)
    (data_dir / "reps.csv").write_bytes(b"")
    err = load_error(data_dir)
    assert err.message == f"{data_dir / 'reps.csv'}: the file is empty"
    assert err.hint == "export it again with a header row"
    assert err.exit_code == 3


def test_header_only_loads_no_rows_and_fails_validation(tmp_path, sample_dir, lines):
    intake = load_tables(folder(tmp_path, sample_dir, lines[:1]), PARAMS)
    assert counts(intake) == (0, 0, 0)
    assert findings(intake) == [
        "critical: orders: values 'apac', 'emea', 'latam', 'na' — every region has orders "
        "dated in 2026-10; hint: no order dated in 2026-10 for apac, emea, latam, na; check "
        "that the export covers the whole month for every region, or remove "
        "params/regions/<id>.yaml of a region the company does not have"
    ]


# --- values that do not parse: quarantined when few, an error when many ----------------------


def test_wrong_type_is_quarantined_with_its_line(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "quantity", "two")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(10, "quantity: not whole numbers")]
    assert intake.rejects["orders"]["quantity"].tolist() == ["two"]
    assert 8 not in intake.tables.orders.index  # file line 10 = index 8


def test_a_few_dates_in_another_format_are_quarantined(tmp_path, sample_dir, lines):
    for line in (5, 6, 7):
        year, month, day = cell(lines, line, "order_date").split("-")
        set_cell(lines, line, "order_date", f"{day}/{month}/{year}")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 997, 3)
    assert rejected(intake) == [(5, NOT_DATE), (6, NOT_DATE), (7, NOT_DATE)]


def test_most_dates_in_another_format_stop_the_read(tmp_path, sample_dir, lines):
    for line in range(3, len(lines) + 1):
        year, month, day = cell(lines, line, "order_date").split("-")
        set_cell(lines, line, "order_date", f"{day}/{month}/{year}")
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    shown = ", ".join(repr(cell(lines, line, "order_date")) for line in range(3, 8))
    assert err.message == (
        f"{data_dir / 'orders.csv'}: column 'order_date', rows [3, 4, 5, 6, 7] and 994 more: "
        f"values {shown} are not dates written YYYY-MM-DD"
    )
    day, month, year = cell(lines, 3, "order_date").split("/")
    assert err.hint == (
        "set date_format: '%d/%m/%Y' for this source in params/sources.yaml "
        f"('{day}/{month}/{year}' then reads as {year}-{month}-{day}; then fix the few rows "
        "written otherwise)"
    )


def test_day_first_dates_load_with_date_format(tmp_path, sample_dir, lines, reference):
    for line in range(2, len(lines) + 1):
        year, month, day = cell(lines, line, "order_date").split("-")
        set_cell(lines, line, "order_date", f"{day}/{month}/{year}")
    params = params_with(tmp_path, "orders:\n  date_format: '%d/%m/%Y'\n")
    intake = load_tables(folder(tmp_path, sample_dir, lines), params)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def grouped(value: str) -> str:
    """``11625.0`` as ``"11,625.00"`` (quoted: the file is comma-separated)."""
    return f'"{float(value):,.2f}"'


def test_thousands_separator_loads_with_thousands_setting(tmp_path, sample_dir, lines, reference):
    for line in range(2, len(lines) + 1):
        set_cell(lines, line, "list_price", grouped(cell(lines, line, "list_price")))
    params = params_with(tmp_path, "orders:\n  thousands: ','\n")
    intake = load_tables(folder(tmp_path, sample_dir, lines), params)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)
    assert "11,625.00" in (tmp_path / "data" / "orders.csv").read_text()


def test_one_thousands_separator_without_the_setting_is_quarantined(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "list_price", grouped(cell(lines, 10, "list_price")))
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(10, NOT_PRICE)]
    assert intake.rejects["orders"]["list_price"].tolist() == ["11,625.00"]


def test_many_thousands_separators_without_the_setting_stop_with_the_right_hint(
    tmp_path, sample_dir, lines
):
    big = [n for n in range(2, len(lines) + 1) if float(cell(lines, n, "list_price")) >= 1000]
    shown = ", ".join(repr(grouped(cell(lines, n, "list_price")).strip('"')) for n in big[:5])
    for line in range(2, len(lines) + 1):
        set_cell(lines, line, "list_price", grouped(cell(lines, line, "list_price")))
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    share = len(big) / 1000
    assert err.message == (
        f"{data_dir / 'orders.csv'}: column 'list_price', rows {big[:5]} and {len(big) - 5} more: "
        f"values {shown} are not {AMOUNTS}; "
        f"{len(big)} of 1000 rows cannot be used ({share:.0%}, more than the 5% allowed)"
    )
    first = shown.split(", ")[0]  # the first bad value, quoted
    assert err.hint.startswith(
        f"use thousands: ',' for this source in params/sources.yaml ({first} then reads as "
    )


def test_thousands_and_decimal_the_same_mark_is_a_parameter_error(tmp_path, sample_dir, lines):
    data_dir = folder(tmp_path, sample_dir, lines)
    with pytest.raises(ConfigError) as info:
        load_tables(data_dir, params_with(tmp_path, "orders:\n  thousands: '.'\n"))
    assert info.value.message == (
        f"{data_dir / 'orders.csv'}: thousands and decimal are both '.' for this source"
    )
    assert info.value.hint == (
        "write decimal: ',' with thousands: '.' (or the reverse) in params/sources.yaml"
    )
    assert info.value.exit_code == 2


def decimal_comma(lines: list[str]) -> list[str]:
    """The file as a European export: ``;`` between fields, ``,`` as the decimal mark."""
    money = [header(lines).index(c) for c in MONEY]
    out = [lines[0].replace(",", ";")]
    for line in lines[1:]:
        cells = line.split(",")
        for i in money:
            cells[i] = cells[i].replace(".", ",")
        out.append(";".join(cells))
    return out


def test_decimal_comma_loads_with_decimal_setting(tmp_path, sample_dir, lines, reference):
    params = params_with(tmp_path, "orders:\n  decimal: ','\n")
    intake = load_tables(folder(tmp_path, sample_dir, decimal_comma(lines)), params)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def test_decimal_comma_without_the_setting_stops_with_the_hint(tmp_path, sample_dir, lines):
    data_dir = folder(tmp_path, sample_dir, decimal_comma(lines))
    err = load_error(data_dir)
    shown = ", ".join(repr(cell(lines, n, "list_price").replace(".", ",")) for n in range(2, 7))
    assert err.message == (
        f"{data_dir / 'orders.csv'}: column 'list_price', rows [2, 3, 4, 5, 6] and 995 more: "
        f"values {shown} are not {AMOUNTS}"
    )
    first = cell(lines, 2, "list_price").replace(".", ",")
    assert err.hint.startswith(
        f"use decimal: ',' for this source in params/sources.yaml ('{first}' then reads as "
    )


def brazilian(value: str) -> str:
    """``11625.5`` as ``11.625,5``: thousands with '.', decimals with ','."""
    whole, _, fraction = value.partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")


def test_brazilian_erp_export_through_sources_yaml(tmp_path, sample_dir, lines):
    # Windows-1252, ';', decimal comma, thousands '.', dd/mm/yyyy: the docs' example.
    usable = [line for line in lines if line.isascii()]
    expected = load_tables(folder(tmp_path / "ref", sample_dir, usable), PARAMS).tables.orders
    money = [header(lines).index(c) for c in MONEY]
    when = header(lines).index("order_date")
    export = [usable[0].replace(",", ";")]
    for line in usable[1:]:
        cells = line.split(",")
        for i in money:
            cells[i] = brazilian(cells[i])
        year, month, day = cells[when].split("-")
        cells[when] = f"{day}/{month}/{year}"
        export.append(";".join(cells))
    assert "11.625,0" in "\n".join(export)
    data = ("\r\n".join(export) + "\r\n").encode("cp1252")
    params = params_with(
        tmp_path,
        "orders:\n  file: VENDAS_OUT2026.CSV\n  encoding: cp1252\n  separator: ';'\n"
        "  decimal: ','\n  thousands: '.'\n  date_format: '%d/%m/%Y'\n",
    )
    intake = load_tables(folder(tmp_path, sample_dir, data=data, name="VENDAS_OUT2026.CSV"), params)
    assert counts(intake) == (len(usable) - 1, len(usable) - 1, 0)
    assert intake.summary[0].file == "VENDAS_OUT2026.CSV"
    pd.testing.assert_frame_equal(intake.tables.orders, expected, check_exact=True)


# --- empty-looking values, blanks and case ---------------------------------------------------


def test_null_tokens_in_required_columns_are_quarantined_as_empty(tmp_path, sample_dir, lines):
    for line, column, token in [
        (4, "customer_name", "N/A"),
        (5, "vertical", "-"),
        (6, "rep_id", "null"),
        (7, "segment", "NaN"),
        (8, "product_name", "#N/A"),
    ]:
        set_cell(lines, line, column, token)
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 995, 5)
    assert rejected(intake) == [
        (4, "customer_name: empty"),
        (5, "vertical: empty"),
        (6, "rep_id: empty"),
        (7, "segment: empty"),
        (8, "product_name: empty"),
    ]


def test_null_tokens_in_nullable_columns_load_as_missing(tmp_path, sample_dir, lines):
    data_dir = folder(tmp_path, sample_dir, lines, also=("reps",))
    reps = (data_dir / "reps.csv").read_text(encoding="utf-8").splitlines()
    assert reps[0] == "rep_id,rep_name,role,team,manager_id,region,hire_date,end_date"
    for line, manager, end in [(3, "N/A", "null"), (4, "-", "NULL"), (5, "none", "n/a")]:
        cells = reps[line - 1].split(",")
        cells[4], cells[7] = manager, end
        reps[line - 1] = ",".join(cells)
    (data_dir / "reps.csv").write_text("\n".join(reps) + "\n", encoding="utf-8")
    intake = load_tables(data_dir, PARAMS)
    assert counts(intake, "reps") == (48, 48, 0)
    loaded = intake.tables.reps.loc[[1, 2, 3]]  # file lines 3 to 5
    assert loaded["manager_id"].isna().all()
    assert loaded["end_date"].isna().all()


def test_blanks_around_values_are_removed(tmp_path, sample_dir, lines, reference):
    set_cell(lines, 2, "customer_name", "  " + cell(lines, 2, "customer_name") + "   ")
    set_cell(lines, 3, "segment", "\t" + cell(lines, 3, "segment"))
    set_cell(lines, 4, "quantity", " " + cell(lines, 4, "quantity") + " ")
    set_cell(lines, 5, "order_date", cell(lines, 5, "order_date") + " ")
    lines[5] += "   "  # after the last field of line 6
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def test_allowed_values_in_another_case_are_normalised(tmp_path, sample_dir, lines):
    set_cell(lines, 2, "segment", "smb")
    set_cell(lines, 3, "channel", "inside SALES")
    set_cell(lines, 4, "channel", "E-COMMERCE")
    set_cell(lines, 5, "region", "LATAM")
    set_cell(lines, 6, "currency", "eur")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    orders = intake.tables.orders
    assert orders.loc[0, "segment"] == "SMB"
    assert orders.loc[1, "channel"] == "Inside Sales"
    assert orders.loc[2, "channel"] == "E-commerce"
    assert orders.loc[3, "region"] == "latam"
    assert orders.loc[4, "currency"] == "EUR"


def test_names_with_quotes_ampersands_brackets_and_accents_are_valid(tmp_path, sample_dir, lines):
    set_cell(lines, 2, "customer_name", "O'Brien & <Sons>")
    set_cell(lines, 3, "customer_name", "São Paulo Distribuição")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    names = intake.tables.orders["customer_name"]
    assert names.iloc[:2].tolist() == ["O'Brien & <Sons>", "São Paulo Distribuição"]
    assert findings(intake) == []


# --- the shape of the text -------------------------------------------------------------------


def test_wrong_separator_setting(tmp_path, sample_dir, lines):
    semicolons = [line.replace(",", ";") for line in lines]
    data_dir = folder(tmp_path, sample_dir, semicolons)
    err = load_error(data_dir, params_with(tmp_path, "orders:\n  separator: ','\n"))
    assert err.message == (
        f"{data_dir / 'orders.csv'}: the header has a single column {semicolons[0][:60]!r}"
    )
    assert err.hint == "the separator is not ','; set separator for this source"


def test_semicolons_are_detected_without_a_setting(tmp_path, sample_dir, lines, reference):
    intake = load_tables(folder(tmp_path, sample_dir, [x.replace(",", ";") for x in lines]))
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def test_truncated_last_line_is_quarantined(tmp_path, sample_dir, lines):
    cut = lines[-1][:40]
    text = "\n".join([*lines[:-1], cut])  # the download stopped mid-line: no final newline
    intake = load_tables(folder(tmp_path, sample_dir, text=text), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(1001, TRUNCATED)]
    quarantined = intake.rejects["orders"].iloc[0]
    assert ",".join(quarantined.iloc[: cut.count(",") + 1]) == cut


def test_row_with_too_many_fields_names_its_line(tmp_path, sample_dir, lines):
    lines[500] += ",extra"
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    assert err.message == f"{data_dir / 'orders.csv'}: line 501 has 20 fields but the header has 19"
    assert err.hint == RAGGED_HINT


def test_blank_lines_in_the_middle_are_skipped_and_lines_stay_true(tmp_path, sample_dir, lines):
    set_cell(lines, 200, "quantity", "x")
    lines[100:100] = ["", "   ", "\t"]  # three blank lines after line 100
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(203, "quantity: not whole numbers")]
    assert lines[202].split(",")[13] == "x"


def test_quoted_separators_quotes_and_line_breaks(tmp_path, sample_dir, lines):
    set_cell(lines, 2, "customer_name", '"Acme, Inc."')
    set_cell(lines, 3, "customer_name", '"Line one\nline two"')
    set_cell(lines, 5, "product_name", '"He said ""hi"", ok"')
    set_cell(lines, 20, "quantity", "x")  # file line 21: the value above spans two lines
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    orders = intake.tables.orders
    assert orders["customer_name"].iloc[:2].tolist() == ["Acme, Inc.", "Line one\nline two"]
    assert orders["product_name"].iloc[3] == 'He said "hi", ok'
    assert rejected(intake) == [(21, "quantity: not whole numbers")]


def test_quote_never_closed_near_the_end(tmp_path, sample_dir, lines):
    set_cell(lines, 999, "customer_name", '"Acme')
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    assert err.message == (
        f"{data_dir / 'orders.csv'}: line 999: a quoted value is not closed before the end of "
        "the file"
    )
    assert err.hint == 'close the quote; a quote inside a quoted value is written twice ("")'


def test_quote_never_closed_early_in_a_large_file(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "customer_name", '"Acme')
    data_dir = folder(tmp_path, sample_dir, lines)
    err = load_error(data_dir)
    assert (
        err.message == f"{data_dir / 'orders.csv'}: line 10: field larger than field limit (131072)"
    )
    assert err.hint == 'a quote (") opened on this line is probably never closed'


def test_old_mac_line_endings_with_a_blank_line(tmp_path, sample_dir, lines):
    # pandas alone shifts a row that starts with an empty field after a CR-only blank line
    set_cell(lines, 6, "order_id", "")
    lines[5:5] = [""]
    intake = load_tables(folder(tmp_path, sample_dir, text="\r".join(lines) + "\r"), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(7, "order_id: empty")]
    row = intake.rejects["orders"].iloc[0]
    assert row["order_date"] == cell(lines, 7, "order_date")


# --- encodings -------------------------------------------------------------------------------


def test_utf8_with_byte_order_mark_and_crlf(tmp_path, sample_dir, lines, reference):
    data = b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")
    intake = load_tables(folder(tmp_path, sample_dir, data=data), PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


def test_windows_1252_with_accents_is_detected(tmp_path, sample_dir, lines):
    usable = [line for line in lines if line.isascii()]
    set_cell(usable, 2, "customer_name", "São Paulo Distribuição – Ltda")  # – is 0x96
    set_cell(usable, 3, "customer_name", "Müller Technik GmbH")
    data = ("\n".join(usable) + "\n").encode("cp1252")
    assert b"\x96" in data
    intake = load_tables(folder(tmp_path, sample_dir, data=data), PARAMS)
    assert counts(intake) == (len(usable) - 1, len(usable) - 1, 0)
    assert intake.tables.orders["customer_name"].iloc[:2].tolist() == [
        "São Paulo Distribuição – Ltda",
        "Müller Technik GmbH",
    ]


def test_byte_not_valid_in_the_declared_encoding(tmp_path, sample_dir, lines):
    set_cell(lines, 50, "customer_name", "Acme\x81")  # 0x81 has no character in cp1252
    data = ("\n".join(lines) + "\n").encode("latin-1", errors="replace")
    data_dir = folder(tmp_path, sample_dir, data=data)
    err = load_error(data_dir, params_with(tmp_path, "orders:\n  encoding: cp1252\n"))
    assert err.message == f"{data_dir / 'orders.csv'}: line 50: byte 0x81 is not valid cp1252"
    assert err.hint == "set the encoding this file was exported in (utf-8, cp1252, latin-1)"


# --- other file types ------------------------------------------------------------------------


def test_excel_sheet_named_in_sources_yaml(tmp_path, sample_dir, reference):
    pytest.importorskip("openpyxl")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    reference.to_excel(data_dir / "Sales.xlsx", sheet_name="Orders", index=False)
    params = params_with(tmp_path, "orders:\n  file: Sales.xlsx\n  sheet: Orders\n")
    intake = load_tables(data_dir, params)
    assert counts(intake) == (1000, 1000, 0)
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)
    with pytest.raises(DataError) as info:
        load_tables(data_dir, params_with(tmp_path / "other", "orders:\n  file: Sales.xlsx\n"
                                          "  sheet: Pedidos\n"))  # fmt: skip
    assert info.value.message == (
        f"{data_dir / 'Sales.xlsx'}: cannot be read as an Excel workbook: "
        "Worksheet named 'Pedidos' not found"
    )


def test_excel_duplicate_header_names(tmp_path, sample_dir, lines):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in [lines[0].replace("vertical", "segment"), *lines[1:3]]:
        sheet.append(line.split(","))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    book.save(data_dir / "orders.xlsx")
    err = load_error(data_dir)
    assert err.message == (
        f"{data_dir / 'orders.xlsx'}: column 'segment' appears twice in the header "
        "(positions 7 and 8)"
    )


def test_file_named_xlsx_that_is_not_a_workbook(tmp_path, sample_dir, lines):
    data_dir = folder(tmp_path, sample_dir, lines, name="orders.xlsx")
    err = load_error(data_dir)
    assert err.message.startswith(f"{data_dir / 'orders.xlsx'}: ")
    assert err.message in (
        f"{data_dir / 'orders.xlsx'}: cannot be read as an Excel workbook: File is not a zip file",
        f"{data_dir / 'orders.xlsx'}: reading Excel files needs the openpyxl package",
    )


def test_parquet_input(tmp_path, reference):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    reference.to_parquet(data_dir / "orders.parquet")
    intake = load_tables(data_dir, PARAMS)
    assert counts(intake) == (1000, 1000, 0)
    assert intake.summary[0].file == "orders.parquet"
    pd.testing.assert_frame_equal(intake.tables.orders, reference, check_exact=True)


# --- values the reader cannot hold -----------------------------------------------------------


def test_whole_number_beyond_64_bits_is_quarantined_not_wrapped(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "quantity", "1e30")
    set_cell(lines, 11, "quantity", "9223372036854775808")
    set_cell(lines, 12, "list_price", "inf")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 997, 3)
    assert rejected(intake) == [
        (10, "quantity: not whole numbers"),
        (11, "quantity: not whole numbers"),
        (12, NOT_PRICE),
    ]
    assert intake.tables.orders["quantity"].min() >= 1


def test_date_beyond_2262_is_quarantined(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "order_date", "9999-12-31")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1000, 999, 1)
    assert rejected(intake) == [(10, NOT_DATE)]


# --- the data gate ---------------------------------------------------------------------------


def test_duplicate_keys_are_critical(tmp_path, sample_dir, lines):
    lines.append(lines[1])
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert counts(intake) == (1001, 1001, 0)
    order = cell(lines, 2, "order_id")
    assert findings(intake) == [
        f"critical: orders: 2 rows (rows [2, 1002]): values order_id='{order}', "
        f"line_number={cell(lines, 2, 'line_number')} — "
        "one row per order_id, line_number; hint: remove or merge the duplicate rows"
    ]


def test_unknown_region_is_critical(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "region", "mars")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert findings(intake) == [
        "critical: orders: column 'region', 1 row (rows [10]): values 'mars' — region defined "
        "in params/regions/; hint: expected one of apac, emea, latam, na, or add "
        "params/regions/<id>.yaml"
    ]


def test_future_date_is_critical(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "order_date", "2027-01-15")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert findings(intake) == [
        "critical: orders: column 'order_date', 1 row (rows [10]): values '2027-01-15' — dates "
        "not in the future; hint: expected dates on or before 2026-11-27; correct the mistyped "
        "dates"
    ]


def test_negative_amount_fails_the_range_check(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "net_revenue", "-5.0")
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    assert findings(intake) == [
        "critical: orders: column 'net_revenue', 1 row (rows [10]): values -5 — values within "
        "the allowed range; hint: expected values of at least 0",
        "warning: orders: column 'net_revenue', 1 row (rows [10]): values -5 — net_revenue = "
        "quantity × list_price × (1 − discount_pct), within 1%; hint: check the price, quantity "
        "and discount of these lines",
    ]


def test_unknown_currency_stops_the_cli_with_exit_4(tmp_path, sample_dir, lines, capsys):
    set_cell(lines, 10, "currency", "XYZ")
    data_dir = folder(tmp_path, sample_dir, lines)
    args = ["--data", str(data_dir), "--period", "2026-10", "--params", str(ROOT / "params")]
    code = main(["-q", "validate", *args])
    err = capsys.readouterr().err
    assert code == 4
    assert "critical data problem(s)" in err
    assert (
        "orders: column 'currency', 1 row (rows [10]): values 'XYZ' — currency has a budget "
        "rate; hint: expected one of AUD, BRL, EUR, USD (fx_rates in params/defaults.yaml)"
    ) in err
    assert "Traceback" not in err


def test_numeric_outlier_is_a_warning_only(tmp_path, sample_dir, lines):
    for column, value in [
        ("quantity", "1"),
        ("list_price", "1000000.0"),
        ("discount_pct", "0.0"),
        ("net_revenue", "1000000.0"),
        ("cost", "1.0"),
    ]:
        set_cell(lines, 10, column, value)
    intake = load_tables(folder(tmp_path, sample_dir, lines), PARAMS)
    report = validate(intake.tables, PARAMS, PERIOD, today=TODAY)
    assert report.ok
    assert [f.message() for f in report.warnings] == [
        "orders: column 'net_revenue', 1 row (rows [10]): values 1000000 — net_revenue at most "
        "50× the median line of its product; hint: check for a misplaced decimal point or a "
        "wrong quantity"
    ]


def test_orphan_rep_id_is_critical(tmp_path, sample_dir, lines):
    set_cell(lines, 10, "rep_id", "R999")
    intake = load_tables(folder(tmp_path, sample_dir, lines, also=("reps",)), PARAMS)
    assert findings(intake) == [
        "critical: orders: column 'rep_id', 1 row (rows [10]): values 'R999' — rep_id found in "
        "reps; hint: add the missing reps rows, or correct rep_id"
    ]


def test_a_region_without_orders_in_the_period_is_critical(tmp_path, sample_dir, lines):
    kept = [x for x in lines if not (",latam," in x and ",2026-10-" in x)]
    assert len(kept) < len(lines)
    intake = load_tables(folder(tmp_path, sample_dir, kept), PARAMS)
    assert findings(intake) == [
        "critical: orders: values 'latam' — every region has orders dated in 2026-10; hint: no "
        "order dated in 2026-10 for latam; check that the export covers the whole month for "
        "every region, or remove params/regions/<id>.yaml of a region the company does not have"
    ]


# --- end to end ------------------------------------------------------------------------------


@pytest.mark.slow
def test_run_with_one_bad_row_publishes_and_quarantines_it(
    tmp_path, sample_dir, lines, tiny_report, caplog
):
    set_cell(lines, 10, "quantity", "two")
    data_dir = folder(
        tmp_path,
        sample_dir,
        lines,
        also=("opportunities", "targets", "reps", "campaigns", "market"),
    )
    out = tmp_path / "outputs"
    args = ["-q", "run", "--data", str(data_dir), "--out", str(out), "--period", "2026-10"]
    args += ["--notebooks", str(tiny_report(tmp_path / "notebooks"))]
    assert main([*args, "--region", "latam", "--jobs", "1", "--params", str(ROOT / "params")]) == 0
    quarantine = out / "2026-10" / "quarantine"
    assert sorted(p.name for p in quarantine.iterdir()) == ["orders.csv"]
    rows = pd.read_csv(quarantine / "orders.csv", dtype=str, keep_default_na=False)
    assert rows.to_dict("records") == [
        {**dict(zip(header(lines), lines[9].split(","), strict=True)), "line": "10",
         "reason": "quantity: not whole numbers"}
    ]  # fmt: skip
    quality = json.loads(
        (out / "work" / "2026-10" / "extracts" / "latam" / "quality.json").read_text()
    )
    tables = {t["table"]: t for t in quality["tables"]}
    assert tables["orders"] == {
        "table": "orders",
        "file": "orders.csv",
        "input_rows": 1000,
        "accepted": 999,
        "quarantined": 1,
        "ignored_columns": [],
        "not_delivered": [],
    }
    said = [r.getMessage() for r in caplog.records if "quarantined in" in r.getMessage()]
    assert said == [
        f"orders.csv: 1 of 1000 rows quarantined in {quarantine / 'orders.csv'}: "
        "quantity: not whole numbers (1 row, first on line 10)"
    ]
    for table in tables.values():
        assert table["input_rows"] == table["accepted"] + table["quarantined"]
    assert (out / "site" / "2026-10" / "latam.html").is_file()
