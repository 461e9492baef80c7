"""Composing a draft: next year's summary from last year's document, or a clean skeleton.

The draft is plain text in the genre's own notation (GB/T 9704 markers in the text lines, a
Markdown ``# `` before the title only), so that the engine reads the Markdown and the Word export
the same way.  Every gap is a bracket placeholder (``【待补充：…】``, ``【待核实：…】``) that the
placeholder extractor, and hence ``zongjie check``, reports.

From last year's document (read by ``zongjie.previous.load_previous``, as ``check --previous``
reads it) the draft takes the units of the matcher that ``check --previous`` compares: each plan
item becomes an achievements stub ``对照年初“…”的部署，【待补充：…】`` (so ``plan-not-reported`` has
nothing to say of the draft) and each problem statement (``matcher.problem_statements``, those of
``problem-repeated``) is carried into the problems part with ``REVISIT``, which the drafter
replaces with this year's rectification (整改); until then the checker reports the placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zongjie.model import Document, Section
from zongjie.numerals import cn_numeral

from .templates import get_template, template_for_doc_type

# Placeholders (the text inside 【】 stays ≤ 40 characters, the extractor's limit).
FILL = "【待补充：{}】"
VERIFY = "【待核实：{}】"
STILL_THERE = VERIFY.format("是否仍存在")
REVISIT = VERIFY.format("上年问题，请说明今年整改情况")  # after each of last year's problems
CLAIM_SLOT = FILL.format("完成情况、数量")
DONE_SLOT = FILL.format("主要做法和举措")
MEASURE_SLOT = FILL.format("具体措施、责任单位和完成时限")



@dataclass
class Plan:
    """One plan item of the new draft: a heading (up to the first 。) and its body."""

    heading: str
    body: str
    problem: str | None = None
    source: str = "rewrite"


@dataclass
class Draft:
    title: str
    subtitle: str | None
    template: dict[str, Any]
    year: int
    plan_year: int
    org: str | None
    paragraphs: list[str] = field(default_factory=list)  # body lines (without the title)
    notes: list[str] = field(default_factory=list)  # warnings for the user (not part of the text)

    def markdown(self) -> str:
        lines = ["# " + self.title]
        if self.subtitle:
            lines.append(self.subtitle)
        lines.extend(self.paragraphs)
        return "\n\n".join(lines) + "\n"


# --------------------------------------------------------------------------- text helpers

_TRAIL = "，,；;。：:、 \t\u3000"
_LEAD_MARKER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.，]|\d+[.、．]|"
    r"[一二三四五六七八九十]+(?:是|要)|第[一二三四五六七八九十]+[，,、]|——|—|-)\s*"
)


_CONNECTIVE = re.compile(r"^(?:同时|此外|另外|另一方面|其次|再次|最后|特别是|尤其是|首先|第[一二三四五六七八九十]+)[，,、]?")


def clean(s: str) -> str:
    return " ".join(s.split()).strip(_TRAIL)


def short_heading(text: str, limit: int = 30, clause: bool = False) -> str:
    """A heading from an item's text: its first sentence, cut at the first comma when long
    (with ``clause``: at the first comma whenever the clause before it is long enough)."""
    s = _LEAD_MARKER.sub("", text.strip())
    s = _CONNECTIVE.sub("", s)
    s = re.split(r"[。；;！？!?\n]", s, maxsplit=1)[0]
    first = re.split(r"[，,：:]", s, maxsplit=1)[0]
    if len(s) > limit or (clause and len(first) >= 6):
        s = first
    if len(s) > limit + 10:
        s = s[:limit]
    return clean(s)


def sentence(s: str) -> str:
    """``s`` as a sentence ending with 。 (unless it already ends with a closing mark)."""
    s = s.strip().rstrip("，,；;、：: ")
    if not s:
        return s
    if s.endswith(("。", "！", "？", "】")):
        return s
    return s + "。"


# --------------------------------------------------------------------------- last year's document

def prev_plan_headings(doc: Document) -> list[str]:
    """Last year's plan items as headings, in order (the achievements the new draft must report)."""
    out: list[str] = []

    def label(n: Section) -> bool:
        from zongjie import roles as R

        h = n.heading or ""
        return n.kind in ("unnumbered", "implicit", "preamble") or not h or (
            R.heading_role(h) == "plans" and bool(re.search(
                r"计划|打算|安排|思路|要点|谋划|设想|下一?步|下步|下阶段|下半年|今后|重点工作|主要任务|目标任务", h)))

    def visit(nodes: list[Section], top: bool) -> None:
        for n in nodes:
            if n.role != "plans":
                visit(n.children, False)
                continue
            headed = [c for c in n.children if c.role == "plans" and c.heading and c.kind in ("heading", "markdown")]
            if headed and (top or label(n)):
                visit(n.children, False)
            elif n.heading and n.kind in ("heading", "markdown") and not (top and label(n)):
                out.append(clean(n.heading))

    visit(doc.sections, True)
    if out:
        return _dedup([h for h in out if h])
    # No headed plan items: the items / sentences of the plans paragraphs (matcher units).
    try:
        from zongjie.matcher import plan_items
    except ImportError:  # pragma: no cover - matcher ships with the engine
        return []
    items = [i for i in plan_items(doc) if not _signature_like(doc, i.start)]
    strong = [i for i in items if i.kind in ("item", "bullet", "heading", "section")]
    chosen = strong or [i for i in items if i.kind in ("sentence", "clause")]
    heads = [short_heading(i.text, clause=True) for i in chosen[:12]]
    return _dedup([h for h in heads if len(h) >= 4])


