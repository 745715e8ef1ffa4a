"""Putting results on the page: HTML snippets, figures with alt text, and the KPI record.

These functions are the notebooks' only way to show things. Every text that comes from data is
escaped here, so a customer called ``<script>`` shows as text.

A sentence never holds a missing figure: :func:`sentence` gives None when one of its values is
missing (None, NaN, or the Formatter's ``n/a``) and :func:`prose` joins the sentences left, so a
paragraph leaves a clause out rather than reading "n/a of its n/a target". ``n/a`` belongs in
table cells only.

An export may not deliver some optional order columns (``schema.Column.optional``): they are
absent from the frame. :func:`delivers` tells a notebook whether a figure can be drawn, and
:func:`needs` says in one sentence for a reader what is missing when it cannot.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import pandas as pd
from babel.lists import format_list
from IPython.display import HTML, display
from markupsafe import Markup, escape

from reportlib.analysis._common import has_columns
from reportlib.analysis.profitability import MarginAlert
from reportlib.analysis.recommendations import Recommendation
from reportlib.analysis.sentences import Sentence
from reportlib.charts import Chart, svg_data_uri, to_svg
from reportlib.formatting import MISSING, Formatter
from reportlib.i18n import N_, _, catalog_name, language, ngettext, pgettext
from reportlib.intake.schema import TABLES, column_label
from reportlib.report import FORECAST_MIMETYPE, KPIS_MIMETYPE, DataQuality
from reportlib.site.downloads import publish_table
from reportlib.site.index import attainment_status

TABLE_WORDS: dict[str, str] = {
    "orders": N_("the orders table"),
    "opportunities": N_("the opportunities table"),
    "targets": N_("the targets table"),
    "reps": N_("the reps table"),
    "campaigns": N_("the campaigns table"),
    "market": N_("the market table"),
    "tickets": N_("the support tickets table"),
    "surveys": N_("the customer surveys table"),
}
"""What a reader calls each input table in a sentence (:func:`need_words`), in English."""

TABLE_NAMES: dict[str, str] = {
    "orders": N_("Orders"),
    "opportunities": N_("Opportunities"),
    "targets": N_("Targets"),
    "reps": N_("Sales reps"),
    "campaigns": N_("Campaigns"),
    "market": N_("Market"),
    "tickets": N_("Support tickets"),
    "surveys": N_("Customer surveys"),
}
"""An input table's name as a row header of :func:`quality_table`, in English."""

NEEDS_SENTENCE = N_(
    "{what} needs the {columns} of each order line, which this export does not deliver."
)
"""The sentence that stands in for a figure left out: ``what`` is the figure, capitalised."""
IGNORED_NOTE = N_("Columns of {file} that the report does not use: {columns}.")
"""The data-quality section's sentence for a file's columns outside the data contract."""
LEFT_OUT_NOTE = N_("Left out of this report because their data were not delivered: {sections}.")
"""The data-quality section's sentence for the sections none of whose data was delivered."""
LEFT_OUT_ITEM = N_("{title} (needs {needs})")
"""One section in :data:`LEFT_OUT_NOTE`."""


def _list_locale() -> str:
    """The Babel locale that joins lists (``a, b and c``) in the language being written."""
    return catalog_name(language())


def delivers(frame: pd.DataFrame, *columns: str) -> bool:
    """Whether ``frame`` holds every one of ``columns`` (optional columns may not be delivered)."""
    return has_columns(frame, *columns)


def absent(frame: pd.DataFrame, table: str = "orders") -> tuple[str, ...]:
    """The optional columns of contract ``table`` that ``frame`` lacks, in contract order."""
    return tuple(
        c.name for c in TABLES[table].columns if c.optional and c.name not in frame.columns
    )


def needs_sentence(what: str, columns: Sequence[str]) -> str:
    """One plain sentence: ``what`` needs ``columns``, which the export does not deliver.

    ``needs_sentence("Gross margin", ["cost"])`` is "Gross margin needs the cost of each order
    line, which this export does not deliver."

    Raises:
        ValueError: if ``columns`` is empty (there is nothing to say).
    """
    if not columns:
        raise ValueError("needs_sentence: no column not delivered to name")
    words = format_list([column_label(c) for c in columns], locale=_list_locale())
    return _(NEEDS_SENTENCE).format(what=what, columns=words)


