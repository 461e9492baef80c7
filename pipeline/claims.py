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

from zongjie import rx
from zongjie.datafiles import DATA as _DATA
from zongjie.model import Claim, Placeholder, Span
from zongjie.normalize import LINE_BREAKS, WS, fold
from zongjie.numerals import CN_DIGIT_VALUE, ar_to_number, cn_to_number, is_year_like, normalize


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
    return {k: tuple(sorted(v, key=lambda w: (-len(w), w))) for k, v in d.items()}


class _Tables:
    def __init__(self) -> None:
        units, slogans = _load()
        self.base = _by_first(units["units"] + units["percent"])
        self.blocked = frozenset(units["blocked"])
        self.blocked_lens = tuple(sorted({len(w) for w in units["blocked"]}))
        self.mag_ar = tuple(units["magnitudes_arabic"])
        self.mag_cn = tuple(units["magnitudes_chinese"])
        self.percent = frozenset(units["percent"])
        self.duration_only = frozenset(units["duration_only"])
        self.after_mag = frozenset(units["after_magnitude_only"])
        self.cn_ambiguous = frozenset(units["chinese_small_ambiguous"])
        self.duration_cues = tuple(units["duration_cues"])
        self.rate_den = frozenset(units["rate_denominators"])
        self.classifiers = frozenset(slogans["generic_classifiers"])
        self.max_formula = float(slogans["max_formula_value"])
        self.heads = tuple(slogans["abstract_heads"])
        qp = slogans["quote_pairs"]

        opens = "".join(re.escape(a) for a, _ in qp)

        def quote_re(k: int) -> re.Pattern:
            return rx.compile(f"(?=[{opens}])(?:" + "|".join(
                f"{re.escape(a)}[^{re.escape(a + b + LINE_BREAKS)}]{{1,{k}}}{re.escape(b)}" for a, b in qp) + ")")

        self.quote_re = {"cn": quote_re(int(slogans["quote_max_chars"])),
                         "ar": quote_re(int(slogans["quote_max_chars_arabic"]))}
        self.skip_words = tuple(slogans["skip_prefixes"]) + tuple(slogans["vague_prefixes"])
        self.skip_last = frozenset(w[-1] for w in self.skip_words)
        # characters that can follow a numeral that is a claim: a fast pre-filter
        self.tail_first = frozenset(w[0] for w in units["units"] + units["percent"]
                                    + units["magnitudes_arabic"]) | frozenset("余多 -—–~至到")
        self.num_re = _num_re(self.tail_first)
        every = units["units"] + units["percent"]
        self.unit_re = {m: _unit_re(every, self.blocked, self.after_mag, m)
                        for m in (self.mag_ar, self.mag_cn, ())}
        words = sorted(set(slogans["formulas"]) | set(slogans["idioms"]), key=lambda w: (-len(w), w))
        firsts = "".join(sorted({re.escape(normalize(w)[0]) for w in words}))
        self.formula_re = rx.compile(f"(?=[{firsts}])(?:" + "|".join(re.escape(normalize(w)) for w in words) + ")")


_TABLES: _Tables | None = None


def _t() -> _Tables:
    """The tables, loaded on first use (the data files are read once)."""
    global _TABLES
    if _TABLES is None:
        _TABLES = _Tables()
    return _TABLES


# --- the unit grammar (shared with placeholders.py) -------------------------------------------

_PUNCT = set("，。；：、！？,.;:!?）)」』”’") | set(WS)  # WS: every blank and line break


def _base_at(norm: str, p: int) -> str | None:
    """The longest unit at ``p``, unless a longer blocked word starts there (人民, 个体, 部门)."""
    t = _t()
    if p >= len(norm):
        return None
    for u in t.base.get(norm[p], ()):
        if norm.startswith(u, p):
            break
    else:
        return None
    lu = len(u)
    for k in t.blocked_lens:
        if k > lu and norm[p:p + k] in t.blocked:
            return None
    if u == "成":  # 九成以上, never 建成/一成不变
        q = p + 1
        if not (q >= len(norm) or norm[q] in _PUNCT or norm.startswith(("以上", "左右", "多", "以下"), q)):
            return None
    return u


_MAG_FIRST = frozenset("万亿千百十")
_QUAL_AFTER_UNIT = frozenset(("倍", "年", "个月", "天", "小时", "分钟", "周岁", "岁"))


