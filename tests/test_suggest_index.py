"""The suggestion index: mining, TF-IDF, on-disk round trip without pickle, the shipped default."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from zongjie.errors import UsageError
from zongjie.suggest.index import (
    SuggestIndex,
    char_ngrams,
    clean_unit,
    default_index,
    key_ngram,
    mine_archive,
    mine_document,
    ngram_key,
    split_units,
)

DOC_A = """某县发改局2023年工作总结暨2024年工作计划
一、工作开展情况
全年完成固定资产投资120亿元。
二、存在的问题
一是重大产业项目储备不足，带动能力强的项目偏少；二是信息化建设滞后，数据标准不统一；三是干部队伍专业能力还有差距。
三、2024年工作计划
（一）突出抓好项目攻坚。谋划储备一批投资体量大、带动能力强的重大产业项目。
（二）加快信息化建设。建设统一的数据共享平台，统一规范数据标准。
（三）加强干部队伍建设。分层分类开展业务培训，提升干部专业能力。
"""

DOC_B = """某镇2023年工作总结
一、工作回顾
完成各项任务。
二、存在的问题
一是基础设施欠账较多；二是产业结构较为单一。
三、2024年工作安排
（一）补齐基础设施短板。实施一批道路、供水项目。
（二）优化产业结构。培育特色产业，延伸产业链条。
"""


@pytest.fixture(scope="module")
def mined():
    return [mine_document("a", DOC_A), mine_document("b", DOC_B)]


@pytest.fixture(scope="module")
def index(mined):
    return SuggestIndex.build(mined)


def test_mining(mined):
    a = mined[0]
    assert a.problems == 3 and len(a.pairs) == 3
    texts = [u for u, _ in a.units]
    assert "突出抓好项目攻坚" in texts and "统一规范数据标准" not in texts  # that is a clause of a sentence
    assert any(t.startswith("建设统一的数据共享平台") for t in texts)
    prob, item, score = a.pairs[1]
    assert prob.startswith("信息化建设滞后") and a.items[item].startswith("加快信息化建设") and score > 0.12


def test_units_and_cleaning():
    assert clean_unit("（一）加快信息化建设。") == "加快信息化建设"
    assert clean_unit("一是要加强学习；") == "加强学习"
    assert clean_unit("**（二）深化改革。**") == "深化改革"
    assert split_units("重点做好以下工作。全面完成《****规划》编制。加强统战干部队伍建设。") == ["加强统战干部队伍建设"]
    assert split_units("社会主义核心价值观是凝聚人心的强大力量。") == []
    assert split_units("社会主义核心价值观是凝聚人心的强大力量。", actions_only=False)


def test_ngram_keys_round_trip():
    for g in ("信", "信息", "信息化", "a1", "%"):
        assert key_ngram(ngram_key(g)) == g
    grams = char_ngrams("加快，信息化")
    assert "加快" in grams and "快信" not in grams and "信息化" in grams and "，" not in "".join(grams)


def test_tfidf_matches_scikit_learn(index):
    import sklearn.feature_extraction.text as sk
    texts = [u[0] for u in index.units]
    vec = sk.TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, norm="l2", smooth_idf=True)
    m = vec.fit_transform(texts).toarray()
    # our term-major matrix, densified in sklearn's column order
    indptr, rows, data = index.mats["units"]
    ours = np.zeros((len(texts), index.vocab_keys.size))
    for j in range(index.vocab_keys.size):
        ours[rows[indptr[j]:indptr[j + 1]], j] = data[indptr[j]:indptr[j + 1]]
    cols = [int(np.searchsorted(index.vocab_keys, ngram_key(g))) for g in vec.get_feature_names_out()]
    assert np.allclose(ours[:, cols], m, atol=1e-5)
    assert np.allclose(index.idf[cols], vec.idf_, atol=1e-5)


def test_round_trip_without_pickle(index, tmp_path, monkeypatch):
    out = index.save(tmp_path / "ix")
    assert sorted(p.name for p in out.iterdir()) == ["index.json", "matrix.npz", "records.json"]
    with zipfile.ZipFile(out / "matrix.npz") as z:  # every array is plain numeric .npy
        for name in z.namelist():
            header = z.read(name)[:128]
            assert b"'descr': '|O'" not in header and b"object" not in header
    real_load = np.load

    def guarded(*a, **kw):
        assert kw.get("allow_pickle") is False
        return real_load(*a, **kw)

    monkeypatch.setattr(np, "load", guarded)
    back = SuggestIndex.load(out)
    assert back.units == index.units and back.pairs == index.pairs
    q = "信息化建设滞后，数据标准不统一"
    assert back.search(q, k=3) == index.search(q, k=3)
    assert json.loads((out / "index.json").read_text("utf-8"))["format"] == "zongjie-suggest-index"


def test_search_routes_and_exclusion(index):
    hits = index.search("信息化建设滞后", k=5)
    assert hits and hits[0]["doc"] == "a"
    assert hits[0]["text"] in ("加快信息化建设", "建设统一的数据共享平台，统一规范数据标准")
    assert all(0 < h["score"] <= 1 for h in hits)
    assert all(h["doc"] != "a" for h in index.search("信息化建设滞后", k=5, exclude_docs=["a"]))
    pair_hits = index.search("基础设施欠账较多", k=3)
    assert pair_hits[0]["route"] == "pair" and pair_hits[0]["doc"] == "b"
    assert index.search("", k=3) == []
    assert index.nearest_units("优化产业结构", k=1)[0][0] == "优化产业结构"


def test_corrupt_or_foreign_index(index, tmp_path):
    out = index.save(tmp_path / "ix")
    with pytest.raises(UsageError):
        SuggestIndex.load(tmp_path / "missing")
    meta = json.loads((out / "index.json").read_text("utf-8"))
    (out / "index.json").write_text(json.dumps(dict(meta, format="other")), "utf-8")
    with pytest.raises(UsageError, match="not a zongjie suggestion index"):
        SuggestIndex.load(out)
    (out / "index.json").write_text(json.dumps(meta), "utf-8")
    arrays = dict(np.load(out / "matrix.npz", allow_pickle=False))
    arrays["units_rows"] = arrays["units_rows"] + 10_000  # rows out of range
    np.savez_compressed(out / "matrix.npz", **arrays)
    with pytest.raises(UsageError, match="inconsistent"):
        SuggestIndex.load(out)
    # an object array (would need pickle) is refused by np.load(allow_pickle=False)
    arrays["units_rows"] = np.array([{"x": 1}], dtype=object)
    np.savez(out / "matrix.npz", **arrays)
    with pytest.raises(UsageError):
        SuggestIndex.load(out)


def test_mine_archive_from_zip_and_jsonl(tmp_path):
    z = tmp_path / "old.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("2023/a.txt", DOC_A.encode("gb18030"))
    j = tmp_path / "c.jsonl"
    j.write_text(json.dumps({"id": "b-2023", "text": DOC_B, "year": 2023}, ensure_ascii=False) + "\n", "utf-8")
    errors = []
    mined = list(mine_archive([str(z), str(j), str(tmp_path / "none.txt")], on_error=lambda i, e: errors.append(e)))
    assert [m.id for m in mined] == [f"{z}:2023/a.txt", "b-2023"]
    assert len(errors) == 1 and "none.txt" in errors[0]
    ix = SuggestIndex.build(mined)
    assert {d["id"] for d in ix.docs} == {f"{z}:2023/a.txt", "b-2023"}


def test_default_index_ships():
    ix = default_index()
    assert ix is not None, "the default index ships in zongjie.models (bench/build_default_index.py)"
    root = Path(__file__).resolve().parents[1] / "models" / "suggest_index"
    assert sum(f.stat().st_size for f in root.iterdir()) < 5_000_000
    assert len(ix) > 1000 and ix.meta["pairs"] > 100
    hits = ix.search("信息化建设滞后，数据标准不统一", k=5)
    assert hits and any("信息化" in h["text"] for h in hits)
