# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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

# %% tags=["remove-cell"]
from functools import partial

from IPython.display import display

import reportlib.analysis.campaigns as camp
import reportlib.analysis.customers as cust
import reportlib.analysis.forecast as fcst
import reportlib.analysis.market as mkt
import reportlib.analysis.products as prod
import reportlib.analysis.profitability as prof
import reportlib.analysis.revenue as rev
import reportlib.analysis.team as team
from reportlib import present
from reportlib.analysis.highlights import highlights, summary
from reportlib.analysis.recommendations import recommend
from reportlib.charts import campaigns as campaign_charts
from reportlib.charts import customers as customer_charts
from reportlib.charts import forecast as forecast_charts
from reportlib.charts import market as market_charts
from reportlib.charts import products as product_charts
from reportlib.charts import profitability as profitability_charts
from reportlib.charts import revenue as revenue_charts
from reportlib.charts import team as team_charts
from reportlib.kpis import collect_kpis
from reportlib.report import open_report

ctx = open_report(region, period, data_dir, params_dir)
fmt, tables = ctx.fmt, ctx.tables
orders, targets = tables.orders, tables.targets
fiscal_start = ctx.params.defaults.fiscal_year_start_month
regional = not ctx.region.is_company
has_quota = targets is not None and tables.reps is not None
has_deals = tables.opportunities is not None
# optional order columns an export may not deliver: the figures that need them are left out
has_cost, has_channel = present.delivers(orders, "cost"), present.delivers(orders, "channel")
has_list_value = present.delivers(orders, "list_price", "quantity")
rep_sales = has_quota and present.delivers(orders, "rep_id")
kpis = collect_kpis(ctx)
reps, opportunities = tables.reps, tables.opportunities
teams = team.team_table(orders, targets, reps, opportunities, ctx.period, fiscal_start)
board = team.leaderboard(orders, targets, reps, opportunities, ctx.period, fiscal_start)
recommendations = recommend(kpis, fmt, ctx.region.name, teams if has_quota else None)
market, campaigns = tables.market, tables.campaigns

# %%
present.provisional_banner(ctx.quality)

# %% [markdown]
# ## Executive summary

# %%
present.kpi_tiles(kpis, fmt, present.absent(orders))

# %%
present.paragraph("{text}", text=summary(kpis, fmt, ctx.region.name, ctx.period))

# %%
present.needs(orders, "Gross margin", "cost")

# %%
present.bullets(highlights(kpis, fmt), title="Highlights")

# %%
present.recommendation_list(recommendations[:5], title="Top recommendations")

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
    {
        "revenue": ("Revenue", fmt.money),
        "target": ("Target", fmt.money),
        "attainment": ("Attainment", fmt.pct),
    },
    caption="Revenue, target and attainment by month, latest first",
    index_label="Month",
)

# %%
(
    present.table(
        rev.region_comparison(orders, targets, ctx.period, fiscal_start).rename(
            index=ctx.params.region_names()
        ),
        {
            "revenue": ("Revenue", fmt.money),
            "share": ("Share", fmt.pct),
            "target": ("Target", fmt.money),
            "attainment": ("Attainment", fmt.pct),
            "attainment_ytd": ("Attainment YTD", fmt.pct),
            "gross_margin_pct": ("Gross margin", fmt.pct),
            "yoy_growth": ("YoY growth", fmt.signed_pct),
        },
        caption=f"Regions compared, {fmt.month(ctx.period)}, in {ctx.region.currency} "
        "at budget exchange rates",
        index_label="Region",
        left_out=() if has_cost else ("gross_margin_pct",),
    )
    if not regional
    else None
)

# %%
present.needs(orders, "The gross margin of each region", "cost") if not regional else None

# %% [markdown]
# ## Profitability alignment
#
# Where the margin is made, how much of the list price is given away in discounts, and which
# growth adds margin and which dilutes it. Most figures compare the trailing 12 months with the
# 12 months before, which evens out seasonality and one-off deals.

# %%
(
    present.needs(orders, "Discount leakage", "list_price", "quantity")
    or present.paragraph(
        "Over the 12 months to {month} discounts took {leakage} of list value, against {before} "
        "in the 12 months before ({change})."
        + (
            " Leakage rose most in the {channel} channel ({channel_change})."
            if kpis["largest_leakage_increase"] is not None
            else ""
        ),
        month=fmt.month(ctx.period),
        leakage=fmt.pct(kpis["discount_leakage"]),
        before=fmt.pct(kpis["discount_leakage_before"]),
        change=fmt.points(kpis["discount_leakage_change"]),
        channel=kpis["largest_leakage_increase"],
        channel_change=fmt.points(kpis["largest_leakage_increase_change"]),
    )
)

# %%
(
    present.needs(orders, "Gross margin", "cost")
    or present.paragraph(
        "Gross margin over the 12 months to {month} was {margin} ({margin_change} on the year "
        "before)."
        + (" The channel whose growth dilutes margin most: {dilutive}." if has_channel else ""),
        month=fmt.month(ctx.period),
        margin=fmt.pct(kpis["gross_margin_pct_12m"]),
        margin_change=fmt.points(kpis["gross_margin_pct_12m_change"]),
        dilutive=kpis["most_dilutive"] or "none (no channel outgrows the region at a lower margin)",
    )
)

