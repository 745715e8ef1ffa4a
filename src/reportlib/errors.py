"""The one exception hierarchy of reportlib.

Every error a user can cause (bad parameters, bad data, a failed validation, a report that
does not render) is a :class:`ReportlibError`. The CLI prints its message and exits with its
``exit_code``; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class ReportlibError(Exception):
    """Root of every error reportlib raises on purpose.

    Args:
        message: What failed, what was expected and what was received.
        hint: What the user can do about it.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\nhint: {self.hint}"
        return self.message


class ConfigError(ReportlibError):
    """A parameter file under ``params/`` or a command-line value is wrong."""

    exit_code = 2


class DataError(ReportlibError):
    """An input file cannot be read as the table it should hold."""

    exit_code = 3


class MissingColumnsError(DataError):
    """A file lacks mandatory columns of its table (or a mapping profile found no header)."""


class ValidationFailed(ReportlibError):
    """The data gate found critical problems; nothing was published."""

    exit_code = 4


class RenderError(ReportlibError):
    """One or more reports failed to execute or convert."""

    exit_code = 5


class LockedError(ReportlibError):
    """Another run holds the lock on the output folder."""

    exit_code = 6
