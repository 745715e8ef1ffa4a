"""present.table's markup: text left and numbers right, each cell labelled by its header."""

import re

import pandas as pd

from reportlib import present
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")


def _teams() -> pd.DataFrame:
    """Two teams: a text column (manager), a number column (revenue), a share with a gap."""
    return pd.DataFrame(
        {
            "manager": ["Ana Lima", "Bo Chen"],
            "revenue": [1234.5, 99.0],
            "share": [0.25, None],
        },
        index=pd.Index(["North", "South & <East>"], name="team"),
    )


COLUMNS = {
    "manager": ("Manager", str),
    "revenue": ("Revenue", FMT.money),
    "share": ("Share of revenue", FMT.pct),
}


def _html() -> str:
    return present.table(_teams(), COLUMNS, caption="Teams", index_label="Team").data


def test_text_columns_are_not_marked_as_numbers():
    html = _html()
    assert '<th scope="col" class="text">Manager</th>' in html
    assert '<td class="text" data-label="Manager">Ana Lima</td>' in html
    assert '<th scope="col" class="num">Revenue</th>' in html
    assert '<td class="num" data-label="Revenue">$1,234.50</td>' in html


def test_a_number_column_with_a_missing_value_stays_a_number_column():
    html = _html()
    assert '<td class="num" data-label="Share of revenue">25.0%</td>' in html
    assert '<td class="num" data-label="Share of revenue">n/a</td>' in html


def test_every_cell_is_labelled_by_its_header_escaped():
    frame = pd.DataFrame({"x": [1.0]}, index=["a"])
    html = present.table(
        frame, {"x": ('Win rate "vs" <rival>', FMT.number)}, caption="C", index_label="Row"
    ).data
    assert 'data-label="Win rate &#34;vs&#34; &lt;rival&gt;"' in html


def test_each_row_has_one_row_header_and_one_cell_per_column():
    html = _html()
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    assert len(rows) == 3  # the header row and two teams
    for row in rows[1:]:
        assert row.count('<th scope="row">') == 1
        assert row.count("<td ") == 3
    assert '<th scope="row">South &amp; &lt;East&gt;</th>' in html


def test_a_column_of_dates_or_booleans_reads_as_text():
    frame = pd.DataFrame(
        {"ended": pd.to_datetime(["2026-05-31"]), "won": [True]}, index=pd.Index(["Fair"])
    )
    html = present.table(
        frame,
        {"ended": ("Ended", str), "won": ("Won", present.yes_no)},
        caption="C",
        index_label="Campaign",
    ).data
    assert '<td class="text" data-label="Ended">' in html
    assert '<td class="text" data-label="Won">' in html


def test_integer_columns_with_object_dtype_are_numbers():
    frame = pd.DataFrame({"n": pd.Series([3, None], dtype=object)}, index=["a", "b"])
    html = present.table(frame, {"n": ("Deals", str)}, caption="C", index_label="Row").data
    assert '<th scope="col" class="num">Deals</th>' in html