class UnitMatch:
    """The unit read after a number (a plain class: ``typing.NamedTuple`` would import typing,
    4 ms of a cold ``zongjie check``)."""

    __slots__ = ("end", "spans", "unit", "base", "qual")

    def __init__(self, end: int, spans: tuple[tuple[int, int], ...], unit: str, base: str,
                 qual: str | None) -> None:
        self.end = end
        self.spans = spans  # the pieces of the unit as written (余/多 left out)
        self.unit = unit  # normalised magnitude + base (+ /denominator)
        self.base = base  # the base unit without magnitude ("" for a bare magnitude: 6600多万)
        self.qual = qual  # 余 or 多 when it sits between the number and the unit

    def __repr__(self) -> str:
        return f"UnitMatch(end={self.end}, spans={self.spans}, unit={self.unit!r}, base={self.base!r}, qual={self.qual!r})"


def _unit_alternation(units: list[str], blocked: frozenset[str]) -> str:
    """``u1(?!blocked rest)|u2…``, longest first: the first alternative that matches is the unit."""
    alts = []
    by_first: dict[str, list[str]] = {}
    for w in blocked:  # index by first character: units × blocked words was most of the start-up time
        by_first.setdefault(w[:1], []).append(w)
    for u in sorted(units, key=lambda w: (-len(w), w)):
        rests = sorted((w[len(u):] for w in by_first.get(u[:1], ()) if len(w) > len(u) and w.startswith(u)),
                       key=lambda w: (-len(w), w))
        alt = re.escape(u)
        if u == "成":  # 九成以上, never 建成/一成不变
            alt += r"(?=以上|左右|多|以下|[，。；：、！？,.;:!?）)」』”’\n ]|$)"
        if rests:
            alt += "(?!" + "|".join(re.escape(r) for r in rests) + ")"
        alts.append(alt)
    return "|".join(alts)


def _unit_re(units: list[str], blocked: frozenset[str], after_mag: frozenset[str], mags: tuple[str, ...]):
    """The tail grammar as one expression: ``[余多]? (unit | magnitude [余多]? [亿]? [unit])``."""

    def build() -> str:
        plain = _unit_alternation([u for u in units if u not in after_mag], blocked)
        every = _unit_alternation(units, blocked)
        mag = "|".join(re.escape(m) for m in mags)
        tail = rf"(?P<q1>[余多])?(?:(?P<b1>{plain})"
        if mags:
            tail += rf"|(?P<mag>{mag})(?:(?P<q2>[余多])(?P<mag2>(?<=万[余多])亿)?)?(?P<b2>{every})?"
        return tail + ")"

    # building the text escapes thousands of words: cache it with what determines it
    inputs = "\x1e".join(["\x1f".join(units), "\x1f".join(sorted(blocked)), "\x1f".join(sorted(after_mag)),
                          "\x1f".join(mags), rx.source_stamp(__file__)])
    return rx.compile_built(f"claims.unit_re.{len(mags)}.{''.join(mags)}", inputs, build)


_MEMO: tuple[str | None, dict] = (None, {})


def unit_at(norm: str, p: int, mags: tuple[str, ...] | None = None) -> UnitMatch | None:
    """Read ``[余|多][magnitude][余|多][亿][unit][/unit]`` at ``p`` (normalised text).

    Results are remembered for the text last seen: the placeholder stage (slot guessing) and the
    claim stage ask about the same positions."""
    global _MEMO
    t = _t()
    if mags is None:
        mags = t.mag_ar
    memo = _MEMO  # read once: another thread may replace it (the memo is per text)
    if memo[0] is not norm:
        memo = _MEMO = (norm, {})
    key = (p, len(mags))  # the three magnitude sets (Arabic, Chinese, none) differ in length
    d = memo[1]
    if key in d:
        return d[key]
    d[key] = u = _unit_at(norm, p, t, mags)
    return u


def _unit_at(norm: str, p: int, t: _Tables, mags: tuple[str, ...]) -> UnitMatch | None:
    m = t.unit_re[mags].match(norm, p)
    if m is None:
        return None
    q = m.group("q1")
    b = m.group("b1")
    if b is not None:
        spans = [m.span("b1")]
        mag = ""
    else:
        mag = m.group("mag")
        b = m.group("b2") or ""
        if not b and mag == "千":
            return None  # a bare 千 is not a magnitude unit (500千伏 is a voltage class)
        spans = [m.span("mag")]
        if m.group("q2"):
            q = q or m.group("q2")
            if m.group("mag2"):
                spans.append(m.span("mag2"))
                mag += "亿"
        if b:
            spans.append(m.span("b2"))
    p = m.end()
    if b:
        n = len(norm)
        if p + 1 < n and norm[p] == "/" and b not in t.percent:
            d = _base_at(norm, p + 1)
            if d and d in t.rate_den:
                base_s = spans[-1][0]
                p += 1 + len(d)
                b = norm[base_s:p]
                spans[-1] = (base_s, p)
        if q is None and p < n and norm[p] in "余多" and b in _QUAL_AFTER_UNIT:
            q = norm[p]  # 一倍多, 3年多
            p += 1
    return UnitMatch(p, tuple(spans), mag + b, b, q)