def needs(frame: pd.DataFrame, what: str, *columns: str) -> HTML | None:
    """The paragraph saying that ``what`` is left out, or None when ``frame`` delivers it all.

    A notebook cell reads ``present.needs(orders, "Gross margin", "cost") or present.table(...)``:
    the figure when its columns are there, else the sentence (:func:`needs_sentence`) naming the
    ones that are not.

    Args:
        frame: The order lines the figure is computed from.
        what: The figure, as a reader calls it (starts the sentence).
        columns: The optional columns it needs; the sentence names the missing ones in the
            order of the data contract.
    """
    order = {c.name: i for i, c in enumerate(TABLES["orders"].columns)}
    missing = sorted((c for c in columns if c not in frame.columns), key=lambda c: order.get(c, 99))
    return paragraph("{sentence}", sentence=needs_sentence(what, missing)) if missing else None


def show_chart(chart: Chart) -> None:
    """Display a chart as SVG (:func:`reportlib.charts.to_svg`) whose alt text says what it shows.

    The page embeds it as an image with that alt text (``{"image/svg+xml": {"alt": ...}}``).
    """
    alt = chart.alt
    display(
        {"image/svg+xml": to_svg(chart.figure), "text/plain": alt},
        raw=True,
        metadata={"image/svg+xml": {"alt": alt}},
    )


def html(fragment: str | Markup) -> HTML:
    """Display-ready HTML from an already safe fragment (built with :func:`markupsafe.escape`)."""
    return HTML(str(fragment))


def paragraph(template: str, **values: object) -> HTML:
    """A paragraph: ``template`` is trusted text with ``{name}`` slots; values are escaped."""
    return HTML(str(Markup("<p>") + Markup(escape(template)).format(**values) + Markup("</p>")))


def _missing(value: object) -> bool:
    """None, NaN/NA, or the text a Formatter gives for a missing figure."""
    if value is None or (isinstance(value, str) and value == MISSING):
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):  # a list or an array: not a missing scalar
        return False


def sentence(template: str, **values: object) -> Markup | None:
    """One whole sentence, or None when any of its values is missing.

    ``template`` is trusted text with ``{name}`` slots; values are escaped. A value is missing
    when it is None, NaN/NA, or the Formatter's ``n/a``: the sentence is then left out whole,
    never shown with "n/a" in it. Only the values the template names count: a missing value
    it does not name leaves it whole. Give :func:`prose` the sentences of a paragraph.
    """
    named = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    if any(_missing(v) for k, v in values.items() if k in named):
        return None
    return Markup(escape(template)).format(**values)


def prose(*sentences: Markup | None, otherwise: str | None = None) -> HTML | None:
    """A paragraph of the sentences that are not None (:func:`sentence`), in order.

    Args:
        sentences: Whole sentences; None for one left out.
        otherwise: A whole sentence (trusted text) shown when every sentence is left out.

    Returns:
        The paragraph, or None when there is nothing to say.
    """
    kept = [s for s in sentences if s is not None]
    if not kept:
        return None if otherwise is None else paragraph("{text}", text=otherwise)
    return HTML(str(Markup("<p>") + Markup(" ").join(kept) + Markup("</p>")))


