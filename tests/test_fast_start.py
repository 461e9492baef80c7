"""The start-up caches: compiled regular expressions (``zongjie.rx``) and parsed TOML data
(``zongjie.datafiles.load_toml``).  They may only make things faster, never different."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from zongjie import datafiles, rx

ROOT = Path(__file__).resolve().parents[1]

PATTERNS = [
    (r"(?P<year>20\d\d)年(?:度)?", 0),
    (r"[一二三四五六七八九十]{1,3}(是|要)(?![否的])", 0),
    (r"(?<=[。；])\s*(?:下一步|明年)", 0),
    (r"^#{1,6}\s", re.MULTILINE),
    (r"abc|ABD", re.IGNORECASE),
    ("|".join(["人次", "万元", "个百分点", "平方公里", "吨标准煤"] * 3), 0),
    (r"[\U00010000-\U0010FFFF]", 0),
]
SAMPLES = ["2023年度工作", "一是加强二是完善", "。 下一步将", "## 标题\n# 二", "xAbD", "培训300人次共3.5万元",
           "𠀀字", "", "十二要"]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A fresh cache directory and an empty in-memory state for rx."""
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_entries", None)
    monkeypatch.setattr(rx, "_memo", {})
    monkeypatch.setattr(rx, "_dirty", False)
    monkeypatch.setattr(rx, "_used", set())
    monkeypatch.setattr(rx, "_enabled", None)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for s in SAMPLES:
        assert [m.span() for m in a.finditer(s)] == [m.span() for m in b.finditer(s)]
        assert [m.groups() for m in a.finditer(s)] == [m.groups() for m in b.finditer(s)]


def test_compile_matches_re_when_built_and_when_read_back(cache_dir):
    built = [rx.compile(p, f) for p, f in PATTERNS]
    for (p, f), c in zip(PATTERNS, built):
        _same(c, re.compile(p, f))
    rx._save()
    data = json.loads(rx.cache_file().read_text("utf-8"))
    assert len(data) == len(PATTERNS)
    rx._entries, rx._memo = None, {}
    for p, f in PATTERNS:
        again = rx.compile(p, f)  # now from the file
        _same(again, re.compile(p, f))


def test_damaged_cache_falls_back(cache_dir):
    rx.cache_file().parent.mkdir(parents=True, exist_ok=True)
    rx.cache_file().write_text("{not json", "utf-8")
    _same(rx.compile(PATTERNS[0][0]), re.compile(PATTERNS[0][0]))
    # an entry whose code words are wrong is rejected by _sre's validator and rebuilt
    key = f"0:{PATTERNS[1][0]}"
    good = rx._build(PATTERNS[1][0], 0)[1]
    for damage in ("AAAAAAAAAAAAAAAA", good[1][:-8] + "AAAAAAA="):
        bad = list(good)
        bad[1] = damage
        rx._entries = {key: bad}
        rx._memo = {}
        _same(rx.compile(PATTERNS[1][0]), re.compile(PATTERNS[1][0]))
        assert rx._entries[key][1] == good[1]  # rebuilt


def test_disabled_by_environment(cache_dir, monkeypatch):
    monkeypatch.setenv("ZONGJIE_REGEX_CACHE", "0")
    monkeypatch.setattr(rx, "_enabled", None)
    _same(rx.compile(PATTERNS[0][0]), re.compile(PATTERNS[0][0]))
    rx._save()
    assert not rx.cache_file().exists()


def test_errors_are_re_errors(cache_dir):
    with pytest.raises(re.error):
        rx.compile("(unclosed")


def test_module_functions_mirror_re(cache_dir):
    assert rx.sub(r"\d", "#", "a1b22") == re.sub(r"\d", "#", "a1b22")
    assert rx.split(r"[，,]", "a，b,c") == ["a", "b", "c"]
    assert rx.findall(r"\d+", "1 22 333") == ["1", "22", "333"]
    assert rx.fullmatch(r"\d+", "123") and not rx.fullmatch(r"\d+", "12a")
    assert rx.match(r"a", "ab") and rx.search(r"b", "ab").start() == 1
    assert [m.start() for m in rx.finditer("a", "aba")] == [0, 2]


