"""Suggestions: next-year plan items for the problem statements — measures a drafter would keep.

>>> import zongjie
>>> from zongjie.suggest import suggest
>>> doc = zongjie.structure(open("draft.txt", encoding="utf-8").read(), file="draft.txt")
>>> for p in suggest(doc, top=3):
...     print(p["text"], p["addressed_by"], [s["text"] for s in p["suggestions"]])

For every problem statement (``zongjie.matcher.problem_statements``) the result gives its span,
``addressed_by`` — the span of the plan item that already answers it (``zongjie.matcher.align``)
or ``None`` — and up to ``top`` suggestions ``{text, score, source, clause, detail}``:

1. the problem is cut into its **clauses** and each clause's **topic words** are found
   (``zongjie.suggest.topics``: jieba with the domain dictionary); a compound problem (employment;
   education, health and elderly care; safety) gets suggestions for each clause, and each
   suggestion says which ``clause`` it answers;
2. **measures** of past reports (``zongjie.suggest.measures``: only sentences the classifier reads as
   measures) are retrieved by BM25 over the clause's topic words expanded through the learned
   problem → plan translation table, and kept only if they **cover the clause's topic**
   (``topics.topic_score``) — a shared keyword is not enough;
3. a measure naming **another place** or a quoted local brand the document does not contain is
   generalised (the place removed, if a measure remains) or dropped (``zongjie.suggest.places``);
   measures from reports of the same genre and level rank a little higher;
4. the problem's own clause turned into its remedy (``zongjie.suggest.rewrite``) competes too, but
   only **well-formed**: no deficiency word left, no doubled predicate, no dangling particle;
5. near-duplicates (of each other and of the document's own plan) are dropped, each suggestion is
   one clause-bounded measure of at most 60 characters (the whole source sentence is ``detail``),
   and the list is never empty: the last resort is a plain remedy on the clause's topic.

``index``: ``None`` uses the index shipped in ``models/suggest_index``; a path loads one built by
``zongjie index``; a :class:`~zongjie.suggest.measures.MeasureIndex` is used as it is; ``False``
uses none. ``model``: a path to a local transformers model, or an object with
``generate(problem, examples, n) -> list[str]`` and a ``name`` (``source`` ``model:<name>``).
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from zongjie import rx
from zongjie.model import Document
from zongjie.suggest.rank import Candidate, bigrams, containment, jaccard

__all__ = ["suggest", "suggest_dict", "resolve_index", "resolve_model", "candidates_for", "well_formed",
           "reads_as_problem", "stands_for_others", "owned_problem"]

SEARCH_K = 60  # BM25 hits looked at per clause
W_DRIFT = 0.4  # penalty × the share of the candidate's own topics the problem does not name
BARE_DRIFT = 0.5  # a department's bare key word answered by a measure mostly about topics its statement does not name
FILL_DRIFT = 1 / 3  # a department's one-key fill naming nothing else of the clause: at most this share of other topics
W_CONTEXT, CONTEXT_QUERY = 0.1, 0.5  # a measure that also names another clause's key (its domain); its query weight
KEY_COVER = 0.75  # how well a candidate must cover one of the clause's key words (itself, or a learned equivalent)
KEY_SHARE = 0.4  # … and what share of the key words' weight it must cover
FINISH_K = 20  # of those, the best few are cut to their topic piece, localised and checked
MAX_CLAUSES = 4
MAX_WORDS = 6  # topic words a clause may name before it is cut at its commas
# final score = topic coverage, retrieval, measure-ness, same setting (weights sum to 1)
W_TOPIC, W_BM25, W_MEASURE, W_SETTING = 0.45, 0.2, 0.2, 0.15
REWRITE_SCORE = 0.45  # a rewrite of the clause itself: on topic, but generated text ranks below good measures
FALLBACK_SCORE = 0.2
MIN_PIECE_REWRITE = 6  # characters of a remedy made from one comma piece of a clause
KEY_SCORE, KEY_MAX_CHARS = 0.36, 20  # a short measure naming the clause's key word, when nothing else fits
FALLBACK_TEXT = "研究制定针对性整改措施，明确责任单位和完成时限"
FALLBACK_TOPIC = "针对{topic}问题研究制定专项措施，明确责任单位和完成时限"
PER_CLAUSE = 2
# a clause of broad topics only is answered by measures naming them (保障和改善民生), ranked below the
# clause's own rewrite (补齐民生短板); topics this common in the archive (社会, 政策) retrieve nothing
BROAD_FACTOR, BROAD_IDF = REWRITE_SCORE - 0.02, 5.0
MAX_MEMBERS, MEMBER_SCORE, MAX_MEMBER_CHARS = 4, 0.9, 10  # members of a list clause answered one by one, below the clause's own
SHORT_MEASURE = 12  # characters: two short measures on one aspect that share …
REWORDED = 0.28  # … this share of the shorter one's bigrams are one measure reworded
SAME_PHRASE = 6  # characters of one phrase two measures share (and half of the shorter one): one measure
SAME_ADDITION = 8  # … or this many characters of one phrase, nearly all of it not the problem's: one measure
SAME_WORDS = 0.5  # two measures whose topic words (beyond the keys) share this much of the larger set are one
THIRD_SCORE = 0.6  # a third suggestion for a one-clause problem must score this much
W_OWNER_ALONE = 0.15  # penalty for a candidate on the owner of a compound key alone (政务公开 for 政务数据共享)
JOIN_MAX, JOIN_MAX_UNIT = 32, 48  # characters of the clauses' remedies joined into one suggestion (a department's three)
FLOOR, RELATIVE = 0.35, 0.55  # a suggestion scores ≥ FLOOR and ≥ RELATIVE × the best for its clause

_RE_COMMA = rx.compile(r"[，,]")
_RE_DANGLING = rx.compile(r"[的了和与及等、，,；;：:和或均都也还亦仍]$")
# a last piece too short to be a measure: a cut after its preposition (…要求，把党风)
_RE_STUB = rx.compile(r"[，,；;][把将对使让向从在为以]?[^，,；;]{0,2}$")
_RE_DOUBLE_PRED = rx.compile(r"^(增加|提高|提升|扩大|加快|增强)[^，,；;]{1,14}(增长|提高|提升|扩大|加快|增强)$")
_RE_MARKER = rx.compile(r"^\s*(（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|"
                        r"[一二三四五六七八九十]{1,3}[是要、][，,：:]?|第[一二三四五六七八九十]{1,3}[，,、]|"
                        r"\d{1,2}[.、．]|[①-⑳])")
# How a measure opens: an action verb, or the adverb / preposition that leads one (`坚决…`,
# `围绕…`, `以科技创新引领…`). A sentence that opens with its subject or a judgement
# (`维护和平的因素正在增长`, `对这个问题必须有清醒的认识`) is no suggestion.
_RE_VERB_START = rx.compile(
    r"^(坚持|适应|加快|加强|推进|推动|健全|完善|强化|深化|提升|提高|促进|扩大|优化|落实|实施|开展|建立|建设|补齐|破解|解决|"
    r"防范|化解|统筹|持续|着力|全面|大力|积极|切实|稳步|扎实|进一步|做好|抓好|增强|培育|引导|支持|鼓励|规范|"
    r"保障|改善|改进|创新|打造|构建|发展|巩固|筑牢|严格|加大|拓展|拓宽|畅通|增加|丰富|减少|降低|严防|整治|治理|修订|"
    r"制定|出台|组织|引进|培养|配齐|充实|保持|稳定|力争|继续|坚决|深入|围绕|聚焦|努力|抓紧|尽快|不断|认真|广泛|依法|"
    r"着眼|立足|按照|结合|紧盯|突出|重点|用好|守住|守牢|兜牢|牢牢|始终|坚定|全力|加紧|狠抓|主动|有序|稳妥|分类|"
    r"因地制宜|精准|严厉|加速|逐步|协同|集中|提振|激发|释放|盘活|壮大|做强|做优|做大|打好|打赢|办好|管好|谋划|推广|"
    r"探索|试点|启动|编制|组建|设立|新建|改造|更新|堵塞|升级|清理|清欠|纾困|帮扶|救助|兜底|关心|关爱|维护|保护|反对|打击|惩治|"
    r"查处|纠正|整顿|遏制|发挥|引领|吸引|招引|争取|创建|对接|融入|参与|推行|实行|贯彻|弘扬|传承|营造|形成|"
    r"树立|夯实|厚植|增进|开拓|繁荣|振兴|消除|减轻|杜绝|严肃|强化|缩小|调整|理顺|转变|放宽|取消|简化|下放|落细|"
    r"统一|补强|压实|织密|扩面|提标|压减|严控|管控|监测|预警|排查|督查|考核|评估|监管|审查|核查|公开|共享|整合|"
    r"打通|贯通|联通|对标|用足|盯紧|抓实|做实|建好|用活|提速|扩容|延伸|深挖|细化|明确|压紧|啃下|有效|防止|正确处理|"
    r"以(?!便)[^，,；;]{1,12}?(为|引领|推动|带动|促进|提升)|把[^，,；;]{1,16}?(作为|放在|摆在|纳入)|"
    # a department's own wording: the means first (通过公开招聘等方式充实…), a schedule (分批次开展,
    # 按月开展, 常态化开展), a target group (对偏远村组实施…), a drive (聚力城市更新)
    r"通过[^，,；;]{1,24}?(方式|途径|渠道|机制|平台)|对(?!于|此|外)[^，,；;]{1,16}?(实施|开展|推行|实行|进行)|"
    r"分(批次?|层分类|级分类|类分级|学科|片区|领域)|按(月|季度?|年度?|期)|定期|常态化|依托|借助|利用|运用|"
    r"面向|聚力|奋力|加力|纵深|建强|扩充|督促|开设|注重|严守|采取|千方百计|持之以恒|多渠道|"
    r"成立|举办|召开|开通|上线|推出|配备|选派|招聘|招录|轮训)")
_RE_PIECE = rx.compile(r"[^，,；;]+")
# a measure's opening verbs and adverbs (持续做大, 进一步提高, 着力稳定): what follows is its object
_RE_OPENING_VERBS = rx.compile(r"^(?:持续|不断|进一步|着力|大力|积极|切实|全面|稳步|加快|认真|坚决|努力|继续|逐步|有效)*"
                               r"(?:做大|壮大|做强|稳定|提高|提升|增强|加强|强化|推进|推动|促进|扩大|优化|完善|健全|深化|"
                               r"落实|实施|开展|克服|解决|理顺|调整|保持|改善|抓好|做好)?")
_RE_NOT_REMEDY = rx.compile(r"如果|就可能|否则|[,;:]|但|而且|并且|对于|有时|还是|注意|除了|存在|(?<!经济)工作中|"
                            r"不加|没有|未能|不够|不足|形势|依然|仍然|严峻|繁重|艰巨|较大|"
                            r"不少|有待|尚未|还有|任务重|动摇|淡化|弱化|缺失|滑坡|流失|萎缩|乏力|偏低|偏高|偏慢|"
                            r"滞后|薄弱|不强|不高|^(加强|坚决遏制|推动|着力解决)(领域|方面|地方|部门)")
# Not a measure after all: a reference to what the source sentence said before (它, 这些, 上述 …),
# a result or forecast (将会…), a past deed (加快了…), a benefit (既可以…), a hoped-for state
# (争取…进一步好转), a target figure, an admonition (决不能…), a bare `全面、` list head.
_RE_NOT_MEASURE = rx.compile(r"(?<!为)(?<!除)了(?!解)|可以|^力争|^争取[^，,；;]{0,14}(好转|更好|好一些|增长|提高|达到|实现|有所)|它|这些|这一|此项|上述|以上|其中|自己|我们|他们|将会|将使|就会|决不能|正在|^全面、|"
                             r"关键在于|在于|才能|明显(提升|提高|增强|改善|好转)|显著|取得|同步$|总体实现|基本实现|"
                             # a target figure: a growth, a price rise or a share with its number
                             r"(增长|增速|涨幅|提高|达到|下降|控制在)[^，,；;]{0,10}(百分之|[0-9０-９.]+ ?[%％]|左右)|"
                             r"(增长|提高|增加|达到|下降|减少)[^，,；;]{0,6}[0-9０-９.]+ ?(岁|个百分点|万|亿|倍)|"
                             r"[0-9０-９.]+ ?[%％](左右|以上|以内)?$|涉嫌|"
                             # an argument or a definition, not a measure: 还将促进…, 理顺分配关系，事关…, 从根本上说是要…,
                             # 推动高质量发展要靠改革, 健全金融体系是应对…的重要举措, 按照…的原则
                             r"还将|事关|要靠|从根本上说|归根结底|归根到底|说到底|[，,]有利于|[，,]关系到|是[^，,；;]{0,24}(举措|关键|基础|前提|保证|途径|根本|重要|必然要求|任务)|"
                             r"^按照[^，,；;]*原则$|^以[^，,；;]{2,20}为主要任务的|^适应[^，,；;]*需要$|^[^，,；;]{2,}必须|首先必须|"
                             # a lead-in without its measure: 立足城市资源禀赋和基础条件, 围绕推进…建设, 着眼于…“双目标”
                             r"^(?:立足|围绕|按照|根据|面对|面向|针对|通过|依托|对照|本着|随着|为了|着眼于?)[^，,；;]*$|"
                             # a credo: 始终以百姓心为心, 始终把担当作为成事之要
                             r"^始终以|作为[^，,；;]{1,6}之[道要本基]|"
                             # a lead-in to a list that follows (必须认真贯彻执行下列十条方针)
                             r"(?:下列|以下|如下)[^，,；;]{0,8}(?:方针|措施|原则|几点|方面|任务|要求)")
# Words of another administrative level than the document's (a township's 镇人大 in a provincial
# report, 依法治省 or 全市 in a national one).
_RE_LEVEL = {
    "national": rx.compile(r"全省|全市|全县|全区|全镇|本省|本市|本县|我省|我市|我县|我区|依法治省|省委|市委|县委|镇人大|乡镇|"
                           r"省属|市属"),
    "provincial": rx.compile(r"全市|全县|全镇|全乡|本市|本县|我市|我县|市委|县委|镇人大|乡镇人大|街道办|全国人大常委会|"
                             r"世界各国|友好交往|外交"),  # foreign affairs are the centre's
    # a city's, county's, township's or unit's report takes no measure of the province or the centre
    # (推动基本医疗保险省级统筹, 增加市县自主财力 for a town, 面向全国全球市场的平台) unless it names that level
    "city": rx.compile(r"全省|省级|省属|跨省|全国|中央(?:和|与)地方|中央(?!厨房)|国家级|自贸试验区|各地|各省|地方政府|让地方|央地"),
}
# … and the levels above a county, a town or a unit besides: the cities' and counties' (市县, 县级),
# the sinking of fiscal resources (财力下沉: done by the levels above), higher education
_HIGHER = r"高等教育|高水平大学|一流大学"
# the state's designations (国家数据要素综合试验区, 国家实验室): built by the centre and the provinces
_NATIONAL = r"国家(?!级)[^，,；;、]{0,10}(?:试验区|示范区|实验区|新区|实验室|枢纽)"
# a city's own scope (市域产教联合体) is above a county's; a national strategy (继续实施可持续发展战略) is a
# government's to carry out, not a department's, school's or firm's — unless its document names it
_ABOVE = {"county": rf"市县|市域|试点城市|示范城市|{_HIGHER}|{_NATIONAL}",
          "township": rf"市县|市域|试点城市|示范城市|县级|全县|财力下沉|重大基础设施|{_HIGHER}|{_NATIONAL}",
          "unit": rf"市县|市域|试点城市|示范城市|财力下沉|{_HIGHER}|{_NATIONAL}|实施[^，,；;、]{{2,12}}战略"}
for _level, _words in _ABOVE.items():
    _RE_LEVEL[_level] = rx.compile(_RE_LEVEL["city"].pattern + "|" + _words)
_RE_QUOTED = rx.compile(r"“[^“”]{1,16}”")
# a lack of knowledge or study, and the measures that answer one
_RE_KNOWLEDGE = rx.compile(r"(?:知识|业务|政策|理论|本领)[^，,；;]{0,4}(?:掌握|了解|熟悉|钻研|学习)[^，,；;]{0,4}"
                           r"(?:不够|不深|不透|不足|不全面|不到位|不多|欠缺)|(?:掌握|了解|熟悉)[^，,；;]{0,12}(?:不够|不深|不透|不足)")
_RE_LEARNING = rx.compile(r"学习|培训|研修|钻研|掌握|轮训|讲座|课程|本领|知识")
# a border measure (边境低等级公路, 兴边富民) for a document that never speaks of the border
_RE_BORDER = rx.compile(r"边境|沿边|边民|兴边|固边|稳边|口岸")
# Domains of their own — defence, Hong Kong/Macao/Taiwan, veterans: a measure naming one answers a
# problem of that domain only (国防科技自主创新能力 is no answer to 自主创新能力不强).
_RE_RESERVED = rx.compile(r"国防|军队|军事|武器|部队|军民|军人|特区政府|香港|澳门|台湾|两岸|港澳|基本法|侨务|外交|台商|台资|海峡西岸|"
                          r"世界和平|世界经济|多极化|繁荣的世界|全球治理|人类命运共同体|国际政治经济|国际秩序|国际关系|"
                          r"斗、批、改|斗批改|批林|批孔|以阶级斗争为纲|跃进")  # (the last: a renounced era's slogans)
# A named campaign of another government (深化服务企业效能提升突破年行动, …三年行动2.0版): local
# unless the user's document names it.
_RE_CAMPAIGN = rx.compile(r"[^，,；;、]{2,16}(?:(?:突破|攻坚|提升|落实|作风建设)年(?:行动)?|行动[0-9.]+版)")
_RE_FIRM = rx.compile(r"(?:公司|集团)$")
_RE_STEER_FIRMS = rx.compile(r"^(?:推动|支持|引导|鼓励|帮助|督促|促进|指导)(?:各类|广大|国有|民营|中小|重点)?企业")
# A government's campaign of some years (城市更新三年行动, “暖心民政”三年行动, 农村人居环境整治提升五年
# 行动): a department carries out the campaigns its own summary names; another's, or the launch of
# one (启动…五年行动), is a government's business (judged "not the county's", t15).  A government
# report shares the nation's campaigns (深入实施安全生产治本攻坚三年行动): not for it.
_RE_YEARS_CAMPAIGN = rx.compile(r"[^，,；;、]{2,16}[一二三四五六七八九十两0-9]+年(?:专项|攻坚)?行动")
# the verb that launches or carries out a campaign is no part of its name
_RE_CAMPAIGN_VERB = rx.compile(r"^(?:深入|全面|扎实|持续|组织|继续)?(?:启动|实施|开展|推进|推动|深化|落实)+")
# A named brand of another unit (“南岭云雾”茶叶品牌, “红烛先锋”党建品牌): local unless the user's
# document names it.
_RE_BRAND = rx.compile(r"“([^”]{2,10})”[^，,；;“”]{0,4}品牌")
# A problem of too much (投资增长过快, 规模偏大, 流动性过剩) is not answered by more of it.
# the world and its economy: a problem a government states, not one it remedies (增强世界经济增长动能)
_RE_WORLD_SUBJECT = rx.compile(r"^(?:当前|目前|今年|当今)?(?:从国际看|国际上|世界|全球|外部环境|国际形势|国际环境|地缘政治|地区热点|"
                                r"国际(?:金融|经济|竞争(?!力))|外部(?:打压|需求)|大宗商品|主要货币|主要经济体|发达经济体)")
# Events of the world outside wherever they stand in a clause (`因民族、宗教、领土等因素而引发的局部冲突时起时伏`).
# (Not 霸权主义 or 保护主义: 反对霸权主义和强权政治 and 反对保护主义 are a government's measures.)
_RE_WORLD_EVENTS = rx.compile(r"局部冲突|局部战争|武装冲突|干涉他国内政|在全球(?:蔓延|扩散|流行)")
# 正确处理A与B的关系 answers a problem of that relation (经济发展与资源环境的矛盾), not one about B alone
# (经济效益仍不理想 is not answered by 处理精神产品社会效益与经济效益的关系)
_RE_RELATION = rx.compile(r"[^，,；;]*[与和同][^，,；;]*的?关系")
_RE_RELATION_CLAUSE = rx.compile(r"关系|矛盾|协调|平衡|脱节|带来|制约|约束|[与和同][^，,；;]{1,12}(?:不匹配|不同步|不适应)")
_RE_EXCESS = rx.compile(r"过快|过多|过大|过猛|过热|过高|过度|偏大|偏高|偏多|过剩|膨胀|失控|增长太快|反弹")
_RE_MORE = rx.compile(r"较快增长|快速增长|加快[^，,；;]{0,8}增长|扩大[^，,；;]{0,8}规模|带动[^，,；;]{0,12}增长|"
                      r"加大[^，,；;]{0,6}投放|增加[^，,；;]{0,6}(投放|投资|发行)")
MAX_YEARS = 25  # a measure from a report more than this many years apart speaks another era's language
MAX_LATER = 8  # … and one from a later report names what the user's year had not yet named
# Provinces by name: a national report takes no province's programme, a provincial one no other
# province's (Hong Kong, Macao and Taiwan are national topics).
_PROVINCES = ("北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
              "广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆").split()
# Provinces without a coast (and their measures for seas, islands and coasts: 海域 offered to Yunnan)
_INLAND = frozenset("北京 山西 内蒙古 吉林 黑龙江 安徽 江西 河南 湖北 湖南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆"
                    .split())
_RE_SEA = rx.compile(r"海域|海洋|海岛|海上|沿海|海岸|近岸|渔港|滨海|海水|向海")
_RE_PROVINCE = rx.compile("|".join(_PROVINCES))
# Another region's programmes written as abbreviations the gazetteer does not list (皖北, 稳疆固藏 …)
_RE_REGION = rx.compile(r"稳疆固藏|兴疆|治疆|治藏|[北南东]疆|皖[北南]|苏[北南中]|浙[东西南北]|闽[东西北]|赣南|鲁西南|豫东|"
                        r"鄂西|湘西|粤[东西北]|桂西|川[南西]|黔东南|滇西|陕[北南]|关中|陇东|晋北|冀中|辽[东西]|"
                        r"海南特色|金融街|北交所|中关村|浦东|前海|横琴|雄安|大湾区|长三角|京津冀|成渝|"
                        # provinces' literary names in programme titles (健康龙江, 数字八桂 …)
                        r"龙江|八桂|三秦|齐鲁|荆楚|三湘|湖湘|巴蜀|天府|八闽|燕赵|陇原|江淮|岭南|塞上|雪域|彩云|天山南北|"
                        r"辽沈|冀东|晋中|鲁南|豫西|吉林|黑土地")
# A programme named after a province by its one-character abbreviation, unquoted (渝贸全球…开拓计划);
# 苏 (复苏) and 晋 (晋升) read as plain words too often to count.
_RE_LOCAL_PROGRAMME = rx.compile(r"(?<=实施|开展|深化|推进|打造|办好)[渝皖赣闽鄂湘桂琼黔滇陇冀沪豫鲁蜀粤浙]"
                                 r"[^，,；;“”]{1,14}?(?:计划|行动|工程|品牌|活动)")
# Words that name no topic of their own: a clause made only of these (`还存在不少困难`) gets no
# retrieved measures — whatever the archive returns for it is off topic.
VAGUE = frozenset("困难 问题 挑战 矛盾 风险挑战 缺点 不足 差距 压力 前进 工作 发展 方面 形势 任务 情况 困难和问题 "
                  "问题和困难 经济社会 经济社会发展 影响 因素 环节 领域 地方 过程 道路 平衡 协调 充分 诸多困难 "
                  "前所未有 失误 所有 老问题 新挑战 难题 短板 弱项 不足之处 意见 高度重视 成绩 可喜 固然 路程 基础 客观原因 "
                  "办法 方法 手段 措施 举措 途径 抓手 思路".split())  # the means, not what they serve (抓落实的办法不多)
# An admission about the government's work as a whole (政府工作中还有缺点和不足): it names no topic of
# its own (it heads or sums up the statements that do), and 加强法治政府建设 does not answer it; nor does
# the plain 整改 measure answer 人民群众对政府工作还有一些意见和建议应予重视
_RE_ADMISSION = rx.compile(r"^[^，,；;]{0,12}政府工作[^，,；;]{0,8}(?:缺点|不足|问题|差距|任重道远|艰巨|意见)")


def resolve_index(index: Any) -> Any:
    from zongjie.suggest import measures

    if index is False:
        return None
    if index is None:
        return measures.default_index()
    if isinstance(index, (str, os.PathLike)):
        return measures.MeasureIndex.load(index)
    return index


def resolve_model(model: Any) -> Any:
    if model is None or model is False:
        return None
    if isinstance(model, (str, os.PathLike)):
        from zongjie.suggest.neural import NeuralSuggester

        return NeuralSuggester(model)
    return model


@lru_cache(maxsize=2)  # the names and the industries
def _sectors_rx(key: str = "names") -> tuple[re.Pattern[str], tuple[str, ...]]:
    """``data/sectors.json``: a pattern of the names of sectors and offices (``names``) or of
    industries and products (``industries``), longest first, and the names."""
    from zongjie.datafiles import read_data

    names = tuple(sorted(json.loads(read_data("sectors.json"))[key], key=lambda n: (-len(n), n)))
    return rx.compile("|".join(map(re.escape, names))), names


@lru_cache(maxsize=1)
def _coinages() -> dict[str, int]:
    """``data/coinages.json``: policy terms and the year they were coined."""
    from zongjie.datafiles import read_data
    from zongjie.normalize import fold

    return {fold(t): int(y) for t, y in json.loads(read_data("coinages.json"))["terms"].items()}


@lru_cache(maxsize=4096)
def _keys(clause: str) -> frozenset[str]:
    """The clause's key words (``topics.key_words``; vague words are never keys)."""
    from zongjie.suggest import topics

    return topics.key_words(clause, VAGUE)


