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

# %% [markdown]
# ## Glossary
#
# - **Revenue**: net invoiced revenue of order lines dated in the month (list price × quantity
#   less discount), in the report's currency. The company report converts each region's amounts
#   at the budget exchange rates in `params/defaults.yaml`.
# - **Target attainment**: revenue ÷ the sum of the targets for the same months (the sales
#   reps' targets, or a budget per region and month);
#   quarter and year to date follow the fiscal year.
# - **Gross margin %**: (revenue − cost of goods sold) ÷ revenue.
# - **MoM / YoY growth**: change against the previous month / the same month a year earlier.
# - **Orders / Customers**: distinct order numbers / customer accounts invoiced in the month.
# - **Discount leakage**: Σ(list price × quantity − net revenue) ÷ Σ(list price × quantity).
# - **Points (pp)**: differences between two percentages.
# - **Not delivered**: an optional column that the export lacks (the data-quality section lists
#   them); every figure that needs it is left out, and its section says so.
# - **Accretive / dilutive growth**: growing faster than the whole at a margin above / below
#   the average.
# - **Revenue bridge**: the trailing 12 months against the 12 before. Products sold in one of the
#   two only have steps of their own (discontinued products: last year's revenue of those not
#   sold since; new products: this year's revenue of those not sold a year earlier); volume (at
#   last year's average price), mix, list price and discount are computed on the products sold
#   in both. The steps add up exactly to the change.
# - **Win rate**: won ÷ (won + lost) deals closed in the last 3 months (by value: Σ won ÷ Σ
#   closed amount); the leaderboard uses the fiscal year to date.
# - **Average deal size / sales cycle**: Σ won amount ÷ deals won; mean days from creation to
#   close of won deals.
# - **Pipeline coverage**: open deals closing in the rest of the fiscal quarter ÷ (quarter
#   target − revenue to date); in a quarter's last month, the next quarter. The coverage needed
#   is 1 ÷ win rate (a 45% win rate needs 2.2×).
# - **Sales velocity**: open deals with a stage probability ≥ 20% × average deal size × win
#   rate ÷ average cycle days.
# - **Ramp**: attainment of rep-months by months since hire.
# - **Win rate vs a competitor**: won ÷ (won + lost) of the deals closed in the last 12 months
#   with that competitor as the main competitor; "No competitor" is the baseline.
# - **Loss reasons**: share of the deals lost in the last 12 months, by count and by value.
# - **Market share**: own sales ÷ sales of every company in the market estimates; relative
#   share = own sales ÷ the largest rival's. Share change: the last three months against the
#   same three months a year earlier.
# - **Price index**: own average price ÷ the competitors' average price × 100.
# - **Cost per lead**: spend ÷ leads. **ROAS**: attributed won revenue ÷ spend.
# - **ROMI**: (attributed won revenue × the gross margin rate of the last 12 months − spend)
#   ÷ spend; a campaign pays back when ROMI ≥ 0. Campaigns are judged once they ended at least
#   five months before the reported month.
# - **Active customer**: bought (positive net revenue) in the trailing 12 months; the
#   active-customers chart uses 3 months.
# - **Retention / churn rate**: of the customers active in the 12 months to a year ago, less
#   those who moved to another region, the share who did / did not buy in the last 12 months.
# - **Moved to another region** (a region's report): a customer who bought nothing in the region
#   in the last 12 months but bought in another region then; not lost to the company, so counted
#   apart and left out of churn, retention and revenue retention.
# - **NRR / GRR**: the starting cohort's revenue in the last 12 months ÷ its revenue in the 12
#   months before (customers who moved to another region left out); GRR counts only contraction
#   and churn and is capped at 100%.
# - **Backlog**: support tickets open at the month's last instant; age: time since creation.
# - **First response / resolution time**: calendar hours from a ticket's creation to its first
#   answer / its solution; median and P90 (nine tickets in ten took less).
# - **SLA breach rate**: tickets of the month that missed a first-response or resolution target
#   ÷ tickets with a target. **CSAT**: ratings of 4 or 5 (of 5) ÷ all ratings.
# - **NPS**: share of promoters (9–10) − share of detractors (0–6), −100 to 100, by each
#   customer's latest answer in the last 3 months. Churn and NRR by service experience group
#   the starting cohort by its tickets and NPS answers of a year earlier.
# - **Service signals and rules**: a missed SLA target, a rating below 4, a ticket open over 7
#   days or a detractor's answer in the last 3 months (named in the region's report only). A
#   backlog 10 tickets and a quarter above 3 months earlier opens the section; a breach rate over
#   a quarter of tickets is bad news; a backlog over half the month's new tickets asks for staff.
# - **New customer**: first order line in the data falls in the month.
# - **HHI**: Σ(customer share of 12-month revenue in %)², from 0 to 10,000.
# - **Mix shift**: change in share of the month's revenue against the same month a year
#   earlier, in percentage points.
# - **New product**: a product, known by its name, launched in the last 24 months: in the month
#   `launches` in `params/defaults.yaml` gives, else the month the company first sold it. A
#   product re-listed under a new code is not new; in a region's report, a product the company
#   sold in other regions before is new to the region, not to the company.
# - **Forecast model**: chosen per series by the lowest WAPE of one-month-ahead forecasts of the
#   last 12 months (rolling origin); seasonal naïve is the baseline.
# - **WAPE** = Σ|forecast − actual| ÷ Σ|actual|; **MAPE** = mean |error ÷ actual|; **MASE** =
#   MAE ÷ in-sample seasonal-naïve MAE; **bias** = Σ(forecast − actual) ÷ Σ actual.
# - **Landing**: revenue invoiced to date + the forecast of the months left; probability of
#   target from 2,000 simulated futures; its range (80%) runs from the 10th to the 90th
#   percentile of them.
# - **Region status**: on target from 100% attainment, below target from 90% to 100%, well
#   below target under 90% (month and fiscal year to date).
# - **Weighted pipeline**: Σ amount × probability of deals open at month end closing in the rest
#   of the quarter. **Commit forecast** = Commit + Closed; **Best Case forecast** = Best Case +
#   Most Likely + Commit + Closed (Salesforce forecast categories).
# - **Last month's forecast**: the forecast of the reported month that the report of the month
#   before made and stored. **Forecast error** = forecast − actual, as a share of the actual:
#   positive when the forecast was too high. The **track record** scores every month whose forecast
#   made one month ahead is stored: WAPE, bias and the share of actuals inside the 80% and 95%
#   prediction intervals (about 80% and 95% when the intervals are honest). Forecasts recorded in
#   another currency than the report's are not compared.
#
# ### How the report judges
#
# - **Falls in active customers**: a three-month fall is news when it ends in one of the last
#   three months, is at least 5% and leaves at least a tenth fewer customers than the fall over the
#   same months a year earlier would have; a fall within that is the season's, an older one
#   past news.
# - **Margin alarm**: a month's gross margin below `margin_alarm.floor` in `params/` (0%: sold
#   below cost), or more than `margin_alarm.drop` points below its trailing 12 months, is the
#   first highlight and a recommendation, with the money at stake (revenue × the gap). The
#   company report names each region that raises one.
# - **Comparisons**: a comparison across channels, categories, industries, segments, teams,
#   reps, regions, competitors, campaigns or bands of months since hire is made only with at
#   least two of them that had sales (deals, a target, a return) in the span compared; with one,
#   a sentence names it instead. A market of one company is not stated as 100%.
# - **Mix effect**: Δshare × (group margin − average margin), shown in hundredths of a point
#   when one reaches 0.05 pp; otherwise a sentence says there was no mix effect.
# - **Forecast floor**: a series never below zero (revenue) is forecast at zero or above, and
#   so are its intervals, landing ranges and probabilities.
# - **Stated probability**: the share of 2,000 simulated futures that reach the target; they
#   assume the model is right, so "more than 95%" stands for any share above 95%, and "less
#   than 5%" for any below 5%.
# - **Forecast caveat**: a landing gets one when the fiscal quarter lands above the pipeline's
#   best-case forecast or below its commit forecast, or when the model missed the last 12 months
#   by more than a tenth of revenue (backtest WAPE above 10%).
# - **Money in sentences and tiles** is rounded to what matters ($5.7M, R$ 5,7 mi); amounts
#   shown together get the decimals it takes to tell them apart; tables give exact amounts.
# - **Highlights and recommendations**: a margin alarm comes first, then bad and good news in
#   turn; recommendations are ranked by the money at stake (a margin gap, the gap between a
#   landing and its target, a region's or team's shortfall to its year-to-date target).
# - **Takeaways and folded detail**: each section opens with one sentence picked by a fixed rule
#   from its own figures; long detail (tables that repeat a chart, full lists) is folded under a
#   line saying what it holds, and printed open.
# - **Check the spend**: a ROMI above 10,000%, or from a spend under a tenth of the median
#   campaign's, is marked "check the spend": such returns usually mean the spend was booked
#   elsewhere or the deals were attributed to the wrong campaign. The verdict stands.
# - **Reps counted**: the team text, table and ramp chart count the same reps once each: the
#   account executives with a target in the fiscal year to date, leavers included. The ramp
#   places each by the months from hire to the reported month (to their last, for a leaver).
# - **Partial charts and tables**: a chart or table that shows only part of its rows says so
#   in its title or caption ("the 10 largest of 37 by 12-month revenue").
# - **Numbers**: one minus sign (−) in every language; a figure that rounds to zero has no
#   sign, and after a word of direction ("rose", "fell") none either. A figure that cannot be
#   computed reads "n/a" in a table; a sentence that would need it is left out.
#
# ### Reading and taking it away
#
# - On a phone, each row of a wide table shows as a card, each figure labelled by its column.
#   On paper every page carries the title, month, page number and the confidentiality line
#   set in `params/`; tables of nine or more columns print on a landscape page.
# - Each table can be downloaded as CSV, and all of them as one Excel workbook; the index
#   links the report's PDF when the run made one.
