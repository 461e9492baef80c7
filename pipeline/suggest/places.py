"""Places and local brands in suggestion candidates: what marks a sentence as another place's.

Reviewers rejected index suggestions that came from another province: a named local programme or
loan product, ``金融街``, Hong Kong and Macao firms. This module finds such marks and removes them:

* :func:`places_in` — China's province-, prefecture- and county-level divisions (full names and
  safe short forms: ``浙江省``/``浙江``, ``杭州市``/``杭州``, ``余杭区``/``余杭``), famous
  non-administrative places (``中关村``, ``前海``) and multi-province regions (``长三角``), longest
  match first. The gazetteer (``data/places.json``) is built by ``models/build_places.py`` from
  jionlp's ``china_location`` dictionary; short forms that are ordinary words (和平, 通化) and
  generic district names (城关, 新区, 开发区) are left out.
* :func:`coinages_in` — quoted coinages ``“…”`` that look like a local brand (not a national
  slogan such as ``放管服``: those are listed in the JSON from the corpora).
* :func:`foreign_marks` — the places and coinages of a candidate that the user's document does not
  have: a place is *not* foreign when the document names it, a division above one of its own
  (``浙江`` for a 杭州 document) or below one (``余杭`` for a 杭州 document).
* :func:`generalise` — the candidate without those marks, or ``None`` when nothing measure-like
  is left (``打造“浙里办”品牌``) or the place was the point (``深化与港澳企业合作``).

Standard library only, except the word-boundary test of two-character names, which segments a
few characters around the hit with the suggestion feature's jieba tokenizer (imported lazily).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from zongjie import rx
from zongjie.datafiles import read_data

__all__ = ["places_in", "coinages_in", "foreign_marks", "generalise", "gazetteer"]

_QUOTED = rx.compile(r"[“\"「]([^“”\"「」\n]{2,12})[”\"」]")
_RE_CJK = rx.compile(r"[\u4e00-\u9fff]")
# A coinage is a brand when it carries a province's one-character name (浙里办, 粤省事, 渝快办)…
_PROVINCE_CHARS = set("浙苏粤渝皖赣闽鄂湘桂琼黔滇陇晋冀沪豫鲁蜀辽陕秦")
# … or ends like a named product or service (科创贷, 健康码, 一网通 + 办).
_BRAND_ENDS = ("贷", "码", "办", "通", "云", "e", "易", "宝", "保", "卡", "港", "谷", "湾", "城", "号")
# numbered formulas are the genre's national slogans (三农, 两个确立, 千万工程)
_NUMERAL_LEAD = rx.compile(r"^[一二三四五六七八九十两双百千万]")

# what a brand or place drags along when it goes (…品牌, …经验, …的)
_AFTER = rx.compile(r"^(?:品牌|模式|经验|做法|样板|标杆|名片|系列|等地|地区|片区|一带|等|的|、)+")
# a place that is the partner or the destination of the measure: the clause is about that place
_PARTNER = rx.compile(r"(?:与|同|和|对|向|赴|到|在|对接|融入|服务|联动|携手|借鉴|学习|参照|面向|吸引|引进|承接|深化与|加强与)$")
_DANGLING = rx.compile(r"(?:打造|创建|擦亮|叫响|推广|建设|推进|推动|支持|深化|加强|扩大|培育|做强|做优|用好|复制|"
                       r"与|和|及|对|在|向|的|、)$")
_WINDOW = 8  # characters of context on each side for the word-boundary test
_CLAUSE = rx.compile(r"[^，,；;。！？!?]+[，,；;。！？!?]*")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Any]:
    """The data: surface → list of (level, code prefix), longest surfaces first, common quotes."""
    raw = json.loads(read_data("places.json"))
    keys = {"province": 2, "prefecture": 4, "county": 6}
    surf: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for code, level, _full, surfaces in raw["places"]:
        for s in surfaces:
            surf.setdefault(s, []).append((level, (code[:keys[level]],)))
    for name, prov in raw["brands"]:
        surf.setdefault(name, []).append(("brand", (prov,)))
    for name, provs in raw["regions"]:
        surf.setdefault(name, []).append(("region", tuple(provs)))
    for s in raw["stop"]:
        surf.pop(s, None)
    lengths: dict[str, list[int]] = {}
    for s in surf:
        lengths.setdefault(s[0], []).append(len(s))
    return {"surfaces": surf, "lengths": {c: sorted(set(ls), reverse=True) for c, ls in lengths.items()},
            "common_quotes": frozenset(raw["common_quotes"]), "source": raw["source"]}


def _on_word_boundaries(text: str, s: int, e: int) -> bool:
    """Whether jieba's segmentation (domain dictionary loaded) of the text around ``text[s:e]``
    starts a word at ``s`` and ends one at ``e``: a two-character name inside other words (和政 in
    ``和政府``, 扬中 in ``弘扬中华``, 大城 in ``大城市``) is not a place."""
    from zongjie.suggest.topics import tokenizer

    ws = max(0, s - _WINDOW)
    window = text[ws:min(len(text), e + _WINDOW)]
    bounds = {0}
    pos = 0
    for tok in tokenizer().cut(window, hmm=False):
        pos += len(tok)
        bounds.add(pos)
    return (s - ws) in bounds and (e - ws) in bounds


def _matches(text: str) -> list[tuple[int, int, str, list[tuple[str, tuple[str, ...]]]]]:
    g = gazetteer()
    surf, lengths = g["surfaces"], g["lengths"]
    out = []
    i, n = 0, len(text)
    while i < n:
        hit = None
        for ln in lengths.get(text[i], ()):
            s = text[i:i + ln]
            if len(s) == ln and s in surf:
                hit = s
                break
        if hit is None or (len(hit) <= 2 and not _on_word_boundaries(text, i, i + len(hit))):
            i += 1
            continue
        out.append((i, i + len(hit), hit, surf[hit]))
        i += len(hit)
    return out


@lru_cache(maxsize=16384)
def _short_matches(text: str) -> tuple[tuple[int, int, str, list[tuple[str, tuple[str, ...]]]], ...]:
    """``_matches`` of a candidate or a quote: the archive's measures come back for problem after
    problem, document after document."""
    return tuple(_matches(text))


def places_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, level) of every place in ``text``, longest match first, left to right;
    ``level`` is province, prefecture, county, brand or region (the first reading of an
    ambiguous name: 朝阳 is a county of Beijing and a prefecture of Liaoning)."""
    return [(s, e, name, readings[0][0]) for s, e, name, readings in _short_matches(text)]


