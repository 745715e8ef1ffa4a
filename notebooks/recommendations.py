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

# %% [markdown]
# ## Recommendations
#
# Each recommendation follows a stated rule and cites the figure that triggers it. They are ranked
# by the money at stake, largest first; those whose stake no figure measures follow, most urgent
# first. The executive summary names the first three.

# %%
present.recommendation_details(ctx.recommendations, ctx.fmt)