def say(*said: Sentence | None, otherwise: str | None = None) -> HTML | None:
    """A paragraph of the library's whole sentences (``analysis.sentences.Sentence``).

    ``present.say(*statements)`` is :func:`prose` of each one's :func:`sentence`: a sentence
    that is None, or holds a missing figure, is left out.

    Args:
        said: The paragraph's sentences, in order; None for one that does not apply.
        otherwise: A whole sentence (trusted text) shown when every sentence is left out.
    """
    return prose(
        *(None if s is None else sentence(s.template, **s.values) for s in said),
        otherwise=otherwise,
    )


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, Callable[[Any], str]]],
    *,
    caption: str,
    index_label: str,
    left_out: Collection[str] = (),
) -> HTML:
    """An accessible HTML table: caption, ``<th scope>`` headers, values escaped and formatted.

    The report template wraps every table in a scrollable region that the keyboard can reach.
    A column of numbers (:func:`is_number_column`) is marked ``num`` (right-aligned), any other
    ``text`` (left-aligned), header included; each cell carries its header as ``data-label``,
    so that on a phone the stylesheet shows each row as a card of labelled values.

    Args:
        frame: Rows to show; the index becomes the first column (row headers).
        columns: The columns to show, in order: column name -> (header, formatter).
        caption: What the table shows.
        index_label: Header of the index column.
        left_out: Names in ``columns`` not to show (figures whose inputs were not delivered).

    Raises:
        KeyError: if ``left_out`` names a column that ``columns`` does not hold.
    """
    unknown = [name for name in left_out if name not in columns]
    if unknown:
        raise KeyError(f"left_out names {unknown}, which are not among the columns {list(columns)}")
    columns = {name: spec for name, spec in columns.items() if name not in left_out}
    publish_table(frame, columns, caption=caption, index_label=index_label)  # CSV/Excel record
    parts = [
        Markup('<table class="data-table"><caption>{}</caption>').format(caption),
        Markup('<thead><tr><th scope="col">{}</th>').format(index_label),
    ]
    kinds = {name: "num" if is_number_column(frame[name]) else "text" for name in columns}
    parts += [
        Markup('<th scope="col" class="{}">{}</th>').format(kinds[name], header)
        for name, (header, _) in columns.items()
    ]
    parts.append(Markup("</tr></thead><tbody>"))
    for key, row in frame.iterrows():
        parts.append(Markup('<tr><th scope="row">{}</th>').format(key))
        for name, (header, fmt) in columns.items():
            parts.append(
                Markup('<td class="{}" data-label="{}">{}</td>').format(
                    kinds[name], header, cell_text(fmt(row[name]))
                )
            )
        parts.append(Markup("</tr>"))
    parts.append(Markup("</tbody></table>"))
    return HTML(str(Markup("").join(parts)))


def cell_text(text: object) -> object:
    """A table cell as the reader sees it: the Formatter's ``n/a`` in the active language.

    The Formatter writes a missing figure as ``formatting.MISSING`` (``n/a``), which code
    compares; the cell shows its translation (``n/d`` in Portuguese and Spanish).
    """
    return pgettext("missing figure", "n/a") if text == MISSING else text


MARGIN_STATUS = {  # analysis.profitability.MarginAlert.kind -> the gross margin tile's status
    "loss": N_("Sold below cost"),
    "floor": N_("Below the margin floor"),
    "drop": N_("Below its 12-month rate"),
}


def _tile(css: str, label: str | Markup, value: str, *lines: Markup | None) -> Markup:
    """One KPI tile: its status class, label, value, and the lines under it (None left out)."""
    body = Markup("").join(line for line in lines if line is not None)
    return Markup(
        '<div class="kpi {}"><p class="label">{}</p><p class="value">{}</p>{}</div>'
    ).format(css, label, value, body)


def _line(kind: str, text: Markup | str | None) -> Markup | None:
    """A tile's line ``<p class="kind">``; None when its text is None (a missing figure)."""
    return None if text is None else Markup('<p class="{}">{}</p>').format(kind, text)


def _delta(change: float | None, text: Markup | None) -> Markup | None:
    """A change line coloured by its direction (``delta-up``/``-down``/``-flat``), in words."""
    if text is None or change is None or _missing(change):
        return None
    trend = "delta-up" if change > 0 else ("delta-down" if change < 0 else "delta-flat")
    return Markup('<p class="delta {}">{}</p>').format(trend, text)


def _figure(kpis: Mapping[str, object], key: str) -> float | None:
    """``kpis[key]`` as a float; None when it is absent or missing."""
    value = kpis.get(key)
    return None if _missing(value) or isinstance(value, str) else float(value)  # type: ignore[arg-type]


def _revenue_tile(kpis: Mapping[str, object], fmt: Formatter) -> Markup:
    """Revenue, its change on the month before and on a year earlier, side by side."""
    mom, yoy = _figure(kpis, "mom_growth"), _figure(kpis, "yoy_growth")
    return _tile(
        "",
        _("Revenue"),
        fmt.rounded_money(_figure(kpis, "revenue")),
        _delta(mom, sentence(_("{change} month on month"), change=fmt.signed_pct(mom))),
        _delta(yoy, sentence(_("{change} year on year"), change=fmt.signed_pct(yoy))),
    )


