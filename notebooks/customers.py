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
import reportlib.analysis.customers as cust
from reportlib import present
from reportlib.analysis import customer_statements, takeaways
from reportlib.charts import customers as customer_charts
from reportlib.i18n import _, pgettext

fmt, orders, kpis, regional = ctx.fmt, ctx.tables.orders, ctx.kpis, ctx.regional

# %% [markdown]
# ## Customers

# %%
present.takeaway(takeaways.customers_takeaway(kpis, ctx.period, fmt))

# %%
present.details(
    _("How customers, retention and churn are counted"),
    present.paragraph(
        _(
            "Customers are not under contract, so a customer counts as active when they bought "
            "in the trailing 12 months. Retention, churn and revenue retention follow the "
            "customers who bought in the 12 months ending a year ago (the starting cohort) into "
            "the last 12 months. In a region's report, a customer who stopped buying in the "
            "region but bought in another region in the last 12 months has moved to another "
            "region: the company did not lose them, so they are counted apart and left out of "
            "the cohort."
        )
    ),
)

# %%
said = customer_statements.moved_sentence(kpis, ctx.region.name, ctx.period, fmt)
present.say(said)

# %%
present.details(  # repeats the takeaway's figures, with the counts and gross revenue retention
    _("Retention and churn in detail: the starting cohort, and gross revenue retention"),
    present.say(customer_statements.retention_sentence(kpis, ctx.period, fmt)),
)

# %%
said = customer_statements.buyers_sentence(
    kpis, ctx.period, fmt, ctx.region.name if regional else None
)
present.say(said)

# %%
customer_bridge = cust.revenue_bridge(orders, ctx.period, elsewhere=ctx.bought_elsewhere)
present.details(
    _("Revenue bridge by customer, 12 months against the 12 before: chart and table"),
    present.paragraph(
        _(
            "From the revenue of the 12 months to the same month last year to the revenue of the "
            "last 12 months, customer by customer: new and returning customers add, existing "
            "customers expand or contract, and churned customers take away what they spent a "
            "year earlier. In a region's report, customers who moved to another region take "
            "theirs away in a step of their own."
        )
    ),
    customer_charts.bridge_waterfall(customer_bridge, fmt, ctx.period),
    present.table(
        customer_bridge.rename(index=cust.step_label),  # the steps in the report's language
        {
            "amount": (_("Revenue, 12 months"), fmt.money),
            "customers": (pgettext("column", "Customers"), fmt.number),
        },
        caption=_("Revenue bridge, 12 months to {before} to 12 months to {month}").format(
            before=fmt.month(ctx.period - 12), month=fmt.month(ctx.period)
        ),
        index_label=pgettext("column", "Step"),
    ),
)

# %%
active = cust.active_customers(orders, ctx.period, by=None if regional else "region")
names = {**ctx.params.region_names(), "customers": ctx.region.name}
said = customer_statements.fall_sentence(active, ctx.period, fmt, names)
present.say(said)

# %%
present.details(
    _("Active customers by month (bought in the trailing 3 months): chart"),
    present.paragraph(
        _(
            "The 12-month window flags a lost customer only a year after their last purchase. "
            "To see a wave of lost customers sooner, this chart counts the customers who bought "
            "in the trailing 3 months, month by month. A three-month fall in active customers is "
            "news when it ends in one of the last three months, is at least 5%, and leaves "
            "active customers at least 10% below the level the fall over the same months a year "
            "earlier would have left; a fall within that is the season's, an older fall is past "
            "news and a smaller one is noise."
        )
    ),
    customer_charts.active_customers_line(active, fmt, names),
)
