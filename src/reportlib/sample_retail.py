"""A deterministic sample retailer: an online shop's order-line export.

The second built-in sample profile (``reportlib sample-data --profile retail``). Where the
sample company (:mod:`reportlib.sample`) was built to fit the analyses, this one has the shapes
of a real retailer's export that trip them up: one channel, no CRM tables (only ``orders`` and
a budget per region and month in ``targets``), no rep, segment or industry on the order lines,
customers who buy in several regions or move from one to another, a deep first-quarter dip,
products re-listed under new ids, yearly collections that sell in one year only, and a month
sold below cost. It keeps the sample's four regions and their currencies, so the project's own
``params/`` render it unchanged.

``generate`` builds the tables from a seed (the same seed gives the same bytes through
:func:`reportlib.sample.write_csv`); sizes scale with ``orders`` (order lines, 20,000 by
default). The planted shapes are listed in ``PLANTED_FACTS`` and asserted by
``tests/test_sample_retail.py``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from reportlib.intake.data import Tables
from reportlib.sample import DEFAULT_END, FIRST_NAMES, LAST_NAMES, REGIONS, typed_table

DEFAULT_ORDERS = 20_000
DEFAULT_MONTHS = 36
MIN_MONTHS = 30
"""Shortest history that holds every planted shape (a product re-listed after two years)."""

PLANTED_FACTS = {
    "no_crm_tables": "only orders and targets are written: no opportunities, reps, campaigns "
    "or market, and the order lines carry no rep_id, segment or vertical",
    "one_channel": "every order line is sold through E-commerce",
    "customers_across_regions": "about a third of the customers buy in two or more regions; "
    "about 1 in 14 moves: a year or more only in one region, then only in another",
    "seasonal_dip": "EMEA's active customers and revenue fall every first quarter, to about "
    "half the quarter before: the steepest three-month fall of any region",
    "relisted_products": "Rain Shell Jacket, City Sneaker and Headlamp 300 change product id "
    "mid-history under the same name; Canvas Weekender Bag, last sold in October 2024, comes "
    "back under a new id in October 2026",
    "regional_launch": "Summit Tent 2P, sold for years in the other regions, is first sold in "
    "Latin America in August 2026",
    "negative_margin": "Latin America sells below cost in October 2026 (gross margin −6%, a "
    "freight surcharge on its cost); its earlier months have normal margins",
    "collections_and_leakage": "in Asia Pacific most revenue comes from yearly collections, each "
    "sold in one of the two 12-month windows only, and discount leakage rises from about 18% "
    "to about 28%",
}
CHANNEL = "E-commerce"
SEASONAL_REGION = "emea"
Q1_FACTOR = 0.5
"""Extra factor on the seasonal region's order lines in January, February and March."""
RELISTED = (("Rain Shell Jacket", 26), ("City Sneaker", 20), ("Headlamp 300", 13))
"""Products whose new id replaces the old one, with the months before the end it starts in."""
REVIVED = ("Canvas Weekender Bag", ("na", "emea"), 24)
"""A product sold in two regions whose old id stops 24 months before the end (its last sale is
the month before), back under a new id in the last month."""
REGIONAL_LAUNCH = ("Summit Tent 2P", "latam", 2)
"""A product first sold in one region two months before the last month (August 2026 for an end
of October 2026); sold in the other regions throughout."""
NEGATIVE_MARGIN = ("latam", -0.06)
"""Region and gross margin (a fraction) of the last month."""
COLLECTION_REGION = "apac"
COLLECTION_SHARE = {"na": 0.12, "emea": 0.12, "latam": 0.12, "apac": 0.7}
"""Share of each region's order lines taken by the current collection."""
LEAKAGE_RISE = (0.18, 0.28)
"""The collection region's target discount leakage before and in the last 12 months."""
DISCOUNT = {"na": 0.11, "emea": 0.13, "latam": 0.1, "apac": 0.172}
"""Mean discount off list per region (before the rise of ``LEAKAGE_RISE``)."""
SALE_MONTHS = {1: 0.04, 11: 0.04}
"""Extra discount in the sale months: the January sale and Black Friday."""
MOVER_SHARE = 0.1
MULTI_REGION_SHARE = 0.3
# month-of-year factor on order lines: a retailer's December peak and January low
SEASONALITY = np.array([0.8, 0.72, 0.85, 0.9, 0.95, 0.92, 0.9, 0.95, 0.98, 1.02, 1.3, 1.55])
MONTHLY_GROWTH = 0.005
LINES_PER_ORDER = 1.5


