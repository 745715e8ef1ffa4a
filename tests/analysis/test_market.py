"""Competitor and market analyses against figures worked out by hand on tiny fixtures."""

import pandas as pd
import pytest

from reportlib import sample
from reportlib.analysis import market as mk
from reportlib.formatting import Formatter

P = pd.Period("2026-10", "M")  # window of close dates: November 2025 - October 2026
FMT = Formatter("en_US", "USD")


@pytest.fixture
def opportunities() -> pd.DataFrame:
    rows = [
        # id, region, competitor, closed, won, amount, close date, loss reason, type
        ("O1", "latam", "Vantora", True, True, 100.0, "2026-05-10", None, "New"),
        ("O2", "latam", "Vantora", True, False, 300.0, "2026-06-01", "Price", "New"),
        ("O3", "na", "Vantora", True, False, 200.0, "2026-10-31", "Price", "Existing"),
        ("O4", "na", "Vantora", True, True, 600.0, "2026-09-15", None, "New"),
        ("O5", "na", "Kestrel", True, True, 50.0, "2026-01-20", None, "New"),
        ("O6", "latam", "Kestrel", True, False, 150.0, "2025-12-01", "Timing", "New"),
        ("O7", "na", None, True, True, 500.0, "2026-02-02", None, "New"),
        ("O8", "latam", None, True, False, 100.0, "2026-03-03", None, "New"),  # no reason given
        ("O9", "latam", "Vantora", True, False, 999.0, "2025-10-31", "Price", "New"),  # before
        ("O10", "na", "Kestrel", False, None, 700.0, "2026-11-15", None, "New"),  # open
        ("O11", "na", "Kestrel", True, True, 80.0, "2026-11-02", None, "New"),  # after
        ("O12", "latam", None, True, True, 250.0, "2026-04-04", None, "Existing"),
        ("O13", "na", "Kestrel", True, False, 120.0, "2026-07-07", "Lost to competitor", "New"),
        ("O14", "latam", "Vantora", True, False, 50.0, "2026-08-08", "Price", "Existing"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "opportunity_id",
            "region",
            "competitor",
            "is_closed",
            "is_won",
            "amount",
            "close_date",
            "loss_reason",
            "type",
        ],
    )
    for col in ("opportunity_id", "region", "competitor", "loss_reason", "type"):
        frame[col] = frame[col].astype("string")
    frame["is_closed"] = frame["is_closed"].astype("boolean")
    frame["is_won"] = frame["is_won"].astype("boolean")
    frame["close_date"] = pd.to_datetime(frame["close_date"])
    return frame


@pytest.fixture
def market() -> pd.DataFrame:
    rows = [
        # month, company, is_own, sales, avg_price
        ("2025-10", "Own Co", True, 200.0, 10.0),
        ("2025-10", "Kestrel", False, 500.0, 12.0),
        ("2025-10", "Vantora", False, 300.0, 8.0),
        ("2026-09", "Own Co", True, 250.0, 10.0),
        ("2026-09", "Kestrel", False, 450.0, 11.0),
        ("2026-09", "Vantora", False, 300.0, 9.0),
        ("2026-10", "Own Co", True, 300.0, 12.0),
        ("2026-10", "Kestrel", False, 400.0, 10.0),
        ("2026-10", "Vantora", False, 500.0, 10.0),
        ("2026-11", "Own Co", True, 999.0, 99.0),  # after the period: ignored
    ]
    frame = pd.DataFrame(rows, columns=["month", "competitor", "is_own", "sales", "avg_price"])
    frame["month"] = frame["month"].astype("string")
    frame["competitor"] = frame["competitor"].astype("string")
    frame["is_own"] = frame["is_own"].astype("boolean")
    frame["region"] = pd.array(["na"] * len(frame), dtype="string")
    return frame


