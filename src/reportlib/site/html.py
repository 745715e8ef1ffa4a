"""An executed report notebook as one self-contained HTML page for stakeholders.

The page is produced by nbconvert's :class:`~nbconvert.HTMLExporter` with reportlib's own
template, ``templates/report/`` (read its header for exactly what is shown and what is not).
In short: rendered markdown, HTML tables, Markdown and images; never code, prompts, streams,
errors, parameter cells or machine-readable outputs. The page loads nothing from anywhere:
CSS is inlined, images are data URIs and there is no JavaScript; :func:`notebook_to_html`
checks this on every page it returns.

Around the notebook's content the page carries its :class:`Navigation` (the site index, the
same report of the month before, the company report's regions), a table of contents of its
sections, and its print layout (:func:`print_css`): a running header with the title and the
month, page numbers and the confidentiality line on every A4 page.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from html.parser import HTMLParser

import nbformat
from nbconvert import HTMLExporter

from reportlib import i18n
from reportlib.errors import RenderError
from reportlib.i18n import _
from reportlib.site.navigation import Navigation
from reportlib.site.pages import TEMPLATES_DIR

log = logging.getLogger(__name__)


TEMPLATE_NAME = "report"
"""The nbconvert template under :data:`TEMPLATES_DIR`."""

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def _labels() -> dict[str, str]:
    """Texts html.py fills in for the template, in the active language (``reportlib.i18n``).

    Each text with {placeholders} is one whole sentence; the template's own words are in the
    template (Jinja's i18n extension).
    """
    return {
        "previous_link": _("Previous month: {month}"),
        "page_number": _("Page {page} of {pages}"),
        "index_link": _("All reports"),
        "contents_label": _("Contents"),
    }


# Elements whose URL attributes make the browser fetch something, and those attributes.
_FETCHING_TAGS = frozenset(
    {"script", "link", "img", "iframe", "frame", "source", "track", "video", "audio", "embed"}
    | {"object", "input", "image", "use"}
)
_URL_ATTRS = frozenset({"src", "href", "srcset", "data", "poster", "xlink:href"})
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*:")
_CSS_REMOTE_RE = re.compile(r"url\(\s*['\"]?\s*(?:https?:)?//|@import", re.IGNORECASE)


@functools.cache
def _exporter() -> HTMLExporter:
    """The exporter with reportlib's template, one per process.

    nbconvert's own app likewise keeps one exporter for every notebook it converts: the
    templates are compiled once.
    """
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=False,
    )
    # the template's words: {{ _("Contents") }}, looked up in the language active when it renders
    exporter.environment.add_extension("jinja2.ext.i18n")
    exporter.environment.install_gettext_callables(i18n.gettext, i18n.ngettext)  # type: ignore[attr-defined]
    return exporter


def notebook_to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    subtitle: str = "",
    lang: str = "en",
    footer_html: str = "",
    navigation: Navigation | None = None,
    confidentiality: str = "",
) -> str:
    """Render an executed notebook as a static, self-contained HTML page for stakeholders.

    Args:
        nb: The executed notebook (nbformat v4). It is not modified.
        title: Page title, shown as the heading of the page and in ``<title>``.
        subtitle: Line under the title, e.g. the month; also appended to ``<title>``.
        lang: Language of the page as a BCP 47 tag or a Babel locale (``pt-BR`` or ``pt_BR``):
            ``<html lang>``, and the template's own words when a catalog ships the language
            (English otherwise).
        footer_html: Trusted HTML for the page footer (escape any data you put in it); no
            footer when empty.
        navigation: The page's links to the rest of the site, in its header; none when None
            (a page outside a site).
        confidentiality: Plain text printed at the foot of every page and shown in the footer
            (``params/``: ``print.confidentiality``); none when empty.

    Returns:
        The complete HTML document.

    Raises:
        RenderError: if ``lang`` is not a language tag, if nbconvert fails, or if the page
            would load anything (script, stylesheet, image, font) over the network or run
            JavaScript.
    """
    lang_tag = _language_tag(lang)
    shipped = {t.casefold(): t for t in i18n.available()}
    with i18n.use(shipped.get(lang_tag.casefold(), i18n.SOURCE_LANGUAGE)):
        labels = _labels()
        page = _convert(
            nb,
            title,
            _resources(title, subtitle, lang_tag, footer_html, navigation, confidentiality, labels),
        )
    page = _with_contents(page, labels.get("contents_label", "Contents"))
    if navigation is not None:
        page = _unlink_missing_reports(page, {link.href for link in navigation.regions})
    problems = _remote_references(page)
    if problems:
        more = len(problems) - 5
        shown = "; ".join(problems[:5]) + (f"; and {more} more" if more > 0 else "")
        raise RenderError(
            f"the HTML of {title!r} would load or run something: {shown}",
            hint="reports must be static and offline: embed charts as PNG (matplotlib/seaborn), "
            "no JavaScript outputs, no images or stylesheets from URLs",
        )
    log.debug("rendered %r: %d characters", title, len(page))
    return page


def _resources(
    title: str,
    subtitle: str,
    lang_tag: str,
    footer_html: str,
    navigation: Navigation | None,
    confidentiality: str,
    labels: dict[str, str],
) -> dict[str, object]:
    """What the template reads under ``resources.reportlib``."""
    return {
        "reportlib": {
            "title": title,
            "subtitle": subtitle,
            "lang": lang_tag,
            "footer_html": footer_html,
            "confidentiality": confidentiality,
            "navigation": _navigation_resource(navigation, labels),
            "print_css": print_css(
                " · ".join(t for t in (title, subtitle) if t),
                confidentiality,
                labels["page_number"],
            ),
            **labels,
        }
    }


def _convert(nb: nbformat.NotebookNode, title: str, resources: dict[str, object]) -> str:
    """The notebook through nbconvert and reportlib's template (the notebook is not modified).

    Raises:
        RenderError: if nbconvert fails.
    """
    try:
        page, _resources_out = _exporter().from_notebook_node(
            copy.deepcopy(nb), resources=resources
        )
    except Exception as exc:  # nbconvert raises Jinja, nbformat, traitlets and plain errors
        raise RenderError(
            f"could not convert the notebook {title!r} to HTML: {type(exc).__name__}: {exc}",
            hint="run the notebook in Jupyter to check it; see the traceback above the error",
        ) from exc
    return page


def _navigation_resource(
    navigation: Navigation | None, labels: dict[str, str]
) -> dict[str, object] | None:
    """The navigation as the template reads it: links with their texts in the page's language."""
    if navigation is None:
        return None
    previous = navigation.previous
    return {
        "index": {"href": navigation.index, "text": labels["index_link"]},
        "previous": None
        if previous is None
        else {"href": previous.href, "text": labels["previous_link"].format(month=previous.text)},
        "regions": [{"href": link.href, "text": link.text} for link in navigation.regions],
    }


_PLACEHOLDER_RE = re.compile(r"\{(page|pages)\}")


def css_string(text: str) -> str:
    r"""``text`` as a quoted CSS string that nothing in it can break out of.

    Letters, digits, spaces and plain punctuation (``.,:;!?'()-_%+``) stay as they are; every
    other character is written as a six-digit CSS escape (``\002014`` for an em dash,
    ``\00003C`` for ``<``), and so is a space right after an escape (which CSS would take as
    the escape's end), so that no quote, backslash, ``</style>``, ``@import`` or URL of a title
    or a setting reaches the stylesheet as such.
    """
    out: list[str] = []
    for ch in text:
        kept = ch.isalnum() or ch in _CSS_PLAIN or (ch == " " and not _escaped(out))
        out.append(ch if kept else f"\\{ord(ch):06X}")
    return '"' + "".join(out) + '"'


_CSS_PLAIN = frozenset(".,:;!?'()-_%+")


def _escaped(out: list[str]) -> bool:
    """True when the last piece written is an escape."""
    return bool(out) and out[-1].startswith("\\")


def css_content(template: str) -> str:
    """A sentence with ``{page}`` and ``{pages}`` as a CSS ``content`` value with counters.

    ``"Page {page} of {pages}"`` becomes ``"Page " counter(page) " of " counter(pages)``: the
    sentence stays whole for translation, the counters are filled in by the printer.
    """
    parts = []
    for i, piece in enumerate(_PLACEHOLDER_RE.split(template)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or '""'


def print_css(running_header: str, confidentiality: str, page_number: str) -> str:
    """The page's own print rules: the A4 pages' margin boxes, with the page's texts.

    Top left of every page but the first (whose header band names the report): the running
    header, e.g. ``"Latin America: sales report · October 2026"``; bottom left: the
    confidentiality line, when there is one; bottom right: the page number, from the sentence
    ``page_number`` (``"Page {page} of {pages}"``). Chromium draws CSS margin boxes when it
    prints (version 131 and later); the page size and margins are in ``reportlib.css``.
    """
    boxes = [f"@top-left {{ content: {css_string(running_header)}; }}"]
    if confidentiality:
        boxes.append(f"@bottom-left {{ content: {css_string(confidentiality)}; }}")
    boxes.append(f"@bottom-right {{ content: {css_content(page_number)}; }}")
    rules = "\n  ".join(boxes)
    return f"@page {{\n  {rules}\n}}\n@page :first {{\n  @top-left {{ content: none; }}\n}}\n"


_H2_RE = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"', re.DOTALL)
_MAIN_RE = re.compile(r"(<main\b[^>]*>)")


def _with_contents(page: str, label: str) -> str:
    """Insert a table of contents linking every section (``h2``) after the start of ``<main>``.

    nbconvert gives each heading an ``id`` and an anchor link; the headings come from the
    notebook's own markdown, so their text is already HTML. The list is a ``<details>`` element:
    folded to one line on a phone, so that the summary comes first; the stylesheet shows it
    open beside the report on a wide screen and on paper.
    """
    sections = _H2_RE.findall(page)
    if len(sections) < 2:
        return page
    items = "".join(f'<li><a href="#{anchor}">{text.strip()}</a></li>' for anchor, text in sections)
    nav = (
        f'<nav class="toc" aria-label="{label}"><details><summary class="toc-title">{label}'
        f"</summary><ol>{items}</ol></details></nav>"
    )
    return _MAIN_RE.sub(lambda m: m.group(1) + nav, page, count=1)


_REPORT_LINK_RE = re.compile(r'<a class="report-link" href="([^"/]+\.html)">(.*?)</a>', re.DOTALL)


def _unlink_missing_reports(page: str, held: set[str]) -> str:
    """Links to other reports of the month as plain text where the site will not hold them.

    The company report's region strip (``present.region_strip``) links every region; a run of
    the company report alone publishes no page for some: never a dead link.

    Args:
        page: The page; the links are ``<a class="report-link" href="<id>.html">``.
        held: The ``href`` of every report of the month the site holds after the run
            (``Navigation.regions``).
    """
    return _REPORT_LINK_RE.sub(
        lambda m: (
            m.group(0) if m.group(1) in held else f'<span class="report-link">{m.group(2)}</span>'
        ),
        page,
    )


def _language_tag(lang: str) -> str:
    """``pt_BR`` or ``pt-BR`` as the BCP 47 tag ``pt-BR``."""
    if not _LANG_RE.match(lang):
        raise RenderError(
            f"lang must be a language tag such as 'en' or 'pt-BR', not {lang!r}",
            hint="pass the region's locale, e.g. region.locale",
        )
    return lang.replace("_", "-")


class _FetchFinder(HTMLParser):
    """Collects what in an HTML page would make a browser fetch or run something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.problems.append("a <script> element")
        if tag == "style":
            self._in_style = True
        for name, value in attrs:
            if not value:
                continue
            if tag in _FETCHING_TAGS and name in _URL_ATTRS and _fetches(name, value):
                self.problems.append(f"<{tag} {name}={value[:80]!r}>")
            elif name == "style" and _CSS_REMOTE_RE.search(value):
                self.problems.append(f"a style attribute loading {value[:80]!r}")
            elif name.startswith("on"):
                self.problems.append(f"an event handler <{tag} {name}=...>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            match = _CSS_REMOTE_RE.search(data)
            if match:
                start = max(match.start() - 20, 0)
                self.problems.append(f"CSS loading from elsewhere: {data[start : start + 80]!r}")


def _fetches(attr: str, value: str) -> bool:
    """True when a URL attribute points anywhere but into the page itself (a data URI)."""
    candidates = value.split(",") if attr == "srcset" else [value]
    for candidate in candidates:
        words = candidate.strip().lower().split()
        url = words[0] if words else ""
        if url.startswith("//") or (_SCHEME_RE.match(url) and not url.startswith("data:")):
            return True
    return False


def _remote_references(page: str) -> list[str]:
    """What in ``page`` would load from the network or run JavaScript; empty when static."""
    finder = _FetchFinder()
    finder.feed(page)
    finder.close()
    return finder.problems
