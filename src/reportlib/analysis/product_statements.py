"""The products section's sentences: the new product, one whole template for each case.

Each sentence is written whole, once per case and plural form (``reportlib.i18n.ngettext``),
with named placeholders (:mod:`.sentences`). The functions here pick the template that the
figures call for and format the figures with the report's
:class:`~reportlib.formatting.Formatter`; a notebook shows the :class:`~.sentences.Sentence`
with ``present.say(said)``, which escapes the values. A template
is picked so that none of its figures is missing: a sentence never reads "n/a".
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from reportlib.analysis.products import NEW_PRODUCT_MONTHS, Launch, new_product_adoption
from reportlib.analysis.sentences import Sentence, figure
from reportlib.formatting import Formatter
from reportlib.i18n import N_, _, ngettext

NO_NEW_PRODUCT = N_(
    "No product is new to the company: none that sells here was launched in the {months} months "
    "to {month}."
)
"""Said when no product that the report's orders sell is new to the company."""
NEW_PRODUCT_NO_REVENUE = N_(
    "{product} is new to the company (launched in {launch}); {month} had no net revenue to "
    "measure its share of."
)
"""The product new to the company, without revenue in the month to measure its share of."""


def _new_product(with_share_ly: bool, n: float) -> str:
    """The product new to the company and its share, bought so far by ``n`` customers.

    With its share a year earlier, or without it.
    """
    if with_share_ly:
        return ngettext(
            "{product}, new to the company (launched in {launch}), brought {share} of net revenue "
            "in {month}, against {share_ly} a year earlier; {adopters} customer has bought it so "
            "far.",
            "{product}, new to the company (launched in {launch}), brought {share} of net revenue "
            "in {month}, against {share_ly} a year earlier; {adopters} customers have bought it "
            "so far.",
            n,
        )
    return ngettext(
        "{product}, new to the company (launched in {launch}), brought {share} of net revenue in "
        "{month}; {adopters} customer has bought it so far.",
        "{product}, new to the company (launched in {launch}), brought {share} of net revenue in "
        "{month}; {adopters} customers have bought it so far.",
        n,
    )


NEW_TO_REGION = {
    "sold_elsewhere": N_(
        "{product} is new to {region}, not to the company: first sold here in {first}, it has "
        "sold in other regions since {since}. It brought {share} of the region's net revenue in "
        "{month}."
    ),
    "here": N_(
        "{product} is new to {region}: first sold here in {first}. It brought {share} of the "
        "region's net revenue in {month}."
    ),
}
"""The product new to the region, with the month the company first sold it elsewhere when
known."""


def new_product_sentence(
    kpis: Mapping[str, object],
    launch: Launch | None,
    period: pd.Period,
    fmt: Formatter,
    *,
    knows_products: bool = True,
) -> Sentence | None:
    """The product new to the company (:func:`_new_product`), or that there is none.

    Args:
        kpis: The report's KPI record (``new_product_share``, ``new_product_share_ly``,
            ``new_product_adopters``: ``analysis.products.product_kpis``).
        launch: ``analysis.products.latest_launch`` of the report.
        period: The reported month.
        fmt: The report's formatter.
        knows_products: Whether the orders deliver ``product_id``; without it nothing is said.

    Returns:
        The sentence; :data:`NO_NEW_PRODUCT` without a launch; None when the orders deliver no
        products.
    """
    month = fmt.month(period)
    if launch is None:
        if not knows_products:
            return None
        months = fmt.number(NEW_PRODUCT_MONTHS)
        return Sentence(_(NO_NEW_PRODUCT), {"months": months, "month": month})
    share, share_ly = figure(kpis, "new_product_share"), figure(kpis, "new_product_share_ly")
    adopters = figure(kpis, "new_product_adopters") or 0
    values = {
        "product": launch.product_name,
        "launch": fmt.month(launch.month),
        "month": month,
        "share": "" if share is None else fmt.pct(share),
        "share_ly": "" if share_ly is None else fmt.pct(share_ly),
        "adopters": fmt.number(adopters),
    }
    if share is None:
        return Sentence(_(NEW_PRODUCT_NO_REVENUE), values)
    return Sentence(_new_product(share_ly is not None, adopters), values)


def new_to_region_sentence(
    orders: pd.DataFrame, period: pd.Period, arrival: Launch | None, region: str, fmt: Formatter
) -> Sentence | None:
    """The product new to the region (:data:`NEW_TO_REGION`) and its share of the month.

    Args:
        orders: The region's order lines.
        period: The reported month.
        arrival: ``analysis.products.latest_regional_launch`` of the region's report.
        region: The region's name.
        fmt: The report's formatter.

    Returns:
        The sentence, or None without such a product or when the month has no net revenue to
        measure its share of.
    """
    if arrival is None:
        return None
    share = new_product_adoption(orders, period, arrival)["share"].iloc[-1]
    if pd.isna(share):
        return None
    since = arrival.sold_elsewhere_since
    values = {
        "product": arrival.product_name,
        "region": region,
        "first": fmt.month(arrival.month),
        "since": "" if since is None else fmt.month(since),
        "share": fmt.pct(share),
        "month": fmt.month(period),
    }
    return Sentence(_(NEW_TO_REGION["here" if since is None else "sold_elsewhere"]), values)
