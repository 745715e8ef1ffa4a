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
from reportlib.charts import month_label
from reportlib.charts import planning as plan_charts
from reportlib.i18n import _, ngettext, pgettext

plan, fmt = ctx.plan, ctx.fmt
whole, share = partial(fmt.money, digits=0), partial(fmt.pct, digits=0)
names = {rid: ctx.region_name(rid) for rid in plan.views.index}
monthly = summary.monthly_targets(plan, ctx.region_id, names)
hires = summary.hire_months(plan, ctx.region_id)

# %% [markdown]
# ## Month by month

# %%
present.takeaway(statements.phasing_takeaway(monthly["total"], fmt))

# %%
present.show_chart(plan_charts.monthly_chart(monthly, fmt))

# %%
present.details(
    _("Targets by month in a table"),
    present.table(
        monthly.set_axis([month_label(m, fmt) for m in monthly.index]),
        {
            **{group: (group, whole) for group in monthly.columns if group != "total"},
            "total": (pgettext("column", "Total"), whole),
        },
        caption=(
            _("Targets by month and team ({currency})")
            if ctx.regional
            else _("Targets by month and region ({currency})")
        ).format(currency=fmt.currency),
        index_label=pgettext("column", "Month"),
    ),
)

# %% [markdown]
# ### New hires and their ramp

# %%
present.say(
    statements.ramp_sentence(plan.ramp, plan.ramp_measured, fmt),
    statements.hires_sentence(hires, fmt),
)

# %%
present.show_chart(
    plan_charts.hire_ramp_chart(hires, summary.plan_months(plan), fmt)
) if ctx.regional and not hires.empty else None

# %%
present.details(
    _("Planned hires month by month in a table"),
    present.table(
        hires.set_index("rep_id").assign(month=[month_label(m, fmt) for m in hires["month"]]),
        {
            "team": (pgettext("column", "Team"), str),
            "month": (pgettext("column", "Month"), str),
            "ramp": (_("Share of full productivity"), share),
            "target": (plan_charts.view_label("target"), whole),
        },
        caption=_("Planned hires: their targets month by month ({currency})").format(
            currency=fmt.currency
        ),
        index_label=_("Seat"),
    ),
) if ctx.regional and not hires.empty else None

# %%
targets = summary.rep_month_targets(plan, ctx.region.id) if ctx.regional else None
present.details(
    ngettext(
        "Each rep's targets by month, as in the targets file ({n} seat)",
        "Each rep's targets by month, as in the targets file ({n} seats)",
        len(targets),
    ).format(n=fmt.number(len(targets))),
    present.table(
        targets,
        {
            "rep_name": (_("Name"), str),
            "team": (pgettext("column", "Team"), str),
            **{m: (month_label(m, fmt), whole) for m in summary.plan_months(plan)},
            "total": (pgettext("column", "Total"), whole),
        },
        caption=_("Each rep's monthly targets for {year} ({currency})").format(
            year=plan.year, currency=fmt.currency
        ),
        index_label=_("Rep ID"),
    ),
) if ctx.regional else None
