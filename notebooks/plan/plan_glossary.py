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
# ## Glossary of the plan
#
# - **Company goal**: what the company is to sell in the plan year, in the company currency:
#   this fiscal year's forecast landing grown by the planned growth, or an amount the company
#   sets.
# - **Over-assignment (buffer)**: the reps' targets add up to more than the goal (commonly 10 to
#   20 percent more), so that the goal is met even when some reps miss.
# - **Top-down**: the goal split to regions, teams and reps by their share of revenue over the
#   last 12 months (a region with growth of its own gets its part of this year's landing grown
#   by it).
# - **Bottom-up (capacity)**: what each rep can sell in the year: their sales per month at full
#   productivity × their ramp in each month × their months in the seat × the expected
#   attainment; planned hires take their team's median.
# - **Territory potential**: a region's market (the sales of every company in the market table
#   over the last 12 months) × the share of it the region could reach.
# - **Blended target**: the weighted mean of the three views' shares (weights in the planning
#   settings), times the goal and the over-assignment.
# - **Ramp**: a new hire's share of full productivity in each quarter since hire; full after
#   the last quarter.
# - **Phasing**: a rep's year spread over the months by the region's seasonality (its share of
#   revenue in each calendar month over the last years) and their ramp in each month.
# - **Can reach**: a rep whose capacity is at least four fifths of their target. A plan is
#   commonly judged achievable when 60 to 70 percent of the reps can.
# - **Beyond the best**: a target above the best path any rep walked at the same tenure (the
#   highest monthly sales of any rep in each quarter since hire, added over the rep's months).
# - **Growth needed**: the target per month in the seat ÷ the rep's sales per month over the
#   last 12 months, less one. A rep who was still ramping up in those months needs much growth
#   by nature: their capacity counts them at full productivity.
# - **Gap**: top-down less bottom-up: what the goal asks beyond what the reps have shown they
#   can sell.
# - **Currencies**: each target is in its region's currency; converted at the budget exchange
#   rates they add up to the goal plus the over-assignment, to the cent. The targets file
#   holds them month by month and rep by rep.