# %%
margin_columns = {
    "revenue": ("Revenue, month", fmt.money),
    "gross_margin_pct": ("Margin %, month", fmt.pct),
    "revenue_12m": ("Revenue, 12 months", fmt.money),
    "share_12m": ("Share, 12 months", fmt.pct),
    "gross_margin_pct_12m": ("Margin %, 12 months", fmt.pct),
}
for column, what, label in [
    ("category", "product category", "Category"),
    ("channel", "sales channel", "Channel"),
    ("vertical", "industry", "Industry"),
]:
    if has_cost:  # without cost the section has said so once
        display(
            present.needs(orders, f"Gross margin by {what}", column)
            or present.table(
                prof.margin_table(orders, column, ctx.period),
                margin_columns,
                caption=f"Gross margin by {what}, {fmt.month(ctx.period)} and trailing 12 months",
                index_label=label,
            )
        )

# %%
(
    present.needs(orders, "Gross margin by sales rep", "rep_id")
    or present.table(
        prof.margin_table(orders, "rep_id", ctx.period).head(10),
        margin_columns,
        caption="Gross margin of the ten sales reps with the most 12-month revenue",
        index_label="Sales rep",
    )
    if regional and has_cost
    else None
)

# %% [markdown]
# ### Discount leakage
#
# Discount leakage is the share of list value (list price × quantity) not invoiced:
# Σ(list value − net revenue) ÷ Σ list value, the on-invoice step of the price waterfall.

# %%
leakage_12m = prof.leakage_by(orders, "channel", ctx.period, 12) if has_channel else None
(
    present.needs(orders, "Discount leakage by sales channel", "channel", "list_price", "quantity")
    or present.show_chart(
        profitability_charts.leakage_bars(leakage_12m, fmt, "Channel", ctx.period)
    )
)

# %%
(
    present.table(
        leakage_12m,
        {
            "leakage": ("Leakage", fmt.pct),
            "leakage_before": ("A year earlier", fmt.pct),
            "change": ("Change", fmt.points),
            "leaked": ("Discount given", fmt.money),
        },
        caption=f"Discount leakage by channel, 12 months to {fmt.month(ctx.period)} against the "
        "12 months before, largest increase first",
        index_label="Channel",
    )
    if has_channel and has_list_value
    else None
)

# %% [markdown]
# ### Which growth adds margin and which dilutes it
#
# A channel that grows faster than the whole gains weight in the mix. Its growth is
# **accretive** when its 12-month gross margin is at or above the average and **dilutive** when
# it is below.

# %%
growth_by_channel = (
    prof.growth_quality(orders, "channel", ctx.period) if has_channel and has_cost else None
)
(
    present.needs(orders, "Growth and margin by sales channel", "channel", "cost")
    or present.show_chart(profitability_charts.margin_vs_share(growth_by_channel, fmt, "Channel"))
)

# %%
(
    present.table(
        growth_by_channel,
        {
            "revenue_12m": ("Revenue, 12 months", fmt.money),
            "growth": ("Growth", fmt.signed_pct),
            "share_12m": ("Share", fmt.pct),
            "gross_margin_pct_12m": ("Margin %", fmt.pct),
            "margin_gap": ("Against average", fmt.points),
            "mix_effect": ("Mix effect", fmt.points),
            "verdict": ("Verdict", str),
        },
        caption=f"Growth and margin by channel, 12 months to {fmt.month(ctx.period)}",
        index_label="Channel",
    )
    if growth_by_channel is not None
    else None
)

# %% [markdown]
# ### Revenue bridge: volume, mix, list price and discount
#
# How net revenue moved from the 12 months a year earlier to the trailing 12 months. The four
# effects add up exactly to the change.

# %%
(
    present.needs(orders, "The revenue bridge", "quantity", "list_price")
    or present.show_chart(
        profitability_charts.revenue_bridge(
            prof.revenue_bridge(orders, ctx.period), fmt, ctx.period
        )
    )
)

# %% [markdown]
# ## Team performance
#
# Where each sales team stands against plan this fiscal year, how deals convert, and how
# quickly new hires ramp up. Only account executives carry a target; a team's revenue also
# counts its manager's own sales. Individual reps appear only in their own region's report.

# %%
(
    present.paragraph(
        "{team} has the lowest year-to-date attainment of the teams: {attainment} of its "
        "target. Across {reps} account executives with a target the median year-to-date "
        "attainment is {median} (P10 {p10}, P90 {p90}), and {share} of them are at or above 100%.",
        team=teams.index[0],
        attainment=fmt.pct(teams["attainment"].iloc[0]),
        reps=fmt.number(kpis["reps_with_target"]),
        median=fmt.pct(kpis["median_rep_attainment"]),
        p10=fmt.pct(kpis["p10_rep_attainment"]),
        p90=fmt.pct(kpis["p90_rep_attainment"]),
        share=fmt.pct(kpis["share_reps_at_target"]),
    )
    if rep_sales and not teams.empty
    else present.paragraph("Team performance needs the targets and reps tables.")
    if not has_quota
    else present.needs(orders, "Attainment of sales reps and teams", "rep_id")
)