# --- numerals ------------------------------------------------------------------------------

_CN = "零〇○一二两三四五六七八九十百千万亿"
_AR = (r"[0-9](?: [0-9])+(?![0-9])(?: ?\. ?[0-9](?: [0-9])*(?![0-9]))?"
       r"|[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
       r"|[0-9]+(?:[.·][0-9]+)?")
_CNNUM = rf"[{_CN}]+(?:点[零〇○一二三四五六七八九]+)?[万亿]*"
_BARE_CN = rx.compile(rf"[{_CN}]+(?:点[零〇○一二三四五六七八九]+)?")


def _num_re(tail_first: frozenset[str]) -> re.Pattern:
    """A numeral, either after 百分之, or followed by a character that can start a tail (unit,
    magnitude, 余/多, range separator), or ending in 万/亿.  The runs are atomic (no backtracking
    into a shorter numeral) and the leading class lets the engine skip ordinary text: the scan of
    the many 一/十 inside ordinary words stays in C."""
    tail = "".join(sorted(re.escape(c) for c in tail_first))
    return rx.compile(
        rf"(?=[0-9{_CN}])(?P<pct>百分之)?(?:(?P<ar>(?>{_AR}))|(?P<cn>(?>{_CNNUM})))"
        rf"(?(pct)|(?:(?=[{tail}])|(?<=[万亿])))"
    )


_NXNY = rx.compile(
    rf"(?=[{_CN}])(?<![{_CN}])([{_CN}])(?![{_CN}])[\u4e00-\u9fff]([{_CN}])(?![{_CN}])[\u4e00-\u9fff]"
)
_PREFIX = (("累计", "累计"), ("超过", "超"), ("超出", "超"), ("将近", "近"), ("接近", "近"),
           ("大约", "约"), ("不足", "不足"), ("不到", "不足"), ("逾", "超"), ("超", "超"),
           ("近", "近"), ("约", "约"))
_PREFIX_BAD_BEFORE = {"约": "节制签预合公条契邀相违履特集简隐婉", "近": "最附靠邻亲贴就",
                      "超": "赶高"}
_SUFFIX = (("以上", "以上"), ("左右", "左右"), ("以内", "以内"))
_SUFFIX_FIRST = frozenset("以左")
_PRECEDENCE = ("不足", "以内", "近", "超", "以上", "余", "多", "约", "左右", "累计")
_PHASE_COUNT = rx.compile(r"班|培训|轮训|举办|开展|举行|讲座|研修")
_RANGE_SEP = ("~", "-", "—", "–", "至", "到")
_CHANGE = rx.compile(r"[由从]")
_RANGE_FIRST = frozenset(sep[0] for sep in _RANGE_SEP) - {""}
# a numeral touching these is part of an identifier (PM2.5, 5G, 1+N, 7×24) or a ratio/fraction
_SKIP_ANY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+×*/#@&")
_CN_RANGE_PAIRS = {"一两": (1, 2), "两三": (2, 3), "三四": (3, 4), "四五": (4, 5), "五六": (5, 6),
                   "六七": (6, 7), "七八": (7, 8), "八九": (8, 9)}


class _Num:
    """A numeral found in the text."""

    __slots__ = ("start", "end", "kind", "pct", "core", "mag")

    def __init__(self, start: int, end: int, kind: str, pct: bool, core: str, mag: str) -> None:
        self.start = start  # of the numeral (after 百分之)
        self.end = end
        self.kind = kind  # ar | cn
        self.pct = pct  # written 百分之…
        self.core = core  # the numeral without a trailing Chinese magnitude (normalised)
        self.mag = mag  # magnitude taken from a Chinese numeral itself (三千万 → 万)