@dataclass(frozen=True)
class _Item:
    name: str
    category: str
    list_usd: float
    cost_usd: float
    weight: float


CORE = (
    _Item("Ridge Hiking Boot", "Footwear", 180.0, 86.0, 5.0),
    _Item("Coast Sandal", "Footwear", 60.0, 25.0, 4.0),
    _Item("City Sneaker", "Footwear", 110.0, 50.0, 6.0),
    _Item("Rain Shell Jacket", "Apparel", 220.0, 104.0, 5.0),
    _Item("Fleece Pullover", "Apparel", 85.0, 37.0, 6.0),
    _Item("Hiking Trousers", "Apparel", 95.0, 42.0, 5.0),
    _Item("Wool Socks 3-pack", "Apparel", 28.0, 10.0, 9.0),
    _Item("Summit Tent 2P", "Equipment", 420.0, 215.0, 2.0),
    _Item("Trail Backpack 35L", "Equipment", 150.0, 70.0, 4.0),
    _Item("Sleeping Bag −5 °C", "Equipment", 240.0, 118.0, 2.5),
    _Item("Trekking Poles", "Equipment", 90.0, 41.0, 3.0),
    _Item("Camp Stove", "Equipment", 75.0, 35.0, 3.0),
    _Item("Headlamp 300", "Accessories", 45.0, 18.0, 6.0),
    _Item("Water Bottle 1L", "Accessories", 25.0, 8.0, 8.0),
    _Item("Canvas Weekender Bag", "Accessories", 120.0, 52.0, 4.0),
    _Item("Polarised Sunglasses", "Accessories", 70.0, 26.0, 4.0),
)
COLLECTION = (
    _Item("Storm Parka", "Apparel", 260.0, 122.0, 3.0),
    _Item("Merino Base Layer", "Apparel", 90.0, 39.0, 5.0),
    _Item("Trail Runner", "Footwear", 150.0, 70.0, 4.0),
    _Item("Down Vest", "Apparel", 180.0, 82.0, 3.0),
    _Item("Insulated Mug", "Accessories", 35.0, 12.0, 5.0),
)
"""The items of each yearly collection; a collection's products are named after its season."""


def _catalogue(months: pd.PeriodIndex) -> pd.DataFrame:
    """Every product id with its name, prices and when and where it sells.

    ``start``/``stop``: month indexes (stop exclusive); ``regions``: region ids or None for all;
    ``collection``: whether it belongs to a yearly collection.
    """
    n = len(months)
    relisted = dict(RELISTED)
    revived_name, revived_regions, revived_gap = REVIVED
    rows = []
    for i, item in enumerate(CORE):
        old_id, new_id = f"SKU-{10001 + i}", f"SKU-{20001 + i}"
        base = {**asdict(item), "regions": None, "collection": False}
        if item.name in relisted:
            switch = n - relisted[item.name]
            rows += [
                {**base, "product_id": old_id, "start": 0, "stop": switch},
                {**base, "product_id": new_id, "start": switch, "stop": n},
            ]
        elif item.name == revived_name:
            regions = revived_regions
            rows += [
                {**base, "product_id": old_id, "start": 0, "stop": n - revived_gap},
                {**base, "product_id": new_id, "start": n - 1, "stop": n},
            ]
            for row in rows[-2:]:
                row["regions"] = regions
        else:
            rows.append({**base, "product_id": old_id, "start": 0, "stop": n})
    # yearly collections, each on sale for the 12 months of one reporting window
    for start in range(n - 12, -12, -12):
        first = months[0] + start
        season = ("SS" if 3 <= first.month <= 8 else "AW") + f"{(first - 2).year % 100:02d}"
        for k, item in enumerate(COLLECTION):
            rows.append(
                {
                    **asdict(item),
                    "name": f"{item.name} {season}",
                    "product_id": f"SKU-{season}{k + 1:02d}",
                    "start": max(start, 0),
                    "stop": start + 12,
                    "regions": None,
                    "collection": True,
                }
            )
    return pd.DataFrame(rows)


