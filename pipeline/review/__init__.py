"""Reviewing a draft in Word: ``annotate`` writes a copy with every finding as a comment (批注) and
every safe fix as a tracked change (修订).

This package imports lxml; only ``zongjie check --annotate`` (and callers of the API) load it, so
the plain ``check`` path stays light.
"""

from __future__ import annotations

from .annotate import AnnotateError, AnnotateReport, annotate

__all__ = ["annotate", "AnnotateReport", "AnnotateError"]
