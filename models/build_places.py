"""Build ``pipeline/data/places.json``, the gazetteer of ``pipeline/suggest/places.py`` (reproducible).

Source: the ``china_location`` dictionary shipped inside the installed **jionlp** package
(``jionlp/dictionary/china_location.zip``; Apache License 2.0, which allows redistribution with
attribution — recorded in the JSON's ``source`` header). Its province, prefecture and county
levels are kept (towns and villages are not: too many ordinary words among them), with jionlp's
short forms (``浙江``, ``杭州``, ``余杭``) when they are safe:

* no single characters;
* a short form that jieba's dictionary knows as a common ordinary word (not a name tag, counted
  ≥ 100 times: 和平, 江山) and any surface in :data:`STOP` (generic district names: 城关, 新区, 开发区, 郊区, 市中区 …) is dropped;
* entries without an administrative code (jionlp's Taiwan districts) and statistical placeholders
  (``市直辖行政区划``) are skipped.

Plus :data:`BRANDS` (famous non-administrative places, each with its province code) and
:data:`REGIONS` (multi-province strategies: 长三角, 京津冀 …), and ``common_quotes``: quoted
phrases that occur in ≥ 3 documents of the corpora — national slogans (放管服, 双碳), not a local
brand.

    .venv/bin/python models/build_places.py
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pipeline" / "data" / "places.json"

# Surfaces that are ordinary words or generic district names far more often than a place.
STOP: list[str] = sorted(set("""
城关 城关区 城区 郊区 矿区 新区 开发区 高新区 市辖区 市中区 市中 城中 城中区 城东 城东区 城西 城西区 城南 城南区 城北 城北区
东区 西区 南区 北区 中区 新城 新城区 老城 老城区 江南 江南区 江北 江北区 河东 河西 河北区 河南区 山南 平安 和平 和平区 新华 新华区
长安 长安区 永安 安定 红旗 红旗区 东方 东方市 白云 青山 青山区 宝山 南山 北山 东山 西山 海城 开发 新兴 新兴区 宁安 安康 吉安 永康
永和 永宁 长宁 长寿 长丰 和顺 兴业 兴安 兴国 兴化 通化 文化 东兴 大同 太和 太平 万安 永新 新建 新建区 建设 建华 建华区 前进
前进区 向阳 向阳区 先锋 胜利 红山 龙华 中山 中山区 中山市 友好 友好区 团结 光明 光明区 新民 新乐 新田 大安 大通 通州 通州区
白山 铁山 金山 金山区 上城 下城 上城区 下城区 鼓楼 鼓楼区 清河 清河区 滨海 滨江 沿海 沿江 临江 临河 东港 西港 南沙 北海
普洱 定安 安远 合作 合作市 共青城 大方 大方县 新市 新市区 路北 路南 路北区 路南区 桥东 桥西 桥东区 桥西区 站前 站前区 铁西 铁东
保税区 综合保税区 惠民 大城 河口 江口 城厢 城厢区 安全 民主 团结 和谐 繁荣 富民 利民 便民 惠农 兴农 强县 平原
铁西区 铁东区 立山 立山区 明光 明水 安宁 宁国 景德 高新 经济 城阳 海港 港口 港口区 港北 港南 港北区 港南区 麻章 龙江 太湖
长治 日照 开封 来宾 河源 阿里 海口
""".split()))

# Famous places that are not administrative divisions, and their province's code (2 digits).
# Kept short and general: financial districts, national new areas and pilot zones that reports of
# one province name as their own brand.
BRANDS = [
    ("中关村", "11"), ("金融街", "11"), ("亦庄", "11"), ("雄安", "13"), ("雄安新区", "13"),
    ("陆家嘴", "31"), ("张江", "31"), ("临港新片区", "31"), ("虹桥", "31"),
    ("前海", "44"), ("横琴", "44"), ("南沙新区", "44"), ("河套", "44"), ("苏州工业园区", "32"),
    ("两江新区", "50"), ("天府新区", "51"), ("西咸新区", "61"), ("滨海新区", "12"), ("浦东新区", "31"),
    ("舟山群岛新区", "33"), ("兰州新区", "62"), ("贵安新区", "52"), ("赣江新区", "36"), ("湘江新区", "43"),
    ("福州新区", "35"), ("滇中新区", "53"), ("哈尔滨新区", "23"), ("长春新区", "22"), ("金普新区", "21"),
    ("海南自由贸易港", "46"), ("自贸港", "46"), ("东湖高新区", "42"), ("光谷", "42"),
]
# Regions of several provinces (national strategies named after places).
REGIONS = [
    ("京津冀", ["11", "12", "13"]), ("长三角", ["31", "32", "33", "34"]),
    ("长江三角洲", ["31", "32", "33", "34"]), ("粤港澳大湾区", ["44", "81", "82"]),
    ("粤港澳", ["44", "81", "82"]), ("港澳", ["81", "82"]), ("大湾区", ["44", "81", "82"]),
    ("成渝", ["50", "51"]), ("成渝地区双城经济圈", ["50", "51"]), ("珠三角", ["44"]),
    ("长株潭", ["43"]), ("关中平原", ["61"]), ("北部湾", ["45", "44", "46"]), ("海峡西岸", ["35"]),
    ("闽台", ["35", "71"]), ("呼包鄂榆", ["15", "61"]), ("东北三省", ["21", "22", "23"]),
]
SKIP_NAMES = re.compile(r"直辖|行政区划|岛礁|海域|管委会|行政委员会|产业园")
_QUOTE = re.compile(r"“([^“”\n]{2,12})”")


def jionlp_source() -> tuple[Path, str, str]:
    """(china_location.zip, jionlp version, licence) of the installed jionlp (read as files, not
    imported: importing jionlp prints a banner and loads much more)."""
    from email.message import Message
    from importlib import metadata
    from typing import cast

    dist = metadata.distribution("jionlp")
    zpath = Path(str(dist.locate_file("jionlp/dictionary/china_location.zip")))
    lic = cast(Message, dist.metadata).get("License") or "see package"  # typeshed has get() from 3.12 only
    return zpath, dist.version, lic


def read_locations(zpath: Path) -> list[tuple[str, str, str, str]]:
    """(code, level, full name, short form) of the province, prefecture and county lines."""
    with zipfile.ZipFile(zpath) as z:
        text = z.read("china_location.txt").decode("utf-8")
    levels = {0: "province", 1: "prefecture", 2: "county"}
    out = []
    province = ""
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, alias = parts
        if depth == 0:
            province = name
        if SKIP_NAMES.search(name) or not code.isdigit():
            continue
        if depth == 1 and name == province:  # 上海市 under 上海市: the municipality itself
            continue
        out.append((code, levels[depth], name, alias))
    return out


def jieba_words() -> dict[str, tuple[str, int]]:
    """jieba's dictionary: word → (POS tag, frequency)."""
    import jieba

    out = {}
    with open(jieba.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (parts[2], int(parts[1]))
    return out


# jieba tags under which a short form is still a name (place, person, other proper noun)
_NAME_TAGS = ("ns", "nr", "nz")
COMMON_FREQ = 100  # a short form jieba counts this often as an ordinary word is that word


def safe_surfaces(full: str, alias: str, words: dict[str, tuple[str, int]], stop: set[str],
                  level: str = "county") -> list[str]:
    """The surfaces of one division that may be matched in running text. jieba's tags are a guide
    for the 2,800 counties only: it tags 大连 an adverb and 合肥 a noun, so a province's or a
    prefecture's short form is dropped only by :data:`STOP` (长治 of 长治久安, 日照, 开封 …)."""
    out = []
    for s in (full, alias):
        if len(s) < 2 or s in stop or s in out:
            continue
        tag, freq = words.get(s, ("ns", 0))
        if level == "county" and s == alias and s != full and not tag.startswith(_NAME_TAGS) \
                and freq >= COMMON_FREQ:
            continue  # an ordinary word first (和平, 江山 …)
        out.append(s)
    return out


def common_quotes(texts: Iterable[str], min_docs: int = 3) -> list[str]:
    """Quoted phrases found in ≥ ``min_docs`` documents: national slogans, not local brands."""
    df: Counter[str] = Counter()
    for t in texts:
        df.update(set(_QUOTE.findall(t)))
    return sorted(q for q, c in df.items() if c >= min_docs)


def corpus_texts() -> list[str]:
    from zongjie.archive import iter_documents

    inputs = sorted(str(p) for p in (ROOT / "corpora" / "public").glob("*/*.jsonl"))
    inputs += [str(ROOT / "corpora" / "seed.txt"), str(ROOT / "corpora" / "annotated"),
               str(ROOT / "corpora" / "drafts")]
    docs = sorted((i, t) for i, t, _ in iter_documents(inputs, errors="skip") if isinstance(t, str) and t)
    return [t for _, t in docs]


def build_places(locations: list[tuple[str, str, str, str]], words: dict[str, tuple[str, int]],
                 quotes: list[str], source: dict[str, str]) -> dict:
    stop = set(STOP)
    places = []
    for code, level, full, alias in sorted(locations):
        surfaces = safe_surfaces(full, alias, words, stop, level)
        if surfaces:
            places.append([code, level, full, surfaces])
    return {
        "format": "zongjie-places", "version": 1, "built_by": "models/build_places.py",
        "source": source,
        "levels": {"province": "code[:2]", "prefecture": "code[:4]", "county": "code[:6]"},
        "places": places,
        "brands": [[n, p] for n, p in sorted(BRANDS)],
        "regions": [[n, ps] for n, ps in sorted(REGIONS)],
        "stop": sorted(stop),
        "common_quotes": quotes,
    }


RESULTS = ROOT / "bench" / "results" / "topics.json"
_SENT = re.compile(r"[^。；;！？!?\n]+")


def measure(false_hits: list[int], seed: int = 13, n_sample: int = 100) -> dict:
    """How many plan sentences of corpora/public carry a place or coinage mark, and a fixed
    random sample of ``places_in`` hits to judge (``false_hits``: indexes judged wrong)."""
    import random

    import zongjie
    from zongjie.archive import iter_documents
    from zongjie.matcher import plan_items
    from zongjie.suggest.places import coinages_in, places_in

    inputs = sorted(str(p) for p in (ROOT / "corpora" / "public").glob("*/*.jsonl"))
    n = n_place = n_coin = n_any = 0
    hits = []
    for doc_id, text, meta in sorted(iter_documents(inputs, errors="skip"), key=lambda d: d[0]):
        assert isinstance(text, str)  # decoded, and errors are skipped
        doc = zongjie.structure(text, markdown=bool(meta.get("markdown")))
        for it in plan_items(doc):
            for u in _SENT.findall(it.text):
                u = u.strip()
                if len(u) < 6:
                    continue
                n += 1
                p, c = places_in(u), coinages_in(u)
                n_place += bool(p)
                n_coin += bool(c)
                n_any += bool(p or c)
                hits += [(doc_id, u[max(0, a - 8):b + 8], name, level) for a, b, name, level in p]
    sample = random.Random(seed).sample(hits, min(n_sample, len(hits)))
    res = {"plan_sentences": n, "with_place": n_place, "with_coinage": n_coin, "with_any_mark": n_any,
           "share_with_any_mark": round(n_any / max(1, n), 4), "place_hits": len(hits),
           "sample_seed": seed, "sample": [[i, ctx, name, level] for i, (_, ctx, name, level) in enumerate(sample)]}
    if false_hits:
        res["judged_false"] = sorted(false_hits)
        res["precision_judged"] = round(1 - len(false_hits) / len(sample), 3)
    return res


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--measure", action="store_true", help="write the 'places' part of bench/results/topics.json")
    ap.add_argument("--false-hits", default="", help="indexes of the sample judged wrong, comma-separated")
    args = ap.parse_args()
    if args.measure:
        res = measure([int(x) for x in args.false_hits.split(",") if x.strip()])
        old = json.loads(RESULTS.read_text("utf-8")) if RESULTS.is_file() else {}
        old["places"] = res
        RESULTS.write_text(json.dumps(old, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for i, ctx, name, level in res["sample"]:
            print(i, name, level, ctx)
        print({k: v for k, v in res.items() if k != "sample"})
        return
    zpath, version, lic = jionlp_source()
    source = {"package": "jionlp", "version": version, "license": lic,
              "file": "jionlp/dictionary/china_location.zip",
              "note": "province, prefecture and county levels with jionlp's short forms; Apache-2.0 "
                      "permits redistribution with attribution (JioNLP, https://github.com/dongrixinyu/JioNLP)"}
    data = build_places(read_locations(zpath), jieba_words(), common_quotes(corpus_texts()), source)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    n_surf = sum(len(p[3]) for p in data["places"])
    print(f"places.json: {len(data['places'])} divisions, {n_surf} surfaces, {len(data['brands'])} brands, "
          f"{len(data['regions'])} regions, {len(data['common_quotes'])} common quotes, "
          f"{OUT.stat().st_size // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    main()
