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
from functools import partial

import reportlib.analysis.profitability as prof
import reportlib.analysis.revenue as rev
import reportlib.analysis.team as team
from reportlib import present
from reportlib.analysis.recommendations import recommend
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
kpis = collect_kpis(ctx)
reps, opportunities = tables.reps, tables.opportunities
teams = team.team_table(orders, targets, reps, opportunities, ctx.period, fiscal_start)
board = team.leaderboard(orders, targets, reps, opportunities, ctx.period, fiscal_start)
recommendations = recommend(kpis, fmt, ctx.region.name, teams if has_quota else None)

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
    )
    if not regional
    else None
)

# %% [markdown]
# ## Profitability alignment
#
# Where the margin is made, how much of the list price is given away in discounts, and which
# growth adds margin and which dilutes it. Most figures compare the trailing 12 months with the
# 12 months before, which evens out seasonality and one-off deals.

# %%
present.paragraph(
    "Over the 12 months to {month} discounts took {leakage} of list value, against {before} "
    "in the 12 months before ({change}). Gross margin over the 12 months was {margin} "
    "({margin_change} on the year before). Leakage rose most in the {channel} channel "
    "({channel_change}); the channel whose growth dilutes margin most: {dilutive}.",
    month=fmt.month(ctx.period),
    leakage=fmt.pct(kpis["discount_leakage"]),
    before=fmt.pct(kpis["discount_leakage_before"]),
    change=fmt.points(kpis["discount_leakage_change"]),
    margin=fmt.pct(kpis["gross_margin_pct_12m"]),
    margin_change=fmt.points(kpis["gross_margin_pct_12m_change"]),
    channel=kpis["largest_leakage_increase"] or "n/a",
    channel_change=fmt.points(kpis["largest_leakage_increase_change"]),
    dilutive=kpis["most_dilutive"] or "none (no channel outgrows the region at a lower margin)",
)

# %%
margin_columns = {
    "revenue": ("Revenue, month", fmt.money),
    "gross_margin_pct": ("Margin %, month", fmt.pct),
    "revenue_12m": ("Revenue, 12 months", fmt.money),
    "share_12m": ("Share, 12 months", fmt.pct),
    "gross_margin_pct_12m": ("Margin %, 12 months", fmt.pct),
}
present.table(
    prof.margin_table(orders, "category", ctx.period),
    margin_columns,
    caption=f"Gross margin by product category, {fmt.month(ctx.period)} and trailing 12 months",
    index_label="Category",
)

# %%
present.table(
    prof.margin_table(orders, "channel", ctx.period),
    margin_columns,
    caption=f"Gross margin by sales channel, {fmt.month(ctx.period)} and trailing 12 months",
    index_label="Channel",
)

# %%
present.table(
    prof.margin_table(orders, "vertical", ctx.period),
    margin_columns,
    caption=f"Gross margin by industry, {fmt.month(ctx.period)} and trailing 12 months",
    index_label="Industry",
)

# %%
(
    present.table(
        prof.margin_table(orders, "rep_id", ctx.period).head(10),
        margin_columns,
        caption="Gross margin of the ten sales reps with the most 12-month revenue",
        index_label="Sales rep",
    )
    if regional
    else None
)

# %% [markdown]
# ### Discount leakage
#
# Discount leakage is the share of list value (list price × quantity) not invoiced:
# Σ(list value − net revenue) ÷ Σ list value, the on-invoice step of the price waterfall.

# %%
leakage_12m = prof.leakage_by(orders, "channel", ctx.period, 12)
present.show_chart(profitability_charts.leakage_bars(leakage_12m, fmt, "Channel", ctx.period))

# %%
present.table(
    leakage_12m,
    {
        "leakage": ("Leakage", fmt.pct),
        "leakage_before": ("A year earlier", fmt.pct),
        "change": ("Change", fmt.points),
        "leaked": ("Discount given", fmt.money),
    },
    caption=f"Discount leakage by channel, 12 months to {fmt.month(ctx.period)} against the 12 "
    "months before, largest increase first",
    index_label="Channel",
)

# %% [markdown]
# ### Which growth adds margin and which dilutes it
#
# A channel that grows faster than the whole gains weight in the mix. Its growth is
# **accretive** when its 12-month gross margin is at or above the average and **dilutive** when
# it is below.

# %%
growth_by_channel = prof.growth_quality(orders, "channel", ctx.period)
present.show_chart(profitability_charts.margin_vs_share(growth_by_channel, fmt, "Channel"))

# %%
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

# %% [markdown]
# ### Revenue bridge: volume, mix, list price and discount
#
# How net revenue moved from the 12 months a year earlier to the trailing 12 months. The four
# effects add up exactly to the change.

# %%
bridge = prof.revenue_bridge(orders, ctx.period)
present.show_chart(profitability_charts.revenue_bridge(bridge, fmt, ctx.period))

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
    if has_quota and not teams.empty
    else present.paragraph("Team performance needs the targets and reps tables.")
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
    if has_quota
    else None
)

# %%
present.show_chart(team_charts.attainment_by_team(board, fmt)) if has_quota else None

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
present.paragraph(team.OUTLIER_RULE) if has_quota and regional else None

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
    if has_quota and regional
    else None
)

# %%
ramp = team.ramp(orders, targets, tables.reps, ctx.period)
present.show_chart(team_charts.ramp_curve(ramp, fmt)) if has_quota else None

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

# %% tags=["remove-cell"]
present.publish_kpis(ctx.kpi_record(kpis))