def _read_num(m: re.Match) -> _Num:
    pct, g, cn = m.group(1, 2, 3)  # pct, ar, cn
    pct = pct is not None
    if g is not None:
        return _Num(m.end() - len(g), m.end(), "ar", pct, g, "")
    g = cn
    core, mag = g, ""
    for mg in ("万亿", "亿", "万"):
        if g.endswith(mg):
            core, mag = g[: -len(mg)], mg
            break
    return _Num(m.end() - len(g), m.end(), "cn", pct, core, mag)


def _value(num: _Num) -> tuple[float | None, float | None]:
    """(value, value_max) of a numeral in its unit; Chinese numerals go through numerals.parse_cn."""
    if num.kind == "ar":
        try:
            return float(num.core), None
        except ValueError:  # 7 4 7 7 2, 27，203, 14·1
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


class _Raw:
    """A claim found by a scanner, before its sentence and subject are read."""

    __slots__ = ("start", "end", "value", "value_max", "unit", "quals", "placeholder")

    def __init__(self, start: int, end: int, value: float | None, value_max: float | None, unit: str,
                 quals: tuple[str, ...], placeholder: bool) -> None:
        self.start, self.end, self.value, self.value_max = start, end, value, value_max
        self.unit, self.quals, self.placeholder = unit, quals, placeholder


_PREFIX_LAST = frozenset(tok[-1] for tok, _ in _PREFIX)


def _prefix(norm: str, s: int) -> tuple[int, list[str]]:
    """Qualifiers written right before the number: 约, 近, 超过, 累计, 不足 (up to two: 累计超过)."""
    quals: list[str] = []
    pos = s
    if s == 0 or norm[s - 1] not in _PREFIX_LAST:
        return s, quals
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
    if norm[e:e + 1] not in _SUFFIX_FIRST:
        return e, None
    for tok, q in _SUFFIX:
        if norm.startswith(tok, e):
            return e + len(tok), q
    return e, None


def _unit_text(text: str, u: UnitMatch, extra_mag: str = "") -> str:
    if len(u.spans) == 1:
        a, b = u.spans[0]
        out = extra_mag + text[a:b]
    else:
        out = extra_mag + "".join(text[a:b] for a, b in u.spans)
    return out.replace("％", "%") if "％" in out else out


def _pick(quals) -> str | None:
    """The most informative qualifier: a bound (不足 以内 近 超 以上), then an approximation
    (余 多 约 左右), then 累计 — see docs/extraction.md."""
    if not quals:
        return None
    if len(quals) == 1:
        return quals[0]
    return min(quals, key=_PRECEDENCE.index)


_QUOTE_OPEN = rx.compile("[“「‘\"『《]")


class _Ctx:
    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self._quotes: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        self._has_quotes: bool | None = None

    def in_quote(self, s: int, e: int, kind: str = "cn") -> bool:
        """Inside a short quotation or book title: “四个意识”, “双20条”, 《十六条》."""
        if self._has_quotes is None:
            self._has_quotes = _QUOTE_OPEN.search(self.norm) is not None
        if not self._has_quotes:
            return False
        if kind not in self._quotes:
            spans = [(m.start(), m.end()) for m in _t().quote_re[kind].finditer(self.norm)]
            self._quotes[kind] = ([a for a, _ in spans], spans)
        starts, spans = self._quotes[kind]
        i = bisect.bisect_right(starts, s) - 1
        return i >= 0 and spans[i][0] < s and e < spans[i][1]

    def in_formula(self, s: int, e: int) -> bool:
        """Inside a known formula or idiom (十县百乡千村万户, 千家万户) or an ``N X N Y`` formula
        (六稳六保, 三严三实): searched in a small window around the candidate."""
        a = max(0, s - 12)
        win = self.norm[a:e + 12]
        for m in _t().formula_re.finditer(win):
            if m.end() + a > s and m.start() + a < e:
                return True
        for m in _NXNY.finditer(win):
            if (m.group(1) == m.group(2) or (m.group(1) in "十百千万" and m.group(2) in "十百千万")) \
                    and m.end() + a > s and m.start() + a < e:
                return True
        return False


def _skip_before(ctx: _Ctx, s: int, kind: str) -> bool:
    """Ordinals (第3次), rates (每万人), ranks (前10位), identifiers (PM2.5, 5G), vague 数十."""
    norm = ctx.norm
    if s == 0:
        return False
    prev = norm[s - 1]
    if prev in _SKIP_ANY:
        return True
    if prev in "-—–~" and s >= 2 and (norm[s - 2].isdigit() or norm[s - 2] in _CN or norm[s - 2] in "%万亿"):
        return True  # second half of a range, or a date 2026-02-02
    if kind == "ar":
        return prev in "第每前"
    if prev in _CN:
        return True  # inside a longer Chinese numeral or digit string
    t = _t()
    if prev not in t.skip_last:
        return False
    return any(norm.startswith(w, s - len(w)) for w in t.skip_words)