def _customers(rng: np.random.Generator, n: int, n_months: int) -> pd.DataFrame:
    """Customers with a home region, the other regions they buy in, and when they buy.

    ``first`` and ``churn`` bound the months they buy in (churn exclusive; may lie past the end);
    ``other`` is the region index a mover buys in from month ``move`` on (-1 for non-movers);
    ``in_<j>``, one boolean column per region index ``j``: where a non-mover buys.
    """
    ids = [r.id for r in REGIONS]
    p = np.array([r.weight for r in REGIONS])
    home = rng.choice(len(ids), size=n, p=p)
    existing = rng.random(n) < 0.5
    arrival = rng.integers(1, n_months, size=n)
    first = np.where(existing, 0, arrival)
    churn = first + rng.geometric(0.025, size=n)
    weight = rng.lognormal(0.0, 0.7, size=n)
    kind = rng.random(n)
    mover = kind < MOVER_SHARE
    multi = (kind >= MOVER_SHARE) & (kind < MOVER_SHARE + MULTI_REGION_SHARE)
    regions = np.zeros((n, len(ids)), dtype=bool)
    regions[np.arange(n), home] = True
    # another region than home, and for a quarter of them one more (which may be the same)
    for extra in (multi, multi & (rng.random(n) < 0.25)):
        choice = (home + rng.integers(1, len(ids), size=n)) % len(ids)
        regions[np.flatnonzero(extra), choice[extra]] = True
    # movers: at least a year in their home region, then only in another for 9 months or more
    move = rng.integers(12, n_months - 6, size=n)
    other = (home + rng.integers(1, len(ids), size=n)) % len(ids)
    first = np.where(mover, np.minimum(first, move - 12), first)
    churn = np.where(mover, np.maximum(churn, move + 9), churn)
    weight = np.where(mover | multi, weight * 1.6, weight)
    names = [
        f"{FIRST_NAMES[a]} {LAST_NAMES[b]}"
        for a, b in zip(
            rng.integers(0, len(FIRST_NAMES), n), rng.integers(0, len(LAST_NAMES), n), strict=True
        )
    ]
    frame = pd.DataFrame(
        {
            "customer_id": [f"CU{i + 1:06d}" for i in range(n)],
            "customer_name": names,
            "home": home,
            "first": first,
            "churn": churn,
            "weight": weight,
            "mover": mover,
            "move": np.where(mover, move, n_months),
            "other": np.where(mover, other, -1),
        }
    )
    for j in range(len(ids)):
        frame[f"in_{j}"] = regions[:, j]
    return frame


def _line_counts(n_lines: int, months: pd.PeriodIndex) -> np.ndarray:
    """Order lines per (region index, month index): weight × growth × season, summing exactly."""
    n = len(months)
    season = SEASONALITY[months.month - 1] * (1 + MONTHLY_GROWTH) ** np.arange(n)
    weights = np.array([r.weight for r in REGIONS])[:, None] * season[None, :]
    dip = np.isin(months.month, (1, 2, 3))
    for j, region in enumerate(REGIONS):
        if region.id == SEASONAL_REGION:
            weights[j, dip] *= Q1_FACTOR
    exact = n_lines * weights / weights.sum()
    counts = np.floor(exact).astype(int)
    # the lines left over go to the cells with the largest fractions (largest remainders)
    left = np.argsort(-(exact - counts), axis=None, kind="stable")[: n_lines - counts.sum()]
    counts.flat[left] += 1
    return counts


