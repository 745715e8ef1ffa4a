"""The profitability sections' sentences and captions, against texts worked out by hand.

The issue's examples: "rose +2.6 pp" (a signed figure after a verb of direction), sentences
holding "n/a" (a leakage or margin without the year before), and a table of the first ten sales
reps whose caption did not say how many there were.
"""

import pandas as pd
import pytest

from reportlib.analysis import profitability as prof
from reportlib.analysis import profitability_statements as said
from reportlib.formatting import Formatter

P = pd.Period
OCT = P("2026-10", "M")  # trailing 12 months: Nov 2025 .. Oct 2026; the 12 before: Nov 2024 ..
FMT = Formatter("en_US", "USD")


def _frame(rows: list[tuple]) -> pd.DataFrame:
    columns = ["order_date", "channel", "rep_id", "quantity", "list_price", "net_revenue", "cost"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    for column in ("channel", "rep_id"):
        frame[column] = frame[column].astype("string")
    frame["quantity"] = frame["quantity"].astype("Int64")
    return frame


def _texts(sentences: list) -> list[str]:
    return [s.text() for s in sentences]


@pytest.fixture
def two_channels() -> pd.DataFrame:
    return _frame(
        [
            # date, channel, rep, qty, list/unit, net, cost
            # trailing 12 months: Direct list 1000, net 800 (20%); Partner list 1000, net 874
            # (12.6%); whole: list 2000, net 1674 -> 16.3%
            ("2026-10-05", "Direct", "R1", 10, 100.0, 800.0, 500.0),
            ("2026-06-05", "Partner", "R2", 10, 100.0, 874.0, 600.0),
            # the 12 months before: Direct list 1000, net 820 (18%); Partner list 1000, net 900
            # (10%); whole: list 2000, net 1720 -> 14.0%
            ("2025-10-05", "Direct", "R1", 10, 100.0, 820.0, 500.0),
            ("2025-06-05", "Partner", "R2", 10, 100.0, 900.0, 600.0),
        ]
    )


def test_leakage_rose_most_is_said_with_a_magnitude_not_a_signed_figure(two_channels):
    # Direct: 20% against 18%, +2.0 pp; Partner: 12.6% against 10%, +2.6 pp: the issue's
    # "rose +2.6 pp" now reads "rose most, by 2.6 pp"
    figures = prof.profitability_kpis(two_channels, OCT)
    text = _texts(said.leakage_sentences(figures, OCT, FMT, by_channel=True))
    assert text == [
        "Over the 12 months to October 2026 discounts took 16.3% of list value, against 14.0% "
        "in the 12 months before (+2.3 pp).",
        "Leakage rose most, by 2.6 pp, in the Partner channel.",
    ]


def test_leakage_that_rose_in_no_channel_is_not_said_to_have_risen_most():
    # the "largest increase" is a fall of 1.2 pp: nothing rose
    figures = {
        "discount_leakage": 0.15,
        "discount_leakage_before": 0.17,
        "discount_leakage_change": -0.02,
        "largest_leakage_increase": "Partner",
        "largest_leakage_increase_change": -0.012,
    }
    text = _texts(said.leakage_sentences(figures, OCT, FMT, by_channel=True))
    assert text[1] == "Leakage rose in no channel."
    # a rise that rounds to 0.0 pp has not risen either
    figures["largest_leakage_increase_change"] = 0.0004
    assert _texts(said.leakage_sentences(figures, OCT, FMT, by_channel=True))[1] == (
        "Leakage rose in no channel."
    )


def test_leakage_without_the_year_before_leaves_the_comparison_out():
    # no list value a year earlier: before, change and the channel's change are None; the
    # notebook wrote "against n/a in the 12 months before (n/a)"
    figures = prof.profitability_kpis(
        _frame([("2026-10-05", "Direct", "R1", 10, 100.0, 800.0, 500.0)]), OCT
    )
    assert figures["discount_leakage_before"] is None
    text = _texts(said.leakage_sentences(figures, OCT, FMT, by_channel=False))
    assert text == ["Over the 12 months to October 2026 discounts took 20.0% of list value."]


def test_no_channel_is_named_when_channels_cannot_be_compared(two_channels):
    figures = prof.profitability_kpis(two_channels, OCT)
    assert len(said.leakage_sentences(figures, OCT, FMT, by_channel=False)) == 1
    assert len(said.margin_sentences(figures, OCT, FMT, by_channel=False)) == 1


def test_no_leakage_no_sentence():
    assert said.leakage_sentences({"discount_leakage": None}, OCT, FMT, by_channel=True) == []
    assert said.margin_sentences({}, OCT, FMT, by_channel=True) == []


def test_margin_with_and_without_the_year_before(two_channels):
    figures = prof.profitability_kpis(two_channels, OCT)
    # now: revenue 1674, cost 1100 -> 574 / 1674 = 34.29%; before: 620 / 1720 = 36.05%;
    # change -1.76 pp. Direct's share rose (800 / 1674 = 47.8% against 820 / 1720 = 47.7%) at a
    # margin of 37.5%, above the average: accretive; Partner's fell. No channel dilutes margin.
    text = _texts(said.margin_sentences(figures, OCT, FMT, by_channel=True))
    assert text == [
        "Gross margin over the 12 months to October 2026 was 34.3% (−1.8 pp on the year before).",
        "No channel gains share at a margin below the average, so none dilutes margin.",
    ]
    figures = {**figures, "gross_margin_pct_12m_change": None, "most_dilutive": "Partner"}
    text = _texts(said.margin_sentences(figures, OCT, FMT, by_channel=True))
    assert text == [
        "Gross margin over the 12 months to October 2026 was 34.3%.",
        "The channel whose growth dilutes margin most: Partner.",
    ]
    assert not any("n/a" in t for t in text)


def test_bridge_sentences_leave_out_what_is_not_known():
    scope = prof.BridgeScope(
        both=2, new=1, discontinued=0, both_share=0.4, leakage_both=0.25, leakage_both_before=0.2,
        leakage_new=0.3,
    )  # fmt: skip
    assert _texts(said.bridge_sentences(scope, OCT, FMT)) == [
        "The volume, mix, list price and discount steps cover the products sold in both "
        "periods: 40.0% of the revenue of the 12 months to October 2026.",
        "On the products sold in both periods discounts took 25.0% of list value, against 20.0% "
        "a year earlier.",
        "Discounts took 30.0% of the list value of the new products.",
    ]
    assert said.bridge_sentences(None, OCT, FMT) == []
    nothing = prof.BridgeScope(both=0, new=0, discontinued=0, both_share=None)
    assert said.bridge_sentences(nothing, OCT, FMT) == []


def test_no_mix_sentence():
    assert said.no_mix_sentence(FMT).text() == (
        "No mix effect: no channel's change of share moved the 12-month gross margin by 0.05 pp "
        "or more, so the table leaves the mix effect out."
    )


def _reps(n: int) -> pd.DataFrame:
    # rep Rk sells 100 × k in October 2026 at cost 50 × k
    return _frame(
        [
            ("2026-10-05", "Direct", f"R{k:02d}", 1, 100.0 * k, 100.0 * k, 50.0 * k)
            for k in range(1, n + 1)
        ]
    )


def test_a_top_ten_table_says_it_shows_the_ten_largest_of_all():
    rep = said.MARGIN_COMPARISONS[-1]
    view = said.margin_view(_reps(12), rep, OCT, FMT)
    assert list(view.shown.index) == [f"R{k:02d}" for k in range(12, 2, -1)]
    assert view.caption == (
        "Gross margin by sales rep, October 2026 and trailing 12 months: the 10 largest of 12 "
        "by 12-month revenue"
    )
    view = said.margin_view(_reps(3), rep, OCT, FMT)
    assert len(view.shown) == 3
    assert view.caption == "Gross margin by sales rep, October 2026 and trailing 12 months"


def test_margin_views_of_a_company_report_and_of_one_member():
    orders = _reps(1)
    views = said.margin_views(orders, OCT, FMT, regional=False)
    # the company report has no sales-rep table; category and industry are not delivered
    assert [v.comparison.column for v in views] == ["category", "channel", "vertical"]
    assert [v.shown for v in views[::2]] == [None, None]
    assert views[1].shown is None and views[1].few == (
        "All sales in the 12 months to October 2026 were in one sales channel, Direct: there is "
        "no other sales channel to compare it with."
    )
    assert [v.comparison.column for v in said.margin_views(orders, OCT, FMT, regional=True)][
        -1
    ] == "rep_id"