def _signature_like(doc: Document, offset: int) -> bool:
    """A closing line (`幸福里社区居民委员会`, `述职人：陈志远`, a date) is not a plan item."""
    ls = doc.text.rfind("\n", 0, offset) + 1
    le = doc.text.find("\n", offset)
    line = doc.text[ls:le if le >= 0 else len(doc.text)].strip()
    if re.match(r"^(述职人|汇报人|报告人|单位|日期|联系人)[:：]", line):
        return True
    return len(line) <= 24 and not re.search(r"[，,。；;！？]", line)


def prev_problems(doc: Document) -> list[str]:
    """Last year's problem statements (matcher units), cleaned."""
    try:
        from zongjie.matcher import problem_statements
    except ImportError:  # pragma: no cover
        return []
    stmts = problem_statements(doc)
    # an opener clause before `一是…` (`对照……，我们的工作还存在一些短板：`) is not a problem itself
    item_pars = {_paragraph_of(doc, st.start) for st in stmts if st.kind == "item"}
    out = []
    for st in stmts:
        if st.kind != "item" and _paragraph_of(doc, st.start) in item_pars:
            continue
        t = clean(st.text)
        t = re.sub(r"^[一二三四五六七八九十]+是", "", t)
        if len(t) >= 4:
            out.append(t)
    return _dedup(out)


def _paragraph_of(doc: Document, offset: int) -> int:
    return doc.text.rfind("\n", 0, offset) + 1


