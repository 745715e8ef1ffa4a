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
import reportlib.analysis.forecast as fcst
from reportlib import present
from reportlib.analysis.forecast import statements as fcst_said
from reportlib.charts import forecast as forecast_charts
from reportlib.i18n import _, pgettext

fmt, opportunities, has_deals = ctx.fmt, ctx.tables.opportunities, ctx.has_deals
landings = ctx.landings
quarter = landings.loc["quarter"]
pipeline_fc = fcst.pipeline_forecast(opportunities, ctx.period, ctx.fiscal_start)
category_words = {  # the forecast categories stay English in the data: their words here
    "Closed": pgettext("forecast category", "Closed"),
    "Commit": pgettext("forecast category", "Commit"),
    "Most Likely": pgettext("forecast category", "Most Likely"),
    "Best Case": pgettext("forecast category", "Best Case"),
    "Pipeline": pgettext("forecast category", "Pipeline"),
}

# %%
present.say(*fcst_said.pipeline_sentences(pipeline_fc, quarter["landing"], fmt))

# %%
(
    present.details(
        _("The fiscal quarter's pipeline by forecast category: table, and chart of the two views"),
        present.table(
            fcst.forecast_categories(opportunities, ctx.period, ctx.fiscal_start).rename(
                index=category_words
            ),
            {
                "deals": (pgettext("column", "Deals"), fmt.number),
                "amount": (pgettext("column", "Amount"), fmt.money),
                "weighted": (_("Weighted by probability"), fmt.money),
            },
            caption=_(
                "The fiscal quarter's pipeline by forecast category: deals won in the quarter to "
                "date (Closed) and deals open at month end that close in the rest of the quarter"
            ),
            index_label=_("Forecast category"),
        ),
        forecast_charts.quarter_views(
            fcst.quarter_views(landings, pipeline_fc), fmt, quarter["start"], quarter["end"]
        ),
    )
    if has_deals  # without deals the chart would hold one view of two
    else present.paragraph(_("The pipeline forecast needs the opportunities table."))
)
