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
from reportlib.i18n import _, ngettext, pgettext

plan, fmt = ctx.plan, ctx.fmt
whole, share = partial(fmt.money, digits=0), partial(fmt.pct, digits=0)
seats, can_reach, beyond = summary.reach_counts(plan, ctx.region_id)
groups = summary.group_feasibility(plan, ctx.rate, ctx.region_id, list(ctx.params.regions))
if not ctx.regional:
    groups = groups.set_axis([ctx.region_name(r) for r in groups.index])

# %% [markdown]
# ## Can the plan be reached?

# %%
present.takeaway(statements.feasibility_takeaway(seats, can_reach, fmt))

# %%
present.say(statements.beyond_best_sentence(seats, beyond, fmt))

# %% [markdown]
# A rep **can reach** their target when their capacity (bottom-up) is at least four fifths of
# it. A target goes **beyond the best** when it asks more than the best rep at the same tenure
# ever sold in those months. The **gap** is top-down less bottom-up: what the goal asks beyond
# what the reps have shown they can sell.

# %%
present.table(
    groups,
    {
        "target": (plan_charts.view_label("target"), whole),
        "top_down": (plan_charts.view_label("top_down"), whole),
        "bottom_up": (plan_charts.view_label("bottom_up"), whole),
        "gap": (_("Gap"), partial(fmt.signed_money, digits=0)),
        "reps": (_("Seats"), fmt.number),
        "share_can_reach": (_("Can reach"), share),
        "share_beyond_best": (_("Beyond the best"), share),
    },
    caption=(
        _("Feasibility of each team's targets ({currency})")
        if ctx.regional
        else _("Feasibility of each region's targets ({currency})")
    ).format(currency=fmt.currency),
    index_label=pgettext("column", "Team") if ctx.regional else pgettext("column", "Region"),
)

# %%
reps = summary.rep_feasibility(plan, ctx.region.id, ctx.rate) if ctx.regional else None
present.details(
    ngettext(
        "Each rep's target and whether it can be reached ({n} seat)",
        "Each rep's target and whether it can be reached ({n} seats)",
        len(reps),
    ).format(n=fmt.number(len(reps))),
    present.table(
        reps,
        {
            "rep_name": (_("Name"), str),
            "team": (pgettext("column", "Team"), str),
            "planned": (_("Planned hire"), present.yes_no),
            "months": (_("Months in seat"), fmt.number),
            "target": (plan_charts.view_label("target"), whole),
            "bottom_up": (_("Capacity (bottom-up)"), whole),
            "needed_growth": (_("Growth needed"), fmt.signed_pct),
            "can_reach": (_("Can reach"), present.yes_no),
            "beyond_best": (_("Beyond the best"), present.yes_no),
        },
        caption=_("Each rep's target for {year} ({currency})").format(
            year=plan.year, currency=fmt.currency
        ),
        index_label=_("Rep ID"),
    ),
) if ctx.regional else None
