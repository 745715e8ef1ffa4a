"""Charts on the page: SVG with alt text, the same bytes for the same figure, legible on a phone.

Issue #15: charts were PNGs 9 inches wide; on a phone 390 px wide the page's column (358 px)
shrank their text to 4–6 px (8-point value labels to 4.4 px).
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from unittest import mock

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from reportlib import present
from reportlib.charts import (
    FIGURE_WIDTH,
    TEXT_PT,
    Chart,
    month_ticks,
    new_axes,
    shown_text_px,
    smallest_text_pt,
    svg_data_uri,
    to_svg,
)
from reportlib.charts import customers as customer_charts
from reportlib.charts import market as market_charts
from reportlib.charts import products as product_charts
from reportlib.charts import revenue as revenue_charts
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
PHONE_COLUMN = 332  # CSS px: a chart folded in a details block on a 390-px-wide phone


def phone_px(figure) -> float:
    """CSS px of the figure's smallest text on the phone, worked out from matplotlib alone.

    A figure is shown at 96 px an inch (a point is 4/3 px), scaled down to the column.
    """
    figure.draw_without_rendering()
    sizes = [
        t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()
    ]
    width_px = figure.get_size_inches()[0] * 96
    return min(sizes) * 4 / 3 * min(1.0, PHONE_COLUMN / width_px)


def _small_chart() -> Chart:
    fig, ax = new_axes(3, 2)
    ax.plot([0, 1, 2], [1.0, 3.0, 2.0], marker="o")
    ax.set_title("Revenue €$%")
    return Chart(fig, 'Revenue "up" <b>by 3</b>')


def test_show_chart_displays_svg_with_its_alt_text():
    chart = _small_chart()
    with mock.patch.object(present, "display") as display:
        present.show_chart(chart)
    (data,), kwargs = display.call_args
    assert set(data) == {"image/svg+xml", "text/plain"}  # no PNG beside it
    assert data["image/svg+xml"].lstrip().startswith("<?xml")
    assert "<svg" in data["image/svg+xml"]
    assert data["text/plain"] == 'Revenue "up" <b>by 3</b>'
    assert kwargs["metadata"] == {"image/svg+xml": {"alt": 'Revenue "up" <b>by 3</b>'}}
    assert kwargs["raw"] is True


def test_the_same_chart_gives_the_same_bytes():
    # clip-path ids were salted at random and a date was written: every run differed
    first, again = to_svg(_small_chart().figure), to_svg(_small_chart().figure)
    assert first == again
    assert "clip-path" in first  # ids are there, made from the drawing
    assert "<dc:date>" not in first and "Matplotlib v" not in first


def test_svg_data_uri_is_the_address_the_page_writes():
    chart = _small_chart()
    uri = svg_data_uri(chart.figure)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == to_svg(chart.figure)


def test_svg_keeps_text_as_text_and_refers_to_nothing_outside():
    svg = to_svg(_small_chart().figure)
    assert re.search(r"<text [^>]*>Revenue €\$%</text>", svg)  # text, not glyph outlines
    assert "font-family" in svg and "sans-serif" in svg  # the reader's sans-serif at worst
    assert "<!DOCTYPE" not in svg  # its DTD address is never needed
    # the only addresses left are XML namespace names, which nothing fetches
    others = re.sub(r'xmlns(?::\w+)?="[^"]*"', "", svg)
    assert "http" not in others and "url(#" in others  # clip paths point inside the file
    assert "<image" not in svg and "@import" not in svg


def test_shown_text_px_is_points_at_96_px_an_inch_scaled_to_the_column():
    # 10 pt on a 5.2-inch figure in a 358-px column: 10 × 4/3 × 358 ÷ 499.2 = 9.562 px
    assert round(shown_text_px(10, 5.2, 358), 3) == 9.562
    # in a details block (332 px), on a 4.9-inch figure: 10 × 4/3 × 332 ÷ 470.4 = 9.41 px
    assert round(shown_text_px(10, 4.9, 332), 2) == 9.41
    # the 4–6 px: 8-point labels and 11-point ticks on the old 9-inch figure
    assert round(shown_text_px(8, 9, 358), 2) == 4.42
    assert round(shown_text_px(11, 9, 358), 2) == 6.08
    # a wide screen shows the figure at its own size, never larger: 10 pt is 13.33 px
    assert round(shown_text_px(10, 5.2, 1072), 2) == 13.33


def test_the_figure_size_and_text_size_keep_9_px_on_a_phone():
    assert shown_text_px(TEXT_PT, FIGURE_WIDTH) >= 9.0


def test_revenue_bars_read_at_9_px_on_a_phone():
    months = pd.period_range("2025-10", "2026-10", freq="M", name="month")
    frame = pd.DataFrame(
        {"revenue": np.linspace(1e6, 2.2e6, 13), "target": np.full(13, 1.5e6)}, index=months
    )
    fig = revenue_charts.revenue_vs_target(frame, FMT).figure
    assert phone_px(fig) >= 9.0  # 5.1 px: the 10-point legend on the 9-inch figure
    assert smallest_text_pt(fig) >= TEXT_PT


def test_mix_shift_labels_read_at_9_px_on_a_phone():
    # the 8-point value labels read 4.1 px (4.4 px outside a details block)
    mix = pd.DataFrame(
        {"share": [0.5, 0.3, 0.2], "mix_shift": [0.083, 0.032, -0.144]},
        index=pd.Index(["E-commerce", "Partner", "Inside Sales"], name="channel"),
    )
    chart = product_charts.mix_shift_bars(mix, FMT, pd.Period("2026-10", "M"))
    assert phone_px(chart.figure) >= 9.0
    labels = [t.get_text().strip() for t in chart.figure.axes[0].texts]
    assert labels == ["+8.3 pp", "+3.2 pp", "−14.4 pp"]


def test_no_text_is_cut_off_at_the_figure_edge():
    # a long axis title wraps instead ("… deals closed in the 12 months to outubro de 2026")
    frame = pd.DataFrame(
        {
            "won": [17, 26, 41, 42, 40],
            "closed": [100, 96, 90, 86, 73],
            "win_rate": [0.17, 0.271, 0.456, 0.488, 0.545],
        },
        index=["Vantora", "Orbis Instruments", "Lumen Data", "Kestrel Systems", "No competitor"],
    )
    fmt = Formatter("pt_BR", "BRL")
    charts = [
        market_charts.win_rate_bars(frame, fmt, pd.Period("2026-10", "M")),
        _bridge_chart(),
    ]
    for chart in charts:
        fig = chart.figure
        renderer = _drawn(fig)
        box = fig.bbox
        for text in _drawn_texts(fig):
            extent = text.get_window_extent(renderer)
            assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1, text.get_text()


def _drawn_texts(fig) -> list[Text]:
    """The texts a reader sees: tick labels within the axes' limits, every other text shown."""
    texts = [*fig.texts, *(t for legend in fig.legends for t in legend.get_texts())]
    for ax in fig.axes:
        for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            low, high = sorted((low, high))
            ticks = zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=True)
            texts += [label for loc, label in ticks if low <= loc <= high]
            texts.append(axis.label)
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _drawn(fig):
    """Draw ``fig`` as the page will lay it out; its renderer, for the texts' extents."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def _bridge_chart() -> Chart:
    steps = ["Starting revenue", "New customers", "Returning customers", "Expansion"]
    steps += ["Contraction", "Churned customers", "Ending revenue"]
    bridge = pd.DataFrame(
        {"amount": [42.9e6, 9.9e6, 0.796e6, 21e6, -11.8e6, -2.7e6, 60.2e6], "customers": [1] * 7},
        index=pd.Index(steps, name="step"),
    )
    return customer_charts.bridge_waterfall(bridge, FMT, pd.Period("2026-10", "M"))


def test_waterfall_labels_never_overlap():
    # side by side, the labels of 7 steps overlapped on a phone ("$796.3K" over "$21M")
    fig = _bridge_chart().figure
    renderer = _drawn(fig)
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert len(boxes) == 7
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not a.overlaps(b)


def test_month_ticks_label_at_most_13_months_ending_with_the_last():
    labels = [f"M{k}" for k in range(24)]
    _fig, ax = new_axes()
    ax.plot(range(24), range(24))
    month_ticks(ax, labels)
    shown = [t.get_text() for t in ax.get_xticklabels()]
    assert shown == [f"M{k}" for k in range(1, 24, 2)]  # 12 labels, every second, to M23
    _fig, ax = new_axes()
    month_ticks(ax, labels[:13])
    assert [t.get_text() for t in ax.get_xticklabels()] == labels[:13]


def test_a_kernel_warms_up_the_svg_backend():
    code = (
        "import sys; from reportlib.run.kernels import preload; preload(); "
        "print('matplotlib.backends.backend_svg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True"]  # the path show_chart takes, loaded before a notebook
