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
#     - orders.cost
#     - orders.list_price
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

import reportlib.analysis.profitability as prof
from reportlib import present
from reportlib.analysis import comparisons
from reportlib.analysis import profitability_statements as prof_said
from reportlib.charts import profitability as profitability_charts
from reportlib.i18n import _, pgettext

fmt, orders = ctx.fmt, ctx.tables.orders
has_cost, has_channel = present.delivers(orders, "cost"), present.delivers(orders, "channel")

# %%
growth_by_channel = (
    prof.growth_quality(orders, "channel", ctx.period) if has_channel and has_cost else None
)
growth_few = (
    None
    if growth_by_channel is None
    else comparisons.too_few_members(
        prof.sold_groups(growth_by_channel),
        "sales channel",
        comparisons.month_span(ctx.period, fmt, 12),
    )
)
mix_seen = growth_by_channel is not None and prof.mix_shift_seen(growth_by_channel)
(
    present.needs(orders, _("Growth and margin by sales channel"), "channel", "cost")
    or (
        present.paragraph("{text}", text=growth_few)
        if growth_few is not None
        else present.details(
            _("Which growth adds margin and which dilutes it: chart and table by sales channel"),
            present.paragraph(
                _(
                    "A channel that grows faster than the whole gains weight in the mix. Its "
                    "growth is accretive when its 12-month gross margin is at or above the "
                    "average and dilutive when it is below."
                )
            ),
            profitability_charts.margin_vs_share(growth_by_channel, fmt, _("Channel")),
            present.table(
                growth_by_channel,
                {
                    "revenue_12m": (_("Revenue, 12 months"), fmt.money),
                    "growth": (pgettext("column", "Growth"), fmt.signed_pct),
                    "share_12m": (pgettext("column", "Share"), fmt.pct),
                    "gross_margin_pct_12m": (_("Margin %"), fmt.pct),
                    "margin_gap": (_("Against average"), fmt.points),
                    "mix_effect": (_("Mix effect"), partial(fmt.points, digits=prof.MIX_DIGITS)),
                    "verdict": (pgettext("column", "Verdict"), prof.verdict_label),
                },
                caption=_("Growth and margin by channel, 12 months to {month}").format(
                    month=fmt.month(ctx.period)
                ),
                index_label=_("Channel"),
                left_out=() if mix_seen else ("mix_effect",),
            ),
            None if mix_seen else present.say(prof_said.no_mix_sentence(fmt)),
        )
    )
)

# %%
bridge_by = prof.product_column(orders)
bridge_scope = (
    prof.bridge_scope(orders, ctx.period, bridge_by)
    if bridge_by is not None and present.delivers(orders, "quantity", "list_price")
    else None
)
(
    present.needs(orders, _("The revenue bridge"), "quantity", "list_price")
    or present.details(
        _("Revenue bridge of the last 12 months: volume, mix, list price and discount, chart"),
        present.paragraph(
            _(
                "How net revenue moved from the 12 months a year earlier to the trailing 12 "
                "months. Products sold in only one of the two periods have steps of their own "
                "(discontinued products, new products); volume, mix, list price and discount are "
                "computed on the products sold in both. The steps add up exactly to the change."
            )
        ),
        profitability_charts.revenue_bridge(
            prof.revenue_bridge(orders, ctx.period, bridge_by), fmt, ctx.period, by=bridge_by
        ),
        present.say(*prof_said.bridge_sentences(bridge_scope, ctx.period, fmt)),
    )
)