def _as_doc(doc: Document | str) -> Document:
    import zongjie

    if isinstance(doc, Document):
        if not doc.sections and doc.text.strip():
            return zongjie.structure(doc.text, file=doc.file, markdown=doc.markdown)
        return doc
    return zongjie.structure(doc)


def well_formed(text: str) -> bool:
    """A suggestion that reads as one measure in good 公文 Chinese: 4–60 characters, no section
    marker, no deficiency word left (依然艰巨, 不足, 短板 … outside a remedy), no doubled predicate
    (``增加居民收入增长``), no dangling particle at the end."""
    from zongjie.suggest import sentclass

    t = text.strip()
    if not 4 <= len(t) <= 60 or _RE_MARKER.match(t) or _RE_DANGLING.search(t) or _RE_STUB.search(t):
        return False
    if _RE_DOUBLE_PRED.match(t) or sentclass.has_deficiency(t):
        return False
    for a, b in ("《》", "“”", "（）", "()"):
        if t.count(a) != t.count(b):  # a cut inside a quotation or a title (`落实国务院《`)
            return False
    return True


class _Setting:
    """The user's document as far as ranking cares: its text (places it names), genre and level."""

    def __init__(self, doc: Document) -> None:
        from zongjie.suggest.measures import level_of

        t = doc.title
        self.text = doc.text
        self.genre = t.doc_type if t else None
        self.level = level_of(t.org if t else None, self.genre)
        self.year = (t.plan_year or t.summary_year) if t else None
        self.later = MAX_LATER  # years after the document's that a source report may be
        self.localised: dict[str, str | None] = {}
        named = _RE_PROVINCE.search(t.text if t else doc.text[:80])
        # a province without a coast whose report never speaks of the sea
        self.inland = bool(named and named.group(0) in _INLAND and not _RE_SEA.search(doc.text))
        # a firm's own summary (城投公司, 供水公司, 集团): it acts itself, it does not steer firms
        self.firm = bool(t and t.org and _RE_FIRM.search(t.org))

    def steers_firms(self, text: str) -> bool:
        """A government's measure on firms (推动企业加快技术改造, 支持企业…) offered to a firm's summary:
        the firm does it itself (judged "a government's voice", t16)."""
        return self.firm and _RE_STEER_FIRMS.match(text) is not None

    def too_early(self, text: str) -> bool:
        """Whether ``text`` names a policy term coined after the document's year (八项规定 in 2007)."""
        from zongjie.normalize import fold

        if not self.year:
            return False
        t = fold(text)
        return any(year > self.year for term, year in _coinages().items() if term in t)

    def other_sector(self, text: str) -> bool:
        """Another department's business: ``text`` names sectors, offices or staff (``data/sectors.json``)
        and the document names none of them (民政工作人员 for a 便民服务中心); a name counts as named
        when the document names a shorter name inside it (市场监管 of 市场监管所)."""
        rx, names = _sectors_rx()
        found = {m.group(0) for m in rx.finditer(text)}
        return bool(found) and not any(n in self.text for f in found for n in names if n in f)

    def other_industry(self, text: str) -> bool:
        """Another place's specialty, for a department's or a unit's document: ``text`` names an
        industry, product or market (``data/sectors.json``, ``industries``) the document never names
        (茶叶 for a county that grows none, 文旅企业 for a development zone, 出口 for a farm bureau)."""
        if not _narrow(self):
            return False
        rx_, _ = _sectors_rx("industries")
        return any(m.group(0) not in self.text for m in rx_.finditer(text))

    def wrong_level(self, text: str) -> bool:
        """Another level's business (a town's 省级统筹, a province's 全市), the sea's for a province
        without a coast, or the border's for a document that never speaks of it."""
        rx_ = _RE_LEVEL.get(self.level)
        if rx_ is None:
            other = False
        elif self.level in ("national", "provincial"):  # a report that speaks of its own level at all
            other = rx_.search(text) is not None and rx_.search(self.text[:2000]) is None
        else:  # a higher level's words the document itself never uses
            other = any(m.group(0) not in self.text for m in rx_.finditer(text))
        return other or (self.inland and _RE_SEA.search(text) is not None) \
            or (_RE_BORDER.search(text) is not None and _RE_BORDER.search(self.text) is None)

    def bonus(self, info: dict[str, Any]) -> float:
        """In [0, 1]: the same genre, the same level, and a report of about the same years (the
        measures and the words of the 1950s are not this year's)."""
        b = 0.0
        if self.genre and info.get("genre") == self.genre:
            b += 0.3
        if self.level != "unknown" and info.get("level") == self.level:
            b += 0.3
        if self.year and info.get("year"):
            b += 0.4 * max(0.0, 1.0 - abs(self.year - info["year"]) / 25)
        return b


