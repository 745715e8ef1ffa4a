"""Reading export files as text: encodings, spreadsheet artefacts, the fast and general paths.

``readers.read_csv_text`` reads a file without quotes, empty lines or ragged rows with pyarrow
(``_read_plain``); every other file goes through the ``csv`` scan and pandas. Tests read the
same text both ways and require the same frame (values, dtypes, index) or the same error. Other
tests build files in the exact bytes tools write (Excel's CSV UTF-8 and Unicode Text, an ERP
report with title rows, a workbook made with openpyxl) and check the strings read, the file
lines (index + 2) and the messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.errors import DataError
from reportlib.intake import readers

SETTINGS = settings(max_examples=150, deadline=None)
SEPARATORS = [",", ";", "\t", "|"]


def read_both(text: str, separator: str = "auto", **options: object) -> tuple[object, object]:
    """(fast, general) outcome of reading ``text``: a frame, or the DataError's message."""
    outcomes = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        path.write_bytes(text.encode("utf-8"))
        for plain in (readers._read_plain, lambda *_: None):
            original = readers._read_plain
            readers._read_plain = plain
            try:
                outcomes.append(readers.read_csv_text(path, separator=separator, **options))
            except DataError as exc:
                outcomes.append(str(exc).replace(folder, "DIR"))
            finally:
                readers._read_plain = original
    return outcomes[0], outcomes[1]


def assert_same(text: str, separator: str = "auto", **options: object) -> object:
    fast, general = read_both(text, separator, **options)
    if isinstance(general, pd.DataFrame):
        assert isinstance(fast, pd.DataFrame), fast
        pd.testing.assert_frame_equal(fast, general, check_exact=True)
    else:
        assert fast == general
    return fast


def is_plain(text: str, separator: str = ",") -> bool:
    """Whether the fast path reads ``text`` (rather than handing it on, or refusing it)."""
    try:
        return readers._read_plain(Path("x.csv"), text, separator, None) is not None
    except DataError:  # the header is refused the same way by both paths
        return False


def test_plain_file_is_read_fast_and_alike():
    text = "order_id,customer_name,net_revenue\nSO-1,Montréal Transport Inc.,1.5\nSO-2, b ,\n"
    assert is_plain(text)
    frame = assert_same(text)
    assert frame["customer_name"].tolist() == ["Montréal Transport Inc.", " b "]
    assert frame["net_revenue"].tolist() == ["1.5", ""]  # empty stays "", never NA
    assert frame.index.tolist() == [0, 1]
    assert str(frame.dtypes.iloc[0]) == "string"


@pytest.mark.parametrize(
    "text",
    [
        "a,b\r\n1,2\r\n3,4\r\n",  # Windows line endings
        "a,b\n1,2\n3,4",  # no line break after the last line
        "a,b\n",  # header only
        "a;b\n1;2\n",
    ],
)
def test_plain_variants_are_read_fast_and_alike(text):
    assert is_plain(text, ";" if ";" in text else ",")
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n"1,5",2\n',  # quotes: the csv rules apply
        "a,b\n1,2\n\n3,4\n",  # an empty line: later rows keep their file line numbers
        "a,b\n1,2\n   \n3,4\n",  # a line of blanks
        "a,b\n1\n3,4\n",  # a short (truncated) row
        "a,b\n1,2,3\n",  # too many fields: the error names the line
        "a,b\r1,2\r",  # old Mac line endings
        "a,b\n1,2\r3,4\n",  # a lone CR inside
        "a\n1\n \n",  # one column
        "a,a\n1,2\n",  # duplicate header
        "a,b\n1,\x002\n",  # NUL
        "a,b",  # header only, no line break (pyarrow sees no data)
    ],
)
def test_other_files_go_the_general_way(text):
    assert not is_plain(text)
    assert_same(text)


def test_a_field_longer_than_the_csv_limit_is_left_to_the_general_path():
    limit = csv.field_size_limit()
    csv.field_size_limit(20)
    try:
        text = "a,b\n" + "x" * 30 + ",1\n"
        assert not is_plain(text)
        assert_same(text)
    finally:
        csv.field_size_limit(limit)


cells = st.one_of(
    st.sampled_from(["", " ", "\t", "1", "1.5", "-0", "é", "N/A", "a b", "\ufeff", "\x85", "x"]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\r\n\x00'),
        max_size=5,
    ),
)


