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
#     - tickets
#     - surveys
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
from functools import partial

import reportlib.analysis.service as svc
from reportlib import present
from reportlib.analysis import service_statements as said
from reportlib.charts import service as service_charts
from reportlib.i18n import _, pgettext

fmt, orders, period = ctx.fmt, ctx.tables.orders, ctx.period
tickets, surveys = ctx.tables.tickets, ctx.tables.surveys
trend = svc.trend(tickets, surveys, period)
figures = svc.summary(tickets, surveys, period)
ages = None if tickets is None else svc.backlog_ages(tickets, period)
breach = None if tickets is None else svc.sla_breach_by_priority(tickets, period)
hours = partial(fmt.number, digits=1)
columns = {
    "tickets": (_("Tickets opened"), fmt.number),
    "backlog": (_("Open at month end"), fmt.number),
    "median_first_response_hours": (_("First response, median (hours)"), hours),
    "median_resolution_hours": (_("Resolution, median (hours)"), hours),
    "sla_breach_rate": (_("SLA breach rate"), fmt.pct),
    "csat": (pgettext("column", "CSAT"), fmt.pct),
    "nps": (pgettext("column", "NPS"), fmt.number),
}

# %% [markdown]
# ## Customer service

# %%
present.takeaway(said.service_takeaway(trend, period, fmt))

# %%
present.details(_("How service is measured"), present.paragraph(_(said.MEASURES)))

# %%
present.say(
    *(() if ages is None else said.volume_sentences(figures, ages, period, fmt)),
    said.times_sentence(figures, fmt),
    said.breach_sentence(breach, fmt),
    said.satisfaction_sentence(figures, fmt),
)

# %%
if tickets is not None:
    present.show_chart(service_charts.volume_backlog(trend, fmt))

# %%
present.details(
    _("Backlog by age and SLA breach rate by priority: charts"),
    None if ages is None else service_charts.backlog_age(ages, fmt),
    None if breach is None else service_charts.breach_by_priority(breach, fmt),
)

# %%
present.details(
    _("Service figures month by month: table"),
    present.table(
        trend.set_axis([fmt.month(p) for p in trend.index]),
        columns,
        caption=_("Service figures, 13 months to {month}").format(month=fmt.month(period)),
        index_label=pgettext("column", "Month"),
        left_out=[k for k in columns if trend[k].isna().all()],
    ),
)

# %%
by_region = None if ctx.regional else svc.by_region(tickets, surveys, period)
present.details(
    _("Service figures by region: table"),
    None
    if by_region is None
    else present.table(
        by_region.rename(index=ctx.params.region_names()),
        columns,
        caption=_("Service figures by region, {month}").format(month=fmt.month(period)),
        index_label=pgettext("column", "Region"),
        left_out=[k for k in columns if by_region[k].isna().all()],
    ),
)

# %% [markdown]
# ### What service does to sales

# %%
breached = None if tickets is None else svc.breach_experience(tickets, period)
groups = None if surveys is None else svc.nps_experience(surveys, period)
kept = [
    None
    if g is None
    else svc.retention_by_experience(orders, g, period, elsewhere=ctx.bought_elsewhere)
    for g in (breached, groups)
]
present.say(
    None if kept[0] is None else said.breach_churn_sentence(kept[0], period, fmt),
    None if kept[1] is None else said.nps_churn_sentence(kept[1], period, fmt),
)

# %%
accounts = svc.accounts_with_bad_service(
    orders, tickets, surveys, period, top=10 if ctx.regional else len(orders)
)
present.say(said.accounts_sentence(accounts, ctx.regional, fmt))

# %%
present.details(
    _("The largest accounts with a bad service signal: table"),
    None
    if not ctx.regional or accounts.empty
    else present.table(
        accounts.set_index("customer_name") if "customer_name" in accounts else accounts,
        {
            "revenue": (_("Revenue, 12 months"), fmt.money),
            "breached": (_("Missed SLA targets"), fmt.number),
            "bad_ratings": (_("Poor ratings"), fmt.number),
            "old_open": (_("Open over 7 days"), fmt.number),
            "nps_score": (_("Latest NPS answer"), fmt.number),
        },
        caption=_("Accounts with a bad service signal in the 3 months to {month}").format(
            month=fmt.month(period)
        ),
        index_label=pgettext("column", "Customer"),
    ),
)