def _narrow(setting: _Setting | None) -> bool:
    """A department's or a unit's document (not a government's): its problems are narrow, and the
    rules for another subject's measures apply to it."""
    from zongjie.suggest.measures import speaks_for_government

    return setting is not None and not speaks_for_government(setting.genre)


def _clauses(problem: str) -> list[str]:
    """The problem's clauses with a topic of their own; a long clause naming many topics is cut
    at its commas (no single measure covers seven topics, but each comma-piece has one)."""
    from zongjie.suggest import topics

    out: list[str] = []
    for c in topics.clauses(problem):
        c = _RE_LIST_LEAD.sub("", c, count=1)  # 主要有：发展不平衡… is about 发展不平衡
        words = topics.topic_words(c)
        if not words:
            continue
        if len(words) <= MAX_WORDS:
            out.append(c)
            continue
        for piece in _RE_COMMA.split(c):
            if topics.topic_words(piece):
                out.append(piece.strip())
            elif out:
                out[-1] += "，" + piece
    # a consequence of what precedes (难以满足居民日益增长的活动需求) is answered by remedying that:
    # answered on its own words it drew other needs (扩大居民消费需求). A purpose or a circumstance
    # without a verdict of its own (为了搞好重点建设, 在搞活城乡经济的过程中) sets the scene of the
    # statement's problems: neither is one of them
    out = [_RE_CONSEQUENCE_TAIL.sub("", c) or c for c in out]
    scene = [c for c in out if _RE_LEAD_IN.search(c) or _RE_CONSEQUENCE.match(c)
             or _RE_SCENE.search(c) and not (_RE_PROBLEM_WORDS.search(c) or topics.has_verdict(c))]
    if scene and len(scene) < len(out):
        out = [c for c in out if c not in scene]
    return out[:MAX_CLAUSES] or [problem]


# a lead-in to what follows (特别令人痛心的是, 但是应该指出), an exhortation (必须认真汲取) or a
# comment on what precedes (是广大群众最为关注的问题): no problem of its own
_RE_LEAD_IN = rx.compile(r"^[^，,；;]{0,12}的是$|^(?:但是|但|然而|同时)?(?:应该|应当|必须)(?:指出|看到|承认)$|"
                         r"^(?:必须|务必|一定要)[^，,；;]{0,8}$|^(?:这|这些|这也|也|都)?是[^，,；;]{0,20}(?:问题|矛盾|任务)$")
_RE_SCENE = rx.compile(r"^(?:为了|为使|随着)|^在[^，,；;]{2,20}(?:过程中|情况下|条件下|形势下)$")
_CONSEQUENCE = (r"(?:还|仍|尚|依然|仍然)?(?:难以|不能|无法|不足以)(?:完全|充分|很好地?|有效)?(?:满足|适应)"
                r"[^，,；;]{0,24}(?:需求|需要|要求)")
_RE_CONSEQUENCE = rx.compile("^" + _CONSEQUENCE + "$")
_RE_CONSEQUENCE_TAIL = rx.compile("[，,]" + _CONSEQUENCE + "$")  # a clause's own tail (…仅有1名工作人员，难以满足工作需要)


def _localised(text: str, setting: _Setting | None) -> str | None:
    """``text`` for the user's place: another place's names and brands removed, or ``None``."""
    if setting is None:
        return text
    if text not in setting.localised:  # the same measures come up for many of a document's problems
        setting.localised[text] = _localise(text, setting)
    return setting.localised[text]


def _localise(text: str, setting: _Setting) -> str | None:
    from zongjie.suggest import places

    m = _RE_LOCAL_PROGRAMME.search(text)
    if m is not None and m.group(0) not in setting.text:
        return None  # another province's programme by its abbreviation (实施渝贸全球国际市场开拓计划)

    marks = places.foreign_marks(text, setting.text)
    if setting.level == "national":  # a national report takes no province's or county's programme
        marks += [name for _, _, name, level in places.places_in(text) if level != "region" and name not in marks]
    marks += [m.group(0) for m in _RE_REGION.finditer(text) if m.group(0) not in setting.text]
    provinces = {m.group(0) for m in _RE_PROVINCE.finditer(text)}
    if provinces and (setting.level == "national" or any(p not in setting.text for p in provinces)):
        return None  # a province's own programme (奋力推动安徽高质量发展…): not this document's
    if not marks:
        return text
    if any(mark in q.group(0) for q in _RE_QUOTED.finditer(text) for mark in marks):
        return None  # a name in quotes (“龙江好物”) is the place's own brand: no “好物” for another place
    return places.generalise(text, marks)


