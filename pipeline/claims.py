"""Quantitative claims (SPEC `extract --json`): numbers and value placeholders with their unit.

Character scanning only: one compiled regular expression finds numerals (Arabic, full-width,
Chinese, mixed ``3.5万``, ``百分之…``), a small hand-written scanner reads what follows (余/多,
magnitude, unit, 以上/左右/以内), ranges (``3-5万元``, ``9亿~16亿``, ``三至五个``) and the qualifier
before (约/近/超/累计/不足).  Exclusions (years, dates, ordinals, document numbers, slogans and
formulas such as ``四个意识``) come from rules and the data files ``data/units.json`` and
``data/slogans.json``; docs/extraction.md explains them.

All matching runs on ``numerals.normalize(text)`` (same length as ``text``), so every offset is an
offset into the original text, and every ``Claim.text`` is ``text[start:end]``.
"""

from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.model import Claim, Placeholder, Span
from pipeline.numerals import CN_DIGIT_VALUE, ar_to_number, cn_to_number, is_year_like, normalize

_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def _load() -> tuple[dict, dict]:
    with open(_DATA / "units.json", encoding="utf-8") as f:
        units = json.load(f)
    with open(_DATA / "slogans.json", encoding="utf-8") as f:
        slogans = json.load(f)
    return units, slogans


def _by_first(words) -> dict[str, tuple[str, ...]]:
    d: dict[str, list[str]] = {}
    for w in words:
        d.setdefault(w[0], []).append(w)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in d.items()}


class _Tables:
    def __init__(self) -> None:
        units, slogans = _load()
        self.base = _by_first(units["units"] + units["percent"])
        self.blocked = _by_first(units["blocked"])
        self.mag_ar = tuple(units["magnitudes_arabic"])
        self.mag_cn = tuple(units["magnitudes_chinese"])
        self.percent = frozenset(units["percent"])
        self.duration_only = frozenset(units["duration_only"])
        self.duration_cues = tuple(units["duration_cues"])
        self.rate_den = frozenset(units["rate_denominators"])
        self.classifiers = frozenset(slogans["generic_classifiers"])
        self.max_formula = float(slogans["max_formula_value"])
        self.heads = tuple(slogans["abstract_heads"])
        self.quote_max = int(slogans["quote_max_chars"])
        qp = slogans["quote_pairs"]
        self.quote_re = re.compile(
            "|".join(f"{re.escape(a)}[^{re.escape(a + b)}\\n]{{1,{self.quote_max}}}{re.escape(b)}"
                     for a, b in qp)
        )
        self.vague = tuple(slogans["vague_prefixes"])
        self.skip = tuple(slogans["skip_prefixes"])
        words = sorted(set(slogans["formulas"]) | set(slogans["idioms"]), key=len, reverse=True)
        self.formula_re = re.compile("|".join(re.escape(normalize(w)) for w in words))


@lru_cache(maxsize=1)
def _t() -> _Tables:
    return _Tables()


# --- the unit grammar (shared with placeholders.py) -------------------------------------------

_PUNCT = set("，。；：、！？,.;:!?）)」』”’\n ")


def _base_at(norm: str, p: int) -> str | None:
    t = _t()
    if p >= len(norm):
        return None
    for u in t.base.get(norm[p], ()):
        if norm.startswith(u, p):
            break
    else:
        return None
    for w in t.blocked.get(norm[p], ()):
        if len(w) > len(u) and norm.startswith(w, p):
            return None
    if u == "成":  # 九成以上, never 建成/一成不变
        q = p + 1
        if not (q >= len(norm) or norm[q] in _PUNCT or norm.startswith(("以上", "左右", "多", "以下"), q)):
            return None
    return u


class UnitMatch(NamedTuple):
    end: int
    mag_span: tuple[int, int]
    unit: str  # normalised magnitude + base (+ /denominator)
    base: str
    qual: str | None  # 余 or 多 when it sits between the number and the unit
    base_span: tuple[int, int]