def _attainment_tile(kpis: Mapping[str, object], fmt: Formatter) -> Markup:
    """Attainment of the month (its status in words), of the quarter and the year to date."""
    month = _figure(kpis, "attainment")
    if month is None:
        return _tile(
            "status-neutral",
            _("Target attainment"),
            _("No target"),
            _line("note", _("no target was set for the month")),
        )
    status, css = attainment_status(month)
    qtd, ytd = _figure(kpis, "attainment_qtd"), _figure(kpis, "attainment_ytd")
    return _tile(
        css,
        _("Target attainment"),
        fmt.pct(month),
        _line("status", status),  # site.index.attainment_status: in the active language
        _line(
            "note",
            sentence(
                _("Quarter to date {qtd} · year to date {ytd}"), qtd=fmt.pct(qtd), ytd=fmt.pct(ytd)
            )
            or sentence(_("Year to date {ytd}"), ytd=fmt.pct(ytd)),
        ),
        _line("note", sentence(_("Target {target}"), target=fmt.rounded_money(kpis.get("target")))),
    )


def _margin_tile(
    kpis: Mapping[str, object],
    fmt: Formatter,
    not_delivered: Collection[str],
    margin_alert: MarginAlert | None,
) -> Markup | None:
    """The month's gross margin against its trailing 12 months, with the alarm in words."""
    margin, year = _figure(kpis, "gross_margin_pct"), _figure(kpis, "gross_margin_pct_12m")
    if margin is None:
        if "cost" not in not_delivered:
            return None
        return _tile(
            "status-neutral",
            _("Gross margin"),
            _("Not delivered"),
            _line("note", _("needs the cost of each order line: cost not delivered")),
        )
    change = None if year is None else margin - year
    month_pct, year_pct = fmt.distinct_pct(margin, year)
    return _tile(
        "" if margin_alert is None else "status-bad",
        _("Gross margin"),
        month_pct,
        None if margin_alert is None else _line("status", _(MARGIN_STATUS[margin_alert.kind])),
        _delta(change, sentence(_("{change} vs last 12 months"), change=fmt.points(change))),
        _line("note", sentence(_("Last 12 months {year}"), year=year_pct)),
    )


def _coverage_tile(
    kpis: Mapping[str, object], fmt: Formatter, last_month_of_quarter: bool
) -> Markup | None:
    """Pipeline coverage against the coverage the win rate needs (1 ÷ win rate)."""
    coverage, win_rate = _figure(kpis, "pipeline_coverage"), _figure(kpis, "win_rate")
    if coverage is None:
        return None
    css, status, why = "", None, None
    if win_rate:
        needed = 1 / win_rate
        words = {"needed": fmt.number(needed, 1) + "×", "rate": fmt.pct(win_rate, 0)}
        if coverage >= needed:
            css, status = "status-ok", _("Above the {needed} needed").format(**words)
        else:
            css = "status-bad" if coverage < needed / 2 else "status-warn"
            status = _("Short of the {needed} needed").format(**words)
        why = _("needed: 1 ÷ the {rate} win rate").format(**words)
    return _tile(
        css,
        _("Pipeline coverage"),
        fmt.number(coverage, 1) + "×",
        _line("status", status),
        _line("note", why),
        _line(
            "note",
            _("open pipeline ÷ target left, next quarter")
            if last_month_of_quarter
            else _("open pipeline ÷ target left this quarter"),
        ),
    )


LANDING_LABELS = {"quarter": N_("Quarter lands at"), "year": N_("Year lands at")}
"""The label of each landing tile (rows of ``analysis.forecast.landing``)."""


def _distinct_money(fmt: Formatter, **amounts: float | None) -> dict[str, str | None]:
    """``Formatter.distinct_money`` of the amounts that are known, by name; None for the others."""
    known = {name: value for name, value in amounts.items() if value is not None}
    texts = dict(zip(known, fmt.distinct_money(*known.values()), strict=True))
    return {name: texts.get(name) for name in amounts}


