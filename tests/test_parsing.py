"""Numbers, amounts and dates read only as the declared format says (reportlib.intake.parsing)."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlib.intake.parsing import (
    currency_marks,
    date_format_hint,
    date_formats_reading,
    excel_serials,
    number_format_hint,
    number_formats_reading,
    number_pattern,
    parse_dates,
    parse_numbers,
)


def read(values, decimal=".", thousands="", currency=None, **kw):
    text = pd.Series(values, dtype="string")
    return parse_numbers(text, decimal=decimal, thousands=thousands, currency=currency, **kw)


def one(value, decimal=".", thousands="", currency=None):
    """(value, reason) of a single cell."""
    values, reasons = read([value], decimal, thousands, currency)
    reason = reasons.iloc[0]
    return values.iloc[0], (None if pd.isna(reason) else reason)


# --- the declared format, and nothing else ----------------------------------------------------


@pytest.mark.parametrize(
    ("decimal", "thousands", "text", "value"),
    [
        (",", ".", "1.234,56", 1234.56),
        (",", ".", "2018,52", 2018.52),
        (",", ".", "1.234", 1234.0),
        (",", ".", "-1.234.567,5", -1234567.5),
        (",", ".", "+3", 3.0),
        (",", ".", ",5", 0.5),
        (".", ",", "1,234,567.5", 1234567.5),
        (".", ",", "1,234", 1234.0),
        (".", ",", "999", 999.0),
        (".", "", "1234.56", 1234.56),
        (".", "", "-7", -7.0),
        (".", "", "1e5", 100000.0),
        (",", "", "1234,56", 1234.56),
        (".", "'", "1'234.5", 1234.5),
        (".", "'", "1\u2019234.5", 1234.5),  # the typographic apostrophe of Swiss exports
        (",", " ", "1 250,00", 1250.0),
        (",", " ", "1\u00a0250,00", 1250.0),  # no-break space
        (",", " ", "1\u202f250,00", 1250.0),  # narrow no-break space
        (",", " ", "1\u2009250,00", 1250.0),  # thin space
        (",", " ", "\u22121 250,00", -1250.0),  # the minus sign U+2212
    ],
)
def test_numbers_in_the_declared_format(decimal, thousands, text, value):
    assert one(text, decimal, thousands) == (value, None)


@pytest.mark.parametrize(
    ("decimal", "thousands", "text", "reason"),
    [
        # the value today's loader read as 201852.00
        (",", ".", "2018.52", "'2018.52' does not fit decimal ',' with thousands '.'"),
        # and as 1250
        (".", ",", "12,50", "'12,50' does not fit decimal '.' with thousands ','"),
        (".", ",", "1,23,456", "'1,23,456' does not fit decimal '.' with thousands ','"),
        (".", ",", "1234,567", "'1234,567' does not fit decimal '.' with thousands ','"),
        (".", ",", "1,2345", "'1,2345' does not fit decimal '.' with thousands ','"),
        (",", "", "1234.56", "'1234.56' does not fit decimal ',' with no thousands separator"),
        (".", "", "1234,56", "'1234,56' does not fit decimal '.' with no thousands separator"),
        (".", "", "1 234", "'1 234' does not fit decimal '.' with no thousands separator"),
        (",", " ", "12 50,00", "'12 50,00' does not fit decimal ',' with thousands ' '"),
        (",", " ", "1  250,00", "'1  250,00' does not fit decimal ',' with thousands ' '"),
        (".", "", "inf", "'inf' does not fit decimal '.' with no thousands separator"),
        (".", "", "1e309", "'1e309' is too large a number"),
        (".", "", "1_000", "'1_000' does not fit decimal '.' with no thousands separator"),
        (".", "", "١٢", "'١٢' does not fit decimal '.' with no thousands separator"),
        (
            ".",
            ",",
            "5.00-",
            "'5.00-': a trailing minus is not read: write the minus first (-5.00)",
        ),
        (
            ".",
            ",",
            "(1,234.00)",
            "'(1,234.00)': negative amounts in parentheses are not read: write a leading minus "
            "(-5.00)",
        ),
    ],
)
def test_a_number_that_does_not_fit_is_never_read_as_another(decimal, thousands, text, reason):
    value, why = one(text, decimal, thousands)
    assert math.isnan(value)
    assert why == reason


def test_empty_cells_are_nan_without_a_reason_and_the_index_is_kept():
    text = pd.Series(["1,5", None, "x"], index=[10, 20, 30], dtype="string")
    before = text.copy()
    values, reasons = parse_numbers(text, decimal=",", thousands="")
    assert values.index.tolist() == [10, 20, 30]
    assert values.dtype == "float64"
    assert values.iloc[0] == 1.5
    assert values.iloc[1:].isna().all()
    assert reasons.dtype == "string"
    assert reasons.isna().tolist() == [True, True, False]
    pd.testing.assert_series_equal(text, before)  # the input is left alone


def test_reasons_without_values_are_shared_phrases():
    _, reasons = read(["2018.52", "7.5", "(5,00)"], ",", ".", with_values=False)
    assert reasons.tolist() == [
        "not a number written 1.234,56 (decimal ',', thousands '.')",
        "not a number written 1.234,56 (decimal ',', thousands '.')",
        "a negative amount in parentheses (negative amounts in parentheses are not read: write "
        "a leading minus (-5.00))",
    ]


def test_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="both ','"):
        read(["1"], ",", ",")
    with pytest.raises(ValueError, match="decimal mark ';'"):
        read(["1"], ";", "")


# --- the plain format parses exactly as pandas does --------------------------------------------


ACCEPTED = [
    "1", "-1", "+1", "1.5", "1.", ".5", "1e5", "1E-5", "4.9e-324", "0.1",
    "0.30000000000000004", "9007199254740993", "123456789012345678901234567890", "0", "-0.0",
    "00012",
]  # fmt: skip
REFUSED = ["inf", "-Infinity", "1e309", "1_000", "0x10", "١٢", "1,5", "1.5.5", "e5", "-", "abc"]


@pytest.mark.parametrize("value", ACCEPTED)
@pytest.mark.parametrize("storage", ["pyarrow", "python"])
def test_plain_numbers_parse_as_pandas_parses_them(value, storage):
    text = pd.Series([value, "2.25", None], dtype=pd.StringDtype(storage))
    expected = pd.to_numeric(text, errors="coerce").astype("float64")
    got, reasons = parse_numbers(text, decimal=".", thousands="")
    pd.testing.assert_series_equal(got, expected, check_exact=True)
    assert np.signbit(got.to_numpy()).tolist() == np.signbit(expected.to_numpy()).tolist()
    assert reasons.isna().all()


@pytest.mark.parametrize("value", REFUSED)
def test_what_pandas_would_read_beyond_the_format_is_refused(value):
    got, reasons = read([value, "2.25", None])
    assert got.iloc[1] == 2.25
    assert math.isnan(got.iloc[0])
    assert reasons.notna().tolist() == [True, False, False]


def test_minus_zero_as_pandas_reads_it():
    # pandas reads "-0" among whole numbers as 0, and "-0.0" (or "-0" among decimals) as -0.0
    assert not np.signbit(read(["-0", "1"])[0].to_numpy()).any()
    assert np.signbit(read(["-0", "1.5"])[0].to_numpy()).tolist() == [True, False]
    assert np.signbit(read(["-0,0", "1"], ",", ".")[0].to_numpy()).tolist() == [True, False]


def test_object_columns_read_like_string_columns():
    text = pd.Series(["1.234,5", None, "x"], dtype=object)
    values, reasons = parse_numbers(text, decimal=",", thousands=".")
    assert values.iloc[0] == 1234.5
    assert reasons.isna().tolist() == [True, True, False]


# An oracle written apart from the code under test: Python's re and float().
ORACLE = {
    (".", ""): r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?",
    (",", ""): r"[+-]?([0-9]+(,[0-9]*)?|,[0-9]+)([eE][+-]?[0-9]+)?",
    (",", "."): r"[+-]?(([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]*)?|,[0-9]+)([eE][+-]?[0-9]+)?",
    (".", ","): r"[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?",
    (",", " "): r"[+-]?(([0-9]{1,3}( [0-9]{3})+|[0-9]+)(,[0-9]*)?|,[0-9]+)([eE][+-]?[0-9]+)?",
}


def oracle(text: str, decimal: str, thousands: str) -> float:
    if not re.fullmatch(ORACLE[decimal, thousands], text):
        return math.nan
    plain = text.replace(thousands, "") if thousands else text
    number = float(plain.replace(decimal, "."))
    return number if math.isfinite(number) else math.nan


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="0123456789+-.,eE $", min_size=1, max_size=12), max_size=8),
    st.sampled_from(sorted(ORACLE)),
)
def test_any_text_reads_as_the_oracle_says(values, fmt):
    decimal, thousands = fmt
    got, reasons = read(values, decimal, thousands)
    expected = [oracle(v, decimal, thousands) for v in values]
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-15, equal_nan=True)
    assert reasons.isna().tolist() == [not math.isnan(e) for e in expected]


# --- amounts with currency marks ---------------------------------------------------------------


AMOUNTS = [
    ("USD 46,839.50", "USD", 46839.5),  # Salesforce multi-currency report exports
    ("$46,839.50", "USD", 46839.5),
    ("-$5.00", "USD", -5.0),
    ("$-5.00", "USD", -5.0),
    ("46,839.50 USD", "USD", 46839.5),
    ("US$ 3", "USD", 3.0),
    ("$12", "AUD", 12.0),
    ("$12", "CAD", 12.0),
    ("R$ 1,234.56", "BRL", 1234.56),
    ("1,234.56 €", "EUR", 1234.56),
    ("EUR 12", "EUR", 12.0),
    ("£8.50", "GBP", 8.5),
    ("¥1,200", "JPY", 1200.0),
    ("CHF 5", "CHF", 5.0),
    ("7", "USD", 7.0),
]


def test_amounts_in_their_rows_currency_are_read():
    codes = pd.Series([c for _, c, _ in AMOUNTS], dtype="string")
    values, reasons = read([t for t, _, _ in AMOUNTS], ".", ",", currency=codes)
    assert reasons.isna().all(), reasons.dropna().tolist()
    assert values.tolist() == [a for _, _, a in AMOUNTS]


def test_european_amounts_with_marks():
    codes = pd.Series(["BRL", "EUR", "EUR"])
    values, reasons = read(["R$ 1.234,56", "1.234,56 €", "-1.234,56 €"], ",", ".", currency=codes)
    assert values.tolist() == [1234.56, 1234.56, -1234.56]
    assert reasons.isna().all()
    values, _ = read(["1\u00a0234,56\u00a0€", "1 234,56 €"], ",", " ", currency="EUR")
    assert values.tolist() == [1234.56, 1234.56]


def test_a_mark_of_another_currency_is_bad_and_the_reason_names_both():
    codes = pd.Series(["USD", "USD", "EUR", None], dtype="string")
    values, reasons = read(["€12", "EUR 5", "$5", "$7"], ".", ",", currency=codes)
    assert values.isna().all()
    assert reasons.tolist() == [
        "'€12' is marked '€' (EUR), not in the row's currency USD",
        "'EUR 5' is marked 'EUR', not in the row's currency USD",
        "'$5' is marked '$' (AUD, CAD, USD), not in the row's currency EUR",
        "'$7' carries a currency mark ('$') on a row without currency",
    ]


def test_marks_only_in_money_columns():
    values, reasons = read(["$5", "USD 5", "5"], ".", ",")
    assert values.tolist()[2] == 5.0
    assert reasons.tolist()[:2] == [
        "'$5' carries a currency mark ('$') outside a money column",
        "'USD 5' carries a currency mark ('USD') outside a money column",
    ]


def test_letters_that_mark_no_currency_are_not_an_amount():
    _, reasons = read(["x0", "5 USD 5", "USD 5 $"], ".", ",", currency="USD")
    assert reasons.tolist() == [
        "'x0' does not fit decimal '.' with thousands ','",
        "'5 USD 5' does not fit decimal '.' with thousands ','",
        "'USD 5 $' does not fit decimal '.' with thousands ','",
    ]


def test_a_mark_does_not_loosen_the_number_format():
    _, reasons = read(["USD 2018.52", "USD 1,234.56"], ",", ".", currency="USD")
    assert reasons.tolist() == [
        "'USD 2018.52' does not fit decimal ',' with thousands '.'",
        "'USD 1,234.56' does not fit decimal ',' with thousands '.'",
    ]


@pytest.mark.parametrize(
    ("code", "marks"),
    [
        ("USD", {"USD", "$", "US$"}),
        ("AUD", {"AUD", "$", "A$"}),
        ("CAD", {"CAD", "$", "CA$"}),
        ("BRL", {"BRL", "R$"}),
        ("EUR", {"EUR", "€"}),
        ("GBP", {"GBP", "£"}),
    ],
)
def test_currency_marks_come_from_babel(code, marks):
    assert marks <= currency_marks(code)
    assert "€" not in currency_marks("USD")


# --- which settings would read the values -------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "formats"),
    [
        (["1.234,56", "2018,52"], [(",", ".")]),
        (["1,234.56", "12"], [(".", ",")]),
        (["1234,5"], [(",", "")]),
        (["12"], [(".", ""), (",", "")]),
        (["1 234,5"], [(",", " ")]),
        (["abc"], []),
    ],
)
def test_number_formats_reading(values, formats):
    assert number_formats_reading(pd.Series(values, dtype="string")) == formats


def hint(values, bad, decimal=".", thousands="", **kw):
    text = pd.Series(values, dtype="string")
    return number_format_hint(text, pd.Series(bad), decimal=decimal, thousands=thousands, **kw)


def test_number_hint_suggests_what_reads_the_values_and_never_the_current_setting():
    # today `USD 1,234.56` sent users between decimal ',' and decimal '.'
    assert hint(["USD 1,234.56", "USD 12"], [True, False], currency="USD") == (
        "use thousands: ',' for this source in params/sources.yaml "
        "('USD 1,234.56' then reads as 1234.56)"
    )
    assert hint(["USD 1,234.56", "USD 12"], [True, False], ",", ".", currency="USD") == (
        "use decimal: '.' and thousands: ',' for this source in params/sources.yaml "
        "('USD 1,234.56' then reads as 1234.56)"
    )
    assert hint(["1.234,5", "7"], [True, False]) == (
        "use decimal: ',' and thousands: '.' for this source in params/sources.yaml "
        "('1.234,5' then reads as 1234.5)"
    )


def test_number_hint_when_only_the_bad_rows_are_written_otherwise():
    assert hint(["2018.52", "1.234,56", "7,5"], [True, False, False], ",", ".") == (
        "these rows write numbers as 1234.56 (decimal '.', no thousands separator), unlike the "
        "rest of the column: fix those rows"
    )
    # ... unless they are most of the column: then the file is written that way
    assert hint(["2018.52", "3.5", "1.234,56"], [True, True, False], ",", ".", most=True) == (
        "use decimal: '.' and thousands: '' for this source in params/sources.yaml "
        "('2018.52' then reads as 2018.52; then fix the few rows written otherwise)"
    )


@pytest.mark.parametrize(
    ("values", "kw", "expected"),
    [
        (["abc", "12"], {}, "these values are not numbers in any format: fix those rows"),
        (["1.5", "12"], {"whole": True}, "these values are not whole numbers: fix those rows"),
        (
            ["(5.00)", "12"],
            {},
            "write negative numbers with a leading minus (-5.00): fix those rows or the export",
        ),
        (
            ["€5", "12"],
            {"currency": "USD"},
            "some amounts are marked with another currency than their row's: check those amounts "
            "and the currency column",
        ),
        (
            ["$5", "12"],
            {},
            "remove the currency marks from this column: only money columns may carry them",
        ),
    ],
)
def test_number_hint_when_no_setting_reads_the_values(values, kw, expected):
    assert hint(values, [True, False], **kw) == expected


# --- dates ---------------------------------------------------------------------------------------


def test_excel_serials_read_as_dates_only_when_asked():
    # 1899-12-30 + 46296 days: 126 years of 365 days, 31 leap days (1904-2024), 273 days of
    # 2026 to 1 October, and 2 days of 1899: 45990 + 31 + 273 + 2 = 46296 -> 2026-10-01
    text = pd.Series(["46296", "46296.5", "61", "60", "2026-10-31", "3000000", None])
    values, bad = parse_dates(text, date_format="%Y-%m-%d", excel_serials=True)
    assert values.tolist()[:3] == [
        pd.Timestamp("2026-10-01"),
        pd.Timestamp("2026-10-01"),  # the time of day dropped, as the workbook reader does
        pd.Timestamp("1900-03-01"),
    ]
    assert values.iloc[4] == pd.Timestamp("2026-10-31")
    assert bad.tolist() == [False, False, False, True, False, True, False]
    assert values.dtype == "datetime64[ns]"
    _, bad = parse_dates(text, date_format="%Y-%m-%d")
    assert bad.tolist() == [True, True, True, True, False, True, False]


def test_excel_serials():
    text = pd.Series(["46296", "46296.5", "60", "2958465", "2958466", "1e5", "-5", "x", None])
    assert excel_serials(text).tolist() == [
        True,
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        False,
    ]


def test_dates_beyond_2262_are_bad():
    values, bad = parse_dates(pd.Series(["9999-12-31", "2026-01-31"]), date_format="%Y-%m-%d")
    assert bad.tolist() == [True, False]
    assert values.iloc[1] == pd.Timestamp("2026-01-31")


@pytest.mark.parametrize(
    ("values", "formats"),
    [
        (["31/10/2026", "01/02/2026"], ["%d/%m/%Y"]),
        (["10/31/2026", "1/2/2026"], ["%m/%d/%Y"]),
        (["01/02/2026"], ["%d/%m/%Y", "%m/%d/%Y"]),
        (["31.10.2026"], ["%d.%m.%Y"]),
        (["2026/10/31"], ["%Y/%m/%d"]),
        (["31/10/26"], ["%d/%m/%y"]),
        (["20261031"], ["%Y%m%d"]),
        (["2026-02-30"], []),
        (["soon"], []),
    ],
)
def test_date_formats_reading(values, formats):
    assert date_formats_reading(pd.Series(values)) == formats


def date_hint(values, bad, date_format="%Y-%m-%d", **kw):
    return date_format_hint(pd.Series(values), pd.Series(bad), date_format=date_format, **kw)


def test_date_hint_points_the_right_way():
    assert date_hint(["31/10/2026", "15/09/2026"], [True, True], most=True) == (
        "set date_format: '%d/%m/%Y' for this source in params/sources.yaml "
        "('31/10/2026' then reads as 2026-10-31)"
    )
    assert date_hint(["31/10/2026", "2026-10-01"], [True, False]) == (
        "these rows are written DD/MM/YYYY, unlike the rest of the column (YYYY-MM-DD): "
        "fix those rows"
    )
    assert date_hint(["2026-02-30", "2026-10-01"], [True, False]) == (
        "these values are not dates in any common format: fix those rows"
    )
    # never the format already declared
    assert date_hint(["31/10/2026", "2026-10-01"], [False, True], "%d/%m/%Y", most=True) == (
        "set date_format: '%Y-%m-%d' for this source in params/sources.yaml "
        "('2026-10-01' then reads as 2026-10-01; then fix the few rows written otherwise)"
    )


def test_date_hint_says_when_day_and_month_cannot_be_told_apart():
    assert date_hint(["01/10/2026", "03/09/2026"], [True, True], most=True) == (
        "set date_format: '%d/%m/%Y' (DD/MM/YYYY) or '%m/%d/%Y' (MM/DD/YYYY) for this source in "
        "params/sources.yaml: no value tells the day from the month (none above 12), so check "
        "how the export writes dates"
    )


def test_date_hint_for_excel_serials_outside_a_workbook():
    assert date_hint(["46296", "46297"], [True, True], most=True) == (
        "these look like Excel date serials (46296 is 2026-10-01): save the dates as dates "
        "(YYYY-MM-DD), or read the workbook itself"
    )


def test_number_pattern_is_anchored():
    assert number_pattern(",", ".").startswith("^")
    assert number_pattern(",", ".").endswith("$")


def test_empty_cells_beside_marked_amounts():
    """An empty amount among marked ones (a report's footer lines, a blank cell) is empty."""
    text = pd.Series(["$7110.0", None, "12", "€ 5", None, "USD 1,234.50"], dtype="string")
    codes = pd.Series(["USD"] * 6, dtype="string")
    for currency in ("USD", codes):
        values, reasons = parse_numbers(text, decimal=".", thousands=",", currency=currency)
        assert values.isna().tolist() == [False, True, False, True, True, False]
        assert values.iloc[[0, 2, 5]].tolist() == [7110.0, 12.0, 1234.5]
        assert reasons.isna().tolist() == [True, True, True, False, True, True]