def _index_candidates(clause: str, ix: Any, setting: _Setting | None, exclude_docs: Iterable[str],
                      keys: frozenset[str] | None = None, context: frozenset[str] = frozenset(),
                      problem: str = "") -> list[Candidate]:
    """The archive's measures on ``clause``'s topic that cover its key words (``keys``: the
    clause's own unless given), scored and finished, best first (``problem``: the whole statement)."""
    from zongjie.suggest import topics
    from zongjie.suggest.measures import speaks_for_government

    words = topics.topic_words(clause)
    generic = topics.stopterms()["generic"]
    if not words or ix is None or all(w in VAGUE for w in words) or _RE_ADMISSION.match(clause):
        return []
    # a clause whose topics are all broad (民生领域还有不少短板, 城乡区域差距仍较明显) is about just
    # that: a measure must name every one of them as written (保障和改善民生, 推动城乡区域协调发展)
    broad = _broad(clause, words, generic)
    if broad is not None and not broad:
        return []
    query = topics.expand(sorted(broad) if broad else words)
    for k in context:  # a weaker pull towards the statement's own domain
        query[k] = max(query.get(k, 0.0), CONTEXT_QUERY)
    hits = ix.search(query, k=SEARCH_K, exclude_docs=exclude_docs)
    if not hits:
        return []
    if broad:
        hits = [(i, bm) for i, bm in hits if all(w in ix.units[i].text for w in broad)]
        if not hits:
            return []
    top = hits[0][1] or 1.0
    keys = (broad or _keys(clause)) if keys is None else keys
    # each key's share of the keys' weight (rarity): covering only the weakest of several keys
    # (斗争 of 反分裂斗争, 习气 of 官僚主义的习气) is a shared word, not the topic
    kw_raw = {k: topics.weight(k) for k in keys}
    key_w = {k: w / (sum(kw_raw.values()) or 1.0) for k, w in kw_raw.items()}
    heads = _owned_heads(clause, keys)
    # a department's problem is narrow: the same thing's other business is another task (政务公开 for
    # 政务数据共享); a government report's is broad, and its owner's measures answer it (judged side by
    # side on the 22 public lists the penalty changed: they were better without it)
    narrow = _narrow(setting)
    scored = []
    for i, bm in hits:  # scored on the index's own topic words: no segmentation here
        u = ix.units[i]
        ts, _ = topics.score_known(clause, u.text, u.words)
        if ts < topics.THRESHOLD:
            continue
        kc = {k: topics.key_cover(k, u.words, u.text) for k in keys}
        if keys and (max(kc.values()) < KEY_COVER or sum(key_w[k] * kc[k] for k in keys) < KEY_SHARE
                     or _owner_missing(kc, heads)):
            continue
        info = ix.docs[u.doc]
        if _sector_narrowed(problem or clause, u.text, keys):
            continue  # 加强农业科技创新成果推广… for 科技创新能力还不强: "农业范围过窄" (r46)
        if _too_far(setting, info) or _requalified(clause, u.text, u.words, keys):
            # a key the clause qualifies named only as another thing's (收入分配秩序 for 市场经济秩序,
            # 法治思维 for 市场化思维) is another subject: judged off topic in every round
            continue
        # topics of the candidate the problem does not name (国防科技 in an innovation measure
        # offered for a general innovation problem): the measure drifts to another subject
        # (a learned equivalent drifts by what it is not: 社会效益 for 经济效益 by a third)
        own = [w for w in u.words if w not in generic]
        drift = sum(1.0 - query.get(w, 0.0) for w in own
                    if not any(w in q or q in w for q in words)) / max(1, len(own))
        score = (W_TOPIC * ts + W_BM25 * bm / top + W_MEASURE * u.p
                 + W_SETTING * (setting.bonus(info) if setting else 0.0) - W_DRIFT * drift
                 + (W_CONTEXT if any(k in u.words for k in context) else 0.0)
                 - (W_OWNER_ALONE if heads and narrow and _owner_alone(kc, heads) else 0.0))
        scored.append((BROAD_FACTOR * score if broad else score, ts, u, info))
    scored.sort(key=lambda x: (-x[0], x[2].text))
    out = []
    for score, ts, u, info in scored[:FINISH_K]:  # the costlier finish for the best few only
        # a department's sentence is one measure with its means (加强…人员培训，推动更多医保服务事项下沉
        # 村级办理…): shown whole; a government report's joins several, cut to the clause's piece
        piece = _focus(clause, u.text, ts, u.words, keys) if speaks_for_government(info.get("genre")) else u.text
        text = _shown(piece, clause, setting)
        if text is None:
            continue
        if narrow:  # on what is shown: a report's piece names less than its sentence
            ws = tuple(w for w in u.words if w in text)
            if _another_things(clause, problem or clause, text, ws, {k: topics.key_cover(k, ws, text) for k in keys}):
                continue
        c = _index_candidate(text, score, u, info, clause, generic)
        if piece != u.text and (whole := _shown(u.text, clause, setting)) is not None:
            # the whole measure, shown where its piece is already the document's own plan item
            c.extra["whole"] = _index_candidate(whole, score, u, info, clause, generic)
        out.append(c)
    return out


# A list of three or more topics before one verdict (劳动就业、社会保障、…、司法和社会治安等方面…问题仍然较多):
# no measure covers eight topics, so each member is answered on its own
_RE_LIST = rx.compile(r"[^，,；;：:、]{1,16}(?:、[^，,；;：:、]{1,16})*、[^，,；;：:、]+")
_RE_LIST_END = rx.compile(r"等|问题|现象|的|仍|还|依然|尚|存在|较|比较|不")
_RE_MEMBER_LEAD = rx.compile(r"^.*(?:的|存在|中|是|对)")
_RE_JOIN = rx.compile(r"以及|[和及与]")


def members(clause: str) -> tuple[list[str], str]:
    """The members of the clause's list of topics and what is said of them all (its tail), or
    ``([], "")``: ``工业、基础设施、房地产开发等领域投资增长明显承压`` → ``[工业, 基础设施, 房地产开发]``,
    ``领域投资增长明显承压``."""
    from zongjie.suggest import topics

    m = _RE_LIST.search(clause)
    if m is None:
        return [], ""
    parts = m.group(0).split("、")
    if any(_RE_JOIN.search(_RE_MEMBER_LEAD.sub("", p)) for p in parts[:-1]):
        return [], ""  # pairs (数量和质量、速度和效益的关系; 中央与地方、国家与企业…) are no list of topics
    end = _RE_LIST_END.search(parts[-1])
    tail = clause[m.end():]
    if end is not None:
        tail = parts[-1][end.end() if end.group(0) == "等" else end.start():] + tail
        parts[-1] = parts[-1][:end.start()]
    parts[0] = _RE_MEMBER_LEAD.sub("", parts[0])
    out: list[str] = []
    for p in parts[:-1] + _RE_JOIN.split(parts[-1]):
        p = p.strip()
        if p and len(p) <= MAX_MEMBER_CHARS and topics.topic_words(p) and p not in out:
            out.append(p)
    return (out, tail) if len(out) >= 3 else ([], "")


def _member_candidates(clause: str, ix: Any, setting: _Setting | None, exclude_docs: Iterable[str]) -> list[Candidate]:
    """Measures for the members of a list clause, one member after another (the first member's best,
    the second's best, …, then each one's second best), each covering its member in the clause's
    context (工业 + 投资增长: 扩大工业投资, not 加快工业发展). Ranked below a measure of the whole clause."""
    from zongjie.suggest import topics

    ms, tail = members(clause)
    per: list[list[Candidate]] = []
    for m in ms[:MAX_MEMBERS]:
        keys = _keys(m) or frozenset(topics.topic_words(m))
        found = _index_candidates(f"{m}{tail}", ix, setting, exclude_docs, keys=keys)[:PER_CLAUSE]
        for c in found:
            c.extra.update(clause=clause, aspects=frozenset({m}), member=m)
        per.append(found)
    out: list[Candidate] = []
    for rank in range(PER_CLAUSE):
        out += [found[rank] for found in per if len(found) > rank]
    last = None
    for c in out:  # in that order: each scores below the one before
        c.score = MEMBER_SCORE * c.score if last is None else min(MEMBER_SCORE * c.score, last - 0.001)
        last = c.score
    return out


def _broad(clause: str, words: list[str], generic: frozenset[str]) -> frozenset[str] | None:
    """``None`` for a clause with a specific topic; else the broad topics it is about, empty when
    they are too broad to retrieve on (社会, 经济, 政策: any measure names them) or the clause
    judges nothing (在经济发展和社会生活中 is a scope, not a problem)."""
    from zongjie.suggest import topics

    if not all(w in VAGUE or w in generic for w in words):
        return None
    broad = frozenset(w for w in words if w not in VAGUE)
    t = topics.table()
    if not topics.has_verdict(clause) or any(t["idf"].get(w, t["default_idf"]) < BROAD_IDF for w in broad):
        return frozenset()
    return broad


def _index_candidate(text: str, score: float, u: Any, info: dict[str, Any], clause: str,
                     generic: frozenset[str]) -> Candidate:
    detail = u.detail or (u.text if text != u.text else "")
    words_in = tuple(w for w in u.words if w in text)
    return Candidate(text, score, f"index:{info['id']}",
                     {"clause": clause, "detail": detail or None,
                      "words": frozenset(w for w in words_in if w not in generic),
                      "aspects": _answered_keys(clause, words_in, text)})


def _owned_heads(clause: str, keys: Iterable[str]) -> dict[str, str]:
    """Key words the clause names as another key's (面积 of 馆舍面积, 运行 of 基金运行, written together
    or across a 的) → that owner key."""
    from zongjie.suggest import topics

    st = topics.stopterms()
    owners = [q for q in keys if q not in st["generic"] and q not in st["modifiers"]]  # 局部 of 局部疫情 owns nothing
    return {k: q for k in keys for q in owners
            if q != k and (q + k in clause or q + "的" + k in clause)}


def _owner_missing(kc: dict[str, float], heads: dict[str, str]) -> bool:
    """Whether a candidate covers the clause's key words (``kc``: how well, each) only as heads whose
    owner it does not name: 稳定粮食种植面积 for 馆舍面积不足, 让权力在阳光下运行 for 基金运行压力加大 —
    another thing's area or running, judged off topic in every round."""
    covered = [k for k, c in kc.items() if c >= KEY_COVER]
    return bool(covered) and all(k in heads and kc[heads[k]] < KEY_COVER for k in covered)


def _owner_alone(kc: dict[str, float], heads: dict[str, str]) -> bool:
    """Whether a candidate covers only owners of the clause's compound keys, none of their heads
    (政务公开 for 政务数据共享, 基金监管 for 基金运行): the same thing's other business — weaker."""
    covered = [k for k, c in kc.items() if c >= KEY_COVER]
    owners = set(heads.values())
    return bool(covered) and all(k in owners and all(kc[h] < KEY_COVER for h, o in heads.items() if o == k)
                                 for k in covered)


def _answered_keys(clause: str, words: tuple[str, ...], text: str) -> frozenset[str]:
    """Which of the clause's key words ``text`` (with its topic ``words``) answers: a list clause
    has several aspects."""
    from zongjie.suggest import topics

    return frozenset(k for k in _keys(clause) if topics.key_cover(k, words, text) >= KEY_COVER)


