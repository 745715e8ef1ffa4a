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
import reportlib.analysis.products as prod
from reportlib import present
from reportlib.analysis import product_statements, takeaways
from reportlib.charts import products as product_charts
from reportlib.i18n import _, pgettext

fmt, orders, kpis, regional = ctx.fmt, ctx.tables.orders, ctx.kpis, ctx.regional
months = {"month": fmt.month(ctx.period), "year_ago": fmt.month(ctx.period - 12)}

# %% [markdown]
# ## Channels, verticals and products

# %%
compared = prod.comparable_mix_columns(orders, ctx.period)
too_few = prod.mix_too_few(orders, ctx.period, fmt)
mixes = {prod.MIX_MEMBERS[c]: prod.mix_by(orders, c, ctx.period) for c in compared}
launch = prod.latest_launch(orders, ctx.period, ctx.first_sales, ctx.launch_dates)
new_said = product_statements.new_product_sentence(
    kpis, launch, ctx.period, fmt, knows_products=present.delivers(orders, "product_id")
)
# the takeaway: the largest shift of the revenue mix, else (nothing compared) the new product
mix_said = takeaways.mix_takeaway(mixes, ctx.period, fmt)
present.takeaway(mix_said or new_said)

# %% [markdown]
# Each group's share of the month's net revenue against the same month a year earlier. The mix
# shift is the change in share, in percentage points (pp). A dimension is compared only when at
# least two of its groups sold in one of the two months.

# %%
mix_columns = {
    "revenue": (pgettext("column", "Revenue"), fmt.money),
    "share": (pgettext("column", "Share"), fmt.pct),
    "share_ly": (_("Share a year earlier"), fmt.pct),
    "mix_shift": (_("Mix shift"), fmt.points),
}
present.details(
    _(
        "Revenue mix, {month} against {year_ago}: chart of the shifts, and tables by sales "
        "channel, industry and customer segment"
    ).format(**months),
    product_charts.mix_shift_bars(prod.revenue_mix(orders, ctx.period, compared), fmt, ctx.period)
    if compared
    else None,
    *(
        present.needs(orders, what, column)
        or (present.paragraph("{text}", text=too_few[column]) if column in too_few else None)
        or present.table(
            prod.mix_by(orders, column, ctx.period),
            mix_columns,
            caption=caption.format(**months),
            index_label=label,
        )
        for column, what, caption, label in [
            (
                "channel",
                _("Revenue by sales channel"),
                _("Revenue by sales channel, {month} against {year_ago}"),
                _("Channel"),
            ),
            (
                "vertical",
                _("Revenue by industry"),
                _("Revenue by industry, {month} against {year_ago}"),
                _("Industry"),
            ),
            (
                "segment",
                _("Revenue by customer segment"),
                _("Revenue by customer segment, {month} against {year_ago}"),
                _("Segment"),
            ),
        ]
    ),
)

# %% [markdown]
# ### New products

# %%
present.details(
    _("How a product counts as new"),
    present.paragraph(
        _(
            "A product is new to the company for 24 months from its launch: the launch month "
            "the report's parameters give for it, else the month the company first sold it. "
            "Products are told apart by name, so a product re-listed under a new code is not "
            "new. In a region's report, a product the company sold in other regions before is "
            "new to the region, not to the company."
        )
    ),
)

# %%
arrival = (
    prod.latest_regional_launch(orders, ctx.period, ctx.first_sales, ctx.launch_dates)
    if regional
    else None
)
shown = launch or arrival
present.say(None if mix_said is None else new_said)  # else it is the takeaway

# %%
said = product_statements.new_to_region_sentence(orders, ctx.period, arrival, ctx.region.name, fmt)
present.say(said)

# %%
adoption = prod.new_product_adoption(orders, ctx.period, shown)
(
    present.needs(orders, _("New product adoption"), "product_id")
    or present.details(
        _("New product adoption by month: chart"),
        product_charts.adoption_line(
            adoption, fmt, shown and shown.product_name, shown.new_to if shown else "company"
        ),
    )
)
