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
from reportlib.analysis import takeaways
from reportlib.i18n import _

fmt = ctx.fmt

# %% [markdown]
# ## Data quality

# %%
present.takeaway(takeaways.quality_takeaway(ctx.quality.tables, fmt))

# %% [markdown]
# Every input row is either accepted or quarantined with its reason; none is dropped silently.
# Quarantined rows are listed in the run's `quarantine/` folder, and every check run on the data
# is on the [data validation](validation/index.html) page.

# %%
present.details(
    _("Rows read from each input file: accepted and quarantined"),
    present.quality_table(ctx.quality, fmt),
)

# %%
present.not_delivered_note(ctx.quality)

# %%
present.left_out_note(ctx.quality)
