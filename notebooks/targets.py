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
import reportlib.analysis.revenue as rev
from reportlib import present
from reportlib.analysis import comparisons, takeaways
from reportlib.charts import revenue as revenue_charts
from reportlib.i18n import _, ngettext, pgettext

fmt, orders, targets = ctx.fmt, ctx.tables.orders, ctx.tables.targets
regional, fiscal_start = ctx.regional, ctx.fiscal_start
has_cost = present.delivers(orders, "cost")

# %% [markdown]
# ## Targets and revenue

# %%
trend = rev.revenue_vs_target(orders, targets, ctx.period)
present.takeaway(takeaways.targets_takeaway(trend, fmt))

# %% [markdown]
# Net invoiced revenue of each month against its target: the sum of the month's targets (one
# for each sales rep, or a budget per region and month, as the data delivers them).

# %%
present.show_chart(revenue_charts.revenue_vs_target(trend, fmt))

# %%
present.details(
    ngettext(
        "Revenue, target and attainment by month: the chart's {n} month in a table",
        "Revenue, target and attainment by month: the chart's {n} months in a table",
        len(trend),
    ).format(n=fmt.number(len(trend))),
    present.table(
        trend.iloc[::-1].rename(index=fmt.month),
        {
            "revenue": (pgettext("column", "Revenue"), fmt.money),
            "target": (pgettext("column", "Target"), fmt.money),
            "attainment": (pgettext("column", "Attainment"), fmt.pct),
        },
        caption=_("Revenue, target and attainment by month, latest first"),
        index_label=pgettext("column", "Month"),
    ),
)

# %%
regions = (
    None
    if regional
    else rev.region_comparison(orders, targets, ctx.period, fiscal_start).rename(
        index=ctx.params.region_names()
    )
)
few_regions = (  # one region's row would be the company's
    None
    if regions is None
    else comparisons.too_few_members(
        regions.index[regions["revenue"] > 0], "region", comparisons.month_span(ctx.period, fmt)
    )
)
compared = regions is not None and not few_regions
(
    present.table(
        regions,
        {
            "revenue": (pgettext("column", "Revenue"), fmt.money),
            "share": (pgettext("column", "Share"), fmt.pct),
            "target": (pgettext("column", "Target"), fmt.money),
            "attainment": (pgettext("column", "Attainment"), fmt.pct),
            "attainment_ytd": (_("Attainment YTD"), fmt.pct),
            "gross_margin_pct": (_("Gross margin"), fmt.pct),
            "yoy_growth": (_("YoY growth"), fmt.signed_pct),
        },
        caption=_("Regions compared, {month}, in {currency} at budget exchange rates").format(
            month=fmt.month(ctx.period), currency=ctx.region.currency
        ),
        index_label=pgettext("column", "Region"),
        left_out=() if has_cost else ("gross_margin_pct",),
    )
    if compared
    else present.paragraph("{text}", text=few_regions)
    if few_regions
    else None
)

# %%
present.needs(orders, _("The gross margin of each region"), "cost") if compared else None
