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
from functools import partial

import reportlib.analysis.forecast as fcst
import reportlib.analysis.revenue as rev
from reportlib import present
from reportlib.analysis.forecast import model_statements
from reportlib.charts import forecast as forecast_charts
from reportlib.i18n import _, ngettext, pgettext

fmt, targets = ctx.fmt, ctx.tables.targets
revenue_fc, landings = ctx.revenue_forecast, ctx.landings

# %% [markdown]
# ## Forecast

# %%
wape, baseline = revenue_fc.backtest_wape(), revenue_fc.backtest_wape(fcst.BASELINE)
pipeline_fc = fcst.pipeline_forecast(ctx.tables.opportunities, ctx.period, ctx.fiscal_start)
said = fcst.landing_sentences(landings, wape, pipeline_fc, fmt)
present.takeaway(said["quarter"])  # where the quarter lands, and its chance of the target

# %%
present.details(
    _("How the forecast is made"),
    present.paragraph(
        _(
            "Where revenue is heading, seen two ways. The time series: monthly revenue is "
            "forecast by the model that forecast the last twelve months best, one month ahead "
            "at a time (seasonal naïve, drift, or exponential smoothing with a damped trend and "
            "a yearly season), always shown beside the seasonal naïve baseline (“same month "
            "last year”). The shaded bands hold the coming months' revenue with 80% and 95% "
            "probability. The pipeline: the open deals expected to close before the end of the "
            "fiscal quarter, rolled up by forecast category."
        )
    ),
)

# %%
present.show_chart(
    forecast_charts.revenue_forecast(
        revenue_fc, rev.monthly_targets(targets) if targets is not None else None, fmt
    )
)

# %%
present.say(model_statements.chosen_model_sentence(revenue_fc, fmt))

# %%
present.say(model_statements.backtest_sentence(revenue_fc, fmt))

# %%
present.paragraph(
    _("Note on the forecast: {note}."), note=revenue_fc.note_text()
) if revenue_fc.note else None

# %%
present.details(
    _("Backtest of each model: WAPE, MAPE, MASE and bias"),
    present.table(
        fcst.accuracy_table(revenue_fc),
        {
            "wape": ("WAPE", fmt.pct),
            "mape": ("MAPE", fmt.pct),
            "mase": ("MASE", partial(fmt.number, digits=2)),
            "bias": (pgettext("column", "Bias"), fmt.signed_pct),
            "role": (pgettext("column", "Role"), str),
        },
        caption=ngettext(
            "Backtest: one-month-ahead forecasts of the last month (MASE: error ÷ in-sample "
            "error of the seasonal naïve method; bias: over (+) or under (−) forecast)",
            "Backtest: one-month-ahead forecasts of the last {months} months (MASE: error ÷ "
            "in-sample error of the seasonal naïve method; bias: over (+) or under (−) forecast)",
            len(revenue_fc.backtest),
        ).format(months=fmt.number(len(revenue_fc.backtest))),
        index_label=pgettext("column", "Model"),
    ),
)

# %%
present.say(said["year"], said.get("backtest"))

# %%
present.details(
    _(
        "Landing of the fiscal quarter and year: invoiced, forecast, range (80%), target, "
        "probability"
    ),
    present.table(
        landings.assign(
            stated=[
                fcst.stated_probability_text(fcst.landing_statement(r, wape), fmt)
                for _, r in landings.iterrows()
            ]
        ).rename(index={"quarter": _("Fiscal quarter"), "year": _("Fiscal year")}),
        {
            "actual_to_date": (_("Invoiced to date"), fmt.money),
            "forecast_rest": (_("Forecast, months left"), fmt.money),
            "landing": (pgettext("column", "Landing"), fmt.money),
            "landing_lo80": (_("Landing, low (80%)"), fmt.money),
            "landing_hi80": (_("Landing, high (80%)"), fmt.money),
            "target": (pgettext("column", "Target"), fmt.money),
            "attainment": (_("Landing ÷ target"), fmt.pct),
            "stated": (_("Probability of target"), str),
        },
        caption=_(
            "Landing of the fiscal quarter and year: revenue invoiced to date plus the forecast "
            "of the months left"
        ),
        index_label=pgettext("column", "Period"),
    ),
)

# %% tags=["remove-cell"]
present.publish_forecast(
    fcst.forecast_record(
        revenue_fc, region=ctx.region.id, made_in=ctx.period, currency=ctx.region.currency
    )
)
