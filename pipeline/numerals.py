"""Numeral helpers for the extraction stages: a length-preserving normaliser and number parsing.

``normalize`` maps full-width digits and signs, and the traditional characters that matter for
numbers, units and qualifiers, to their half-width / simplified forms **one code point for one
code point**, so offsets found in the normalised text are offsets into the original text.

Chinese numerals are parsed here, not with cn2an: importing and initialising cn2an costs about
600 ms (it compiles hundreds of regular expressions), ten times the whole start-up budget of
`zongjie check`. The parser below covers what counts need (``三千零六十八``, ``二百一十五``, ``一点二``,
``十五``, ``两万``, ``一亿二千万``) and tests/test_numerals_oracle.py checks it against cn2an — the
reference implementation — on every integer form cn2an writes from 0 to 200,000, on samples up to 10^12
and on decimals. What we do around the conversion, and why:

* ``〇``/``○`` are read as ``零`` (cn2an rejects ``一百〇八``).
* a trailing magnitude (``万``/``亿``/``万亿``) is split off by the caller and kept in the unit, as
  the SPEC wants (``一点二亿元`` → 1.2 ``亿元``).
* ``百分之`` is stripped by the caller.
* digit-only strings without a positional character (``二〇二二``, ``九三``) are years, codes or
  names, never counts: they are rejected (cn2an would read ``三四`` as 34).
"""

from __future__ import annotations

import re
from functools import lru_cache

from zongjie import rx

# --- length-preserving normalisation --------------------------------------------------------

_FULL = "０１２３４５６７８９．％～－"
_HALF = "0123456789.%~-"
# traditional → simplified, only characters that occur in numbers, units, qualifiers and cues
_TRAD = "萬億兩點個戶項條張種類處場噸畝輛臺餘約過計幾數頃頭隻屆歲週內達為與擔參貳單棟間門組隊筆節課當來連續歷長"
_SIMP = "万亿两点个户项条张种类处场吨亩辆台余约过计几数顷头只届岁周内达为与担参贰单栋间门组队笔节课当来连续历长"
assert len(_FULL) == len(_HALF) and len(_TRAD) == len(_SIMP)
_MAP = dict(zip(_FULL + _TRAD, _HALF + _SIMP))
assert not set(_MAP.values()) & set(_MAP)  # no replacement is replaced again: any order will do


_NEEDS = rx.compile("[" + re.escape(_FULL + _TRAD) + "]")
_last: tuple[str, str] = ("", "")


def normalize(text: str) -> str:
    """Half-width digits and simplified characters, same length as ``text``.

    The last result is remembered: the placeholder and claim stages normalise the same text."""
    global _last
    last = _last  # read once: another thread may replace it
    if last[0] is text:
        return last[1]
    # one str.replace per distinct character found: ``str.translate`` looks every character of
    # the text up in a dict (0.14 against 0.97 ms for a 21,000-character report)
    norm = text
    for ch in set(_NEEDS.findall(text)):
        norm = norm.replace(ch, _MAP[ch])
    _last = (text, norm)
    return norm


# --- Chinese numerals -------------------------------------------------------------------------

CN_DIGIT_VALUE = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGITS = "".join(CN_DIGIT_VALUE)
CN_POSITIONAL = "十百千万亿"
CN_ALL = CN_DIGITS + CN_POSITIONAL

_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def _section(s: str) -> int | None:
    """A numeral below 10,000 (``三千零六十八``, ``十五``, ``二百一十``)."""
    total, cur, last_unit = 0, None, 10**5
    for ch in s:
        if ch in CN_DIGIT_VALUE:
            if cur is not None and cur != 0 and CN_DIGIT_VALUE[ch] != 0:
                return None  # two digits in a row: 三四
            cur = CN_DIGIT_VALUE[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 百百
            if cur == 0:
                return None
            total += (1 if cur is None else cur) * unit
            cur, last_unit = None, unit
        else:
            return None
    return total + (cur or 0)


def _integer(s: str) -> int | None:
    if not s:
        return None
    for mark, scale in (("亿", 10**8), ("万", 10**4)):
        if mark in s:
            head, _, tail = s.partition(mark)
            hv = _integer(head)
            tv = _integer(tail.lstrip("零")) if tail.strip("零") else 0
            if hv is None or tv is None or tv >= scale:
                return None
            return hv * scale + tv
    return _section(s)


def parse_cn(s: str) -> float | None:
    """Value of a Chinese numeral, or None if it is not one."""
    if not s:
        return None
    s = s.replace("〇", "零").replace("○", "零")
    if "点" in s:
        head, _, frac = s.partition("点")
        if not frac or any(c not in CN_DIGIT_VALUE for c in frac):
            return None
        hv = _integer(head) if head not in ("", "零") else 0
        if hv is None:
            return None
        return float(f"{hv}.{''.join(str(CN_DIGIT_VALUE[c]) for c in frac)}")
    v = _integer(s)
    return None if v is None else float(v)


@lru_cache(maxsize=4096)
def cn_to_number(s: str) -> float | None:
    """Value of a Chinese numeral (``三千零六十八``, ``一点二``, ``二百一十五``), or None.

    Digit-only strings without a positional character (``二〇二二``) are rejected: they are years,
    codes or names, not counts."""
    if not s:
        return None
    s = s.replace("〇", "零").replace("○", "零")
    if len(s) > 1 and not any(c in CN_POSITIONAL or c == "点" for c in s):
        return None
    if s[0] == "零" and not s.startswith("零点"):
        return None
    return parse_cn(s)


def ar_to_number(s: str) -> float | None:
    """Value of an Arabic numeral in normalised text: ``1,234.5``, ``27，203``, ``7 4 7 7 2``, ``14·1``."""
    t = s.replace(" ", "").replace(",", "").replace("，", "").replace("·", ".")
    try:
        return float(t)
    except ValueError:
        return None


def is_year_like(v: float | None) -> bool:
    return v is not None and v.is_integer() and 1000 <= v <= 2199


def cn_numeral(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千", zero: str = "零",
                   bare_ten: bool = True) -> str:
    """Chinese counting numerals, as markers and Word's numbering write them: 0 → 零, 1 → 一,
    10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 110 → 一百一十, 12000 → 一万二千.  ``digits``,
    ``units`` and ``zero`` give the other styles (大写 壹拾…); the one number → numeral conversion."""
    if n == 0:
        return digits[0]
    if n < 0:
        return "负" + cn_numeral(-n, digits, units, zero)
    if n >= 10000:
        high, low = divmod(n, 10000)
        head = cn_numeral(high, digits, units, zero) + "万"
        if low == 0:
            return head
        return head + (zero if low < 1000 else "") + cn_numeral(low, digits, units, zero, False)
    out = []
    pending_zero = False
    for power in (3, 2, 1, 0):
        d = (n // 10 ** power) % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if power and not (power == 1 and d == 1 and not out and bare_ten and units == "十百千"):
            out.append(digits[d] + units[power - 1])
        elif power:
            out.append(units[power - 1])  # 十, 十一 … not 一十
        else:
            out.append(digits[d])
    return "".join(out)
