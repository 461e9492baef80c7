"""Build corpora/real/structure.jsonl from hand-made structure annotations.

The annotation decisions below were made by reading each document (line numbers are 1-based over
``text.split("\\n")`` of the JSONL ``text`` field).  This script only turns those decisions into
code-point offsets, so the offsets cannot drift from the text:

* ``title``: ``(line, org)`` or ``(line, org, last_line)`` for a title broken over two lines, or None.
* ``headings``: strings ``"LINE:LEVEL:ROLE"`` for one heading line, or ``"A-B:LEVEL:ROLE"`` for every
  line in A..B whose first characters are a marker of LEVEL (1 ``一、`` · 2 ``（一）`` · 3 ``1.``/``1、``/``１．`` ·
  4 ``（1）``).  A line without a marker is an unnumbered heading (marker null, number null).
  ``"A-B:LEVEL:ROLE:uN"`` selects every stand-alone unnumbered lead line in A..B (no marker, at most N
  characters, not an intro ending in ``：``) — e.g. ``产业结构持续优化。`` on a line of its own; such lines get
  the structural LEVEL they occupy (2 under ``一、``, 3 under ``（一）``).  Every selection was checked by eye.
  A line starting ``一是…`` that holds nothing but a short lead (``一是联合港澳承办十五运会和残特奥会。``) is listed
  with marker ``一是``; ``一是…`` that runs into body text is an item and is not listed.
  ROLE codes: P preamble, A achievements, R problems, L plans, E experience, O other.
* ``traps``: ``"LINE:reason"`` or ``"A-B:reason"`` — lines that LOOK like headings (a marker at line start,
  a short stand-alone line) but are not: numbered list items, split-off enumeration markers (``第一、``),
  formatting debris (``2.5``, ``十三五``, ``主要目标``).  Written to ``not_headings`` as negative examples.
  A reason starting with ``*`` keeps only the lines of the range that start with a marker (appendix lists).
* ``parts``: strings ``"ROLE@LINE"`` (the part starts at the first non-blank character of LINE) or
  ``"ROLE@LINE:anchor"`` (the part starts where ``anchor`` first occurs in LINE).  A part ends at the
  end of the last non-blank text before the next part (or at the end of the document).  Problems parts
  get ``"heading": false`` unless the spec says ``R!`` (a problems part opened by a heading).

Run: ``python corpora/real/structure_build.py`` (writes structure.jsonl next to this file), then
``python corpora/real/structure_validate.py``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA_DIR = Path(__file__).resolve().parents[1] / "public"
PROV = "cn-provincial-gwr-2026/provincial_gov_work_reports_2026.jsonl"
NAT = "cn-political-corpora/national_gov_work_reports.jsonl"

ROLES = {"P": "preamble", "A": "achievements", "R": "problems", "L": "plans", "E": "experience", "O": "other"}

CN = "〇一二三四五六七八九十百"
MARKERS = {
    1: re.compile(r"([一二三四五六七八九十]+)[、．.]"),
    2: re.compile(r"[（(]([一二三四五六七八九十]+)[）)]"),
    3: re.compile(r"([0-9０-９]+)(?:[.．、](?![0-9０-９])|\s)"),
    4: re.compile(r"[（(]([0-9０-９]+)[）)]"),
}
BARE_NUMERAL = re.compile(r"([一二三四五六七八九十]+)$")
ITEM_LEAD = re.compile(r"([一二三四五六七八九十]+)是")
DASH_LEAD = re.compile(r"——")
ORDINAL = re.compile(r"第([一二三四五六七八九十]+)[，、,]")


def cn2int(s: str) -> int:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if s.isdigit() or all(c in "０１２３４５６７８９" for c in s):
        return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if s == "十":
        return 10
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits[a] if a else 1) * 10 + (digits[b] if b else 0)
    return digits[s]


# --------------------------------------------------------------------------------------------------
# The annotations.
# --------------------------------------------------------------------------------------------------
DOCS: list[dict] = []


def doc(doc_id, corpus, title, headings, parts, notes="", traps=()):
    DOCS.append(dict(doc_id=doc_id, corpus=corpus, title=title, headings=headings, parts=parts, notes=notes,
                     traps=list(traps)))


# ANNOTATIONS-BEGIN
doc("cn-gwr-prov-2026-11", PROV, (1, "北京市政府", 2026),
    ["9:1:A", "23:1:A", "37:1:L", "41-89:2:L"],
    ["P@2", "A@9", "R@22", "A@23", "L@30"],
    "Section 二 `“十四五”时期发展成就和“十五五”时期主要目标任务` is mixed: lines 24-29 review the five years "
    "(`这五年，我们…`, achievements), the unheaded plan starts at line 30 `“十五五”时期是…关键时期` — so the problems "
    "paragraph (line 22, `同时，我们也清醒认识到，工作中还存在不少问题不足和风险挑战：…；…。对于这些问题…`) is followed "
    "by more achievements; heading 二 gets role achievements (its first content). Review paragraphs open with "
    "`一是…` … `六是…` at line start (items, not headings); plan paragraphs open with unnumbered run-in lead "
    "sentences (`大力提振消费。…`), not listed. Line 21 (`各位代表，过去一年…表示衷心的感谢！`) is the thanks "
    "paragraph, kept in achievements. Line 95 (政府自身建设, unheaded, `各位代表，完成今年目标任务…必须把政府自身建设得更加坚强有力`) "
    "and line 96 (exhortation) are in plans. Photo caption line 6 `殷勇同志作政府工作报告。本报记者 戴冰摄` is preamble.",
    traps=['12:intro line (一年来，主要做了以下工作。)', '40:intro line (重点做好十方面工作。)'])

doc("cn-gwr-prov-2026-12", PROV, (1, "天津市政府", 2026),
    ["9:1:A", "11-35:2:A", "46:1:L", "59:1:L", "64-105:2:L"],
    ["P@2", "A@9", "R@45", "L@46"],
    "Review 一 covers 2025 ((一)-(六), then line 35 `一年来，我们切实加强政府自身建设…`) and the 十四五 five years "
    "(lines 36-44, `五年来，…` paragraphs, thanks in 44). Problems paragraph line 45 `同时我们也清醒认识到，政府工作还存在不少问题和不足。主要是：…` "
    "(no comma after 同时; the government-shortcomings opener introduces economic problems). Plans = 二 (十五五 targets, "
    "items `一是…九是…` at line start, not headings) + 三 2026年重点工作 (（一）-（八）); 政府自身建设 is the unheaded "
    "line 106 `各位代表！新征程新使命对政府自身建设提出了新任务新要求…`. Line 14/15 is one paragraph broken mid-sentence "
    "(`…中国电子增资麒麟软件，` / `协和天津基地…`).",
    traps=['49:intro line ending in ：', '63:intro line ending in ：'])

doc("cn-gwr-prov-2026-15", PROV, (1, "内蒙古自治区政府", 2026),
    ["9:1:A", "20:1:L", "26:1:L", "28-30:2:L", "31:1:L", "33-37:2:L", "38:1:L", "39-48:2:L", "49:1:L",
     "52:1:O", "53:1:O"],
    ["P@2", "A@9", "R@19", "L@20", "O@52"],
    "Two UNNUMBERED top-level headings: line 9 `“十四五”时期发展成就和2025年工作回顾` and line 20 "
    "`“十五五”时期主要目标和2026年重点工作`; the numbered `一、`…`四、` (lines 26, 31, 38, 49) all sit INSIDE the plan "
    "(structurally level 2 under line 20, but annotated level 1 by marker convention). Review uses `——这五年…` bullet "
    "paragraphs (lines 11-16) — not headings. Problems paragraph line 19 has NO 清醒 phrase: "
    "`成绩固然可喜，问题也不容忽视。一是…二是…八是…。以上问题事关自治区长远发展，必须痛下决心予以解决。` (8 enumerated problems, "
    "八是 = 政府服务质效/营商环境). `（一）…。` plan lines 39 etc. are whole-line headings ending with `。`; the `一要…二要…` "
    "paragraphs under them are items. Appendix: line 52 `附件` + line 53 `2026年自治区民生实事` (both listed as "
    "unnumbered headings, role other), then a `1.`…`10.` list with `（牵头单位：…）` (not listed as headings).",
    traps=['54-63:*appendix list entry (民生实事, （牵头单位：…）)'])

doc("cn-gwr-prov-2026-21", PROV, (1, "辽宁省政府", 2026),
    ["8:1:A", "25:1:L", "34-80:2:L", "87:1:L"],
    ["P@2", "A@8", "R@24", "L@25"],
    "Review paragraphs `一是…`…`八是…` at line start (items). Problems paragraph line 24 opens with an admission of "
    "missed targets, not a stock phrase: `各位代表，“十四五”时期，受世纪疫情严重冲击…5项预期性指标、1项约束性指标未能如期完成。我们清醒认识到，…` "
    "— four groups each closed by `这更加坚定我们…`, the last on 政府系统一些干部; no `对于这些问题` sentence. Plan 二 "
    "`“十五五”时期目标任务和2026年工作安排` with run-in `（一）…。` headings (heading = text up to the first `。`); line 79 "
    "`各位代表！今年，我们继续安排20件民生实事…` is a plan paragraph inside （九）. 三 `全面加强政府自身建设` closes the plan.")

doc("cn-gwr-prov-2026-35", PROV, (1, "福建省政府", 2026),
    ["8:1:A", "11-45:2:A", "57:1:L", "62-65:2:L", "66:1:L", "69-106:2:L", "107:1:L", "109-113:2:L"],
    ["P@2", "A@8", "R@56", "L@57"],
    "All four level-1 headings are SLOGANS without a role keyword: `一、一年接着一年干，新福建建设持续取得新进展新成效` "
    "(review), `二、一张蓝图绘到底，奋力谱写中国式现代化福建篇章` (十五五 plan), `三、一鼓作气勇争先，全力推动“十五五”开好局、起好步` "
    "(2026 plan), `四、一以贯之转作风，努力建设人民满意的服务型政府` (政府自身建设). Review level-2 headings are slogans "
    "`（一）着力推进向新向优发展，产业转型升级步伐加快` (achievement phrased as result); level-2 plan headings are "
    "run-in `（一）壮大实体经济，推动高质量发展。持续把…`. `（六）着力办好办实民生实事，…` is a review heading, not an "
    "appendix. Five-year review paragraphs `五年来，我们…` (47-53). Problems line 56 `在肯定成绩的同时，我们也清醒认识到，我省发展还面临不少问题和挑战，主要是：…等等。我们将加大工作力度，努力在发展中加以解决。`.")

doc("cn-gwr-prov-2026-44", PROV, (1, "广东省人民政府", 2026),
    ["7:1:A", "9:2:A", "11:2:A", "13:2:A", "15:2:A", "17:2:A", "19:2:A",
     "22:2:A", "24:2:A", "26:2:A", "28:2:A", "30:2:A", "32:2:A", "36:2:A",
     "41:1:L", "49:2:L", "51:2:L", "53:2:L", "55:2:L", "57:2:L", "60:1:L", "64-150:2:L",
     "158:1:O", "159:1:O", "181:1:O", "182:1:O"],
    ["P@2", "A@7", "R@40", "L@41", "O@158"],
    "Bare title `政府工作报告` (org not in the title: taken from the reporter line `广东省省长 孟凡利` / `我代表省人民政府`). "
    "The `——` subtitle is broken over two lines (`——2026年1月26日在广东省第十四届` / `人民代表大会第五次会议上`). "
    "Review sub-headings are STAND-ALONE `一是…。` lines (`一是联合港澳承办十五运会和残特奥会。`, lines 9-19, listed, marker `一是`, "
    "level 2) and stand-alone `这是经济实力持续提升的五年。` lines (22-36, level 2, unnumbered). The 十五五 part has "
    "stand-alone `一是聚焦经济建设这一中心工作。`…`五是…` (49-57). Traps: bold phrases split onto their own lines — "
    "`“十五五”时期经济社会发展的` / `主要目标` / `是：地区生产总值年均增长5%左右…` (46-48) and `…今年经济社会发展的` / "
    "`主要预期目标` / `是：…` (61-63) are NOT headings; `PM` / `2.5` / `年平均浓度…` (33-35, also 125-127) is a subscript "
    "split over lines, and `2.5` must not be read as a `2.` heading. Problems line 40 `同时我们清醒地看到，我省经济社会发展中老问题、新挑战仍然不少。…对此我们将采取有力措施坚决改进。` "
    "(22.7%). Plan level-2 headings `（一）…`…`（十四）全面加强政府自身建设…` (the 政府自身建设 section is level 2 inside 三). "
    "Appendices: `附件1` / `2026年省十件民生实事` with its own `一、…`…`十、…` list (lines 161-179; NOT headings of the "
    "report, a level-1 marker inside an appendix) and `附件2` / `名词解释` with `1.“四上”企业：` entries — both role other.",
    traps=['34:formatting debris: subscript of PM2.5 split onto its own line (not a 2. heading)', '126:formatting debris: subscript of PM2.5 split onto its own line (not a 2. heading)', '44:intro line ending in ：', '46-47:bold phrase split over lines (…的 / 主要目标 / 是：…)', '62:bold phrase split over lines (主要预期目标)', '161-179:*appendix list entry (民生实事 一、…十、)', '183-207:*appendix list entry (名词解释 1.…13.)'])

doc("cn-gwr-prov-2026-46", PROV, (1, "海南省人民政府", 2026),
    ["6:1:A", "8-20:2:A:u30", "23:2:A", "29:2:A", "37:2:A", "43:2:A", "49:2:A", "57:2:A", "69:2:A",
     "25-75:3:A:u14", "80:1:L", "90-104:2:L:u30", "106:1:L", "112-183:2:L", "113-191:3:L:u16",
     "192:1:L", "194-201:2:L:u10", "203:1:O"],
    ["P@2", "A@6", "R@79", "L@80", "O@203"],
    "Bare title `政府工作报告`; org from `我代表海南省人民政府`. Dense UNNUMBERED stand-alone lead lines at two depths: "
    "review `这一年，我们感恩奋进、埋头苦干，封关运作如期实现。` (level 2, 8-20), five-year leads `五年来，我们坚定不移…，在…中实现综合实力新跨越。经济实力显著提升。` "
    "(level 2; heading = text before the first `。`, the second sentence is itself a run-in level-3 lead), and short leads "
    "`产业结构持续优化。` (level 3, 25-75). Plan: 二 has `聚焦对外开放，高标准建设海南自由贸易港。` leads (level 2, after the "
    "intro `实现“十五五”目标，必须做到“八个聚焦”：` which is not a heading); 三 has `（一）聚力促进更高水平开放` then level-3 leads "
    "`推动自由贸易港政策红利加速释放。`; 四 `加强政府自身建设` has leads `旗帜鲜明讲政治。` (level 2). `今年政府工作的总体要求是：` "
    "is not a heading. Inline note markers `［1］`…`［28］` in the body point to the appendix `注释` (line 203; entries "
    "`［1］一降三减：` + explanation line; not headings). Problems line 79 `我们也清醒认识到，全省经济社会发展还面临不少困难和挑战。…等等。对此，我们将高度重视，切实加以解决。`.",
    traps=['89:intro line ending in ：', '108:intro line ending in ：', '111:intro line ending in ：', '204-258:*appendix note entry (注释 ［1］…［28］)'])

doc("cn-gwr-prov-2026-52", PROV, (2, "贵州省人民政府", 2026),
    ["7:1:A", "15-24:2:A", "28:1:L", "39:1:L", "43-74:2:L"],
    ["P@3", "A@7", "R@27", "L@28"],
    "Line 1 is a PHOTO CAPTION placed BEFORE the title (`政府工作报告。 贵州日报天眼新闻记者 李森 摄`); the bare title "
    "`政府工作报告` is line 2, the subtitle is in round brackets `（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）`; "
    "line 1 belongs to no part. org from `我代表省人民政府` + 贵州 in the subtitle. 2025 review as `——经济保持平稳增长。…` "
    "bullets (9-13); line 14 `各位代表！2025年主要目标任务的完成…` recalls the problems of five years ago "
    "(`一些长期积累的突出矛盾问题亟待解决。经济下行压力持续加大…`) as the backdrop of the five-year review — achievements, "
    "not problems. Five-year review as run-in `（一）全面转向高质量发展新阶段。…` (15-24, level 2, each paragraph ends with `！`). "
    "Line 25 (`五年来，我们大力加强政府自身建设…我们始终坚持对党绝对忠诚…`) reads like lessons (the problems opener says "
    "`在总结成绩和经验的同时`) but is phrased as a result; kept achievements. Problems line 27. Plan 二 has `——` target "
    "bullets; plan 三 run-in `（一）…。`; line 80 embeds the 十件民生实事 as inline `（1）…（10）` items (level-4 markers "
    "inside a paragraph, not headings); 政府自身建设 is the unheaded line 82 `各位代表！“十五五”新的征程已经开启，各级政府都要有新面貌…`.",
    traps=['1:photo caption before the title', '42:intro line ending in ：'])

doc("cn-gwr-prov-2026-61", PROV, (1, "陕西省政府", 2026),
    ["13:1:A", "16-21:2:A", "27:1:L", "34:1:L", "38-69:2:L"],
    ["P@2", "A@13", "R@26", "L@27"],
    "Title `陕西省2026年政府工作报告` (org `陕西省政府` is discontinuous in it). The TITLE BLOCK REPEATS: lines 3-5 "
    "`政府工作报告` / `陕西省2026年政府工作报告` / `2026年1月27日在…会议上 陕西省省长 赵刚` duplicate lines 1-2 (no `——`; "
    "speaker on the same line); then `时间：` / `2026-02-02 09:20` / `来源：` / `陕西省人民政府` split over lines and the "
    "caption `省长赵刚作政府工作报告` — all preamble. Review `一、2025年工作回顾` with run-in `（一）聚焦扩大内需，确保经济平稳运行。…` "
    "after `一年来，主要做了6个方面工作：`; the 十四五 review is one long unheaded paragraph (line 24, 1386 chars) inside 一. "
    "Full-width percent `％` throughout. Problems line 26 `同时，我们也清醒地看到，发展中还存在不少问题。…` (37.0%). "
    "Plan 二 items `一是…三是…` at line start (run-in, not headings); 三 with stand-alone `（一）着力扩大有效需求，推动经济稳中向好`. "
    "政府自身建设 unheaded (line 73 `各位代表！做好今年和“十五五”工作，对政府自身建设提出了更高…`), then a separate "
    "国防/军队 paragraph (74) and the exhortation (75).",
    traps=['3-5:repeated title block', '10:photo caption', '15:intro line ending in ：', '37:intro line ending in ：'])

doc("cn-gwr-prov-2026-36", PROV, (1, "江西省政府", 2026),
    ["9:1:A", "28:1:L", "30-33:2:L", "36:1:L", "40-67:2:L", "74:1:O", "75:1:O"],
    ["P@2", "A@9", "E@25", "R@26", "L@28", "O@74"],
    "Has an EXPERIENCE paragraph (unheaded): line 25 `各位代表，实践中，我们深切体会到，做好江西政府工作，必须把牢正确政治方向…；必须发挥江西特色优势…；必须坚持以人民为中心…；必须树牢实干实效导向…`, "
    "after the thanks paragraph (24) and before the problems. Problems = TWO paragraphs: line 26 "
    "`需要向各位代表说明的是，“十四五”时期，受…多重因素影响，固定资产投资增速、碳排放强度降低幅度两个指标没有达到规划预期…也未达年初预期，但…没有变。` "
    "(missed targets, no stock phrase) and line 27 `同时，我们也清醒认识到，经济社会发展中老问题、新挑战仍然不少，主要是：…；一些政府工作人员执行力、创造力不够强…。我们将直面问题，全力破解…`. "
    "Review items `一是…六是…` run-in (11-16), five-year `五年来，我们…` paragraphs (18-23). Plan 二 `“十五五”时期发展的主要考虑` with run-in "
    "`（一）关于“十五五”时期发展的时代背景。…`; 三 `2026年工作安排` with run-in `（一）…。`; 政府自身建设 unheaded "
    "(line 72 `各位代表，应对新挑战、完成新任务，对政府工作提出新的更高要求…`). Appendix `附件` / `《政府工作报告》有关内容名词注释` "
    "with `1.“2030启航计划”：…` entries (one line each; entry 6 is `6. “一表同享”` with a space; entry 20 is "
    "`20.2026年10件民生实事：…` — a number run straight into a year).",
    traps=['39:intro line (重点做好八方面工作。)', '76-101:appendix list entry (名词注释 1.…26.; 20.2026年… and 21.5+2… run the number into digits)'])

doc("cn-gwr-prov-2026-51", PROV, (1, "四川省人民政府", 2026),
    ["9:1:A", "30:1:L", "38:1:L", "42-90:2:L", "95:1:O"],
    ["P@2", "A@9", "R@29", "L@30", "O@95"],
    "Title `2026年四川省人民政府工作报告`. Metadata split over lines: `2026年02月10日 07时41分` / `来源:` (half-width colon) / "
    "`四川日报`; subtitle without `——` (`2026年2月3日在四川省第十四届人民代表大会第五次会议上`). Review `一、2025年工作回顾和“十四五”发展主要成绩`: "
    "`一年来，主要做了以下工作：` then run-in `一是着力扩内需稳增长，…。` (items). `各位代表！` stands ALONE on lines 20 and 27 "
    "(a 5-character line that is not a heading). Problems line 29 `在看到成绩的同时，我们也清醒认识到，经济社会发展中还存在一些困难和问题：…；等等。我们将正视问题…` "
    "(35.4%). Plan 二 `“十五五”发展的主要考虑` (items `一是聚力…`), 三 `2026年工作安排` with run-in `（一）…。`…`（十）突出政府履职效能，切实加强自身建设。…` "
    "(政府自身建设 as level 2 inside 三). Appendix `名词解释` (line 95) with `1.“两重”：…` entries; entry 7 is broken over lines "
    "(`揭榜` / `挂帅”的简称…` / `揭榜` / `。` — lone-character lines).",
    traps=['11:intro line ending in ：', '20:salutation alone on a line (各位代表！)', '27:salutation alone on a line (各位代表！)', '41:intro line ending in ：', '96-121:*appendix list entry (名词解释 1.…20.)', '103:formatting debris: one word split onto its own line (揭榜)', '105:formatting debris (揭榜)', '107:formatting debris (揭榜)', '108:formatting debris (lone 。)'])

doc("cn-gwr-prov-2026-13", PROV, (1, "河北省政府", 2026),
    ["9:1:A", "21:1:L", "26-30:2:L", "33:1:L", "36-52:2:L"],
    ["P@2", "A@9", "R@20", "L@21"],
    "Review `一、“十四五”时期经济社会发展回顾` puts the five years FIRST (`这五年，…` paragraphs 11-16) and 2025 after "
    "(line 17 `刚刚过去的2025年，…`, one paragraph). Problems line 20 has NO 清醒/认识到 phrase: "
    "`同时，我省经济社会发展还面临一些困难和挑战，主要是：…，一些政府工作人员形式主义、官僚主义仍不同程度存在。我们一定正视问题，采取有力措施加以解决。` (31.5%). "
    "Plan 二 `“十五五”时期的主要目标任务` with run-in `（一）努力在推进创新驱动发展中闯出新路子。…` and two "
    "`各位代表！…` paragraphs (31-32); 三 `2026年主要工作` starts only at 63.8% (short document, 9.8k chars) with "
    "stand-alone `（一）全力办好国家大事，纵深推进京津冀协同发展`. 政府自身建设 unheaded (line 57 `各位代表，踏上新征程，肩负新使命，我们要始终坚持党的全面领导…`).",
    traps=['35:intro line ending in ：'])

doc("cn-gwr-prov-2026-32", PROV, (1, "江苏省政府", 2026),
    ["9:1:A", "11-18:2:A", "26:1:L", "31-35:2:L", "36:1:L", "38-47:2:L"],
    ["P@2", "A@9", "R@25", "L@26"],
    "Review `一、“十四五”时期和2025年工作回顾`: five years first with run-in `（一）更好统筹质的有效提升和量的合理增长，经济实力显著增强。…` "
    "(continuation paragraphs 13 and 16 without marker), then 2025 (line 21) with `——“向新”的动能持续增强。…` bullets. "
    "Problems line 25 has no 清醒: `在看到成绩的同时，我们也认识到老问题、新挑战仍然不少，主要是…，政府服务和作风建设有待进一步加强。这些发展中、转型中的问题，都是经过不懈努力能够解决的。…` "
    "(31.4%). Plan 二 `“十五五”时期工作总体要求和目标任务` (run-in （一）-（五）), 三 `2026年重点工作` with LONG run-in "
    "`（一）不断巩固拓展经济稳中向好势头。…` paragraphs (up to 1048 chars, one paragraph per level-2 section); 国防 paragraph "
    "48, unheaded 政府自身建设 49 `各位代表，走在前、做示范厚望如山…我们将持续加强自身建设…` (contains `更加清醒坚定地` — a 清醒 hit inside the plan, 98%), exhortation 50.")

doc("cn-gwr-prov-2026-42", PROV, (1, "湖北省政府", 2026),
    ["8:1:A", "19:2:A", "24:2:A", "28:2:A", "34:1:L", "48:1:L", "53-105:2:L", "113:1:L", "115-119:2:L"],
    ["P@2", "A@8", "E@32", "R@33", "L@34"],
    "Five-year review first as run-in `——经济实力实现整体跃升。…` bullets (10-16, not headings), then 2025 (18) with three "
    "STAND-ALONE dash lead lines that act as sub-headings (listed, marker `——`, level 2): "
    "`——扎实抓好稳增长、防风险、保民生三项基本任务，高质量发展的底盘持续夯实。`, `——着力深化改革、扩大开放、促进创新，…`, "
    "`——切实加强政府自身建设、优化创新生态和营商环境，…`. EXPERIENCE paragraph line 32 "
    "`各位代表！过去五年历程，让我们深刻体会到，推动湖北经济社会高质量发展，必须…。必须…。必须…。必须…。` "
    "(after thanks 31, before problems). Problems line 33 `在看到成绩的同时，我们也清醒地认识到，前进道路上老问题、新挑战仍然不少。主要是：…政府自身建设有待进一步加强…。对这些问题，我们将高度重视…` (34.0%). "
    "Plan 二 `“十五五”时期工作的主要考虑` contains `从风险挑战看，当前国际形势异常复杂严峻…` (line 38, 38%) — a "
    "risk/outlook paragraph inside the plan, NOT problems. 三 `2026年的重点工作` has stand-alone `（一）…。` lines; line 50 starts "
    "`5.5%左右的预期增长目标…` (a number, not a `5.` heading). 四 `努力建设让人民满意的法治型服务型政府` is the 政府自身建设 "
    "section with run-in `（一）旗帜鲜明讲政治。…`.",
    traps=['41:intro line ending in ：', '52:intro line ending in ：', '50:paragraph starting with a number (5.5%…), not a 5. heading'])

doc("cn-gwr-national-1979", NAT, None,
    ["5:1:A", "31:2:L", "34:2:L", "41:1:L", "69:2:L", "77:2:L", "80:2:L", "87:2:L", "90:2:L", "95:2:L", "100:2:L",
     "103:2:L", "106:2:L", "113:2:L", "122:1:L", "162:1:A"],
    ["P@1", "A@5", "L@25", "R@45:但是，林彪、“四人帮”十年破坏", "L@47", "A@128", "R@130", "L@132", "A@162", "O@174", "L@214"],
    "No title (starts `各位代表：`); blank lines between paragraphs, paragraphs indented with `\\u3000\\u3000`, headings not indented. "
    "THEMATIC sections, not review/plan: 一、伟大的历史性转变 (review 7-23, then the new general line and class-struggle "
    "policy 25-39, marked plans — doubtful, it is guidance rather than tasks), 二、打好四个现代化的第一个战役 (the "
    "readjustment plan), 三、加强社会主义民主和社会主义法制 (principles, a review paragraph 128 `五届人大一次会议以来，我们在加强民主和法制的建设方面已经采取了一系列措施`, "
    "a problems paragraph 130 `但是，应该承认，我国封建主义的历史很长…专制主义、官僚主义、特权思想…很容易滋长` and tasks), "
    "四、反对霸权主义、维护世界和平 (foreign-affairs review 164-172, then international situation and foreign-policy "
    "positions 174-212 marked other — incl. Taiwan 208-212; closing 214-216 plans). The main problems statement starts "
    "MID-PARAGRAPH at `但是，林彪、“四人帮”十年破坏的严重后果…目前，我们面临的突出问题是，…` in line 45 (inside the plan section 二, 22%); "
    "line 156 also names 歪风邪气 but is a task paragraph (kept plans). `（一）要使粮食生产…`…`（五）…` (49-57) are one-sentence "
    "numbered requirements introduced by `我们要努力达到下列几项主要要求：` — a numbered LIST, not headings (in not_headings). `第一、` … `第十、` "
    "stand ALONE on lines 69-113 (the ten tasks; the lead sentence `坚持贯彻以农业为基础的指导思想，集中力量把农业搞上去。…` is "
    "the next, unindented line) and `第一，`/`第二，` on 31/34 (the two points of the class-struggle policy): listed as "
    "headings by the single-numeral-line rule — marker `第一、`, level 2, EMPTY heading text (start == end), because "
    "nothing follows the marker on its line. Book titles are split onto their own short lines "
    "(`中共中央关于加快农业发展若干问题的决定（草案）`, `》和《`, `农村人民公社工作条例（试行草案）`, `告台湾同胞书`) — "
    "short lines that are not headings.",
    traps=["49-57:*numbered list item (requirements after 下列几项主要要求：), not a heading",
           "14-16:book title split onto its own line", "20:book title split onto its own line",
           "74:book title split onto its own line", "97:book title split onto its own line",
           "201:book title split onto its own line", "209:book title split onto its own line",
           "211:book title split onto its own line"])

doc("cn-gwr-national-1985", NAT, None,
    ["11:2:A", "45:2:L", "97:3:L", "101:3:L", "105:3:L", "109:3:L", "113:3:L", "119:1:L"],
    ["P@1", "A@5", "R@39", "L@45"],
    "No title; FULL-WIDTH digits (`１９８４年`, `１２％`). Only two numbered sections and they use the LEVEL-2 marker at top "
    "level: `（一）关于经济形势` (review + problems) and `（二）关于经济体制改革` (plan); closing unnumbered `结束语` (line 119, "
    "role plans: final exhortation). Opening lines 3-9 summarise 1984 (line 3 kept preamble as the opening paragraph; "
    "5 foreign policy and 7 Taiwan are review paragraphs; 9 ends by announcing the topic `现在，我就以此为题，向大会作政府工作报告`). "
    "Problems = THREE paragraphs 39-43 (29-37%): `各位代表！我们说当前我国的经济形势很好，并不是说一切都好…出现这样的问题，同以下的情况有密切的关系。`, "
    "41 (…`这是一条重要的教训。`), 43 `总的来看，当前经济生活中存在的问题，是前进中的问题…`. Plan: reform tasks; the price-reform "
    "content is an INDENTED `　　一、…；`…`　　四、…。` list (73-79) — level-1 markers used for list items inside the plan, not headings. "
    "`第一、必须坚持实事求是、稳步前进的方针，坚决防止盲目追求和比赛增长速度的现象` … `第五、必须继续纠正各种不正之风，排除对改革的干扰` "
    "(97-113) are UN-indented stand-alone ordinal lines (no final `。`; 101/105 run into a second sentence) followed by "
    "indented body paragraphs: listed as level-3 headings with marker `第一、`. Bold "
    "phrases broken onto their own lines: `　　在` / `工资制度和价格改革` / `上迈出重要的步子…`, `　　１９８５年的` / `工资改革，`, "
    "`　　关于` / `价格体系的改革，`; `　　各位代表！` alone (121).",
    traps=["73-79:*numbered list item (一、…四、 after 今年价格改革的主要内容是：), not a heading",
           "57-58:bold phrase split over lines", "61-62:bold phrase split over lines", "69-70:bold phrase split over lines",
           "121:salutation alone on a line (各位代表！)"])

doc("cn-gwr-national-1992", NAT, None,
    ["5:1:A", "33:1:L", "73:1:L", "101:1:L", "125:1:O", "139:1:O", "169:1:L"],
    ["P@1", "A@5", "R@17", "E@19", "L@33", "O@125", "L@169"],
    "No title; full-width digits in headings (`一、１９９１年国内工作的回顾`). Problems paragraph EARLY (11.9%), line 17 "
    "`我国目前的经济形势总的来看是在继续向好的方面发展，但在前进过程中还存在着一些不容忽视的问题：…` (no 清醒). "
    "EXPERIENCE part without heading inside 一: line 19 `回顾１９９１年的工作和三年来的治理整顿…我们取得的一切成就从根本上说都是由于…基本路线…并把握住以下一些要点。` "
    "followed by six lead-sentence paragraphs (`紧紧抓住经济建设这个中心不放。…` … `及时总结经验，树立务实作风。…`). "
    "Plan sections are thematic slogans without a year: 二、抓紧有利时机，加快经济发展 / 三、加快改革步伐，扩大对外开放 / "
    "四、为经济建设和改革开放创造更好的社会政治环境. 五、积极推进祖国和平统一大业 and 六、关于国际形势和外交工作 are "
    "marked other (unification / foreign policy, partly review) — a judgement call; 结束语 (unnumbered, 169) + final "
    "paragraph = plans (exhortation). Law/document titles split onto their own lines (`进一步贯彻实施民族区域自治法若干问题的通知`, "
    "`香港特别行政区基本法`, `不扩散核武器条约`).",
    traps=["120:document title split onto its own line", "130:document title split onto its own line",
           "132:document title split onto its own line", "158:document title split onto its own line"])

doc("cn-gwr-national-1998", NAT, None,
    ["5:1:A", "9:2:A", "12:2:A", "15:2:A", "18:2:A", "21:2:A", "24:2:A", "29:2:A", "32:2:A",
     "41:2:E", "44:2:E", "47:2:E", "50:2:E", "53:2:E",
     "58:1:L", "64:2:L", "76:2:L", "96:2:L", "109:2:L", "123:2:L", "135:2:L", "150:2:L", "160:2:L",
     "68:3:L", "71:3:L", "78:3:L", "81:3:L", "84:3:L", "87:3:L", "90:3:L", "93:3:L", "100:3:L", "103:3:L",
     "106:3:L", "111:3:L", "114:3:L", "117:3:L", "120:3:L", "127:3:L", "132:3:L", "139:3:L", "142:3:L",
     "145:3:L", "152:3:L", "157:3:L",
     "170:1:O", "200:1:L"],
    ["P@1", "A@5", "R@37", "E@39", "L@58", "O@170", "L@200"],
    "End-of-term report. DIGITS SPACED OUT (`1 9 9 3 年3 月`, `7 4 7 7 2 亿元`, `8 ％`), also in a heading: "
    "`二、关于1 9 9 8 年政府工作的建议`. Paragraph layout: indented (`\\u3000\\u3000`) paragraphs are ordinary; an "
    "UNINDENTED line after a blank line and directly followed by an unindented body line is a bold lead "
    "(`过去的五年，经济发展保持良好势头，国家经济实力显著增强。`) — listed as unnumbered headings (level 2 in the review, "
    "level 3 under the plan's `第一，进一步稳定和加强农业`…`第八，推进祖国和平统一大业`, which are stand-alone ordinal "
    "level-2 headings with marker `第一，`). Problems line 37 `我们清醒地看到，在我国的经济和社会发展中，还存在着不少矛盾和问题…` (29.5%). "
    "EXPERIENCE: `各位代表！回顾过去五年的政府工作，我们有以下几点体会：` (39, an intro line) + stand-alone "
    "`第一，坚持解放思想、实事求是的思想路线。`…`第五，…` (41-53, listed, role experience) + `五年来的基本经验，归结起来…` (56). "
    "三、关于国际形势和外交工作 = other (foreign policy); 结束语 (200) + final paragraph = plans. `　　各位代表！` alone (166, 202); "
    "`我国第一部《` / `国防法` / `》开始实施…` and treaty titles split onto lines (25-26, 191, 193).",
    traps=["25-26:law title split over lines (我国第一部《 / 国防法)", "39:intro line ending in ： (几点体会)",
           "166:salutation alone on a line", "202:salutation alone on a line",
           "191:treaty title split onto its own line", "193:treaty title split onto its own line"])

doc("cn-gwr-national-2004", NAT, None,
    ["5:1:A", "27-99:2:A", "107:1:L", "111-216:2:L",
     "129:3:L", "132:3:L", "135:3:L", "138:3:L", "141:3:L", "144:3:L",
     "181:3:L", "184:3:L", "187:3:L", "192:3:L", "195:3:L",
     "230:1:L", "234:2:L", "237:2:L", "240:2:L", "245:2:L", "248:2:L"],
    ["P@1", "A@5", "R@103", "L@107", "O@255", "L@281"],
    "No title. Review opens with TRIPLE-dash bullets `———抗击非典取得重大胜利。` (9-21; three U+2014, not the usual two) — "
    "not headings. `一年来，我们主要做了以下六方面工作：` then stand-alone `（一）采取果断措施，集中力量抗击非典`. Problems = two "
    "paragraphs 103-105 (23.7%): `回顾过去一年，我们清醒地看到，在前进道路上还有许多困难和问题…政府自身建设和反腐败工作十分艰巨。` + "
    "`对这些矛盾和问题，必须高度重视而不可回避…`. Plan `二、2004年主要任务` with (一)-(九); under （二） stand-alone ordinal "
    "lines `第一，保护和提高粮食综合生产能力。`…`第六，…` (level 3); under （六） stand-alone leads `深化国有资产管理体制和国有企业改革。` "
    "(level 3) but `推进财税体制改革。重点是…` is run-in (not listed) in the same run. `三、加强政府自身建设` uses stand-alone "
    "`第一，推进政府职能转变。`…`第五，…` directly (level 2, no （一）). After it, unheaded 港澳/台湾 (257-259) and foreign-policy "
    "(263-279) paragraphs, each group opened by a lone `各位代表！` line, marked other (content rule used for all national "
    "reports: unification/foreign-affairs statements are other); the last `各位代表！` + closing paragraph = plans. "
    "Law titles split onto their own lines (30, 32, 54, 56, 60, 88-94: `收容遣送` etc.).",
    traps=["9-21:triple-dash (———) achievement bullets, not headings", "25:intro line ending in ：",
           "255:salutation alone on a line", "261:salutation alone on a line", "281:salutation alone on a line",
           "30:law title split onto its own line", "32:law title split onto its own line",
           "54:plan title split onto its own line", "56:plan title split onto its own line",
           "60:decision title split onto its own line", "88:regulation title split onto its own line",
           "90:quoted term split onto its own line", "92:regulation title split onto its own line",
           "94:regulation title split onto its own line", "162:plan title split onto its own line",
           "242:law title split onto its own line"])

doc("cn-gwr-national-2008", NAT, None,
    ["5:1:A", "29-55:2:A", "121:1:L", "135-221:2:L"],
    ["P@1", "A@5", "E@91", "R@105", "A@117", "L@121", "O@239", "L@245"],
    "No title. A SPACE after markers: `一、 过去五年工作回顾`, `（六） 更加注重社会建设…` (heading text starts after the space). "
    "Five-year review: `——经济跨上新台阶。…` bullets (9-23), stand-alone `（一）…`-`（三）…`, then review paragraphs on "
    "民主法制/国防/港澳台/外交 (77-87, achievements) and 政府自身 (89). EXPERIENCE 91-103: `过去五年，我们在丰富实践中积累了许多宝贵经验，主要体会是：` "
    "+ run-in `第一，必须坚持解放思想。…`…`第六，…`. PROBLEMS as a block of paragraphs 105-115 (35.9-40%): "
    "`我们也清醒地认识到，经济社会发展和政府工作中还存在不少问题…` + FOUR `——` problem bullets "
    "(`——经济运行中一些突出问题和深层次矛盾依然存在。…`, …, `——政府自身建设和管理需要加强。…`) + `我们一定要始终保持清醒头脑…` — "
    "the `——` marker carries problems here, not targets. The thanks paragraph comes AFTER the problems (117 lone `各位代表！` + "
    "119 `过去五年的成就和进步，来之不易…表示诚挚的感谢！`, achievements). Plan `二、2008年主要任务` (（一）-（九）; （九） is "
    "政府自身建设 with run-in `第一，加快转变政府职能。…`); inline `（1）坚持…` items in 203. Tail: 233 `各位代表！` + 民族/国防 "
    "(plans), 港澳/台湾/外交 239-243 (other), 245-247 closing (plans).",
    traps=["117:salutation alone on a line", "233:salutation alone on a line", "245:salutation alone on a line",
           "107-113:dash bullets carrying PROBLEMS (not targets, not headings)"])

doc("cn-gwr-national-2013", NAT, None,
    ["5:1:A", "64:1:L", "84:1:L", "88-132:2:L"],
    ["P@1", "A@5", "R@62", "L@64", "O@152", "L@158"],
    "No title. End-of-term report: the review is LONG (一是…八是 run-in paragraphs, 5-60) so the problems paragraph sits "
    "LATE, at 46.1%: line 62 `我们清醒地认识到，经济社会发展中还存在不少矛盾和问题。主要是：…；…。…加快解决这些问题，决不辜负人民的期望！` "
    "(one paragraph; 政府自身 shortcomings inside). Two plan sections: `二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策` "
    "(no year in the heading) and `三、对今年政府工作的建议` (1980s-style wording) with whole-line `（一）…。` headings "
    "ending in `。`. Achievement paragraphs on 民族/宗教/国防/港澳台/外交 inside the review (42-56); the plan's tail "
    "`我们要…` paragraphs: 民族/宗教/侨务/国防 (144-150, plans), 港澳/台湾/外交 (152-156, other), closing 158-160 (plans). "
    "Broken lines: `　　五年来，我们贯彻` / `民族区域自治法` / `，支持少数民族…` (44-46); line 14 is an unindented continuation "
    "paragraph. `　　五年来的主要工作及特点：` (9) is an intro line.",
    traps=["9:intro line ending in ：", "42:salutation alone on a line", "58:salutation alone on a line",
           "142:salutation alone on a line", "158:salutation alone on a line",
           "44-46:sentence broken around a law title (五年来，我们贯彻 / 民族区域自治法 / ，支持…)"])

ZW2017 = [1, 26, 50, 63, 73, 80, 93, 102, 114, 120, 128, 138, 142, 155, 161, 170, 178, 184, 197, 205, 214, 222,
          231, 242, 251, 259, 270, 276, 282, 293, 301, 313, 321]
doc("cn-gwr-national-2017", NAT, (3, "国务院", 2017, 4),
    ["15:1:A", "61:2:A", "68:2:A", "71:2:A", "78:2:A", "83:2:A", "86:2:A", "91:2:A", "96:2:A",
     "117:1:L", "145:1:L", "149-287:2:L"],
    ["P@6", "A@15", "R@113", "L@117", "O@310", "L@324"],
    "Wikisource HTML debris everywhere. The TITLE IS BROKEN over two lines: `政府工作报` / `告` (lines 3-4; title span "
    "covers both, text contains `\\n`), preceded by a zero-width-space line (`\\u200b`, line 1); reporter on two lines "
    "`国务院总理` / `\\u3000李克强`. 33 lines consist of a lone U+200B and split paragraphs MID-WORD "
    "(`…所有行业实现税负只减不增。…广义货币M` / `2` / `增长11.3%…`; `经` / U+200B / `济金融风险隐患…` inside the problems "
    "paragraph). Linked terms are split onto their own lines: `党的十八届六中全会` / `正式明确` / `习近平` / `总书记的核心地位…`, "
    "`“` / `十三五` (a BARE NUMERAL-LIKE LINE that is not a heading) / `”实现了良好开局。`, `——` / `改革开放` / `深入推进…`, "
    "`高速铁路`, `一带一路`, `巴黎协定`, subscripts `2` and `2.5` alone. Review: `——经济运行缓中趋稳、稳中向好。…` bullets "
    "(25-53), `一年来，我们主要做了以下工作。` then STAND-ALONE `一是继续创新和加强宏观调控，经济运行保持在合理区间。`…`八是…` "
    "(listed, marker `一是`, level 2). Problems 113-115 (23.7%) `我们也清醒看到，经济社会发展中还存在不少困难和问题。…` "
    "(split by a U+200B line). Plan `二、2017年工作总体部署` + `三、2017年重点工作任务` with whole-line `（一）…。` headings; "
    "（九）全面加强政府自身建设 is level 2. Tail: lone `各位代表！` lines open 民族/宗教/侨务 (298-304, plans), 国防 (306-308, "
    "plans), 港澳台 (310-316, other), 外交 (318-322, other), closing (324-326, plans).",
    traps=[f"{n}:zero-width-space line (U+200B) splitting a paragraph" for n in ZW2017] + [
        "8-9:reporter split over two lines (国务院总理 / 李克强)", "18-20:linked terms split onto their own lines",
        "22:bare numeral-like line 十三五 (a quoted term split out of “十三五”), not a heading",
        "31:lone dash line (——) split from its bullet text", "32:linked term split onto its own line",
        "34:linked term split onto its own line", "42:linked term split onto its own line",
        "44:linked term split onto its own line", "46:linked term split onto its own line",
        "48:linked term split onto its own line",
        "65:subscript 2 (M2) alone on a line", "136:subscript 2 (M2) alone on a line",
        "88:subscript 2.5 (PM2.5) alone on a line, not a 2. heading", "255:subscript 2.5 (PM2.5) alone on a line",
        "104:treaty title split onto its own line", "59:intro line (一年来，我们主要做了以下工作。)",
        "109:salutation alone on a line", "298:salutation alone on a line", "306:salutation alone on a line",
        "310:salutation alone on a line", "318:salutation alone on a line", "324:salutation alone on a line"])

ZW2021 = [1, 18, 36, 57, 73, 87, 103, 120, 131, 149, 167, 187, 197, 214]
doc("cn-gwr-national-2021", NAT, (3, "国务院", 2021, 4),
    ["15:1:A", "25:2:A", "28:2:A", "31:2:A", "34:2:A", "39:2:A", "42:2:A", "45:2:A",
     "62:1:A", "96:1:L", "110-183:2:L"],
    ["P@6", "A@15", "R@60", "A@62", "L@66", "O@215", "L@223"],
    "Same Wikisource layout as 2017: title broken `政府工作报` / `告`, U+200B lines (14) that split paragraphs mid-word. "
    "Review: stand-alone `一是围绕市场主体的急需制定和实施宏观政策，稳住了经济基本盘。`…`七是…` (listed, marker `一是`). "
    "Problems EARLY (17.7%) line 60 `在肯定成绩的同时，我们也清醒看到面临的困难和挑战。…决不辜负人民期待！`. Section 二 "
    "`“十三五”时期发展成就和“十四五”时期主要目标任务` is MIXED like 北京 2026: line 64 `过去五年，我国经济社会发展取得新的历史性成就…` "
    "(achievements), plan from 66 `“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年…` with `——着力提升发展质量效益…` "
    "bullets; heading 二 gets role achievements. 三、2021年重点工作 with stand-alone `（一）…。`; 政府自身建设 unheaded "
    "(202-206 `各位代表！` / `面对新的任务和挑战，各级政府要…`). Trap: line 132 `强化反垄断和防止资本无序扩张，坚决维护公平竞争市场环境。` "
    "looks like a stand-alone lead but is the tail of paragraph 130, cut off by the U+200B line 131. Line 102 "
    "`经济增速是综合性指标，今年预期目标设定` is cut the same way. Tail: 民族/国防 (208-212, plans), 港澳台/外交 (215-221, other), closing 223-225.",
    traps=[f"{n}:zero-width-space line (U+200B) splitting a paragraph" for n in ZW2021] + [
        "8-9:reporter split over two lines", "132:tail of paragraph 130 cut off by a U+200B line (looks like a lead line)",
        "102:paragraph cut off by a U+200B line", "67-69:document titles split onto their own lines",
        "23:intro line (…主要做了以下工作。)", "108:intro line (今年要重点做好以下几方面工作。)",
        "54:salutation alone on a line", "202:salutation alone on a line", "208:salutation alone on a line",
        "215:salutation alone on a line", "223:salutation alone on a line"])

doc("cn-gwr-national-2024", NAT, (1, "国务院", 2024),
    ["12:1:A", "54:1:L", "74:1:L", "78-148:2:L"],
    ["P@3", "A@12", "R@52", "L@54", "O@174", "L@180"],
    "Clean modern layout: bare title `政府工作报告` (org from `国务院总理` / `我代表国务院`), subtitle `——2024年3月5日在…`, "
    "reporter on two lines `国务院总理` / `李\\u3000强` (ideographic space inside the name), blank lines between paragraphs, "
    "no indentation. Review: `——经济总体回升向好。…` bullets, then `一年来，…主要做了以下工作。` and run-in "
    "`一是加大宏观调控力度，推动经济运行持续好转。…` items (not headings). Problems line 52 (22.5%) "
    "`在肯定成绩的同时，我们也清醒看到面临的困难和挑战。…政府工作存在不足，…决不辜负人民期待和重托！`. Plan "
    "`二、2024年经济社会发展总体要求和政策取向` + `三、2024年政府工作任务` with run-in `（一）大力推进现代化产业体系建设，加快发展新质生产力。…`; "
    "line 58 `综合分析研判，今年我国发展面临的环境仍是战略机遇和风险挑战并存…` is outlook inside the plan, not problems. "
    "政府自身建设 unheaded (160-166, opened by a lone `各位代表！`); tail 民族/国防 (170-172, plans), 港澳/台湾/外交 "
    "(174-178, other — no salutation line before them), closing 180-182.",
    traps=["5-6:reporter split over two lines (国务院总理 / 李　强)", "32:intro line (…主要做了以下工作。)",
           "48:salutation alone on a line", "160:salutation alone on a line", "168:salutation alone on a line",
           "180:salutation alone on a line"])

# ANNOTATIONS-END


# --------------------------------------------------------------------------------------------------
# Building.
# --------------------------------------------------------------------------------------------------
def load(corpus: str) -> dict[str, dict]:
    out = {}
    with open(CORPORA_DIR / corpus, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out[d["id"]] = d
    return out


def line_starts(text: str) -> list[int]:
    starts, off = [], 0
    for ln in text.split("\n"):
        starts.append(off)
        off += len(ln) + 1
    return starts


def parse_heading_line(line: str, level: int):
    """Return (marker, number, heading_rel_start, heading_rel_end) for a heading line."""
    lead = len(line) - len(line.lstrip(" \u3000\t\u200b\u200d"))
    body = line[lead:]
    m = MARKERS[level].match(body)
    marker = number = None
    hstart = lead
    if m:
        marker = m.group(0).rstrip()
        number = cn2int(m.group(1))
        hstart = lead + len(m.group(0))
        while hstart < len(line) and line[hstart] in " \u3000":
            hstart += 1
    elif ITEM_LEAD.match(body):
        m = ITEM_LEAD.match(body)
        marker, number = m.group(0), cn2int(m.group(1))
        hstart = lead + len(marker)
    elif ORDINAL.match(body):
        m = ORDINAL.match(body)
        marker, number = m.group(0), cn2int(m.group(1))
        hstart = lead + len(marker)
    elif DASH_LEAD.match(body):
        marker = "——"
        hstart = lead + 2
    elif BARE_NUMERAL.match(body.rstrip()):
        marker = body.rstrip()
        number = cn2int(marker)
        hstart = lead + len(marker)
    rest = line[hstart:]
    cut = rest.find("。")
    hend = hstart + (cut if cut >= 0 else len(rest.rstrip(" \u3000\t")))
    return marker, number, hstart, hend


def build_doc(spec: dict, text: str) -> dict:
    lines = text.split("\n")
    starts = line_starts(text)
    out = {"doc_id": spec["doc_id"], "corpus": spec["corpus"]}

    # title
    t = spec["title"]
    if t is None:
        out["title"] = None
    else:
        ln, org, year = t[0], t[1], t[2]
        last = t[3] if len(t) > 3 else ln
        s = starts[ln - 1] + (len(lines[ln - 1]) - len(lines[ln - 1].lstrip(" \u3000\u200b")))
        e = starts[last - 1] + len(lines[last - 1].rstrip())
        out["title"] = {"line": ln, "start": s, "end": e, "text": text[s:e], "org": org,
                        "summary_year": year - 1, "plan_year": year}

    # headings
    heads = []
    for h in spec["headings"]:
        rng, level, role, *flag = h.split(":")
        level = int(level)
        if "-" in rng and flag:
            # unnumbered stand-alone lead lines: no marker of any level, short, not an intro ending in ：
            maxlen = int(flag[0][1:] or 30)
            a, b = map(int, rng.split("-"))
            cand = []
            for i in range(a, b + 1):
                x = lines[i - 1].strip(" \u3000\t")
                if (x and len(x) <= maxlen and not x.endswith(("：", ":"))
                        and not any(m.match(x) for m in MARKERS.values())):
                    cand.append(i)
            if not cand:
                raise SystemExit(f"{spec['doc_id']}: no unnumbered lead line in {rng}")
        elif "-" in rng:
            a, b = map(int, rng.split("-"))
            cand = [i for i in range(a, b + 1)
                    if MARKERS[level].match(lines[i - 1].lstrip(" \u3000\t"))]
            if not cand:
                raise SystemExit(f"{spec['doc_id']}: no level-{level} heading in {rng}")
        else:
            cand = [int(rng)]
        for ln in cand:
            marker, number, hs, he = parse_heading_line(lines[ln - 1], level)
            s, e = starts[ln - 1] + hs, starts[ln - 1] + he
            heads.append({"line": ln, "start": s, "end": e, "level": level, "marker": marker,
                          "number": number, "heading": text[s:e], "role": ROLES[role]})
    heads.sort(key=lambda x: x["line"])
    out["headings"] = heads

    # parts
    bounds = []
    for p in spec["parts"]:
        role, _, where = p.partition("@")
        ln, _, anchor = where.partition(":")
        ln = int(ln)
        line = lines[ln - 1]
        if anchor:
            k = line.find(anchor)
            if k < 0:
                raise SystemExit(f"{spec['doc_id']}: anchor {anchor!r} not in line {ln}")
        else:
            k = len(line) - len(line.lstrip(" \u3000\t\u200b\u200d"))
        bounds.append((role, starts[ln - 1] + k))
    parts = []
    for i, (role, s) in enumerate(bounds):
        e = bounds[i + 1][1] if i + 1 < len(bounds) else len(text)
        while e > s and text[e - 1] in " \u3000\t\n\u200b\u200d":
            e -= 1
        headed = role.endswith("!")
        code = role.rstrip("!")
        part = {"role": ROLES[code], "start": s, "end": e}
        if code == "R":
            part["heading"] = headed
        parts.append(part)
    out["parts"] = parts

    # look-alikes: lines a segmenter may take for headings but a reader does not
    traps = []
    for tr in spec["traps"]:
        rng, _, reason = tr.partition(":")
        a, _, b = rng.partition("-")
        only_marked = reason.startswith("*")
        reason = reason.lstrip("*")
        for ln in range(int(a), int(b or a) + 1):
            line = lines[ln - 1]
            if not line.strip(" \u3000\t"):
                continue
            if only_marked and not (any(m.match(line.strip(" \u3000\t")) for m in MARKERS.values())
                                    or re.match(r"[［\[][0-9]+[］\]]", line.strip(" \u3000\t"))):
                continue
            lead = len(line) - len(line.lstrip(" \u3000\t\u200b"))
            s_, e_ = starts[ln - 1] + lead, starts[ln - 1] + len(line.rstrip(" \u3000\t"))
            traps.append({"line": ln, "start": s_, "end": e_, "text": text[s_:e_][:60], "reason": reason})
    out["not_headings"] = traps
    out["notes"] = spec["notes"]
    return out


def main() -> None:
    corpora = {c: load(c) for c in (PROV, NAT)}
    rows = []
    for spec in DOCS:
        d = corpora[spec["corpus"]][spec["doc_id"]]
        rows.append(build_doc(spec, d["text"]))
    with open(HERE / "structure.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} documents to {HERE / 'structure.jsonl'}")


if __name__ == "__main__":
    main()
