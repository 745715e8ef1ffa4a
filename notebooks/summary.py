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
from reportlib import present
from reportlib.analysis.highlights import highlights, month_margin_alert, summary
from reportlib.i18n import _

fmt, orders, kpis = ctx.fmt, ctx.tables.orders, ctx.kpis
recommendations = ctx.recommendations

# %%
present.provisional_banner(ctx.quality)

# %% [markdown]
# ## Executive summary

# %%
present.kpi_tiles(
    kpis,
    fmt,
    present.absent(orders),
    month_margin_alert(kpis, ctx.params.defaults.margin_alarm),
    landings=ctx.landings,
)

# %%
present.region_strip(ctx.region_standing, fmt)

# %%
present.top_recommendations(recommendations, title=_("What to do first"))

# %%
present.paragraph(
    "{text}", text=summary(kpis, fmt, ctx.region.name, ctx.period, regional=ctx.regional)
)

# %%
present.bullets(
    highlights(
        kpis,
        fmt,
        ctx.params.defaults.margin_alarm,
        ctx.region_margin_alerts,
        ctx.region_standing,
    ),
    title=_("Highlights"),
)