def unit_at(norm: str, p: int, mags: tuple[str, ...] | None = None) -> UnitMatch | None:
    """Read ``[余|多][magnitude][余|多][unit][/unit]`` at ``p`` (normalised text)."""
    t = _t()
    if mags is None:
        mags = t.mag_ar
    n = len(norm)
    q = None
    if p < n and norm[p] in "余多":
        q = norm[p]
        p += 1
    mag_s = p
    mag = ""
    b = _base_at(norm, p)
    if b is None or (b.startswith("千") and mags and norm.startswith("千", p) and "千" not in mags):
        for m in mags:
            if norm.startswith(m, p):
                mag = m
                break
        if mag:
            p += len(mag)
            if q is None and p < n and norm[p] in "余多":
                q = norm[p]
                p += 1
            b = _base_at(norm, p)
    mag_e = mag_s + len(mag)
    base_s = p
    if b:
        p += len(b)
        if p + 1 < n and norm[p] == "/" and b not in t.percent:
            d = _base_at(norm, p + 1)
            if d and d in t.rate_den:
                p += 1 + len(d)
                b = norm[base_s:p]
    if not mag and not b:
        return None
    if q and not b and not mag:
        return None
    return UnitMatch(p, (mag_s, mag_e), mag + (b or ""), b or "", q, (base_s, p))


# --- numerals ------------------------------------------------------------------------------

_CN = "零〇○一二两三四五六七八九十百千万亿"
_NUM_RE = re.compile(
    r"(?P<pct>百分之)?(?:(?P<ar>"
    r"[0-9](?: [0-9])+(?![0-9])(?: ?\. ?[0-9](?: [0-9])*(?![0-9]))?"
    r"|[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?"
    rf")|(?P<cn>[{_CN}]+(?:点[零〇○一二三四五六七八九]+)?[万亿]*))"
)
_NXNY = re.compile(
    rf"(?<![{_CN}])([{_CN}])(?![{_CN}])[\u4e00-\u9fff]([{_CN}])(?![{_CN}])[\u4e00-\u9fff]"
)
_PREFIX = (("累计", "累计"), ("超过", "超"), ("超出", "超"), ("将近", "近"), ("接近", "近"),
           ("大约", "约"), ("不足", "不足"), ("不到", "不足"), ("逾", "超"), ("超", "超"),
           ("近", "近"), ("约", "约"))
_PREFIX_BAD_BEFORE = {"约": "节制签预合公条契邀相违履特集简隐婉", "近": "最附靠邻亲贴就",
                      "超": "赶高"}
_SUFFIX = (("以上", "以上"), ("左右", "左右"), ("以内", "以内"))
_PRECEDENCE = ("不足", "以内", "近", "超", "以上", "余", "多", "约", "左右", "累计")
_RANGE_SEP = ("~", "-", "—", "–", "至")
_ASCII_BEFORE = re.compile(r"[A-Za-z0-9._+×*/#@&]")
_CN_RANGE_PAIRS = {"一两": (1, 2), "两三": (2, 3), "三四": (3, 4), "四五": (4, 5), "五六": (5, 6),
                   "六七": (6, 7), "七八": (7, 8), "八九": (8, 9)}


class _Num(NamedTuple):
    start: int  # of the numeral (after 百分之)
    end: int
    kind: str  # ar | cn
    pct: bool  # written 百分之…
    core: str  # the numeral without a trailing Chinese magnitude (normalised)
    mag: str  # magnitude taken from a Chinese numeral itself (三千万 → 万)


def _read_num(m: re.Match) -> _Num:
    pct = m.group("pct") is not None
    if m.group("ar") is not None:
        return _Num(m.start("ar"), m.end("ar"), "ar", pct, m.group("ar"), "")
    g = m.group("cn")
    core, mag = g, ""
    for mg in ("万亿", "亿", "万"):
        if g.endswith(mg):
            core, mag = g[: -len(mg)], mg
            break
    return _Num(m.start("cn"), m.end("cn"), "cn", pct, core, mag)


def _value(num: _Num) -> tuple[float | None, float | None]:
    """(value, value_max) of a numeral in its unit; Chinese numerals go through cn2an."""
    if num.kind == "ar":
        return ar_to_number(num.core), None
    core, mag = num.core, num.mag
    if core in _CN_RANGE_PAIRS:  # 三四个 = 3 to 4
        lo, hi = _CN_RANGE_PAIRS[core]
        return float(lo), float(hi)
    if core == "":
        return (1.0 if mag else None), None  # 万余人 = 1万余人
    if core in ("十", "百", "千"):  # cn2an rejects a bare 百/千 (百余人 = 100余人)
        return {"十": 10.0, "百": 100.0, "千": 1000.0}[core], None
    if mag and ("亿" in core or (mag == "万" and "万" in core)):
        full = cn_to_number(core + mag)  # 一亿五千万 → 15000 万
        return (None if full is None else full / (1e4 if mag == "万" else 1e8)), None
    return cn_to_number(core), None


def _has_digit(core: str) -> bool:
    return any(c in CN_DIGIT_VALUE and c not in "零〇○" for c in core)


# --- the scanner -----------------------------------------------------------------------------


