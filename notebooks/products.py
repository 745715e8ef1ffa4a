# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: reportlib
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (reportlib)
#     language: python
#     name: reportlib
#   reportlib:
#     needs:
#     - orders.channel
#     - orders.vertical
#     - orders.segment
#     - orders.product_id
# ---

# %% tags=["parameters"]
region = "all"
period = ""
data_dir = ""  # empty: the project's sample data (data/sample), wherever Jupyter starts
params_dir = ""  # empty: the project's params/

# %% tags=["opening", "remove-cell"]
from reportlib.report import open_report

ctx = open_report(region, period, data_dir, params_dir)

# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import display

import reportlib.analysis.products as prod
from reportlib import present
from reportlib.charts import products as product_charts
from reportlib.i18n import ngettext

fmt, orders, kpis, regional = ctx.fmt, ctx.tables.orders, ctx.kpis, ctx.regional

# %% [markdown]
# ## Channels, verticals and products
#
# Each group's share of the month's net revenue against the same month a year earlier. The mix
# shift is the change in share, in percentage points (pp).

# %%
(
    present.show_chart(
        product_charts.mix_shift_bars(prod.revenue_mix(orders, ctx.period), fmt, ctx.period)
    )
    if prod.mix_columns(orders)
    else None
)

# %%
mix_columns = {
    "revenue": ("Revenue", fmt.money),
    "share": ("Share", fmt.pct),
    "share_ly": ("Share a year earlier", fmt.pct),
    "mix_shift": ("Mix shift", fmt.points),
}
for column, what, label in [
    ("channel", "sales channel", "Channel"),
    ("vertical", "industry", "Industry"),
    ("segment", "customer segment", "Segment"),
]:
    display(
        present.needs(orders, f"Revenue by {what}", column)
        or present.table(
            prod.mix_by(orders, column, ctx.period),
            mix_columns,
            caption=f"Revenue by {what}, {fmt.month(ctx.period)} against "
            f"{fmt.month(ctx.period - 12)}",
            index_label=label,
        )
    )

# %% [markdown]
# ### New products
#
# A product is new to the company for 24 months from its launch: the month `launches` in
# `params/defaults.yaml` gives for it, else the month the company first sold it. Products are
# told apart by name, so a product re-listed under a new code is not new. In a region's report,
# a product the company sold in other regions before is new to the region, not to the company.

# %%
launch = prod.latest_launch(orders, ctx.period, ctx.first_sales, ctx.launch_dates)
arrival = (
    prod.latest_regional_launch(orders, ctx.period, ctx.first_sales, ctx.launch_dates)
    if regional
    else None
)
shown = launch or arrival
adoption = prod.new_product_adoption(orders, ctx.period, shown)
(
    present.needs(orders, "New product adoption", "product_id")
    or present.show_chart(
        product_charts.adoption_line(
            adoption, fmt, shown and shown.product_name, shown.new_to if shown else "company"
        )
    )
)

# %%
adopters = kpis["new_product_adopters"] or 0
new_product = {
    "product": launch and launch.product_name,
    "launch": launch and fmt.month(launch.month),
    "share": fmt.pct(kpis["new_product_share"]),
    "month": fmt.month(ctx.period),
    "share_ly": fmt.pct(kpis["new_product_share_ly"]),
    "adopters": fmt.number(adopters),
}
if launch is None and present.delivers(orders, "product_id"):
    display(
        present.paragraph(
            "No product is new to the company: none that sells here was launched in the 24 "
            "months to {month}.",
            **new_product,
        )
    )
elif launch is not None and kpis["new_product_share"] is None:
    display(
        present.paragraph(
            "{product} is new to the company (launched in {launch}); {month} had no net revenue "
            "to measure its share of.",
            **new_product,
        )
    )
elif launch is not None:
    display(
        present.paragraph(
            ngettext(
                "{product}, new to the company (launched in {launch}), brought {share} of net "
                "revenue in {month}, against {share_ly} a year earlier; {adopters} customer has "
                "bought it so far.",
                "{product}, new to the company (launched in {launch}), brought {share} of net "
                "revenue in {month}, against {share_ly} a year earlier; {adopters} customers "
                "have bought it so far.",
                adopters,
            )
            if kpis["new_product_share_ly"] is not None
            else ngettext(
                "{product}, new to the company (launched in {launch}), brought {share} of net "
                "revenue in {month}; {adopters} customer has bought it so far.",
                "{product}, new to the company (launched in {launch}), brought {share} of net "
                "revenue in {month}; {adopters} customers have bought it so far.",
                adopters,
            ),
            **new_product,
        )
    )

# %%
arrival_share = (
    prod.new_product_adoption(orders, ctx.period, arrival)["share"].iloc[-1] if arrival else None
)
(
    present.paragraph(
        "{product} is new to {region}, not to the company: first sold here in {first}, it has "
        "sold in other regions since {since}. It brought {share} of the region's net revenue in "
        "{month}."
        if arrival.sold_elsewhere_since is not None
        else "{product} is new to {region}: first sold here in {first}. It brought {share} of "
        "the region's net revenue in {month}.",
        product=arrival.product_name,
        region=ctx.region.name,
        first=fmt.month(arrival.month),
        since=fmt.month(arrival.sold_elsewhere_since) if arrival.sold_elsewhere_since else "",
        share=fmt.pct(arrival_share),
        month=fmt.month(ctx.period),
    )
    if arrival and not pd.isna(arrival_share)
    else None
)