def test_built_pattern_cached_and_rebuilt_when_inputs_change(cache_dir):
    calls = []

    def build(words):
        def run():
            calls.append(words)
            return "|".join(words)
        return run

    a = rx.compile_built("t", "v1", build(["甲", "乙"]))
    assert a.pattern == "甲|乙" and len(calls) == 1
    rx._memo = {}
    assert rx.compile_built("t", "v1", build(["甲", "乙"])).pattern == "甲|乙" and len(calls) == 1
    assert rx.compile_built("t", "v2", build(["丙"])).pattern == "丙" and len(calls) == 2


def test_patterns_are_the_same_in_every_process(tmp_path):
    """Patterns built from sets must not depend on the hash seed, or every run would miss the
    cache (and rewrite it): a second run with another seed adds no entry."""
    env = {**os.environ, "ZONGJIE_CACHE_DIR": str(tmp_path)}
    env.pop("ZONGJIE_REGEX_CACHE", None)
    seed = ROOT / "corpora" / "seed.txt"
    src = str(seed) if seed.exists() else str(ROOT / "corpora" / "demo" / "draft.txt")
    code = "import sys; from zongjie.cli.fast import main; sys.argv=['zongjie','check','--format','json',sys.argv[1]]; main()"
    counts = []
    for hs in ("1", "2"):
        subprocess.run([sys.executable, "-c", code, src], cwd=ROOT, env={**env, "PYTHONHASHSEED": hs},
                       capture_output=True, check=False)
        files = list(tmp_path.glob("regex-*.json"))
        assert len(files) == 1
        counts.append(len(json.loads(files[0].read_text("utf-8"))))
    assert counts[0] > 20 and counts[1] == counts[0]


def test_load_toml_reads_back_and_notices_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "rules.toml"
    f.write_text('[a]\nx = 1\nname = "甲"\n', "utf-8")
    assert datafiles.load_toml(f) == {"a": {"x": 1, "name": "甲"}}
    copies = list((tmp_path / "cache").glob("data-rules-*.json"))
    assert len(copies) == 1
    assert datafiles.load_toml(f) == {"a": {"x": 1, "name": "甲"}}
    f.write_text('[a]\nx = 2\nname = "乙乙"\n', "utf-8")
    assert datafiles.load_toml(f) == {"a": {"x": 2, "name": "乙乙"}}
    # the edited file's copy replaces the old one: the cache does not grow with each change
    assert list((tmp_path / "cache").glob("data-rules-*.json")) == copies
    assert datafiles.load_toml(f) == {"a": {"x": 2, "name": "乙乙"}}


def test_load_toml_does_not_cache_what_json_cannot_hold(tmp_path, monkeypatch):
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "dated.toml"
    f.write_text("when = 2024-01-02\n", "utf-8")
    import datetime

    assert datafiles.load_toml(f) == {"when": datetime.date(2024, 1, 2)}
    assert not list((tmp_path / "cache").glob("data-dated-*.json"))


def test_shipped_toml_equals_tomllib(tmp_path, monkeypatch):
    import tomllib

    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path))
    for f in [datafiles.DATA / "rules.toml", *sorted((datafiles.DATA / "templates").glob("*.toml"))]:
        expected = tomllib.loads(f.read_text("utf-8"))
        assert datafiles.load_toml(f) == expected  # parsed
        assert datafiles.load_toml(f) == expected  # read back


def test_an_older_release_cache_file_is_removed(tmp_path):
    """Patterns of another release are never used again: the first save of this release drops the
    file (the same interpreter's only), so a cold run does not parse them."""
    from zongjie import rx

    tag = rx.cache_file().name.split("-", 3)[3]  # interpreter tag and .json
    old, other_python = tmp_path / f"regex-v2-0.0.1-{tag}", tmp_path / "regex-v2-0.0.1-other-interpreter.json"
    old.write_text("{}", "utf-8")
    other_python.write_text("{}", "utf-8")
    env = {**os.environ, "ZONGJIE_CACHE_DIR": str(tmp_path)}
    env.pop("ZONGJIE_REGEX_CACHE", None)
    code = "import sys; from zongjie.cli.fast import main; sys.argv=['zongjie','outline',sys.argv[1]]; main()"
    subprocess.run([sys.executable, "-c", code, str(ROOT / "corpora" / "demo" / "draft.txt")], cwd=ROOT, env=env,
                   capture_output=True, check=True)
    names = sorted(p.name for p in tmp_path.glob("regex-*.json"))
    assert old.name not in names and other_python.name in names and len(names) == 2
