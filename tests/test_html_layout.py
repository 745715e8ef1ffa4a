"""The page around a report's content: navigation, contents, and its print rules."""

from __future__ import annotations

import re

import nbformat
import pytest

from reportlib.site.html import css_content, css_string, notebook_to_html, print_css
from reportlib.site.navigation import Link, Navigation


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Executive summary\n\nText."),
        nbformat.v4.new_markdown_cell("## Targets and revenue\n\nMore text."),
    ]
    return nb


NAV = Navigation(
    previous=Link("../2026-09/all.html", "September 2026"),
    regions=(
        Link("emea.html", "Europe, Middle East & Africa"),
        Link("latam.html", "Latin America"),
    ),
)


def _page(**kwargs) -> str:
    return notebook_to_html(
        _notebook(), title="Halvorsen Instruments: sales report", subtitle="October 2026", **kwargs
    )


def _header(page: str) -> str:
    return page[page.index("<header") : page.index("</header>")]


def test_the_header_links_the_index_the_month_before_and_the_regions():
    header = _header(_page(navigation=NAV))
    assert '<nav aria-label="Reports" class="report-nav">' in header
    assert '<a href="../index.html">All reports</a>' in header
    assert '<a href="../2026-09/all.html" rel="prev">Previous month: September 2026</a>' in header
    assert re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', header)[1:] == [
        ("emea.html", "Europe, Middle East &amp; Africa"),
        ("latam.html", "Latin America"),
    ]


def test_no_previous_month_nor_regions_when_there_are_none():
    page = _page(navigation=Navigation())
    assert '<a href="../index.html">All reports</a>' in page
    assert 'rel="prev"' not in page
    assert 'class="report-nav-regions"' not in page


def test_no_navigation_outside_a_site():
    assert 'class="report-nav"' not in _page()


def test_navigation_texts_follow_the_page_language():
    page = notebook_to_html(_notebook(), title="T", lang="pt_BR", navigation=NAV)
    assert ">Todos os relatórios</a>" in page
    assert ">Mês anterior: September 2026</a>" in page
    assert '@bottom-right { content: "Página " counter(page) " de " counter(pages); }' in page


def test_the_confidentiality_line_is_in_the_footer_and_on_every_printed_page():
    page = _page(confidentiality="Confidential — for internal use")
    assert '<p class="confidentiality">Confidential — for internal use</p>' in page
    assert page.index('<p class="confidentiality">') > page.index("</main>")
    assert '@bottom-left { content: "Confidential \\002014\\000020for internal use"; }' in page


def test_no_confidentiality_line_when_none_is_set():
    page = _page()
    assert '<p class="confidentiality">' not in page
    assert "@bottom-left" not in _print_rules(page)
    assert "<footer" not in page


def test_running_header_names_report_and_month_from_the_second_page():
    css = print_css("Latin America: sales report · October 2026", "", "Page {page} of {pages}")
    assert css == (
        "@page {\n"
        '  @top-left { content: "Latin America: sales report \\0000B7\\000020October 2026"; }\n'
        '  @bottom-right { content: "Page " counter(page) " of " counter(pages); }\n'
        "}\n"
        "@page :first {\n  @top-left { content: none; }\n}\n"
    )


def test_page_number_sentence_becomes_counters():
    assert css_content("Page {page} of {pages}") == '"Page " counter(page) " of " counter(pages)'
    assert css_content("{page}/{pages}") == 'counter(page) "\\00002F" counter(pages)'
    assert css_content("Seite {page}") == '"Seite " counter(page)'


@pytest.mark.parametrize(
    ("text", "css"),
    [
        ("Acme & Sons", '"Acme \\000026\\000020Sons"'),
        ('say "hi"\\', '"say \\000022hi\\000022\\00005C"'),
        ("</style><script>", '"\\00003C\\00002Fstyle\\00003E\\00003Cscript\\00003E"'),
        ("São Paulo: 5%", '"São Paulo: 5%"'),
    ],
)
def test_css_strings_cannot_break_out(text, css):
    assert css_string(text) == css


def _print_rules(page: str) -> str:
    """The second style element: the page's own print rules."""
    return page.split("<style>", 1)[1].split("</style>", 1)[0]


def test_a_title_or_setting_that_looks_like_css_stays_text():
    page = notebook_to_html(
        _notebook(),
        title='X"; } @import url(//evil.example/x.css); </style><script>alert(1)</script>',
        confidentiality='"; } body { display: none } @page { content: "',
    )
    rules = _print_rules(page)
    assert "<" not in rules
    # with its strings emptied, the print rules are the four margin boxes and nothing more
    assert re.sub(r'"[^"]*"', '""', rules).strip() == (
        "@page {\n"
        '  @top-left { content: ""; }\n'
        '  @bottom-left { content: ""; }\n'
        '  @bottom-right { content: "" counter(page) "" counter(pages); }\n'
        "}\n"
        "@page :first {\n  @top-left { content: none; }\n}"
    )
    assert "<script>" not in page


def test_the_contents_come_first_in_main_beside_the_report_body():
    page = _page(navigation=NAV)
    main = page[page.index("<main") :]
    assert main.index('<nav class="toc"') < main.index('<div class="report-body">')
    assert main.index('<div class="report-body">') < main.index('<h2 id="Executive-summary">')


def _strip_notebook() -> nbformat.NotebookNode:
    nb = _notebook()
    strip = (
        '<div class="kpi-tiles region-strip">'
        '<a class="report-link" href="emea.html">EMEA</a>'
        '<a class="report-link" href="apac.html">Asia &amp; Pacific</a></div>'
    )
    nb.cells.append(
        nbformat.v4.new_code_cell(
            outputs=[nbformat.v4.new_output("display_data", data={"text/html": strip})]
        )
    )
    return nb


def test_a_region_whose_report_the_site_will_not_hold_is_named_without_a_link():
    # a run of the company report alone: NAV holds emea and latam, not apac
    page = notebook_to_html(_strip_notebook(), title="T", navigation=NAV)
    assert '<a class="report-link" href="emea.html">EMEA</a>' in page
    assert 'href="apac.html"' not in page
    assert '<span class="report-link">Asia &amp; Pacific</span>' in page
    # outside a site (JupyterLab, a page rendered alone) every link stays
    alone = notebook_to_html(_strip_notebook(), title="T")
    assert 'href="apac.html"' in alone
