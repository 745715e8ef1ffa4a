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
year = 0  # 0: the fiscal year after the data's last
plan_dir = ""  # empty: plan the project's sample data with params/planning.yaml
params_dir = ""  # empty: the project's params/

# %% tags=["opening", "remove-cell"]
from reportlib.plan_report import open_plan

ctx = open_plan(region, year, plan_dir, params_dir)

# %% tags=["remove-cell"]
from functools import partial

from reportlib import present
from reportlib.analysis.planning import statements, summary
from reportlib.charts import planning as plan_charts
from reportlib.i18n import _, pgettext

plan, basis, fmt = ctx.plan, ctx.basis, ctx.fmt
whole, share = partial(fmt.money, digits=0), partial(fmt.pct, digits=0)
views = summary.region_views(plan, ctx.rate, ctx.region_id, list(ctx.params.regions))
names = [ctx.region_name(r) for r in views.index]

# %% [markdown]
# ## The goal and how it was set

# %%
present.takeaway(
    statements.goal_takeaway(
        plan.year, plan.goal, basis.landing, basis.growth, basis.fiscal_year, ctx.company_fmt
    )
)

# %%
present.say(
    statements.buffer_sentence(plan.goal, plan.total, basis.buffer, ctx.company_fmt),
    statements.region_part(
        ctx.region.name,
        float(views["target"].iloc[0]),
        plan.total / ctx.rate,
        basis.region_growth.get(ctx.region.id),
        fmt,
    )
    if ctx.regional
    else None,
    statements.blend_sentence(plan.weights, basis.potential, fmt),
)

# %% [markdown]
# ### The three views side by side
#
# The chart shows each region of the company, or each team of a region.
#
# **Top-down** splits the company goal by each region's, team's and rep's share of revenue
# over the last 12 months. **Bottom-up** adds up what each rep can sell in the year: their
# measured sales per month at full productivity, times their ramp and months in the seat.
# **Potential** is the market each region could reach: its market's sales times the share the
# planning settings give it. The **target** blends the three and adds the over-assignment.

# %%
teams = summary.group_feasibility(plan, ctx.rate, ctx.region_id) if ctx.regional else None
present.show_chart(
    plan_charts.views_chart(teams, list(teams.index), fmt)
    if ctx.regional
    else plan_charts.views_chart(views, names, fmt)
)

# %%
present.table(
    views.set_axis(names),
    {
        "top_down": (plan_charts.view_label("top_down"), whole),
        "bottom_up": (plan_charts.view_label("bottom_up"), whole),
        "potential": (plan_charts.view_label("potential"), whole),
        "target": (plan_charts.view_label("target"), whole),
        "vs_bottom_up": (_("Target against bottom-up"), fmt.signed_pct),
    },
    caption=_("The plan year's three views and the blended target ({currency})").format(
        currency=fmt.currency
    ),
    index_label=pgettext("column", "Region"),
    left_out=() if plan.potential_used else ("potential",),
)
