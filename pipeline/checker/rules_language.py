"""Language rules (ZJ7xx): punctuation-width, paired-marks, repeated-punctuation, year-abbreviation,
number-range, date-form, confusable-word.

Each rule is a scan of the original text (never the folded copy: folding turns full-width
punctuation into half-width, which is exactly what these rules look at) with a few regexes and
small context tests.  Precision first: a pattern fires only where the context says what was meant,
and a fix is ``safe`` only where the change is mechanical (``check --fix`` applies it unattended).
Spans of code, URLs, e-mail addresses, HTML comments and Markdown link targets are never touched.
Confusable words are data (``data/confusables.json``), each entry with its own examples.
"""

from __future__ import annotations

import json
from bisect import bisect_right

from zongjie import rx
from zongjie.checker import Ctx
from zongjie.checker.registry import implements
from zongjie.datafiles import DATA
from zongjie.model import Fix

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

# what counts as "Chinese" around a mark: ideographs and the full-width marks that close or open
CLOSERS = "”’）》」』】〕"
OPENERS = "“‘（《「『【〔"
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
CN_DIGIT = "〇一二三四五六七八九"

_PROTECT = rx.compile(
    r"(?ms:^```.*?^```)"                                        # fenced code
    r"|`[^`\n]+`"                                              # inline code
    r"|(?s:<!--.*?-->)"                                         # HTML comments (suppressions)
    r"|(?:https?|ftp)://[!-~]+|www\.[A-Za-z0-9-]+\.[!-~]+"      # URLs: printable ASCII only
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"      # e-mail
    r"|\]\([^)\s]*\)")                                          # Markdown link targets

# one search for a single character class (fast in ``re``, unlike an alternation) decides whether
# the full pattern has to run at all
_PROTECT_GATE = rx.compile(r"[`@<:\]]")


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