class _Raw(NamedTuple):
    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    quals: tuple[str, ...]
    placeholder: bool


def _prefix(norm: str, s: int) -> tuple[int, list[str]]:
    quals: list[str] = []
    pos = s
    for _ in range(2):
        for tok, q in _PREFIX:
            a = pos - len(tok)
            if a >= 0 and norm.startswith(tok, a):
                bad = _PREFIX_BAD_BEFORE.get(tok)
                if bad and a > 0 and norm[a - 1] in bad:
                    continue
                quals.append(q)
                pos = a
                break
        else:
            break
    return pos, quals


def _suffix(norm: str, e: int) -> tuple[int, str | None]:
    for tok, q in _SUFFIX:
        if norm.startswith(tok, e):
            return e + len(tok), q
    return e, None


def _unit_text(text: str, u: UnitMatch, extra_mag: str = "") -> str:
    out = extra_mag + text[u.mag_span[0]:u.mag_span[1]] + text[u.base_span[0]:u.base_span[1]]
    if u.base in ("%", "％"):
        return out[:-1] + "%"
    return out.replace("％", "%")


def _pick(quals) -> str | None:
    qs = [q for q in quals if q]
    if not qs:
        return None
    return min(qs, key=_PRECEDENCE.index)


class _Ctx:
    def __init__(self, text: str) -> None:
        t = _t()
        self.text = text
        self.norm = normalize(text)
        self.quotes = [(m.start(), m.end()) for m in t.quote_re.finditer(self.norm)]
        self.quote_starts = [a for a, _ in self.quotes]
        spans = [(m.start(), m.end()) for m in t.formula_re.finditer(self.norm)]
        spans += [(m.start(), m.end()) for m in _NXNY.finditer(self.norm)
                  if m.group(1) == m.group(2) or (m.group(1) in "十百千万" and m.group(2) in "十百千万")]
        spans.sort()
        self.formula_spans = spans
        self.formula_starts = [a for a, _ in spans]

    def in_quote(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, s) - 1
        return i >= 0 and self.quotes[i][0] < s and e < self.quotes[i][1]

    def in_formula(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.formula_starts, e) - 1
        while i >= 0:
            a, b = self.formula_spans[i]
            if b > s and a < e:
                return True
            if b <= s and a < s - 20:
                break
            i -= 1
        return False


def _skip_before(ctx: _Ctx, s: int, kind: str) -> bool:
    norm = ctx.norm
    if s == 0:
        return False
    prev = norm[s - 1]
    if _ASCII_BEFORE.match(prev):
        return True
    if prev in "-—–~" and s >= 2 and (norm[s - 2].isdigit() or norm[s - 2] in _CN or norm[s - 2] in "%万亿"):
        return True  # second half of a range, or a date 2026-02-02
    t = _t()
    if kind == "ar":
        return prev in "第每前"
    for w in t.skip + t.vague:
        if norm.startswith(w, s - len(w)):
            return True
    return False


def _scan_numbers(ctx: _Ctx) -> list[_Raw]:
    t = _t()
    norm, text = ctx.norm, ctx.text
    out: list[_Raw] = []
    consumed = 0
    n = len(norm)
    for m in _NUM_RE.finditer(norm):
        if m.start() < consumed:
            continue
        s = m.start()
        num = _read_num(norm, m)
        if num is None:
            continue
        kind = num.kind
        base_kind = "ar" if m.group("ar") is not None else "cn"
        if _skip_before(ctx, s, base_kind):
            continue
        e = num.end
        if e < n and norm[e] in "×*xX":
            continue  # 7×24小时, 3x3
        value, value_max = num.value, num.value_max
        quals: list[str] = []
        unit = ""
        base = ""
        if kind == "pct":
            unit, base = "%", "%"
            end = e
        else:
            p = e
            if base_kind == "ar" and p < n and norm[p] == " ":
                u0 = unit_at(norm, p + 1)
                if u0 is not None:
                    p += 1
            mags = () if num.mag else (t.mag_ar if base_kind == "ar" else t.mag_cn)
            u = unit_at(norm, p, mags)
            if u is not None and num.mag and u.base == "" :
                u = None
            if u is None and num.mag:
                unit = text[e - len(num.mag):e]
                end = e
            elif u is None:
                end = e
            else:
                unit = _unit_text(text, u, text[e - len(num.mag):e] if num.mag else "")
                base = u.base
                end = u.end
                if u.qual:
                    quals.append(u.qual)
            # range: 3-5万元, 9亿~16亿, 15%~30%, 三至五个
            r = _range(ctx, m, num, end, unit, base)
            if r is not None:
                value_max, unit, base, end, rq = r
                quals += rq
            elif not unit:
                continue
        if value is None:
            continue
        # a comma-grouped number must carry a unit (27，203，319，000元)
        if "，" in num.digits and not base:
            continue
        cn_core = num.digits
        if base_kind == "cn":
            if not _cn_ok(ctx, num, base, quals, end):
                continue
        if base in t.duration_only or unit.endswith("年") and base == "年":
            if is_year_like(value) or not _duration_cue(norm, s):
                continue
        del cn_core
        start = s
        if m.group("pct"):
            start = m.start()
        ps, pq = _prefix(norm, start)
        if ps < start and ps > 0 and norm[ps - 1] == "第":
            continue
        end2, sq = _suffix(norm, end)
        if end2 > end and value_max is not None and sq == "以内":
            pass
        out.append(_Raw(ps, end2, value, value_max, unit, tuple(pq + quals + ([sq] if sq else [])), False))
        consumed = end2
    return out


