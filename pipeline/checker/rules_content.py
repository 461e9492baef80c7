"""Content rules: placeholder, year-mismatch, percent-out-of-range, problem-without-plan."""

from __future__ import annotations

from zongjie import rx
from zongjie.checker import Ctx
from zongjie.checker.registry import implements
from zongjie.markers import cn_small_int
from zongjie.model import Section

SLOT_NAME = {"number": "数字", "money": "金额", "percent": "百分比", "date": "日期", "name": "名称",
             "text": "内容"}
HEADED = ("heading", "markdown", "unnumbered")


# --------------------------------------------------------------------------- placeholder

@implements("placeholder")
def placeholder(ctx: Ctx) -> None:
    for p in ctx.doc.placeholders:
        ctx.emit("placeholder", p.start, p.end, text=p.text, slot=SLOT_NAME.get(p.slot, "内容"), kind=p.kind)


# --------------------------------------------------------------------------- year-mismatch

YEAR = r"(?<![\d〇○零一二三四五六七八九])((?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})[ \t]*年"
RE_PLAN_HEAD = rx.compile(YEAR + r"(?:度)?(?:上半年|下半年|全年)?(?:的)?"
                          r"(?:(?:重点|主要|党建|各项)?工作)?(?:的)?"
                          r"(?=计划|打算|安排|思路|要点|谋划|任务|部署|设想|举措|重点|目标|$|[，,。]|工作$)")
RE_REVIEW_HEAD = rx.compile(YEAR + r"(?:度)?(?:上半年|全年)?(?:的)?(?:(?:重点|主要|党建|各项)?工作)?(?:的)?"
                            r"(?=回顾|总结|开展情况|完成情况|情况|成效|成绩|进展)")
RE_OPENER = rx.compile(r"^[ \t\u3000]*" + YEAR + r"(?:度)?(?P<half>上半年|下半年|全年|一年来|一年)?[，,]")
FUTURE = rx.compile(r"将|计划|力争|预计|拟|争取|确保|要|打算|目标")
PLAN_VERB = rx.compile(r"将|计划|力争|拟|打算|争取")
RANGE_BEFORE = rx.compile(r"(到|至|—|－|-|~|～|和|及|、|与)\s*$")


def _year(s: str) -> int | None:
    return int(s) if s.isdigit() else cn_small_int(s)


def _heading_text(ctx: Ctx, n: Section) -> tuple[int, str]:
    hs = n.heading_start if n.heading_start is not None else n.start
    he = n.heading_end if n.heading_end is not None else n.end
    return hs, ctx.folded[hs:he]


@implements("year-mismatch")
def year_mismatch(ctx: Ctx) -> None:
    sy, py = ctx.summary_year, ctx.plan_year
    t = ctx.doc.title
    # 1. the title against itself
    if t is not None and sy and t.plan_year and ctx.template.name in ("annual-summary", "half-year-summary", "duty-report"):
        want = sy + 1 if ctx.template.plan_year == "summary+1" else sy
        if t.plan_year != want:
            ctx.emit("year-mismatch", t.start, t.end, "title", summary=sy, plan=t.plan_year, want=want)
    # 1b. with last year's document (`check --previous`): its plan year is this year's summary year
    prev = ctx.doc.store.get("previous")
    if prev is not None and prev.title is not None and prev.title.plan_year and sy and prev.title.plan_year != sy:
        s, e = (t.start, t.end) if t is not None else (0, 0)
        ctx.emit("year-mismatch", s, e, "previous", plan=prev.title.plan_year, want=sy)
    # 2. headings
    for n in ctx.nodes():
        if n.kind not in HEADED or n.role == "other":
            continue
        hs, h = _heading_text(ctx, n)
        if n.role == "plans" and py:
            for m in RE_PLAN_HEAD.finditer(h):
                y = _year(m.group(1))
                if y is None or y == py or RANGE_BEFORE.search(h[:m.start()]) or y > py:
                    continue
                ctx.emit("year-mismatch", hs + m.start(1), hs + h.index("年", m.end(1)) + 1, "plan_heading",
                         year=y, want=py)
                break
        elif n.role == "achievements" and sy:
            for m in RE_REVIEW_HEAD.finditer(h):
                y = _year(m.group(1))
                if y is None or y == sy or RANGE_BEFORE.search(h[:m.start()]):
                    continue
                ctx.emit("year-mismatch", hs + m.start(1), hs + h.index("年", m.end(1)) + 1, "review_heading",
                         year=y, want=sy)
                break
    # 3. paragraph openers: `2022年，我局…` in a 2023 review; `2023年，我局将…` in a 2024 plan.
    # Not in government work reports: they review five-year periods and cite many years.
    if ctx.template.name == "government-work-report" or ctx.doc_type == "government-work-report":
        return
    heading_lines = {n.line for n in ctx.doc.walk() if n.kind in HEADED}
    body_from = ctx.doc.sections[0].start if ctx.doc.sections else len(ctx.text)
    pos = 0
    for no, raw in enumerate(ctx.folded.split("\n"), start=1):
        start = pos
        pos += len(raw) + 1
        if start < body_from or no in heading_lines:
            continue
        m = RE_OPENER.match(raw)
        if not m:
            continue
        y = _year(m.group(1))
        if y is None:
            continue
        role = ctx.doc.role_at(start + m.start(1))
        sent = rx.split(r"[。！？!?]", raw[m.end():], maxsplit=1)[0]
        if role in ("preamble", "achievements") and sy and y != sy and not FUTURE.search(sent):
            if y < sy - 1 or y > sy:
                continue  # older years open retrospective passages (五年回顾); only last year's stale opener
            ctx.emit("year-mismatch", start + m.start(1), start + m.end(1) + 1, "review_body", year=y, want=sy)
        elif role == "plans" and py and y == py - 1 and PLAN_VERB.search(sent) and m.group("half") != "上半年":
            ctx.emit("year-mismatch", start + m.start(1), start + m.end(1) + 1, "plan_body", year=y, want=py)


