"""The products section's sentences: the template each case calls for, never an n/a."""

import pandas as pd

from reportlib.analysis import product_statements as st
from reportlib.analysis.products import Launch
from reportlib.analysis.sentences import Sentence
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
P = pd.Period
OCTOBER = P("2026-10", "M")


def said(sentence: Sentence | None) -> str | None:
    """The sentence as a reader reads it (values not escaped: plain test values)."""
    return None if sentence is None else sentence.template.format(**sentence.values)


LAUNCH = Launch("Insight Cloud", P("2025-11", "M"))
PRODUCT_KPIS = {
    "new_product_share": 0.047,
    "new_product_share_ly": 0.0,
    "new_product_adopters": 292,
}


def test_new_product_sentence_for_each_case():
    assert said(st.new_product_sentence(PRODUCT_KPIS, LAUNCH, OCTOBER, FMT)) == (
        "Insight Cloud, new to the company (launched in November 2025), brought 4.7% of net "
        "revenue in October 2026, against 0.0% a year earlier; 292 customers have bought it so "
        "far."
    )
    first = {**PRODUCT_KPIS, "new_product_share_ly": None, "new_product_adopters": 1}
    assert said(st.new_product_sentence(first, LAUNCH, OCTOBER, FMT)) == (
        "Insight Cloud, new to the company (launched in November 2025), brought 4.7% of net "
        "revenue in October 2026; 1 customer has bought it so far."
    )
    nothing = {**PRODUCT_KPIS, "new_product_share": None}
    assert said(st.new_product_sentence(nothing, LAUNCH, OCTOBER, FMT)) == (
        "Insight Cloud is new to the company (launched in November 2025); October 2026 had no "
        "net revenue to measure its share of."
    )
    assert said(st.new_product_sentence(PRODUCT_KPIS, None, OCTOBER, FMT)) == (
        "No product is new to the company: none that sells here was launched in the 24 months "
        "to October 2026."
    )
    assert st.new_product_sentence({}, None, OCTOBER, FMT, knows_products=False) is None


def test_new_to_region_sentence():
    orders = pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2026-08-03", "2026-10-01", "2026-10-02"]),
            "customer_id": pd.Series(["K1", "K1", "K2"], dtype="string"),
            "product_id": pd.Series(["T2", "T2", "X"], dtype="string"),
            "product_name": pd.Series(["Summit Tent", "Summit Tent", "Other"], dtype="string"),
            "net_revenue": [50.0, 25.0, 75.0],
        }
    )
    arrival = Launch("Summit Tent", P("2026-08", "M"), "region", P("2023-11", "M"))
    assert said(st.new_to_region_sentence(orders, OCTOBER, arrival, "Latin America", FMT)) == (
        "Summit Tent is new to Latin America, not to the company: first sold here in August "
        "2026, it has sold in other regions since November 2023. It brought 25.0% of the "
        "region's net revenue in October 2026."
    )
    unknown = Launch("Summit Tent", P("2026-08", "M"), "region", None)
    assert said(st.new_to_region_sentence(orders, OCTOBER, unknown, "Latin America", FMT)) == (
        "Summit Tent is new to Latin America: first sold here in August 2026. It brought 25.0% "
        "of the region's net revenue in October 2026."
    )
    # September had no revenue: no share to give
    assert st.new_to_region_sentence(orders, P("2026-09", "M"), arrival, "LatAm", FMT) is None
    assert st.new_to_region_sentence(orders, OCTOBER, None, "Latin America", FMT) is None


def test_no_template_is_left_with_a_missing_figure():
    empty = dict.fromkeys(PRODUCT_KPIS)
    assert "n/a" not in said(st.new_product_sentence(empty, LAUNCH, OCTOBER, FMT))
