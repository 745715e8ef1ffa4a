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
#     - campaigns
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
from babel.lists import format_list

import reportlib.analysis.campaigns as camp
from reportlib import present
from reportlib.analysis import campaign_statements, comparisons, takeaways
from reportlib.charts import campaigns as campaign_charts
from reportlib.i18n import _, ngettext, pgettext

fmt, orders, kpis = ctx.fmt, ctx.tables.orders, ctx.kpis
campaigns, opportunities = ctx.tables.campaigns, ctx.tables.opportunities
has_cost = present.delivers(orders, "cost")

# %% [markdown]
# ## Campaigns and initiatives

# %%
campaign_months = camp.window_months(ctx.period)
campaign_results = camp.campaign_results(campaigns, opportunities, orders, ctx.period)
present.takeaway(takeaways.campaigns_takeaway(campaign_results, *campaign_months, fmt))

# %% [markdown]
# A campaign's deals are the opportunities attributed to it in the CRM. Campaigns are judged
# once their deals have had time to close: this section covers the campaigns that ended in the
# 12 months up to five months before the reported month.

# %%
in_doubt = campaign_results.index[campaign_results["check_spend"]]
one_rated = camp.one_rated(campaign_results, fmt)  # one campaign is not "the worst"
window = {"first": fmt.month(campaign_months[0]), "last": fmt.month(campaign_months[1])}
(
    present.say(  # how many of them pay back: the takeaway says it
        *campaign_statements.results_sentences(kpis, fmt, window, one_rated)
    )
    if not campaign_results.empty and opportunities is not None
    else present.paragraph(_("This section needs the campaigns table."))
    if campaigns is None
    else present.paragraph(_("What the campaigns brought back needs the opportunities table."))
    if opportunities is None
    else present.paragraph(_("No campaign ended between {first} and {last}."), **window)
)

# %%
(
    present.prose(
        present.sentence("{rule}", rule=camp.check_spend_rule(fmt)),
        present.sentence(
            _("Marked in the campaign list below: {campaigns}."),
            campaigns=format_list([str(name) for name in in_doubt], locale=fmt.locale),
        ),
    )
    if len(in_doubt)
    else None
)

# %%
(
    present.needs(orders, _("The return on marketing investment (ROMI)"), "cost")
    if not campaign_results.empty and opportunities is not None
    else None
)

# %%
n = len(campaign_results)
(
    present.details(
        ngettext("Campaign list ({n} campaign)", "Campaign list ({n} campaigns)", n).format(
            n=fmt.number(n)
        ),
        campaign_charts.romi_bars(campaign_results, fmt)
        if comparisons.comparable(camp.rated(campaign_results))
        else None,
        present.table(
            campaign_results,
            {
                "type": (pgettext("column", "Type"), str),
                "spend": (pgettext("column", "Spend"), fmt.money),
                "leads": (pgettext("column", "Leads"), fmt.number),
                "cost_per_lead": (_("Cost per lead"), fmt.money),
                "pipeline": (_("Attributed pipeline"), fmt.money),
                "revenue": (_("Attributed revenue"), fmt.money),
                "roas": ("ROAS", fmt.pct),
                "romi": ("ROMI", fmt.signed_pct),
                "verdict": (pgettext("column", "Verdict"), camp.verdict_words),
                "check_spend": (pgettext("column", "Check"), camp.check_words),
            },
            caption=_("Campaigns that ended from {first} to {last}, lowest ROMI first").format(
                **window
            ),
            index_label=pgettext("column", "Campaign"),
            left_out=() if has_cost else ("romi", "verdict", "check_spend"),
        ),
    )
    if n
    else None
)
