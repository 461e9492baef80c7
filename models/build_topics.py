"""Build the topic-matching artefacts of ``pipeline/suggest/topics.py`` (reproducible).

1. ``pipeline/data/domain_dict.txt`` — a jieba user dictionary (``word freq tag`` per line): a
   hand-curated core of policy terms (:data:`CORE_TERMS`) plus multi-character terms mined from the
   corpora: frequent character n-grams (2–6) with high cohesion (the weakest split point's PMI) and
   free boundaries (entropy of the characters on both sides), that jieba's own dictionary would
   cut apart and that are not stock phrases (``加强…``, ``…不足``).
2. ``models/translation.json`` — p(plan word | problem word) by IBM Model 1 (EM, NULL word) over
   problem → plan pairs of the archive: (a) ``zongjie.matcher.align`` on every document, (b) each
   problem clause with the plan sentences of its document that share a topic word, then — after a
   first EM — those that contain a learned equivalent, (c) the ``pairs`` of the annotated sidecars.
   Per problem word the associations above a floor, seen in ≥ 2 documents and ≥ 2× likelier after
   that word than in any plan sentence, are kept (top :data:`TOP`); plus the words' idf.

Inputs are read in sorted order, there is no randomness and no timestamp: same corpora → the
same bytes. ``--measure`` then runs ``models/measure_topics.py`` (``bench/results/topics.json``).

    .venv/bin/python models/build_topics.py [--measure]
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DICT_OUT = ROOT / "pipeline" / "data" / "domain_dict.txt"
TABLE_OUT = ROOT / "models" / "translation.json"

# Policy terms of the genre that must stay one word whatever the corpora hold (jieba cuts most of
# them: 营商/环境, 新质/生产力, 专项/债). Kept general — national vocabulary, no local brands.
CORE_TERMS = """
营商环境 新质生产力 专项债 专项债券 地方政府专项债券 隐性债务 化债 债务风险 地方债务 稳岗 稳就业 保就业 扩岗 就业优先
高校毕业生 农民工 零就业家庭 灵活就业 纾困 降本 降本增效 清欠 拖欠账款 拖欠工资 欠薪 根治欠薪 内需 扩大内需 消费升级
以旧换新 新型消费 有效投资 民间投资 专精特新 小巨人 中小微企业 民营企业 个体工商户 市场主体 经营主体 融资难 融资贵
首贷 信用贷 普惠金融 生态环境 生态保护 生态修复 污染防治 蓝天保卫战 碧水保卫战 净土保卫战 大气污染 水污染 土壤污染
人居环境 农村人居环境 双碳 碳达峰 碳中和 节能降碳 新能源 乡村振兴 和美乡村 宜居宜业 高标准农田 粮食安全 耕地保护
撂荒 种业振兴 防止返贫 脱贫攻坚 巩固拓展脱贫攻坚成果 帮扶产业 农村集体经济 村集体经济 城中村 老旧小区 城镇老旧小区改造
保障性住房 保交楼 房地产 城市更新 基础设施 新基建 数字经济 数字化转型 数字政府 一网通办 跨省通办 放管服 数字乡村
智能制造 工业互联网 人工智能 科技创新 创新驱动 研发投入 高新技术企业 科技型中小企业 成果转化 产学研 人才引进 人才队伍
招商引资 产业链 供应链 延链补链强链 链长制 产业集群 先进制造业 现代服务业 文旅融合 全域旅游 夜间经济 县域经济
民营经济 实体经济 对外开放 外贸 外资 稳外贸 跨境电商 一带一路 自贸试验区 养老服务 居家养老 普惠托育 托育服务 一老一小
医疗卫生 分级诊疗 医共体 医联体 家庭医生 公共卫生 健康中国 义务教育 学前教育 职业教育 高等教育 双减 教育公平 大班额
课后服务 产教融合 校企合作 社会保障 基本养老保险 医疗保险 医保基金 最低生活保障 低保 特困供养 困难群众 残疾人
退役军人 安全生产 生产安全事故 自然灾害 防灾减灾 应急管理 应急救援 消防安全 食品安全 药品安全 防汛抗旱 森林防火
风险隐患 平安建设 信访 矛盾纠纷 社会治理 基层治理 网格化 扫黑除恶 电信网络诈骗 意识形态 全面从严治党 党风廉政建设
作风建设 形式主义 官僚主义 基层减负 中央八项规定 政府债务 财政收支 财政收入 过紧日子 三保 土地出让 税收收入
营商环境评价 政务服务 审批 行政审批 统战工作 党外代表人士 民族团结 宗教事务 干部队伍 年轻干部 专业人才 执法队伍
信息化建设 数据共享 信用体系 社会信用体系 知识产权 质量强国 标准化 市场监管 价格监管 特种设备 不动产登记 国土空间规划
历史遗留问题 矿山生态修复 河湖长制 林长制 水土保持 水利工程 农村饮水 供水保障 城乡融合 新型城镇化 户籍制度
有效需求 外部环境 社会预期 市场预期 需求收缩 供给冲击 预期转弱 地方债务风险 金融风险 房地产风险 中小金融机构
堵点 卡点 堵点卡点 服务观念 国内大循环 国内市场 国内外市场 未来产业 理论学习 学用结合
""".split()

TOP = 6  # associations kept per problem word
FLOOR = 0.02  # least p(plan word | problem word) counted
MIN_SOURCE = 5  # problem words seen in fewer pairs/sentences get no equivalents (too few to estimate)
MIN_PAIRS = 3  # an association must be seen ≥ 3 times …
MIN_DOCS = 2  # … in ≥ 2 documents …
MIN_LIFT = 4.0  # … and be ≥ 4× likelier with the problem word than without
MIN_SCORE = 0.08  # least summed p·log(lift) kept
FULL_SCORE = 0.6  # p·log(lift) at which an equivalent gets the full 0.8
SMOOTH = 10  # added to a word's sentence count: a rare word's few contexts are not a certainty
EM_ITERATIONS = 6
SHARED_PER_CLAUSE = 6  # plan sentences paired with a problem clause by shared topic words
# the matcher's alignments and the annotated pairs are cleaner than the shared-word pairs: they
# count this many times in EM
ALIGNED_WEIGHT = 2
TEAM_WEIGHT = 3

_EDGE = set("的了和与及在对是也都还等为将以把被之其而或并从于中上下个一不有要我们这那各每该此所地得到比使让同由很较更最再已就才又给向自着过")
_NUM = set("一二三四五六七八九十百千万亿两零〇")
_VERBAL = frozenset({"v", "vd", "vi", "vq", "a", "ad", "d", "df", "z", "zg", "i"})
_RUN = re.compile(r"[\u4e00-\u9fff]+")
# a run holding one of these is a phrase, not a term (质量和效益, 成为我国…)
_INNER = ("的", "和", "与", "及", "我国", "可以", "必须", "应该", "能够", "成为", "进入", "适当", "提供", "纳入",
          "根据", "按照", "通过", "改变", "显示")


# --------------------------------------------------------------------------- inputs

def corpus_documents(include_team: bool = True) -> list[tuple[str, str, bool]]:
    """(id, text, markdown) of every document: public reports, and optionally seed/annotated/drafts."""
    from zongjie.archive import iter_documents

    inputs = sorted(glob.glob(str(ROOT / "corpora" / "public" / "*" / "*.jsonl")))
    if include_team:
        inputs += [str(ROOT / "corpora" / "seed.txt"), str(ROOT / "corpora" / "annotated"),
                   str(ROOT / "corpora" / "drafts")]
    out = []
    for doc_id, text, meta in iter_documents(inputs, errors="skip"):
        if text:
            out.append((doc_id, text, bool(meta.get("markdown"))))
    out.sort(key=lambda d: d[0])
    return out


def annotated_pairs() -> list[tuple[str, str, str]]:
    """(sidecar name, problem, plan) of every annotated pair of the team's documents."""
    out = []
    for j in sorted(glob.glob(str(ROOT / "corpora" / "*" / "*.json"))):
        try:
            a = json.loads(Path(j).read_text("utf-8"))
        except (OSError, ValueError):
            continue
        for p in (a.get("pairs") or []) if isinstance(a, dict) else []:
            if p.get("problem") and p.get("plan"):
                out.append((Path(j).name, p["problem"], p["plan"]))
    return out