def _shown(text: str, clause: str, setting: _Setting | None) -> str | None:
    """``text`` as it would be shown for ``clause`` (localised), or ``None`` when it is no
    well-formed measure for this document: a problem, a past deed, a target, another level's or
    another domain's business, a dangling half of a `既…又…`.  Another report's figures are left out
    (`开展职业技能培训4万人次` → `开展职业技能培训`): they are that place's targets."""
    if not reads_as_measure(text):  # most candidates fail here, before the place lookup
        return None
    bare = _unnumbered(text)  # (a figure of a measure, never a target made a measure by cutting)
    if bare != text and not reads_as_measure(bare):
        return None
    text = bare
    t = _localised(text, setting)
    if t is None or (t != text and not reads_as_measure(t)) \
            or (setting is not None and (setting.wrong_level(t) or setting.too_early(t) or setting.other_sector(t)
                                     or setting.other_industry(t) or setting.steers_firms(t))) \
            or any(m.group(0) not in clause for m in _RE_RESERVED.finditer(t)) \
            or (setting is not None and _other_campaign(t, setting)) \
            or (setting is not None and any(m.group(1) not in setting.text for m in _RE_BRAND.finditer(t))) \
            or (_RE_EXCESS.search(clause) and _RE_MORE.search(t)) \
            or (_RE_RELATION.search(t) and not _RE_RELATION_CLAUSE.search(clause)):
        # the last two: the opposite direction (more investment for 投资增长过快), a relation
        # measure for a problem about one of its sides
        return None
    return t


def _other_campaign(text: str, setting: _Setting) -> bool:
    """Whether ``text`` names a campaign of another government (``_RE_CAMPAIGN``; for a department's
    or a unit's document also ``_RE_YEARS_CAMPAIGN``) that the user's document does not name."""
    found = list(_RE_CAMPAIGN.finditer(text))
    if _narrow(setting):
        found += _RE_YEARS_CAMPAIGN.finditer(text)
    # (launching one the document already carries out is no next step: 启动…五年行动 for a bureau
    # that 扎实推进 it — judged "the wrong moment", t15)
    return any(_RE_CAMPAIGN_VERB.sub("", m.group(0)) not in setting.text or m.group(0).startswith("启动")
               for m in found)


_RE_DIGIT = rx.compile(r"[0-9０-９]")
# a figure with its unit (4万人次, 500处, 2个, 3000批次以上)
# (not a name: 5G, 1+N, 双11; nor a year)
_RE_FIGURE = rx.compile(r"(?<![A-Za-z+＋0-9０-９])(?:约|近|超过|达到|不少于|不低于)?[0-9０-９]+(?:[.．][0-9０-９]+)?"
                        r"(?![A-Za-z+＋0-9０-９年])(?:[%％‰]|万|亿|千|百)*"
                        r"(?:人次|批次|个|处|家|公里|千米|米|亩|人|条|所|座|项|名|户|套|台|场|次|吨|元|件|栋|间)?"
                        r"(?:以上|左右|以内)?")
# a piece that only states a target (计划完成改造小区8个, 新增技能人才2万人)
_RE_TARGET_PIECE = rx.compile(r"^(?:计划|力争|确保|全年|预计|争取|新增|累计|完成)")


def _unnumbered(text: str) -> str:
    """``text`` without another report's figures: a piece stating a target with one is dropped (when
    another piece remains), a figure inside a measure is cut out with its unit."""
    if _RE_DIGIT.search(text) is None:
        return text
    out: list[str] = []
    for piece in text.split("，"):
        if _RE_DIGIT.search(piece):
            if out and _RE_TARGET_PIECE.match(piece):
                continue
            piece = _RE_FIGURE.sub("", piece)
        out.append(piece)
    return "，".join(p for p in out if p)


@lru_cache(maxsize=32768)
def reads_as_measure(t: str) -> bool:
    """The checks of a shown text that depend on the text alone (the same measures come up for
    many problems): well formed, opens as a measure, no result/target/argument, not a problem.
    The index takes a department's sentence the classifier is unsure of when this holds."""
    from zongjie.suggest import sentclass

    return (well_formed(t) and _RE_VERB_START.match(t) is not None and _RE_NOT_MEASURE.search(t) is None
            and not ("既" in t and "又" not in t and "也" not in t) and sentclass.classify(t)[0] != "problem")


def _short_measures(query: dict[str, float], clause: str, ix: Any, setting: _Setting | None,
                    exclude_docs: Iterable[str], accept: Callable[[Any], bool]) -> list[tuple[float, str, Any, dict[str, Any]]]:
    """``(rank, shown text, unit, report)`` of the archive's short measures (≤ ``KEY_MAX_CHARS``)
    for ``query`` that ``accept`` takes and that are shown for ``clause``, best first (rank:
    P(measure), the same setting, brevity; ties keep the retrieval order)."""
    from zongjie.suggest import topics

    keys = _keys(clause)
    narrow = _narrow(setting)
    out = []
    for i, _ in ix.search(query, k=SEARCH_K, exclude_docs=exclude_docs):
        u = ix.units[i]
        if len(u.text) > KEY_MAX_CHARS or not accept(u) or _requalified(clause, u.text, u.words, keys):
            continue
        # (the statement is not known here: its clause stands for it)
        if narrow and _another_things(clause, clause, u.text, u.words,
                                      {k: topics.key_cover(k, u.words, u.text) for k in keys}):
            continue
        info = ix.docs[u.doc]
        if _too_far(setting, info):
            continue
        text = _shown(u.text, clause, setting)
        if text is not None:
            out.append((u.p + (setting.bonus(info) if setting else 0.0) - len(text) / 100, text, u, info))
    return sorted(out, key=lambda x: -x[0])


def _requalified(clause: str, text: str, words: tuple[str, ...], keys: Iterable[str]) -> bool:
    """Whether ``text`` (with its topic ``words``) names a key word of ``clause`` only as another
    thing's: the clause narrows the key by a noun (市场经济秩序, 风险隐患排查, 企业经营), the candidate,
    at every mention, by a noun of its own that the clause does not name (收入分配秩序, 矛盾纠纷排查,
    跨国经营), and it names nothing else of the clause — one shared word on another subject."""
    from zongjie.suggest import topics

    for k in keys:
        if k not in text or not _narrowed_mentions(k, text, words):
            continue  # the cheap test first: the POS tagger runs for the few candidates that pass it
        own = [q for q in topics.qualifiers(clause, k) if q is not None and q not in VAGUE]
        if not own or any(q in text for q in own):
            continue
        # who or where stands before the subject (政府工作人员 of 政府工作人员市场化思维): naming it
        # (法治政府, 法治思维) is no answer on the subject
        at = min(clause.find(q) for q in own)
        if any(w in text for w in topics.topic_words(clause)
               if k not in w and w not in k and w not in own and clause.rfind(w) + len(w) > at):
            continue
        if all(q is not None and q in words and q not in clause and q not in VAGUE
               and not set(q) & set("".join(own)) for q in topics.qualifiers(text, k)):
            return True
    return False


# the sectors that narrow a broad key to their own business (农业科技创新, 农产品精深加工, 国防科技), each
# with what a statement that names the sector writes (a place is no sector: 农村医疗 answers a county's 医疗)
_SECTOR_FAMILY = {"农业": "农", "农产品": "农", "农畜产品": "农", "农牧产品": "农", "工业": "工业", "制造业": "制造",
                  "服务业": "服务业", "国防": "国防", "军工": "军", "渔业": "渔", "林业": "林", "畜牧业": "畜"}
_RE_SECTOR_BEFORE = rx.compile("(?:" + "|".join(sorted(_SECTOR_FAMILY, key=len, reverse=True)) + ")(?:的)?$")


def _sector_narrowed(problem: str, text: str, keys: Iterable[str]) -> bool:
    """Whether ``text`` names one of the statement's key words, at every mention, as one sector's
    (农业科技创新 for 科技创新能力还不强, 农产品精深加工 for heavy industry's 精深加工) and the statement
    names nothing of that sector: a shared word on another, narrower subject."""
    for k in keys:
        mentions = [m.start() for m in re.finditer(re.escape(k), text)]
        if not mentions:
            continue
        sectors = [_RE_SECTOR_BEFORE.search(text[:i]) for i in mentions]
        if all(sectors) and not any(_SECTOR_FAMILY[m.group(0).removesuffix("的")] in problem
                                    for m in sectors if m):
            return True
    return False


def _narrowed_mentions(key: str, text: str, words: tuple[str, ...]) -> bool:
    """Every mention of ``key`` in ``text`` comes right after another of its topic ``words`` (or
    after that word and 的)."""
    for m in re.finditer(re.escape(key), text):
        before = text[:m.start()].removesuffix("的")
        if not any(w != key and before.endswith(w) for w in words):
            return False
    return True


def _another_things(clause: str, problem: str, text: str, words: tuple[str, ...], kc: dict[str, float]) -> bool:
    """Whether ``text`` answers a department's clause only by its one bare key word, and is about
    something else: the clause says 成本 (成本控制压力较大), 运行 (运行效益发挥不充分), 出行 (雨季出行不便)
    and the candidate names nothing else of the statement (``problem``), and either names the key as
    another thing's (物流成本, 城市运行: a noun the statement does not name) or is mostly about other
    topics (more than ``BARE_DRIFT`` of its topic ``words`` unnamed by the statement: 让权力在阳光下运行,
    引导低碳消费、绿色出行).  Judged off topic for hospitals and water works (t6–t8).  The same holds
    for a compound of keys written as one (融资渠道: 拓宽中小企业融资渠道 for 项目融资渠道单一), and for a
    key the clause narrows by a subject of its own that the candidate leaves out (提高施政能力和服务水平
    for 数字化服务水平不高; judged t15).  A government report's bare 成本 is the economy's: its answers
    (降低企业生产经营成本) stand, so the caller asks for narrow settings only."""
    from zongjie.suggest import topics

    k = _bare_key(clause, [k for k, c in kc.items() if c >= KEY_COVER], text)
    if k is None:
        return False
    # the clause narrows its one key itself (数字化 of 数字化服务水平, 水利 of 水利基础设施)
    # (a topic of the clause: 部分, 基层 and 有影响的 of 有影响的骨干教师 are no subject)
    quals = topics.qualifiers(clause, k) if k in kc else ()
    topical = topics.topic_words(clause)
    subjects = [q for q in quals if q is not None and q in topical]
    if any(q in text for q in subjects):
        return False  # … and the candidate names it too (another qualifier is _requalified's case)
    generic = topics.stopterms()["generic"]
    # … or by a thing it owns, a generic word right after it (设备 of 医疗设备, 积极性 of 职工积极性): a
    # candidate that leaves it out is about the key's other business (医疗救助, 职工带薪年休假)
    head = next((h for h in topical if h in generic and h not in _MEASURE_HEADS and k + h in clause), None) \
        if k in kc else None
    lost_head = head is not None and not any(h in text for h in _HEAD_SAME.get(head, (head,)))
    said = [w for w in topics.topic_words(problem) if k not in w and w not in k]
    if any(w in text for w in said if not (lost_head and w in generic)):
        return False  # it names more of the statement (社区工作者 of the statement's other clause)
    if subjects or lost_head:
        return True  # the key without the clause's own subject: anyone's (提高施政能力和服务水平)
    if any(q is not None for q in quals):
        return False  # narrowed by no subject of its own (部分老旧小区): left to the ranking
    own = [w for w in words if w not in generic]
    if k in kc and sum(not any(w in q or q in w for q in said + [k]) for w in own) > BARE_DRIFT * max(1, len(own)):
        return True  # (a compound is specific: 经营性业务 among the firm's other business still answers)
    qs = topics.qualifiers(text, k)
    stop = topics.stopterms()["stop"]  # 基层 of 基层财力 is the level, not another subject
    # (a manner is no other thing: 多元化 of 多元化融资渠道, 市场化 of 市场化经营)
    return bool(qs) and all(q is not None and q not in problem and q not in VAGUE and q not in stop
                            and not q.endswith("化") for q in qs)


