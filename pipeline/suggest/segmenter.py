"""jieba with the domain dictionary, its dictionary read piece by piece as texts need it.

A cold ``zongjie suggest`` spent two of its three seconds starting jieba: its prefix dictionary
(498k entries, 0.9 s from jieba's own marshal cache) and ``import jieba.posseg``, which reads the
main dictionary's 350k POS tags for its module-level tagger (0.6 s). Cutting a text looks up
nothing but substrings of that text (the DAG's prefixes, the route's words, the tags of the words
cut), so the dictionary need not be whole: entries and tags are kept in buckets by their first two
characters (a one-character entry by itself), and before a text is cut the buckets of its
characters and character pairs are merged into the tokenizer's plain dicts. The values and the
total are jieba's, so the DAG, the route, the HMM and the tags are too: the words and flags are
exactly those of a fully loaded jieba (``tests/test_segmenter.py`` checks it on the corpora).

The buckets are written once per jieba version and domain dictionary, from a fully initialised
jieba, into the cache directory (``zongjie.datafiles.cache_dir``); where it cannot be written, the
tokenizer is loaded whole, as jieba does it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import struct
import sys
import threading
import zlib
from array import array
from pathlib import Path
from typing import Any

from zongjie.datafiles import DATA, cache_dir

__all__ = ["Segmenter", "segmenter"]

_MAGIC = b"ZJSEG03\n"
_HEAD = struct.Struct("<8sQQI")  # magic, jieba's total, number of buckets, CRC-32 of the rest
_BUCKETS = 65521  # a prime: about 8 entries a bucket
_USER_DICT = DATA / "domain_dict.txt"


def _bucket(key: str) -> int:
    """The bucket of a dictionary entry or a text's substring, by its first two characters."""
    return (ord(key[0]) * 65599 + (ord(key[1]) if len(key) > 1 else 0)) % _BUCKETS


def _jieba_dict_file() -> Path:
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def _cache_path() -> Path:
    import jieba

    h = hashlib.sha1()
    h.update(_MAGIC)
    h.update(str(getattr(jieba, "__version__", "")).encode())
    h.update(str(_jieba_dict_file().stat().st_size).encode())
    h.update(_USER_DICT.read_bytes())
    return cache_dir() / f"jieba-buckets-{h.hexdigest()[:16]}.bin"


def _full_tokenizer() -> tuple[Any, Any]:
    """jieba loaded whole, the documented way: a ``Tokenizer`` with the domain dictionary and a
    ``POSTokenizer`` over it (jieba's prefix cache kept in our cache directory)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = str(d)  # pyright: ignore[reportAttributeAccessIssue] - unannotated jieba: tmp_dir is inferred as None from its initial value
    except OSError:
        pass
    tk.load_userdict(str(_USER_DICT))
    pos = jieba.posseg.POSTokenizer(tk)
    pos.makesure_userdict_loaded()
    return tk, pos


def _write_buckets(path: Path, freq: dict[str, int], tags: dict[str, str], total: int) -> None:
    # a bucket is UTF-8 text, a line per entry: word, count (empty: tag only), tag (empty: none)
    parts: list[list[str]] = [[] for _ in range(_BUCKETS)]
    for w in dict.fromkeys([*freq, *tags]):
        if w and "\t" not in w and "\n" not in w:
            f = freq.get(w)
            parts[_bucket(w)].append(f"{w}\t{'' if f is None else f}\t{tags.get(w, '')}")
    blobs = ["\n".join(p).encode("utf-8") for p in parts]
    offsets = array("Q", [0])
    for b in blobs:
        offsets.append(offsets[-1] + len(b))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    body = offsets.tobytes() + b"".join(blobs)
    with open(tmp, "wb") as fh:
        fh.write(_HEAD.pack(_MAGIC, total, _BUCKETS, zlib.crc32(body)))
        fh.write(body)
    os.replace(tmp, path)
    _prune(path)


_KEEP = 2  # bucket files kept: this one and the newest other (another installed version's)


def _prune(path: Path) -> None:
    """Remove the bucket files of older jieba versions and domain dictionaries (7 MB each)."""
    others: list[tuple[float, Path]] = []
    for p in path.parent.glob("jieba-buckets-*.bin"):
        try:  # another process may be pruning too
            if p != path:
                others.append((p.stat().st_mtime, p))
        except OSError:
            continue
    for _, old in sorted(others, reverse=True)[_KEEP - 1:]:
        try:
            old.unlink()
        except OSError:
            pass


def _posseg_module() -> Any:
    """``jieba.posseg``, imported without reading the main dictionary's tags for its module-level
    tagger there and then: they are read on that tagger's first use instead (never, in zongjie)."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    import jieba

    saved = jieba.dt.dictionary
    jieba.dt.dictionary = os.devnull  # the import's tagger reads an empty dictionary …
    try:
        import jieba.posseg as posseg
    finally:
        jieba.dt.dictionary = saved
    posseg.dt.word_tag_tab = _DeferredTags(posseg)  # … and the real one when first asked
    return posseg


