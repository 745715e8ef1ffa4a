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
import reportlib.analysis.customers as cust
from reportlib import present
from reportlib.analysis import customer_statements
from reportlib.charts import customers as customer_charts
from reportlib.i18n import _, pgettext

fmt, orders, kpis = ctx.fmt, ctx.tables.orders, ctx.kpis

# %%
present.details(
    _("Cohorts: the share of each quarter's new customers who bought in a later quarter, chart"),
    present.paragraph(
        _(
            "Customers grouped by the quarter of their first purchase; each cell is the share of "
            "the cohort that bought in a later quarter. Only complete quarters are shown."
        )
    ),
    present.paragraph(
        _(
            "In this regional report, cohorts and later purchases are counted in {region} only: "
            "a customer's cohort is the quarter of their first purchase in {region} (for a "
            "customer who bought in another region before, not their first purchase from the "
            "company), and a later quarter counts when they bought in {region}."
        ),
        region=ctx.region.name,
    )
    if ctx.regional
    else None,
    customer_charts.cohort_heatmap(
        cust.cohort_retention(orders, ctx.period), fmt, cust.cohort_sizes(orders, ctx.period)
    ),
)

# %% [markdown]
# ### Concentration

# %%
top = cust.top_customers(orders, ctx.period)
top10 = kpis["top10_share"] if kpis["active_customers"] > len(top) else None  # not all of them
present.prose(
    present.sentence(
        _(
            "The largest customer brought {top1} of the revenue of the last 12 months and the "
            "ten largest {top10}."
        ),
        top1=fmt.pct(kpis["top1_share"]),
        top10=fmt.pct(top10),
    )
    or present.sentence(
        _("The largest customer brought {top1} of the revenue of the last 12 months."),
        top1=fmt.pct(kpis["top1_share"]),
    ),
    present.sentence(
        _(
            "The Herfindahl-Hirschman index is {hhi} on a scale to {hhi_max}; above {hhi_high} "
            "counts as highly concentrated."
        ),
        hhi=fmt.number(kpis["hhi"]),
        hhi_max=fmt.number(10_000),
        hhi_high=fmt.number(1_800),
    ),
    otherwise=_("No customer bought in the 12 months to {month}.").format(
        month=fmt.month(ctx.period)
    ),
)

# %%
present.details(
    customer_statements.top_customers_caption(len(top), kpis["active_customers"], ctx.period, fmt),
    present.table(
        top,
        {
            "customer_name": (pgettext("column", "Customer"), str),
            "revenue": (_("Revenue, 12 months"), fmt.money),
            "share": (_("Share of revenue"), fmt.pct),
            "cumulative_share": (_("Cumulative share"), fmt.pct),
        },
        caption=customer_statements.top_customers_caption(
            len(top), kpis["active_customers"], ctx.period, fmt
        ),
        index_label=_("Customer id"),
        left_out=() if present.delivers(orders, "customer_name") else ("customer_name",),
    )
    if len(top)
    else None,
)
