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
#     - opportunities
#     - market
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
import reportlib.analysis.market as mkt
from reportlib import present
from reportlib.analysis import market_statements, takeaways
from reportlib.charts import market as market_charts
from reportlib.i18n import _, pgettext

fmt, kpis, regional, has_deals = ctx.fmt, ctx.kpis, ctx.regional, ctx.has_deals
opportunities, market = ctx.tables.opportunities, ctx.tables.market
month = fmt.month(ctx.period)
wins = mkt.win_rate_by_competitor(opportunities, ctx.period)
shares = mkt.competitor_shares(market, ctx.period)  # the three months to the reported one
few_rivals = mkt.too_few_rivals(wins, fmt, ctx.period)
few_companies = mkt.too_few_companies(shares, ctx.period, fmt)
shown_market = market is not None and not few_companies

# %% [markdown]
# ## Competitors and market

# %%
gain = mkt.gain_sentence(kpis, shares, fmt, ctx.period)
base_said = market_statements.base_rate_sentence(kpis, fmt, ctx.period)
lead, deals_said = takeaways.split_lead(  # the rival that gained most share, else the base rate
    [None if gain == mkt.NO_GAIN else takeaways.text_sentence(gain), base_said] if has_deals else []
)
present.takeaway(lead)

# %% [markdown]
# Deal figures count the deals closed in the last 12 months; market figures come from the
# monthly market estimates.

# %%
(
    present.say(
        *deals_said,
        None if gain != mkt.NO_GAIN else takeaways.text_sentence(gain),
        market_statements.top_rival_sentence(kpis, fmt),
    )
    if has_deals
    else present.paragraph(
        _("The win rates by competitor and the loss reasons need the opportunities table.")
    )
)

# %%
(
    present.show_chart(market_charts.win_rate_bars(wins, fmt, ctx.period))
    if has_deals and not few_rivals
    else present.paragraph("{text}", text=few_rivals)
    if has_deals
    else None
)

# %%
column = "type" if regional else "region"
summary, caption = market_statements.win_matrix_titles(regional, fmt, ctx.period)
win_matrix = mkt.win_rate_matrix(opportunities, ctx.period, by=column)
win_matrix = win_matrix.rename(columns=ctx.params.region_names())
few_groups = mkt.too_few_groups(win_matrix, column, ctx.period, fmt)
win_matrix = win_matrix.rename(index=mkt.label, columns=mkt.label)  # "All", "No competitor"
(
    present.details(
        summary,
        present.table(
            win_matrix,
            {name: (name, fmt.pct) for name in win_matrix},
            caption=caption,
            index_label=_("Main competitor"),
        )
        if not few_groups
        else present.paragraph("{text}", text=few_groups),
        present.table(
            mkt.loss_reasons(opportunities, ctx.period).rename(index=mkt.label),
            {
                "deals": (_("Lost deals"), fmt.number),
                "deal_share": (_("Share of lost deals"), fmt.pct),
                "amount": (_("Lost value"), fmt.money),
                "value_share": (_("Share of lost value"), fmt.pct),
            },
            caption=_("Why deals were lost, deals closed in the 12 months to {month}").format(
                month=month
            ),
            index_label=_("Loss reason"),
        ),
    )
    if has_deals
    else None
)

# %%
(
    present.prose(
        *(
            present.sentence("{text}", text=said)
            for said in mkt.position_sentences(kpis, fmt, ctx.period)
        ),
        otherwise=_("The market table gives no figures for {month}.").format(month=month),
    )
    if shown_market
    else present.paragraph(_("Market share and the price index need the market table."))
    if market is None
    else present.paragraph("{text}", text=few_companies)
)

# %%
(
    present.details(
        _("Market share by month, and each company's share and price: chart and table"),
        market_charts.market_share_lines(mkt.company_shares(market, ctx.period), fmt),
        present.table(
            shares,
            {
                "share": (_("Share, last 3 months"), fmt.pct),
                "share_year_ago": (_("Share a year earlier"), fmt.pct),
                "change": (pgettext("column", "Change"), fmt.points),
                "avg_price": (_("Average price"), fmt.money),
                "price_index": (_("Our price index vs them"), fmt.number),
            },
            caption=_(
                "Market share and price of each company, the three months to {month} against "
                "the same months a year earlier"
            ).format(month=month),
            index_label=pgettext("column", "Company"),
        ),
    )
    if shown_market
    else None
)
