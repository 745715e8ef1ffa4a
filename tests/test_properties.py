"""Properties of the intake: any input either loads or fails with a ReportlibError.

Whatever bytes or text arrive as ``orders``, reading them never raises anything but a
:class:`~reportlib.errors.ReportlibError` (a message for the analyst), and when they load,
every data row is counted: input rows = accepted + quarantined.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.config import DEFAULT_SOURCE, Source
from reportlib.errors import ReportlibError
from reportlib.intake.data import NULL_TOKENS, TableRead, load_tables, read_table
from reportlib.intake.schema import CHANNELS, ORDERS, SEGMENTS

SETTINGS = settings(max_examples=80, deadline=None)
FRAME_SETTINGS = settings(max_examples=40, deadline=None)
"""For the properties whose every example builds a DataFrame of order lines and writes and reads
it whole (about 0.15 s an example, against a few milliseconds for the others): 40 examples
still cover each separator and damage many times over, and each run of the suite draws new ones."""
SEPARATORS = [",", ";", "\t", "|"]
CRLF = "\r\n"  # the writer then quotes values holding a CR or LF, as exports do
TRICKY = [
    "", " ", '"', '""', "a,b", "a;b", "1,5", "1.234,50", "1,234.50", "N/A", "-", "null",
    "\r", "\n", "\r\n", "\t", "\x00", "é", "\ufeff", "\x85", "\u2028", "1e30", "inf",
    "9999-12-31", "31/10/2026", "2026-10-01", "SMB", "smb", "na", "USD", "2", "0.1",
]  # fmt: skip


def check_counts(read: TableRead) -> None:
    assert read.input_rows == len(read.frame) + len(read.rejects)
    assert not read.frame.index.duplicated().any()
    assert set(read.frame.index).isdisjoint(read.rejects["line"] - 2)


def read_or_refuse(path: Path, source: Source = DEFAULT_SOURCE) -> TableRead | None:
    """Read ``path`` as orders: the read, or None when it was refused with a ReportlibError."""
    try:
        read = read_table(path, ORDERS, source)
    except ReportlibError:
        return None
    check_counts(read)
    return read


@SETTINGS
@given(
    data=st.binary(max_size=400),
    with_header=st.booleans(),
    suffix=st.sampled_from([".csv", ".xlsx", ".parquet"]),
)
def test_arbitrary_bytes_load_or_raise_a_reportlib_error(data, with_header, suffix):
    if with_header:
        data = ",".join(ORDERS.column_names).encode() + b"\n" + data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"orders{suffix}"
        path.write_bytes(data)
        read_or_refuse(path)
        try:
            intake = load_tables(folder)
        except ReportlibError:
            return
        summary = intake.summary[0]
        assert summary.input_rows == summary.accepted + summary.quarantined


cells = st.one_of(st.sampled_from(TRICKY), st.text(max_size=6))
sources = st.builds(
    Source,
    encoding=st.sampled_from(["auto", "utf-8", "utf-8-sig", "cp1252", "latin-1"]),
    separator=st.sampled_from(["auto", *SEPARATORS]),
    decimal=st.sampled_from([".", ","]),
    thousands=st.sampled_from(["", ",", ".", " ", "'"]),
    date_format=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y"]),
    max_reject_share=st.sampled_from([0.0, 0.05, 1.0]),
)


@SETTINGS
@given(
    rows=st.lists(st.lists(cells, min_size=15, max_size=21), max_size=6),
    separator=st.sampled_from(SEPARATORS),
    quote_all=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    source=sources,
)
def test_arbitrary_csv_text_loads_or_raises_a_reportlib_error(
    rows, separator, quote_all, newline, encoding, source
):
    def field(value: str) -> str:
        if quote_all or any(c in value for c in f'"{separator}\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [separator.join(ORDERS.column_names)]
    lines += [separator.join(field(v) for v in row) for row in rows]
    text = newline.join(lines) + newline
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        read_or_refuse(path)
        read_or_refuse(path, source)


names = st.text(min_size=1, max_size=12).filter(
    lambda s: s == s.strip() and s != "" and s.lower() not in NULL_TOKENS
)


def order_rows(draw_count: int = 8):
    """Valid order lines: every value a contract-conforming one."""
    money = st.decimals(min_value=0, max_value=99999, places=2).map(float)
    row = st.fixed_dictionaries(
        {
            "order_id": st.integers(1, 10**7).map(lambda n: f"SO-{n}"),
            "line_number": st.integers(1, 50),
            "order_date": st.dates(
                pd.Timestamp("2000-01-01").date(), pd.Timestamp("2030-12-31").date()
            ),
            "region": st.sampled_from(["apac", "emea", "latam", "na"]),
            "customer_id": st.text("C0123456789", min_size=1, max_size=6),
            "customer_name": names,
            "vertical": st.sampled_from(["Retail", "Energy", "Public Sector"]),
            "segment": st.sampled_from(SEGMENTS),
            "rep_id": st.text("R0123456789", min_size=2, max_size=4),
            "channel": st.sampled_from(CHANNELS),
            "product_id": st.sampled_from(["S100", "A5", "FM"]),
            "product_name": st.sampled_from(["S100 Sensor", "A5 Bench Analyzer", "Fleet Monitor"]),
            "category": st.sampled_from(["Sensors", "Analyzers", "Software"]),
            "quantity": st.integers(1, 10_000),
            "list_price": money,
            "discount_pct": st.sampled_from([0.0, 0.05, 0.125, 0.5]),
            "net_revenue": money,
            "cost": money,
            "currency": st.sampled_from(["USD", "EUR", "BRL", "AUD"]),
        }
    )
    return st.lists(row, min_size=0, max_size=draw_count)


@FRAME_SETTINGS
@given(rows=order_rows(), separator=st.sampled_from(SEPARATORS))
def test_valid_orders_load_whole_and_unchanged(rows, separator):
    frame = pd.DataFrame(rows, columns=ORDERS.column_names)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        frame.to_csv(path, sep=separator, index=False, date_format="%Y-%m-%d", lineterminator=CRLF)
        read = read_table(path, ORDERS, Source(separator=separator))
    check_counts(read)
    assert (read.input_rows, len(read.frame), len(read.rejects)) == (len(rows), len(rows), 0)
    assert read.frame["customer_name"].tolist() == frame["customer_name"].tolist()
    assert read.frame["net_revenue"].tolist() == frame["net_revenue"].tolist()
    assert read.frame["quantity"].tolist() == frame["quantity"].tolist()


@FRAME_SETTINGS
@given(
    rows=order_rows(12),
    damage=st.lists(
        st.tuples(st.integers(0, 11), st.sampled_from(ORDERS.column_names), cells), max_size=4
    ),
)
def test_damaged_orders_count_every_row(rows, damage):
    frame = pd.DataFrame(rows, columns=ORDERS.column_names).astype(object)
    for row, column, value in damage:
        if row < len(frame):
            frame.loc[row, column] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator=CRLF)
        read = read_or_refuse(path, Source(max_reject_share=1.0))
    if read is not None:
        assert read.input_rows == len(rows)