# heads the genre uses for one another (师资力量 ~ 师资队伍, 监管力量 ~ 执法人员)
_HEAD_SAME = {"力量": ("力量", "队伍", "人员", "人才", "人手"), "队伍": ("队伍", "力量", "人员", "人才")}
# generic heads a measure may leave out: what is measured of the key (能力, 水平 …), not a thing of it
_MEASURE_HEADS = frozenset("能力 水平 质量 建设 效率 效益 作用 体系 机制 工作 程度 成效 效果 规模 数量 总量 比重 占比".split())


def _bare_key(clause: str, covered: list[str], text: str) -> str | None:
    """The one key a candidate names of the clause, as written in both: a single covered key, or
    several that the clause writes as one compound (融资 + 渠道 of 项目融资渠道单一: 融资渠道);
    ``None`` for separate keys or a key covered by a learned equivalent only."""
    if len(covered) == 1:
        return covered[0] if covered[0] in text else None
    if not covered or any(k not in clause for k in covered):
        return None
    phrase = "".join(sorted(covered, key=clause.find))
    return phrase if phrase in clause and phrase in text else None


def _too_far(setting: _Setting | None, info: dict[str, Any]) -> bool:
    """A report more than ``MAX_YEARS`` before the user's speaks another era's language; one more
    than ``MAX_LATER`` after it names what the user's year had not yet named (国家基本药物制度 for
    1995, 中小金融机构减量提质 for 2013) — unless nothing else answers (``suggest``)."""
    if setting is None or not setting.year or not info.get("year"):
        return False
    return setting.year - info["year"] > MAX_YEARS or info["year"] - setting.year > setting.later


def _latest_year(ix: Any) -> int:
    """The year of the index's latest report (0 for none): only a document older than it by more
    than ``MAX_LATER`` has later reports left to search."""
    return max((d.get("year") or 0 for d in getattr(ix, "docs", ())), default=0)


def _fill_candidates(clause: str, ix: Any, setting: _Setting | None, exclude_docs: Iterable[str],
                     n: int = PER_CLAUSE) -> list[Candidate]:
    """Short measures of the archive that name every key word of the clause as such (拓宽中小微企业
    融资渠道 for 中小微企业融资难问题依然存在): on topic by construction, they fill a clause's list
    when fewer than ``PER_CLAUSE`` real matches pass — after them, never before."""
    from zongjie.suggest import topics

    generic = topics.stopterms()["generic"]
    keys = [k for k in _keys(clause) if k not in generic]
    if ix is None or not keys or len(keys) > 3:
        return []
    # a department's one-key clause (家长参与学校管理的渠道不多): a fill names more of what the clause
    # says, or little else — 渠道 alone is anyone's (拓展生态产品价值实现渠道), 提高执法人员素质和执法水平
    # is about 执法人员 itself.  Several keys covered are specific enough, and a government report's
    # fills were judged good.
    narrow = _narrow(setting)
    said = [w for w in topics.topic_words(clause) if w not in generic and w not in VAGUE
            and not any(k in w or w in k for k in keys)] if narrow and len(keys) == 1 else []
    key_bigrams = {k[i:i + 2] for k in keys for i in range(len(k) - 1)}  # 执法水平 shares 执法 with 执法人员

    def on_the_clause(u: Any) -> bool:
        if not said or any(w in u.text for w in said):
            return True
        # generic words count here (强化数据领域改革 is about 改革): what else it is about
        other = sum(not any(w[i:i + 2] in key_bigrams for i in range(len(w) - 1)) for w in u.words)
        return other <= FILL_DRIFT * len(u.words)

    ranked = _short_measures({k: 1.0 for k in keys}, clause, ix, setting, exclude_docs,
                             lambda u: all(topics.key_cover(k, u.words, u.text) >= KEY_COVER for k in keys)
                             and on_the_clause(u))
    out: list[Candidate] = []
    for _, text, u, info in sorted(ranked, key=lambda x: (-x[0], x[1])):
        if all(text != c.text for c in out):
            c = _index_candidate(text, KEY_SCORE, u, info, clause, generic)
            c.extra["fill"] = True
            out.append(c)
        if len(out) >= n:
            break
    return out


def _key_candidates(clause: str, ix: Any, setting: _Setting | None, exclude_docs: Iterable[str]) -> list[Candidate]:
    """When nothing covers the whole clause: short measures of the archive that name one of its key
    words as such (控制物价涨幅 for 物价涨幅这么大，既有客观原因…) — the topic's own collocation, shown
    below any real match."""
    from zongjie.suggest import topics

    generic = topics.stopterms()["generic"]
    heads = _owned_heads(clause, _keys(clause))  # 面积 alone is any thing's area
    keys = sorted((k for k in _keys(clause) if k not in generic and k not in heads), key=lambda k: -topics.weight(k))
    if ix is None or not keys:
        return []
    found: list[Candidate] = []
    for k in keys[:3]:
        ranked = _short_measures({k: 1.0}, clause, ix, setting, exclude_docs,
                                 lambda u, k=k: k in u.words and all(c.text != u.text for c in found))
        if ranked:
            _, text, u, info = ranked[0]
            found.append(_index_candidate(text, KEY_SCORE, u, info, clause, generic))
    return found


def _focus(clause: str, text: str, ts: float, words: tuple[str, ...], keys: Iterable[str] = ()) -> str:
    """The piece of a multi-clause measure that carries the clause's topic (`引导对外投资…，强化…，
    优化产业链供应链国际合作布局` → its last piece for a 产业链供应链 problem), when one piece alone
    covers the topic about as well as the whole and opens as a measure; else the whole. A piece's
    topic words are the measure's own that occur in it (no segmentation)."""
    from zongjie.suggest import topics

    pieces = [m.group(0).strip() for m in _RE_PIECE.finditer(text)]
    if len(pieces) < 2:
        return text
    keys = tuple(keys)
    scored = []
    for p in pieces:
        pw = tuple(w for w in words if w in p)
        if keys and max(topics.key_cover(k, pw, p) for k in keys) < KEY_COVER:
            continue  # the piece must still name what the clause is about
        scored.append((topics.score_known(clause, p, pw)[0], -len(p), p))
    if not scored:
        return text
    best_ts, _, best = max(scored)
    if len(best) >= 8 and _RE_VERB_START.match(best) and best_ts >= 0.85 * ts:
        return best
    return text


def _rewrite_candidates(clause: str) -> list[Candidate]:
    """The clause's remedy by a rewrite rule; when no rule reads the whole clause, the remedies of
    its comma pieces (`一些工作协调配合不够，有的政策落地偏慢` → 加强工作协调配合, 加快政策落地)."""
    from zongjie.suggest import sentclass
    from zongjie.suggest.rewrite import rewrite_clause_wordings

    if _RE_ADMISSION.match(clause) or _RE_WORLD_SUBJECT.match(clause):
        return []  # 增加政府工作, 增强世界经济增长动能: no remedy of this government's
    whole = [] if _RE_COMMA.search(clause) else rewrite_clause_wordings(clause)
    # a piece's remedy must name more than a bare noun (提升素质)
    pieces = [p for p in _RE_COMMA.split(clause) if not _RE_WORLD_SUBJECT.match(p)]
    hits = [whole] if whole else [h for h in map(rewrite_clause_wordings, pieces)
                                  if h and len(h[0][0]) >= MIN_PIECE_REWRITE]
    out: list[Candidate] = []
    for wordings in hits:
        for text, rule in wordings:
            # a rewrite is generated text: it must also open as a measure, hold no condition or
            # consequence of the problem sentence (`如果…就可能…`), not repeat its verb (`统筹推进统筹
            # 发展…`: the verb swallowed the topic's), and not read to the classifier as the problem
            # restated (有效缓解投资下行压力: then the rule's next wording, 有效化解…)
            if not well_formed(text) or not _RE_VERB_START.match(text) or _RE_NOT_REMEDY.search(text) \
                    or text[:2] in text[2:] or sentclass.classify(text)[0] == "problem":
                continue
            out.append(Candidate(text, REWRITE_SCORE - 0.01 * len(out), "rewrite", {"clause": clause, "rules": [rule]}))
            break
    return out


def _fallback(clause: str, problem: str) -> Candidate:
    """The last resort, so that no list is empty: a 整改 measure on the clause's key topic
    (``针对外贸顺差问题…``) when it has one that is a real topic, else the plain 整改 measure —
    guessed words read as garbage when the clause has no topic of its own."""
    from zongjie.suggest import sentclass, topics

    learned = topics.table()["table"]  # a word the archive's problems name as a topic (not 客观原因)
    keys = sorted((k for k in _keys(clause) if len(k) >= 2 and k in learned
                   and not sentclass.has_deficiency(k)), key=lambda k: (clause.find(k), k))
    if keys:
        # keys written side by side in the clause are one topic (物价涨幅, not 物价、涨幅)
        parts = [keys[0]]
        for k in keys[1:3]:
            if parts[-1] + k in clause:
                parts[-1] += k
            else:
                parts.append(k)
        topic = "、".join(parts)
        return Candidate(FALLBACK_TOPIC.format(topic=topic), FALLBACK_SCORE, "rewrite",
                         {"clause": clause, "rules": ["fallback-topic"]})
    return Candidate(FALLBACK_TEXT, FALLBACK_SCORE, "rewrite", {"clause": clause, "rules": ["fallback"]})


# A statement that names no topic of its own heads a list (`还存在不少矛盾和问题。主要是：…`) or sums
# one up (`以上问题…必须…解决`): the statements it stands for are answered, each on its own topic.
_RE_SUMS_UP = rx.compile(r"^(对于|对)?(以上|上述|这些|这类|此类|诸如此类|所有这些)|"
                         r"^[^，,；;]{0,6}(以上|上述|这些)的?(矛盾|问题|困难|不足|缺点)")  # 继续解决这些矛盾和问题…
_RE_LIST_LEAD = rx.compile(r"^[\s“]*(主要是|主要有|主要表现在|主要表现为|具体表现为|表现在)?[：:，,\s]*")


# Words that make a sentence of a problems paragraph a problem even without a deficiency word.
_RE_PROBLEM_WORDS = rx.compile(r"漏洞|推诿|扯皮|畏难|不合理|不协调|不适应|尖锐|失误|偏差|缺点|错误|事故|损失|腐败|腐化|贪污|以权谋私|"
                               r"官僚主义|形式主义|保护主义|浪费|多了|大了|需要加强|需要进一步|需进一步|还要进一步|尚需|"
                               r"不满意|意见|问题|困难|矛盾|挑战|风险|隐患|差距|不足")
NOT_PROBLEM_P = 0.3
# What a problems paragraph says besides its problems, even in problem words: a conviction or a
# pledge (我们坚信…, 决不辜负人民的期望), a lead-in to a list (必须着重解决好以下三个重要问题), a
# prospect (这样，我们就有可能克服前进中的困难), a pointer to another text (将在…报告中指出).
_RE_NOT_PROBLEM = rx.compile(
    r"坚信|深信|必将|一定能|一定会|决不辜负|不负[^，,；;。]{0,6}(?:重托|期望|期待|嘱托)|"
    r"(?:以下|如下|下列)的?(?:[一二三四五六七八九十两几]+(?:个|项|条))?(?:方面|重要|主要|突出)?的?(?:问题|情况|方面|关系|矛盾)|"
    r"^(?:这样|只要|如果|如能)[，,]|(?:将|将要|已)[^。]{0,30}报告中|曾(?:经)?提出|"
    # a warning of what would follow (如果…就可能…), an argument (只有…才能…), a lead-in that only
    # denies all is well (并不是说一切都好), a question left to time (还有待于事实的证明)
    r"^(?:如果|假如|倘若)[^。]*就|^只有[^。]*才能|不是说一切都好|有待于?事实的?证明|决不能掉以轻心|"
    # an argument for a course (认真贯彻执行…的方针，是一个全局性的、关系到国家长远利益的问题)
    r"[，,]是(?:一个|一项)[^。，,]{0,12}[，,、]?[^。]{0,20}的(?:问题|任务|大事)$")
