"""reportlib: a Chief Sales Officer's monthly sales reports, validated and published as HTML."""

from reportlib.config import load_params
from reportlib.errors import ReportlibError
from reportlib.report import open_report

__version__ = "0.1.0"
__all__ = ["ReportlibError", "__version__", "load_params", "open_report"]