@SETTINGS
@given(
    header=st.lists(st.text("abcdef", min_size=1, max_size=3), min_size=1, max_size=5),
    rows=st.lists(st.lists(cells, min_size=0, max_size=6), max_size=6),
    separator=st.sampled_from(SEPARATORS),
    newline=st.sampled_from(["\n", "\r\n"]),
    trailing=st.booleans(),
)
def test_any_text_without_quotes_reads_alike_both_ways(header, rows, separator, newline, trailing):
    lines = [separator.join(header)] + [separator.join(row) for row in rows]
    text = newline.join(lines) + (newline if trailing else "")
    assert_same(text, separator)


# --- encodings -------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def write_bytes(tmp_path: Path, data: bytes, name: str = "orders.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path, **options: object) -> DataError:
    with pytest.raises(DataError) as info:
        readers.read_text(path, **options)
    return info.value


def lines_of(frame: pd.DataFrame) -> list[int]:
    """The file lines (worksheet rows) of a frame's rows."""
    return (frame.index + 2).tolist()


def test_mixed_encoding_names_the_line_and_byte(tmp_path):
    utf8 = "order_id,customer_name\nSO-1,São Paulo Agro\nSO-2,Zürich AG\n".encode()
    path = write_bytes(tmp_path, utf8 + b"SO-3,Jos\xe9 Silva\n")  # appended in cp1252
    err = refusal(path)
    assert (
        err.message
        == f"{path}: line 4: byte 0xe9 is not valid utf-8, but the rest of the file is UTF-8"
    )
    assert err.hint == (
        "export the file again as UTF-8, or correct line 4 "
        "(probably added by a program writing Windows-1252)"
    )


def test_mixed_encoding_on_line_7_and_later_lines(tmp_path):
    lines = ["order_id,customer_name", "SO-1,Müller Technik GmbH"]
    lines += [f"SO-{n},Acme {n}" for n in range(2, 7)]  # lines 3 to 7
    head = ("\n".join(lines[:6]) + "\n").encode()
    tail = b"SO-6,S\xe3o Paulo\nSO-7,Acme\nSO-8,Jos\xe9\nSO-9,Andr\xe9 \xe9\n"  # lines 7, 9, 10
    err = refusal(write_bytes(tmp_path, head + tail))
    assert err.message.endswith(
        ": line 7: byte 0xe3 is not valid utf-8, but the rest of the file is UTF-8"
    )
    assert "correct line 7 (and lines 9, 10)" in err.hint


def test_utf8_byte_order_mark_counts_as_utf8(tmp_path):
    path = write_bytes(tmp_path, b"\xef\xbb\xbforder_id,customer_name\nSO-1,Jos\xe9\n")
    assert refusal(path).message == (
        f"{path}: line 2: byte 0xe9 is not valid utf-8, but the rest of the file is UTF-8"
    )


def test_windows_1252_file_is_read_whole(tmp_path):
    text = "order_id,customer_name\nSO-1,José\nSO-2,São Paulo – Ltda\n"
    frame = readers.read_text(write_bytes(tmp_path, text.encode("cp1252")))
    assert frame["customer_name"].tolist() == ["José", "São Paulo – Ltda"]
    assert lines_of(frame) == [2, 3]


def test_declared_cp1252_is_honoured_even_where_utf8_would_fit(tmp_path):
    data = "order_id,customer_name\nSO-1,São\n".encode() + b"SO-2,Jos\xe9\n"
    frame = readers.read_text(write_bytes(tmp_path, data), encoding="cp1252")
    assert frame["customer_name"].tolist() == ["SÃ£o", "José"]