# %%
(
    present.table(
        teams,
        {
            "manager": ("Manager", str),
            "reps": ("Account executives", fmt.number),
            "revenue": ("Revenue YTD", fmt.money),
            "target": ("Target YTD", fmt.money),
            "attainment": ("Attainment YTD", fmt.pct),
            "win_rate": (f"Win rate, last {team.WIN_RATE_MONTHS} months", fmt.pct),
            "pipeline_coverage": ("Pipeline coverage (×)", partial(fmt.number, digits=1)),
        },
        caption=f"Sales teams, fiscal year to {fmt.month(ctx.period)}, lowest attainment first",
        index_label="Team",
    )
    if rep_sales
    else None
)

# %%
present.show_chart(team_charts.attainment_by_team(board, fmt)) if rep_sales else None

# %%
(
    present.paragraph(
        "Over the last {months} months {closed} deals closed and {win_rate} of them were won "
        "({win_rate_value} by value). The average won deal is worth {deal_size} and took "
        "{cycle} days from creation to close. With {open} qualified deals open, the pipeline "
        "should turn into about {velocity} a day. Pipeline coverage for the rest of the quarter "
        "is {coverage}×.",
        months=fmt.number(team.WIN_RATE_MONTHS),
        closed=fmt.number(kpis["closed_deals"]),
        win_rate=fmt.pct(kpis["win_rate"]),
        win_rate_value=fmt.pct(kpis["win_rate_value"]),
        deal_size=fmt.money(kpis["avg_deal_size"]),
        cycle=fmt.number(kpis["sales_cycle_days"]),
        open=fmt.number(kpis["open_qualified_deals"]),
        velocity=fmt.money(kpis["sales_velocity"]),
        coverage=fmt.number(kpis["pipeline_coverage"], 1),
    )
    if has_deals
    else present.paragraph("Win rate, deal size, cycle and pipeline need the opportunities table.")
)

# %%
present.paragraph(team.OUTLIER_RULE) if rep_sales and regional else None

# %%
(
    present.table(
        board,
        {
            "rep_name": ("Rep", str),
            "team": ("Team", str),
            "rank": ("Rank", fmt.number),
            "attainment_ytd": ("Attainment YTD", fmt.pct),
            "revenue_ytd": ("Revenue YTD", fmt.money),
            "win_rate": ("Win rate YTD", fmt.pct),
            "deals_won": ("Deals won YTD", fmt.number),
            "flag": ("Flag", str),
        },
        caption=f"Leaderboard: account executives, fiscal year to {fmt.month(ctx.period)}",
        index_label="Rep id",
    )
    if rep_sales and regional
    else None
)

# %%
ramp = team.ramp(orders, targets, tables.reps, ctx.period)
present.show_chart(team_charts.ramp_curve(ramp, fmt)) if rep_sales else None

# %% [markdown]
# ## Competitors and market
#
# How often the company wins when a competitor is on the deal, why deals are lost, and how its
# market share and prices compare with its rivals'. Deal figures count the deals closed in the
# last 12 months; market figures come from the monthly market estimates.

# %%
(
    present.paragraph(
        "The company won {base} of the deals without a competitor in the 12 months to {month}. "
        "{top} gained the most market share over the year, from {before} to {now} of the market "
        "(the three months to {month} against the same months a year earlier), and the company "
        "won {top_rate} of its deals against it."
        if kpis["top_competitor_gain"] is not None
        else "The company won {base} of the deals without a competitor in the 12 months to "
        "{month}. No competitor gained market share over the year, or the market table was not "
        "supplied.",
        base=fmt.pct(kpis["win_rate_no_competitor"]),
        month=fmt.month(ctx.period),
        top=kpis["top_competitor_gain"],
        before=fmt.pct(kpis["top_competitor_share_year_ago"]),
        now=fmt.pct(kpis["top_competitor_share"]),
        top_rate=fmt.pct(kpis["win_rate_vs_top_competitor"]),
    )
    if has_deals
    else present.paragraph(
        "The win rates by competitor and the loss reasons need the opportunities table."
    )
)

# %%
(
    present.show_chart(
        market_charts.win_rate_bars(
            mkt.win_rate_by_competitor(opportunities, ctx.period), fmt, ctx.period
        )
    )
    if has_deals
    else None
)

# %%
win_matrix = mkt.win_rate_matrix(opportunities, ctx.period, by="type" if regional else "region")
(
    present.table(
        win_matrix.rename(columns=ctx.params.region_names()),
        {name: (name, fmt.pct) for name in win_matrix.rename(columns=ctx.params.region_names())},
        caption=f"Win rate against each competitor by {'deal type' if regional else 'region'}, "
        f"deals closed in the 12 months to {fmt.month(ctx.period)}",
        index_label="Main competitor",
    )
    if has_deals
    else None
)

