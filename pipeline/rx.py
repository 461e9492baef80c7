"""Regular expressions compiled once per machine, not once per process.

A cold ``zongjie check`` spends more time in ``re.compile`` than in the analysis: the unit,
cue and placeholder patterns are long alternations, and CPython's compiler (the charset
optimiser above all) is pure Python.  ``compile`` keeps what the compiler produces — the SRE
code words, group count and names — in a JSON file in the user's cache directory and, on the
next run, hands them straight to ``_sre.compile``, like ``.pyc`` files skip the parser.

Safety and portability:
- the file is keyed by interpreter, SRE magic number and code size, so another Python never
  reads it; an entry is used only for the identical pattern text and flags;
- ``_sre.compile`` validates code words and rejects malformed ones (``RuntimeError``), and every
  failure — unreadable file, bad entry, a CPython whose private compiler API moved — falls back
  to ``re.compile``; the cache can only make things faster, never different;
- JSON, not pickle or marshal: loading it runs no code.

``ZONGJIE_CACHE_DIR`` moves the cache (default ``$XDG_CACHE_HOME/zongjie`` or ``~/.cache/zongjie``);
``ZONGJIE_REGEX_CACHE=0`` turns it off.
"""

from __future__ import annotations

import atexit
import base64
import json
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

from zongjie.datafiles import cache_dir

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

try:  # CPython's private compiler API; anything else falls back to re.compile
    import _sre  # pyright: ignore[reportMissingImports] - private CPython module, typeshed has no stub
    from re import _compiler, _parser  # type: ignore[attr-defined]

    # code words are stored as base64 of machine words: parsing long JSON int lists was most of
    # the load time
    _WORD = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
    _TAG = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.byteorder}"
except (ImportError, AttributeError, StopIteration):  # pragma: no cover - non-CPython
    _sre = None  # type: ignore[assignment]
    _TAG = ""

MAX_ENTRIES = 1000  # beyond this only the patterns of the current process are kept (a run uses ~200-500)
_FORMAT = "v2"  # of an entry: [flags, code words (base64), groups, groupindex, indexgroup, crc]

_entries: dict[str, list[Any]] | None = None
_used: set[str] = set()
_dirty = False


_enabled: bool | None = None  # read once: os.environ lookups were a tenth of the compile path


def enabled() -> bool:
    global _enabled
    if _enabled is None:
        _enabled = bool(_TAG) and os.environ.get("ZONGJIE_REGEX_CACHE", "1") not in ("0", "false", "no")
    return _enabled


def cache_file() -> Path:
    """One file per package version: the patterns of an older release would only be read, never
    used — a cold `check` paid for parsing them (a 1.7 MB file: ~15 ms)."""
    from zongjie import __version__

    return cache_dir() / f"regex-{_FORMAT}-{__version__}-{_TAG}.json"


def _load() -> dict[str, list[Any]]:
    global _entries
    if _entries is None:
        entries: dict[str, list[Any]] = {}
        try:
            data = json.loads(cache_file().read_text(encoding="utf-8"))
            if isinstance(data, dict):
                entries = data
        except (OSError, ValueError):
            pass
        _entries = entries  # once, whole: another thread never sees a half-loaded cache
    return _entries


def _save() -> None:
    if not _dirty or _entries is None:
        return
    entries = _entries
    if len(entries) > MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _used}
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        os.replace(tmp, path)  # atomic: concurrent writers never leave a torn file
        # other releases' files of this interpreter (and the unversioned name 0.1 used)
        for old in [*path.parent.glob(f"regex-{_FORMAT}-*-{_TAG}.json"), path.parent / f"regex-{_FORMAT}-{_TAG}.json"]:
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _store(key: str, value: Any) -> None:
    """Add an entry; the file is written once, when the process exits."""
    global _dirty
    _load()[key] = value
    if not _dirty:
        _dirty = True
        atexit.register(_save)


def _build(pattern: str, flags: int) -> tuple[re.Pattern[str], list[Any]]:
    """What ``re._compiler.compile`` does, keeping the pieces it hands to ``_sre.compile``."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    words = base64.b64encode(array(_WORD, code).tobytes()).decode("ascii")
    entry = [flags | p.state.flags, words, p.state.groups - 1, groupindex, indexgroup,
             _check(pattern, words)]
    return _from_entry(pattern, entry), entry


def _check(pattern: str, words: str) -> int:
    """A checksum of an entry: a damaged file is rebuilt, never run (``_sre``'s validator rejects
    malformed code, not well-formed code for another pattern)."""
    return zlib.crc32(words.encode("ascii"), zlib.crc32(pattern.encode("utf-8", "surrogatepass")))


def _from_entry(pattern: str, entry: list[Any]) -> re.Pattern[str]:
    fl, words, groups, groupindex, indexgroup, check = entry
    if check != _check(pattern, words):
        raise ValueError("damaged cache entry")
    code = array(_WORD, base64.b64decode(words)).tolist()
    assert _sre is not None  # entries are only used when enabled(), which needs _sre
    return _sre.compile(pattern, fl, code, groups, groupindex, tuple(indexgroup))


_memo: dict[tuple[str, int], re.Pattern[str]] = {}


def compile_built(name: str, inputs: str, build: Callable[[], str], flags: int = 0) -> re.Pattern[str]:
    """``compile(build(), flags)`` for a pattern generated from data, where generating the text is
    itself slow (thousands of escaped words).  The text is cached under ``name`` together with
    ``inputs``, a string that determines it (the data it is built from and the builder's source
    file stamp, see ``source_stamp``); a different ``inputs`` rebuilds it."""
    key = "built:" + name
    entries = _load() if enabled() else {}
    hit = entries.get(key)
    if isinstance(hit, list) and len(hit) == 2 and hit[0] == inputs and isinstance(hit[1], str):
        text = hit[1]
    else:
        text = build()
        if enabled():
            _store(key, [inputs, text])
    _used.add(key)
    return compile(text, flags)


def source_stamp(path: str) -> str:
    """Path, size and mtime of a source file: part of ``inputs`` so editing the builder's code
    invalidates what it built, as ``.pyc`` files do."""
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def compile(pattern: str | re.Pattern[str], flags: int | re.RegexFlag = 0) -> re.Pattern[str]:  # noqa: A001
    """``re.compile(pattern, flags)``, from the machine's cache when it holds the pattern."""
    if isinstance(pattern, re.Pattern):
        return pattern
    flags = int(flags)
    hit = _memo.get((pattern, flags))
    if hit is None:
        hit = _memo[pattern, flags] = _compile(pattern, flags)
    return hit


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    if not enabled() or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = f"{flags}:{pattern}"
    entries = _load()
    entry = entries.get(key)
    if entry is not None:
        try:
            compiled = _from_entry(pattern, entry)
            _used.add(key)
            return compiled
        except Exception:  # noqa: BLE001 - a stale or damaged entry: rebuild it
            pass
    try:
        compiled, entry = _build(pattern, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - private API changed: behave exactly like re
        return re.compile(pattern, flags)
    _store(key, entry)
    _used.add(key)
    return compiled


# The module-level functions of ``re``, through the cache (for patterns written inline).

def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    return compile(pattern, flags).finditer(string)


def sub(pattern: str, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)