UNICODE_TEXT = (  # Excel's "Unicode Text": tabs, CRLF, quotes round a value holding a tab
    "order_id\tcustomer_name\tnet_revenue\r\n"
    "SO-1\tSão Paulo Agro\t1250.00\r\n"
    'SO-2\t"Müller\tGmbH"\t980.5\r\n'
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (UNICODE_TEXT.encode("utf-16"), "auto"),  # little-endian with its byte-order mark
        (UNICODE_TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + UNICODE_TEXT.encode("utf-16-be"), "auto"),
        (UNICODE_TEXT.encode("utf-16-le"), "utf-16"),  # no mark: the byte order from the zeros
        (UNICODE_TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_excel_unicode_text_is_read(tmp_path, data, encoding):
    frame = readers.read_text(write_bytes(tmp_path, data, "orders.txt"), encoding=encoding)
    assert frame.columns.tolist() == ["order_id", "customer_name", "net_revenue"]
    assert frame["customer_name"].tolist() == ["São Paulo Agro", "Müller\tGmbH"]
    assert frame["net_revenue"].tolist() == ["1250.00", "980.5"]
    assert lines_of(frame) == [2, 3]


def test_unicode_text_bytes_are_excels():
    data = UNICODE_TEXT.encode("utf-16")
    assert data[:12] == b"\xff\xfeo\x00r\x00d\x00e\x00r\x00"  # mark, then little-endian
    assert b"\t\x00" in data and b"\r\x00\n\x00" in data


@pytest.mark.parametrize("encoding", ["auto", "utf-8", "cp1252"])
def test_utf16_without_byte_order_mark_is_named(tmp_path, encoding):
    path = write_bytes(tmp_path, UNICODE_TEXT.encode("utf-16-le"), "orders.txt")
    err = refusal(path, encoding=encoding)
    assert err.message == (
        f"{path}: the file looks like UTF-16 without a byte-order mark (every other byte is 0)"
    )
    assert err.hint == (
        "set encoding: utf-16 for this source in params/sources.yaml, "
        "or export the file again as CSV UTF-8"
    )


def test_utf16_read_as_a_declared_8_bit_encoding_is_named(tmp_path):
    path = write_bytes(tmp_path, UNICODE_TEXT.encode("utf-16"), "orders.txt")
    err = refusal(path, encoding="cp1252")
    assert err.message == (
        f"{path}: the file starts with a UTF-16 byte-order mark, but encoding is cp1252"
    )
    assert err.hint.startswith("set encoding: utf-16 for this source")


def test_utf16_declared_for_a_utf8_file(tmp_path):
    path = write_bytes(tmp_path, "order_id,customer_name\nSO-1,São Paulo\n".encode())
    err = refusal(path, encoding="utf-16")
    assert err.message == (
        f"{path}: encoding is utf-16, but the file has no UTF-16 byte-order mark and no zero "
        "bytes (ASCII text in UTF-16 has one in every other place)"
    )
    assert err.hint == "set encoding: auto for this source (it reads UTF-8 and Windows-1252)"


def test_utf16_cut_in_the_middle_of_a_character(tmp_path):
    data = "a\tb\r\nx\ty\r\n".encode("utf-16") + b"z"  # 2 + 2 x 10 bytes, then half a character
    err = refusal(write_bytes(tmp_path, data, "orders.txt"))
    assert err.message.endswith(
        ": line 3: byte 0x7a at offset 22 is not valid UTF-16 (truncated data)"
    )


# --- spreadsheet artefacts in text files -----------------------------------------------------


def test_excel_csv_with_empty_columns_and_lines_of_commas():
    # CSV UTF-8 from Excel: BOM, CRLF, an empty column B, three empty columns at the end,
    # a line of commas between the rows and two after them
    frame = readers.read_text(FIXTURES / "excel_csv_utf8_empty_columns.csv")
    assert frame.columns.tolist() == ["order_id", "customer_name", "net_revenue"]
    assert frame["customer_name"].tolist() == ["São Paulo Agro Ltda.", "Müller Technik GmbH"]
    assert frame["net_revenue"].tolist() == ["1250.00", "980.50"]
    assert lines_of(frame) == [2, 4]


@pytest.mark.parametrize(
    ("text", "columns", "values", "lines"),
    [
        ("a,b,,,\n1,2,,,\n3,4,,,\n", ["a", "b"], ["2", "4"], [2, 3]),  # trailing ",,,"
        ("a,,b\n1,,2\n3, ,4\n", ["a", "b"], ["2", "4"], [2, 3]),  # empty column in the middle
        ("a,b\n1,2\n,\n3,4\n", ["a", "b"], ["2", "4"], [2, 4]),  # a line of one comma
        ("a;b;c\n1;x;2\n ; ;\n;;;;\n3;y;4\n", ["a", "b", "c"], ["2", "4"], [2, 5]),
        ("a,b\n1,2,,\n3,4\n", ["a", "b"], ["2", "4"], [2, 3]),  # empty fields past the header
        ('a,b\n"1,5",2\n,,\n3,4\n', ["a", "b"], ["2", "4"], [2, 4]),  # quotes: general path
        ("a\n1\n,,\n2\n", ["a"], ["1", "2"], [2, 4]),  # one column
        ("a\tb\n1\t2\n\t\n \t \n3\t4\n", ["a", "b"], ["2", "4"], [2, 5]),  # tabs are separators
    ],
)
def test_empty_columns_and_separator_lines_are_left_out(text, columns, values, lines):
    frame = assert_same(text)
    assert frame.columns.tolist() == columns
    assert frame[columns[-1]].tolist() == values
    assert lines_of(frame) == lines


def test_a_line_of_separators_is_not_read_fast():
    assert not is_plain("a,b\n1,2\n,\n3,4\n")
    assert not is_plain("a,,b\n1,,2\n")  # a column without a name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,,b\n1,,2\n3,x,4\n", "column 2 has no header but holds values (line 3: 'x')"),
        ("a,b,\n1,2,\n3,4,5\n", "column 3 has no header but holds values (line 3: '5')"),
        ("a,b\n1,2,,x\n", "line 2 has 4 fields but the header has 2"),
    ],
)
def test_a_column_without_header_but_with_values_is_refused(text, message):
    fast, general = read_both(text)
    assert fast == general
    assert general.partition("\n")[0] == f"DIR/orders.csv: {message}"


