"""The customers section's sentences: the template each case calls for, never an n/a."""

import pandas as pd
import pytest

from reportlib.analysis import customer_statements as st
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
P = pd.Period
OCTOBER = P("2026-10", "M")


def said(sentence: Sentence | None) -> str | None:
    """The sentence as a reader reads it (values not escaped: plain test values)."""
    return None if sentence is None else sentence.template.format(**sentence.values)


KPIS = {
    "customers_at_start": 1560,
    "customers_moved": None,
    "customers_lost": 524,
    "retention_rate": 1036 / 1560,
    "churn_rate": 524 / 1560,
    "nrr": 0.796,
    "grr": 0.495,
    "active_customers": 1604,
    "new_customers": 45,
    "new_customer_revenue_share": 0.106,
}


def test_retention_of_the_whole_starting_cohort():
    assert said(st.retention_sentence(KPIS, OCTOBER, FMT)) == (
        "Of the 1,560 customers who bought in the 12 months to October 2025, 66.4% bought again "
        "in the 12 months to October 2026; 524 did not, a churn rate of 33.6%. The revenue of "
        "that starting cohort came to 79.6% of its level a year earlier (net revenue retention), "
        "or 49.5% counting only the losses (gross revenue retention)."
    )


def test_customers_who_moved_leave_the_cohort():
    # 353 at start, 56 moved: the other 297, of whom 187 bought again (63.0%) and 110 did not
    kpis = {**KPIS, "customers_at_start": 353, "customers_moved": 56, "customers_lost": 110}
    kpis |= {"retention_rate": 187 / 297, "churn_rate": 110 / 297}
    assert said(st.moved_sentence(kpis, "Latin America", OCTOBER, FMT)).startswith(
        "56 customers who bought in Latin America in the 12 months to October 2025 moved to "
        "another region: they bought nothing here in the 12 months to October 2026,"
    )
    assert said(st.retention_sentence(kpis, OCTOBER, FMT)).startswith(
        "Of the other 297 customers, 63.0% bought again in the 12 months to October 2026; 110 "
        "did not, a churn rate of 37.0%."
    )
    one = {**kpis, "customers_moved": 1, "customers_at_start": 2}
    assert said(st.moved_sentence(one, "Latin America", OCTOBER, FMT)).startswith(
        "1 customer who bought in Latin America"
    )
    assert said(st.retention_sentence(one, OCTOBER, FMT)).startswith("Of the other 1 customer,")
    assert st.moved_sentence(KPIS, "Latin America", OCTOBER, FMT) is None  # the company's report
    assert st.moved_sentence({**KPIS, "customers_moved": 0}, "Asia", OCTOBER, FMT) is None


def test_retention_without_24_months_of_history_has_no_na():
    kpis = {**KPIS, "retention_rate": None, "churn_rate": None, "nrr": None, "grr": None}
    assert said(st.retention_sentence(kpis, OCTOBER, FMT)) == (
        "Retention, churn and revenue retention need 24 months of order history before "
        "October 2026; the data begin later."
    )


def test_buyers_in_the_company_and_in_a_region():
    assert said(st.buyers_sentence(KPIS, OCTOBER, FMT)) == (
        "1,604 customers bought in the 12 months to October 2026. 45 customers bought for the "
        "first time in October 2026, bringing 10.6% of the month's revenue."
    )
    one = {**KPIS, "active_customers": 1, "new_customers": 1, "new_customer_revenue_share": 0.25}
    assert said(st.buyers_sentence(one, OCTOBER, FMT, "Latin America")) == (
        "1 customer bought in the 12 months to October 2026. 1 customer bought in Latin America "
        "for the first time in October 2026, bringing 25.0% of the month's revenue."
    )


def test_first_time_buyers_without_a_share_or_without_buyers():
    # the month's revenue nets to zero: no share to give (it read "bringing n/a")
    netted = {**KPIS, "new_customer_revenue_share": None}
    assert said(st.buyers_sentence(netted, OCTOBER, FMT)).endswith(
        " 45 customers bought for the first time in October 2026."
    )
    none = {**KPIS, "new_customers": 0, "new_customer_revenue_share": 0.0}
    assert said(st.buyers_sentence(none, OCTOBER, FMT, "Asia Pacific")).endswith(
        " No customer bought in Asia Pacific for the first time in October 2026."
    )


@pytest.fixture
def active() -> pd.DataFrame:
    """Active customers Jan 2024 to Mar 2026; north dips each first quarter (−20%, then −18%)."""
    months = pd.period_range("2024-01", "2026-03", freq="M", name="month")
    north = [100.0] * 12 + [90, 85, 80] + [100.0] * 9 + [92, 88, 82]
    return pd.DataFrame({"north": north}, index=months)


def test_fall_sentence_seasonal_headline_or_none(active):
    names = {"north": "North"}
    march = P("2026-03", "M")
    assert said(st.fall_sentence(active, march, FMT, names)) == (
        "Active customers of North fell 18.0% from 100 in December 2025 to 82 in March 2026, "
        "much as over the same months a year earlier (−20.0%): a seasonal dip, not a decline."
    )
    deeper = active.copy()
    deeper.loc[march, "north"] = 70.0  # −30% against −20%
    assert said(st.fall_sentence(deeper, march, FMT, names)) == (
        "The steepest recent three-month fall in active customers: North, −30.0%, from 100 in "
        "December 2025 to 70 in March 2026, against −20.0% over the same months a year earlier."
    )
    short = deeper.iloc[-4:].rename(columns={"north": "customers"})  # no year earlier
    assert said(st.fall_sentence(short, march, FMT, {"customers": "Acme"})) == (
        "The steepest recent three-month fall in active customers (the data do not reach the "
        "same months a year earlier): Acme, −30.0%, from 100 in December 2025 to 70 in March "
        "2026."
    )
    flat = active.assign(north=100.0)
    assert said(st.fall_sentence(flat, march, FMT, names)) == (
        "No three-month fall in active customers ends in the three months to March 2026."
    )


def test_top_customers_caption_says_how_many_of_how_many():
    assert st.top_customers_caption(10, 1604, OCTOBER, FMT) == (
        "The 10 largest of 1,604 customers, 12 months to October 2026"
    )
    assert st.top_customers_caption(7, 7, OCTOBER, FMT) == (
        "All 7 customers with revenue, largest first, 12 months to October 2026"
    )
    assert st.top_customers_caption(1, 1, OCTOBER, FMT) == (
        "The only customer with revenue, 12 months to October 2026"
    )
    assert st.top_customers_caption(0, 0, OCTOBER, FMT) == (
        "No customer with revenue, 12 months to October 2026"
    )


def test_no_template_is_left_with_a_missing_figure():
    # every case picked from missing figures states no n/a
    empty = dict.fromkeys(KPIS)
    for sentence in (
        st.retention_sentence(empty, OCTOBER, FMT),
        st.buyers_sentence(empty, OCTOBER, FMT),
        st.buyers_sentence({**empty, "new_customers": 3}, OCTOBER, FMT, "Asia"),
    ):
        assert "n/a" not in said(sentence)