def _lines_per_order(rng: np.random.Generator, n_lines: int) -> np.ndarray:
    """Lines of each order of a cell: about ``LINES_PER_ORDER`` each, adding up to ``n_lines``."""
    n_orders = max(1, round(n_lines / LINES_PER_ORDER))
    lines = 1 + np.minimum(rng.poisson(LINES_PER_ORDER - 1, size=n_orders), 3)
    diff = n_lines - int(lines.sum())
    while diff != 0:
        j = int(rng.integers(0, n_orders))
        step = 1 if diff > 0 else -1
        if lines[j] + step >= 1:
            lines[j] += step
            diff -= step
    return lines


def _eligible(customers: pd.DataFrame, region: int, m: int) -> np.ndarray:
    """Indexes of the customers who may buy in region ``region`` in month ``m``, and weights."""
    active = (customers["first"].to_numpy() <= m) & (customers["churn"].to_numpy() > m)
    mover = customers["mover"].to_numpy()
    moved = customers["move"].to_numpy() <= m
    where = np.where(
        moved,
        customers["other"].to_numpy() == region,
        customers["home"].to_numpy() == region,
    )
    ok = np.where(mover, where, customers[f"in_{region}"].to_numpy())
    return np.flatnonzero(active & ok)


def _product_weights(catalogue: pd.DataFrame, region: str, m: int, n: int) -> np.ndarray:
    """Probability of each product id on a line of ``region`` in month ``m`` of ``n``."""
    on_sale = (catalogue["start"].to_numpy() <= m) & (catalogue["stop"].to_numpy() > m)
    allowed = np.array([r is None or region in r for r in catalogue["regions"]])
    launch_name, launch_region, before_end = REGIONAL_LAUNCH
    if region == launch_region and m < n - 1 - before_end:
        allowed &= catalogue["name"].to_numpy() != launch_name
    weight = catalogue["weight"].to_numpy() * on_sale * allowed
    collection = catalogue["collection"].to_numpy()
    core, coll = weight * ~collection, weight * collection
    share = COLLECTION_SHARE[region] if coll.sum() > 0 else 0.0
    return core / core.sum() * (1 - share) + (coll / coll.sum() * share if share else 0.0)


def _forced(catalogue: pd.DataFrame, region: str, m: int, n: int) -> int | None:
    """The product a cell must sell at least once (a planted first sale), or None."""
    names = catalogue["name"].to_numpy()
    if m == n - 1 and region == REVIVED[1][0]:
        return int(np.flatnonzero((names == REVIVED[0]) & (catalogue["start"] == n - 1))[0])
    if m == n - 1 - REGIONAL_LAUNCH[2] and region == REGIONAL_LAUNCH[1]:
        return int(np.flatnonzero(names == REGIONAL_LAUNCH[0])[0])
    return None