def _brand_like(q: str) -> bool:
    if q in gazetteer()["common_quotes"] or _NUMERAL_LEAD.match(q) or not _RE_CJK.search(q):
        return False
    if any(ch in _PROVINCE_CHARS for ch in q) or _short_matches(q):
        return True
    return q.endswith(_BRAND_ENDS) and len(q) <= 6


def coinages_in(text: str) -> list[str]:
    """Quoted coinages of 2–12 characters that look like a local brand (without the quotes)."""
    out: list[str] = []
    for m in _QUOTED.finditer(text):
        q = m.group(1).strip()
        if q and q not in out and _brand_like(q):
            out.append(q)
    return out


@lru_cache(maxsize=64)
def _doc_scope(doc_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The document's own places: their code prefixes, and their provinces."""
    keys: set[str] = set()
    for _, _, _, readings in _matches(doc_text):
        for _, codes in readings:
            keys.update(codes)
    return frozenset(keys), frozenset(k[:2] for k in keys)


def _related(codes: tuple[str, ...], level: str, scope: frozenset[str], provinces: frozenset[str]) -> bool:
    if level in ("brand", "region"):
        return any(c in provinces for c in codes)
    return any(k.startswith(c) or c.startswith(k) for c in codes for k in scope)


def foreign_marks(candidate: str, doc_text: str) -> list[str]:
    """Places and coinages of ``candidate`` that ``doc_text`` neither names nor lies within/above."""
    out: list[str] = []
    scope: tuple[frozenset[str], frozenset[str]] | None = None  # the document's, when first needed
    for _, _, name, readings in _short_matches(candidate):
        if name in doc_text or name in out:
            continue
        if scope is None:
            scope = _doc_scope(doc_text)
        if not any(_related(codes, level, *scope) for level, codes in readings):
            out.append(name)
    for q in coinages_in(candidate):
        if q not in doc_text and q not in out and not any(q in m or m in q for m in out):
            out.append(q)
    return out


def _cjk_len(s: str) -> int:
    return len(_RE_CJK.findall(s))


def _strip_mark(clause: str, mark: str) -> str | None:
    """The clause without every occurrence of ``mark``; None when the place is the clause's point."""
    while True:
        i = clause.find(mark)
        if i < 0:
            return clause
        s, e = i, i + len(mark)
        if s > 0 and clause[s - 1] in "“\"「" and e < len(clause) and clause[e] in "”\"」":
            s, e = s - 1, e + 1
        if _PARTNER.search(clause[:s]):
            return None
        after = _AFTER.match(clause[e:])
        if after:
            e += after.end()
        elif s > 0 and clause[s - 1] == "、":
            s -= 1
        clause = clause[:s] + clause[e:]


def generalise(candidate: str, marks: list[str]) -> str | None:
    """``candidate`` without the place/brand ``marks`` and the words attached to them, or None when
    what remains is too short or dangling (``打造“浙里办”品牌`` → None; ``推进杭州都市圈协同发展`` →
    ``推进都市圈协同发展``). Clauses without a mark are kept as they are."""
    if not marks:
        return candidate
    kept: list[str] = []
    changed = False
    for m in _CLAUSE.finditer(candidate):
        clause = m.group(0)
        body = clause.rstrip("，,；;。！？!?")
        tail = clause[len(body):]
        hit = [k for k in marks if k in body]
        if not hit:
            kept.append(clause)
            continue
        changed = True
        rest: str | None = body
        for k in sorted(hit, key=len, reverse=True):
            rest = _strip_mark(rest, k) if rest is not None else None
        if rest is None:
            continue
        rest = rest.strip(" 、，,")
        if _cjk_len(rest) < 4 or _DANGLING.search(rest):
            continue
        kept.append(rest + tail)
    if not changed:
        return candidate
    out = "".join(kept).strip().rstrip("，,、；;")
    if _cjk_len(out) < 6:
        return None
    if candidate.endswith("。") and not out.endswith("。"):
        out += "。"
    return out