def _tail(ctx: _Ctx, num: _Num) -> tuple[str, str, int, list[str]] | None:
    """(unit as written, base unit, end, [余/多]) after a numeral, or None without a unit."""
    norm = ctx.norm
    e = num.end
    if num.pct:
        return "%", "%", e, []
    t = _t()
    p = e
    if num.kind == "ar":
        if p < len(norm) and norm[p] == " " and _unit_at(norm, p + 1, t, t.mag_ar) is not None:
            p += 1  # spaced-out digits of some old reports: 7 4 7 7 2 亿元
        u = _unit_at(norm, p, t, t.mag_ar)  # asked once per position: no memo
        if u is None:
            return None
        return _unit_text(ctx.text, u), u.base, u.end, ([u.qual] if u.qual else [])
    if not num.mag:
        u = _unit_at(norm, p, t, t.mag_cn)
        if u is None:
            return None
        return _unit_text(ctx.text, u), u.base, u.end, ([u.qual] if u.qual else [])
    mag_text = ctx.text[e - len(num.mag):e]
    u = _unit_at(norm, p, t, ())
    if u is None or not u.base:  # 十四亿多人口 → 十四亿多, unit 亿
        if e < len(norm) and norm[e] in "余多":
            return mag_text, "", e + 1, [norm[e]]
        return mag_text, "", e, []
    return _unit_text(ctx.text, u, mag_text), u.base, u.end, ([u.qual] if u.qual else [])


def _context_excludes(ctx: _Ctx, num: _Num, s: int, end: int, base: str) -> bool:
    """Exclusions that depend on the unit: ordinals, phases, ranks, the structure of the text."""
    norm = ctx.norm
    if base == "个":
        return norm.startswith("方面", end)  # 从5个方面, 9个方面工作: structure, not a count
    if base == "次":  # 十三届五次会议, 七次、八次全会: ordinals
        return (norm[s - 1:s] == "届" or norm[max(0, s - 2):s] in ("人大", "政协")
                or norm.startswith(("全会", "全体会议"), end))
    if base == "期":  # 西湖大学三期, 引水二期: phases of a project, not counts
        return num.kind == "cn" and not _PHASE_COUNT.search(norm, max(0, s - 10), s)
    if base == "位":  # 排名由369位上升到235位: a rank
        return "排" in norm[max(0, s - 16):s]
    if base in ("分钟", "小时"):  # 15分钟便民生活圈, 1小时通勤圈: a concept
        return _CIRCLE.match(norm, end) is not None
    return False


_CONTEXT_BASES = frozenset(("个", "次", "期", "位", "分钟", "小时"))
_CIRCLE = rx.compile(r"[\u4e00-\u9fff]{0,5}圈")


def _scan_numbers(ctx: _Ctx) -> list[_Raw]:
    t = _t()
    norm = ctx.norm
    out: list[_Raw] = []
    consumed = 0
    n = len(norm)
    tail_first = t.tail_first
    duration_only = t.duration_only
    for m in t.num_re.finditer(norm):
        s = m.start()
        if s < consumed:
            continue
        e = m.end()
        if (e >= n or norm[e] not in tail_first) and norm[e - 1] not in "万亿" and m.group(1) is None:
            continue
        num = _read_num(m)
        ar = num.kind == "ar"
        if s and _skip_before(ctx, s, num.kind):
            continue
        if e < n and norm[e] in "×*xX":
            continue  # 7×24小时, 3x3
        tail = _tail(ctx, num)
        if tail is None:
            unit, base, end, quals = "", "", e, []
        else:
            unit, base, end, quals = tail
        value_max: float | None = None
        r = _range(ctx, num, end, unit) if norm[end:end + 1] in _RANGE_FIRST else None
        if r is not None:
            value_max, unit, base, end, rq = r
            quals = quals + rq
        elif not unit:
            continue
        if ar and not base and ("，" in num.core or "," in num.core):
            continue  # a comma-grouped number must carry a unit (２７，２０３，０００元)
        if base in duration_only:  # 年: a duration after 连续/累计…, never a year (2022年)
            v0 = _value(num)[0]
            if v0 is None or is_year_like(v0) or not _duration_cue(norm, s):
                continue
        ps, pq = _prefix(norm, s)
        if not ar and not _cn_ok(ctx, num, base, quals, end, bool(pq)):
            continue
        if base in _CONTEXT_BASES and _context_excludes(ctx, num, s, end, base):
            continue
        if ar and ctx.in_quote(s, end, "ar"):
            continue  # “双20条”, “3个100万”: names of programmes
        value, vmax = _value(num)
        if value is None:
            continue
        if vmax is not None and value_max is None:
            value_max = vmax
        end2, sq = _suffix(norm, end)
        if sq:
            quals = quals + [sq]
        out.append(_Raw(ps, end2, value, value_max, unit, tuple(pq + quals) if pq else tuple(quals), False))
        consumed = end2
    return out