# %%
(
    present.table(
        mkt.loss_reasons(opportunities, ctx.period),
        {
            "deals": ("Lost deals", fmt.number),
            "deal_share": ("Share of lost deals", fmt.pct),
            "amount": ("Lost value", fmt.money),
            "value_share": ("Share of lost value", fmt.pct),
        },
        caption=f"Why deals were lost, deals closed in the 12 months to {fmt.month(ctx.period)}",
        index_label="Loss reason",
    )
    if has_deals
    else None
)

# %%
(
    present.paragraph(
        "In {month} the company held {share} of the market, {relative} of the sales of its "
        "largest rival, {rival}. Its price index stood at {price} (100 = the competitors' "
        "average price; above 100 the company is dearer).",
        month=fmt.month(ctx.period),
        share=fmt.pct(kpis["market_share"]),
        relative=fmt.pct(kpis["relative_share"]),
        rival=kpis["largest_rival"],
        price=fmt.number(kpis["price_index"]),
    )
    if market is not None
    else present.paragraph("Market share and the price index need the market table.")
)

# %%
(
    present.show_chart(
        market_charts.market_share_lines(mkt.company_shares(market, ctx.period), fmt)
    )
    if market is not None
    else None
)

# %%
(
    present.table(
        mkt.competitor_shares(market, ctx.period),
        {
            "share": ("Share, last 3 months", fmt.pct),
            "share_year_ago": ("Share a year earlier", fmt.pct),
            "change": ("Change", fmt.points),
            "avg_price": ("Average price", fmt.money),
            "price_index": ("Our price index vs them", fmt.number),
        },
        caption=f"Market share and price of each company, the three months to "
        f"{fmt.month(ctx.period)} against the same months a year earlier",
        index_label="Company",
    )
    if market is not None
    else None
)

# %% [markdown]
# ## Customers
#
# Customers are not under contract, so a customer counts as *active* when they bought in the
# trailing 12 months. Retention, churn and revenue retention follow the customers who bought in
# the 12 months ending a year ago (the starting cohort) into the last 12 months.

# %%
(
    present.paragraph(
        "Of the {start} customers who bought in the 12 months to {year_ago}, {retention} bought "
        "again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. The revenue "
        "of that starting cohort came to {nrr} of its level a year earlier (net revenue "
        "retention), or {grr} counting only the losses (gross revenue retention).",
        start=fmt.number(kpis["customers_at_start"]),
        year_ago=fmt.month(ctx.period - 12),
        retention=fmt.pct(kpis["retention_rate"]),
        month=fmt.month(ctx.period),
        lost=fmt.number(kpis["customers_lost"]),
        churn=fmt.pct(kpis["churn_rate"]),
        nrr=fmt.pct(kpis["nrr"]),
        grr=fmt.pct(kpis["grr"]),
    )
    if kpis["retention_rate"] is not None
    else present.paragraph(
        "Retention, churn and revenue retention need 24 months of order history before "
        "{month}; the data begin later.",
        month=fmt.month(ctx.period),
    )
)

# %%
present.paragraph(
    "{active} customers bought in the 12 months to {month}. {new} bought for the first time in "
    "{month}, bringing {new_share} of the month's revenue.",
    active=fmt.number(kpis["active_customers"]),
    month=fmt.month(ctx.period),
    new=fmt.number(kpis["new_customers"]),
    new_share=fmt.pct(kpis["new_customer_revenue_share"]),
)

# %% [markdown]
# ### Revenue bridge by customer
#
# From the revenue of the 12 months to the same month last year to the revenue of the last 12
# months, customer by customer: new and returning customers add, existing customers expand or
# contract, and churned customers take away what they spent a year earlier.

# %%
customer_bridge = cust.revenue_bridge(orders, ctx.period)
present.show_chart(customer_charts.bridge_waterfall(customer_bridge, fmt, ctx.period))

# %%
present.table(
    customer_bridge,
    {"amount": ("Revenue, 12 months", fmt.money), "customers": ("Customers", fmt.number)},
    caption=f"Revenue bridge, 12 months to {fmt.month(ctx.period - 12)} to 12 months to "
    f"{fmt.month(ctx.period)}",
    index_label="Step",
)

# %% [markdown]
# ### Active customers
#
# The 12-month window flags a lost customer only a year after their last purchase. To see a
# wave of lost customers sooner, this chart counts the customers who bought in the trailing
# 3 months, month by month.

# %%
active = cust.monthly_active_customers(orders, ctx.period, by=None if regional else "region")
present.show_chart(customer_charts.active_customers_line(active, fmt, ctx.params.region_names()))

# %%
drop = cust.largest_drop(active)
(
    present.paragraph(
        "The steepest three-month fall in active customers: {who}, {change}, from {before} in "
        "{start} to {after} in {end}.",
        who=ctx.region.name if regional else ctx.params.region(drop["group"]).name,
        change=fmt.signed_pct(drop["change"]),
        before=fmt.number(drop["before"]),
        start=fmt.month(drop["start"]),
        after=fmt.number(drop["after"]),
        end=fmt.month(drop["end"]),
    )
    if drop
    else present.paragraph("The number of active customers did not fall in the months shown.")
)

