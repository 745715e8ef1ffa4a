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
from reportlib.i18n import _, pgettext

fmt, orders = ctx.fmt, ctx.tables.orders

# %% [markdown]
# ### Last month's forecast against the actual

# %%
present.details(
    _("How forecasts are scored"),
    present.paragraph(
        _(
            "Every report stores its forecast, and the following reports hold it against the "
            "revenue that was then invoiced: the forecast made one month ahead, its error "
            "(forecast − actual) and whether the actual fell inside its prediction intervals. "
            "An honest interval at 80% would hold about four actuals in five."
        )
    ),
)

# %%
history = fcst.revenue_series(orders, ctx.period)
track = fcst.track_record(ctx.forecast_history, history, ctx.period, ctx.region.currency)
last_said = (
    None if track.last is None else fcst_said.last_forecast_sentence(track.last, ctx.period, fmt)
)
(
    present.say(last_said)
    if last_said is not None
    else present.paragraph(
        _(
            "No earlier forecast is stored for this report yet. The comparison of forecast and "
            "actual starts with next month's report, which will score the forecast this report "
            "makes for {next_month}."
        ),
        next_month=fmt.month(ctx.period + 1),
    )
    if ctx.forecast_history.empty
    else present.paragraph(
        _(
            "No comparable forecast of {month} made in {previous} is stored, so this month's "
            "revenue cannot be held against one."
        ),
        month=fmt.month(ctx.period),
        previous=fmt.month(ctx.period - 1),
    )
)

# %%
present.say(*fcst_said.track_record_sentences(track, fmt))

# %%
present.paragraph(_("Not compared: {note}."), note=track.note) if track.note else None

# %%
(
    present.details(
        _("Track record: each month's revenue against the forecast made the month before"),
        present.table(
            track.table.iloc[::-1].rename(index=fmt.month),
            {
                "made_in": (_("Forecast made in"), fmt.month),
                "forecast": (pgettext("column", "Forecast"), fmt.money),
                "lo80": (_("Lower bound, 80%"), fmt.money),
                "hi80": (_("Upper bound, 80%"), fmt.money),
                "actual": (pgettext("column", "Actual"), fmt.money),
                "error": (pgettext("column", "Error"), fmt.money),
                "error_pct": (_("Error ÷ actual"), fmt.signed_pct),
                "inside80": (_("Inside 80%"), present.yes_no),
                "inside95": (_("Inside 95%"), present.yes_no),
                "model": (pgettext("column", "Model"), fcst.model_label),
            },
            caption=_(
                "Track record: each month's revenue against the forecast made the month before, "
                "latest first (error = forecast − actual)"
            ),
            index_label=pgettext("column", "Month"),
        ),
    )
    if track.months
    else None
)