def _order_lines(
    rng: np.random.Generator,
    counts: np.ndarray,
    months: pd.PeriodIndex,
    customers: pd.DataFrame,
    catalogue: pd.DataFrame,
) -> pd.DataFrame:
    """Order lines: order number, line, date, customer, product and region and month indexes."""
    weight, home = customers["weight"].to_numpy(), customers["home"].to_numpy()
    chunks, order_no = [], 0
    for m, period in enumerate(months):
        for j, region in enumerate(REGIONS):
            lines = _lines_per_order(rng, int(counts[j, m]))
            who = _eligible(customers, j, m)
            if len(who) == 0:  # a tiny data set: anyone at home in the region
                who = np.flatnonzero(home == j)
            w = weight[who] * np.where(home[who] == j, 1.0, 0.6)
            buyer = rng.choice(who, size=len(lines), p=w / w.sum())
            day = rng.integers(0, period.days_in_month, size=len(lines))
            if m == len(months) - 1:
                day[-1] = period.days_in_month - 1  # the data reach the month's last day
            p = _product_weights(catalogue, region.id, m, len(months))
            product = rng.choice(len(p), size=int(lines.sum()), p=p)
            forced = _forced(catalogue, region.id, m, len(months))
            if forced is not None and forced not in product:
                product[0] = forced
            chunks.append(
                pd.DataFrame(
                    {
                        "order_no": np.repeat(np.arange(order_no, order_no + len(lines)), lines),
                        "line_number": np.concatenate([np.arange(1, k + 1) for k in lines]),
                        "order_date": np.repeat(
                            period.start_time + pd.to_timedelta(day, "D"), lines
                        ),
                        "cust": np.repeat(buyer, lines),
                        "product": product,
                        "region": j,
                        "month": m,
                    }
                )
            )
            order_no += len(lines)
    frame = pd.concat(chunks, ignore_index=True)
    # order numbers follow the calendar, as a shop's system numbers them
    frame = frame.sort_values(["order_date", "order_no", "line_number"], kind="stable")
    frame["order_no"] = pd.factorize(frame["order_no"])[0]
    return frame.reset_index(drop=True)


def _discounts(
    rng: np.random.Generator, region: np.ndarray, month: np.ndarray, months: pd.PeriodIndex
) -> np.ndarray:
    """Discount off list per line, in 5% steps: the region's mean, sales, the planted rise."""
    ids = np.array([r.id for r in REGIONS])[region]
    mean = pd.Series(ids).map(DISCOUNT).to_numpy()
    mean = mean + pd.Series(months.month[month]).map(SALE_MONTHS).fillna(0.0).to_numpy()
    rise = (ids == COLLECTION_REGION) & (month >= len(months) - 12)
    mean = mean + np.where(rise, LEAKAGE_RISE[1] - LEAKAGE_RISE[0], 0.0)
    raw = rng.normal(mean, 0.07)
    return np.clip(np.round(raw * 20) / 20, 0.0, 0.6)


def _orders(
    rng: np.random.Generator,
    n_lines: int,
    months: pd.PeriodIndex,
    customers: pd.DataFrame,
    catalogue: pd.DataFrame,
) -> pd.DataFrame:
    lines = _order_lines(rng, _line_counts(n_lines, months), months, customers, catalogue)
    cust = customers.iloc[lines["cust"].to_numpy()].reset_index(drop=True)
    prod = catalogue.iloc[lines["product"].to_numpy()].reset_index(drop=True)
    region, month = lines["region"].to_numpy(), lines["month"].to_numpy()
    per_usd = np.array([r.per_usd for r in REGIONS])[region]
    # prices rise 3% each January; shelf prices end in .99 in every currency
    rise = 1.03 ** (months.year[month] - months[0].year).to_numpy()
    list_price = np.ceil(prod["list_usd"].to_numpy() * per_usd * rise) - 0.01
    big = prod["list_usd"].to_numpy() >= 150
    quantity = np.where(big, 1, np.minimum(rng.geometric(0.6, size=len(lines)), 6))
    discount = _discounts(rng, region, month, months)
    net = np.round(quantity * list_price * (1 - discount), 2)
    unit_cost = prod["cost_usd"].to_numpy() * per_usd * rise
    cost = quantity * unit_cost * rng.uniform(0.96, 1.04, size=len(lines))
    # the planted month below cost: a freight surcharge on the region's cost of goods
    loss_region, margin = NEGATIVE_MARGIN
    loss = (np.array([r.id for r in REGIONS])[region] == loss_region) & (month == len(months) - 1)
    if loss.any():
        cost[loss] *= (1 - margin) * net[loss].sum() / cost[loss].sum()
    ids = np.array([r.id for r in REGIONS])
    currency = np.array([r.currency for r in REGIONS])
    return pd.DataFrame(
        {
            "order_id": pd.Series(lines["order_no"] + 1_000_001).map("WEB-{:07d}".format),
            "line_number": lines["line_number"],
            "order_date": lines["order_date"],
            "region": ids[region],
            "customer_id": cust["customer_id"],
            "customer_name": cust["customer_name"],
            "channel": CHANNEL,
            "product_id": prod["product_id"],
            "product_name": prod["name"],
            "category": prod["category"],
            "quantity": quantity,
            "list_price": np.round(list_price, 2),
            "discount_pct": discount,
            "net_revenue": net,
            "cost": np.round(cost, 2),
            "currency": currency[region],
        }
    )