def _landing_tile(
    name: str, row: pd.Series, kpis: Mapping[str, object], fmt: Formatter
) -> Markup | None:
    """Where the fiscal quarter or year lands: against target, its 80% range and probability.

    The probability is stated as the forecast section states it
    (``analysis.forecast.landing_statement`` with the backtest WAPE and, for the quarter, the
    pipeline's commit and best-case forecasts).
    """
    from reportlib.analysis.forecast import landing_statement
    from reportlib.analysis.forecast.statements import stated_probability_text

    land, target = _figure(row, "landing"), _figure(row, "target")
    if land is None:
        return None
    pipeline = {k: _figure(kpis, k) for k in ("commit_forecast", "best_case_forecast")}
    said = landing_statement(
        row, _figure(kpis, "forecast_backtest_wape"), pipeline if name == "quarter" else None
    )
    settled = said.wording == "settled"  # fully invoiced: a fact, no range, no probability
    low = None if settled else _figure(row, "landing_lo80")
    high = None if settled else _figure(row, "landing_hi80")
    if target is not None and target <= 0:
        target = None
    # the landing against its target, the range's ends against each other: each pair distinct
    texts = {
        **_distinct_money(fmt, land=land, target=target),
        **_distinct_money(fmt, low=low, high=high),
    }
    if target is None:
        css, status = "status-neutral", _("No target")
    else:
        css = attainment_status(land / target)[1]
        template = _("{gap} above target") if land >= target else _("{gap} short of target")
        status = template.format(gap=fmt.rounded_money(abs(land - target)))
    chance = (
        sentence(
            _("{probability} chance of target"), probability=stated_probability_text(said, fmt)
        )
        if said.wording == "probability"
        else None
    )
    return _tile(
        css,
        _(LANDING_LABELS[name]),
        texts["land"] or "",
        _line("status", status),
        _line("delta delta-flat", chance),
        _line(
            "note",
            sentence(
                _("Target {target} · {level} range {low} to {high}"),
                target=texts["target"],
                level=fmt.pct(0.8, 0),
                low=texts["low"],
                high=texts["high"],
            )
            or sentence(_("Target {target}"), target=texts["target"])
            or sentence(
                _("{level} range {low} to {high}"),
                level=fmt.pct(0.8, 0),
                low=texts["low"],
                high=texts["high"],
            ),
        ),
        _line("note", _("fully invoiced") if settled else None),
        _line(
            "note",
            _("a rough guide: the model's backtest error is high")
            if "backtest_error" in said.caveats
            else None,
        ),
    )


def kpi_tiles(
    kpis: Mapping[str, float | int | None],
    fmt: Formatter,
    not_delivered: Collection[str] = (),
    margin_alert: MarginAlert | None = None,
    landings: pd.DataFrame | None = None,
) -> HTML:
    """The executive summary's tiles: where the month stands and where the quarter and year land.

    Revenue (its change on the month before and on a year earlier, side by side), target
    attainment (the month, the quarter and the year to date), gross margin (against its last 12
    months), pipeline coverage (against the 1 ÷ win rate it needs), and the fiscal quarter's and
    year's landing (against target, 80% range, probability of reaching target). Status in words
    and colour; money rounded (``Formatter.rounded_money``). A figure that cannot be computed
    is left out of its line; a tile whose data were not delivered says so or is left out, never
    shows "n/a".

    Args:
        kpis: The report's headline figures.
        fmt: Formatter of the report.
        not_delivered: Order columns the export does not deliver (:func:`absent`); the gross
            margin tile says when its cost is one of them.
        margin_alert: The alarm the month's gross margin raises (``analysis.highlights.
            month_margin_alert``), shown on its tile in words (:data:`MARGIN_STATUS`) and colour.
        landings: ``ReportContext.landings`` (``analysis.forecast.landing``: rows ``quarter``
            and ``year``); None: no landing tiles.
    """
    last_month = landings is not None and int(landings.loc["quarter", "months_left"]) == 0
    tiles = [
        _revenue_tile(kpis, fmt),
        _attainment_tile(kpis, fmt),
        _margin_tile(kpis, fmt, not_delivered, margin_alert),
        _coverage_tile(kpis, fmt, last_month),
    ]
    if landings is not None:
        tiles += [_landing_tile(n, landings.loc[n], kpis, fmt) for n in ("quarter", "year")]
    items = Markup("").join(t for t in tiles if t is not None)
    return HTML(str(Markup('<div class="kpi-tiles">{}</div>').format(items)))


