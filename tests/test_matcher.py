"""zongjie.matcher: problem statements, plan items, similarity and alignment."""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import zongjie
from hypothesis import given, settings
from hypothesis import strategies as st
from zongjie.matcher import Alignment, Statement, align, plan_items, problem_statements, similarity

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"
SEED = CORPORA_DIR / "seed.txt"


def _seed_doc():
    return zongjie.structure(SEED.read_text("utf-8"))


def _check_offsets(doc, stmts):
    for s in stmts:
        assert isinstance(s, Statement)
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip(" \n，。；")


def test_import_is_light():
    code = ("import sys, zongjie.matcher; "
            "bad = [m for m in ('numpy', 'sklearn', 'jieba', 'scipy', 'torch') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_seed_problems_are_the_six_items():
    doc = _seed_doc()
    probs = problem_statements(doc)
    _check_offsets(doc, probs)
    assert len(probs) == 6
    assert all(p.role == "problems" and p.kind == "item" for p in probs)
    assert probs[0].text.startswith("统战对象的思想")
    assert probs[1].text == "团结、凝聚和引领党外代表人士的手段还不多"
    assert probs[4].text.startswith("统战干部的能力素质仍是短板")
    assert not any("主要表现在" in p.text for p in probs)


def test_seed_plan_items():
    doc = _seed_doc()
    items = plan_items(doc)
    _check_offsets(doc, items)
    sections = [p for p in items if p.kind == "section"]
    assert len(sections) == 6
    # a sub-section item is its heading and body, without the marker
    assert [s.text[:4] for s in sections] == ["全面贯彻", "大力打造", "着力推进", "有力促进", "致力拓宽", "奋力做好"]
    assert all(doc.text[s.start - 3:s.start] in ("（一）（二）（三）（四）（五）（六）") for s in sections)
    assert items[0].text.startswith("下一步，我们将")  # the intro paragraph is a plan item too
    assert not any(p.text == "下一步工作计划" for p in items)  # a part heading is not an item


def test_seed_alignment():
    doc = _seed_doc()
    al = align(doc)
    assert len(al) == 6
    assert all(isinstance(a, Alignment) for a in al)
    by = {a.problem.text[:6]: a for a in al}
    assert by["团结、凝聚和"].plan.text.startswith("奋力做好党外知识分子")  # 党外代表人士
    assert by["统战对象的思"].plan.text.startswith(("全面贯彻落实党的二十大", "奋力做好"))  # 凝聚人心
    assert by["新形势下统战"].plan.text.startswith("下一步")  # 守正创新 → the intro
    assert by["大统战工作格"].plan.text.startswith("下一步")
    # No plan item of the seed is about 意识形态责任制 or 基层宗教治理 as such: below threshold.
    assert by["落实意识形态"].plan is None and by["落实意识形态"].candidates
    for a in al:
        assert 0.0 <= a.score <= 1.0
        if a.plan is not None:
            assert a.candidates[0][0] is a.plan and a.score >= 0.12
        assert [c[1] for c in a.candidates] == sorted((c[1] for c in a.candidates), reverse=True)


def test_threshold_leaves_problems_unaddressed():
    doc = _seed_doc()
    al = align(doc, threshold=0.99)
    assert all(a.plan is None for a in al)
    assert all(a.candidates for a in al)


def _problems_of(text: str):
    """The outline of ``text`` and its problem statements, their offsets checked."""
    doc = zongjie.structure(text)
    probs = problem_statements(doc)
    _check_offsets(doc, probs)
    return doc, probs


def test_implicit_problem_paragraph():
    text = ("某县2023年工作总结\n一、工作回顾\n全年完成固定资产投资12亿元，新建道路20公里。\n"
            "在肯定成绩的同时，我们也清醒认识到，工作中还存在一些问题和不足：产业结构较为单一，"
            "龙头企业带动能力不强；城乡基础设施欠账较多；部分干部担当意识不强。对于这些问题，"
            "我们将采取有效措施认真加以解决。\n"
            "二、2024年工作计划\n（一）做强特色产业。引进农产品精深加工企业，培育龙头企业。\n"
            "（二）补齐基础设施短板。实施一批城乡道路、供水项目。\n"
            "（三）锤炼干部作风。开展干部担当作为专题培训，以考核倒逼干部担当。\n")
    doc, probs = _problems_of(text)
    assert [p.text for p in probs] == ["产业结构较为单一，龙头企业带动能力不强", "城乡基础设施欠账较多",
                                       "部分干部担当意识不强"]
    al = align(doc)
    assert [a.plan.text[:4] if a.plan else None for a in al] == ["做强特色", "补齐基础", "锤炼干部"]


def test_opener_sentence_alone_is_not_a_problem():
    """A sentence that only announces the problems (an opener ending the sentence) is no problem
    statement itself; the items after it are."""
    text = ("某局2023年工作总结\n一、工作成效\n全年办理事项120件。\n二、存在的问题\n"
            "在肯定成绩的同时，我们也清醒地看到工作中存在的一些问题。\n"
            "一是人员力量不足。二是信息化水平不高。\n"
            "三、2024年工作计划\n（一）充实人员力量。\n（二）推进信息化建设。\n")
    doc, probs = _problems_of(text)
    assert not any("肯定成绩" in p.text for p in probs)
    assert any("人员力量不足" in p.text for p in probs)
    assert all(a.plan is not None for a in align(doc))


def test_government_report_clauses():
    path = CORPORA_DIR / "public/cn-provincial-gwr-2026/provincial_gov_work_reports_2026.jsonl"
    with open(path, encoding="utf-8") as fh:
        rec = json.loads(fh.readline())
    doc = zongjie.structure(rec["text"])
    probs = problem_statements(doc)
    _check_offsets(doc, probs)
    assert len(probs) >= 4
    joined = "".join(p.text for p in probs)
    assert "清醒认识到" not in joined and "对于这些问题" not in joined
    items = plan_items(doc)
    _check_offsets(doc, items)
    assert len(items) > 20
    for a in align(doc):
        assert a.plan is None or a.plan in items


def test_similarity_properties():
    a = "社区工作者队伍年龄结构偏大，专业化水平有待提高"
    good = "面向社会招录年轻化、专业化社区工作者，优化队伍年龄结构"
    bad = "加快推进城北九年一贯制学校建设"
    assert similarity(a, a) > 0.8
    assert similarity(a, good) > similarity(a, bad)
    assert similarity(a, bad) < 0.1
    for x, y in ((a, good), (a, ""), ("", a), ("还不够", "进一步")):
        assert 0.0 <= similarity(x, y) <= 1.0


def _annotated():
    files = sorted(glob.glob(str(ROOT / "corpora/annotated/*.json")) + glob.glob(str(ROOT / "corpora/drafts/*.json")))
    out = []
    for j in files:
        a = json.loads(Path(j).read_text("utf-8"))
        f = os.path.join(os.path.dirname(j), a.get("file", ""))
        if a.get("pairs") and os.path.exists(f) and f.endswith((".txt", ".md")):
            out.append((f, a["pairs"]))
    return out


def test_annotated_pairs_accuracy():
    docs = _annotated()
    assert docs, "the annotated corpus has problem/plan pairs"
    from zongjie.reader import read_file

    ok = total = 0
    for f, pairs in docs:
        src = read_file(f)
        doc = zongjie.structure(src.text, file=f, markdown=src.markdown)
        _check_offsets(doc, problem_statements(doc))
        _check_offsets(doc, plan_items(doc))
        al = align(doc)
        for p in pairs:
            ps = doc.text.find(p["problem"])
            qs = doc.text.find(p["plan"])
            if ps < 0 or qs < 0:
                continue
            total += 1
            hit = [a for a in al if a.problem.start < ps + len(p["problem"]) and ps < a.problem.end]
            if hit and hit[0].plan and hit[0].plan.start < qs + len(p["plan"]) and qs < hit[0].plan.end:
                ok += 1
    assert total and ok / total >= 0.8, (ok, total)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["一、工作回顾\n", "二、存在的问题\n", "三、下一步工作计划\n", "（一）加强队伍建设。",
                                 "一是", "二是", "还不够；", "覆盖面不广。", "下一步，我们将", "——", "\n",
                                 "主要表现在：", "对于这些问题，", "干部能力不强", "。", "；", "统战工作"]),
                max_size=30))
