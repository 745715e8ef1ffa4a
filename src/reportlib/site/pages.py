"""Rendering reportlib's own HTML pages (site index, validation page) from Jinja templates."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2

from reportlib import i18n
from reportlib.errors import RenderError

TEMPLATES_DIR = Path(__file__).parent / "templates"
"""reportlib's templates: the nbconvert report template and the page templates."""

STYLESHEET = TEMPLATES_DIR / "report" / "static" / "reportlib.css"
"""The one stylesheet of the reports and the site, inlined into each page."""


def render(template: str, **context: Any) -> str:
    """Render ``template`` with autoescaping on: every value from data shows as text.

    The template's words are messages of reportlib's catalogs (Jinja's i18n extension:
    ``{% trans %}`` and ``_()``), written in the language ``reportlib.i18n`` has active.

    Raises:
        RenderError: if the template fails.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext)  # type: ignore[attr-defined]
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateError as exc:
        raise RenderError(f"could not render {template}: {exc}") from exc


def write_page(target: Path, text: str) -> Path:
    """Replace ``target`` in one step, so that a server never sends half a page.

    Raises:
        RenderError: if the file cannot be written.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RenderError(
            f"could not write {target}: {exc.strerror or exc}",
            hint="check that the output folder is writable",
        ) from None
    return target