def publish_kpis(record: Mapping[str, object]) -> None:
    """Hand the report's machine-readable figures to the run (written as ``<id>.kpis.json``).

    The record travels as an output of an invisible mimetype, so the notebook does no I/O.
    """
    display({KPIS_MIMETYPE: dict(record)}, raw=True)


def publish_forecast(record: Mapping[str, object]) -> None:
    """Hand the report's forecast record to the run, which stores it for the next reports.

    The record (``analysis.forecast.forecast_record``) travels as an output of an invisible
    mimetype, like :func:`publish_kpis`.
    """
    display({FORECAST_MIMETYPE: dict(record)}, raw=True)


def yes_no(value: object) -> str:
    """``yes`` or ``no`` for a flag, in the active language; ``n/a`` when it is missing.

    A missing flag (None, NA or NaN) gives the Formatter's ``n/a`` (``formatting.MISSING``),
    which :func:`table` shows in the active language (:func:`cell_text`).
    """
    if value is None or pd.isna(value):
        return MISSING
    return pgettext("flag", "yes") if value else pgettext("flag", "no")


def provisional_banner(quality: DataQuality) -> HTML:
    """A banner listing what validation warned about; nothing when the data is clean."""
    if not quality.provisional:
        return HTML("")
    items = Markup("").join(Markup("<li>{}</li>").format(w) for w in quality.warnings)
    return HTML(
        str(
            Markup(
                '<div class="banner-provisional" role="note"><p><strong>{title}</strong> {why}</p>'
                "<ul>{items}</ul><p>{details}</p></div>"
            ).format(
                title=_("Provisional figures."),
                why=_("Data validation raised warnings, so figures may still change:"),
                items=items,
                # a link inside the sentence: the translation holds the markup, trusted text
                details=Markup(_('Details: <a href="{href}">data validation</a>.')).format(
                    href="validation/index.html"
                ),
            )
        )
    )


def not_delivered_note(quality: DataQuality) -> HTML | None:
    """One sentence per input table whose file lacks optional columns; None when none does.

    "Not delivered in orders.csv: cost, sales channel, sales rep. The figures that need them are
    left out." Columns in contract order, as a reader calls them
    (:func:`reportlib.intake.schema.column_label`). Then one sentence per file with columns
    outside the contract, named as in the file.
    """
    items = [
        ngettext(
            "Not delivered in {file}: {columns}. The figures that need it are left out.",
            "Not delivered in {file}: {columns}. The figures that need them are left out.",
            len(t.not_delivered),
        ).format(file=t.file, columns=", ".join(column_label(c, t.table) for c in t.not_delivered))
        for t in quality.tables
        if t.not_delivered
    ]
    items += [
        _(IGNORED_NOTE).format(file=t.file, columns=", ".join(t.ignored_columns))
        for t in quality.tables
        if t.ignored_columns
    ]
    if not items:
        return None
    return HTML(str(Markup("").join(Markup("<p>{}</p>").format(i) for i in items)))


def need_words(need: str) -> str:
    """What a reader calls a section's need, in the active language.

    ``opportunities`` → ``the opportunities table``; ``orders.rep_id`` → ``the sales rep of each
    order line``; ``tickets.priority`` → ``the priority column of the support tickets table``.
    """
    table, _dot, column = need.partition(".")
    if column and table == "orders":
        return _("the {column} of each order line").format(column=column_label(column))
    words = TABLE_WORDS.get(table)
    table_words = _(words) if words is not None else _("the {table} table").format(table=table)
    if column:
        return _("the {column} column of {table}").format(
            column=column_label(column, table), table=table_words
        )
    return table_words


def left_out_note(quality: DataQuality) -> HTML | None:
    """One sentence naming the sections left out for want of data; None when none was.

    "Left out of this report because their data were not delivered: Team performance (needs the
    reps table or the opportunities table); Campaigns and initiatives (needs the campaigns
    table)."
    """
    if not quality.left_out:
        return None
    items = [
        _(LEFT_OUT_ITEM).format(
            title=_(s.title),  # a section's English heading: a message of its notebook
            needs=format_list([need_words(n) for n in s.needs], "or", locale=_list_locale()),
        )
        for s in quality.left_out
    ]
    note = _(LEFT_OUT_NOTE).format(sections="; ".join(items))
    return HTML(str(Markup("<p>{}</p>").format(note)))


