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

import pandas as pd

import reportlib.analysis.forecast as fcst
import reportlib.analysis.revenue as rev
from reportlib import present
from reportlib.charts import forecast as forecast_charts

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
    "How the forecast is made",
    present.paragraph(
        "Where revenue is heading, seen two ways. The time series: monthly revenue is "
        "forecast by the model that forecast the last twelve months best, one month ahead at "
        "a time (seasonal naïve, drift, or exponential smoothing with a damped trend and a "
        "yearly season), always shown beside the seasonal naïve baseline (“same month last "
        "year”). The shaded bands hold the coming months' revenue with 80% and 95% "
        "probability. The pipeline: the open deals expected to close before the end of the "
        "fiscal quarter, rolled up by forecast category."
    ),
)

# %%
next_month = revenue_fc.forecast.iloc[0]
next_month_text = dict(  # amounts of one sentence, told apart (distinct_money)
    zip(
        ("forecast", "low", "high"),
        fmt.distinct_money(*next_month[["forecast", "lo80", "hi80"]]),
        strict=True,
    )
)
present.show_chart(
    forecast_charts.revenue_forecast(
        revenue_fc, rev.monthly_targets(targets) if targets is not None else None, fmt
    )
)

# %%
present.paragraph(
    "Model chosen: {model}. It forecasts {forecast} for {month} (80% prediction interval {low} "
    "to {high})."
    if pd.notna(next_month["lo80"])
    else "Model chosen: {model}. It forecasts {forecast} for {month}.",
    model=revenue_fc.model_label,
    month=fmt.month(revenue_fc.forecast.index[0]),
    **next_month_text,
) if revenue_fc.model else None

# %%
present.paragraph(
    "Forecasting each of the last {months} months from the months before it, it missed by "
    "{wape} of revenue (WAPE); the seasonal naïve baseline missed by {baseline}."
    if baseline is not None
    else "Forecasting each of the last {months} months from the months before it, it missed by "
    "{wape} of revenue (WAPE).",
    months=fmt.number(len(revenue_fc.backtest)),
    wape=fmt.pct(wape),
    baseline=fmt.pct(baseline),
) if wape is not None else None

# %%
present.paragraph(
    "Note on the forecast: {note}.", note=revenue_fc.note
) if revenue_fc.note else None

# %%
present.details(
    "Backtest of each model: WAPE, MAPE, MASE and bias",
    present.table(
        fcst.accuracy_table(revenue_fc),
        {
            "wape": ("WAPE", fmt.pct),
            "mape": ("MAPE", fmt.pct),
            "mase": ("MASE", partial(fmt.number, digits=2)),
            "bias": ("Bias", fmt.signed_pct),
            "role": ("Role", str),
        },
        caption=f"Backtest: one-month-ahead forecasts of the last {len(revenue_fc.backtest)} "
        "months (MASE: error ÷ in-sample error of the seasonal naïve method; bias: over (+) or "
        "under (−) forecast)",
        index_label="Model",
    ),
)

# %%
present.say(said["year"], said.get("backtest"))

# %%
present.details(
    "Landing of the fiscal quarter and year: invoiced, forecast, 80% range, target, probability",
    present.table(
        landings.assign(
            stated=[
                fcst.stated_probability_text(fcst.landing_statement(r, wape), fmt)
                for _, r in landings.iterrows()
            ]
        ).rename(index={"quarter": "Fiscal quarter", "year": "Fiscal year"}),
        {
            "actual_to_date": ("Invoiced to date", fmt.money),
            "forecast_rest": ("Forecast, months left", fmt.money),
            "landing": ("Landing", fmt.money),
            "landing_lo80": ("Landing, 80% low", fmt.money),
            "landing_hi80": ("Landing, 80% high", fmt.money),
            "target": ("Target", fmt.money),
            "attainment": ("Landing ÷ target", fmt.pct),
            "stated": ("Probability of target", str),
        },
        caption="Landing of the fiscal quarter and year: revenue invoiced to date plus the "
        "forecast of the months left",
        index_label="Period",
    ),
)

# %% tags=["remove-cell"]
present.publish_forecast(
    fcst.forecast_record(
        revenue_fc, region=ctx.region.id, made_in=ctx.period, currency=ctx.region.currency
    )
)