def test_closed_deals_keeps_the_window_and_labels_missing_values(opportunities):
    deals = mk.closed_deals(opportunities, P)
    # O9 closed before November 2025, O10 is open, O11 closes after October 2026
    assert sorted(deals.index) == [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13]
    assert deals.loc[6, "competitor"] == mk.NO_COMPETITOR
    assert deals.loc[7, "loss_reason"] == mk.NOT_GIVEN
    assert deals["won"].sum() == 5  # O1, O4, O5, O7, O12


def test_win_rate_by_competitor(opportunities):
    before = opportunities.copy()
    wr = mk.win_rate_by_competitor(opportunities, P)
    pd.testing.assert_frame_equal(opportunities, before)  # input not mutated
    # lowest first, baseline last
    assert list(wr.index) == ["Kestrel", "Vantora", mk.NO_COMPETITOR]
    # Vantora: O1, O2, O3, O4, O14 closed; O1 and O4 won -> 2 / 5
    v = wr.loc["Vantora"]
    assert (v["closed"], v["won"], v["lost"]) == (5, 2, 3)
    assert v["win_rate"] == pytest.approx(0.4)
    # value: (100 + 600) / (100 + 300 + 200 + 600 + 50)
    assert v["win_rate_value"] == pytest.approx(700 / 1250)
    # Kestrel: O5 won, O6 and O13 lost -> 1 / 3; value 50 / (50 + 150 + 120)
    assert wr.loc["Kestrel", "win_rate"] == pytest.approx(1 / 3)
    assert wr.loc["Kestrel", "win_rate_value"] == pytest.approx(50 / 320)
    # baseline: O7 and O12 won, O8 lost -> 2 / 3
    assert wr.loc[mk.NO_COMPETITOR, "win_rate"] == pytest.approx(2 / 3)
    assert v["vs_baseline"] == pytest.approx(0.4 - 2 / 3)


def test_win_rate_matrix_by_region(opportunities):
    m = mk.win_rate_matrix(opportunities, P, by="region")
    assert list(m.columns) == ["latam", "na", mk.ALL]
    assert list(m.index) == ["Kestrel", "Vantora", mk.NO_COMPETITOR]
    assert m.loc["Vantora", "latam"] == pytest.approx(1 / 3)  # O1 won; O2, O14 lost
    assert m.loc["Vantora", "na"] == pytest.approx(1 / 2)  # O4 won; O3 lost
    assert m.loc["Kestrel", "latam"] == 0.0  # O6 lost
    assert m.loc[mk.NO_COMPETITOR, "na"] == 1.0  # O7 won
    assert m.loc["Vantora", mk.ALL] == pytest.approx(0.4)


def test_loss_reasons_by_count_and_value(opportunities):
    lr = mk.loss_reasons(opportunities, P)
    # lost in the window: O2 300 Price, O3 200 Price, O6 150 Timing, O8 100 (none),
    # O13 120 Lost to competitor, O14 50 Price -> 6 deals, 920
    assert list(lr.index) == ["Price", "Timing", "Lost to competitor", mk.NOT_GIVEN]
    assert lr.loc["Price", "deals"] == 3
    assert lr.loc["Price", "deal_share"] == pytest.approx(0.5)
    assert lr.loc["Price", "amount"] == 550.0
    assert lr.loc["Price", "value_share"] == pytest.approx(550 / 920)
    assert lr.loc[mk.NOT_GIVEN, "value_share"] == pytest.approx(100 / 920)
    vantora = mk.loss_reasons(opportunities, P, competitor="Vantora")
    assert list(vantora.index) == ["Price"]
    assert vantora.loc["Price", "value_share"] == 1.0