# %% [markdown]
# ### Cohorts
#
# Customers grouped by the quarter of their first purchase; each cell is the share of the
# cohort that bought in a later quarter. Only complete quarters are shown.

# %%
present.show_chart(
    customer_charts.cohort_heatmap(
        cust.cohort_retention(orders, ctx.period), fmt, cust.cohort_sizes(orders, ctx.period)
    )
)

# %% [markdown]
# ### Concentration

# %%
present.paragraph(
    "The largest customer brought {top1} of the revenue of the last 12 months and the ten "
    "largest {top10}. The Herfindahl-Hirschman index is {hhi} on a scale to {hhi_max}; above "
    "{hhi_high} counts as highly concentrated.",
    top1=fmt.pct(kpis["top1_share"]),
    top10=fmt.pct(kpis["top10_share"]),
    hhi=fmt.number(kpis["hhi"]),
    hhi_max=fmt.number(10_000),
    hhi_high=fmt.number(1_800),
)

# %%
present.table(
    cust.top_customers(orders, ctx.period),
    {
        "customer_name": ("Customer", str),
        "revenue": ("Revenue, 12 months", fmt.money),
        "share": ("Share of revenue", fmt.pct),
        "cumulative_share": ("Cumulative share", fmt.pct),
    },
    caption=f"The ten largest customers, 12 months to {fmt.month(ctx.period)}",
    index_label="Customer id",
    left_out=() if present.delivers(orders, "customer_name") else ("customer_name",),
)

# %% [markdown]
# ## Channels, verticals and products
#
# Each group's share of the month's net revenue against the same month a year earlier. The mix
# shift is the change in share, in percentage points (pp).

# %%
(
    present.show_chart(
        product_charts.mix_shift_bars(prod.revenue_mix(orders, ctx.period), fmt, ctx.period)
    )
    if prod.mix_columns(orders)
    else None
)

# %%
mix_columns = {
    "revenue": ("Revenue", fmt.money),
    "share": ("Share", fmt.pct),
    "share_ly": ("Share a year earlier", fmt.pct),
    "mix_shift": ("Mix shift", fmt.points),
}
for column, what, label in [
    ("channel", "sales channel", "Channel"),
    ("vertical", "industry", "Industry"),
    ("segment", "customer segment", "Segment"),
]:
    display(
        present.needs(orders, f"Revenue by {what}", column)
        or present.table(
            prod.mix_by(orders, column, ctx.period),
            mix_columns,
            caption=f"Revenue by {what}, {fmt.month(ctx.period)} against "
            f"{fmt.month(ctx.period - 12)}",
            index_label=label,
        )
    )

# %% [markdown]
# ### New product adoption
#
# The newest product is the one whose first sale is the latest in the data.

# %%
launch = prod.latest_launch(orders, ctx.period)
adoption = prod.new_product_adoption(orders, ctx.period, launch)
(
    present.needs(orders, "New product adoption", "product_id")
    or present.show_chart(product_charts.adoption_line(adoption, fmt, kpis["new_product"]))
)

# %%
(
    present.paragraph(
        "{product}, first sold in {launch}, brought {share} of net revenue in {month}, against "
        "{share_ly} a year earlier; {adopters} customers have bought it so far.",
        product=launch.product_name,
        launch=fmt.month(launch.month),
        share=fmt.pct(kpis["new_product_share"]),
        month=fmt.month(ctx.period),
        share_ly=fmt.pct(kpis["new_product_share_ly"]),
        adopters=fmt.number(kpis["new_product_adopters"]),
    )
    if launch
    else present.paragraph("No product was first sold after the data begin: no launch to follow.")
    if present.delivers(orders, "product_id")
    else None
)

# %% [markdown]
# ## Campaigns and initiatives
#
# What marketing campaigns cost and what they brought back. A campaign's deals are the
# opportunities attributed to it in the CRM. Campaigns are judged once their deals have had time
# to close: this section covers the campaigns that ended in the 12 months up to five months
# before the reported month.

# %%
campaign_months = camp.window_months(ctx.period)
campaign_results = camp.campaign_results(campaigns, opportunities, orders, ctx.period)
present.paragraph(
    "{n} campaigns ended between {first} and {last}. They cost {spend}, {cpl} per lead, and "
    "brought {pipeline} of pipeline, of which {revenue} was won: a return on ad spend (ROAS, "
    "revenue ÷ spend) of {roas}."
    + (
        " After the cost of goods, at a gross margin of {margin}, the return on marketing "
        "investment (ROMI) is {romi}. {paying} of the campaigns pay back; the worst is {worst}, "
        "with a ROMI of {worst_romi}."
        if kpis["worst_campaign"] is not None
        else ""
    )
    if not campaign_results.empty and opportunities is not None
    else "This section needs the campaigns table."
    if campaigns is None
    else "What the campaigns brought back needs the opportunities table."
    if opportunities is None
    else "No campaign ended between {first} and {last}.",
    n=fmt.number(kpis["campaigns"]),
    first=fmt.month(campaign_months[0]),
    last=fmt.month(campaign_months[1]),
    spend=fmt.money(kpis["campaign_spend"]),
    cpl=fmt.money(kpis["cost_per_lead"]),
    pipeline=fmt.money(kpis["attributed_pipeline"]),
    revenue=fmt.money(kpis["attributed_revenue"]),
    roas=fmt.pct(kpis["roas"], 0),
    margin=fmt.pct(kpis["campaign_margin_pct"]),
    romi=fmt.signed_pct(kpis["romi"], 0),
    paying=fmt.pct(kpis["campaigns_paying_back_share"], 0),
    worst=kpis["worst_campaign"],
    worst_romi=fmt.signed_pct(kpis["worst_campaign_romi"], 0),
)

