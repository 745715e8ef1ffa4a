"""The charts package: seaborn's look written out, and importing it stays cheap."""

import subprocess
import sys

import seaborn as sns
from matplotlib.colors import to_rgb

from reportlib import charts


def test_theme_is_seaborns_whitegrid_notebook_look():
    theme = {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}
    del theme["image.cmap"]  # "rocket" exists only once seaborn is imported; no chart uses it
    assert theme == charts.THEME


def test_colorblind_is_seaborns_palette():
    assert [to_rgb(c) for c in charts.COLORBLIND] == list(sns.color_palette("colorblind"))


def test_importing_the_charts_does_not_import_seaborn():
    # the run's worker processes import reportlib.present (and so reportlib.charts) but draw
    # nothing: they should not pay for seaborn and SciPy
    code = (
        "import sys, reportlib.present, reportlib.charts.customers, reportlib.charts.products; "
        "print('seaborn' in sys.modules, 'scipy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
