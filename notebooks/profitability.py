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
import reportlib.analysis.profitability as prof
from reportlib import present
from reportlib.analysis import comparisons, takeaways
from reportlib.analysis import profitability_statements as prof_said
from reportlib.charts import profitability as profitability_charts
from reportlib.i18n import _, pgettext

fmt, orders, kpis, regional = ctx.fmt, ctx.tables.orders, ctx.kpis, ctx.regional
has_cost, has_channel = present.delivers(orders, "cost"), present.delivers(orders, "channel")
has_list_value = present.delivers(orders, "list_price", "quantity")

# %% [markdown]
# ## Profitability alignment

# %%
channels_12m = prof.groups_sold(orders, "channel", ctx.period) if has_channel else ()
leakage_12m = (
    prof.leakage_by(orders, "channel", ctx.period, 12) if has_channel and has_list_value else None
)
leakage_channels = () if leakage_12m is None else leakage_12m.index
margin_said = prof_said.margin_sentences(
    kpis, ctx.period, fmt, by_channel=comparisons.comparable(channels_12m)
)
leakage_said = prof_said.leakage_sentences(
    kpis, ctx.period, fmt, by_channel=comparisons.comparable(leakage_channels)
)
# the takeaway: the 12-month gross margin, else (no cost delivered) the discount leakage
lead, margin_said = takeaways.split_lead(margin_said if has_cost else [])
lead, leakage_said = (
    (lead, leakage_said)
    if lead is not None or not has_list_value
    else takeaways.split_lead(leakage_said)
)
present.takeaway(lead)

# %% [markdown]
# Where the margin is made, how much of the list price is given away in discounts, and which
# growth adds margin and which dilutes it. Most figures compare the trailing 12 months with the
# 12 months before, which evens out seasonality and one-off deals.

# %%
present.needs(orders, _("Discount leakage"), "list_price", "quantity") or present.say(*leakage_said)

# %%
present.needs(orders, _("Gross margin"), "cost") or present.say(*margin_said)

# %%
margin_columns = {
    "revenue": (_("Revenue, month"), fmt.money),
    "gross_margin_pct": (_("Margin %, month"), fmt.pct),
    "revenue_12m": (_("Revenue, 12 months"), fmt.money),
    "share_12m": (_("Share, 12 months"), fmt.pct),
    "gross_margin_pct_12m": (_("Margin %, 12 months"), fmt.pct),
}
margin_by = {  # what present.needs names when a comparison's column is not delivered
    "category": _("Gross margin by product category"),
    "channel": _("Gross margin by sales channel"),
    "vertical": _("Gross margin by industry"),
    "rep_id": _("Gross margin by sales rep"),
}
present.details(
    _("Gross margin by group: {month} and the trailing 12 months").format(
        month=fmt.month(ctx.period)
    ),
    *(
        present.needs(orders, margin_by[view.comparison.column], view.comparison.column)
        or (
            present.paragraph("{text}", text=view.few)
            if view.few is not None
            else present.table(
                view.shown,
                margin_columns,
                caption=view.caption,
                index_label=_(view.comparison.label),
            )
        )
        for view in (
            prof_said.margin_views(orders, ctx.period, fmt, regional=regional) if has_cost else ()
        )
    ),
)

# %%
leakage_few = comparisons.too_few_members(
    leakage_channels, "sales channel", comparisons.month_span(ctx.period, fmt, 24)
)
(
    present.needs(
        orders, _("Discount leakage by sales channel"), "channel", "list_price", "quantity"
    )
    or (
        present.paragraph("{text}", text=leakage_few)
        if leakage_few is not None
        else present.details(
            _("Discount leakage by sales channel: chart and table"),
            present.paragraph(
                _(
                    "Discount leakage is the share of list value (list price × quantity) not "
                    "invoiced: Σ(list value − net revenue) ÷ Σ list value, the on-invoice step of "
                    "the price waterfall."
                )
            ),
            profitability_charts.leakage_bars(leakage_12m, fmt, _("Channel"), ctx.period),
            present.table(
                leakage_12m,
                {
                    "leakage": (pgettext("column", "Leakage"), fmt.pct),
                    "leakage_before": (_("A year earlier"), fmt.pct),
                    "change": (pgettext("column", "Change"), fmt.points),
                    "leaked": (_("Discount given"), fmt.money),
                },
                caption=_(
                    "Discount leakage by channel, 12 months to {month} against the 12 months "
                    "before, largest increase first"
                ).format(month=fmt.month(ctx.period)),
                index_label=_("Channel"),
            ),
        )
    )
)
