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
from reportlib.analysis import takeaways
from reportlib.analysis.sentences import Sentence
from reportlib.charts import market as market_charts

fmt, kpis, regional, has_deals = ctx.fmt, ctx.kpis, ctx.regional, ctx.has_deals
opportunities, market = ctx.tables.opportunities, ctx.tables.market
span_12m = f"the 12 months to {fmt.month(ctx.period)}"
span_3m = f"the three months to {fmt.month(ctx.period)}"
wins = mkt.win_rate_by_competitor(opportunities, ctx.period)
shares = mkt.competitor_shares(market, ctx.period)  # the three months to the reported one
few_rivals = mkt.too_few_rivals(wins, fmt, span_12m)
few_companies = mkt.too_few_companies(shares, span_3m)
shown_market = market is not None and not few_companies

# %% [markdown]
# ## Competitors and market

# %%
gain = mkt.gain_sentence(kpis, shares, fmt, ctx.period)
base_said = Sentence(
    "The company won {base} of the deals without a competitor in the 12 months to {month}.",
    {"base": fmt.pct(kpis["win_rate_no_competitor"]), "month": fmt.month(ctx.period)},
)
rival = dict(top=kpis["top_competitor_gain"], top_rate=fmt.pct(kpis["win_rate_vs_top_competitor"]))
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
        Sentence("The company won {top_rate} of its deals against {top}.", rival),
    )
    if has_deals
    else present.paragraph(
        "The win rates by competitor and the loss reasons need the opportunities table."
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
by, column = ("deal type", "type") if regional else ("region", "region")
win_matrix = mkt.win_rate_matrix(opportunities, ctx.period, by=column)
win_matrix = win_matrix.rename(columns=ctx.params.region_names())
few_groups = mkt.too_few_groups(win_matrix, by, span_12m)
(
    present.details(
        f"Win rate against each competitor by {by}, and why deals were lost: two tables",
        present.table(
            win_matrix,
            {name: (name, fmt.pct) for name in win_matrix},
            caption=f"Win rate against each competitor by {by}, deals closed in {span_12m}",
            index_label="Main competitor",
        )
        if not few_groups
        else present.paragraph("{text}", text=few_groups),
        present.table(
            mkt.loss_reasons(opportunities, ctx.period),
            {
                "deals": ("Lost deals", fmt.number),
                "deal_share": ("Share of lost deals", fmt.pct),
                "amount": ("Lost value", fmt.money),
                "value_share": ("Share of lost value", fmt.pct),
            },
            caption=f"Why deals were lost, deals closed in {span_12m}",
            index_label="Loss reason",
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
        otherwise=f"The market table gives no figures for {fmt.month(ctx.period)}.",
    )
    if shown_market
    else present.paragraph("Market share and the price index need the market table.")
    if market is None
    else present.paragraph("{text}", text=few_companies)
)

# %%
(
    present.details(
        "Market share by month, and each company's share and price: chart and table",
        market_charts.market_share_lines(mkt.company_shares(market, ctx.period), fmt),
        present.table(
            shares,
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
        ),
    )
    if shown_market
    else None
)