# %%
(
    present.needs(orders, "The return on marketing investment (ROMI)", "cost")
    if not campaign_results.empty and opportunities is not None
    else None
)

# %%
(
    present.show_chart(campaign_charts.romi_bars(campaign_results, fmt))
    if kpis["worst_campaign"] is not None
    else None
)

# %%
(
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
        },
        caption=f"Campaigns that ended from {fmt.month(campaign_months[0])} to "
        f"{fmt.month(campaign_months[1])}, lowest ROMI first",
        index_label="Campaign",
        left_out=() if has_cost else ("romi", "verdict"),
    )
    if not campaign_results.empty
    else None
)

# %% [markdown]
# ## Forecast
#
# Where revenue is heading, seen two ways. The time series: monthly revenue is forecast by the
# model that forecast the last twelve months best, one month ahead at a time (seasonal naïve,
# drift, or exponential smoothing with a damped trend and a yearly season), always shown beside
# the seasonal naïve baseline ("same month last year"). The shaded bands hold the coming months'
# revenue with 80% and 95% probability. The pipeline: the open deals expected to close before the
# end of the fiscal quarter, rolled up by forecast category.

# %%
revenue_fc = fcst.forecast_revenue(fcst.revenue_series(orders, ctx.period))
landings = fcst.landing(revenue_fc, targets, ctx.period, fiscal_start)
pipeline_fc = fcst.pipeline_forecast(opportunities, ctx.period, fiscal_start)
quarter, year = landings.loc["quarter"], landings.loc["year"]
next_month = revenue_fc.forecast.iloc[0]
present.show_chart(
    forecast_charts.revenue_forecast(
        revenue_fc, rev.monthly_targets(targets) if targets is not None else None, fmt
    )
)

# %%
present.paragraph(
    "Model chosen: {model}. It forecasts {forecast} for {month} (80% prediction interval {low} "
    "to {high}). Forecasting each of the last {months} months from the months before it, it "
    "missed by {wape} of revenue (WAPE); the seasonal naïve baseline missed by {baseline}.",
    model=revenue_fc.model_label,
    forecast=fmt.money(next_month["forecast"]),
    month=fmt.month(revenue_fc.forecast.index[0]),
    low=fmt.money(next_month["lo80"]),
    high=fmt.money(next_month["hi80"]),
    months=fmt.number(len(revenue_fc.backtest)),
    wape=fmt.pct(revenue_fc.backtest_wape()),
    baseline=fmt.pct(revenue_fc.backtest_wape(fcst.BASELINE)),
)

# %%
present.paragraph(
    "Note on the forecast: {note}.", note=revenue_fc.note
) if revenue_fc.note else None

# %%
present.table(
    fcst.accuracy_table(revenue_fc),
    {
        "wape": ("WAPE", fmt.pct),
        "mape": ("MAPE", fmt.pct),
        "mase": ("MASE", partial(fmt.number, digits=2)),
        "bias": ("Bias", fmt.signed_pct),
        "role": ("Role", str),
    },
    caption=f"Backtest: one-month-ahead forecasts of the last {len(revenue_fc.backtest)} months "
    "(MASE: error ÷ in-sample error of the seasonal naïve method; bias: over (+) or under (−) "
    "forecast)",
    index_label="Model",
)

# %%
(
    present.paragraph(
        "Adding the forecast of the months left to what has been invoiced, the fiscal quarter "
        "({q_start} to {q_end}) lands at {q_landing} against a target of {q_target}, a "
        "{q_probability} probability of reaching it; the fiscal year lands at {y_landing} "
        "against {y_target}, a {y_probability} probability.",
        q_start=fmt.month(quarter["start"]),
        q_end=fmt.month(quarter["end"]),
        q_landing=fmt.money(quarter["landing"]),
        q_target=fmt.money(quarter["target"]),
        q_probability=fmt.pct(quarter["probability"], 0),
        y_landing=fmt.money(year["landing"]),
        y_target=fmt.money(year["target"]),
        y_probability=fmt.pct(year["probability"], 0),
    )
    if targets is not None
    else present.paragraph(
        "Without the targets table, the fiscal quarter ({q_start} to {q_end}) lands at "
        "{q_landing} and the fiscal year at {y_landing}.",
        q_start=fmt.month(quarter["start"]),
        q_end=fmt.month(quarter["end"]),
        q_landing=fmt.money(quarter["landing"]),
        y_landing=fmt.money(year["landing"]),
    )
)