def test_the_unnamed_column_hint(tmp_path):
    err = refusal(write_bytes(tmp_path, b"a,,b\n1,x,2\n"))
    assert (
        err.message
        == f"{tmp_path / 'orders.csv'}: column 2 has no header but holds values (line 2: 'x')"
    )
    assert err.hint == "give the column a header in the file, or delete the column"


def test_title_rows_above_the_header_are_named():
    path = FIXTURES / "erp_report_title_rows.csv"
    err = refusal(path)
    assert err.message == (
        f"{path}: line 1 holds 'Sales report October 2026', not column names: "
        "title rows seem to come above the header"
    )
    assert err.hint == (
        "the header seems to be on line 4: set header_row: 4 for this source in params/sources.yaml"
    )


def test_header_row_reads_below_the_title_rows():
    frame = readers.read_text(FIXTURES / "erp_report_title_rows.csv", header_row=4)
    assert frame.columns.tolist() == ["order_id", "customer_name", "net_revenue"]
    assert frame["customer_name"].tolist() == ["São Paulo Agro Ltda.", "Müller Technik GmbH"]
    assert frame["net_revenue"].tolist() == ["1.250,00", "980,50"]  # the separator is ";"
    assert frame.index.tolist() == [3, 4]
    assert lines_of(frame) == [5, 6]


@pytest.mark.parametrize(
    ("text", "header"),
    [
        # Excel pads every row of its CSV to the width of the sheet
        ("Sales report October 2026,,\n,,\nExported 2026-11-02 by jsmith,,\n"
         "order_id,customer_name,net_revenue\nSO-1,Acme,1250.00\n", 4),
        # a title of a few cells, far fewer than the header's
        ("ACME Corp;Sales report;October 2026;;;;;;\n"
         "order_id;order_date;region;customer_id;customer_name;rep_id;net_revenue;currency;channel\n"
         "SO-1;2026-10-01;na;C1;Acme;R1;1250;USD;Direct\n", 2),
        ("\norder_id,customer_name\nSO-1,Acme\n", 2),  # a blank line above the header
        ("Report\norder_id\tname\n1\tAcme\n2\tBeta\n", 2),
    ],
)  # fmt: skip
def test_title_rows_in_other_forms(tmp_path, text, header):
    err = refusal(write_bytes(tmp_path, text.encode()))
    assert err.hint.startswith(
        f"the header seems to be on line {header}: set header_row: {header} "
    )
    frame = readers.read_text(tmp_path / "orders.csv", header_row=header)
    assert lines_of(frame)[0] == header + 1


def test_a_blank_first_line_is_named(tmp_path):
    path = write_bytes(tmp_path, b"\norder_id,customer_name\nSO-1,Acme\n")
    assert refusal(path).message == (
        f"{path}: line 1 is empty: title rows seem to come above the header"
    )


