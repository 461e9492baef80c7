"""``zongjie.suggest.segmenter``: jieba's dictionary read by the pieces a text needs, with jieba's
exact words and tags, and a cache that is written once, rewritten when damaged, and never needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zongjie.normalize import fold
from zongjie.suggest import segmenter as sg

ROOT = Path(__file__).resolve().parents[1]


def _sentences(limit: int) -> list[str]:
    """Every 5th sentence of the public reports, folded as the suggestion path folds them."""
    out: list[str] = []
    for f in sorted((ROOT / "corpora" / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            out += [s for s in text.replace("\n", "。").split("。") if s.strip()]
    return [fold(s) for s in out[::5][:limit]]


@pytest.fixture(scope="module")
def whole() -> tuple[Any, Any]:
    return sg._full_tokenizer()


@pytest.fixture(scope="module")
def lazy() -> sg.Segmenter:
    seg = sg.segmenter()
    assert seg._blob is not None  # the bucket cache, not jieba loaded whole
    return seg


def _pairs(cut: list[Any]) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in cut]


def test_words_and_tags_are_jieba_s_on_the_corpora(whole: tuple[Any, Any], lazy: sg.Segmenter) -> None:
    tk, pos = whole
    texts = _sentences(1500)
    assert len(texts) == 1500
    for t in texts:
        assert _pairs(lazy.tag(t)) == _pairs(pos.lcut(t)), t
        assert lazy.cut(t, hmm=False) == tk.lcut(t, HMM=False), t
        assert lazy.cut(t) == tk.lcut(t), t


_POOL = "".join(sorted(set("".join(_sentences(400)))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_POOL, min_size=1, max_size=40))
def test_words_and_tags_are_jieba_s_on_any_text(whole: tuple[Any, Any], lazy: sg.Segmenter, text: str) -> None:
    tk, pos = whole
    assert _pairs(lazy.tag(text)) == _pairs(pos.lcut(text))
    assert lazy.cut(text, hmm=False) == tk.lcut(text, HMM=False)


def test_domain_words_keep_their_tags(lazy: sg.Segmenter) -> None:
    assert ("营商环境", "nz") in _pairs(lazy.tag("持续优化营商环境"))
    assert lazy.word_tag("营商环境") == "nz"
    assert lazy.word_tag("优化") == "vn" and lazy.word_tag("并非一个词", "n") == "n"


def test_a_sentence_reads_a_small_part_of_the_dictionary(whole: tuple[Any, Any]) -> None:
    seg = sg.Segmenter(sg._cache_path())
    assert seg.tokenizer.FREQ == {} and seg.pos.word_tag_tab == {}
    seg.tag("持续优化营商环境，推进基本医疗保险省级统筹。")
    assert 0 < len(seg.tokenizer.FREQ) < 0.01 * len(whole[0].FREQ)


def test_a_damaged_cache_is_written_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         whole: tuple[Any, Any]) -> None:
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path))
    path = sg._cache_path()
    assert path.parent == tmp_path
    seg = sg.segmenter()
    assert path.is_file() and seg._blob is not None
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="damaged"):
        sg.Segmenter(path)
    seg = sg.segmenter()
    assert seg._blob is not None
    sg.Segmenter(path)  # readable again
    t = "坚持稳中求进工作总基调，加快建设现代化产业体系"
    assert _pairs(seg.tag(t)) == _pairs(whole[1].lcut(t))


def test_without_a_writable_cache_jieba_is_loaded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        whole: tuple[Any, Any]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(blocker / "cache"))  # a directory under a file
    seg = sg.segmenter()
    assert seg._blob is None and len(seg.tokenizer.FREQ) == len(whole[0].FREQ)
    t = "部分乡镇污水处理设施运行不够稳定"
    assert _pairs(seg.tag(t)) == _pairs(whole[1].lcut(t))


_TAGS = "import jieba.posseg as p; print(repr([(w.word, w.flag) for w in p.lcut({text!r})]))"


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return r.stdout.strip()


def test_jieba_posseg_s_own_tagger_is_unchanged_in_the_process(lazy: sg.Segmenter) -> None:
    text = "张三丰在崂山区推进基本医疗保险省级统筹"
    fresh = _run(_TAGS.format(text=text))
    after = _run("from zongjie.suggest.segmenter import segmenter; s = segmenter(); s.tag('营商环境'); "
                 "import jieba.posseg as p; assert len(p.dt.word_tag_tab) == 0; " + _TAGS.format(text=text))
    assert after == fresh and "('崂山区', 'ns')" in fresh


def test_a_cold_suggestion_reads_neither_dictionary_whole(lazy: sg.Segmenter) -> None:
    out = _run("import sys, zongjie\n"
               "from zongjie.suggest import suggest, topics\n"
               f"r = suggest(zongjie.structure(open({str(ROOT / 'corpora' / 'seed.txt')!r}, encoding='utf-8').read()))\n"
               "assert r and all(e['suggestions'] for e in r)\n"
               "p = sys.modules['jieba.posseg']\n"
               "print(len(topics.tokenizer().tokenizer.FREQ), len(p.dt.word_tag_tab))")
    freq, tags = map(int, out.split())
    assert 0 < freq < 50_000 and tags == 0  # of 498k entries and 349k tags


def test_old_bucket_files_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      whole: tuple[Any, Any]) -> None:
    monkeypatch.setenv("ZONGJIE_CACHE_DIR", str(tmp_path))
    for k, age in enumerate((100, 200, 300)):  # three older versions' files, the newest last
        old = tmp_path / f"jieba-buckets-{k:016d}.bin"
        old.write_bytes(b"old")
        os.utime(old, (1_700_000_000 + age, 1_700_000_000 + age))
    tk, pos = whole
    sg._write_buckets(sg._cache_path(), tk.FREQ, pos.word_tag_tab, tk.total)
    left = sorted(p.name for p in tmp_path.glob("jieba-buckets-*.bin"))
    assert left == sorted([sg._cache_path().name, f"jieba-buckets-{2:016d}.bin"])
