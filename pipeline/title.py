"""Title block: organisation, summary year, plan year and document type."""

from __future__ import annotations

from zongjie import rx
from zongjie.markers import cn_small_int
from zongjie.model import Span, Title
from zongjie.normalize import fold

DOC_KEYWORDS = rx.compile(
    r"(工作总结|总结|述职报告|述职述廉报告|述廉报告|政府工作报告|工作报告|工作计划|工作打算|工作思路|工作要点|"
    r"工作安排|工作谋划|工作情况|工作小结|小结|计划|打算|报告)"
)
YEAR = r"((?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3})"
RE_YEAR = rx.compile(YEAR + r"(?:年度|年)")
RE_PLAN_TAIL = rx.compile(r"(计划|打算|思路|安排|要点|谋划|设想|规划|目标|任务)")
RE_SUBTITLE = rx.compile(r"^[—\-－]{1,3}")
ORG_SUFFIX = "局委办部院厅署府司处科室所站队校园馆中心镇乡村县市区省州盟旗街道社区会社团行"
RE_MEETING = rx.compile(r"(会议|大会)上")
RE_DATE_LINE = rx.compile(r"^[（(]?" + YEAR + r"年\d{1,2}月\d{1,2}日[）)]?$")


def _year(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return cn_small_int(s)


def is_title_like(line: str) -> bool:
    """A short line without sentence punctuation that names a document."""
    f = fold(line).strip()
    if not f or len(f) > 70 or f.endswith(("。", "；", "：", ":", "，", "！", "？")):
        return False
    if rx.match(r"^(各位代表|同志们|来源|时间)", f):
        return False
    return bool(DOC_KEYWORDS.search(f)) or bool(RE_SUBTITLE.match(f))


def doc_type_of(text: str) -> str | None:
    t = fold(text)
    if "政府工作报告" in t:
        return "government-work-report"
    if rx.search(r"述职|述廉", t):
        return "duty-report"
    if rx.search(r"(上|下)半年|半年度|年中", t):
        return "half-year-summary"
    if rx.search(r"总结|小结|工作情况|回顾", t):
        return "annual-summary"
    if rx.search(r"计划|打算|思路|要点|安排|谋划", t):
        return "plan"
    if "报告" in t:
        return "report"
    return None


def parse_title_fields(main: str, subtitle: str | None = None) -> tuple[str | None, int | None, int | None, str | None]:
    """(org, summary_year, plan_year, doc_type) from the title line(s)."""
    text = main
    # A slogan main title with `——XX局2023年工作总结` subtitle: the subtitle carries the facts.
    if subtitle and DOC_KEYWORDS.search(subtitle) and not rx.search(r"会议上|大会上", subtitle):
        if not RE_YEAR.search(fold(main)) or not DOC_KEYWORDS.search(main):
            text = RE_SUBTITLE.sub("", subtitle.strip())
    f = fold(text).strip()
    dtype = doc_type_of(f)
    years = [(m.start(), m.end(), _year(m.group(1))) for m in RE_YEAR.finditer(f)]
    years = [(s, e, y) for s, e, y in years if y and 1900 <= y <= 2100]
    summary_year = plan_year = None
    if dtype == "government-work-report":
        report_year = years[0][2] if years else None
        if report_year is None and subtitle:
            m = RE_YEAR.search(fold(subtitle))
            report_year = _year(m.group(1)) if m else None
        if report_year:
            summary_year, plan_year = report_year - 1, report_year
    else:
        half = rx.search(r"上半年", f) and rx.search(r"下半年", f)
        for _s, e, y in years:
            tail = f[e:e + 14]
            head_kw = DOC_KEYWORDS.search(tail)
            kw = head_kw.group(1) if head_kw else ""
            if RE_PLAN_TAIL.search(kw) or (rx.match(r"^[^总结述]{0,6}(计划|打算|思路|安排|要点|谋划)", tail)):
                plan_year = plan_year or y
            else:
                summary_year = summary_year or y
        if half and summary_year and not plan_year:
            plan_year = summary_year
        if summary_year is None and plan_year is None and years:
            summary_year = years[0][2]
        if plan_year is None and summary_year and rx.search(r"(暨|和|及|与|并)(明年|下一?年度?|下步|下一步)", f):
            plan_year = summary_year + 1
        if summary_year is None and plan_year and rx.search(r"总结|回顾|述职", f):
            # `…工作总结暨2024年工作计划`: the summary year is the year before the plan
            summary_year = plan_year - 1
    org = _org(f, years)
    if dtype == "government-work-report":
        if org and not org.endswith("政府") and "政府工作报告" in f:
            org = org + "政府"
        if org is None and subtitle and "全国人民代表大会" in subtitle:
            org = "国务院"
    return org, summary_year, plan_year, dtype


RE_POST = rx.compile(r"(党委|党组|党工委)?(副)?(书记|局长|主任|县长|市长|区长|镇长|乡长|院长|校长|经理|董事长|总经理|"
                     r"主席|部长|处长|科长|所长|站长|馆长|队长|委员)$")


def _org(f: str, years: list[tuple[int, int, int]]) -> str | None:
    org = _org_raw(f, years)
    if org:  # `桐山县卫生健康局局长2023年述职报告`: the organisation, not the post
        stripped = RE_POST.sub("", org)
        org = stripped if len(stripped) >= 2 else org
    return org


def _org_raw(f: str, years: list[tuple[int, int, int]]) -> str | None:
    m_about = rx.search(r"关于(报送|上报|印发|呈报)?", f)
    if m_about and m_about.start() >= 2:  # `县农业农村局关于报送…的报告`: the sender comes first
        return f[: m_about.start()].strip(" ，,、—-")
    s = rx.sub(r"^关于(报送|上报|印发|呈报)?", "", f)
    s = rx.sub(r"的(报告|请示|函)$", "", s)
    s = RE_SUBTITLE.sub("", s)
    if years:
        first = RE_YEAR.search(s)
        before = s[: first.start()] if first else ""
        before = rx.sub(r"[（(].*?[）)]", "", before).strip(" ，,、—-")
        if len(before) >= 2 or (before and before in ORG_SUFFIX):
            return before  # `镇2023年…` (anonymised) is still the organisation
        after = s[first.end():] if first else s
        m = DOC_KEYWORDS.search(after)
        cand = after[: m.start()] if m else ""
        cand = rx.sub(r"^(上半年|下半年|全年|年度|度)", "", cand)
        cand = cand.strip(" ，,、—-")
        if cand.endswith("政府") or (len(cand) >= 2 and cand[-1] in ORG_SUFFIX):
            return cand
        return None
    m = DOC_KEYWORDS.search(s)
    cand = s[: m.start()].strip(" ，,、—-") if m else ""
    cand = rx.sub(r"(个人|年度|全年|上半年|下半年|半年)$", "", cand)
    return cand if len(cand) >= 2 else None


def find_title(text: str, lines: list[tuple[int, int]]) -> tuple[Title | None, int]:
    """Detect the title block among the first lines.

    ``lines`` are (start, end) spans of non-empty lines (content only, stripped).
    Returns the title (or None) and the index of the first line after the title block.
    """
    if not lines:
        return None, 0
    block: list[int] = []
    i = 0
    # a photo caption (`…作政府工作报告。本报记者 戴冰摄`) may precede the title line
    while i < min(2, len(lines) - 1) and fold(text[lines[i][0]:lines[i][1]]).strip().endswith("摄"):
        i += 1
    # Leading title lines: short, no sentence punctuation; at most 3 main lines.
    while i < len(lines) and len(block) < 3:
        s, e = lines[i]
        line = text[s:e]
        f = fold(line).strip()
        if RE_SUBTITLE.match(f) or RE_DATE_LINE.match(f):
            break
        if not f or len(f) > 70 or rx.search(r"[。；：:！？]", f) or rx.match(r"^(各位代表|同志们|来源|时间)", f) \
                or f.endswith("摄") or RE_MEETING.search(f):
            break
        from zongjie.markers import parse_marker

        if parse_marker(f) is not None:
            break
        if not is_title_like(line):
            # a slogan main line counts only if a subtitle or document line follows
            nxt = fold(text[lines[i + 1][0]:lines[i + 1][1]]).strip() if i + 1 < len(lines) else ""
            if not (len(f) <= 40 and not rx.search(r"[，,]", f) and (RE_SUBTITLE.match(nxt) or is_title_like(nxt))):
                break
        block.append(i)
        i += 1
    if not block:
        return None, 0
    subtitle_idx = None
    if i < len(lines):
        f = fold(text[lines[i][0]:lines[i][1]]).strip()
        if (RE_SUBTITLE.match(f) or RE_MEETING.search(f)) and len(f) <= 80:
            subtitle_idx = i
            if not RE_MEETING.search(f):  # `——2026年1月25日在…会议上` opens the preamble
                i += 1
            # a `（2022年10月16日）` date line right after the subtitle belongs to the block
        if i < len(lines) and RE_DATE_LINE.match(fold(text[lines[i][0]:lines[i][1]]).strip()):
            i += 1
    main_text = "".join(text[lines[j][0]:lines[j][1]] for j in block)
    if not any(DOC_KEYWORDS.search(fold(text[lines[j][0]:lines[j][1]])) for j in block) and subtitle_idx is None:
        return None, 0
    start, end = lines[block[0]][0], lines[block[-1]][1]
    sub = None
    sub_text = None
    if subtitle_idx is not None:
        sub = Span(*lines[subtitle_idx])
        sub_text = text[sub.start:sub.end]
    org, sy, py, dtype = parse_title_fields(main_text, sub_text)
    title = Title(text=text[start:end], start=start, end=end, org=org, summary_year=sy,
                  plan_year=py, doc_type=dtype, subtitle=sub,
                  lines=[Span(*lines[j]) for j in block])
    return title, i