@pytest.mark.parametrize(
    "text",
    [
        "customer_name\nAcme\nSão Paulo\n\nBeta\n",  # one column
        "note\nfoo;bar\nbaz\nqux\n",  # one column, a value holding a separator
        "a,b,c\nx,,\n,,y\n,,\n",  # many empty cells
        "a,b,,\n1,2,,\n",  # empty columns at the end
        "rep_id,rep_name,region\nR1,Liam Chen,na\nR2,Björn Müller,emea\n",  # text only
        "name,tags\nAcme,a;b;c;d\nBeta,e;f;g;h\n",  # values hold more ; than the file has ,
        "2025,2026\n1,2\n",  # numbers as names
    ],
)
def test_title_rows_are_not_seen_in_ordinary_files(text):
    frame = assert_same(text)
    assert isinstance(frame, pd.DataFrame)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([["Sales report"], [], ["Exported by x"], ["a", "b"], ["1", "2"]], 4),
        ([["Sales report", "", ""], ["a", "b", ""], ["1", "2", ""]], 2),
        ([["Sales report"], ["Region:", "EMEA", "Period:", "Oct"], [], ["a", "b", "c", "d", "e",
          "f", "g", "h", "i", "j", "k", "l"], ["1"] * 12], 4),  # a 4-cell line is not the header
        ([["a", "b"], ["x", "y"]], None),
        ([["a"], ["x", "y"]], 2),
        ([["a"], ["x", "1"]], None),  # a number: data, not a header
        ([["a"], ["x", "x"]], None),  # a name twice
        ([["Report"], ["a", "b"], ["1"], ["2"], ["3"]], None),  # lines below far narrower
        ([["only"]], None),
        ([], None),
    ],
)  # fmt: skip
def test_header_below_titles(lines, expected):
    assert readers.header_below_titles(lines) == expected


names = st.lists(
    st.text("abcdefghij_ ", min_size=1, max_size=6).filter(str.strip),
    min_size=1,
    max_size=6,
    unique_by=str.strip,
)


@SETTINGS
@given(header=names, rows=st.lists(st.lists(st.text(max_size=4), max_size=6), max_size=8))
def test_a_header_on_line_1_is_never_taken_for_titles(header, rows):
    rows = [row[: len(header)] for row in rows]  # rows no wider than the header
    assert readers.header_below_titles([header, *rows]) is None


@SETTINGS
@given(
    header=names,
    rows=st.lists(st.lists(cells, max_size=6), max_size=6),
    separator=st.sampled_from(SEPARATORS),
)
def test_no_ordinary_file_is_refused_for_title_rows(header, rows, separator):
    if len(header) == 1:  # one column: a value with separators could be read as a header
        rows = [[re.sub(r"[,;\t|]", "", cell) for cell in row[:1]] for row in rows]
    text = "\n".join(separator.join(row[: len(header)]) for row in [header, *rows]) + "\n"
    fast, general = read_both(text)
    for outcome in (fast, general):
        assert isinstance(outcome, pd.DataFrame) or "title rows" not in outcome


def test_header_row_keeps_true_lines_on_both_paths():
    text = "Sales report\n\norder_id,net_revenue\nSO-1,1.5\nSO-2,2\n"
    assert is_plain(text.split("\n", 2)[2])
    frame = assert_same(text, header_row=3)
    assert frame["net_revenue"].tolist() == ["1.5", "2"]
    assert lines_of(frame) == [4, 5]
    general = assert_same('Title "with a quote\n\na,b\n"x\ny",1\n\n,\n3,4\n', header_row=3)
    assert general["a"].tolist() == ["x\ny", "3"]
    assert lines_of(general) == [4, 8]


@pytest.mark.parametrize(
    ("text", "header_row", "message"),
    [
        ("Title\n\na,b\n1,2\n3,4,5\n", 3, "line 5 has 3 fields but the header has 2"),
        ('Title\na,b\n1,2\n"3,4\n', 2,
         "line 4: a quoted value is not closed before the end of the file"),
        ("Title\na,b\n1,2\n", 4, "header_row is 4 but the file has 3 lines"),
        ("Title\na,b\n1,2", 9, "header_row is 9 but the file has 3 lines"),
        ("Title\n\na,b\n", 2, "line 2, the header_row, is empty"),
        ("Title\n,,\na,b\n", 2, "the header line is empty"),
    ],
)  # fmt: skip
def test_header_row_messages_name_true_lines(text, header_row, message):
    fast, general = read_both(text, header_row=header_row)
    assert fast == general
    assert general.partition("\n")[0] == f"DIR/orders.csv: {message}"


def test_header_row_one_is_the_first_line():
    frame = assert_same("a,b\n1,2\n", header_row=1)
    assert lines_of(frame) == [2]


# --- Excel -----------------------------------------------------------------------------------


