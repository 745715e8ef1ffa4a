"""The shared tick formatter and the top-N note of every chart."""

from matplotlib.axes import Axes

from reportlib.charts import (
    mark_top_n,
    money_axis,
    new_axes,
    number_axis,
    pct_axis,
    points_axis,
    tick_digits,
    top_n_note,
)
from reportlib.formatting import Formatter

FMT = Formatter("en_US", "USD")
MINUS = "\u2212"


def tick_texts(ax: Axes, axis: str = "y") -> list[str]:
    """The tick labels drawn inside the axis' view, in order."""
    ax.figure.draw_without_rendering()
    side = ax.yaxis if axis == "y" else ax.xaxis
    low, high = sorted(ax.get_ylim() if axis == "y" else ax.get_xlim())
    return [
        t.get_text()
        for t, pos in zip(side.get_ticklabels(), side.get_ticklocs(), strict=True)
        if low - 1e-12 <= pos <= high + 1e-12
    ]


def test_tick_digits_is_the_fewest_that_tell_neighbours_apart():
    values = [0.125, 0.1275, 0.13, 0.1325]
    # 0 decimals: 13%, 13%, 13%, 13%; 1 decimal: 12.5%, 12.8%, 13.0%, 13.3%
    assert tick_digits(values, FMT.pct) == 1
    assert tick_digits([0.1, 0.2, 0.3], FMT.pct) == 0
    assert tick_digits([0.1, 0.2], FMT.pct, fewest=2) == 2


def test_a_narrow_percent_axis_does_not_repeat_its_ticks():
    _fig, ax = new_axes()
    ax.plot([0, 1, 2], [0.1225, 0.128, 0.1325])
    ax.set_ylim(0.1225, 0.1325)
    ax.yaxis.set_major_formatter(pct_axis(FMT))
    labels = tick_texts(ax)
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels
    assert all(label.endswith("%") for label in labels)


def test_a_narrow_money_axis_does_not_repeat_its_ticks():
    _fig, ax = new_axes()
    ax.set_ylim(1_000_000, 1_050_000)
    ax.yaxis.set_major_formatter(money_axis(FMT))
    labels = tick_texts(ax)
    assert len(set(labels)) == len(labels), labels
    assert "$1.01M" in labels  # two decimals, where one gave $1M, $1M, $1M ...


def test_a_small_money_axis_is_rounded_and_distinct():
    _fig, ax = new_axes()
    ax.set_ylim(0, 1.0)
    ax.yaxis.set_major_formatter(money_axis(FMT))
    labels = tick_texts(ax)
    assert labels[0] == "$0.0" and labels[-1] == "$1.0"
    assert len(set(labels)) == len(labels), labels


def test_number_and_points_axes():
    _fig, ax = new_axes()
    ax.set_ylim(0, 3.5)
    ax.yaxis.set_major_formatter(number_axis(FMT))
    assert tick_texts(ax) == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5"]
    ax.set_ylim(-0.02, 0.02)
    ax.yaxis.set_major_formatter(points_axis(FMT))
    labels = tick_texts(ax)
    assert labels[0] == f"{MINUS}2.0 pp" and "0.0 pp" in labels and labels[-1] == "+2.0 pp"


def test_top_n_note_only_when_rows_are_left_out():
    campaigns = "Showing the {shown} campaigns with the lowest ROMI, of {total}"
    assert top_n_note(24, 45, campaigns, FMT) == (
        "Showing the 24 campaigns with the lowest ROMI, of 45"
    )
    assert top_n_note(45, 45, campaigns, FMT) is None
    teams = "Showing the {shown} teams with the lowest attainment, of {total}"
    _fig, ax = new_axes()
    assert mark_top_n(ax, 3, 3, teams, FMT) is None
    assert ax.get_title(loc="left") == ""
    mark_top_n(ax, 3, 7, teams, FMT)
    assert ax.get_title(loc="left") == "Showing the 3 teams with the lowest attainment, of 7"