class _Spans:
    """Sorted protected spans; ``covers(i)`` in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.ends[k]


def protected(ctx: Ctx) -> _Spans:
    def make() -> _Spans:
        text = ctx.text
        # cheap guards: most documents have none of these, and the scan is then skipped
        if _PROTECT_GATE.search(text) is None and "www." not in text:
            return _Spans([])
        return _Spans([m.span() for m in _PROTECT.finditer(text)])

    return ctx.cached("language.protected", make)


# Every mark the three punctuation rules look at, found once per document and shared through the
# context.  ``re`` is fast on a single character class and slow on alternations whose first
# characters are frequent (，。): one class for the marks, one scan for runs of 。，、；：.
_SINGLE = rx.compile(r"[“”‘’（）《》【】…·•,;:?!()]+")
_RUN = rx.compile(r"[。，、；：][。，、；：]+")
_ASCII_DOTS = rx.compile(r"\.\.\.+")


def marks(ctx: Ctx) -> dict[str, list[tuple[int, str]]]:
    """``{"pair": [(offset, mark)], "half": [(offset, mark)], "run": [(offset, run)]}``: quotes and
    brackets, half-width marks, and runs of 。，、；： or of ellipsis-like dots."""
    def make() -> dict[str, list[tuple[int, str]]]:
        text = ctx.text
        out: dict[str, list[tuple[int, str]]] = {"pair": [], "run": [], "half": []}
        for m in _SINGLE.finditer(text):
            g, at = m.group(), m.start()
            k = 0
            while k < len(g):
                c = g[k]
                if c in "…·•":
                    j = k
                    while j < len(g) and g[j] == c:
                        j += 1
                    if c == "…" or j - k >= 3:
                        out["run"].append((at + k, g[k:j]))
                    k = j
                    continue
                out["pair" if c in "“”‘’（）《》【】" else "half"].append((at + k, c))
                k += 1
        out["run"] += [(m.start(), m.group()) for m in _RUN.finditer(text)]
        out["run"] += [(m.start(), m.group()) for m in _ASCII_DOTS.finditer(text)]
        out["run"].sort()
        return out

    return ctx.cached("language.marks", make)


def _line_bounds(text: str, i: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    return s, len(text) if e < 0 else e


# --------------------------------------------------------------------------- punctuation-width



def _bracket_pair(text: str, i: int) -> tuple[int, int] | None:
    """The bracket pair (either width) a half-width ``(`` or ``)`` at ``i`` belongs to, on one line,
    at most 80 characters inside, or None."""
    step = 1 if text[i] == "(" else -1
    j = i + step
    while 0 <= j < len(text) and abs(j - i) <= 81 and text[j] != "\n":
        c = text[j]
        if c in "()（）":
            if step == 1 and c in ")）" and j > i + 1:
                return i, j
            if step == -1 and c in "(（" and j < i - 1:
                return j, i
            return None
        j += step
    return None
_MARKER_PAREN = rx.compile(r"[ \t\u3000]*[(（][一二三四五六七八九十0-9]{1,3}[)）]")


@implements("punctuation-width")
def punctuation_width(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    n = len(text)
    half = marks(ctx)["half"]
    for i, ch in half:
        if ch in "()":
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if prev.isdigit() and nxt.isdigit():
            continue  # 1,000  8:30  3:1
        if ch == "!" and nxt == "[":
            continue  # Markdown image ![alt](src)
        if ch == "?" and (prev.isdigit() or prev in "、，。；：（“" or nxt in "。，；、：）"):
            continue  # `前1?。` `、?水`: a character the text's encoding lost (‰, 澧), not a question mark
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        after = text[j] if j < n else ""
        han_before = _is_han(prev) or (prev != "" and prev in CLOSERS)
        if not han_before and prev and (prev.isdigit() or prev in "%％"):
            k = i - 1  # `增长12%!`: the number is inside Chinese text when what precedes it is
            while k > 0 and (text[k - 1].isdigit() or text[k - 1] in ".%％"):
                k -= 1
            han_before = k > 0 and _is_han(text[k - 1])
        # Chinese right after the mark counts only when nothing Latin sits before it ("GDP,增长"
        # may be an English list; "表:" after a Latin word is a label we leave alone)
        han_after = (_is_han(nxt) or nxt in OPENERS) and not (prev.isascii() and prev.isalpha())
        if not (han_before or han_after) or prot.covers(i):
            continue
        # spaces after a half-width mark go with it, unless they end the line
        end = j if (j > i + 1 and after not in ("", "\n")) else i + 1
        ctx.emit("punctuation-width", i, i + 1, mark=ch, full=FULL[ch],
                 fix=Fix(i, end, FULL[ch]))
    for o, c in sorted({p for i, ch in half if ch in "()" for p in [_bracket_pair(text, i)] if p}):
        if text[o] == "（" and text[c] == "）":
            continue
        body = text[o + 1:c]
        if not any(_is_han(x) for x in body) or prot.covers(o) or prot.covers(c):
            continue
        ls, _ = _line_bounds(text, o)
        if text[ls:o].strip(" \t\u3000#") == "" and _MARKER_PAREN.match(text, o):
            continue  # a heading marker `(一)`: numbering-style / heading-punctuation own it
        bad = text[o] if text[o] == "(" else text[c]
        ctx.emit("punctuation-width", o if text[o] == "(" else c, (o if text[o] == "(" else c) + 1,
                 "paren", mark=bad, full=FULL[bad], fix=Fix(o, c + 1, "（" + body + "）"))


# --------------------------------------------------------------------------- paired-marks

PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】"}
CLOSE_OF = {v: k for k, v in PAIRS.items()}


@implements("paired-marks")
def paired_marks(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    line_of = ctx.doc.lines.line_of
    stacks: dict[str, list[tuple[int, int]]] = {o: [] for o in PAIRS}  # opener → [(offset, line)]
    bad: list[tuple[int, str]] = []
    for i, ch in marks(ctx)["pair"]:
        if prot.covers(i):
            continue
        if ch == "’" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i + 1].isascii() \
                and text[i - 1].isalpha():
            continue  # an English apostrophe (don’t)
        if ch == "’" and text[i + 1:i + 3].isdigit() and len(text[i + 1:i + 3]) == 2:
            continue  # a year apostrophe (中国’99昆明世界园艺博览会)
        ln = line_of(i)
        if ch in PAIRS:
            st = stacks[ch]
            # GB/T 15834 4.8: a quotation of several paragraphs opens each paragraph with “ and
            # closes only the last — a paragraph-initial “ continues the open one above
            if st and ch in "“‘" and text[text.rfind("\n", 0, i) + 1:i].strip(" \t\u3000") == "" \
                    and st[-1][1] < ln:
                st.pop()
            st.append((i, ln))
            continue
        st = stacks[CLOSE_OF[ch]]
        # scraped texts break lines inside marks (`《⏎条例名⏎》`): pair across ≤ 3 lines
        if st and ln - st[-1][1] <= 3:
            st.pop()
        elif ch == "）" and _enum_close(text, i):
            continue
        else:
            bad.append((i, ch))
    for o, st in stacks.items():
        bad.extend((i, o) for i, _ in st)
    # an opener left open past 3 lines was never closed where it belonged
    for i, ch in sorted(bad):
        ctx.emit("paired-marks", i, i + 1, "open" if ch in PAIRS else "close",
                 mark=ch, other=PAIRS.get(ch) or CLOSE_OF[ch])


def _enum_close(line: str, i: int) -> bool:
    """``line[i]`` is the ``）`` of an item number (``1）``, ``一）``) at a line start or after a mark."""
    j = i
    while j > 0 and line[j - 1] in "0123456789０１２３４５６７８９一二三四五六七八九十abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        j -= 1
    if j == i or i - j > 2:
        return False
    return j == 0 or line[j - 1] in "\n \t\u3000。；：，、"


# --------------------------------------------------------------------------- repeated-punctuation

@implements("repeated-punctuation")
def repeated_punctuation(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    for s, run in marks(ctx)["run"]:
        e = s + len(run)
        if prot.covers(s):
            continue
        c = run[0]
        if c == "…":
            if len(run) == 1:  # a lone … is half an ellipsis (GB/T 15834 4.11: …… takes two places)
                ctx.emit("repeated-punctuation", s, e, "ellipsis", run=run, downgrade=1, fix=Fix(s, e, "……"))
            continue
        if c in ".·•":
            prev = text[s - 1] if s else ""
            nxt = text[e] if e < len(text) else ""
            # ASCII dots only next to Chinese (not `a...b`, version strings, code)
            if c == "." and not (_is_han(prev) or _is_han(nxt) or prev in CLOSERS + "，。"):
                continue
            ctx.emit("repeated-punctuation", s, e, "ellipsis", run=run, downgrade=1, fix=Fix(s, e, "……"))
            continue
        if set(run) == {"。"} and len(run) >= 3:
            ctx.emit("repeated-punctuation", s, e, "ellipsis", run=run, downgrade=1, fix=Fix(s, e, "……"))
        elif len(set(run)) == 1:
            ctx.emit("repeated-punctuation", s, e, "double", run=run, fix=Fix(s, e, c))
        elif run[-1] == "。":
            # `；。` `，。`: the sentence ends here; the mark before the full stop is left over
            ctx.emit("repeated-punctuation", s, e, "mixed", run=run, fix=Fix(s, e, "。"))
        else:
            # `，、` `：，`: which mark was meant is not mechanical — offered, not applied
            ctx.emit("repeated-punctuation", s, e, "mixed", run=run, fix=Fix(s, e, run[-1], safe=False))


# --------------------------------------------------------------------------- year-abbreviation

_YEAR4 = rx.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-9]{2})年")
# a two-digit year: Arabic ('23年 / 23年) or Chinese digit by digit (二三年)
_CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
_NOT_BEFORE_ARABIC = "0123456789０１２３４５６７８９.．%"
_NOT_BEFORE_CHINESE = "〇○零一二三四五六七八九十百千"
# what follows a year and nothing else: 23年5月, 23年度, 23年底/初/末, 23年上半年, 23年一季度
_AFTER_YEAR = rx.compile(r"(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月(?!份?以?来)|度|底|初|末|上半年|下半年|全年"
                         r"|第?[一二三四]季度|前三季度|[春夏秋冬]季|暑期|暑假|寒假|春节|汛期")
# 23年来, 近23年, 连续23年: durations and counts
_NOT_YEAR_BEFORE = "近连续历时用共计满逾约达第过这那每多几余了"


def _century_base(ctx: Ctx) -> tuple[int | None, bool]:
    """(a year of the document, whether it comes from the title) — the century of a short year."""
    def make() -> tuple[int | None, bool]:
        for y in (ctx.summary_year, ctx.plan_year):
            if y:
                return y, True
        counts: dict[int, int] = {}
        for m in _YEAR4.finditer(ctx.text):
            y = int(m.group(1))
            counts[y] = counts.get(y, 0) + 1
        if not counts:
            return None, False
        return max(counts, key=lambda y: (counts[y], y)), False

    return ctx.cached("language.century", make)


@implements("year-abbreviation")
def year_abbreviation(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    base: tuple[int | None, bool] | None = None
    # the 年 of the text via split (C speed); a regex with a CJK class scans a long report 5× slower
    at = -1
    for part in text.split("年")[:-1]:
        at += len(part) + 1
        two = part[-2:]
        apos = arabic = chinese = ""
        if len(two) == 2 and two.isascii() and two.isdigit():
            arabic, s = two, at - 2
            if s and text[s - 1] in "'‘’":
                apos, s = text[s - 1], s - 1
        elif len(two) == 2 and two[1] in _CN_YEAR_DIGITS and two[0] in _CN_YEAR_DIGITS:
            chinese, s = two, at - 2
        else:
            continue
        e = at + 1
        prev = text[s - 1] if s else ""
        if prev and (prev in _NOT_YEAR_BEFORE or prev in (_NOT_BEFORE_ARABIC if arabic else _NOT_BEFORE_CHINESE)):
            continue
        if arabic and not apos and prev.isascii() and prev.isalpha():
            continue  # G20年…, a code
        strong = bool(apos) or bool(_AFTER_YEAR.match(text, e))
        if not strong:
            # `23年，全县…` at the start of a sentence, in a document of 2023: a year as well
            if chinese or prev not in ("", "\n", "。", "；", "！", "？", "在", "于", "自", "从", "至", "到") \
                    or text[e:e + 1] not in ("，", ","):
                continue
        if prot.covers(s):
            continue
        if base is None:
            base = _century_base(ctx)
        yy = int(arabic) if arabic else int("".join(str(CN_DIGIT.index(c) if c in CN_DIGIT else 0) for c in chinese))
        ref, from_title = base
        full, safe = None, False
        if ref is not None:
            cands = [c * 100 + yy for c in (ref // 100 - 1, ref // 100, ref // 100 + 1)]
            full = min(cands, key=lambda y, r=ref: abs(y - r))
            safe = abs(full - ref) <= 5 and (from_title or abs(full - ref) <= 2)
        if not strong and (ref is None or full is None or abs(full - ref) > 2):
            continue  # a sentence-initial `23年，` far from the document's years: not sure it is one
        if full is None:
            rep = None
        elif chinese:  # keep the numeral system the author chose: 二三年 → 二〇二三年
            rep = "".join(CN_DIGIT[int(d)] for d in str(full)) + "年"
        else:
            rep = f"{full}年"
        ctx.emit("year-abbreviation", s, e, "fix" if rep else "default", written=text[s:e], full=rep or "",
                 fix=Fix(s, e, rep, safe=safe) if rep else None)


# --------------------------------------------------------------------------- number-range

NUM = r"[0-9]+(?:\.[0-9]+)?"
_DASH = rx.compile(r"[-－–~〜—～]")
_NOT_BEFORE_RANGE = "0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/#_-－–~〜～—"
_RANGE = rx.compile(
    rf"({NUM})(%|％)?([万亿千]*)(\s*[-－–~〜—～]\s*)({NUM})(%|％)?([万亿]*)")
_NOT_RANGE_BEFORE = ("表", "图", "式", "附件", "附表", "编号", "型号", "代码", "电话", "热线", "传真", "号码", "尾号",
                     "国道", "省道", "县道")
_TIME_UNIT = rx.compile(r"(?:年(?!以?来|间?内|以上|以下|左右|期|限|龄)|月(?!份?以?来)|日|号)")


@implements("number-range")
def number_range(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    # candidates start at a dash (one cheap class scan), not at every digit of the report
    for d in _DASH.finditer(text):
        j = d.start()
        while j > 0 and text[j - 1] == " ":
            j -= 1
        if j == 0 or text[j - 1] not in "0123456789%％万亿千":
            continue
        while j > 0 and text[j - 1] in "0123456789.%％万亿千":
            j -= 1
        while j < d.start() and text[j] not in "0123456789":  # `万-` or `.5-`: start at a digit
            j += 1
        m = _RANGE.match(text, j)
        if m is None or m.start(4) > d.start() or m.end(4) <= d.start():
            continue
        a, pa, ma, dash, b, pb, mb = m.groups()
        s, e = m.span()
        if s and text[s - 1] in _NOT_BEFORE_RANGE:
            continue
        nxt = text[e] if e < len(text) else ""
        if nxt.isdigit() or nxt in "-－./:：" and text[e + 1:e + 2].isdigit():
            continue  # 2023-01-01, 1-2-3, 10-12.5.3: dates and codes, not ranges
        if nxt.isascii() and nxt.isalpha():
            continue  # 3-5G, 1-2cm: units and models in Latin letters are left to the author
        if len(a) >= 5 or len(b) >= 5 or (a.startswith("0") and len(a) >= 3):
            continue  # phone numbers (0571-88…), serial numbers
        before = text[max(0, s - 4):s]
        if any(before.endswith(w) for w in _NOT_RANGE_BEFORE) or prot.covers(s):
            continue
        mark = dash.strip()
        is_pct = bool(pa or pb)
        time_range = not is_pct and not ma and not mb and bool(_TIME_UNIT.match(text, e)) and (
            text[e] != "年" or (len(a) == 4 and len(b) == 4))
        if time_range and text[e] in "日号" and mark == "—":
            continue
        if not (is_pct or ma or mb or _is_han(nxt) or nxt in "%％℃‰"):
            continue  # a bare `3-5` with nothing after it: a clause number, a score, a code
        # GB/T 15834 4.13.3: spans of time or place take the en-rule `—`, number ranges the wave `～`
        want = "—" if time_range else ("—" if mark == "—" else "～")
        # GB/T 15835 4.1.3: a % or a magnitude (万 亿) is repeated on the first number
        first = a + (pa or pb or "") + (ma or mb or "")
        second = b + (pb or pa or "") + (mb or ma or "")
        if (pa or "") and pb and pa != pb:
            second = b + pb
        if mb and ma and ma != mb:
            first, second = a + (pa or "") + ma, b + (pb or "") + mb
        new = first + want + second
        old = text[s:e]
        if new == old:
            continue
        key = "mark" if mark != want and first == a + (pa or "") + (ma or "") else "unit"
        if time_range:
            key = "time"
        ctx.emit("number-range", s, e, key, old=old, new=new, fix=Fix(s, e, new))


# --------------------------------------------------------------------------- date-form

# `N月N号`, searched at the end of the text before each 号
_HAO = rx.compile(r"(?:[0-9]{1,2}|十[一二]?|[一二三四五六七八九])月(?:[0-9]{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])$")
_HAO_NOUN = "文件令楼线院室房馆码台站机库口门路街栋单元车票段场"
_DOTTED = rx.compile(r"(?<![0-9A-Za-z_./\\-])((?:19|20)[0-9]{2})([./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9A-Za-z_./\\-])")
_DOTTED_GATE = rx.compile(r"[0-9][./][0-9]")


def _tableish(line: str) -> bool:
    return "|" in line or "\t" in line or "  " in line.strip() or line.count("\u3000\u3000") > 1


@implements("date-form")
def date_form(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    at = -1
    for part in text.split("号")[:-1] if "号" in text else ():  # split runs in C; a regex scan does not
        at += len(part) + 1
        if not part or part[-1] not in "0123456789一二三四五六七八九十":
            continue
        m = _HAO.search(part[-8:])
        if m is None:
            continue
        start = at - (len(part[-8:]) - m.start())
        nxt = text[at + 1:at + 2]
        if (start and text[start - 1].isdigit()) or (nxt and nxt in _HAO_NOUN) or prot.covers(start):
            continue  # 5月1号文件, 3月8号楼: a name, not a date
        ctx.emit("date-form", at, at + 1, "hao", written=text[start:at + 1], fix=Fix(at, at + 1, "日"))
    if _DOTTED_GATE.search(text) is None:
        return
    for m in _DOTTED.finditer(text):
        y, _, mo, d = m.groups()
        if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
            continue
        s, e = m.span()
        ls, le = _line_bounds(text, s)
        if _tableish(text[ls:le]) or prot.covers(s):
            continue
        # GB/T 9704 7.3.5.1: 年、月、日标全，月、日不编虚位
        new = f"{int(y)}年{int(mo)}月{int(d)}日"
        ctx.emit("date-form", s, e, "numeric", written=m.group(), new=new, fix=Fix(s, e, new))


# --------------------------------------------------------------------------- confusable-word

class Confusable:
    """One entry of ``data/confusables.json``: a wrong form in a context and its right form."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.id: str = raw["id"]
        self.wrong: str = raw["wrong"]
        self.right: str = raw["right"]
        self.pattern = rx.compile(raw["pattern"])
        self.severity: str = raw.get("severity", "warning")
        self.safe: bool = bool(raw.get("safe", True))
        self.source: str = raw["source"]
        self.note: str = raw.get("note", "")
        # substrings one of which must occur before the regex runs (default: the wrong form)
        self.gate: list[str] = list(raw.get("gate") or [self.wrong])
        self.hit: list[str] = list(raw["hit"])
        self.pass_: list[str] = list(raw["pass"])