def _duration_cue(norm: str, s: int) -> bool:
    ps, _ = _prefix(norm, s)
    return norm[max(0, ps - 4):ps].endswith(_t().duration_cues)


def _range(ctx: _Ctx, n1: _Num, p: int, unit1: str):
    """Upper end of a range written ``N1<sep>N2 unit`` (3-5万元, 9亿~16亿, 15%~30%, 三至五个)."""
    norm = ctx.norm
    for sep in _RANGE_SEP:
        if norm.startswith(sep, p):
            q = p + len(sep)
            break
    else:
        return None
    if q < len(norm) and norm[q] == " ":
        q += 1
    if sep == "到" and _CHANGE.search(norm, max(0, n1.start - 12), n1.start):
        return None  # 由3%提高到5%, 从A到B: a change, not a range
    m2 = _t().num_re.match(norm, q)
    if m2 is None and n1.pct and sep in ("至", "到"):
        m2 = _BARE_CN.match(norm, q)  # 百分之八至九
        if m2 is None:
            return None
        n2 = _Num(m2.start(), m2.end(), "cn", True, m2.group(), "")
    elif m2 is None:
        return None
    else:
        n2 = _read_num(m2)
    if n2.kind != n1.kind or (n1.pct and not n2.pct):
        return None
    if n2.kind == "cn" and sep not in ("至", "到", "~"):
        return None  # 三—五 is not how Chinese numerals are ranged
    tail2 = _tail(ctx, n2)
    if tail2 is None:
        return None
    unit2, base2, end2, quals = tail2
    if unit1 and unit1 != unit2 and not unit2.startswith(unit1):
        return None
    v1, _ = _value(n1)
    v2, _ = _value(n2)
    if v1 is None or v2 is None or v2 <= v1:
        return None
    if base2 == "年" and (is_year_like(v1) or is_year_like(v2)):
        return None
    return v2, unit2, base2, end2, quals


def _cn_ok(ctx: _Ctx, num: _Num, base: str, quals: list[str], end: int, prefixed: bool = False) -> bool:
    """Chinese-numeral counts: the slogan / formula / idiom exclusions (docs/extraction.md)."""
    t = _t()
    core = num.core
    has_q = bool(quals)
    if num.pct:  # 百分之百的努力 is rhetoric; 满意率百分之百 is a claim
        if core == "百" and ctx.norm.startswith(("的", "地"), end):
            return False
        return core != "" and not ctx.in_formula(num.start, end)
    if not _has_digit(core) and not core.startswith("十") and not has_q and not prefixed:
        return False  # 百家, 千家万户, 万家, 千万, 亿万 (but 超万列, 近千人 are counts)
    if len(core) > 1 and core not in _CN_RANGE_PAIRS and not any(c in "十百千万亿点" for c in core):
        return False  # 二〇二二, 九三学社: digit strings are years, codes, names
    if core in ("一", "壹") and not num.mag and base not in ("倍", "%", "个百分点", "百分点") and not has_q:
        return False  # 一个, 一批, 一项条例: an article, not a count
    if core == "二" and not num.mag and base in t.classifiers:
        return False  # 二轮 = 第二轮 (counts say 两)
    if base in t.cn_ambiguous and not num.mag and len(core) == 1:
        return False  # 三门峡, 金七门, 七台河, 两节: place names and holidays
    if ctx.in_formula(num.start, end) or ctx.in_quote(num.start, end):
        return False
    if base in t.classifiers and not num.mag and not has_q:
        v, _ = _value(num)
        if v is not None and v <= t.max_formula:
            rest = ctx.norm[end:end + 6]
            if rest.startswith(t.heads) or (rest and rest[0] in "“「‘\"《"):
                return False  # 四个意识, 两个维护, 三个“…”
    return True


