"""Blind judging of ``problem-without-plan`` on government work reports (issue 13).

The rule is off for government reports by default (``[options.problem-without-plan]
government-reports``): their problems paragraph is a formula the plan answers as a whole. The
issue asks to measure its precision there on a judged sample and switch it on if it is ≥ 0.9.

``items``
    Checks every government work report of ``corpora/public`` with the option on and makes one
    item per statement the matcher leaves unanswered (the findings of the rule before
    ``owned_problem`` filtered them): the report's title, the flagged statement with a
    sentence of context either side, and a pool of up to ``POOL`` sentences from the rest of the
    report (after the statement) that could answer it, best first by the matcher's
    ``similarity`` — the reviewer judges whether any of them does. Items are shuffled (seeded);
    ``key.json`` keeps which item is which finding and whether ``zongjie.suggest.owned_problem``
    (the stricter test for government reports) keeps it. Nothing in ``items.md`` says which.

``score``
    Reads ``verdicts_<reviewer>.jsonl`` (one ``{"item", "verdict", "answer", "note"}`` per line;
    verdict ``N`` not a problem the plan should answer, ``A`` answered by pool sentence
    ``answer``, ``U`` a problem nothing in the pool answers) and writes ``score.json``: the
    precision (share ``U``) of every finding and of the findings ``owned_problem`` keeps, per
    reviewer, their mean and where both agree, with Cohen's kappa.

    .venv/bin/python bench/judge_pwp.py items --seed 7 --release NAME
    .venv/bin/python bench/judge_pwp.py score --dir bench/results/judge_pwp/NAME
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from judge_suggest import PUBLIC_DIR, cohen_kappa, context, load_reports  # noqa: E402

RESULTS_DIR = ROOT / "bench" / "results" / "judge_pwp"
POOL = 8  # sentences shown per finding
SHOWN = 120  # characters of a pool sentence shown
MIN_SENTENCE = 8
VERDICTS = ("N", "A", "U")
_RE_SENTENCE = re.compile(r"[^。；;！？!?\n]+")

INSTRUCTIONS = """# 审读说明：政府工作报告“问题无对应措施”提示

每一条（item）来自一份政府工作报告。检查工具认为报告“存在的问题”部分里的这句话**在后文计划部分
没有对应的措施**，给出了提示。请判断这条提示是否成立。

每条给出：报告标题；被提示的句子（【】内），前后各约一句上下文；以及从报告后文中找出的、与它最接近的
至多 8 个句子（过长的句子截断，以“…”结尾）（编号 1…）。

请给出一个判断：

- **N**：这句话不是一个需要计划逐条回应的问题——比如说的是国际环境、世界经济，是引出下文的概括
  （“还存在一些困难和问题”）、表态、决心、号召、叙述，或过于笼统，审稿人不会要求为它单写一条措施。
- **A**：是一个问题，且所列句子中至少有一句是回应它的措施（写出最贴切的一句的编号）。
- **U**：是一个问题，而所列句子中没有一句回应它——提示成立，审稿人会要求补上措施。

只看所列句子判断 A/U，不要凭对报告的记忆。每条写一行 JSON 到 `verdicts_<你的代号>.jsonl`：

    {"item": "F07", "verdict": "A", "answer": 3, "note": "第3句“坚决整治形式主义”回应了该问题"}

`answer` 仅在 A 时填编号，其余填 null；`note` 用一句话说明理由。
"""


def _sentences(text: str, start: int) -> list[str]:
    return [m.group(0).strip() for m in _RE_SENTENCE.finditer(text, start)
            if len(m.group(0).strip()) >= MIN_SENTENCE]


def _rule_weighs(doc: Any) -> bool:
    """The rule's own preconditions: a problems part and a plans part with something in it."""
    from zongjie.matcher import plan_items

    roles = {n.role for n in doc.walk() if n.kind != "appendix"}
    return {"plans", "problems"} <= roles and bool(plan_items(doc))