def _duration_cue(norm: str, s: int) -> bool:
    ps, _ = _prefix(norm, s)
    return norm[max(0, ps - 4):ps].endswith(_t().duration_cues)


def _range(ctx: _Ctx, m1: re.Match, n1: _Num, p: int, unit1: str, base1: str):
    norm = ctx.norm
    n = len(norm)
    for sep in _RANGE_SEP:
        if norm.startswith(sep, p):
            q = p + len(sep)
            break
    else:
        return None
    if q < n and norm[q] == " ":
        q += 1
    m2 = _NUM_RE.match(norm, q)
    if m2 is None:
        return None
    n2 = _read_num(norm, m2)
    if n2 is None or n2.value is None or n1.value is None:
        return None
    k1 = "ar" if m1.group("ar") is not None else "cn"
    k2 = "ar" if m2.group("ar") is not None else "cn"
    if k1 != k2 or (sep == "至" and False):
        return None
    e2 = n2.end
    t = _t()
    if n2.kind == "pct":
        unit2, base2, end2, quals = "%", "%", e2, []
    else:
        mags = () if n2.mag else (t.mag_ar if k2 == "ar" else t.mag_cn)
        u2 = unit_at(norm, e2, mags)
        mag2 = ctx.text[e2 - len(n2.mag):e2] if n2.mag else ""
        if u2 is None or (n2.mag and u2.base == ""):
            if not n2.mag:
                return None
            unit2, base2, end2, quals = mag2, "", e2, []
        else:
            unit2 = _unit_text(ctx.text, u2, mag2)
            base2, end2 = u2.base, u2.end
            quals = [u2.qual] if u2.qual else []
    if unit1 and unit1 != unit2 and not unit2.startswith(unit1):
        return None
    if n2.value < n1.value:
        return None
    if base2 == "年" and (is_year_like(n1.value) or is_year_like(n2.value)):
        return None
    return n2.value, unit2, base2, end2, quals


def _cn_ok(ctx: _Ctx, num: _Num, base: str, quals: list[str], end: int) -> bool:
    """Chinese-numeral counts: the slogan / formula / idiom exclusions (docs/extraction.md)."""
    t = _t()
    norm = ctx.norm
    core = num.digits[: len(num.digits) - len(num.mag)] if num.mag else num.digits
    has_q = bool(quals)
    if not _has_digit(core) and not core.startswith("十") and not has_q:
        return False  # 百家, 千家万户, 万家, 千万, 亿万
    if core in ("一", "壹") and not num.mag and base not in ("倍", "%", "个百分点", "百分点") and not has_q:
        return False  # 一个, 一批, 一项条例: an article, not a count
    if core == "二" and not num.mag and base in t.classifiers:
        return False  # 二轮 = 第二轮 (counts say 两)
    if ctx.in_formula(num.start, end):
        return False
    if ctx.in_quote(num.start, end):
        return False
    if (base in t.classifiers and not num.mag and not has_q and num.value is not None
            and num.value <= t.max_formula):
        rest = norm[end:end + 6]
        if rest.startswith(t.heads) or rest[:1] in "“「‘\"《":
            return False
    return True


