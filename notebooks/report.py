# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (reportlib)
#     language: python
#     name: reportlib
# ---

# %% tags=["parameters"]
region = "all"
period = ""
data_dir = "../data/sample"
params_dir = "../params"

# %% tags=["remove-cell"]
import reportlib.analysis.revenue as rev
from reportlib import present
from reportlib.charts import revenue as revenue_charts
from reportlib.kpis import collect_kpis
from reportlib.report import open_report

ctx = open_report(region, period, data_dir, params_dir)
fmt = ctx.fmt
orders, targets = ctx.tables.orders, ctx.tables.targets
kpis = collect_kpis(ctx)

# %%
present.provisional_banner(ctx.quality)

# %% [markdown]
# ## Executive summary

# %%
present.kpi_tiles(kpis, fmt)

# %%
present.paragraph(
    "{region} invoiced {revenue} in {month}, {attainment} of its {target} target, "
    "with a gross margin of {margin}. Quarter to date the region stands at {qtd} of target, "
    "year to date at {ytd}.",
    region=ctx.region.name,
    revenue=fmt.money(kpis["revenue"]),
    month=fmt.month(ctx.period),
    attainment=fmt.pct(kpis["attainment"]),
    target=fmt.money(kpis["target"]),
    margin=fmt.pct(kpis["gross_margin_pct"]),
    qtd=fmt.pct(kpis["attainment_qtd"]),
    ytd=fmt.pct(kpis["attainment_ytd"]),
)

# %% [markdown]
# ## Targets and revenue
#
# Net invoiced revenue of each month against the sum of the sales reps' monthly targets.

# %%
trend = rev.revenue_vs_target(orders, targets, ctx.period)
present.show_chart(revenue_charts.revenue_vs_target(trend, fmt))

# %%
present.table(
    trend.iloc[::-1],
    {"revenue": ("Revenue", fmt.money), "target": ("Target", fmt.money),
     "attainment": ("Attainment", fmt.pct)},
    caption="Revenue, target and attainment by month, latest first",
    index_label="Month",
)

# %% [markdown]
# ## Profitability
#
# Gross margin is net revenue less the cost of goods sold, as a share of net revenue.

# %%
by_category = rev.margin_by(orders, "category", ctx.period)
present.show_chart(revenue_charts.margin_bars(by_category, fmt, "Product category"))

# %%
present.table(
    rev.margin_by(orders, "channel", ctx.period),
    {"revenue": ("Revenue", fmt.money), "share": ("Share of revenue", fmt.pct),
     "gross_margin": ("Gross margin", fmt.money), "gross_margin_pct": ("Gross margin %", fmt.pct)},
    caption=f"Revenue and gross margin by sales channel, {fmt.month(ctx.period)}",
    index_label="Channel",
)

# %% [markdown]
# ## Data quality
#
# Every input row is either accepted or quarantined with its reason; none is dropped silently.
# Quarantined rows are listed in the run's `quarantine/` folder, and every check run on the data
# is on the [data validation](validation/index.html) page.

# %%
present.quality_table(ctx.quality, fmt)

# %% [markdown]
# ## Glossary
#
# - **Revenue**: net invoiced revenue of order lines dated in the month (list price × quantity
#   less discount), in the report's currency. The company report converts each region's amounts
#   at the budget exchange rates in `params/defaults.yaml`.
# - **Target attainment**: revenue ÷ the sum of the sales reps' targets for the same months;
#   quarter and year to date follow the fiscal year.
# - **Gross margin %**: (revenue − cost of goods sold) ÷ revenue.
# - **MoM / YoY growth**: change against the previous month / the same month a year earlier.
# - **Orders / Customers**: distinct order numbers / customer accounts invoiced in the month.

# %% tags=["remove-cell"]
present.publish_kpis(ctx.kpi_record(kpis))