# %%
present.table(
    landings.rename(index={"quarter": "Fiscal quarter", "year": "Fiscal year"}),
    {
        "actual_to_date": ("Invoiced to date", fmt.money),
        "forecast_rest": ("Forecast, months left", fmt.money),
        "landing": ("Landing", fmt.money),
        "landing_lo80": ("Landing, 80% low", fmt.money),
        "landing_hi80": ("Landing, 80% high", fmt.money),
        "target": ("Target", fmt.money),
        "attainment": ("Landing ÷ target", fmt.pct),
        "probability": ("Probability of target", partial(fmt.pct, digits=0)),
    },
    caption="Landing of the fiscal quarter and year: revenue invoiced to date plus the forecast "
    "of the months left",
    index_label="Period",
)

# %%
(
    present.table(
        fcst.forecast_categories(opportunities, ctx.period, fiscal_start),
        {
            "deals": ("Deals", fmt.number),
            "amount": ("Amount", fmt.money),
            "weighted": ("Weighted by probability", fmt.money),
        },
        caption="The fiscal quarter's pipeline by forecast category: deals won in the quarter to "
        "date (Closed) and deals open at month end that close in the rest of the quarter",
        index_label="Forecast category",
    )
    if has_deals
    else present.paragraph("The pipeline forecast needs the opportunities table.")
)

# %%
(
    present.paragraph(
        "The pipeline puts the quarter between {commit} (commit forecast: {closed} won so far "
        "plus the deals in Commit) and {best_case} (best-case forecast), against the time "
        "series' {landing}. Weighted by stage probability, the deals closing in the rest of the "
        "quarter are worth {weighted}.",
        commit=fmt.money(pipeline_fc["commit_forecast"]),
        closed=fmt.money(pipeline_fc["closed_won_qtd"]),
        best_case=fmt.money(pipeline_fc["best_case_forecast"]),
        landing=fmt.money(quarter["landing"]),
        weighted=fmt.money(pipeline_fc["weighted_pipeline"]),
    )
    if has_deals
    else None
)

# %%
present.show_chart(
    forecast_charts.quarter_views(
        fcst.quarter_views(landings, pipeline_fc), fmt, quarter["start"], quarter["end"]
    )
)

# %% [markdown]
# ### Last month's forecast against the actual
#
# Every report stores its forecast, and the following reports hold it against the revenue that
# was then invoiced: the forecast made one month ahead, its error (forecast − actual) and
# whether the actual fell inside its prediction intervals. An honest 80% interval holds about
# four actuals in five.

# %%
track = fcst.track_record(ctx.forecast_history, revenue_fc.history, ctx.period, ctx.region.currency)
last_fc = track.last
(
    present.paragraph(
        "In {made_in} we forecast {forecast} for {month}; the actual was {actual} (forecast "
        "error {error} of the actual), {verdict}.",
        made_in=fmt.month(last_fc["made_in"]),
        forecast=fmt.money(last_fc["forecast"]),
        month=fmt.month(ctx.period),
        actual=fmt.money(last_fc["actual"]),
        error=fmt.signed_pct(last_fc["error_pct"]),
        verdict=fcst.interval_verdict(last_fc),
    )
    if last_fc is not None
    else present.paragraph(
        "No earlier forecast is stored for this report yet. The comparison of forecast and "
        "actual starts with next month's report, which will score the forecast this report "
        "makes for {next_month}.",
        next_month=fmt.month(ctx.period + 1),
    )
    if ctx.forecast_history.empty
    else present.paragraph(
        "No comparable forecast of {month} made in {previous} is stored, so this month's "
        "revenue cannot be held against one.",
        month=fmt.month(ctx.period),
        previous=fmt.month(ctx.period - 1),
    )
)

# %%
(
    present.paragraph(
        "Months scored so far: {months}. Forecasting one month ahead, the stored forecasts "
        "missed by {wape} of revenue (WAPE) with a bias of {bias}; {inside80} of the actuals fell "
        "inside their 80% prediction interval and {inside95} inside their 95% interval.",
        months=fmt.number(track.months),
        wape=fmt.pct(track.wape),
        bias=fmt.signed_pct(track.bias),
        inside80=fmt.pct(track.inside80_share, 0),
        inside95=fmt.pct(track.inside95_share, 0),
    )
    if track.months
    else None
)

# %%
present.paragraph("Not compared: {note}.", note=track.note) if track.note else None

# %%
(
    present.table(
        track.table.iloc[::-1].rename(index=fmt.month),
        {
            "made_in": ("Forecast made in", fmt.month),
            "forecast": ("Forecast", fmt.money),
            "lo80": ("80% interval, low", fmt.money),
            "hi80": ("80% interval, high", fmt.money),
            "actual": ("Actual", fmt.money),
            "error": ("Error", fmt.money),
            "error_pct": ("Error % of actual", fmt.signed_pct),
            "inside80": ("Inside 80%", present.yes_no),
            "inside95": ("Inside 95%", present.yes_no),
            "model": ("Model", fcst.model_label),
        },
        caption="Track record: each month's revenue against the forecast made the month before, "
        "latest first (error = forecast − actual)",
        index_label="Month",
    )
    if track.months
    else None
)

