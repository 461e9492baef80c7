"""Where the package's data files are, and a fast path for reading the TOML ones.

Every file is found through ``importlib.resources`` of the installed ``zongjie`` package (never a
path relative to a checkout or the working directory).  TOML data (rules, templates) are parsed once per
machine: ``load_toml`` keeps a JSON copy in the user cache, keyed by the file's path, size and
modification time, because ``tomllib`` is pure Python and ten times slower than ``json``.
"""

from __future__ import annotations

import json
import os
import zlib
from importlib import resources
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

# ``files`` of a package installed as files is a plain ``Path`` (wheels install unzipped); the
# readers here open files by path, so a zip-imported install is not supported.
DATA = Path(str(resources.files("zongjie") / "data"))


def read_data(rel: str) -> str:
    """The text of the package data file ``zongjie/data/<rel>`` (UTF-8)."""
    return (DATA / rel).read_text(encoding="utf-8")


def models_dir() -> Path:
    """The ``zongjie.models`` package's directory (shipped artefacts: ``roles.json``, indexes)."""
    return Path(str(resources.files("zongjie.models")))


def cache_dir() -> Path:
    """``$ZONGJIE_CACHE_DIR``, else ``$XDG_CACHE_HOME/zongjie``, else ``~/.cache/zongjie``."""
    root = os.environ.get("ZONGJIE_CACHE_DIR")
    if root:
        return Path(root)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "zongjie"


def toml_module() -> Any:
    try:  # Python ≥ 3.11
        import tomllib as mod
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as mod  # type: ignore[no-redef]
    return mod


def load_toml(path: Path) -> dict[str, Any]:
    """``tomllib.loads`` of a shipped data file, from the JSON copy in the cache when it is fresh.

    Only for the package's own files: a user's config is parsed each time (its errors must be
    reported, and it changes)."""
    st = path.stat()
    key = f"{path}\0{st.st_size}\0{st.st_mtime_ns}"
    # one copy per source file, named by its path (hashlib costs 6 ms to import): an edited or
    # reinstalled file overwrites its copy instead of leaving it behind; the key inside decides
    copy = cache_dir() / f"data-{path.stem}-{zlib.crc32(str(path).encode()):08x}.json"
    try:
        cached = json.loads(copy.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached["data"]
    except (OSError, ValueError, KeyError):
        pass
    data = toml_module().loads(path.read_text(encoding="utf-8"))
    try:
        text = json.dumps({"key": key, "data": data}, ensure_ascii=False)
        if json.loads(text)["data"] == data:  # only JSON-exact data (no dates) is cached
            copy.parent.mkdir(parents=True, exist_ok=True)
            tmp = copy.with_name(f"{copy.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, copy)
    except (OSError, TypeError, ValueError):
        pass
    return data