def _dedup(xs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


_LEADER = re.compile(r"在([^，。；,;]{1,24}?)的(?:坚强|正确|有力)领导下")
_GUIDE = re.compile(r"在([^，。；,;]{1,24}?)的(?:精心|有力|大力|关心)(?:指导|支持|关心)下")


def prev_leadership(doc: Document | None) -> tuple[str | None, str | None]:
    """``在X的坚强领导下`` and ``在Y的精心指导下`` of last year's opening, if written there."""
    if doc is None:
        return None, None
    pre = next((s for s in doc.sections if s.role == "preamble"), None)
    text = doc.text[pre.start:pre.end] if pre else doc.text[:600]
    m1, m2 = _LEADER.search(text), _GUIDE.search(text)
    ok = lambda m: m.group(1) if m and "*" not in m.group(1) and "X" not in m.group(1) else None  # noqa: E731
    return ok(m1), ok(m2)


# --------------------------------------------------------------------------- title

_YEAR_RX = re.compile(r"((?:19|20)\d\d)(?=年)")
_CN_YEAR_RX = re.compile(r"([一二][〇○零一二三四五六七八九]{3})(?=年)")


def roll_title(doc: Document | None, year: int, org: str | None, tpl: dict[str, Any],
               explicit_template: bool) -> tuple[str, str | None]:
    """The new title (and subtitle): last year's rolled forward, else the template's.

    Every year written in last year's title (main line, and a ``——…会议上`` subtitle) moves by the
    same number of years, so ``2022年度工作总结暨2023年度工作计划`` drafted for 2023 becomes
    ``2023年度工作总结暨2024年度工作计划`` and a government report's ``——2024年1月10日在…上`` becomes
    ``——2025年X月X日在…上`` (the meeting date is not known yet).
    """
    from zongjie.title import parse_title_fields

    t = doc.title if doc is not None else None
    if doc is not None and t is not None and not (
            explicit_template and template_for_doc_type(t.doc_type) != tpl["name"]):
        main = "".join(doc.text[s.start:s.end] for s in t.lines) if t.lines else t.text
        main = "".join(main.split())
        sub = doc.text[t.subtitle.start:t.subtitle.end].strip() if t.subtitle else None
        base = t.summary_year
        if base is None and t.plan_year is not None:
            base = t.plan_year - tpl["plan_offset"]
        if base is not None:
            delta = year - base
            new = _shift_years(main, delta)
            new_sub = None
            if sub and re.search(r"会议上|大会上", sub):
                new_sub = re.sub(r"(\d{4}年)\d{1,2}月\d{1,2}日", r"\1X月X日", _shift_years(sub, delta))
            if org and t.org and t.org in new:
                new = new.replace(t.org, org, 1)
            elif org and not t.org and tpl["name"] != "government-work-report":
                new = org + new
            elif org and not t.org:
                new = _gov_org(org) + new
            _o, sy, _py, _dt = parse_title_fields(new, new_sub)
            if sy == year:
                return new, new_sub
    name = org or (doc.title.org if doc is not None and doc.title is not None else None)
    plan_year = year + tpl["plan_offset"]
    if tpl["name"] == "government-work-report":
        org_text = _gov_org(name) if name else ""
    elif tpl["name"] == "duty-report":
        org_text = name or ""
    else:
        org_text = name or "【待补充单位名称】"
    fmt = {"org": org_text, "year": year, "plan_year": plan_year}
    title = tpl["title"].format(**fmt)
    sub_fmt = tpl.get("subtitle")
    return title, (sub_fmt.format(**fmt) if sub_fmt else None)


def _gov_org(org: str) -> str:
    """`青溪县人民政府` → `青溪县` (the title reads `青溪县政府工作报告`)."""
    return re.sub(r"(人民)?政府$", "", org)


def _shift_years(s: str, delta: int) -> str:
    s = _YEAR_RX.sub(lambda m: str(int(m.group(1)) + delta), s)
    return _CN_YEAR_RX.sub(lambda m: _cn_year_plus(m.group(1), delta), s)


def _cn_year_plus(s: str, delta: int) -> str:
    from zongjie.markers import cn_small_int

    y = cn_small_int(s)
    return str(y + delta) if y else s


# --------------------------------------------------------------------------- plan items from suggestions

def suggested_plans(doc: Document | None, problems: list[str], model: str | None = None,
                    top: int = 3, notes: list[str] | None = None) -> list[Plan]:
    """One plan item per problem: the suggestion engine's best suggestion not yet used.

    Without the engine (not installed, or failing on this document) every problem gets a
    fallback item (see :func:`fallback_heading`) and a note is added to ``notes``.
    """
    from zongjie.errors import ReadError, UsageError

    sugg: dict[str, list[tuple[str, str]]] = {}
    if doc is not None and problems:
        attempts = [model, None] if model else [None]
        for i, mdl in enumerate(attempts):
            try:
                sugg = _run_suggest(doc, mdl, top)
                break
            except (UsageError, ReadError):
                raise  # a bad --model path is the user's to fix
            except Exception as e:  # noqa: BLE001 - a draft is still useful without suggestions
                why = f"{type(e).__name__}: {' '.join(str(e).split())[:120]}"
                if notes is not None:
                    notes.append(f"suggestion model failed ({why}); suggestions without the model"
                                 if i + 1 < len(attempts) else
                                 f"suggestion engine failed ({why}); plan items left as placeholders")
    plans: list[Plan] = []
    used: set[str] = set()
    for p in problems:
        cands = _lookup(sugg, p)
        pick = next(((t, s) for t, s in cands if clean(t) and clean(t) not in used), None)
        if pick is None and sugg:  # every suggestion went to an earlier problem: the stock remedy
            from zongjie.suggest.rewrite import rewrite

            rw = rewrite(p, fallback=True)
            pick = (rw.text, "rewrite") if rw is not None and clean(rw.text) not in used else None
        if pick is None:
            plans.append(_fallback_plan(p))
            continue
        text, source = pick
        used.add(clean(text))
        plans.append(_plan_from_text(text, p, source))
    return plans


def _run_suggest(doc: Document, model: str | None, top: int) -> dict[str, list[tuple[str, str]]]:
    try:
        from zongjie.suggest import suggest
    except ImportError:
        if model:
            from zongjie.errors import UsageError

            raise UsageError("--model needs the suggestion engine (zongjie.suggest), not installed") from None
        return {}
    kw: dict[str, Any] = {"top": top}
    if model:
        kw["model"] = model
    result = suggest(doc, **kw)
    return _normalise_suggest(result)


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _normalise_suggest(result: Any) -> dict[str, list[tuple[str, str]]]:
    """{problem text: [(suggestion text, source), …]} from whatever shape suggest returns."""
    if hasattr(result, "to_dict") and not isinstance(result, (list, dict)):
        result = result.to_dict()
    problems = _get(result, "problems", result) if not isinstance(result, list) else result
    out: dict[str, list[tuple[str, str]]] = {}
    for pr in problems or []:
        ptext = _get(pr, "text") or _get(_get(pr, "problem"), "text") or ""
        items = []
        for s in _get(pr, "suggestions", []) or []:
            if isinstance(s, str):
                items.append((s, "rewrite"))
            else:
                t = _get(s, "text")
                if t:
                    items.append((str(t), str(_get(s, "source", "rewrite") or "rewrite")))
        if ptext:
            out.setdefault(clean(str(ptext)), []).extend(items)
    return out


def _lookup(sugg: dict[str, list[tuple[str, str]]], problem: str) -> list[tuple[str, str]]:
    if problem in sugg:
        return sugg[problem]
    for k, v in sugg.items():  # spans may differ by a marker or punctuation
        if k and (k in problem or problem in k):
            return v
    return []


def _plan_from_text(text: str, problem: str | None, source: str) -> Plan:
    """A suggestion as a plan item: its first clause the heading, the rest (if any) the body."""
    t = clean(_CONNECTIVE.sub("", _LEAD_MARKER.sub("", text.strip())))
    t = t.replace("\n", "")
    m = re.search(r"[，,；;。！？!?]", t)
    head = clean(t[:m.start()]) if m else t
    rest = t[m.end():].strip(_TRAIL) if m else ""
    lead = sentence(rest) if rest else ""
    if len(rest) >= 8:  # enough substance: the measures slot follows the suggestion's own words
        body = lead + MEASURE_SLOT
    elif problem:
        body = f"{lead}针对“{_problem_clause(problem)}”的问题，{MEASURE_SLOT}。"
    else:
        body = f"{lead}对照年度目标，{MEASURE_SLOT}。"
    return Plan(heading=head, body=body, problem=problem, source=source)


def _problem_clause(problem: str) -> str:
    """The problem's first clause, for quoting inside “…”."""
    c = re.split(r"[，,；;。：:！？]", _LEAD_MARKER.sub("", problem.strip()), maxsplit=1)[0]
    c = re.sub(r"^(个别|少数|部分|一些|有的|有些)", "", c).strip(_TRAIL)
    return c[:30].replace("“", "‘").replace("”", "’")


_PROBLEM_CUT = re.compile(r"(还|仍|尚|依然|不够|不足|不强|不高|不多|有待|亟待|较为|较|偏|没有|未能|存在)")


def fallback_heading(problem: str) -> str:
    """`着力解决……的问题` from the problem's first clause (no suggestion engine available)."""
    clause = re.split(r"[，,；;。：:！？]", _LEAD_MARKER.sub("", problem.strip()), maxsplit=1)[0]
    clause = re.sub(r"^(个别|少数|部分|一些|有的|有些)", "", clause).strip(_TRAIL)
    if len(clause) <= 22:
        return f"着力解决{clause}的问题"
    m = _PROBLEM_CUT.search(clause, 4)
    if m and m.start() <= 22:
        subject = re.sub(r"^对", "", clause[:m.start()]).rstrip("的")
        return f"着力解决{subject}方面的问题"
    return f"着力解决{clause[:20]}等问题"


def _fallback_plan(problem: str) -> Plan:
    """No suggestion: a heading from the problem and a placeholder for the measures."""
    quoted = short_heading(problem, limit=18)[:24].replace("“", "‘").replace("”", "’")
    return Plan(heading=fallback_heading(problem), body=FILL.format(f"针对“{quoted}”的措施"),
                problem=problem, source="placeholder")


# --------------------------------------------------------------------------- the draft

def compose(prev: Document | None, year: int, org: str | None = None, template: str | None = None,
            model: str | None = None) -> Draft:
    name = template or template_for_doc_type(prev.title.doc_type if prev is not None and prev.title else None)
    tpl = get_template(name)
    plan_year = year + tpl["plan_offset"]
    title, subtitle = roll_title(prev, year, org, tpl, explicit_template=template is not None)
    org_name = org or (prev.title.org if prev is not None and prev.title is not None else None)
    if org_name is None and prev is not None and prev.title is not None and prev.title.subtitle is not None:
        # a government report names its government only in the subtitle: `在青溪县第十八届人民代表大会…`
        sub = prev.text[prev.title.subtitle.start:prev.title.subtitle.end]
        m = re.search(r"在(\S{2,12}?[省市县区州旗盟])第", sub)
        if m and tpl["name"] == "government-work-report":
            org_name = m.group(1) + "人民政府"
    d = Draft(title=title, subtitle=subtitle, template=tpl, year=year, plan_year=plan_year, org=org_name)
    fmt = {"year": year, "plan_year": plan_year}
    heads = prev_plan_headings(prev) if prev is not None else []
    problems = prev_problems(prev) if prev is not None else []
    plans = suggested_plans(prev, problems, model=model, notes=d.notes) if problems else []
    if prev is not None and not heads:
        d.notes.append("no plan items found in the previous document: achievements left as a skeleton")
    if prev is not None and not problems:
        d.notes.append("no problem statements found in the previous document: problems left as a skeleton")

    d.paragraphs.extend(_preamble(tpl["name"], year, plan_year, org_name, prev))
    number = 0
    parts = tpl["parts"]
    for i, part in enumerate(parts):
        role = part["role"]
        if part.get("style") == "paragraph":
            continue  # written at the end of the previous part
        number += 1
        heading = (part.get("heading") or _DEFAULT_HEADING[role]).format(**fmt)
        d.paragraphs.append(f"{cn_numeral(number)}、{heading}")
        if role == "achievements":
            if tpl["name"] == "government-work-report":
                d.paragraphs.append(_review_opening(year, prev))
            d.paragraphs.extend(_achievements(heads, year))
        elif role == "problems":
            d.paragraphs.extend(_problems(problems, prev is not None, tpl=tpl["name"]))
        elif role == "plans":
            d.paragraphs.extend(_plans(plans, plan_year, tpl["name"]))
        else:  # a part a project template requires beyond the three the draft fills
            d.paragraphs.append(FILL.format(heading))
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if nxt is not None and nxt.get("style") == "paragraph" and nxt["role"] == "problems":
            d.paragraphs.extend(_problems(problems, prev is not None, paragraph=True, tpl=tpl["name"]))
    return d


_DEFAULT_HEADING = {"achievements": "{year}年工作开展情况", "problems": "存在的问题",
                    "plans": "{plan_year}年工作计划"}


def _preamble(tpl: str, year: int, plan_year: int, org: str | None, prev: Document | None) -> list[str]:
    leader, guide = prev_leadership(prev)
    lead = f"在{leader}的坚强领导下，" if leader else f"在{FILL.format('上级党委（党组）')}的坚强领导下，"
    if guide:
        lead += f"在{guide}的精心指导下，"
    if tpl == "government-work-report":
        if org and org.endswith("政府"):
            who = org
        elif org and org.endswith(("省", "市", "县", "区", "州", "旗", "盟", "镇", "乡")):
            who = org + "人民政府"
        else:
            who = "本级人民政府"
        return ["各位代表：",
                f"现在，我代表{who}向大会报告政府工作，请予审议，并请政协委员和其他列席人员提出意见。"]
    if tpl == "duty-report":
        return [f"{year}年，{lead}本人坚持以{FILL.format('指导思想')}为指导，认真履行{FILL.format('岗位职责')}，"
                f"{FILL.format('全年总体情况')}。现将{year}年度履职情况报告如下。"]
    when = f"{year}年上半年" if tpl == "half-year-summary" else f"{year}年"
    close = ("现将上半年工作总结和下半年工作打算报告如下。" if tpl == "half-year-summary"
             else f"现将{year}年工作总结和{plan_year}年工作计划报告如下。")
    return [f"{when}，{lead}{org or '我单位'}坚持以{FILL.format('指导思想')}为指导，"
            f"紧紧围绕{FILL.format('中心工作')}，{FILL.format('全年总体情况')}。{close}"]


def _review_opening(year: int, prev: Document | None) -> str:
    """The opening of a government report's review (its preamble is the address to the deputies)."""
    leader, _ = prev_leadership(prev)
    lead = f"在{leader}的坚强领导下" if leader else f"在{FILL.format('上级党委')}的坚强领导下"
    return (f"过去的一年，是{FILL.format('年度定位')}的一年。{lead}，我们{FILL.format('全年总体情况')}，"
            f"{FILL.format('主要经济指标完成情况')}。")


def _achievements(heads: list[str], year: int) -> list[str]:
    """One item per plan item of last year: its heading, a prompt and a claim slot."""
    out = []
    if heads:
        for k, h in enumerate(heads, start=1):
            h = achievement_heading(h)
            ref = h.replace("“", "‘").replace("”", "’")
            out.append(f"（{cn_numeral(k)}）{h}。对照年初“{ref}”的部署，{DONE_SLOT}，{CLAIM_SLOT}。")
        return out
    for k in range(1, 4):
        n = cn_numeral(k)
        out.append(f"（{n}）{FILL.format('重点工作' + n)}。对照年初部署，{FILL.format('重点工作' + n + '的主要做法和举措')}，"
                   f"{CLAIM_SLOT}。")
    return out


def achievement_heading(h: str) -> str:
    """Last year's plan heading as this year's achievements heading.

    A heading that names another part (`实施……提升计划`, `……存在的问题`) would move its section
    out of the achievements; it becomes `……落实情况`.
    """
    from zongjie import roles as R

    h = h.replace("。", "，").strip(_TRAIL)
    if R.heading_role(h, strong=True) not in (None, "achievements"):
        h += "落实情况"
    return h


_PROBLEM_OPENER = "一年来，我们虽然取得了一些成绩，但还存在一些不足，主要表现在："
_PROBLEM_OPENER_GOV = "在肯定成绩的同时，我们也清醒认识到，工作中还存在一些困难和问题，主要表现在："
_PROBLEM_CLOSER = (f"对于这些问题和{FILL.format('本年度新发现的问题')}，"
                   "我们将在新的一年里采取有力措施，认真加以解决。")


def _problems(problems: list[str], from_prev: bool, paragraph: bool = False, tpl: str = "") -> list[str]:
    opener = _PROBLEM_OPENER_GOV if paragraph else _PROBLEM_OPENER
    closer = _PROBLEM_CLOSER
    if tpl == "duty-report":
        opener, closer = opener.replace("我们", "本人"), closer.replace("我们", "本人")
    if not problems:
        return [opener + FILL.format("存在的主要问题，逐条列出") + "。"]
    parts = []
    for k, p in enumerate(problems, start=1):
        p = p.strip(_TRAIL)
        parts.append(f"{cn_numeral(k)}是{p}{REVISIT if from_prev else STILL_THERE}。")
    return [opener + "".join(parts), closer]


def _plans(plans: list[Plan], plan_year: int, tpl: str) -> list[str]:
    when = "下半年" if tpl == "half-year-summary" else f"{plan_year}年"
    who = "本人" if tpl == "duty-report" else "我们"
    out = [f"{when}，{who}将紧紧围绕{FILL.format('总体思路和主要目标')}，重点抓好以下几个方面的工作："]
    if not plans:
        for k in range(1, 4):
            n = cn_numeral(k)
            out.append(f"（{n}）{FILL.format('重点任务' + n)}。对照年度目标，"
                       f"{FILL.format('重点任务' + n + '的具体措施、责任单位和完成时限')}。")
        return out
    for k, p in enumerate(plans, start=1):
        head = p.heading.replace("。", "，").strip(_TRAIL)
        out.append(f"（{cn_numeral(k)}）{head}。{p.body}")
    return out
