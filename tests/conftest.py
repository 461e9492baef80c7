"""Test-session settings: the start-up caches (compiled patterns, parsed TOML data) go to a
directory of the session's own, so the suite never reads or writes the user's cache and always
exercises both building and reading them back (subprocesses inherit the variable)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("ZONGJIE_CACHE_DIR", tempfile.mkdtemp(prefix="zongjie-test-cache-"))