# --------------------------------------------------------------------------- 1. domain terms

def _entropy(c: Counter) -> float:
    n = sum(c.values())
    return -sum(v / n * math.log(v / n) for v in c.values()) if n else 0.0


def _aligned_share(runs: list[str], cand: dict[str, int], cut, max_n: int) -> dict[str, float]:
    """Per candidate, the share of its occurrences whose both ends fall on a boundary of ``cut``
    (jieba's segmentation of the run): a fragment such as 业增加值 (工业/增加值) or 型企业 (新型/企业)
    starts inside a word; a term such as 营商环境 (营商/环境) does not."""
    hit: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for r in runs:
        bounds = {0}
        pos = 0
        for tok in cut(r):
            pos += len(tok)
            bounds.add(pos)
        n_r = len(r)
        for n in range(2, max_n + 1):
            for i in range(n_r - n + 1):
                g = r[i:i + n]
                if g in cand:
                    seen[g] += 1
                    if i in bounds and i + n in bounds:
                        hit[g] += 1
    return {g: hit[g] / seen[g] for g in seen}


def _simplified(g: str) -> bool:
    try:  # traditional characters (國, 經濟) of old scanned reports are not in GB 2312
        g.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def mine_terms(texts: Iterable[str], min_count: int = 8, min_pmi: float = 3.0, min_entropy: float = 1.5,
               max_n: int = 5, known: dict[str, int] | None = None, stop: Iterable[str] = (),
               cut=None, min_aligned: float = 0.7, limit: int = 1500) -> list[tuple[str, int]]:
    """Domain terms of ``texts``: (term, count), most frequent first, ties by the term.

    ``known`` is jieba's dictionary: a term it holds as one word needs no user entry. ``stop``
    words may not open or close a term (加强…, …不足). ``cut`` (jieba's ``cut`` without HMM) keeps
    only terms whose ends are word boundaries in ≥ ``min_aligned`` of their occurrences."""
    runs = [r for t in texts for r in _RUN.findall(t)]
    counts: Counter[str] = Counter()
    for r in runs:
        n_r = len(r)
        for n in range(1, max_n + 1):
            for i in range(n_r - n + 1):
                counts[r[i:i + n]] += 1
    total = sum(v for g, v in counts.items() if len(g) == 1) or 1
    stop_set = set(stop)
    stop_words = sorted(stop_set, key=lambda w: (-len(w), w))
    cand: dict[str, int] = {}
    for g, c in counts.items():
        if len(g) < 2 or c < min_count or g[0] in _EDGE or g[-1] in _EDGE or any(ch in _NUM for ch in g):
            continue
        if any(x in g for x in _INNER):
            continue
        if g in stop_set or (known is not None and known.get(g, 0) > 0) or not _simplified(g):
            continue
        if any(g.startswith(s) or g.endswith(s) for s in stop_words if len(s) < len(g)):
            continue
        pmi = min(math.log(c * total / (counts[g[:k]] * counts[g[k:]])) for k in range(1, len(g)))
        if pmi >= min_pmi:
            cand[g] = c
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    for r in runs:
        n_r = len(r)
        for n in range(2, max_n + 1):
            for i in range(n_r - n + 1):
                g = r[i:i + n]
                if g in cand:
                    left[g][r[i - 1] if i > 0 else "^"] += 1
                    right[g][r[i + n] if i + n < n_r else "$"] += 1
    kept = {g: c for g, c in cand.items()
            if min(_entropy(left[g]), _entropy(right[g])) >= min_entropy}
    if cut is not None:
        share = _aligned_share(runs, kept, cut, max_n)
        kept = {g: c for g, c in kept.items() if share.get(g, 0.0) >= min_aligned}
    # a fragment of a longer term that is (nearly) always inside it is not a term (新质生产 ⊂ 新质生产力)
    out = [(g, c) for g, c in kept.items()
           if not any(len(h) > len(g) and g in h and kh >= 0.8 * c for h, kh in kept.items())]
    out.sort(key=lambda gc: (-gc[1], gc[0]))
    return out[:limit]