def quality_table(quality: DataQuality, fmt: Formatter) -> HTML:
    """Input rows = accepted + quarantined, for each input table."""
    frame = pd.DataFrame(
        {
            "file": [t.file for t in quality.tables],
            "input_rows": [t.input_rows for t in quality.tables],
            "accepted": [t.accepted for t in quality.tables],
            "quarantined": [t.quarantined for t in quality.tables],
        },
        index=pd.Index([_table_name(t.table) for t in quality.tables], name="table"),
    )
    return table(
        frame,
        {
            "file": (_("File"), str),
            "input_rows": (_("Input rows"), fmt.number),
            "accepted": (_("Accepted"), fmt.number),
            "quarantined": (_("Quarantined"), fmt.number),
        },
        caption=_("Rows read from each input file: input rows = accepted + quarantined"),
        index_label=pgettext("input file", "Table"),
    )


def _table_name(table: str) -> str:
    """An input table's name as a reader calls it (:data:`TABLE_NAMES`); else its own name."""
    name = TABLE_NAMES.get(table)
    return table if name is None else _(name)


def bullets(items: Sequence[str], *, title: str) -> HTML:
    """A titled bullet list (texts escaped); nothing when ``items`` is empty."""
    if not items:
        return HTML("")
    body = Markup("").join(Markup("<li>{}</li>").format(item) for item in items)
    return HTML(str(Markup('<p class="callout-title">{}</p><ul>{}</ul>').format(title, body)))


DETAILS_CLASS = "more"
"""The class of a collapsible block (:func:`details`); the print layout opens it."""


def chart_markup(chart: Chart) -> Markup:
    """A chart as an inline figure (SVG data URI) with its alt text, to sit inside other HTML.

    :func:`show_chart` displays a chart as an output of its own; this is the same picture as
    markup (``charts.svg_data_uri``, the address the page's template writes for a shown chart),
    so that :func:`details` can fold a chart away with the table beside it.
    """
    return Markup('<img src="{}" alt="{}">').format(svg_data_uri(chart.figure), chart.alt)


def details(summary: str, *parts: HTML | Chart | None) -> HTML | None:
    """A collapsible block, closed on screen: ``summary`` (escaped) and the ``parts`` under it.

    Long detail (a chart's table, a full list, a second chart) goes here, so that a section
    reads in one screen and nothing is lost. No JavaScript: an HTML ``<details>`` element.

    Args:
        summary: What the block holds, as a reader would ask for it ("Campaign list (14
            campaigns)"); plain text.
        parts: Tables and paragraphs (HTML, e.g. :func:`table`) and charts, in order; None for
            a part that does not apply.

    Returns:
        The block, or None when every part is None (nothing to fold away).
    """
    kept = [
        chart_markup(p) if isinstance(p, Chart) else Markup(p.data) for p in parts if p is not None
    ]
    if not kept:
        return None
    return HTML(
        str(
            Markup('<details class="{}"><summary>{}</summary><div class="details-body">').format(
                DETAILS_CLASS, summary
            )
            + Markup("").join(kept)
            + Markup("</div></details>")
        )
    )


def takeaway(said: Sentence | None) -> HTML | None:
    """A section's opening sentence (``analysis.takeaways``), as the lead paragraph.

    Shown in ``<p class="takeaway">``; None when there is no sentence or it holds a missing
    figure (:func:`sentence`).
    """
    text = None if said is None else sentence(said.template, **said.values)
    return None if text is None else HTML(str(Markup('<p class="takeaway">{}</p>').format(text)))


_STRIP_LINES = (
    ("attainment", N_("Month: {status}"), N_("Month {attainment} · {status}")),
    ("attainment_ytd", N_("Year to date: {status}"), N_("Year to date {attainment} · {status}")),
)
"""A region tile's lines (:func:`region_strip`): figure, sentence without it, sentence with it."""