# An exhortation (`要直面问题挑战…`, `我们既要正视困难问题，更要坚定发展信心`) unless it also
# passes a verdict on something (`必须看到，…还不够…`).
_RE_EXHORT = rx.compile(r"^(?:但是?[，,]?|为此[，,]?|同时[，,]?)?(?:我们)?(?:必须|要|务必|一定要|应当|既要|都要)")


def reads_as_problem(text: str) -> bool:
    """Whether a statement of a problems paragraph states a problem: a deficiency word, a verdict or
    another problem word, or the sentence classifier's P(problem) ≥ 0.3. The paragraph of a
    government report also holds narrative (`1984年全国职工工资总额比上年增长19%`), measures
    (`要大力发展高科技产业…`), exhortations (`要增强忧患意识…`), convictions and lead-ins
    (`我们坚信…`, `…同以下的情况有密切的关系`): no suggestion answers them."""
    from zongjie.suggest import sentclass, topics

    t = text.strip()
    if _RE_NOT_PROBLEM.search(t) or (_RE_EXHORT.match(t) and not topics.has_verdict(t)) or _about_the_world(t):
        return False
    if _RE_PROBLEM_WORDS.search(text) or topics.has_verdict(text):
        return True
    return sentclass.probabilities(text).get("problem", 0.0) >= NOT_PROBLEM_P


def _about_the_world(text: str) -> bool:
    """Every clause is about the world outside (世界经济增长动能不足，外部环境的复杂性…上升): the
    government states it, its plan cannot remedy it (增强世界经济增长动能 is nobody's measure)."""
    from zongjie.suggest import topics

    cs = [_RE_LIST_LEAD.sub("", c, count=1) for c in topics.clauses(text)]
    world = [c for c in cs if _RE_WORLD_SUBJECT.match(c) or _RE_WORLD_EVENTS.search(c)]
    # the other clauses name nothing of their own (影响我区经济社会发展难预料、不确定因素仍然较多)
    return bool(world) and all(c in world or all(w in VAGUE for w in topics.topic_words(c)) for c in cs)


# The world outside named anywhere in a statement, for the checker (stricter than what a
# suggestion skips: the world's conflicts, and its subjects wherever they stand, and the world
# affairs a government does answer in its own plan, 保护主义 and 霸权主义): a government report's plan
# is held only to what the government owns, not to 国际金融市场风险增大 or 贸易保护主义加剧.
_RE_WORLD_WORDS = rx.compile(_RE_WORLD_EVENTS.pattern + r"|全球|世界|国际(?:形势|环境|市场|金融|贸易)|外部(?:环境|冲击|打压|需求)|"
                             r"地缘|地区热点|经济体|美国|美元|美西方|保护主义|单边主义|霸权主义|强权政治|冷战思维|贸易摩擦")
OWNED_P = 0.5  # P(problem) a statement needs before the checker holds a government report's plan to it
OWNED_PIECES = 2  # comma pieces with a verdict: more is the year's problems listed, answered by the plan as a whole


def owned_problem(text: str) -> bool:
    """Whether a government work report's plan should answer this statement on its own: it states
    a problem (problem words or a verdict, and P(problem) ≥ ``OWNED_P``), of the government's own
    affairs (no word about the world outside), on at most ``OWNED_PIECES`` comma pieces, and is
    not a lead-in, a sum-up, a pledge, an exhortation or an admission about its work as a whole.
    Regular expressions and the sentence classifier only (no word segmentation): the checker's
    ``problem-without-plan`` calls it for every statement of a government report."""
    from zongjie.suggest import sentclass, topics

    t = _RE_LIST_LEAD.sub("", text.strip(), count=1)
    if (_RE_NOT_PROBLEM.search(t) or _RE_EXHORT.match(t) or _RE_SUMS_UP.match(t) or _RE_ADMISSION.match(t)
            or _RE_WORLD_WORDS.search(t)):
        return False
    pieces = [p for p in re.split(r"[，,；;。]", t) if p.strip()]
    verdicts = sum(1 for p in pieces if _RE_PROBLEM_WORDS.search(p) or topics.has_verdict(p))
    if not 0 < verdicts <= OWNED_PIECES or not _names_a_topic(t):
        return False
    return sentclass.probabilities(t).get("problem", 0.0) >= OWNED_P


@lru_cache(maxsize=1)
def _not_topic_rx() -> re.Pattern[str]:
    """The vague, generic, stock and deficiency words of ``stopterms.json`` (two characters or more),
    and 政府 (`政府工作中仍存在一些不足` names no topic of its own)."""
    from zongjie.suggest import topics

    st = topics.stopterms()
    words = {w for w in VAGUE | st["generic"] | st["deficiency"] | st["stop"] if len(w) >= 2} | {"政府"}
    return rx.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))


def _names_a_topic(text: str) -> bool:
    """Something of its own is left once the vague, generic, stock and deficiency words are cut out
    (`当前发展面临诸多困难挑战`, `成绩固然可喜，问题也不容忽视` name nothing)."""
    from zongjie.matcher import topic_terms

    return bool(topic_terms(_not_topic_rx().sub("，", text)))


def stands_for_others(text: str) -> bool:
    """A lead-in or a sum-up: a statement naming no topic of its own that no rewrite rule reads
    either (`我区经济社会发展还存在不少老问题、新挑战`), or one that refers back (`以上问题…`). The
    statements it stands for get the suggestions; a list for it would repeat or guess theirs."""
    from zongjie.suggest import topics

    if _RE_SUMS_UP.match(text.strip()) or _vague_verdict(text):
        return True
    generic = topics.stopterms()["generic"]
    return all(_RE_ADMISSION.match(c) or all(w in VAGUE or w in generic for w in topics.topic_words(c))
               for c in topics.clauses(text)) and not _rewrite_candidates(text)


def _vague_verdict(text: str) -> bool:
    """Every comma piece that passes a verdict names nothing but vague words (`实现第二步奋斗目标，
    我们有很多有利条件，也存在不少困难和矛盾`, `在新旧两种体制并存的条件下，…，面临许多新的矛盾`): the
    other pieces set the scene, the problems themselves are stated after it."""
    from zongjie.suggest import topics

    judged = [p for p in _RE_PIECE.findall(text) if _RE_PROBLEM_WORDS.search(p) or topics.has_verdict(p)]
    return bool(judged) and all((ws := topics.topic_words(p)) and all(w in VAGUE for w in ws) for p in judged)


def candidates_for(problem: str, index: Any = None, model: Any = None, exclude_docs: Iterable[str] = (),
                   setting: _Setting | None = None) -> dict[str, list[Candidate]]:
    """Every candidate for one problem statement, by clause, best first."""
    out: dict[str, list[Candidate]] = {}
    clauses = _clauses(problem)
    for c in clauses:
        if _RE_WORLD_SUBJECT.match(c):  # 世界经济增长动能不足: the world is not this government's to remedy
            out[c] = []
            continue
        # the statement's other clauses say whose it is (监管手段有待创新 after 医保基金…: 医保's 监管)
        context = frozenset(k for o in clauses if o != c for k in _keys(o)) - _keys(c)
        # the rewrite scores below good retrieved measures, so it is shown where the archive is weak on
        # the clause's topic (or everything retrieved is already in the document)
        found = _index_candidates(c, index, setting, exclude_docs, context=context, problem=problem)
        rewrites = _rewrite_candidates(c)
        if _RE_KNOWLEDGE.search(c):
            # too little knowledge of a topic (对城市更新…的专业知识掌握不够) is remedied by learning it,
            # not by doing the topic's work (加快城市更新步伐)
            found = [x for x in found if _RE_LEARNING.search(x.text)]
        keys = _keys(c)
        if rewrites and found and 2 <= len(keys) <= 3 and "、" not in c \
                and not any(all(k in x.text for k in keys) for x in found) \
                and not any(_restates(r.text, x.text) for r in rewrites for x in found):
            # the archive names only part of the clause (高标准农田 of 高标准农田建后管护机制不够健全; a
            # learned equivalent, 基础设施 for 管护, names nothing; a list is answered member by member):
            # the clause's own remedies answer all of it, so they lead — unless a measure of the
            # archive already says what a remedy says, and more (分批次开展乡村两级医保经办人员业务培训)
            best = max(x.score for x in found)
            for n, r in enumerate(rewrites):
                r.score = max(r.score, best + 0.01 - 0.001 * n)
        cands = found + rewrites
        if sum(x.score >= FLOOR for x in cands) < PER_CLAUSE:
            cands += _member_candidates(c, index, setting, exclude_docs)
        if cands:
            cands += _fill_candidates(c, index, setting, exclude_docs)
        if model is not None:
            examples = [x.text for x in sorted(cands, key=lambda x: -x.score)[:3]]
            for i, text in enumerate(model.generate(c, examples=examples, n=3)):
                if well_formed(text):
                    cands.append(Candidate(text, max(0.05, 0.6 - 0.05 * i), f"model:{model.name}", {"clause": c}))
        out[c] = sorted(cands, key=lambda x: (-x.score, len(x.text)))
    if not any(out.values()):  # nothing for any clause: the key words' own collocations
        for c in out:
            if not _RE_WORLD_SUBJECT.match(c):
                out[c] = _key_candidates(c, index, setting, exclude_docs)
    return out


class _Plan(list[frozenset[str]]):
    """The document's plan items as bigram sets, with an inverted index: a near-duplicate shares at
    least 0.6 of a candidate's bigrams, so only items sharing that many are compared."""

    def __init__(self, items: Iterable[frozenset[str]]) -> None:
        super().__init__(items)
        self.postings: dict[str, list[int]] = {}
        for n, e in enumerate(self):
            for g in e:
                self.postings.setdefault(g, []).append(n)


@lru_cache(maxsize=8)
def _plan_index(items: tuple[str, ...]) -> _Plan:
    """The plan's index, kept for the next call while the plan is unchanged (the editor asks again
    after every edit, most of them elsewhere). Read only, so sharing it is safe."""
    return _Plan(bigrams(t) for t in items)


def _sharing(bg: frozenset[str], existing: list[frozenset[str]]) -> list[frozenset[str]]:
    """The items of ``existing`` that could be near-duplicates of ``bg`` (all of a plain list)."""
    if not isinstance(existing, _Plan):
        return existing
    counts: dict[int, int] = {}
    for g in bg:
        for n in existing.postings.get(g, ()):
            counts[n] = counts.get(n, 0) + 1
    need = 0.6 * len(bg)
    return [existing[n] for n, c in counts.items() if c >= need]


