"""What a run read from each input file, so that a rerun skips an unchanged file unread.

``OUT/.inputs-manifest.json`` maps each input file (absolute path) to its size and modification
time and the ``(doc_id, content hash)`` of every document it held, in order.  A later run over
the same inputs compares the file's size and mtime, and when they are unchanged and every one
of its documents is already done (analysed or failed with that hash), it counts them as skipped
without opening the file: extending a 10,000-document archive no longer decodes and hashes the
10,000 documents first (7.8 s).  A file whose size or mtime changed is read again, and so is one
with a document that is not done (its part was lost, ``--retry-errors``, …).  Like make or
rsync, this trusts the mtime: a file rewritten with the same size and mtime is not reread.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = ".inputs-manifest.json"
Entry = tuple[str, str]  # (doc_id as the file names it, before `#k` for repeated ids; content hash)


def file_stat(path: str) -> list[int] | None:
    """[size, mtime_ns] of a regular file (None for stdin, a directory or a missing file)."""
    if path == "-":
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns] if os.path.isfile(path) else None


class InputsManifest:
    def __init__(self, out: Path) -> None:
        self.path = Path(out) / MANIFEST
        self.old: dict[str, dict] = {}
        self.new: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == 1:
                self.old = data.get("files") or {}
        except (OSError, ValueError):
            pass

    def known(self, path: str) -> list[Entry] | None:
        """The documents of ``path`` when it is unchanged since it was recorded."""
        rec = self.old.get(os.path.abspath(path))
        if rec is None or rec.get("stat") != file_stat(path):
            return None
        return [tuple(e) for e in rec["docs"]]  # type: ignore[misc]

    def record(self, path: str, stat: list[int] | None, docs: list[Entry]) -> None:
        """``path`` was read whole in this run (``stat``: taken before reading it)."""
        if stat is not None and stat == file_stat(path):  # not modified while it was read
            self.new[os.path.abspath(path)] = {"stat": stat, "docs": [list(e) for e in docs]}

    def keep(self, path: str) -> None:
        key = os.path.abspath(path)
        if key in self.old:
            self.new[key] = self.old[key]

    def save(self) -> None:
        """Write the files of this run (atomic replace); called once the run is complete."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"version": 1, "files": self.new}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)
