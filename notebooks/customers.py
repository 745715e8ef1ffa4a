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
from reportlib.charts import customers as customer_charts
from reportlib.i18n import ngettext

fmt, orders, kpis, regional = ctx.fmt, ctx.tables.orders, ctx.kpis, ctx.regional

# %% [markdown]
# ## Customers
#
# Customers are not under contract, so a customer counts as *active* when they bought in the
# trailing 12 months. Retention, churn and revenue retention follow the customers who bought in
# the 12 months ending a year ago (the starting cohort) into the last 12 months. In a region's
# report, a customer who stopped buying in the region but bought in another region in the last
# 12 months has moved to another region: the company did not lose them, so they are counted
# apart and left out of the cohort.

# %%
moved, lost = kpis["customers_moved"] or 0, kpis["customers_lost"]
cohort = kpis["customers_at_start"] - moved
values = {
    "start": fmt.number(kpis["customers_at_start"]),
    "moved": fmt.number(moved),
    "cohort": fmt.number(cohort),
    "region": ctx.region.name,
    "year_ago": fmt.month(ctx.period - 12),
    "retention": fmt.pct(kpis["retention_rate"]),
    "month": fmt.month(ctx.period),
    "lost": fmt.number(lost),
    "churn": fmt.pct(kpis["churn_rate"]),
    "nrr": fmt.pct(kpis["nrr"]),
    "grr": fmt.pct(kpis["grr"]),
}
(
    present.paragraph(
        ngettext(
            "{moved} customer who bought in {region} in the 12 months to {year_ago} moved to "
            "another region: they bought nothing here in the 12 months to {month}, but bought "
            "in another region. The company did not lose them; the churn and revenue retention "
            "below leave them out.",
            "{moved} customers who bought in {region} in the 12 months to {year_ago} moved to "
            "another region: they bought nothing here in the 12 months to {month}, but bought "
            "in another region. The company did not lose them; the churn and revenue retention "
            "below leave them out.",
            moved,
        ),
        **values,
    )
    if moved
    else None
)

# %%
(
    present.paragraph(
        ngettext(
            "Of the {cohort} customer who bought in the 12 months to {year_ago}, {retention} "
            "bought again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. "
            "The revenue of that starting cohort came to {nrr} of its level a year earlier (net "
            "revenue retention), or {grr} counting only the losses (gross revenue retention).",
            "Of the {cohort} customers who bought in the 12 months to {year_ago}, {retention} "
            "bought again in the 12 months to {month}; {lost} did not, a churn rate of {churn}. "
            "The revenue of that starting cohort came to {nrr} of its level a year earlier (net "
            "revenue retention), or {grr} counting only the losses (gross revenue retention).",
            cohort,
        )
        if not moved
        else ngettext(
            "Of the other {cohort} customer, {retention} bought again in the 12 months to "
            "{month}; {lost} did not, a churn rate of {churn}. The revenue of that starting "
            "cohort came to {nrr} of its level a year earlier (net revenue retention), or {grr} "
            "counting only the losses (gross revenue retention).",
            "Of the other {cohort} customers, {retention} bought again in the 12 months to "
            "{month}; {lost} did not, a churn rate of {churn}. The revenue of that starting "
            "cohort came to {nrr} of its level a year earlier (net revenue retention), or {grr} "
            "counting only the losses (gross revenue retention).",
            cohort,
        ),
        **values,
    )
    if kpis["retention_rate"] is not None
    else present.paragraph(
        "Retention, churn and revenue retention need 24 months of order history before "
        "{month}; the data begin later.",
        month=fmt.month(ctx.period),
    )
)

# %%
first_time = (
    "No customer bought in {region} for the first time in {month}."
    if regional
    else "No customer bought for the first time in {month}."
)
if kpis["new_customers"] and kpis["new_customer_revenue_share"] is not None:
    first_time = (
        ngettext(
            "{new} customer bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
            "{new} customers bought in {region} for the first time in {month}, bringing "
            "{new_share} of the month's revenue.",
            kpis["new_customers"],
        )
        if regional
        else ngettext(
            "{new} customer bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
            "{new} customers bought for the first time in {month}, bringing {new_share} of the "
            "month's revenue.",
            kpis["new_customers"],
        )
    )
elif kpis["new_customers"]:  # the month's revenue nets to zero: no share to give
    first_time = (
        ngettext(
            "{new} customer bought in {region} for the first time in {month}.",
            "{new} customers bought in {region} for the first time in {month}.",
            kpis["new_customers"],
        )
        if regional
        else ngettext(
            "{new} customer bought for the first time in {month}.",
            "{new} customers bought for the first time in {month}.",
            kpis["new_customers"],
        )
    )
present.paragraph(
    ngettext(
        "{active} customer bought in the 12 months to {month}.",
        "{active} customers bought in the 12 months to {month}.",
        kpis["active_customers"],
    )
    + " "
    + first_time,
    active=fmt.number(kpis["active_customers"]),
    month=fmt.month(ctx.period),
    region=ctx.region.name,
    new=fmt.number(kpis["new_customers"]),
    new_share=fmt.pct(kpis["new_customer_revenue_share"]),
)

# %% [markdown]
# ### Revenue bridge by customer
#
# From the revenue of the 12 months to the same month last year to the revenue of the last 12
# months, customer by customer: new and returning customers add, existing customers expand or
# contract, and churned customers take away what they spent a year earlier. In a region's
# report, customers who moved to another region take theirs away in a step of their own.

# %%
customer_bridge = cust.revenue_bridge(orders, ctx.period, elsewhere=ctx.bought_elsewhere)
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
# 3 months, month by month. A three-month fall in active customers is news when it ends in one
# of the last three months, is at least 5% and leaves at least 10% fewer customers than the
# fall over the same months a year earlier would have; a fall within that is the season's, an
# older fall is past news and a smaller one is noise.

# %%
active = cust.monthly_active_customers(orders, ctx.period, by=None if regional else "region")
present.show_chart(customer_charts.active_customers_line(active, fmt, ctx.params.region_names()))

# %%
drop = cust.headline_fall(active)
falls = cust.recent_falls(active)
dip = None if drop or falls.empty else falls.iloc[0].to_dict()  # the steepest, seasonal
fall = drop or dip
values = (
    {
        "who": ctx.region.name if regional else ctx.params.region(fall["group"]).name,
        "change": fmt.signed_pct(fall["change"]),
        "fell_by": fmt.pct(-fall["change"]),
        "change_ly": fmt.signed_pct(fall["change_ly"]),
        "before": fmt.number(fall["before"]),
        "start": fmt.month(fall["start"]),
        "after": fmt.number(fall["after"]),
        "end": fmt.month(fall["end"]),
    }
    if fall
    else {}
)
(
    present.paragraph(
        "The steepest recent three-month fall in active customers: {who}, {change}, from "
        "{before} in {start} to {after} in {end}, against {change_ly} over the same months a "
        "year earlier."
        if drop["change_ly"] is not None
        else "The steepest recent three-month fall in active customers (the data do not reach "
        "the same months a year earlier): {who}, {change}, from {before} in {start} to {after} "
        "in {end}.",
        **values,
    )
    if drop
    else present.paragraph(
        "Active customers of {who} fell {fell_by} from {before} in {start} to {after} in {end}, "
        "much as over the same months a year earlier ({change_ly}): a seasonal dip, not a "
        "decline.",
        **values,
    )
    if dip
    else present.paragraph(
        "No three-month fall in active customers ends in the three months to {month}.",
        month=fmt.month(ctx.period),
    )
)
