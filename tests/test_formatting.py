"""Formatter: one minus sign, rounded compact money, unsigned magnitudes after a direction."""

import re

import pytest

from reportlib.formatting import MISSING, Formatter

MINUS = "\u2212"  # U+2212 MINUS SIGN

US = Formatter("en_US", "USD")
BR = Formatter("pt_BR", "BRL")
LOCALES = ["en_US", "en_IE", "en_AU", "pt_BR", "de_DE", "sv_SE", "fi_FI", "de_CH", "fr_FR"]


def test_compact_money_under_a_thousand_is_rounded_not_raw():
    # Babel's compact format leaves amounts under 1,000 as they are: $225.75107747424002
    assert US.money(225.75107747424002, compact=True) == "$226"
    assert BR.money(225.75107747424002, compact=True) == "R$\xa0226"
    assert US.money(-225.751, compact=True) == f"{MINUS}$226"
    assert US.money(999.4, compact=True) == "$999"
    assert US.money(1234.5, compact=True) == "$1.2K"
    assert US.money(1_234_567, compact=True, digits=2) == "$1.23M"
    assert US.money(0.5, compact=True, digits=2) == "$0.5"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_negative_figure_uses_the_one_minus_sign(locale):
    fmt = Formatter(locale, "EUR")
    texts = [
        fmt.money(-1234.5),
        fmt.money(-1_234_567, compact=True),
        fmt.money(-225.75, compact=True),
        fmt.number(-1234),
        fmt.pct(-0.97, 0),
        fmt.signed_pct(-0.97, 0),
        fmt.points(-0.026),
        fmt.signed_money(-12.5),
    ]
    for text in texts:
        assert "-" not in text, text
        assert MINUS in text, text


def test_the_percent_of_a_table_and_of_a_sentence_agree():
    # "-97%" in a table (pct) and "−97%" in a sentence (signed_pct) on one page
    assert US.pct(-0.968, 0) == US.signed_pct(-0.968, 0) == f"{MINUS}97%"


def test_a_figure_rounding_to_zero_has_no_sign():
    assert US.pct(-0.0001, 0) == "0%"
    assert US.number(-0.2) == "0"
    assert US.signed_pct(-0.0001) == "0.0%"
    assert US.points(-0.0001) == "0.0 pp"
    assert US.signed_money(-0.001) == "$0.00"


def test_points_after_a_direction_verb_are_unsigned():
    # "rose +2.6 pp": the verb gives the direction, the figure its size
    assert US.points(0.026) == "+2.6 pp"
    assert US.points(0.026, signed=False) == "2.6 pp"
    assert US.points(-0.026, signed=False) == "2.6 pp"


def test_signed_money():
    assert US.signed_money(806.0) == "+$806.00"
    assert US.signed_money(-33_800.0) == f"{MINUS}$33,800.00"
    assert US.signed_money(None) == MISSING


def test_money_with_fixed_digits_keeps_the_locale_pattern():
    assert US.money(1234.567, digits=0) == "$1,235"
    assert BR.money(1234.567, digits=1) == "R$\xa01.234,6"
    assert Formatter("de_DE", "EUR").money(-1234.6, digits=0) == f"{MINUS}1.235\xa0€"


def test_no_raw_float_in_compact_money_of_any_size():
    raw = re.compile(r"\.\d{3,}")  # en_US: "." is the decimal separator
    for value in (0.123456, 7.891011, 225.75107747424002, 999.999, 1000.4, 12_345.678):
        assert not raw.search(US.money(value, compact=True)), US.money(value, compact=True)
    assert US.money(999.999, compact=True) == "$1K"


def test_distinct_money_never_prints_two_amounts_the_same():
    # issue #14: "R$ 2 mi of R$ 2 mi" at 97% of target
    brl = Formatter("pt_BR", "BRL")
    assert brl.money(1_960_000, compact=True) == brl.money(2_020_000, compact=True)
    assert brl.distinct_money(1_960_000, 2_020_000) == ("R$\xa01,96\xa0mi", "R$\xa02,02\xa0mi")
    usd = Formatter("en_US", "USD")
    assert usd.distinct_money(52_000_000.0, 56_000_000.0) == ("$52M", "$56M")
    assert usd.distinct_money(2_000_100.0, 2_000_200.0) == ("$2,000,100.00", "$2,000,200.00")
    assert usd.distinct_money(2e6, 2e6) == ("$2M", "$2M")


def test_percentages_shown_together_never_read_alike_when_they_differ():
    # the retail sample's Latin America read "10.9% of list value, against 10.9% in the 12
    # months before (−0.1 pp)"
    fmt = Formatter("en_US", "USD")
    assert fmt.distinct_pct(0.1093, 0.1087) == ("10.93%", "10.87%")
    assert fmt.distinct_pct(0.148, 0.133) == ("14.8%", "13.3%")
    assert fmt.distinct_pct(0.25, 0.25) == ("25.0%", "25.0%")
    assert fmt.distinct_pct(0.25, None) == ("25.0%", "n/a")
    assert Formatter("pt_BR", "BRL").distinct_pct(0.10934, 0.10931) == ("10,934%", "10,931%")


# --- issue #15: money in prose and tiles rounded to what matters -------------------------------


@pytest.mark.parametrize(
    ("locale", "currency", "value", "expected"),
    [
        # the summary said "invoiced $5,683,841.50 ... of its $6,170,238.00 target"
        ("en_US", "USD", 5_683_841.50, "$5.7M"),
        ("en_US", "USD", 6_170_238.00, "$6.2M"),
        ("en_US", "USD", 6_600.00, "$6.6K"),  # a margin alarm's loss: "$6,600.00"
        ("en_US", "USD", 225.75, "$226"),  # under 1,000: whole dollars
        ("en_US", "USD", -3_300_422.19, "\u2212$3.3M"),  # the one minus sign
        ("pt_BR", "BRL", 6_960_000.00, "R$\xa07\xa0mi"),
        ("pt_BR", "BRL", 5_683_841.50, "R$\xa05,7\xa0mi"),
        ("pt_BR", "BRL", 6_600.00, "R$\xa06,6\xa0mil"),
        ("es_ES", "EUR", 5_683_841.50, "5,7\xa0M\xa0€"),
        ("es_ES", "EUR", 6_600.00, "6,6\xa0mil\xa0€"),
        ("es_ES", "EUR", -1_234.50, "\u22121,2\xa0mil\xa0€"),
    ],
)
def test_money_for_prose_is_rounded_to_what_matters(locale, currency, value, expected):
    fmt = Formatter(locale, currency)
    assert fmt.rounded_money(value) == expected


def test_money_for_prose_keeps_tables_exact_and_missing_reads_n_a():
    fmt = Formatter("en_US", "USD")
    assert fmt.money(5_683_841.50) == "$5,683,841.50"  # tables keep the exact amount
    assert fmt.rounded_money(None) == "n/a"  # which present.sentence leaves out
    assert fmt.rounded_money(float("nan")) == "n/a"