def _pick(by_clause: dict[str, list[Candidate]], top: int, existing: list[frozenset[str]],
          problem: frozenset[str], in_plan: dict[str, bool] | None = None) -> list[Candidate]:
    """Up to ``top`` candidates spread over the clauses (round robin, best first), without
    near-duplicates of each other, of the document's own plan (``existing``; ``in_plan`` caches
    that test per text across a document's problems), or of the problem itself."""
    kept: list[tuple[Candidate, frozenset[str]]] = []
    in_plan = {} if in_plan is None else in_plan

    def fresh(c: Candidate) -> frozenset[str] | None:
        bg = bigrams(c.text)
        if not bg or (c.source != "rewrite" and jaccard(bg, problem) >= 0.6):
            return None  # the problem echoed back (a rewrite shares its topic words by design)
        if c.text not in in_plan:
            in_plan[c.text] = any(jaccard(bg, e) >= 0.6 or containment(bg, e) >= 0.85 for e in _sharing(bg, existing))
        if in_plan[c.text]:
            return None
        if any(jaccard(bg, k) >= 0.4 or containment(bg, k) >= 0.7 or containment(k, bg) >= 0.7 for _, k in kept):
            return None
        if any(_same_words(c, o) or _same_phrase(c.text, o.text, problem) for o, _ in kept):
            return None  # the same measure in other words (提升/增强/切实提高科技创新能力)
        if any(_says_nothing_more(c, o) for o, _ in kept):
            return None  # 持续做大经济总量 after 聚力项目建设，壮大经济总量
        return bg

    # a weak candidate is not shown just to fill the list: each scores at least FLOOR and a good
    # share of the best candidate for its own clause
    queues = {c: [x for x in v if x.score >= max(FLOOR, RELATIVE * v[0].score) or x.extra.get("fill")]
              for c, v in by_clause.items() if v}
    taken: dict[str, int] = {}
    answered: dict[str, frozenset[str]] = {}  # the key words a clause's suggestions so far answer
    answers: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = {}  # a clause's short answers: aspects, bigrams
    while len(kept) < top and any(queues.values()):
        for c in list(queues):
            q = queues[c]
            while q:
                cand = q.pop(0)
                if "whole" in cand.extra and fresh(cand) is None and in_plan.get(cand.text):
                    # the piece is the plan's own item; the rest of the measure may not be
                    cand = cand.extra["whole"]
                if len(cand.text) <= SHORT_MEASURE:
                    asp, bg0 = _aspects(cand, c), bigrams(cand.text)
                    if asp and any(asp == a and _overlap(bg0, b) >= REWORDED for a, b in answers.get(c, ())):
                        # a short measure on the aspect a short answer of the clause covers, in many of
                        # their words, is that answer reworded (逐步理顺/调整收入分配关系). Longer
                        # answers carry more than their aspect, and what replaces a reworded
                        # answer is weaker: looser tests showed worse lists (again in r15: a short
                        # measure after a long one on its aspects)
                        continue
                if taken.get(c, 0) >= PER_CLAUSE:
                    # a third answer to one clause reads as the first reworded, unless it answers
                    # an aspect the others do not (奢侈浪费 of 形式主义、官僚主义…和奢侈浪费), or is
                    # a strong match for the problem's only clause
                    new = cand.extra.get("aspects", frozenset()) - answered.get(c, frozenset())
                    strong = len(by_clause) == 1 and cand.score >= THIRD_SCORE
                    if not (new or strong) or taken[c] >= PER_CLAUSE + 1:
                        continue
                bg = fresh(cand)
                if bg is not None:
                    kept.append((cand, bg))
                    if len(cand.text) <= SHORT_MEASURE:
                        answers.setdefault(c, []).append((_aspects(cand, c), bg))
                    taken[c] = taken.get(c, 0) + 1
                    answered[c] = answered.get(c, frozenset()) | cand.extra.get("aspects", frozenset())
                    break
            if len(kept) >= top:
                break
    if not kept:  # nothing strong, or all of it already in the document: the best fresh candidate
        for cand in sorted((c for v in by_clause.values() for c in v), key=lambda c: (-c.score, len(c.text))):
            bg = fresh(cand)
            if bg is not None:
                return [cand]
    return [c for c, _ in kept]


def _restates(rewrite: str, measure: str) -> bool:
    """Whether ``measure`` says what ``rewrite`` says (``_pick`` would keep only the first of them)."""
    a, b = bigrams(rewrite), bigrams(measure)
    return jaccard(a, b) >= 0.4 or containment(a, b) >= 0.7 or containment(b, a) >= 0.7 \
        or _same_phrase(rewrite, measure)


def _joined_rewrite(picked: list[Candidate], limit: int = 32) -> Candidate | None:
    """The remedies of two or more of a statement's clauses among ``picked``, joined into one
    measure when short enough to read as one (≤ ``limit`` characters), or ``None``."""
    rewrites = [c for c in picked if c.source == "rewrite"]
    clauses = {c.extra.get("clause") for c in rewrites}
    if len(rewrites) < 2 or len(clauses) < len(rewrites):
        return None
    text = "，".join(c.text for c in rewrites)
    if len(text) > limit:
        return None
    return Candidate(text, max(c.score for c in rewrites), "rewrite",
                     {"clause": rewrites[0].extra.get("clause"), "rules": [r for c in rewrites for r in c.extra.get("rules", [])],
                      "joined": True})


def _same_phrase(a: str, b: str, problem: frozenset[str] | None = None) -> bool:
    """Two measures built on one phrase that is most of the shorter one (提高保障和改善民生水平 /
    统筹做好保障和改善民生工作): the same measure with other verbs around it. Given the ``problem``'s
    bigrams, also two that bring the same long phrase the problem does not write (推动/加快经济社会发展
    全面绿色转型 for 绿色转型任务较重), whatever else they say."""
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    if m.size >= SAME_PHRASE and m.size >= 0.5 * min(len(a), len(b)):
        return True
    # the shared phrase's bigrams the problem lacks: all but two of an 8-character phrase's 7
    return (problem is not None and m.size >= SAME_ADDITION
            and len(bigrams(a[m.a:m.a + m.size]) - problem) >= SAME_ADDITION - 2)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller bigram set that the other one has."""
    return len(a & b) / max(1, min(len(a), len(b)))


def _aspects(c: Candidate, clause: str) -> frozenset[str]:
    """The clause's key words candidate ``c`` answers (an index candidate knows them already)."""
    from zongjie.suggest import topics

    if "aspects" in c.extra:
        return c.extra["aspects"]
    return _answered_keys(clause, tuple(topics.topic_words(c.text)), c.text)


def _same_words(c: Candidate, o: Candidate) -> bool:
    """Whether two candidates name the same topics beyond the clause's key words (both none:
    提升/增强科技创新能力; or most of them). One that names something of its own besides the key
    (青少年思想道德教育 after 加强思想道德建设) is another measure."""
    wc, wo = c.extra.get("words"), o.extra.get("words")
    if not wc or not wo:
        return False
    keys = _named_keys(c.extra.get("clause") or "") | _named_keys(o.extra.get("clause") or "")
    rc, ro = wc - keys, wo - keys
    if not rc and not ro:
        # both name key words only: the same measure when they name the same keys (提升/增强科技创新能力),
        # not when they answer two clauses (兜牢“三保”底线 / 化解重点领域风险)
        return _similar_sets(wc, wo)
    if not rc or not ro:
        return False
    return _similar_sets(rc, ro)


def _says_nothing_more(c: Candidate, o: Candidate) -> bool:
    """Whether ``c`` repeats ``o`` — the reviewers' "两条重复" (r44): every topic word of ``c`` is
    written in ``o`` and either there are two or more (认真克服官僚主义和形式主义 after 坚决克服误国害民的
    形式主义、官僚主义) or ``c``'s object after its opening verbs is ``o``'s text too (持续做大经济总量 after
    聚力项目建设，壮大经济总量). One word alone is not enough: 强化社区服务功能 is no repeat of
    扩大社区服务场地面积, nor 实施食品安全战略 of 增强食品安全监管能力."""
    wc = c.extra.get("words")
    if not wc or not all(w in o.text for w in wc):
        return False
    if sum(not any(w != v and w in v for v in wc) for w in wc) >= 2:  # 社区 of 社区服务 is no second word
        return True
    obj = _RE_OPENING_VERBS.sub("", c.text)
    return len(obj) >= 2 and obj in o.text


def _named_keys(clause: str) -> frozenset[str]:
    """The clause's key words, or, for a clause of broad topics only (民生领域还有不少短板), those."""
    from zongjie.suggest import topics

    return _keys(clause) or frozenset(w for w in topics.topic_words(clause) if w not in VAGUE)


def _similar_sets(a: frozenset[str], b: frozenset[str]) -> bool:
    """Most of the larger set is shared: a measure naming one topic is not the same as a longer one
    that names it among ten others (生态环境 / 生态系统保护和修复、分区管控、国土绿化…)."""
    return len(a & b) >= SAME_WORDS * max(len(a), len(b))


def _to_dict(c: Candidate) -> dict[str, Any]:
    d = c.to_dict()
    d["clause"] = c.extra.get("clause")
    if c.extra.get("detail"):
        d["detail"] = c.extra["detail"]
    return d


def suggest(doc: Document | str, top: int = 3, index: Any = None, model: Any = None,
            exclude_existing: bool = True, exclude_docs: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The problems of ``doc`` with their ``addressed_by`` span and up to ``top`` suggestions."""
    from zongjie.matcher import aligned, statements
    from zongjie.suggest.measures import speaks_for_government

    d = _as_doc(doc)
    ix = resolve_index(index)
    mdl = resolve_model(model)
    setting = _Setting(d)
    existing: _Plan | None = None  # the plan items the alignment used, indexed when first needed
    out = []
    in_plan: dict[str, bool] = {}
    for a in aligned(d):
        t = a.problem.text
        if not reads_as_problem(t) or stands_for_others(t):
            continue
        if existing is None:
            existing = _plan_index(tuple(p.text for p in statements(d)[1])) if exclude_existing else _Plan(())
        by_clause = candidates_for(t, ix, mdl, exclude_docs=exclude_docs, setting=setting)
        picked = _pick(by_clause, top, existing, bigrams(t), in_plan)
        # a statement of two clauses is about one thing (人才储备不足，投融资…人才较为缺乏), and so is a
        # department's of three; a government report's longer statements list the year's problems,
        # whose remedies joined read as measures glued together
        joined = (_joined_rewrite(picked, JOIN_MAX) if len(by_clause) == 2
                  else _joined_rewrite(picked, JOIN_MAX_UNIT) if len(by_clause) == 3 and not speaks_for_government(setting.genre)
                  else None)
        if joined is not None:
            # the clauses' own remedies as one item (优化…年龄结构，加强…专业人才培养引进): one slot
            # answers the whole statement, the others go to measures of the archive
            # (one as strong as a remedy: what fills a freed slot is otherwise the weakest of the lot)
            shown = {id(x) for x in picked}
            rest = {c: [x for x in v if x.source != "rewrite" and (id(x) in shown or x.score >= REWRITE_SCORE)]
                    for c, v in by_clause.items()}
            picked = _pick({"": [joined], **rest}, top, existing, bigrams(t), in_plan)
        if not picked and setting.year and setting.year + setting.later < _latest_year(ix):
            # a later report's measure is better than the fallback's template (1957's 官僚主义)
            later = copy.copy(setting)
            later.later = MAX_YEARS
            picked = _pick(candidates_for(t, ix, mdl, exclude_docs=exclude_docs, setting=later),
                           top, existing, bigrams(t), in_plan)
        if not picked:
            own = [c for c in by_clause if not _RE_WORLD_SUBJECT.match(c)]  # not 针对世界问题…
            picked = [_fallback(next(iter(own), a.problem.text), a.problem.text)]
        out.append({
            "text": a.problem.text, "start": a.problem.start, "end": a.problem.end,
            "addressed_by": {"start": a.plan.start, "end": a.plan.end} if a.plan else None,
            "suggestions": [_to_dict(c) for c in picked],
        })
    return out


def suggest_dict(doc: Document | str, **kw: Any) -> dict[str, Any]:
    """The SPEC ``suggest --json`` object."""
    from zongjie.serialize import suggest_result

    d = _as_doc(doc)
    return suggest_result(d.file, suggest(d, **kw))