_CONFUSABLES: list[Confusable] | None = None
_GATE: Any = None  # one alternation of every entry's gate strings


def confusables() -> list[Confusable]:
    global _CONFUSABLES, _GATE
    if _CONFUSABLES is None:
        raw = json.loads((DATA / "confusables.json").read_text(encoding="utf-8"))
        entries = [Confusable(r) for r in raw["entries"]]
        # the gate before the entries: a thread that finds the entries loaded uses the gate
        # (threaded Dask workers, the LSP and web servers check on several threads)
        _GATE = rx.compile(_trie({g for c in entries for g in c.gate}))
        _CONFUSABLES = entries
    return _CONFUSABLES


def _trie(words: set[str]) -> str:
    """An alternation of ``words`` as a prefix tree (``re`` tries fewer branches per position)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = ["\\" + k + emit(v) if k in ".^$*+?{}[]()|\\" else k + emit(v) for k, v in sorted(node.items()) if k]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(root)


@implements("confusable-word")
def confusable_word(ctx: Ctx) -> None:
    text = ctx.text
    prot = protected(ctx)
    entries = confusables()
    # one scan for every gate string: per-entry ``in`` tests cost more than the whole rule
    present = set(_GATE.findall(text))
    if not present:
        return
    for c in entries:
        if not any(g in present for g in c.gate):
            continue
        for m in c.pattern.finditer(text):
            s = m.start("w") if "w" in c.pattern.groupindex else m.start()
            e = s + len(c.wrong)
            if text[s:e] != c.wrong or prot.covers(s):
                continue
            ctx.emit("confusable-word", s, e, wrong=c.wrong, right=c.right, why=c.note or c.source,
                     downgrade=1 if c.severity == "info" else 0, fix=Fix(s, e, c.right, safe=c.safe),
                     data={"entry": c.id})
