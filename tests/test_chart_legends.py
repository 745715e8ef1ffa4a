"""A chart's legend stays inside the figure in every language (charts.legend_below)."""

import pytest
from matplotlib.backends.backend_svg import FigureCanvasSVG

from reportlib.charts import LEGEND_PAIR_CHARS, legend_below, new_axes

SHORT = ["Actual", "Forecast", "Target", "80% interval"]
PORTUGUESE = [
    "Realizado",
    "Previsão",
    "Intervalo de previsão de 80%",  # 28 characters
    "Ingênuo sazonal (referência)",
]


@pytest.mark.parametrize(("labels", "ncols"), [(SHORT, 2), (PORTUGUESE, 1)])
def test_entries_two_to_a_row_only_when_they_fit(labels, ncols):
    fig, ax = new_axes()
    for i, label in enumerate(labels):
        ax.plot([0, 1], [i, i + 1], label=label)
    legend_below(fig)
    FigureCanvasSVG(fig).draw()
    legend = fig.legends[0]
    assert legend._ncols == ncols
    box, page = legend.get_window_extent(), fig.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1  # nothing cut off at either edge


def test_the_threshold_is_what_two_columns_hold():
    fig, ax = new_axes()
    long_pair = ["x" * LEGEND_PAIR_CHARS, "y" * LEGEND_PAIR_CHARS]
    for i, label in enumerate(long_pair):
        ax.plot([0, 1], [i, i], label=label)
    legend_below(fig)
    FigureCanvasSVG(fig).draw()
    box, page = fig.legends[0].get_window_extent(), fig.bbox
    assert fig.legends[0]._ncols == 2 and page.x0 <= box.x0 and box.x1 <= page.x1