def region_strip(standing: pd.DataFrame | None, fmt: Formatter) -> HTML | None:
    """The company report's regions, each with its status for the month and the year to date.

    One small tile a region: its name linking to its report (``<region id>.html`` in the same
    folder, class ``report-link``: a run keeps the link only when the site holds that report,
    ``site.html.notebook_to_html``), then the month's and the year to date's attainment with
    their status in words and colour (``site.index.attainment_status``): "Month 77.4% · Well
    below target"; the tile's colour bar is the year to date's.

    Args:
        standing: ``ReportContext.region_standing`` (``analysis.standing.region_standing``);
            None in a region's report.
        fmt: Formatter of the report.

    Returns:
        The strip, or None for a region's report or a company of no region.
    """
    if standing is None or standing.empty:
        return None
    tiles = []
    for region, row in standing.iterrows():
        lines = []
        for key, without, with_value in _STRIP_LINES:
            value = _figure(row, key)
            status, css = attainment_status(value)
            text = (
                _(without).format(status=status)  # attainment_status: in the active language
                if value is None
                else _(with_value).format(attainment=fmt.pct(value), status=status)
            )
            lines.append(Markup('<p class="note"><span class="{}">{}</span></p>').format(css, text))
        bar = attainment_status(_figure(row, "attainment_ytd"))[1]
        link = Markup('<a class="report-link" href="{}.html">{}</a>').format(region, row["name"])
        tiles.append(
            Markup('<div class="kpi {}"><p class="label">{}</p>{}</div>').format(
                bar, link, Markup("").join(lines)
            )
        )
    return HTML(
        str(Markup('<div class="kpi-tiles region-strip">{}</div>').format(Markup("").join(tiles)))
    )


PRIORITY_WORDS = {1: N_("Act now"), 2: N_("Act this quarter"), 3: N_("Watch")}
"""A recommendation's priority in words (``Recommendation.priority``)."""


def top_recommendations(
    recommendations: Sequence[Recommendation], *, title: str, count: int = 3
) -> HTML:
    """The executive summary's first ``count`` recommendations, one line each (their headline).

    The recommendations section gives them all with their reasons
    (:func:`recommendation_details`); this list only names the action and its stake.
    """
    if not recommendations:
        return paragraph(_("{title}: no rule fired this month."), title=title)
    items = Markup("").join(
        Markup("<li>{}</li>").format(r.headline or r.text) for r in recommendations[:count]
    )
    return HTML(str(Markup('<p class="callout-title">{}</p><ol>{}</ol>').format(title, items)))


def recommendation_details(recommendations: Sequence[Recommendation], fmt: Formatter) -> HTML:
    """Every recommendation: its priority, action, reason with its figures, and money at stake.

    A numbered list in the order given (``analysis.recommendations.ranked``: the most money at
    stake first); the money at stake is left out of an item when no figure measures it.
    """
    if not recommendations:
        return paragraph(_("No rule fired this month."))
    items = []
    for r in recommendations:
        stake = (
            Markup("")
            if r.at_stake is None
            else Markup(' <span class="muted">{}</span>').format(
                _("At stake: {amount}.").format(amount=fmt.rounded_money(r.at_stake))
            )
        )
        headline = (
            Markup("") if not r.headline else Markup("<strong>{}.</strong> ").format(r.headline)
        )
        items.append(
            Markup('<li><span class="badge">{}</span> {}{}{}</li>').format(
                _(PRIORITY_WORDS[r.priority]), headline, r.text, stake
            )
        )
    return HTML(str(Markup('<ol class="recommendations">{}</ol>').format(Markup("").join(items))))


_NUMBER_KINDS = frozenset({"integer", "floating", "mixed-integer-float", "decimal", "empty"})


def is_number_column(values: pd.Series) -> bool:
    """True when a column holds numbers (missing values aside): its cells are right-aligned.

    Booleans, dates, periods and text are not numbers; a column of numbers that pandas keeps
    as ``object`` (e.g. integers with a None) is. A column with no value at all counts as
    numbers, as its ``n/a`` cells stand for missing figures.
    """
    if pd.api.types.is_bool_dtype(values.dtype):
        return False
    if pd.api.types.is_numeric_dtype(values.dtype):
        return True
    return pd.api.types.infer_dtype(values, skipna=True) in _NUMBER_KINDS