def cmd_items(a: argparse.Namespace) -> int:
    from zongjie.checker import check_text
    from zongjie.checker.config import from_dict
    from zongjie.matcher import aligned, similarity
    from zongjie.suggest import owned_problem

    cfg = from_dict({"options": {"problem-without-plan": {"government-reports": True}}})
    findings: list[dict[str, Any]] = []
    for r in load_reports(Path(a.public)):
        if r.group not in ("national", "provincial"):
            continue
        doc = check_text(r.text, file=r.id, markdown=False, config=cfg)
        if doc.template != "government-work-report":
            continue
        # every statement the rule weighs (it ran: the report has problems and plans), with the
        # matcher's verdict alone — the rule itself now keeps only those `owned_problem` passes
        if not _rule_weighs(doc):
            continue
        for al in aligned(doc):
            if al.plan is not None:
                continue
            f = al.problem
            stmt = r.text[f.start:f.end]
            pool = sorted(((similarity(stmt, s), s) for s in _sentences(r.text, f.end)), key=lambda x: -x[0])
            before, after = context(r.text, f.start, f.end)
            findings.append({"doc": r.id, "title": r.title, "start": f.start, "end": f.end, "text": stmt,
                             "before": before, "after": after, "owned": owned_problem(stmt),
                             "pool": [s if len(s) <= SHOWN else s[:SHOWN] + "…" for sc, s in pool[:POOL] if sc > 0]})
    random.Random(a.seed).shuffle(findings)
    out = RESULTS_DIR / a.release
    out.mkdir(parents=True, exist_ok=True)
    lines = ["# 条目", ""]
    key: dict[str, Any] = {}
    for i, f in enumerate(findings, 1):
        iid = f"F{i:02d}"
        key[iid] = {k: f[k] for k in ("doc", "start", "end", "text", "owned")}
        lines += [f"## {iid}　{f['title']}", "", f"{f['before']}【{f['text']}】{f['after']}", ""]
        lines += [f"{j}. {s}" for j, s in enumerate(f["pool"], 1)] or ["（后文没有相近的句子）"]
        lines.append("")
    (out / "items.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "instructions.md").write_text(INSTRUCTIONS, encoding="utf-8")
    (out / "key.json").write_text(json.dumps({"seed": a.seed, "items": key}, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    print(f"{len(findings)} findings ({sum(f['owned'] for f in findings)} kept by owned_problem) -> {out}")
    return 0


def load_verdicts(folder: Path, key: dict[str, Any]) -> dict[str, dict[str, str]]:
    """``{reviewer: {item: verdict}}``; every item of the key judged once, with a valid verdict."""
    out: dict[str, dict[str, str]] = {}
    for f in sorted(folder.glob("verdicts_*.jsonl")):
        who = f.stem.removeprefix("verdicts_")
        got: dict[str, str] = {}
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            v = json.loads(line)
            if v["item"] not in key or v["item"] in got or v["verdict"] not in VERDICTS:
                raise SystemExit(f"{f.name}:{n}: bad or repeated item/verdict: {line[:80]}")
            got[v["item"]] = v["verdict"]
        if set(got) != set(key):
            raise SystemExit(f"{f.name}: {len(set(key) - set(got))} items not judged")
        out[who] = got
    if len(out) < 2:
        raise SystemExit(f"{folder}: two reviewers' verdicts are needed, found {len(out)}")
    return out


def _precision(verdicts: dict[str, dict[str, str]], items: list[str]) -> dict[str, Any]:
    who = sorted(verdicts)
    per = {w: sum(verdicts[w][i] == "U" for i in items) / len(items) for w in who} if items else {}
    both = sum(all(verdicts[w][i] == "U" for w in who) for i in items)
    counts = {w: {v: sum(verdicts[w][i] == v for i in items) for v in VERDICTS} for w in who}
    return {"findings": len(items), "precision": {w: round(p, 4) for w, p in per.items()},
            "precision_mean": round(sum(per.values()) / len(per), 4) if per else None,
            "precision_both": round(both / len(items), 4) if items else None, "verdicts": counts}


def score(folder: Path) -> dict[str, Any]:
    """The precisions of a judged folder (``key.json`` and two reviewers' verdicts)."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))["items"]
    verdicts = load_verdicts(folder, key)
    items = sorted(key)
    owned = [i for i in items if key[i]["owned"]]
    who = sorted(verdicts)
    kap = cohen_kappa([verdicts[who[0]][i] for i in items], [verdicts[who[1]][i] for i in items])
    res = {"reviewers": who, "all": _precision(verdicts, items), "owned_problem": _precision(verdicts, owned),
           "kappa": round(kap, 4) if kap is not None else None,
           "agreement": round(sum(verdicts[who[0]][i] == verdicts[who[1]][i] for i in items) / len(items), 4)}
    return res


def cmd_score(a: argparse.Namespace) -> int:
    folder = Path(a.dir)
    res = score(folder)
    (folder / "score.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    it = sub.add_parser("items")
    it.add_argument("--seed", type=int, default=7)
    it.add_argument("--release", required=True)
    it.add_argument("--public", default=str(PUBLIC_DIR))
    sc = sub.add_parser("score")
    sc.add_argument("--dir", required=True)
    a = ap.parse_args(argv)
    return cmd_items(a) if a.cmd == "items" else cmd_score(a)


if __name__ == "__main__":
    raise SystemExit(main())
