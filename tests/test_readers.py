"""The fast reader of plain CSV files gives exactly what the general reader gives.

``readers.read_csv_text`` reads a file without quotes, empty lines or ragged rows with pyarrow
(``_read_plain``); every other file goes through the ``csv`` scan and pandas. These tests read
the same text both ways and require the same frame (values, dtypes, index) or the same error.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib import readers
from reportlib.errors import DataError

SETTINGS = settings(max_examples=150, deadline=None)
SEPARATORS = [",", ";", "\t", "|"]


def read_both(text: str, separator: str = "auto") -> tuple[object, object]:
    """(fast, general) outcome of reading ``text``: a frame, or the DataError's message."""
    outcomes = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        path.write_bytes(text.encode("utf-8"))
        for plain in (readers._read_plain, lambda *_: None):
            original = readers._read_plain
            readers._read_plain = plain
            try:
                outcomes.append(readers.read_csv_text(path, separator=separator))
            except DataError as exc:
                outcomes.append(str(exc).replace(folder, "DIR"))
            finally:
                readers._read_plain = original
    return outcomes[0], outcomes[1]


def assert_same(text: str, separator: str = "auto") -> object:
    fast, general = read_both(text, separator)
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