class _DeferredTags(dict):
    """``jieba.posseg.dt``'s tag table, read from jieba's dictionary on the first lookup (a
    program that also uses ``jieba.posseg.cut`` gets the tags it always got)."""

    def __init__(self, posseg: Any) -> None:
        super().__init__()
        self._posseg: Any = posseg

    def _fill(self) -> None:
        if self._posseg is None:
            return
        posseg, self._posseg = self._posseg, None
        reader = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        reader.load_word_tag(posseg.dt.tokenizer.get_dict_file())
        user = dict(self)
        dict.update(self, reader.word_tag_tab)
        dict.update(self, user)

    def get(self, key: Any, default: Any = None) -> Any:
        self._fill()
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._fill()
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)


class Segmenter:
    """Word cutting and POS tagging by jieba with the domain dictionary (thread-safe)."""

    def __init__(self, path: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._blob: memoryview | None = None
        if path is None:
            self.tokenizer, self.pos = _full_tokenizer()
            return
        data = path.read_bytes()
        magic, total, n, crc = _HEAD.unpack_from(data)
        if magic != _MAGIC or n != _BUCKETS or zlib.crc32(memoryview(data)[_HEAD.size:]) != crc:
            raise ValueError(f"{path}: not a segmenter cache, or a damaged one")
        self._offsets = array("Q")
        self._offsets.frombytes(data[_HEAD.size:_HEAD.size + 8 * (n + 1)])
        self._blob = memoryview(data)[_HEAD.size + 8 * (n + 1):]
        if len(self._blob) != self._offsets[-1]:
            raise ValueError(f"{path}: truncated")
        self._loaded = bytearray(n)
        self._seen: set[str] = set()
        import jieba

        jieba.setLogLevel(logging.WARNING)
        posseg = _posseg_module()
        tk = jieba.Tokenizer()
        # filled bucket by bucket in ``_need``; the total is the whole dictionary's (the route's
        # log-probabilities), and ``initialized`` tells jieba not to read its own
        tk.FREQ, tk.total, tk.initialized = {}, total, True
        pos = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
        pos.tokenizer, pos.word_tag_tab = tk, {}
        self.tokenizer, self.pos = tk, pos

    def _need(self, text: str) -> None:
        """Merge the buckets ``text``'s substrings fall in, once each."""
        if self._blob is None:
            return
        keys = {text[i:i + 2] for i in range(len(text))} - self._seen
        if not keys:
            return
        with self._lock:
            loaded, offsets, blob = self._loaded, self._offsets, self._blob
            freq, tags = self.tokenizer.FREQ, self.pos.word_tag_tab
            for k in keys:
                for b in {_bucket(k), _bucket(k[0])}:
                    if not loaded[b]:
                        for line in str(blob[offsets[b]:offsets[b + 1]], "utf-8").split("\n"):
                            if line:
                                w, f, t = line.split("\t")
                                if f:
                                    freq[w] = int(f)
                                if t:
                                    tags[w] = t
                        loaded[b] = 1
            self._seen |= keys

    def tag(self, text: str) -> list[Any]:
        """``jieba.posseg`` pairs (``.word``, ``.flag``) of ``text``."""
        self._need(text)
        return self.pos.lcut(text)

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        self._need(text)
        return self.tokenizer.lcut(text, HMM=hmm)

    def word_tag(self, word: str, default: str | None = None) -> str | None:
        """The dictionary's POS tag of ``word``."""
        self._need(word)
        return self.pos.word_tag_tab.get(word, default)


def segmenter() -> Segmenter:
    """A segmenter over the bucket cache, written on first use (and again when it is unreadable);
    jieba loaded whole when the cache cannot be written."""
    try:
        path = _cache_path()
        for attempt in (0, 1):
            if attempt or not path.is_file():
                tk, pos = _full_tokenizer()
                _write_buckets(path, tk.FREQ, pos.word_tag_tab, tk.total)
            try:
                return Segmenter(path)
            except (ValueError, EOFError, struct.error):  # a damaged cache: written anew, once
                continue
    except OSError:
        pass
    return Segmenter()