# --------------------------------------------------------------------------- percent-out-of-range

RATE = (r"(?:(?:覆盖|达标|合格|通过|满意|知晓|入学|普及|参保|接种|及格|优良|优秀|就业|出勤|到位|办结|准确|正确|"
        r"利用|使用|回收|签约|上线|网办|入园|巩固|治愈|好评|处置|响应|受理|城镇化|执行|结案|开工|完好|录取|"
        r"升学|毕业|建档|参与|回访|采纳|审结|成功|销号|整改|清零|入网|联网|在线|登记|核查|认证|持证|参检|检测|"
        r"查处|破案|处结|投诉处理|按时办结|知情|入库|落实|消除|完成整改|参合|参加|安置|配备|上报|归档|留存|"
        r"脱贫|贫困发生|森林覆盖|绿化覆盖|收缴|征收|兑现|拨付|支付|发放|匹配|准确|达标排放|无害化处理|"
        r"处理|预约|实名|电子化|数字化|自给|饱和)率|满意度|占比|比重|市场份额|份额|占有率)")
RE_RATE = rx.compile(RATE + r"(?P<gap>[^，。；;,：:\n\d%]{0,10})$")
RE_SHARE = rx.compile(r"占(?P<whole>[^，。；;,\n\d]{1,16})的(?P<gap>[^，。；;,\n\d%]{0,4})$")
# `占预算数的106%`, `占年度目标的112%` are completion ratios, not shares of a whole
NOT_A_WHOLE = rx.compile(r"预算|计划|目标|任务|指标|上年|去年|同期|基数|核定|批复|考核")
GAP_OK = rx.compile(r"(?:已|均|分别|持续|稳定|始终|保持|平均|总体|达|达到|为|是|高达|在|了|约|近|超过|超|到|至|"
                    r"提高到|提高至|提升到|提升至|上升到|上升至|增至|进一步|全年|累计|\s)*")
RE_PCT = rx.compile(r"(\d+(?:\.\d+)?)\s*%")


def _pct_claims(ctx: Ctx) -> list[tuple[int, int, float]]:
    out = []
    for c in ctx.doc.claims:
        if c.unit in ("%", "％") and not c.placeholder and c.value is not None:
            v = max(c.value, c.value_max or 0)
            # a claim may open with its predicate (`占比120%`): the rate word is read before the number
            m = rx.search(r"[0-9０-９零〇○一二三四五六七八九十百]|百分之", c.text)
            out.append((c.start + (m.start() if m else 0), c.end, v))
    if not ctx.doc.claims:  # extract stage not run: Arabic percentages only
        out = [(m.start(), m.end(), float(m.group(1))) for m in RE_PCT.finditer(ctx.folded)]
    return out


@implements("percent-out-of-range")
def percent_out_of_range(ctx: Ctx) -> None:
    for s, e, v in _pct_claims(ctx):
        if v <= 100:
            continue
        ls = max(ctx.text.rfind("\n", 0, s) + 1, s - 40)
        pre = ctx.folded[ls:s]
        pre = rx.split(r"[，。；;,:：]", pre)[-1]
        m = RE_RATE.search(pre)
        if m is None:
            m = RE_SHARE.search(pre)
            if m is not None and NOT_A_WHOLE.search(m.group("whole")):
                continue
        if not m or not GAP_OK.fullmatch(m.group("gap") or ""):
            continue
        what = m.group(0)[: len(m.group(0)) - len(m.group("gap") or "")]
        ctx.emit("percent-out-of-range", s, e, what=what.strip(), value=ctx.text[s:e])


# --------------------------------------------------------------------------- problem-without-plan

@implements("problem-without-plan")
def problem_without_plan(ctx: Ctx) -> None:
    roles = {n.role for n in ctx.nodes()}
    if "plans" not in roles or "problems" not in roles:
        return  # missing-section says what matters
    from zongjie.checker.rules_heuristics import role_ranges
    from zongjie.checker.rules_structure import clean_len

    if sum(clean_len(ctx, s, e, 6) for s, e in role_ranges(ctx).get("plans", [])) < 6:
        return  # the plans part is empty: empty-section says so
    from zongjie.matcher import aligned

    # In a government work report the problems paragraph is a formula (经济、民生、政府自身) that the
    # plan answers as a whole: on the 82 real reports every finding was such a hint (332 infos in 44
    # reports, none actionable), and matching dominated the check time. Off there unless configured
    # (`[options.problem-without-plan] government-reports = true`), and then an info.
    gov = "government-work-report" in (ctx.template.name, ctx.doc_type)
    if gov and not ctx.option("government-reports", False):
        return
    down = 1 if gov else 0
    owned = None
    if gov:
        # only a problem of the government's own affairs, on one or two topics, is held to an
        # item of the plan (not the world outside, a lead-in, a pledge or the year's list)
        from zongjie.suggest import owned_problem as owned
    for a in aligned(ctx.doc):
        if a.plan is None and (owned is None or owned(a.problem.text)):
            p = a.problem
            text = p.text if len(p.text) <= 40 else p.text[:38] + "……"
            ctx.emit("problem-without-plan", p.start, p.end, downgrade=down, problem=text)
