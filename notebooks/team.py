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
from reportlib.analysis import deal_statements, takeaways
from reportlib.charts import team as team_charts
from reportlib.i18n import _, ngettext, pgettext

fmt, orders, targets, kpis = ctx.fmt, ctx.tables.orders, ctx.tables.targets, ctx.kpis
teams, board, regional = ctx.teams, ctx.board, ctx.regional
has_quota, has_deals, rep_sales = ctx.has_quota, ctx.has_deals, ctx.rep_sales
month = fmt.month(ctx.period)
win_rate = ngettext("Win rate, last month", "Win rate, last {n} months", team.WIN_RATE_MONTHS)
few_teams, few_reps = team.too_few_teams(teams, month), team.too_few_reps(board, month)
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
    else present.paragraph(_("Team performance needs the targets and reps tables."))
    if not has_quota
    else present.needs(orders, _("Attainment of sales reps and teams"), "rep_id")
)

# %%
(
    present.details(
        ngettext(
            "Sales teams: attainment chart, and revenue, target, win rate and pipeline coverage "
            "of the {n} team",
            "Sales teams: attainment chart, and revenue, target, win rate and pipeline coverage "
            "of the {n} teams",
            len(teams),
        ).format(n=fmt.number(len(teams))),
        team_charts.attainment_by_team(board, fmt),
        present.table(
            teams,
            {
                "manager": (pgettext("column", "Manager"), str),
                "reps": (_("Account executives with a target"), fmt.number),
                "revenue": (_("Revenue YTD"), fmt.money),
                "target": (_("Target YTD"), fmt.money),
                "attainment": (_("Attainment YTD"), fmt.pct),
                "win_rate": (win_rate.format(n=fmt.number(team.WIN_RATE_MONTHS)), fmt.pct),
                "pipeline_coverage": (_("Pipeline coverage (×)"), partial(fmt.number, digits=1)),
            },
            caption=_("Sales teams, fiscal year to {month}, lowest attainment first").format(
                month=month
            ),
            index_label=pgettext("column", "Team"),
        ),
    )
    if show_teams
    else present.paragraph("{text}", text=few_teams)
    if rep_sales
    else None
)

# %%
(
    present.say(
        *deal_statements.deal_sentences(kpis, fmt),
        otherwise=deal_statements.no_deal_closed(fmt),
    )
    if has_deals
    else present.paragraph(
        _("Win rate, deal size, cycle and pipeline need the opportunities table.")
    )
)

# %%
(
    present.details(
        ngettext(
            "Leaderboard of the {n} account executive with a target",
            "Leaderboard of the {n} account executives with a target",
            len(board),
        ).format(n=fmt.number(len(board))),
        present.paragraph("{rule}", rule=team.outlier_rule(fmt)),
        present.table(
            board,
            {
                "rep_name": (pgettext("column", "Rep"), str),
                "team": (pgettext("column", "Team"), str),
                "rank": (pgettext("column", "Rank"), fmt.number),
                "attainment_ytd": (_("Attainment YTD"), fmt.pct),
                "revenue_ytd": (_("Revenue YTD"), fmt.money),
                "win_rate": (_("Win rate YTD"), fmt.pct),
                "deals_won": (_("Deals won YTD"), fmt.number),
                "flag": (pgettext("column", "Flag"), team.flag_label),
            },
            caption=_("Leaderboard: account executives, fiscal year to {month}").format(
                month=month
            ),
            index_label=_("Rep id"),
        ),
    )
    if show_board
    else present.paragraph("{text}", text=few_reps)
    if rep_sales and regional
    else None
)

# %%
ramp_chart = team_charts.ramp_curve(ramp, fmt) if show_ramp else None
present.details(_("How quickly new hires ramp up: chart"), ramp_chart)