def _targets(
    rng: np.random.Generator, orders: pd.DataFrame, months: pd.PeriodIndex
) -> pd.DataFrame:
    """A budget per region and month: last year's revenue of the month plus 4% to 12%.

    The first year, without a year before it, is budgeted at its own revenue ±4%; the budget
    runs to the end of the calendar year. A retailer has no reps: each region's budget is held
    by its e-commerce budget line, ``ECOM-<REGION>``, in the ``rep_id`` column.
    """
    month = orders["order_date"].dt.to_period("M")
    revenue = orders.groupby([orders["region"], month])["net_revenue"].sum().unstack(fill_value=0)
    future = pd.period_range(months[0], pd.Period(f"{months[-1].year}-12", "M"), freq="M")
    revenue = revenue.reindex(columns=future, fill_value=0.0)
    rows = []
    for region in REGIONS:
        actual = revenue.loc[region.id]
        growth = rng.uniform(1.04, 1.12)
        for m, period in enumerate(future):
            plan = (
                actual.iloc[m - 12] * growth
                if m >= 12
                else actual.iloc[m] * rng.uniform(0.96, 1.04)
            )
            rows.append(
                (
                    str(period),
                    f"ECOM-{region.id.upper()}",
                    region.id,
                    round(plan, -2),
                    region.currency,
                )
            )
    frame = pd.DataFrame(rows, columns=["month", "rep_id", "region", "target", "currency"])
    return frame.sort_values(["month", "rep_id"], ignore_index=True)


def generate(
    seed: int = 7,
    orders: int = DEFAULT_ORDERS,
    end: str = DEFAULT_END,
    months: int = DEFAULT_MONTHS,
) -> Tables:
    """Build the retailer's two tables, ``orders`` and ``targets``, in the intake's types.

    The other tables are absent (None), and the order lines lack the optional columns a shop's
    export does not have (``rep_id``, ``segment``, ``vertical``).

    Args:
        seed: Random seed; the same seed gives the same data.
        orders: Number of order lines.
        end: Last month of data (``YYYY-MM``); the data reach its last day.
        months: Number of months of history, at least ``MIN_MONTHS``.

    Raises:
        ValueError: if ``months`` is below ``MIN_MONTHS`` or ``orders`` below 20 per region and
            month.
    """
    if months < MIN_MONTHS:
        raise ValueError(f"months must be at least {MIN_MONTHS}")
    if orders < months * len(REGIONS) * 20:
        raise ValueError(
            f"orders must be at least {months * len(REGIONS) * 20} for {months} months"
        )
    rng = np.random.default_rng(seed)
    period_index = pd.period_range(end=pd.Period(end, "M"), periods=months, freq="M")
    catalogue = _catalogue(period_index)
    customers = _customers(rng, max(800, orders // 6), months)
    order_lines = _orders(rng, orders, period_index, customers, catalogue)
    return Tables(
        orders=typed_table("orders", order_lines),
        targets=typed_table("targets", _targets(rng, order_lines, period_index)),
    )