def test_market_trend(market):
    t = mk.market_trend(market, P, months=13)
    assert t.index[0] == pd.Period("2025-10", "M")
    assert t.index[-1] == P  # November 2026 is after the period
    oct26 = t.loc[P]
    assert oct26["market_sales"] == 1200.0
    assert oct26["market_share"] == pytest.approx(0.25)  # 300 / 1200
    assert oct26["largest_rival"] == "Vantora"
    assert oct26["relative_share"] == pytest.approx(0.6)  # 300 / 500
    # 12 / mean(10, 10) x 100
    assert oct26["price_index"] == pytest.approx(120.0)
    sep26 = t.loc[pd.Period("2026-09", "M")]
    assert sep26["largest_rival"] == "Kestrel"
    assert sep26["relative_share"] == pytest.approx(250 / 450)
    assert sep26["price_index"] == pytest.approx(100.0)  # 10 / mean(11, 9)
    assert pd.isna(t.loc[pd.Period("2026-01", "M"), "market_share"])  # month without data
    # a longer span starts at the first month with data
    assert mk.market_trend(market, P, months=24).index[0] == pd.Period("2025-10", "M")


def test_company_shares_put_the_company_first(market):
    s = mk.company_shares(market, P, months=2)
    assert list(s.index) == [pd.Period("2026-09", "M"), P]
    # rivals by their October share: Vantora 500 / 1200 before Kestrel 400 / 1200
    assert list(s.columns) == ["Own Co", "Vantora", "Kestrel"]
    assert s.loc[P, "Vantora"] == pytest.approx(500 / 1200)
    assert s.loc[pd.Period("2026-09", "M"), "Kestrel"] == pytest.approx(0.45)
    assert mk.own_company(market) == "Own Co"


def test_competitor_shares_change_over_a_year(market):
    one = mk.competitor_shares(market, P, span=1)
    # October 2026 against October 2025
    assert list(one.index) == ["Vantora", "Kestrel", "Own Co"]
    assert one.loc["Vantora", "share"] == pytest.approx(500 / 1200)
    assert one.loc["Vantora", "share_year_ago"] == pytest.approx(0.3)
    assert one.loc["Vantora", "change"] == pytest.approx(500 / 1200 - 0.3)
    assert one.loc["Kestrel", "change"] == pytest.approx(400 / 1200 - 0.5)
    assert one.loc["Kestrel", "price_index"] == pytest.approx(120.0)  # own 12 / Kestrel 10
    assert one.loc["Own Co", "price_index"] == 100.0
    # two months: Sep + Oct 2026 = Own 550, Kestrel 850, Vantora 800 of 2200
    two = mk.competitor_shares(market, P, span=2)
    assert two.loc["Vantora", "share"] == pytest.approx(800 / 2200)
    assert two.loc["Vantora", "avg_price"] == pytest.approx(9.5)  # mean(9, 10)
    assert two.loc["Vantora", "price_index"] == pytest.approx(11 / 9.5 * 100)  # own mean 11
    assert mk.top_competitor_gain(two) == "Vantora"


def test_top_competitor_gain_is_none_when_no_rival_gains():
    shares = pd.DataFrame(
        {"is_own": [True, False, False], "change": [0.05, -0.01, -0.04]},
        index=["Own Co", "A", "B"],
    )
    assert mk.top_competitor_gain(shares) is None


def test_market_kpis(opportunities, market):
    k = mk.market_kpis(opportunities, market, P)
    assert k["market_share"] == pytest.approx(0.25)
    assert k["relative_share"] == pytest.approx(0.6)
    assert k["price_index"] == pytest.approx(120.0)
    assert k["largest_rival"] == "Vantora"
    # three months Aug-Oct 2026 (Sep and Oct present): Vantora 800 / 2200 against 0.3
    assert k["top_competitor_gain"] == "Vantora"
    assert k["top_competitor_share"] == pytest.approx(800 / 2200)
    assert k["top_competitor_share_year_ago"] == pytest.approx(0.3)
    assert k["top_competitor_share_change"] == pytest.approx(800 / 2200 - 0.3)
    assert k["win_rate_vs_top_competitor"] == pytest.approx(0.4)
    assert k["win_rate_no_competitor"] == pytest.approx(2 / 3)


