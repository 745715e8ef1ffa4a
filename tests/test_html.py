"""The stakeholder HTML of an executed notebook (reportlib.site.html)."""

from __future__ import annotations

import copy
from html.parser import HTMLParser

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportlib.errors import RenderError
from reportlib.site.html import notebook_to_html

# A 1x1 transparent PNG, base64 as Jupyter stores it (with a line break, as nbformat may).
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=\n"
)
PNG_IN_PAGE = PNG.strip()


class _Collector(HTMLParser):
    """Every (tag, attribute, value) of a page, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_title = tag == "title"
        self.attrs.extend((tag, name, value or "") for name, value in attrs)

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def report_notebook() -> nbformat.NotebookNode:
    """An executed report as papermill leaves it, with everything stakeholders must not see."""
    return new_notebook(
        cells=[
            new_code_cell(
                "region = 'na'\nsecret_threshold = 0.4242",
                metadata={"tags": ["parameters"]},
                outputs=[
                    new_output("stream", name="stdout", text="PARAM-OUTPUT-NA\n"),
                    new_output("display_data", data={"text/markdown": "PARAM-DISPLAY-NA"}),
                ],
                execution_count=1,
            ),
            new_code_cell(
                "# Parameters\nregion = 'latam'\nsecret_threshold = 0.9191",
                metadata={"tags": ["injected-parameters"]},
                outputs=[new_output("display_data", data={"text/html": "<p>PARAM-HTML-LATAM</p>"})],
                execution_count=2,
            ),
            new_markdown_cell("## Revenue by region\n\nOctober closed *below* target."),
            new_code_cell(
                "import warnings\nwarnings.warn('old pandas')\ntable_of_top_accounts(df)",
                outputs=[
                    new_output(
                        "stream", name="stderr", text="FutureWarning: DataFrame.applymap is gone\n"
                    ),
                    new_output(
                        "execute_result",
                        data={
                            "text/html": (
                                "<table><thead><tr><th>Account</th></tr></thead>"
                                "<tbody><tr><td>&lt;script&gt;alert(1)&lt;/script&gt; Ltd"
                                "</td></tr></tbody></table>"
                            ),
                            "text/plain": "PLAIN-REPR-OF-TABLE",
                        },
                        execution_count=3,
                    ),
                ],
                execution_count=3,
            ),
            new_code_cell(
                "plot_revenue(df)",
                outputs=[
                    new_output(
                        "display_data",
                        data={"image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>"},
                        metadata={
                            "image/png": {
                                "alt": "Bar chart: revenue by month, rising to 4.8 million",
                                "caption": "Source: invoiced orders",
                                "width": 320,
                            }
                        },
                    ),
                    new_output(
                        "display_data",
                        data={"application/vnd.reportlib.analysis.kpis+json": {"revenue": 1.0}},
                    ),
                    new_output(
                        "display_data",
                        data={
                            "application/vnd.reportlib.analysis.kpis+json": {"revenue": 2.0},
                            "text/plain": "KPI-PLAIN-FALLBACK",
                        },
                    ),
                    new_output("display_data", data={"text/plain": "STRAY-PLAIN-OUTPUT"}),
                    new_output(
                        "error",
                        ename="ZeroDivisionError",
                        evalue="division by zero",
                        traceback=["TRACEBACK-LINE"],
                    ),
                ],
                execution_count=4,
            ),
            new_code_cell(
                "debug_dump()",
                metadata={"tags": ["remove-cell"]},
                outputs=[new_output("display_data", data={"text/html": "<p>REMOVED-CELL</p>"})],
                execution_count=5,
            ),
            new_code_cell(
                "display(Markdown(...))",
                outputs=[new_output("display_data", data={"text/markdown": "**Margin** held."})],
                execution_count=6,
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


@pytest.fixture(scope="module")
def page() -> str:
    return notebook_to_html(
        report_notebook(),
        title="Latin America · Sales report",
        subtitle="October 2026",
        lang="pt_BR",
        footer_html="<p>Prepared by Sales Operations</p>",
    )


def test_no_code_parameters_or_prompts(page):
    for text in [
        "table_of_top_accounts",
        "plot_revenue",
        "warnings.warn",
        "secret_threshold",
        "0.4242",
        "0.9191",
        "PARAM-OUTPUT-NA",
        "PARAM-DISPLAY-NA",
        "PARAM-HTML-LATAM",
        "In&nbsp;[",
        "Out[",
    ]:
        assert text not in page, text


def test_no_streams_errors_plain_text_or_machine_outputs(page):
    for text in [
        "FutureWarning",
        "applymap",
        "TRACEBACK-LINE",
        "ZeroDivisionError",
        "PLAIN-REPR-OF-TABLE",
        "STRAY-PLAIN-OUTPUT",
        "KPI-PLAIN-FALLBACK",
        "REMOVED-CELL",
        "debug_dump",
    ]:
        assert text not in page, text


def test_markdown_heading_table_and_markdown_output(page):
    assert '<h2 id="Revenue-by-region">Revenue by region<a class="anchor-link"' in page
    assert "<em>below</em>" in page
    assert "<strong>Margin</strong> held." in page
    # the table is there, inside the sideways-scrolling wrapper, with its escaping intact
    assert 'class="output output-html table-scroll"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ltd" in page
    assert "<script" not in page


def test_image_embedded_with_alt_and_caption(page):
    imgs = [(name, value) for tag, name, value in parse(page).attrs if tag == "img"]
    assert ("src", "data:image/png;base64," + PNG_IN_PAGE) in imgs
    assert ("alt", "Bar chart: revenue by month, rising to 4.8 million") in imgs
    assert ("width", "320") in imgs
    assert "<figcaption>Source: invoiced orders</figcaption>" in page


def test_document_structure(page):
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert ("html", "lang", "pt-BR") in parsed.attrs
    assert parsed.title == "Latin America · Sales report · October 2026"
    assert '<h1 class="page-title">Latin America · Sales report</h1>' in page
    assert '<p class="page-subtitle">October 2026</p>' in page
    assert ("a", "href", "#content") in parsed.attrs  # skip link, in the page's language
    assert "Ir para o conteúdo" in page
    assert ("main", "id", "content") in parsed.attrs
    assert parsed.tags.count("main") == 1
    assert "<p>Prepared by Sales Operations</p>" in page
    assert parsed.tags.count("style") == 2  # the stylesheet, inlined, and the print rules


def test_nothing_loaded_from_anywhere(page):
    parsed = parse(page)
    assert "link" not in parsed.tags
    assert "script" not in parsed.tags
    for tag, name, value in parsed.attrs:
        if name in {"src", "href"}:
            assert "http" not in value.lower(), (tag, name, value)
            assert not value.startswith("//"), (tag, name, value)
    assert "@import" not in page
    assert "mathjax" not in page.lower()
    assert "require.js" not in page


def test_input_notebook_unchanged():
    nb = report_notebook()
    before = copy.deepcopy(nb)
    notebook_to_html(nb, title="North America")
    assert nb == before


def test_alt_falls_back_to_text_plain_then_to_a_generic_text():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "chart()",
                outputs=[
                    new_output(
                        "display_data",
                        data={"image/png": PNG, "text/plain": "Orders by week, 2026"},
                    ),
                    new_output(
                        "display_data",
                        data={"image/png": PNG, "text/plain": "<Figure size 640x480 with 1 Axes>"},
                    ),
                    new_output("display_data", data={"image/png": PNG}),
                ],
            )
        ]
    )
    alts = [
        value for tag, name, value in parse(notebook_to_html(nb, title="T")).attrs if name == "alt"
    ]
    assert alts == [
        "Orders by week, 2026",
        "Chart (no description provided)",
        "Chart (no description provided)",
    ]


def test_english_defaults_and_no_footer_when_none_given():
    page = notebook_to_html(new_notebook(cells=[new_markdown_cell("Hello")]), title="Only <title>")
    parsed = parse(page)
    assert ("html", "lang", "en") in parsed.attrs
    assert parsed.title == "Only <title>"
    assert "Only &lt;title&gt;" in page
    assert "Skip to content" in page
    assert "footer" not in parsed.tags


@pytest.mark.parametrize(
    "output",
    [
        new_output("display_data", data={"text/html": '<img src="https://cdn.example.com/x.png">'}),
        new_output("display_data", data={"text/html": "<script>fetch('/x')</script><p>chart</p>"}),
        new_output(
            "display_data",
            data={"text/html": '<link rel="stylesheet" href="//fonts.example.com/a.css">'},
        ),
        new_output(
            "display_data",
            data={"text/html": "<style>@import url(https://fonts.example.com/f.css);</style>"},
        ),
    ],
    ids=["remote-image", "script", "scheme-relative-stylesheet", "css-import"],
)
def test_pages_that_would_load_or_run_something_are_refused(output):
    nb = new_notebook(cells=[new_code_cell("x", outputs=[output])])
    with pytest.raises(RenderError, match="would load or run something"):
        notebook_to_html(nb, title="T")


def test_remote_image_in_markdown_is_refused():
    nb = new_notebook(cells=[new_markdown_cell("![logo](http://intranet.example.com/logo.png)")])
    with pytest.raises(RenderError, match="img src="):
        notebook_to_html(nb, title="T")


def test_external_hyperlinks_are_allowed():
    nb = new_notebook(cells=[new_markdown_cell("See [the handbook](https://example.com/h).")])
    assert 'href="https://example.com/h"' in notebook_to_html(nb, title="T")


def test_bad_language_tag():
    with pytest.raises(RenderError, match="language tag"):
        notebook_to_html(new_notebook(), title="T", lang='en" onload="x')


def test_nbconvert_failure_becomes_render_error():
    nb = new_notebook(cells=[new_markdown_cell("![x](attachment:missing.png)")])
    with pytest.raises(RenderError, match="could not convert"):
        notebook_to_html(nb, title="T")


def test_sections_get_a_table_of_contents():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Executive summary\n\nText."),
        nbformat.v4.new_markdown_cell("## Channels, verticals and products"),
    ]
    page = notebook_to_html(nb, title="T")
    assert '<nav class="toc" aria-label="Contents">' in page
    assert '<li><a href="#Executive-summary">Executive summary</a></li>' in page
    assert (
        '<li><a href="#Channels,-verticals-and-products">Channels, verticals and products</a></li>'
        in page
    )
    assert page.index('<nav class="toc"') < page.index('<h2 id="Executive-summary">')


def test_forecast_record_never_shows():
    record = {"region": "latam", "made_in": "FORECAST-MADE-IN", "rows": []}
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        new_code_cell(
            "present.publish_forecast(record)",
            outputs=[
                new_output(
                    "display_data", data={"application/vnd.reportlib.forecast+json": record}
                ),
                new_output(
                    "display_data",
                    data={
                        "application/vnd.reportlib.forecast+json": record,
                        "text/plain": "FORECAST-PLAIN-FALLBACK",
                        "text/html": "<p>FORECAST-HTML-FALLBACK</p>",
                    },
                ),
                new_output("display_data", data={"text/html": "<p>SHOWN-BESIDE-IT</p>"}),
            ],
            execution_count=1,
        )
    ]
    page = notebook_to_html(nb, title="T")
    assert "SHOWN-BESIDE-IT" in page
    for text in ["FORECAST-MADE-IN", "FORECAST-PLAIN-FALLBACK", "FORECAST-HTML-FALLBACK", "latam"]:
        assert text not in page, text
