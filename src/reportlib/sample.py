"""A deterministic, believable sample company: Halvorsen Instruments.

``generate`` builds all eight input tables from a seed; ``write_csv`` writes them as the CSV files
an analyst would receive. The same seed gives the same bytes. Sizes scale with ``orders`` (order
lines): 60,000 by default, 1,000,000 for benchmarks.

A few facts are planted for the analyses to find (see ``PLANTED_FACTS``); tests assert them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from reportlib.intake.data import Tables
from reportlib.intake.schema import DATE_DTYPE, TABLES
from reportlib.sample_service import tickets_and_surveys

COMPANY = "Halvorsen Instruments"
DEFAULT_END = "2026-10"
DEFAULT_MONTHS = 36
DEFAULT_ORDERS = 60_000

PLANTED_FACTS = {
    "underperforming_team": "EMEA South sells 30% below plan from January 2026 on",
    "competitor_wins_in_one_region": "Vantora beats the company in Latin America only",
    "churn_spike": "Asia Pacific loses about 30% of its active customers in June 2026",
    "money_losing_campaign": "NA Trade Show 2026 costs far more than the margin it brings",
    "discount_leakage": "North America's Partner channel discounts 8 points deeper in 2026",
    "new_product": "Insight Cloud launches in May 2025 and grows its share",
    "backlog_build_up": "EMEA's support backlog builds up from June 2026 on",
    "breached_customers_churn": "customers whose tickets breached SLA churn about twice as often",
}
UNDERPERFORMING_TEAM = "EMEA South"
UNDERPERFORMANCE_FROM = pd.Period("2026-01", "M")
UNDERPERFORMANCE_FACTOR = 0.7
STRONG_COMPETITOR = ("Vantora", "latam")
CHURN_SPIKE = ("apac", pd.Period("2026-06", "M"))
CHURN_SPIKE_SHARE = 0.3
LOSING_CAMPAIGN = "NA Trade Show 2026"
NEW_PRODUCT = ("Insight Cloud", pd.Period("2025-05", "M"))
LEAKY_CHANNEL = ("na", "Partner", 2026, 0.08)


@dataclass(frozen=True)
class _Region:
    id: str
    currency: str
    per_usd: float  # local currency per US dollar (price lists are set in local currency)
    weight: float
    teams: tuple[str, str]
    legal: str


REGIONS = (
    _Region("na", "USD", 1.0, 0.40, ("NA East", "NA West"), "Inc."),
    _Region("emea", "EUR", 0.93, 0.30, ("EMEA North", "EMEA South"), "GmbH"),
    _Region("latam", "BRL", 5.4, 0.15, ("Brazil", "LatAm North"), "Ltda."),
    _Region("apac", "AUD", 1.52, 0.15, ("ANZ", "South-East Asia"), "Pty Ltd"),
)
SEGMENT_P = {"Enterprise": 0.1, "Mid-Market": 0.3, "SMB": 0.6}
SEGMENT_ORDER_WEIGHT = {"Enterprise": 6.0, "Mid-Market": 2.5, "SMB": 1.0}
SEGMENT_QTY_P = {"Enterprise": 0.2, "Mid-Market": 0.33, "SMB": 0.55}
SEGMENT_DISCOUNT = {"Enterprise": 0.14, "Mid-Market": 0.08, "SMB": 0.03}
CHANNEL_DISCOUNT = {"Direct": 0.0, "Inside Sales": 0.01, "Partner": 0.09, "E-commerce": -0.02}
SEGMENT_CHANNELS = {
    "Enterprise": {"Direct": 0.7, "Partner": 0.25, "Inside Sales": 0.05, "E-commerce": 0.0},
    "Mid-Market": {"Direct": 0.3, "Partner": 0.3, "Inside Sales": 0.35, "E-commerce": 0.05},
    "SMB": {"Direct": 0.0, "Partner": 0.15, "Inside Sales": 0.35, "E-commerce": 0.5},
}
VERTICALS = (
    "Manufacturing",
    "Healthcare",
    "Retail",
    "Financial Services",
    "Energy",
    "Public Sector",
    "Technology",
    "Logistics",
)
# product id, name, category, list price USD, unit cost USD, weight
PRODUCTS = (
    ("S100", "S100 Sensor", "Sensors", 420.0, 215.0, 10.0),
    ("S200", "S200 Pro Sensor", "Sensors", 890.0, 430.0, 6.0),
    ("WN10", "Wireless Node", "Sensors", 260.0, 140.0, 7.0),
    ("A5", "A5 Bench Analyzer", "Analyzers", 6800.0, 3900.0, 1.5),
    ("A9", "A9 Field Analyzer", "Analyzers", 12500.0, 7200.0, 0.8),
    ("FM", "Fleet Monitor licence", "Software", 1800.0, 420.0, 4.0),
    ("IC", "Insight Cloud", "Software", 2400.0, 560.0, 5.0),
    ("CS", "Calibration Suite", "Software", 950.0, 260.0, 3.0),
    ("SV-INST", "Installation", "Services", 1500.0, 1150.0, 2.0),
    ("SV-SUP", "Support Plan", "Services", 3000.0, 1750.0, 2.5),
    ("SV-TRN", "Training Day", "Services", 1200.0, 820.0, 1.5),
    ("PK", "Probe Kit", "Consumables", 95.0, 46.0, 9.0),
)
SEASONALITY = np.array([0.85, 0.9, 1.1, 0.95, 1.0, 1.12, 0.9, 0.82, 1.1, 1.0, 1.05, 1.25])
MONTHLY_GROWTH = 0.006
COMPETITORS = ("Vantora", "Kestrel Systems", "Orbis Instruments", "Lumen Data")
OPEN_STAGES = (  # Salesforce default stages and probabilities, with forecast categories
    ("Prospecting", 0.10, "Pipeline"),
    ("Qualification", 0.10, "Pipeline"),
    ("Needs Analysis", 0.20, "Pipeline"),
    ("Value Proposition", 0.50, "Best Case"),
    ("Id. Decision Makers", 0.60, "Best Case"),
    ("Perception Analysis", 0.70, "Most Likely"),
    ("Proposal/Price Quote", 0.75, "Commit"),
    ("Negotiation/Review", 0.90, "Commit"),
)
LOSS_REASONS = ("Price", "Product fit", "Timing", "No decision", "Lost to competitor")
LEAD_SOURCES = ("Outbound", "Referral", "Partner", "Website", "Existing customer")
CAMPAIGN_TYPES = {  # type: (median spend USD, cost per lead USD)
    "Webinar": (12_000.0, 90.0),
    "Trade Show": (60_000.0, 400.0),
    "Paid Search": (20_000.0, 120.0),
    "Email": (5_000.0, 40.0),
    "Partner Event": (25_000.0, 250.0),
}
FIRST_NAMES = (
    "Ana",
    "Bruno",
    "Chloé",
    "Daniel",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ingrid",
    "João",
    "Kavya",
    "Liam",
    "Maria",
    "Noah",
    "Olga",
    "Pedro",
    "Qi",
    "Rosa",
    "Sean",
    "Tomás",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoë",
    "Aoife",
    "Björn",
    "Camila",
    "Dmitri",
)
LAST_NAMES = (
    "O'Brien",
    "Silva",
    "Müller",
    "Nakamura",
    "Okafor",
    "García",
    "Andersson",
    "Chen",
    "Kowalski",
    "Dubois",
    "Rossi",
    "Patel",
    "Fernández",
    "Nguyen",
    "Schmidt",
    "Costa",
    "Haddad",
    "Jensen",
    "Moreau",
    "Tanaka",
    "Walsh",
    "Ivanova",
    "Santos",
    "Lindqvist",
)
NAME_PREFIXES = (
    "Northwind",
    "Bluefin",
    "Cedar",
    "Aurora",
    "Granite",
    "Harbor",
    "Summit",
    "Riverside",
    "Pioneer",
    "Atlas",
    "Beacon",
    "Crescent",
    "Delta",
    "Evergreen",
    "Falcon",
    "Golden Gate",
    "Horizon",
    "Ironwood",
    "Juniper",
    "Keystone",
    "Lakeside",
    "Meridian",
    "Nova",
    "Orchard",
    "Pacific",
    "Quarry",
    "Redwood",
    "Silverline",
    "Tidewater",
    "Union",
    "Vertex",
    "Westfield",
    "São Paulo",
    "Zürich",
    "Kraków",
    "Ōsaka",
    "Montréal",
    "Córdoba",
    "Göteborg",
    "Île-de-France",
)
NAME_SUFFIXES = (
    "Manufacturing",
    "Health",
    "Foods",
    "Energy",
    "Logistics",
    "Labs",
    "Retail",
    "Holdings",
    "Hospital Group",
    "Water Authority",
    "Distribuição",
    "Technik",
    "Metals",
    "Pharma",
    "Transport",
    "Utilities",
    "Systems",
    "& Sons",
    "Agro",
    "Mining",
    "Plastics",
    "Textiles",
)


def _months(end: pd.Period, n: int) -> pd.PeriodIndex:
    return pd.period_range(end=end, periods=n, freq="M")


def _reps(rng: np.random.Generator, start: pd.Period) -> pd.DataFrame:
    rows = []
    n = 0
    for region in REGIONS:
        for t, team in enumerate(region.teams):
            n += 1
            manager_id = f"R{n:03d}"
            rows.append(
                (
                    manager_id,
                    f"{FIRST_NAMES[n % 30]} {LAST_NAMES[(n * 7) % 24]}",
                    "Sales Manager",
                    team,
                    None,
                    region.id,
                    pd.Timestamp("2018-03-01"),
                )
            )
            for k in range(5):
                n += 1
                late = k >= 4 and t == 0  # one new hire per region, ramping during the data
                hire = (
                    (start + 24 + int(rng.integers(0, 8))).start_time
                    if late
                    else pd.Timestamp("2017-01-01") + pd.Timedelta(days=int(rng.integers(0, 2200)))
                )
                rows.append(
                    (
                        f"R{n:03d}",
                        f"{FIRST_NAMES[n % 30]} {LAST_NAMES[(n * 5 + 3) % 24]}",
                        "Account Executive",
                        team,
                        manager_id,
                        region.id,
                        hire,
                    )
                )
    frame = pd.DataFrame(
        rows, columns=["rep_id", "rep_name", "role", "team", "manager_id", "region", "hire_date"]
    )
    frame["end_date"] = pd.NaT
    return frame


def _customers(
    rng: np.random.Generator, n: int, months: pd.PeriodIndex, reps: pd.DataFrame
) -> pd.DataFrame:
    n_months = len(months)
    region_ids = np.array([r.id for r in REGIONS])
    region = rng.choice(region_ids, size=n, p=[r.weight for r in REGIONS])
    segment = rng.choice(list(SEGMENT_P), size=n, p=list(SEGMENT_P.values()))
    vertical = rng.choice(VERTICALS, size=n)
    # 60% are customers before the data starts; the rest arrive at a growing pace
    existing = rng.random(n) < 0.6
    arrival_w = np.linspace(1.0, 1.3, n_months - 1)
    arrival = 1 + rng.choice(n_months - 1, size=n, p=arrival_w / arrival_w.sum())
    first = np.where(existing, 0, arrival)
    hazard = np.select([segment == "SMB", segment == "Mid-Market"], [0.011, 0.008], 0.006)
    life = rng.geometric(hazard)
    churn = first + life  # first month without purchases; may lie past the end
    spike_region, spike_month = CHURN_SPIKE
    # planted only when the data cover its month (--end may move them elsewhere)
    spike_idx = months.get_loc(spike_month) if spike_month in months else n_months
    active_at_spike = (region == spike_region) & (first < spike_idx) & (churn > spike_idx)
    hit = active_at_spike & (rng.random(n) < CHURN_SPIKE_SHARE)
    churn = np.where(hit, spike_idx, churn)
    # owner: an account executive of the region hired before the customer's first month
    aes = reps[reps["role"] == "Account Executive"]
    owner = np.empty(n, dtype=object)
    first_start = months[0].start_time
    for region_id, group in aes.groupby("region"):
        idx = np.flatnonzero(region == region_id)
        hire_month = ((group["hire_date"] - first_start).dt.days // 30).to_numpy()
        ids = group["rep_id"].to_numpy()
        for i in idx:
            eligible = ids[hire_month <= first[i]]
            owner[i] = rng.choice(eligible if len(eligible) else ids)
    legal = {r.id: r.legal for r in REGIONS}
    prefix = rng.choice(NAME_PREFIXES, size=n)
    suffix = rng.choice(NAME_SUFFIXES, size=n)
    names = [f"{p} {s} {legal[r]}" for p, s, r in zip(prefix, suffix, region, strict=True)]
    channels = [
        rng.choice(list(SEGMENT_CHANNELS[s]), p=list(SEGMENT_CHANNELS[s].values())) for s in segment
    ]
    return pd.DataFrame(
        {
            "customer_id": [f"C{i + 1:05d}" for i in range(n)],
            "customer_name": names,
            "region": region,
            "segment": segment,
            "vertical": vertical,
            "first": first,
            "churn": churn,
            "rep_id": owner,
            "channel": channels,
        }
    )


def _orders(
    rng: np.random.Generator,
    n_lines: int,
    months: pd.PeriodIndex,
    customers: pd.DataFrame,
    reps: pd.DataFrame,
) -> pd.DataFrame:
    n_months = len(months)
    weights = (1 + MONTHLY_GROWTH) ** np.arange(n_months) * SEASONALITY[months.month - 1]
    lines_per_month = np.floor(n_lines * weights / weights.sum()).astype(int)
    lines_per_month[-1] += n_lines - lines_per_month.sum()
    team_of = reps.set_index("rep_id")["team"]
    cust_team = customers["rep_id"].map(team_of).to_numpy()
    seg_w = customers["segment"].map(SEGMENT_ORDER_WEIGHT).to_numpy()
    first = customers["first"].to_numpy()
    churn = customers["churn"].to_numpy()
    prod = pd.DataFrame(
        PRODUCTS,
        columns=["product_id", "product_name", "category", "list_usd", "cost_usd", "weight"],
    )
    new_idx = int(prod.index[prod["product_name"] == NEW_PRODUCT[0]][0])
    launch = months.get_loc(NEW_PRODUCT[1]) if NEW_PRODUCT[1] in months else 0
    per_usd = {r.id: r.per_usd for r in REGIONS}
    currency = {r.id: r.currency for r in REGIONS}
    channel_names = np.array(list(CHANNEL_DISCOUNT))
    chunks = []
    order_no = 0
    for m, period in enumerate(months):
        active = np.flatnonzero((first <= m) & (churn > m))
        w = seg_w[active].copy()
        if period >= UNDERPERFORMANCE_FROM:
            w[cust_team[active] == UNDERPERFORMING_TEAM] *= UNDERPERFORMANCE_FACTOR
        n_m = lines_per_month[m]
        n_orders = max(1, round(n_m / 2.3))
        buyer = rng.choice(active, size=n_orders, p=w / w.sum())
        lines = 1 + np.minimum(rng.poisson(1.3, size=n_orders), 5)
        # fit the line count exactly
        diff = n_m - lines.sum()
        while diff != 0:
            j = rng.integers(0, n_orders)
            step = 1 if diff > 0 else -1
            if lines[j] + step >= 1:
                lines[j] += step
                diff -= step
        days = period.days_in_month
        day = rng.integers(0, days, size=n_orders)
        if m == n_months - 1:
            day[-1] = days - 1  # the data reaches the month's last day
        order_ids = np.arange(order_no, order_no + n_orders)
        order_no += n_orders
        cust = np.repeat(buyer, lines)
        line_no = np.concatenate([np.arange(1, k + 1) for k in lines])
        pw = prod["weight"].to_numpy().copy()
        pw[new_idx] = 0.0 if m < launch else min(1.0, (m - launch + 1) / 12) * pw[new_idx]
        product = rng.choice(len(prod), size=len(cust), p=pw / pw.sum())
        chunks.append(
            pd.DataFrame(
                {
                    "order_no": np.repeat(order_ids, lines),
                    "line_number": line_no,
                    "order_date": np.repeat(period.start_time + pd.to_timedelta(day, "D"), lines),
                    "cust": cust,
                    "product": product,
                    "month": m,
                }
            )
        )
    lines = pd.concat(chunks, ignore_index=True)
    cust = customers.iloc[lines["cust"].to_numpy()].reset_index(drop=True)
    p = prod.iloc[lines["product"].to_numpy()].reset_index(drop=True)
    region = cust["region"].to_numpy()
    factor = pd.Series(region).map(per_usd).to_numpy()
    # price list rises 3% each January
    year_index = (months[lines["month"].to_numpy()].year - months[0].year).to_numpy()
    list_price = np.round(p["list_usd"].to_numpy() * factor * 1.03**year_index, 2)
    segment = cust["segment"].to_numpy()
    big = np.isin(p["category"].to_numpy(), ["Analyzers", "Services"])
    q_p = pd.Series(segment).map(SEGMENT_QTY_P).to_numpy()
    quantity = np.where(big, 1 + rng.binomial(2, 0.3, len(p)), np.minimum(rng.geometric(q_p), 24))
    # mostly the customer's usual channel
    channel = np.where(
        rng.random(len(p)) < 0.85, cust["channel"].to_numpy(), rng.choice(channel_names, len(p))
    )
    discount = (
        pd.Series(segment).map(SEGMENT_DISCOUNT).to_numpy()
        + pd.Series(channel).map(CHANNEL_DISCOUNT).to_numpy()
        + rng.normal(0, 0.03, len(p))
    )
    leak_region, leak_channel, leak_year, leak_extra = LEAKY_CHANNEL
    years = lines["order_date"].dt.year.to_numpy()
    leaky = (region == leak_region) & (channel == leak_channel) & (years >= leak_year)
    discount = np.round(np.clip(discount + np.where(leaky, leak_extra, 0), 0, 0.6) * 200) / 200
    net = np.round(quantity * list_price * (1 - discount), 2)
    cost = np.round(
        quantity * p["cost_usd"].to_numpy() * factor * rng.uniform(0.95, 1.05, len(p)), 2
    )
    return pd.DataFrame(
        {
            "order_id": pd.Series(lines["order_no"] + 100_001).map("SO-{:07d}".format),
            "line_number": lines["line_number"].astype("Int64"),
            "order_date": lines["order_date"],
            "region": region,
            "customer_id": cust["customer_id"],
            "customer_name": cust["customer_name"],
            "vertical": cust["vertical"],
            "segment": segment,
            "rep_id": cust["rep_id"],
            "channel": channel,
            "product_id": p["product_id"],
            "product_name": p["product_name"],
            "category": p["category"],
            "quantity": pd.array(quantity, dtype="Int64"),
            "list_price": list_price,
            "discount_pct": discount,
            "net_revenue": net,
            "cost": cost,
            "currency": pd.Series(region).map(currency),
        }
    )


def _targets(
    orders: pd.DataFrame, reps: pd.DataFrame, months: pd.PeriodIndex, rng: np.random.Generator
) -> pd.DataFrame:
    """Monthly rep targets: the plan the company would have set, before planted shortfalls."""
    month = orders["order_date"].dt.to_period("M")
    revenue = orders.groupby([orders["rep_id"], month])["net_revenue"].sum().unstack(fill_value=0)
    revenue = revenue.reindex(columns=months, fill_value=0.0)
    team = reps.set_index("rep_id")["team"]
    shortfall = pd.DataFrame(
        np.where(
            (team.reindex(revenue.index) == UNDERPERFORMING_TEAM).to_numpy()[:, None]
            & (months >= UNDERPERFORMANCE_FROM)[None, :],
            UNDERPERFORMANCE_FACTOR,
            1.0,
        ),
        index=revenue.index,
        columns=months,
    )
    plan = (revenue / shortfall).T.rolling(3, center=True, min_periods=1).mean().T
    stretch = pd.Series(rng.uniform(0.94, 1.1, len(plan)), index=plan.index)
    plan = plan.mul(stretch, axis=0)
    # the rest of the fiscal year: last year's plan plus 12%
    future = pd.period_range(months[-1] + 1, pd.Period(f"{months[-1].year}-12", "M"), freq="M")
    for period in future:
        plan[period] = plan[period - 12] * 1.12
    long = plan.round(-2).stack().rename("target").reset_index()
    long.columns = ["rep_id", "month", "target"]
    long = long[long["target"] > 0]
    region = reps.set_index("rep_id")["region"]
    currency = {r.id: r.currency for r in REGIONS}
    out = pd.DataFrame(
        {
            "month": long["month"].astype(str),
            "rep_id": long["rep_id"],
            "region": long["rep_id"].map(region),
            "target": long["target"].astype("float64"),
        }
    )
    out["currency"] = out["region"].map(currency)
    return out.sort_values(["month", "rep_id"], ignore_index=True)


def _campaigns(rng: np.random.Generator, months: pd.PeriodIndex) -> pd.DataFrame:
    rows = []
    types = list(CAMPAIGN_TYPES)
    quarters = pd.period_range(months[0].asfreq("Q"), months[-1].asfreq("Q"), freq="Q")
    for region in REGIONS:
        for q in quarters:
            for k in range(3):
                kind = types[(len(rows) + k) % len(types)]
                spend_usd, cpl = CAMPAIGN_TYPES[kind]
                spend = spend_usd * region.weight / 0.3 * rng.lognormal(0, 0.3)
                start = q.start_time + pd.Timedelta(days=int(rng.integers(0, 60)))
                rows.append(
                    [
                        region.id,
                        kind,
                        f"{region.id.upper()} {kind} {q}",
                        start,
                        start + pd.Timedelta(days=int(rng.integers(1, 30))),
                        round(spend * region.per_usd, 2),
                        max(1, int(spend / cpl * rng.uniform(0.7, 1.3))),
                        region.currency,
                    ]
                )
    rows.append(
        [
            "na",
            "Trade Show",
            LOSING_CAMPAIGN,
            pd.Timestamp("2026-03-10"),
            pd.Timestamp("2026-03-12"),
            420_000.0,
            60,
            "USD",
        ]
    )
    frame = pd.DataFrame(
        rows,
        columns=[
            "region",
            "type",
            "campaign_name",
            "start_date",
            "end_date",
            "spend",
            "leads",
            "currency",
        ],
    )
    frame = frame[frame["start_date"] <= months[-1].end_time].reset_index(drop=True)
    frame.insert(0, "campaign_id", [f"CMP-{i + 1:04d}" for i in range(len(frame))])
    frame["leads"] = frame["leads"].astype("Int64")
    return frame[TABLES["campaigns"].column_names]


_OPPORTUNITY_DRAWS = (
    "rep_id",
    "region",
    "customer_id",
    "created_date",
    "cycle",
    "competitor",
    "p_win",
    "amount",
    "new",
    "progress",
)
"""What the sample draws for each opportunity, in turn (cycle: days from creation to close)."""


def _opportunities(
    rng: np.random.Generator,
    months: pd.PeriodIndex,
    reps: pd.DataFrame,
    customers: pd.DataFrame,
    campaigns: pd.DataFrame,
) -> pd.DataFrame:
    end = months[-1].end_time.normalize()
    aes = reps[reps["role"] == "Account Executive"]
    per_usd = {r.id: r.per_usd for r in REGIONS}
    currency = {r.id: r.currency for r in REGIONS}
    cust_by_rep = customers.groupby("rep_id")["customer_id"].apply(np.array)
    competitors = np.array(COMPETITORS)  # the draws of rng.choice(COMPETITORS), converted once
    starts = {period: period.start_time for period in months}
    rows: list[tuple[object, ...]] = []
    # scalar draws, in the same order for every opportunity, so that a seed gives the same data
    for rep in aes.itertuples():
        hired = rep.hire_date.to_period("M")
        book = cust_by_rep.get(rep.rep_id, np.array(["C00000"]))
        for period in months:
            if period < hired:
                continue
            for _ in range(int(rng.poisson(6))):
                created = starts[period] + timedelta(days=int(rng.integers(0, 28)))
                cycle = int(np.clip(rng.lognormal(np.log(55), 0.5), 7, 300))
                competitor = rng.choice(competitors) if rng.random() < 0.6 else None
                p_win = 0.5 if competitor is None else 0.42
                if competitor == "Orbis Instruments":
                    p_win = 0.33
                if (competitor, rep.region) == STRONG_COMPETITOR:
                    p_win = 0.12
                new_business = rng.random() < 0.45
                customer = (
                    f"P{int(rng.integers(1, 99_999)):05d}" if new_business else rng.choice(book)
                )
                amount = round(float(rng.lognormal(np.log(38_000), 0.8)) * per_usd[rep.region], 2)
                rows.append(
                    (
                        rep.rep_id,
                        rep.region,
                        customer,
                        created,
                        cycle,
                        competitor,
                        p_win,
                        amount,
                        new_business,
                        rng.random(),  # progress through the open stages
                    )
                )
    opp = pd.DataFrame(rows, columns=list(_OPPORTUNITY_DRAWS))
    opp["created_date"] = pd.to_datetime(opp["created_date"])
    opp["close_date"] = opp["created_date"] + pd.to_timedelta(opp.pop("cycle"), unit="D")
    n = len(opp)
    closed = opp["close_date"] <= end
    won = closed & (rng.random(n) < opp["p_win"])
    lost = closed & ~won
    stage_i = np.minimum((opp["progress"] * len(OPEN_STAGES)).astype(int), len(OPEN_STAGES) - 1)
    open_stage = [OPEN_STAGES[i] for i in stage_i]
    opp["stage"] = np.where(
        won, "Closed Won", np.where(lost, "Closed Lost", [s[0] for s in open_stage])
    )
    opp["probability"] = np.where(won, 1.0, np.where(lost, 0.0, [s[1] for s in open_stage]))
    opp["forecast_category"] = np.where(
        won, "Closed", np.where(lost, "Omitted", [s[2] for s in open_stage])
    )
    opp["is_closed"] = closed
    opp["is_won"] = won
    reason = rng.choice(LOSS_REASONS, size=n, p=[0.3, 0.2, 0.15, 0.2, 0.15])
    reason = np.where(
        opp["competitor"].notna() & (rng.random(n) < 0.5), "Lost to competitor", reason
    )
    strong = (opp["competitor"] == STRONG_COMPETITOR[0]) & (opp["region"] == STRONG_COMPETITOR[1])
    reason = np.where(strong & (rng.random(n) < 0.6), "Price", reason)
    opp["loss_reason"] = np.where(lost, reason, None)
    opp["type"] = np.where(opp["new"], "New Business", "Existing Business")
    # campaign attribution: a campaign of the same region that ran in the 60 days before
    opp["campaign_id"] = None
    for c in campaigns.itertuples():
        window = (
            (opp["region"] == c.region)
            & (opp["created_date"] >= c.start_date)
            & (opp["created_date"] <= c.end_date + pd.Timedelta(days=60))
            & opp["campaign_id"].isna()
        )
        share = 0.02 if c.campaign_name == LOSING_CAMPAIGN else 0.12
        pick = window & (rng.random(n) < share)
        opp.loc[pick, "campaign_id"] = c.campaign_id
    source = rng.choice(LEAD_SOURCES, size=n)
    opp["lead_source"] = np.where(opp["campaign_id"].notna(), "Campaign", source)
    opp["currency"] = opp["region"].map(currency)
    opp["opportunity_id"] = [f"OPP-{i + 1:06d}" for i in range(n)]
    opp["opportunity_name"] = [
        f"{cid} – {kind}" for cid, kind in zip(opp["customer_id"], opp["type"], strict=True)
    ]
    return opp[TABLES["opportunities"].column_names]


def _market(orders: pd.DataFrame, months: pd.PeriodIndex, rng: np.random.Generator) -> pd.DataFrame:
    month = orders["order_date"].dt.to_period("M")
    own = orders.groupby([orders["region"], month])["net_revenue"].sum()
    qty = orders.groupby([orders["region"], month])["quantity"].sum()
    rows = []
    for region in REGIONS:
        base_share = {"na": 0.24, "emea": 0.18, "latam": 0.26, "apac": 0.15}[region.id]
        for m, period in enumerate(months):
            t = m / (len(months) - 1)
            strong = region.id == STRONG_COMPETITOR[1]
            own_share = base_share - (0.06 * t if strong else -0.01 * t)
            sales = float(own.get((region.id, period), 0.0))
            price = sales / max(1, int(qty.get((region.id, period), 1)))
            market = sales / own_share
            rivals = np.array([0.22 + (0.12 * t if strong else 0.0), 0.2, 0.16, 0.1])
            rivals = rivals / rivals.sum() * (1 - own_share) * rng.uniform(0.9, 1.1, 4)
            rows.append([period, region.id, COMPANY, True, sales, price, region.currency])
            for name, share in zip(COMPETITORS, rivals, strict=True):
                discount = (
                    0.86 if (strong and name == STRONG_COMPETITOR[0]) else rng.uniform(0.95, 1.08)
                )
                rows.append(
                    [
                        period,
                        region.id,
                        name,
                        False,
                        market * share,
                        price * discount,
                        region.currency,
                    ]
                )
    frame = pd.DataFrame(rows, columns=TABLES["market"].column_names)
    frame["month"] = frame["month"].astype(str)
    frame["sales"] = frame["sales"].round(2)
    frame["avg_price"] = frame["avg_price"].round(2)
    return frame


def generate(
    seed: int = 7,
    orders: int = DEFAULT_ORDERS,
    end: str = DEFAULT_END,
    months: int = DEFAULT_MONTHS,
) -> Tables:
    """Build the sample company's eight tables in the types ``reportlib.intake.data`` reads.

    The service tables (``tickets``, ``surveys``) come from ``reportlib.sample_service`` with a
    generator of their own: the other six are the same with or without them.

    Args:
        seed: Random seed; the same seed gives the same data.
        orders: Number of order lines.
        end: Last month of data (``YYYY-MM``); the data reaches its last day.
        months: Number of months of history.
    """
    if orders < months * 10:
        raise ValueError(f"orders must be at least {months * 10} for {months} months")
    rng = np.random.default_rng(seed)
    period_index = _months(pd.Period(end, "M"), months)
    reps = _reps(rng, period_index[0])
    customers = _customers(rng, max(1_200, orders // 20), period_index, reps)
    order_lines = _orders(rng, orders, period_index, customers, reps)
    campaigns = _campaigns(rng, period_index)
    tables = {
        "orders": order_lines,
        "opportunities": _opportunities(rng, period_index, reps, customers, campaigns),
        "targets": _targets(order_lines, reps, period_index, rng),
        "reps": reps,
        "campaigns": campaigns,
        "market": _market(order_lines, period_index, rng),
    }
    tables["tickets"], tables["surveys"] = tickets_and_surveys(
        seed, customers, order_lines, period_index
    )
    return Tables(**{name: typed_table(name, frame) for name, frame in tables.items()})


def typed_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a generated frame the dtypes ``reportlib.intake.data.read_table`` produces.

    Args:
        name: Contract table name (a key of ``TABLES``).
        frame: The generated rows, with the table's columns in any order.

    Returns:
        The contract's columns in contract order; an optional column the frame does not hold
        is left out (not delivered), as the intake leaves it out of a file that lacks it.

    Raises:
        KeyError: if the frame lacks a mandatory column.
    """
    out = {}
    for col in TABLES[name].columns:
        if col.optional and col.name not in frame.columns:
            continue
        s = frame[col.name]
        if col.kind in ("str", "month"):
            s = s.astype("string")
        elif col.kind == "int":
            s = s.astype("Int64")
        elif col.kind == "float":
            s = s.astype("float64")
        elif col.kind in ("date", "timestamp"):
            s = pd.to_datetime(s).astype(DATE_DTYPE)
        elif col.kind == "bool":
            s = s.astype("boolean")
        out[col.name] = s.reset_index(drop=True)
    return pd.DataFrame(out)


def write_csv(tables: Tables, out_dir: str | Path) -> Path:
    """Write each table as ``<name>.csv`` (UTF-8, ISO dates, ``true``/``false``).

    Date-times are written in UTC the ISO 8601 way, ``2026-10-03T14:05:11Z``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        text = frame.copy()
        for col in TABLES[name].columns:
            if col.kind == "bool":
                text[col.name] = text[col.name].map({True: "true", False: "false"})
            elif col.kind == "timestamp" and col.name in text.columns:
                text[col.name] = text[col.name].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        text.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d", lineterminator="\n")
    return out
