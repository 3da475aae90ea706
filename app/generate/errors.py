"""The one error type of `app.generate`."""

from __future__ import annotations


class GenerateError(ValueError):
    """The article cannot give a draft bank; the message says why in one line."""