def test_missing_tables_give_empty_frames_and_none():
    assert mk.win_rate_by_competitor(None, P).empty
    assert mk.win_rate_matrix(None, P).empty
    assert mk.loss_reasons(None, P).empty
    assert mk.market_trend(None, P).empty
    assert mk.company_shares(None, P).empty
    assert mk.competitor_shares(None, P).empty
    assert mk.own_company(None) is None
    assert set(mk.market_kpis(None, None, P).values()) == {None}


# --- one competitor, one region, one company: nothing to compare (issue #14) ------------------

SPAN = "the 12 months to October 2026"  # the transitional call: the window as English text


def test_one_rival_is_stated_not_compared(opportunities):
    vantora = opportunities[opportunities["competitor"].ne("Kestrel").fillna(True).astype(bool)]
    wins = mk.win_rate_by_competitor(vantora, P)
    assert list(mk.rivals_met(wins)) == ["Vantora"]
    # Vantora in the window: O1, O4 won; O2, O3, O14 lost
    assert mk.too_few_rivals(wins, FMT, P) == (
        "Every deal with a competitor that closed in the 12 months to October 2026 was against "
        "Vantora: the company won 40.0% of them (2 of 5)."
    )
    assert mk.too_few_rivals(mk.win_rate_by_competitor(opportunities, P), FMT, P) is None
    alone = opportunities[opportunities["competitor"].isna()]
    no_rival = (
        "No deal that closed in the 12 months to October 2026 had a competitor, so there is no "
        "win rate by competitor to compare."
    )
    assert mk.too_few_rivals(mk.win_rate_by_competitor(alone, P), FMT, P) == no_rival
    assert mk.too_few_rivals(mk.win_rate_by_competitor(alone, P), FMT, SPAN) == no_rival


def test_one_region_is_not_compared(opportunities):
    na = opportunities[opportunities["region"] == "na"]
    matrix = mk.win_rate_matrix(na, P, by="region")
    assert list(matrix.columns) == ["na", mk.ALL]  # the one column repeats "All"
    assert list(mk.matrix_groups(matrix)) == ["na"]
    named = matrix.rename(columns={"na": "North America"})
    one_region = (
        "Every deal that closed in the 12 months to October 2026 was in one region, North "
        "America: there is no other region to compare its win rates with."
    )
    assert mk.too_few_groups(named, "region", P, FMT) == one_region
    assert mk.too_few_groups(named, "region", SPAN) == one_region
    assert mk.too_few_groups(mk.win_rate_matrix(opportunities, P), "region", P, FMT) is None
    by_type = mk.win_rate_matrix(opportunities, P, by="type")
    assert mk.too_few_groups(by_type, "type", P, FMT) is None
    no_deal = (
        "No deal closed in the 12 months to October 2026, so there are no win rates to compare "
        "by deal type."
    )
    assert mk.too_few_groups(mk.win_rate_matrix(None, P), "type", P, FMT) == no_deal
    assert mk.too_few_groups(mk.win_rate_matrix(None, P), "deal type", SPAN) == no_deal
    assert mk.too_few_groups(by_type.iloc[:, :1].assign(**{mk.ALL: 0.5}), "type", P, FMT) == (
        "Every deal that closed in the 12 months to October 2026 was of one deal type, "
        f"{by_type.columns[0]}: there is no other deal type to compare its win rates with."
    )


def test_a_market_of_one_company_is_not_compared(market):
    alone = market[market["competitor"] == "Own Co"]
    shares = mk.competitor_shares(alone, P)
    assert shares.loc["Own Co", "share"] == 1.0  # the whole market
    span = "the three months to October 2026"
    assert mk.too_few_companies(shares, span) == mk.too_few_companies(shares, P, FMT)
    assert mk.too_few_companies(shares, P, FMT) == (
        "The market table gives sales of one company only in the three months to October 2026, "
        "Own Co: there is no other company to compare its market share with."
    )
    assert mk.too_few_companies(mk.competitor_shares(market, P), P, FMT) is None
    assert mk.too_few_companies(mk.competitor_shares(None, P), P, FMT) == (
        "The market table gives no sales in the three months to October 2026, so there are no "
        "market shares to compare."
    )