# %% tags=["remove-cell"]
present.publish_forecast(
    fcst.forecast_record(
        revenue_fc, region=ctx.region.id, made_in=ctx.period, currency=ctx.region.currency
    )
)

# %% [markdown]
# ## Recommendations
#
# Each recommendation follows a stated rule and cites the figure that triggers it.

# %%
present.recommendation_list(recommendations, title="All recommendations")

# %% [markdown]
# ## Data quality
#
# Every input row is either accepted or quarantined with its reason; none is dropped silently.
# Quarantined rows are listed in the run's `quarantine/` folder, and every check run on the data
# is on the [data validation](validation/index.html) page.

# %%
present.quality_table(ctx.quality, fmt)

# %%
present.not_delivered_note(ctx.quality)

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
# - **Discount leakage**: Σ(list price × quantity − net revenue) ÷ Σ(list price × quantity).
# - **Points (pp)**: differences between two percentages.
# - **Not delivered**: an optional column that the export lacks (the data-quality section lists
#   them); every figure that needs it is left out, and its section says so.
# - **Accretive / dilutive growth**: growing faster than the whole at a margin above / below
#   the average.
# - **Revenue bridge**: volume at last year's average price, then mix, list price and discount.
# - **Win rate**: won ÷ (won + lost) deals closed in the last 3 months (by value: Σ won ÷ Σ
#   closed amount); the leaderboard uses the fiscal year to date.
# - **Average deal size / sales cycle**: Σ won amount ÷ deals won; mean days from creation to
#   close of won deals.
# - **Pipeline coverage**: open deals closing in the rest of the fiscal quarter ÷ (quarter
#   target − revenue to date); in a quarter's last month, the next quarter.
# - **Sales velocity**: open deals with a stage probability ≥ 20% × average deal size × win
#   rate ÷ average cycle days.
# - **Ramp**: attainment of rep-months by months since hire.
# - **Win rate vs a competitor**: won ÷ (won + lost) of the deals closed in the last 12 months
#   with that competitor as the main competitor; "No competitor" is the baseline.
# - **Loss reasons**: share of the deals lost in the last 12 months, by count and by value.
# - **Market share**: own sales ÷ sales of every company in the market estimates; relative
#   share = own sales ÷ the largest rival's. Share change: the last three months against the
#   same three months a year earlier.
# - **Price index**: own average price ÷ the competitors' average price × 100.
# - **Cost per lead**: spend ÷ leads. **ROAS**: attributed won revenue ÷ spend.
# - **ROMI**: (attributed won revenue × gross margin % of the last 12 months − spend) ÷ spend;
#   a campaign pays back when ROMI ≥ 0. Campaigns are judged once they ended at least five
#   months before the reported month.
# - **Active customer**: bought (positive net revenue) in the trailing 12 months; the
#   active-customers chart uses 3 months.
# - **Retention / churn rate**: of the customers active in the 12 months to a year ago, the share
#   who did / did not buy in the last 12 months.
# - **NRR / GRR**: the starting cohort's revenue in the last 12 months ÷ its revenue in the 12
#   months before; GRR counts only contraction and churn and is capped at 100%.
# - **New customer**: first order line in the data falls in the month.
# - **HHI**: Σ(customer share of 12-month revenue in %)², from 0 to 10,000.
# - **Mix shift**: change in share of the month's revenue against the same month a year
#   earlier, in percentage points.
# - **New product**: the product with the latest first sale.
# - **Forecast model**: chosen per series by the lowest WAPE of one-month-ahead forecasts of the
#   last 12 months (rolling origin); seasonal naïve is the baseline.
# - **WAPE** = Σ|forecast − actual| ÷ Σ|actual|; **MAPE** = mean |error ÷ actual|; **MASE** =
#   MAE ÷ in-sample seasonal-naïve MAE; **bias** = Σ(forecast − actual) ÷ Σ actual.
# - **Landing**: revenue invoiced to date + the forecast of the months left; probability of
#   target from 2,000 simulated futures.
# - **Weighted pipeline**: Σ amount × probability of deals open at month end closing in the rest
#   of the quarter. **Commit forecast** = Commit + Closed; **Best Case forecast** = Best Case +
#   Most Likely + Commit + Closed (Salesforce forecast categories).
# - **Last month's forecast**: the forecast of the reported month that the report of the month
#   before made and stored. **Forecast error** = forecast − actual, in % of the actual: positive
#   when the forecast was too high. The **track record** scores every month whose forecast made
#   one month ahead is stored: WAPE, bias and the share of actuals inside the 80% and 95%
#   prediction intervals (about 80% and 95% when the intervals are honest). Forecasts recorded in
#   another currency than the report's are not compared.

# %% tags=["remove-cell"]
present.publish_kpis(ctx.kpi_record(kpis))
