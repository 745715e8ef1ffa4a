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
from IPython.display import display

import reportlib.analysis.products as prod
from reportlib import present
from reportlib.charts import products as product_charts

fmt, orders, kpis = ctx.fmt, ctx.tables.orders, ctx.kpis

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
# ### New product adoption
#
# The newest product is the one whose first sale is the latest in the data.

# %%
launch = prod.latest_launch(orders, ctx.period)
adoption = prod.new_product_adoption(orders, ctx.period, launch)
(
    present.needs(orders, "New product adoption", "product_id")
    or present.show_chart(product_charts.adoption_line(adoption, fmt, kpis["new_product"]))
)

# %%
(
    present.paragraph(
        "{product}, first sold in {launch}, brought {share} of net revenue in {month}, against "
        "{share_ly} a year earlier; {adopters} customers have bought it so far.",
        product=launch.product_name,
        launch=fmt.month(launch.month),
        share=fmt.pct(kpis["new_product_share"]),
        month=fmt.month(ctx.period),
        share_ly=fmt.pct(kpis["new_product_share_ly"]),
        adopters=fmt.number(kpis["new_product_adopters"]),
    )
    if launch
    else present.paragraph("No product was first sold after the data begin: no launch to follow.")
    if present.delivers(orders, "product_id")
    else None
)
