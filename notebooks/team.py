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
#     - reps
#     - opportunities
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

import reportlib.analysis.team as team
from reportlib import present
from reportlib.analysis import takeaways
from reportlib.charts import team as team_charts

fmt, orders, targets, kpis = ctx.fmt, ctx.tables.orders, ctx.tables.targets, ctx.kpis
teams, board, regional = ctx.teams, ctx.board, ctx.regional
has_quota, has_deals, rep_sales = ctx.has_quota, ctx.has_deals, ctx.rep_sales
span_ytd = f"the fiscal year to {fmt.month(ctx.period)}"
few_teams, few_reps = team.too_few_teams(teams, span_ytd), team.too_few_reps(board, span_ytd)
ramp = team.ramp(orders, targets, ctx.tables.reps, ctx.period, ctx.fiscal_start)
few_tenures = team.too_few_tenures(ramp) if ramp["reps"].sum() else None  # no rep: no words
show_teams, show_board = rep_sales and not few_teams, rep_sales and regional and not few_reps
show_ramp = rep_sales and ramp["reps"].sum() > 0 and not few_tenures

# %% [markdown]
# ## Team performance

# %%
present.takeaway(takeaways.team_takeaway(teams, fmt)) if rep_sales else None

# %% [markdown]
# Only account executives carry a target; a team's revenue also counts its manager's own
# sales. Individual reps appear only in their own region's report.

# %%
(
    present.prose(
        present.sentence("{text}", text=team.rep_spread(kpis, fmt)),
        present.sentence("{rule}", rule=team.rep_population(show_teams and show_ramp)),
        present.sentence("{text}", text=few_tenures),  # one band of tenure is no ramp
    )
    if rep_sales and not teams.empty
    else present.paragraph("Team performance needs the targets and reps tables.")
    if not has_quota
    else present.needs(orders, "Attainment of sales reps and teams", "rep_id")
)

# %%
(
    present.details(
        f"Sales teams: attainment chart, and revenue, target, win rate and pipeline coverage of "
        f"the {len(teams)} teams",
        team_charts.attainment_by_team(board, fmt),
        present.table(
            teams,
            {
                "manager": ("Manager", str),
                "reps": ("Account executives with a target", fmt.number),
                "revenue": ("Revenue YTD", fmt.money),
                "target": ("Target YTD", fmt.money),
                "attainment": ("Attainment YTD", fmt.pct),
                "win_rate": (f"Win rate, last {team.WIN_RATE_MONTHS} months", fmt.pct),
                "pipeline_coverage": ("Pipeline coverage (×)", partial(fmt.number, digits=1)),
            },
            caption=f"Sales teams, fiscal year to {fmt.month(ctx.period)}, lowest attainment first",
            index_label="Team",
        ),
    )
    if show_teams
    else present.paragraph("{text}", text=few_teams)
    if rep_sales
    else None
)

# %%
(
    present.prose(
        present.sentence(
            "Over the last {months} months {closed} deals closed and {win_rate} of them were won "
            "({win_rate_value} by value).",
            months=fmt.number(team.WIN_RATE_MONTHS),
            closed=fmt.number(kpis["closed_deals"]),
            win_rate=fmt.pct(kpis["win_rate"]),
            win_rate_value=fmt.pct(kpis["win_rate_value"]),
        ),
        present.sentence(
            "The average won deal is worth {deal_size} and took {cycle} days from creation to "
            "close.",
            deal_size=fmt.rounded_money(kpis["avg_deal_size"]),
            cycle=fmt.number(kpis["sales_cycle_days"]),
        ),
        present.sentence(
            "With {open} qualified deals open, the pipeline should turn into about {velocity} a "
            "day.",
            open=fmt.number(kpis["open_qualified_deals"]),
            velocity=fmt.rounded_money(kpis["sales_velocity"]),
        ),
        otherwise=f"No deal closed in the last {team.WIN_RATE_MONTHS} months.",
    )
    if has_deals
    else present.paragraph("Win rate, deal size, cycle and pipeline need the opportunities table.")
)

# %%
(
    present.details(
        f"Leaderboard of the {len(board)} account executives with a target",
        present.paragraph(team.OUTLIER_RULE),
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
        ),
    )
    if show_board
    else present.paragraph("{text}", text=few_reps)
    if rep_sales and regional
    else None
)

# %%
ramp_chart = team_charts.ramp_curve(ramp, fmt) if show_ramp else None
present.details("How quickly new hires ramp up: chart", ramp_chart)
