"""Inline enumerations inside paragraphs: 一是…二是…, 一要…, 第一，…, 其一，…, 首先…其次…最后…"""

from __future__ import annotations

from zongjie import rx
from zongjie.markers import cn_small_int
from zongjie.model import Item

# A marker opens the paragraph or follows punctuation or a space.  The patterns start with the
# marker itself (SRE then scans for its first character in C) and ``_opens`` tests what precedes
# it: a look-behind in front made the engine try every position of the paragraph.  Same matches:
# a refused match consumes only numerals and 是/要, inside which no other marker can open.
_BOUNDARY = frozenset("。；;：:，,、！？!?”\"）)")
RE_SHI = rx.compile(r"([一二三四五六七八九十]{1,3})(是|要)(?![否的])")
RE_ORD = rx.compile(r"第([一二三四五六七八九十]{1,3})[，,、：:]")
RE_QI = rx.compile(r"其([一二三四五六七八九十])[，,、：:]")
RE_SEQ = rx.compile(r"(首先|其次|再次|然后|最后)[，,：:]")
SEQ_NUM = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 9}


def _opens(seg: str, i: int) -> bool:
    return i == 0 or seg[i - 1] in _BOUNDARY or seg[i - 1].isspace()


def find_items(folded: str, start: int, end: int) -> list[Item]:
    """Items in ``folded[start:end]`` (one paragraph). Line numbers are filled by the caller."""
    seg = folded[start:end]
    out: list[Item] = []
    for pat, style in ((RE_SHI, "shi"), (RE_ORD, "ordinal"), (RE_QI, "qi")):
        for m in pat.finditer(seg):
            if not _opens(seg, m.start()):
                continue
            n = cn_small_int(m.group(1))
            if not n or n > 30:
                continue
            st = "yao" if style == "shi" and m.group(2) == "要" else style
            out.append(Item(marker=m.group(0), number=n, start=start + m.start(), end=start + m.end(),
                            line=0, style=st))
    seq = [m for m in RE_SEQ.finditer(seg) if _opens(seg, m.start())]
    words = {m.group(1) for m in seq}
    if "首先" in words and words & {"其次", "再次", "最后"}:
        for m in seq:
            out.append(Item(marker=m.group(1), number=SEQ_NUM[m.group(1)], start=start + m.start(),
                            end=start + m.start() + len(m.group(1)), line=0, style="sequence"))
    out = _keep_runs(sorted(out, key=lambda i: i.start))
    for i, it in enumerate(out):
        nxt = next((o.start for o in out[i + 1:] if o.style == it.style), end)
        it.content_end = nxt
        # ordinal/qi markers carry their comma; the marker text is the words only
        if it.style in ("ordinal", "qi"):
            it.end -= 1
            it.marker = it.marker[:-1]
    return out


def _keep_runs(items: list[Item]) -> list[Item]:
    """Drop stray ordinals: `第一，` alone is prose unless it opens a run at 1.

    `一是`/`一要` always count (a line-initial `二是…` continues the run of the paragraph above).
    """
    by_style: dict[str, list[Item]] = {}
    for it in items:
        by_style.setdefault(it.style, []).append(it)
    keep: list[Item] = []
    for style, its in by_style.items():
        if style in ("shi", "yao", "sequence") or len(its) >= 2 or its[0].number == 1:
            keep.extend(its)
    return sorted(keep, key=lambda i: i.start)