def _scan_placeholders(ctx: _Ctx, placeholders: list[Placeholder]) -> list[_Raw]:
    norm, text = ctx.norm, ctx.text
    out: list[_Raw] = []
    for ph in placeholders:
        if ph.kind not in ("mask", "xx", "blank", "bracket"):
            continue
        u = unit_at(norm, ph.end)
        if u is None or u.base in ("年",) or norm.startswith(("月", "日"), u.end - len(u.base) if u.base else u.end):
            continue
        if not u.base and not u.mag_span[1] > u.mag_span[0]:
            continue
        if ph.start > 0 and norm[ph.start - 1] in "第每":
            continue
        ps, pq = _prefix(norm, ph.start)
        end2, sq = _suffix(norm, u.end)
        quals = pq + ([u.qual] if u.qual else []) + ([sq] if sq else [])
        out.append(_Raw(ps, end2, None, None, _unit_text(text, u), tuple(quals), True))
    return out


# --- sentences and subjects --------------------------------------------------------------------

_SENT_BOUNDARY = re.compile(r"[。！？；!?;\n]")
_CLAUSE_BOUNDARY = set("，,：:")
_LEAD = re.compile(
    r"^(?:[\s\u3000、，,：:；;。．.—\-–·•●▪■◆*]+"
    r"|[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+、|[0-9]+[.、．](?![0-9])|[①-⑳]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]?|其[一二三四五六七八九十][，,、]?"
    r"|首先|其次|再次|最后|同时|其中|此外|另外|并且|而且|截至目前|截止目前|截至年底|截止年底|特别是|尤其是"
    r"|全年|今年|去年|当年|上半年|下半年|年内|目前|当前|以及|共计|合计|总计|累计|先后"
    r"|[0-9]{4}年(?:度|底|初|末)?|[0-9]{1,2}(?:[-—~][0-9]{1,2})?月(?:份|底)?|[一二三四五六七八九十]+月份?"
    r"|并|还|又|也|共)"
)
_TRAIL = re.compile(
    r"(?:[\s\u3000、，,：:]+|达到|共计|总计|合计|累计|分别|已经|超过|达|的|了|是|已|约|近|逾|共)$"
)
_TRAIL_WEI = re.compile(r"(?<![作成认行称视])为$")
_TRAIL_DAO = re.compile(r"(?<![做受得感看想遇收见找报签达截])[至到]$")


def _trim_subject(s: str) -> str:
    prev = None
    while s and s != prev:
        prev = s
        s = _LEAD.sub("", s, count=1)
    prev = None
    while s and s != prev:
        prev = s
        s = _TRAIL.sub("", s)
        s = _TRAIL_WEI.sub("", s)
        s = _TRAIL_DAO.sub("", s)
    return s.strip()


def find_claims(text: str, placeholders: list[Placeholder]) -> list[Claim]:
    """Every quantitative claim in ``text``, sorted by start (``role`` is left to the engine)."""
    if not text:
        return []
    ctx = _Ctx(text)
    raws = _scan_numbers(ctx) + _scan_placeholders(ctx, placeholders)
    raws.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[_Raw] = []
    last = -1
    for r in raws:
        if r.start < last:
            continue
        kept.append(r)
        last = r.end
    if not kept:
        return []
    norm = ctx.norm
    bounds = [m.start() for m in _SENT_BOUNDARY.finditer(norm)]
    out: list[Claim] = []
    prev_claim: Claim | None = None
    for r in kept:
        i = bisect.bisect_left(bounds, r.start)
        s0 = bounds[i - 1] + 1 if i > 0 else 0
        s1 = bounds[i] if i < len(bounds) else len(text)
        if s1 < len(text) and norm[s1] != "\n":
            s1 += 1
        while s0 < r.start and text[s0] in " \t\r\u3000\ufeff":
            s0 += 1
        while s1 > r.end and text[s1 - 1] in " \t\r\u3000":
            s1 -= 1
        c0 = s0
        for j in range(r.start - 1, s0 - 1, -1):
            if norm[j] in _CLAUSE_BOUNDARY:
                c0 = j + 1
                break
        same_sentence = prev_claim is not None and prev_claim.sentence.start == s0
        if same_sentence and prev_claim.end > c0:
            c0 = prev_claim.end
        raw_clause = text[c0:r.start]
        subject = _trim_subject(raw_clause) or None
        if subject is None and same_sentence and prev_claim.end >= c0 and \
                not norm[prev_claim.end:r.start].strip("、和及与 "):
            subject = prev_claim.subject
        quals = list(r.quals)
        if not quals and "累计" in normalize(raw_clause):
            quals.append("累计")
        value = r.value
        claim = Claim(text=text[r.start:r.end], start=r.start, end=r.end, value=value,
                      value_max=r.value_max, unit=r.unit, qualifier=_pick(quals),
                      placeholder=r.placeholder, subject=subject, sentence=Span(s0, s1))
        out.append(claim)
        prev_claim = claim
    return out
