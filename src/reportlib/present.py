"""Putting results on the page: HTML snippets, figures with alt text, and the KPI record.

These functions are the notebooks' only way to show things. Every text that comes from data is
escaped here, so a customer called ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping

import pandas as pd
from IPython.display import HTML, display
from markupsafe import Markup, escape
from matplotlib.figure import Figure

from reportlib.formatting import Formatter

KPIS_MIMETYPE = "application/vnd.reportlib.kpis+json"


def show_figure(fig: Figure, alt: str) -> None:
    """Display ``fig`` as an embedded PNG whose alt text says what it shows."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    display(
        {"image/png": data, "text/plain": alt},
        raw=True,
        metadata={"image/png": {"alt": alt}},
    )


def html(fragment: str | Markup) -> HTML:
    """Display-ready HTML from an already safe fragment (built with :func:`markupsafe.escape`)."""
    return HTML(str(fragment))


def paragraph(template: str, **values: object) -> HTML:
    """A paragraph: ``template`` is trusted text with ``{name}`` slots; values are escaped."""
    return HTML(str(Markup("<p>") + Markup(escape(template)).format(**values) + Markup("</p>")))


def table(
    frame: pd.DataFrame,
    formats: Mapping[str, Callable[[object], str]],
    *,
    caption: str,
    index_label: str | None = None,
) -> HTML:
    """An accessible HTML table: caption, ``<th scope>`` headers, values escaped and formatted.

    Args:
        frame: Rows to show; the index becomes the first column.
        formats: Formatter per column (columns without one are shown with ``str``).
        caption: What the table shows.
        index_label: Header of the index column (defaults to the index name).
    """
    head = [index_label or str(frame.index.name or "")] + [str(c) for c in frame.columns]
    parts = [Markup('<div class="table-wrap"><table><caption>{}</caption><thead><tr>').format(caption)]
    parts += [Markup('<th scope="col">{}</th>').format(h.replace("_", " ")) for h in head]
    parts.append(Markup("</tr></thead><tbody>"))
    for key, row in frame.iterrows():
        parts.append(Markup('<tr><th scope="row">{}</th>').format(key))
        for col in frame.columns:
            value = row[col]
            text = formats[col](value) if col in formats else str(value)
            parts.append(Markup('<td class="num">{}</td>').format(text))
        parts.append(Markup("</tr>"))
    parts.append(Markup("</tbody></table></div>"))
    return HTML(str(Markup("").join(parts)))


def _status(attainment: float | None) -> tuple[str, str]:
    if attainment is None:
        return "status-none", "No target"
    if attainment >= 1:
        return "status-ok", "On target"
    if attainment >= 0.9:
        return "status-warn", "Below target"
    return "status-bad", "Well below target"


def kpi_tiles(kpis: Mapping[str, float | int | None], fmt: Formatter) -> HTML:
    """The headline tiles: revenue, attainment, gross margin, orders, customers."""
    css, status = _status(kpis.get("attainment"))  # type: ignore[arg-type]
    tiles = [
        ("Revenue", fmt.money(kpis["revenue"]),
         f"{fmt.signed_pct(kpis.get('mom_growth'))} MoM · {fmt.signed_pct(kpis.get('yoy_growth'))} YoY", ""),
        ("Target attainment", fmt.pct(kpis.get("attainment")),
         f"{status} · target {fmt.money(kpis.get('target'))}", css),
        ("Gross margin", fmt.pct(kpis.get("gross_margin_pct")), "of net revenue", ""),
        ("Orders", fmt.number(kpis["orders"]), "distinct orders invoiced", ""),
        ("Customers", fmt.number(kpis["customers"]), "bought in the month", ""),
    ]  # fmt: skip
    items = Markup("").join(
        Markup('<div class="kpi {}"><div class="label">{}</div><div class="value">{}</div>'
               '<div class="delta">{}</div></div>').format(c, label, value, delta)  # fmt: skip
        for label, value, delta, c in tiles
    )
    return HTML(str(Markup('<div class="kpi-tiles">{}</div>').format(items)))


def publish_kpis(record: Mapping[str, object]) -> None:
    """Hand the report's machine-readable figures to the run (written as ``<id>.kpis.json``).

    The record travels as an output of an invisible mimetype, so the notebook does no I/O.
    """
    display({KPIS_MIMETYPE: dict(record)}, raw=True)