def test_offsets_on_arbitrary_text(parts):
    doc = zongjie.structure("".join(parts))
    _check_offsets(doc, problem_statements(doc))
    _check_offsets(doc, plan_items(doc))
    for a in align(doc):
        assert 0.0 <= a.score <= 1.0


def _run_coverage_reference(a: str, b: str) -> float:
    """``matcher._run_coverage`` as first written: every term searched in ``b``, one run at a time."""
    from zongjie.matcher import _fold_cached, topic_terms

    fb = _fold_cached(b)
    num = den = 0.0
    for c in topic_terms(a):
        n = len(c)
        best = n if c in fb else 0
        for i in range(n - 1):
            if best >= n - i:
                break
            j = i + (best if best > 1 else 1) + 1
            while j <= n and c[i:j] in fb:
                best = j - i
                j += 1
        num += best - 1 if best > 1 else 0
        den += n - 1
    return num / den if den else 0.0


def test_run_coverage_equals_searching_every_term():
    """The bigram shortcut of ``_run_coverage`` gives the same floats on every problem × plan pair
    of a few national reports (terms with no, one and several runs of common bigrams)."""
    from zongjie.matcher import _run_coverage

    path = CORPORA_DIR / "public" / "cn-political-corpora" / "national_gov_work_reports.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()[-4:]]
    pairs = 0
    for text in texts:
        doc = zongjie.structure(text)
        probs, items = problem_statements(doc), plan_items(doc)
        for p in probs:
            for q in items:
                assert _run_coverage(p.text, q.text) == _run_coverage_reference(p.text, q.text)
                pairs += 1
    extra = [("社区工作者队伍年龄结构偏大", "优化社区工作者队伍年龄结构"), ("营商环境", "营商环境"),
             ("营商环境有待优化", "营商"), ("营商环境", "环境营商"), ("ab", "abc"), ("", "x")]
    for a, b in extra:
        assert _run_coverage(a, b) == _run_coverage_reference(a, b)
    assert pairs > 1000
