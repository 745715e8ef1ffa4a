"""A report's links to the rest of the site: the index, last month's report, the regions'.

Plain data, light to import: the run works them out (``reportlib.run.cut.navigation``) in the
process that starts the workers, and the page template writes them (``reportlib.site.html``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Link", "Navigation"]


@dataclass(frozen=True)
class Link:
    """A link of the page: ``href`` relative to the page, ``text`` as the reader sees it."""

    href: str
    text: str


@dataclass(frozen=True)
class Navigation:
    """Where a report links to in the site, each ``href`` relative to the report's page.

    Attributes:
        index: The site's index (``../index.html`` from ``site/<period>/<report>.html``).
        previous: The same report of the month before, when it is published; ``text`` is the
            month's name (the page says "Previous month: {month}").
        regions: From the company report, each region's report of the month (``<id>.html``),
            ``text`` its name; empty in a region's report.
    """

    index: str = "../index.html"
    previous: Link | None = None
    regions: tuple[Link, ...] = ()