def test_one_rival_does_not_gain_the_most(opportunities, market):
    two = market[market["competitor"] != "Kestrel"].copy()
    two.loc[(two["month"] == "2025-10") & (two["competitor"] == "Vantora"), "sales"] = 200.0
    kpis = mk.market_kpis(opportunities, two, P)
    # Aug-Oct 2026: Vantora 800 of 1350 against 200 of 400 a year earlier
    assert kpis["top_competitor_gain"] == "Vantora"
    assert mk.gain_sentence(kpis, mk.competitor_shares(two, P), FMT, P) == (
        "Vantora, the only competitor in the market table, gained market share over the year, "
        "from 50.0% to 59.3% of the market (the three months to October 2026 against the same "
        "months a year earlier)."
    )
    every = mk.market_kpis(opportunities, market, P)
    # Vantora 800 / 2200 against 0.3
    assert mk.gain_sentence(every, mk.competitor_shares(market, P), FMT, P) == (
        "Vantora gained the most market share over the year, from 30.0% to 36.4% of the market "
        "(the three months to October 2026 against the same months a year earlier)."
    )
    assert mk.gain_sentence({}, mk.competitor_shares(market, P), FMT, P) == mk.NO_GAIN
    assert mk.no_gain(mk.gain_sentence({}, mk.competitor_shares(market, P), FMT, P))


def test_market_position_leaves_out_a_missing_figure(opportunities, market):
    kpis = mk.market_kpis(opportunities, market, P)
    # October 2026: 300 of 1200; 300 / 500 of Vantora's; 12 / mean(10, 10)
    assert mk.position_sentences(kpis, FMT, P) == [
        "In October 2026 the company held 25.0% of the market.",
        "Its sales were 60.0% of those of its largest rival, Vantora.",
        "Its price index stood at 120 (100 = the competitors' average price; above 100 the "
        "company is dearer).",
    ]
    assert mk.position_sentences({"market_share": 0.25}, FMT, P) == [
        "In October 2026 the company held 25.0% of the market."
    ]


@pytest.fixture(scope="module")
def tables(sample_company):
    return sample_company


def test_sample_vantora_beats_the_company_in_latin_america_only(tables):
    name, region = sample.STRONG_COMPETITOR
    opps = tables.opportunities
    matrix = mk.win_rate_matrix(opps, P, by="region")
    latam = matrix.loc[name, region]
    assert latam < 0.2  # 17 won of 100 in the sample
    # well below every other competitor in Latin America ...
    others = matrix.loc[matrix.index != name, region]
    assert (others >= latam + 0.08).all()
    # ... and below Vantora's win rate in every other region (about 40-45%)
    elsewhere = matrix.loc[name, [c for c in matrix.columns if c not in (region, mk.ALL)]]
    assert (elsewhere >= latam + 0.15).all()
    # and Vantora gains market share there, the most of any rival
    in_region = tables.market[tables.market["region"].eq(region).fillna(False)]
    latam_opps = opps[opps["region"].eq(region).fillna(False)]
    k = mk.market_kpis(latam_opps, in_region, P)
    assert k["top_competitor_gain"] == name
    assert k["top_competitor_share_change"] > 0.03  # about +5 points in a year
    assert k["win_rate_vs_top_competitor"] == pytest.approx(latam)
    for other in ("na", "emea", "apac"):
        rows = tables.market[tables.market["region"].eq(other).fillna(False)]
        assert mk.competitor_shares(rows, P).loc[name, "change"] < 0.01