def title_workbook(path: Path) -> Path:
    """A report as made in Excel: a title, a blank row, the header on row 3, empty columns."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Orders"
    sheet.append(["Sales report October 2026"])
    sheet.append([])
    sheet.append(["order_id", "order_date", "customer_name", "net_revenue", None, None])
    sheet.append(["SO-1", dt.date(2026, 10, 1), "São Paulo Agro", 1250.0])
    sheet.append([])  # a blank row between the data rows
    sheet.append(["SO-2", dt.datetime(2026, 10, 31, 9, 30), "Müller Technik", 980.5, None])
    for cell in ("E3", "F3", "G6", "E8"):  # formatted but empty cells widen the used range
        sheet[cell].number_format = "0.00"
    book.save(path)
    return path


def test_excel_title_rows_are_named(tmp_path):
    path = title_workbook(tmp_path / "orders.xlsx")
    err = refusal(path)
    assert err.message == (
        f"{path}: row 1 holds 'Sales report October 2026', not column names: "
        "title rows seem to come above the header"
    )
    assert err.hint == (
        "the header seems to be on row 3: set header_row: 3 for this source in params/sources.yaml"
    )


def test_excel_header_row_keeps_worksheet_rows(tmp_path):
    frame = readers.read_text(title_workbook(tmp_path / "orders.xlsx"), header_row=3)
    assert frame.columns.tolist() == ["order_id", "order_date", "customer_name", "net_revenue"]
    assert frame.to_dict("list") == {
        "order_id": ["SO-1", "SO-2"],
        "order_date": ["2026-10-01", "2026-10-31"],
        "customer_name": ["São Paulo Agro", "Müller Technik"],
        "net_revenue": ["1250", "980.5"],
    }
    assert frame.index.tolist() == [2, 4]
    assert lines_of(frame) == [4, 6]
    assert str(frame.dtypes.iloc[0]) == "string"


def test_excel_rows_keep_their_numbers_without_header_row(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["order_id", "region"], ["SO-1", "na"], [], [], ["SO-2", "emea"]):
        sheet.append(row)
    book.save(tmp_path / "orders.xlsx")
    frame = readers.read_text(tmp_path / "orders.xlsx")
    assert frame["region"].tolist() == ["na", "emea"]
    assert lines_of(frame) == [2, 5]


def test_excel_column_without_header_but_with_values(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = title_workbook(tmp_path / "orders.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["F6"] = "late fee"
    book.save(path)
    err = refusal(path, header_row=3)
    assert err.message == (
        f"{path}: column 6 (F) has no header but holds values (row 6: 'late fee')"
    )
    assert err.hint == "give the column a header in the file, or delete the column"


@pytest.mark.parametrize(
    ("header_row", "message"),
    [
        (9, "header_row is 9 but the sheet has 8 rows"),
        (2, "row 2, the header_row, is empty"),
    ],
)
def test_excel_header_row_messages(tmp_path, header_row, message):
    path = title_workbook(tmp_path / "orders.xlsx")  # the empty cell E8 makes 8 rows
    assert refusal(path, header_row=header_row).message == f"{path}: {message}"


def test_excel_header_only_and_unknown_sheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["order_id", "region"])
    book.save(tmp_path / "orders.xlsx")
    frame = readers.read_text(tmp_path / "orders.xlsx", sheet=0)
    assert frame.columns.tolist() == ["order_id", "region"]
    assert len(frame) == 0
    err = refusal(tmp_path / "orders.xlsx", sheet="Pedidos")
    assert err.message.endswith(
        ": cannot be read as an Excel workbook: Worksheet named 'Pedidos' not found"
    )
    assert (
        err.hint
        == "the workbook's sheets are 'Sheet': set sheet for this source in params/sources.yaml"
    )


SALESFORCE_FOOTER = (
    '\n"Grand Totals (2 records)"\n\n"Confidential Information - Do Not Distribute"\n'
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
)


def test_a_report_footer_is_left_out(caplog):
    caplog.set_level("INFO", logger="reportlib.intake.readers")
    text = '"Id","Stage","Amount"\n"006A","Closed Won","USD 1,200.00"\n"006B","Prospecting","0"\n'
    frame = assert_same(text + SALESFORCE_FOOTER)
    assert frame.to_dict("list") == {
        "Id": ["006A", "006B"],
        "Stage": ["Closed Won", "Prospecting"],
        "Amount": ["USD 1,200.00", "0"],
    }
    assert lines_of(frame) == [2, 3]
    said = [r.getMessage() for r in caplog.records if "footer" in r.getMessage()]
    assert said and said[0].endswith(
        ": lines 5-8 after the data are a report footer ('Grand Totals (2 records)'), not rows: "
        "left out"
    )


def test_one_short_last_line_is_a_cut_off_row_not_a_footer():
    frame = assert_same("a,b,c\n1,2,3\n4\n")
    assert frame["a"].tolist() == ["1", "4"]
    assert frame["b"].tolist()[1] == readers.SHORT_ROW
