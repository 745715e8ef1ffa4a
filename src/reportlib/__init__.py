"""reportlib: a Chief Sales Officer's monthly sales reports, validated and published as HTML."""

import sys

# jsonschema (imported by nbformat, papermill and Great Expectations) imports rfc3987-syntax when
# it is installed (JupyterLab's event schemas install it), and rfc3987-syntax builds a Lark
# grammar on import: over 2 s of CPU in every process of a run. reportlib validates no IRI
# format, so jsonschema is told the package is absent (it then skips that one format check).
# Set before any import below; a process that imported it already keeps it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from reportlib.config import load_params  # noqa: E402
from reportlib.errors import ReportlibError  # noqa: E402
from reportlib.report import open_report  # noqa: E402

__version__ = "0.1.0"
__all__ = ["ReportlibError", "__version__", "load_params", "open_report"]