def write_dictionary(mined: list[tuple[str, int]], path: Path = DICT_OUT) -> int:
    """``word freq tag`` lines, sorted by word. Core terms get a frequency high enough to beat the
    split jieba would make; mined ones their corpus count (≥ 20)."""
    entries: dict[str, tuple[int, str]] = {}
    for g, c in mined:
        entries[g] = (max(20, c), "n")
    for w in CORE_TERMS:
        entries[w] = (max(entries.get(w, (0, ""))[0], 2000), "nz")
    lines = [f"{w} {f} {t}" for w, (f, t) in sorted(entries.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# --------------------------------------------------------------------------- 2. pairs

_SENT = re.compile(r"[^。；;！？!?\n]+")


def _units(text: str, max_len: int = 120) -> list[str]:
    return [s.strip() for s in _SENT.findall(text) if 6 <= len(s.strip()) <= max_len]


def document_material(docs: list[tuple[str, str, bool]]) -> list[dict]:
    """Per document: aligned (problem, plan item) pairs, problem clauses, plan sentences."""
    import zongjie
    from zongjie.matcher import align, plan_items, problem_statements
    from zongjie.suggest.topics import clauses

    out = []
    for doc_id, text, md in docs:
        doc = zongjie.structure(text, markdown=md)
        probs, plans = problem_statements(doc), plan_items(doc)
        if not probs or not plans:
            continue
        aligned = [(a.problem.text, a.plan.text) for a in align(doc, problems=probs, plans=plans)
                   if a.plan is not None and len(a.problem.text) <= 300]
        cl = sorted({c for p in probs if len(p.text) <= 400 for c in clauses(p.text)})
        units = sorted({u for p in plans for u in _units(p.text)})
        out.append({"id": doc_id, "aligned": aligned, "clauses": cl, "units": units})
    return out


def _idf(material: list[dict]) -> tuple[dict[str, float], float]:
    from zongjie.suggest.topics import topic_words

    df: Counter[str] = Counter()
    n = 0
    for m in material:
        for s in m["clauses"] + m["units"]:
            n += 1
            df.update(set(topic_words(s)))
    idf = {w: round(math.log((n + 1) / (c + 1)) + 1, 2) for w, c in df.items() if c >= 2}
    return idf, round(math.log((n + 1) / 2) + 1, 2)


def _pick(clause_words: list[str], units: list[tuple[str, frozenset[str]]], score, k: int) -> list[str]:
    scored = [(score(clause_words, uw), u) for u, uw in units]
    scored = [(s, u) for s, u in scored if s > 0]
    scored.sort(key=lambda su: (-su[0], su[1]))
    return [u for _, u in scored[:k]]


def training_pairs(material: list[dict], team_pairs: list[tuple[str, str, str]], idf: dict[str, float],
                   generic: frozenset[str], trans: dict[str, dict[str, float]] | None = None
                   ) -> list[tuple[str, list[str], list[str]]]:
    """(document id, problem words, plan words) for EM; with ``trans`` (a first table) also the plan
    sentences that contain a learned equivalent of a clause word without sharing one."""
    from zongjie.suggest.topics import topic_words

    pairs: list[tuple[str, list[str], list[str]]] = []

    def add(doc: str, a: str, b: str, times: int = 1) -> None:
        wa, wb = topic_words(a), topic_words(b)
        if wa and wb:
            pairs.extend([(doc, wa, wb)] * times)

    def shared(cw: list[str], uw: frozenset[str]) -> float:
        return sum(idf.get(w, 1.0) for w in cw if w in uw and w not in generic)

    def learned(cw: list[str], uw: frozenset[str]) -> float:
        if any(w in uw for w in cw if w not in generic):
            return 0.0  # already paired by a shared word
        return sum(max((a for t, a in (trans or {}).get(w, {}).items() if t != w and t in uw), default=0.0)
                   for w in cw)

    for m in material:
        for a, b in m["aligned"]:
            add(m["id"], a, b, ALIGNED_WEIGHT)
        units = [(u, frozenset(topic_words(u))) for u in m["units"]]
        for c in m["clauses"]:
            cw = topic_words(c)
            for u in _pick(cw, units, shared, SHARED_PER_CLAUSE):
                add(m["id"], c, u)
            if trans is not None:
                for u in _pick(cw, units, learned, 2):
                    add(m["id"], c, u)
    for name, a, b in team_pairs:
        add(name, a, b, TEAM_WEIGHT)
    return pairs


# --------------------------------------------------------------------------- 3. IBM Model 1

NULL = "<null>"


def model1(pairs: list[tuple[str, list[str], list[str]]], iterations: int = EM_ITERATIONS
           ) -> dict[str, dict[str, float]]:
    """t(plan word | problem word) by EM; every plan word may also come from NULL (stock words)."""
    t: dict[str, dict[str, float]] = defaultdict(dict)
    targets = sorted({f for _, _, fs in pairs for f in fs})
    uniform = 1.0 / max(1, len(targets))
    for _, es, fs in pairs:
        for e in [NULL, *es]:
            for f in fs:
                t[e][f] = uniform
    for _ in range(iterations):
        count: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for _, es, fs in pairs:
            src = [NULL, *es]
            for f in fs:
                z = sum(t[e][f] for e in src)
                for e in src:
                    count[e][f] += t[e][f] / z
        t = defaultdict(dict)
        for e in sorted(count):
            tot = sum(count[e].values())
            t[e] = {f: c / tot for f, c in count[e].items()}
    return dict(t)


Sentence = tuple[str, list[str]]  # (document id, topic words of one plan sentence)


_ENUM_CLAUSE = re.compile(r"[^，,；;：:。！？!?]+")
MAX_SIBLING_SHARE = 0.3  # an association seen mostly between items of one 、-list is not an answer


def siblings(units: Iterable[str]) -> Counter[tuple[str, str]]:
    """How often two words stand in different items of one ``、``-list (教育、医疗、养老): listed side by
    side they are different topics, so neither answers the other."""
    from zongjie.suggest.topics import topic_words

    out: Counter[tuple[str, str]] = Counter()
    for u in units:
        for clause in _ENUM_CLAUSE.findall(u):
            items = clause.split("、")
            if len(items) < 2:
                continue
            # the last item carries the list's shared head (…、农民工等重点群体就业; 教育、医疗资源):
            # only its first word is an item of the list
            last = topic_words(items[-1].split("等")[0])[:1]
            words = [set(topic_words(it)) for it in items[:-1]] + [set(last)]
            pairs = {(a, b) for i, wa in enumerate(words) for j, wb in enumerate(words) if i != j
                     for a in wa for b in wb if a != b}
            out.update(pairs)
    return out


def associations(pairs: list[tuple[str, list[str], list[str]]], t: dict[str, dict[str, float]],
                 sentences: Sequence[Sentence] = (), exclude: frozenset[str] = frozenset(),
                 sibling: Counter[tuple[str, str]] | None = None) -> dict[str, list[tuple[str, float]]]:
    """Per problem word e, the plan words f that answer it, with a weight in (0, 0.8].

    Evidence is summed from two estimates, each ``p·log(lift)`` with the same floors
    (≥ ``MIN_PAIRS`` co-occurrences in ≥ ``MIN_DOCS`` documents, lift ≥ ``MIN_LIFT``):
    (1) the pairs, with p = t(f|e) of IBM Model 1 (NULL takes the stock words every plan uses);
    (2) the plan sentences of the archive that contain e, with p = the share of them that also
    contain f (smoothed: ``SMOOTH`` is added to their number) — the plan-side context of a topic (债务 → 化债, 存量; 就业 → 稳岗, 高校毕业生). It
    is what makes the table cover words that few problem statements of the archive use.
    ``exclude`` (generic and stock words) are never equivalents; an equivalent never weighs as
    much as the word itself (0.8 at most). ``sibling`` counts (:func:`siblings`) remove the pairs
    that co-occur mostly as items of one list (养老 and 医疗 are neighbours, not answers)."""
    score: dict[str, Counter[str]] = defaultdict(Counter)
    co_sent: Counter[tuple[str, str]] = Counter()
    for _, ws in sentences:
        ws_set = set(ws) - exclude
        for e in ws_set:
            for f in ws_set:
                if e != f:
                    co_sent[(e, f)] += 1

    def collect(items: Iterable[tuple[str, list[str], list[str]]], prob) -> None:
        n_e: Counter[str] = Counter()
        df: Counter[str] = Counter()
        n_ef: Counter[tuple[str, str]] = Counter()
        docs: dict[tuple[str, str], set[str]] = defaultdict(set)
        n = 0
        for d, es, fs in items:
            n += 1
            es_set, fs_set = set(es) - exclude, set(fs) - exclude
            n_e.update(es_set)
            df.update(fs_set)
            for e in es_set:
                for f in fs_set:
                    if f != e:
                        n_ef[(e, f)] += 1
                        docs[(e, f)].add(d)
        for (e, f), c in n_ef.items():
            if c < MIN_PAIRS or len(docs[(e, f)]) < MIN_DOCS or n_e[e] < MIN_SOURCE:
                continue
            p = prob(e, f, c, n_e[e])
            if p >= FLOOR:
                lift = (c / n_e[e]) / (df[f] / n)
                if lift >= MIN_LIFT:
                    score[e][f] += p * math.log(lift)

    collect(pairs, lambda e, f, c, ne: t.get(e, {}).get(f, 0.0))
    collect(((d, ws, ws) for d, ws in sentences), lambda e, f, c, ne: c / (ne + SMOOTH))
    out: dict[str, list[tuple[str, float]]] = {}
    sib = sibling or Counter()
    for e in sorted(score):
        kept = sorted(((f, v) for f, v in score[e].items() if v >= MIN_SCORE
                       and sib[(e, f)] <= MAX_SIBLING_SHARE * max(1, co_sent[(e, f)])),
                      key=lambda fv: (-fv[1], fv[0]))
        if kept:
            out[e] = [(f, round(min(0.8, 0.8 * math.sqrt(v / FULL_SCORE)), 3)) for f, v in kept[:TOP]]
    return out


def learn_table(pairs: list[tuple[str, list[str], list[str]]], sentences: Sequence[Sentence] = (),
                exclude: frozenset[str] = frozenset(), sibling: Counter[tuple[str, str]] | None = None
                ) -> dict[str, list[tuple[str, float]]]:
    """Model 1 + the association step: the whole learning, pure (for the determinism test)."""
    return associations(pairs, model1(sorted(pairs)), sorted(sentences), exclude, sibling)


# --------------------------------------------------------------------------- build

def _reset_topics() -> None:
    """Forget the tokenizer and caches of topics.py (after the dictionary was rewritten)."""
    from zongjie.suggest import topics

    topics._TOKENIZER = None
    for f in (topics._words, topics._tokens, topics._tagged, topics.qualifiers, topics._clause_profile,
              topics._candidate_profile, topics.table, topics.stopterms):
        f.cache_clear()


def verbal_words(material: list[dict], min_problem_df: int = 5) -> frozenset[str]:
    """Verbs and adjectives (jieba's tags) that are not problem topics themselves: never offered as
    an equivalent — an action (改善, 遏制) answers any topic, so it cannot vouch for one. A verb
    that problem statements name as their topic (就业, 消费: ≥ ``min_problem_df`` clauses) stays."""
    from zongjie.suggest.topics import tokenizer, topic_words

    seg = tokenizer()
    problem_df: Counter[str] = Counter()
    words: set[str] = set()
    for m in material:
        for c in m["clauses"]:
            problem_df.update(set(topic_words(c)))
        for u in m["units"]:
            words.update(topic_words(u))
    return frozenset(w for w in words if seg.word_tag(w, "n") in _VERBAL and problem_df[w] < min_problem_df)


def build_table(docs: list[tuple[str, str, bool]], team: list[tuple[str, str, str]]) -> dict:
    from zongjie.suggest.topics import stopterms, topic_words

    st = stopterms()
    generic = st["generic"]
    exclude = generic | st["stop"]
    material = document_material(docs)
    idf, default_idf = _idf(material)
    sentences = [(m["id"], topic_words(u)) for m in material for u in m["units"]]
    exclude = exclude | verbal_words(material)
    sib = siblings(u for m in material for u in m["units"])
    first = learn_table(training_pairs(material, team, idf, generic), sentences, exclude, sib)
    trans1 = {e: dict(a) for e, a in first.items()}
    pairs = training_pairs(material, team, idf, generic, trans=trans1)
    table = learn_table(pairs, sentences, exclude, sib)
    return {
        "format": "zongjie-topic-translation", "version": 1,
        "built_by": "models/build_topics.py",
        "params": {"em_iterations": EM_ITERATIONS, "top": TOP, "floor": FLOOR, "min_docs": MIN_DOCS,
                   "min_pairs": MIN_PAIRS, "min_lift": MIN_LIFT, "min_source": MIN_SOURCE,
                   "min_score": MIN_SCORE, "full_score": FULL_SCORE, "smooth": SMOOTH,
                   "max_sibling_share": MAX_SIBLING_SHARE,
                   "shared_per_clause": SHARED_PER_CLAUSE, "aligned_weight": ALIGNED_WEIGHT,
                   "team_weight": TEAM_WEIGHT, "documents": len(material), "pairs": len(pairs),
                   "plan_sentences": len(sentences), "default_idf": default_idf},
        "idf": dict(sorted(idf.items())),
        "table": {e: [[f, a] for f, a in assoc] for e, assoc in sorted(table.items())},
    }


def write_table(data: dict, path: Path = TABLE_OUT) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def build(include_team: bool = True, table_path: Path = TABLE_OUT, rebuild_dict: bool = True) -> dict:
    import jieba
    from zongjie.suggest.topics import stopterms

    docs = corpus_documents(include_team=True)
    if rebuild_dict:  # the dictionary is tokenisation only: mined from every corpus
        st = stopterms()
        jieba.setLogLevel(60)
        jieba.dt.check_initialized()
        stop = st["stop"] - st["deficiency"] | {w for w in st["deficiency"] if len(w) >= 2}
        mined = mine_terms([t for _, t, _ in docs], known=jieba.dt.FREQ, stop=stop,
                           cut=lambda r: jieba.dt.cut(r, HMM=False))
        n = write_dictionary(mined)
        print(f"domain_dict.txt: {n} entries ({len(mined)} mined)", file=sys.stderr)
    _reset_topics()
    if not include_team:
        docs = corpus_documents(include_team=False)
    team = annotated_pairs() if include_team else []
    data = build_table(docs, team)
    write_table(data, table_path)
    _reset_topics()
    print(f"{table_path.name}: {len(data['table'])} problem words, {data['params']['pairs']} pairs, "
          f"{table_path.stat().st_size // 1024} KB", file=sys.stderr)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--measure", action="store_true", help="also write bench/results/topics.json")
    ap.add_argument("--no-dict", action="store_true", help="keep the current domain_dict.txt")
    args = ap.parse_args()
    t0 = time.perf_counter()
    build(rebuild_dict=not args.no_dict)
    print(f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.measure:
        from zongjie.models.measure_topics import measure

        measure()


if __name__ == "__main__":
    main()
