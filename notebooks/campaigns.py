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
import reportlib.analysis.campaigns as camp
from reportlib import present
from reportlib.analysis import comparisons, takeaways
from reportlib.analysis.sentences import plural
from reportlib.charts import campaigns as campaign_charts

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
attributed = fmt.distinct_money(kpis["attributed_pipeline"], kpis["attributed_revenue"])
(
    present.prose(
        present.sentence(
            "{n} campaign ended between {first} and {last}."
            if kpis["campaigns"] == 1
            else "{n} campaigns ended between {first} and {last}.",
            n=fmt.number(kpis["campaigns"]),
            **window,
        ),
        present.sentence(  # one campaign or several: no "they"
            "The spend was {spend}, {cpl} per lead.",
            spend=fmt.rounded_money(kpis["campaign_spend"]),
            cpl=fmt.rounded_money(kpis["cost_per_lead"]),
        )
        or present.sentence(
            "The spend was {spend}.", spend=fmt.rounded_money(kpis["campaign_spend"])
        ),
        present.sentence(
            "The pipeline attributed was {pipeline}, of which {revenue} was won: a return on ad "
            "spend (ROAS, revenue ÷ spend) of {roas}.",
            pipeline=attributed[0],
            revenue=attributed[1],
            roas=fmt.pct(kpis["roas"], 0),
        ),
        present.sentence(
            "After the cost of goods, at a gross margin of {margin}, the return on marketing "
            "investment (ROMI) is {romi}.",
            margin=fmt.pct(kpis["campaign_margin_pct"]),
            romi=fmt.signed_pct(kpis["romi"], 0),
        ),
        present.sentence(  # how many pay back: the takeaway
            "The worst is {worst}, with a ROMI of {worst_romi}.",
            worst=None if one_rated else kpis["worst_campaign"],
            worst_romi=fmt.signed_pct(kpis["worst_campaign_romi"], 0),
        )
        or present.sentence("{text}", text=one_rated),
    )
    if not campaign_results.empty and opportunities is not None
    else present.paragraph("This section needs the campaigns table.")
    if campaigns is None
    else present.paragraph("What the campaigns brought back needs the opportunities table.")
    if opportunities is None
    else present.paragraph("No campaign ended between {first} and {last}.", **window)
)

# %%
(
    present.prose(
        present.sentence("{rule}", rule=camp.CHECK_SPEND_RULE),
        present.sentence(
            "Marked in the campaign list below: {campaigns}.",
            campaigns=", ".join(str(name) for name in in_doubt),
        ),
    )
    if len(in_doubt)
    else None
)

# %%
(
    present.needs(orders, "The return on marketing investment (ROMI)", "cost")
    if not campaign_results.empty and opportunities is not None
    else None
)

# %%
n = len(campaign_results)
(
    present.details(
        plural(("Campaign list ({n} campaign)", "Campaign list ({n} campaigns)"), n).format(
            n=fmt.number(n)
        ),
        campaign_charts.romi_bars(campaign_results, fmt)
        if comparisons.comparable(camp.rated(campaign_results))
        else None,
        present.table(
            campaign_results,
            {
                "type": ("Type", str),
                "spend": ("Spend", fmt.money),
                "leads": ("Leads", fmt.number),
                "cost_per_lead": ("Cost per lead", fmt.money),
                "pipeline": ("Attributed pipeline", fmt.money),
                "revenue": ("Attributed revenue", fmt.money),
                "roas": ("ROAS", fmt.pct),
                "romi": ("ROMI", fmt.signed_pct),
                "verdict": ("Verdict", str),
                "check_spend": ("Check", camp.check_words),
            },
            caption=f"Campaigns that ended from {fmt.month(campaign_months[0])} to "
            f"{fmt.month(campaign_months[1])}, lowest ROMI first",
            index_label="Campaign",
            left_out=() if has_cost else ("romi", "verdict", "check_spend"),
        ),
    )
    if n
    else None
)