def _scan_placeholders(ctx: _Ctx, placeholders: list[Placeholder]) -> list[_Raw]:
    norm, text = ctx.norm, ctx.text
    out: list[_Raw] = []
    for ph in placeholders:
        if ph.kind not in ("mask", "xx", "blank", "bracket"):
            continue
        u = unit_at(norm, ph.end)
        if u is None or u.base == "年":
            continue  # a date, not a value
        if ph.start > 0 and norm[ph.start - 1] in "第每":
            continue
        ps, pq = _prefix(norm, ph.start)
        end2, sq = _suffix(norm, u.end)
        quals = pq + ([u.qual] if u.qual else []) + ([sq] if sq else [])
        out.append(_Raw(ps, end2, None, None, _unit_text(text, u), tuple(quals), True))
    return out


# --- sentences and subjects --------------------------------------------------------------------

# every line terminator ends a sentence (normalize.LINE_BREAKS: CR, U+2028 … as well as \n)
_SENT_BOUNDARY = rx.compile(r"[。！？；!?;" + re.escape(LINE_BREAKS) + "]")
_CLAUSE_RE = rx.compile(r"[，,：:]")
_LIST_JOINERS = frozenset("和及与、")
_FUNCTION_CHARS = frozenset("和及与同跟向对在从给把被将")
_SPACE = frozenset(WS)  # every blank and zero-width character, as the folded copy has them
# leading words of a subject that say nothing about what was counted: connectives, item markers
# (一是, （一）, 1.), time words (全年, 2023年, 1-3月)
_LEAD_PUNCT = WS + "、，,：:；;。．.—-–·•●▪■◆#"  # `#`: a Markdown heading's hashes
_LEAD_WORDS: dict[str, tuple[str, ...]] = {}
for _w in ("首先", "其次", "再次", "最后", "同时", "其中", "此外", "另外", "并且", "而且", "截至目前", "截止目前",
           "截至年底", "截止年底", "特别是", "尤其是", "全年", "今年", "去年", "当年", "上半年", "下半年", "年内",
           "目前", "当前", "以及", "共计", "合计", "总计", "累计", "先后", "并", "还", "又", "也", "共"):
    _LEAD_WORDS.setdefault(_w[0], ())
    _LEAD_WORDS[_w[0]] = tuple(sorted(_LEAD_WORDS[_w[0]] + (_w,), key=lambda w: (-len(w), w)))
_LEAD_PATTERN = rx.compile(
    r"[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+、|[0-9]+[.、．](?![0-9])|[①-⑳]"
    r"|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]?|其[一二三四五六七八九十][，,、]?"
    r"|[0-9]{4}年(?:度|底|初|末)?|[0-9]{1,2}(?:[-—~][0-9]{1,2})?月(?:份|底)?|[一二三四五六七八九十]+月份?"
)
_LEAD_PATTERN_FIRST = frozenset("（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳一二三四五六七八九十第其")
_TRAIL_WORDS = ("达到", "共计", "总计", "合计", "累计", "分别", "已经", "达", "的", "了", "是", "已", "共", "由", "从")
_TRAIL_LAST = frozenset("达计别经的了是已共由从为至到")
_TRAIL_SPACE = WS + "、，,：:"
_KEEP_DAO = frozenset("做受得感看想遇收见找报签达截")  # 做到, 截至: part of the verb


def _trim_subject(s: str) -> str:
    """Drop leading connectives, markers and time words, and trailing verbs-particles."""
    while s:
        s = s.lstrip(_LEAD_PUNCT)
        if not s:
            break
        for w in _LEAD_WORDS.get(s[0], ()):
            if s.startswith(w):
                s = s[len(w):]
                break
        else:
            if "\uff01" <= s[0] <= "\uff5e":  # `１．`, `（１）`: read a full-width marker as `1.`, `(1)`
                m = _LEAD_PATTERN.match(fold(s[:24]))
                m = m if m is not None and m.group()[0] in _LEAD_PATTERN_FIRST else None
            else:
                m = _LEAD_PATTERN.match(s) if s[0] in _LEAD_PATTERN_FIRST else None
            if not m:
                break
            s = s[m.end():]
    while s:
        s = s.rstrip(_TRAIL_SPACE)
        if not s or s[-1] not in _TRAIL_LAST:
            break
        if s.endswith(_TRAIL_WORDS):
            for w in _TRAIL_WORDS:
                if s.endswith(w):
                    s = s[: -len(w)]
                    break
        elif s.endswith("为") and not s.endswith(("作为", "成为", "认为", "行为", "称为", "视为")):
            s = s[:-1]
        elif s.endswith(("至", "到")) and s[-2:-1] not in _KEEP_DAO:
            s = s[:-1]
        else:
            break
    return s.strip()


