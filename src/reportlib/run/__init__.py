"""Running: a monthly run in named stages.

The stages, the run manifest, workers and kernels, the reports' extracts and section notebooks.
"""