# Short predicates that, alone in their clause, belong to the claim text (data: units.json "predicates").
def _load_predicates() -> re.Pattern[str]:
    import json

    from zongjie.datafiles import read_data

    data = json.loads(read_data("units.json"))
    words = sorted(data.get("predicates", []), key=lambda w: (-len(w), w))
    return rx.compile("(?:同比|比上年|较上年|环比)?(?:" + "|".join(map(re.escape, words)) + ")")


_PREDICATE = _load_predicates()


def _raw_key(r: _Raw) -> tuple[int, int]:
    return (r.start, r.start - r.end)


def find_claims(text: str, placeholders: list[Placeholder]) -> list[Claim]:
    """Every quantitative claim in ``text``, sorted by start (``role`` is left to the engine)."""
    if not text:
        return []
    ctx = _Ctx(text)
    kept = _scan_numbers(ctx)  # sorted, never overlapping
    if placeholders:
        raws = kept + _scan_placeholders(ctx, placeholders)
        raws.sort(key=_raw_key)
        kept = []
        last = -1
        for r in raws:
            if r.start >= last:
                kept.append(r)
                last = r.end
    if not kept:
        return []
    norm = ctx.norm
    n = len(text)
    bounds = [m.start() for m in _SENT_BOUNDARY.finditer(norm)]
    clause_bounds = [m.start() for m in _CLAUSE_RE.finditer(norm)]
    out: list[Claim] = []
    prev: Claim | None = None
    for r in kept:
        start, end = r.start, r.end
        i = bisect.bisect_left(bounds, start)
        s0 = bounds[i - 1] + 1 if i else 0
        s1 = bounds[i] if i < len(bounds) else n
        if s1 < n and norm[s1] not in LINE_BREAKS:
            s1 += 1
        while s0 < start and text[s0] in _SPACE:
            s0 += 1
        while s1 > end and text[s1 - 1] in _SPACE:
            s1 -= 1
        k = bisect.bisect_left(clause_bounds, start) - 1
        c0 = clause_bounds[k] + 1 if k >= 0 and clause_bounds[k] >= s0 else s0
        before = prev if prev is not None and prev.sentence.start == s0 else None  # in this sentence
        same = before is not None
        if same and before.end > c0:
            c0 = before.end
        clause = text[c0:start]
        if same and c0 == before.end and clause[:1] in _LIST_JOINERS:
            clause = clause[1:]  # 增至214对和69家: 和 joins two counts
        subject = _trim_subject(clause) or None
        if subject is not None and len(subject) == 1 and subject in _FUNCTION_CHARS:
            subject = None  # 与8个国家…: a preposition says nothing about what was counted
        if subject is None and same and before.end >= c0 and not norm[before.end:start].strip("、和及与 "):
            subject = before.subject  # 慰问归侨、侨侨眷**户**人: the second count shares the subject
        quals = r.quals
        if not quals and "累计" in norm[c0:start]:
            quals = ("累计",)
        m_pred = _PREDICATE.fullmatch(norm[c0:start].strip())
        if m_pred and not (same and before.end >= c0):
            # `…培训学习**余次，培训***余人次` / `，同比增长6.1%`: a clause that is only a short predicate
            # and the quantity is one claim (SPEC's `培训***余人次`); what was counted is the clause before.
            start = c0 + (len(norm[c0:start]) - len(norm[c0:start].lstrip()))
            if same and before.sentence.start == s0 and before.end <= c0:
                subject = before.subject
            else:
                k2 = bisect.bisect_left(clause_bounds, c0 - 1) - 1
                p0 = clause_bounds[k2] + 1 if k2 >= 0 and clause_bounds[k2] >= s0 else s0
                subject = _trim_subject(text[p0:max(p0, c0 - 1)]) or None if c0 > s0 else None
        claim = Claim(text[start:end], start, end, r.value, r.value_max, r.unit, _pick(quals),
                      r.placeholder, subject, Span(s0, s1))
        out.append(claim)
        prev = claim
    return out
