"""Blind judging of the suggestions (issue 13).

Three subcommands:

``items``
    Draw N problem statements at random (seeded; at most 2 per report, none under 8 characters,
    national and provincial reports both present) from the public reports in ``corpora/public``
    and get the top-3 of three systems, leave-one-out (nothing of the problem's own report):

    * **current** — this checkout's ``zongjie.suggest.suggest(doc, exclude_docs=[report id])``;
    * **lookup** — the nearest-sentence baseline: the plan sentences (8–80 characters) of all
      *other* public reports whose character-bigram sets best match the problem's (Jaccard);
    * **previous** — the previous release (``--previous-rev``, default ``58e59bb``, top-level
      package ``pipeline``), checked out with ``git worktree add`` into a temporary directory and
      run in one subprocess.

    Writes ``items.md`` (two unlabelled lists 甲/乙 per item, in random order; the two comparisons
    of a problem are separate items, shuffled through the file; no system names; an item whose two
    lists are identical is left out and scored as a tie — see ``build_items``), ``key.json``
    (which list is which system), ``systems.json`` (raw top-3 of each system), ``meta.json``
    (timings, revisions) and ``instructions.md`` for the reviewers.

``score``
    Validates every ``verdicts_<reviewer>.jsonl`` of a folder against ``key.json`` and prints and
    writes ``score.json``: usable rates, wins against both opponents, inter-reviewer agreement.

``audit``
    Automatic checks on every problem statement of every public report (current version,
    leave-one-out): empty lists, section markers, near-duplicates, overlong suggestions,
    suggestions that read as problems, suggestions naming another place. Writes ``audit.json``.

    .venv/bin/python bench/judge_suggest.py items --n 64 --seed 13 --release NAME
    .venv/bin/python bench/judge_suggest.py score --dir bench/results/judge/NAME
    .venv/bin/python bench/judge_suggest.py audit --release NAME
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_DIR = ROOT / "corpora" / "public"
# the team's own documents (department and unit summaries, 述职报告, a county report): the genre most
# users write, drawn from with ``items --corpus team``; ids are repository paths, as in the index
TEAM_DIRS = (ROOT / "corpora" / "annotated", ROOT / "corpora" / "drafts")
RESULTS_DIR = ROOT / "bench" / "results" / "judge"

SYSTEMS = ("current", "lookup", "previous")
OPPONENTS = ("lookup", "previous")
LABELS = ("甲", "乙")
WINNERS = ("甲", "乙", "tie")
EMPTY = "（无建议）"
TOP = 3
MIN_PROBLEM_CHARS = 8
PER_REPORT = 2
DEFAULT_PREVIOUS = "58e59bb"
# The lookup's sentence window: shorter pieces are fragments (`加快发展`), longer ones are
# paragraphs no one would paste as one plan item.
LOOKUP_MIN, LOOKUP_MAX = 8, 80
DUP_JACCARD = 0.8
LONG_CHARS = 60
EXAMPLES = 10

# Words that would tell a reviewer which list is which; items.md must contain none of them.
REVEALING = ("current", "lookup", "previous", "baseline", "rewrite", "index:", "model:")


# --------------------------------------------------------------------------- reports and problems

@dataclass
class Report:
    id: str
    title: str
    year: int | None
    text: str

    @property
    def group(self) -> str:
        """Level of the report: reviewers judge suggestions for *this* place and level."""
        if self.id.startswith("corpora/"):
            return "team"
        if self.id.startswith("cn-gwr-prov"):
            return "provincial"
        if self.id.startswith("cn-gwr-national"):
            return "national"
        if self.id.startswith("cpc-congress"):
            return "party"
        return "other"

    @property
    def setting(self) -> str:
        if self.group == "provincial":
            place = re.sub(r"\d{4}年|人民政府工作报告|政府工作报告", "", self.title).strip() or self.title
            return f"省级：{place}"
        if self.group == "national":
            return "全国：国务院政府工作报告"
        if self.group == "party":
            return "全国：党的全国代表大会报告"
        if self.group == "team":
            return f"本单位：{self.title}"
        return "其他"


@dataclass
class Problem:
    pid: str
    doc: str
    title: str
    year: int | None
    setting: str
    text: str
    start: int
    end: int
    before: str
    after: str


# Both groups must be present so that "this place/level" is judged at both levels (issue 13).
REQUIRED_GROUPS = ("national", "provincial")


def load_reports(root: Path = PUBLIC_DIR) -> list[Report]:
    out = []
    for f in sorted(root.glob("*/*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    title = r.get("title") or r["id"]
                    out.append(Report(r["id"], title, r.get("year"), titled(title, r["text"])))
    return out


def load_team_reports(dirs: Sequence[Path] = TEAM_DIRS) -> list[Report]:
    """The team's documents read as the index build reads them (``zongjie.archive.iter_documents``:
    GBK and .docx included, the same files), id = repository path as in the index."""
    import zongjie
    from zongjie.archive import iter_documents

    out = []
    for d in dirs:
        for doc_id, text, meta in iter_documents([d], errors="skip"):
            t = zongjie.structure(str(text), markdown=bool(meta.get("markdown"))).title
            title = t.text.strip() if t and t.text.strip() else Path(doc_id).stem
            out.append(Report((d / doc_id).relative_to(ROOT).as_posix(), title,
                              (t.plan_year or t.summary_year) if t else None, str(text)))
    return out


def titled(title: str, text: str) -> str:
    """The report as a user's document holds it: its title line first (the corpus keeps the title
    apart). The engine reads genre, level and year from it — a national report must not be offered
    a province's programme, nor a 1984 report the measures of 2024. Every system sees this text."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return text if first == title.strip() else f"{title.strip()}\n\n{text}"


_RE_SENT_END = re.compile(r"[。！？!?\n]")
# A sentence with its run of terminators, or a run of terminators alone.
_RE_PIECE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*|[。！？!?\n]+")


def context(text: str, start: int, end: int, width: int = 100) -> tuple[str, str]:
    """About one sentence either side of ``text[start:end]``: the previous sentence plus the
    problem's own sentence up to it, and the rest of that sentence plus the next one — enough to
    see the opener (`在肯定成绩的同时…`) and what the report says next, cut to ``width`` characters."""
    head = [m.group(0) for m in _RE_PIECE.finditer(text[max(0, start - 400):start])]
    before = ""
    if head and not _RE_SENT_END.match(head[-1][-1]):
        before = head.pop()
    while head and not head[-1].strip(" \t\u3000\n。！？!?"):
        head.pop()
    if head:
        before = head[-1] + before
    tail = [m.group(0) for m in _RE_PIECE.finditer(text[end:end + 400])]
    before = before.lstrip()
    after = "".join(tail[:2]).rstrip()
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return before, after


def report_group(rid: str) -> str:
    return Report(rid, "", None, "").group


def draw(problems: dict[str, list[Any]], reports: dict[str, Report], n: int, seed: int,
         per_report: int = PER_REPORT, min_chars: int = MIN_PROBLEM_CHARS,
         required: Sequence[str] = REQUIRED_GROUPS) -> list[Problem]:
    """``n`` problem statements at random, at most ``per_report`` per report.

    ``problems`` maps a report id to its statements (objects with ``text``, ``start``, ``end``).
    Sampling is over statements (a report with many problems is likelier to be drawn) but capped
    per report so that no single report dominates the verdicts.
    """
    rng = random.Random(seed)
    pool = [(rid, st) for rid in sorted(problems) for st in problems[rid]
            if len(st.text.strip()) >= min_chars]
    rng.shuffle(pool)
    chosen: list[tuple[str, Any]] = []
    per: Counter[str] = Counter()
    taken: set[tuple[str, int]] = set()

    def take(rid: str, st: Any) -> None:
        chosen.append((rid, st))
        per[rid] += 1
        taken.add((rid, st.start))

    for grp in required:
        hit = next(((rid, st) for rid, st in pool if report_group(rid) == grp), None)
        if hit is None:
            raise ValueError(f"no problem statement of ≥ {min_chars} characters in any {grp} report")
        take(*hit)
    for rid, st in pool:
        if len(chosen) >= n:
            break
        if (rid, st.start) not in taken and per[rid] < per_report:
            take(rid, st)
    if len(chosen) < n:
        raise ValueError(f"only {len(chosen)} problem statements can be drawn (asked for {n})")
    chosen = chosen[:n]
    rng.shuffle(chosen)  # the forced picks must not sit at a known place
    out = []
    width = max(2, len(str(n)))
    for i, (rid, st) in enumerate(chosen, 1):
        r = reports[rid]
        before, after = context(r.text, st.start, st.end)
        out.append(Problem(f"P{i:0{width}d}", rid, r.title, r.year, r.setting, st.text, st.start, st.end,
                           before, after))
    return out


def differing(pool: dict[str, list[Any]], current: dict[str, list[dict[str, Any]]],
              previous: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    """The statements of ``pool`` whose suggestion texts differ between two versions' outputs for
    their report (``current``/``previous``: report id → the entries of each problem): the only ones
    a side-by-side round of two close versions has to judge."""
    def texts(entries: list[dict[str, Any]], st: Any) -> tuple[str, ...] | None:
        e = find_entry(entries, st.start, st.end, st.text)
        return None if e is None else tuple(x["text"] for x in e["suggestions"])

    out = {rid: [st for st in sts if texts(current.get(rid, []), st) != texts(previous.get(rid, []), st)]
           for rid, sts in pool.items()}
    return {rid: sts for rid, sts in out.items() if sts}


def find_entry(entries: Iterable[dict[str, Any]], start: int, end: int, text: str) -> dict[str, Any] | None:
    """The output entry of one problem: by its span, else by its text."""
    entries = list(entries)
    for e in entries:
        if e.get("start") == start and e.get("end") == end:
            return e
    for e in entries:
        if e.get("text", "").strip() == text.strip():
            return e
    return None


# --------------------------------------------------------------------------- bigrams

# the engine's own: the lookup baseline is "the plan sentences whose character bigrams best match"
from zongjie.suggest.rank import bigrams, jaccard  # noqa: E402

# --------------------------------------------------------------------------- the lookup baseline

_RE_PLAN_SPLIT = re.compile(r"[。！？；!?;\n]")
# Leading list markers are stripped: any baseline worth the name would not paste `（三）` or `一是`.
_RE_LEAD = re.compile(r"^(?:\s|\*\*|——|—|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[是、]"
                      r"|第[一二三四五六七八九十]{1,3}[，,、]|\d{1,2}[.．、](?!\d)|[①-⑳]|[，,：:])+")


class Lookup:
    """Nearest plan sentences by character-bigram Jaccard (an inverted index keeps it fast)."""

    def __init__(self, sentences: Iterable[tuple[str, str]]) -> None:
        self.texts: list[str] = []
        self.docs: list[str] = []
        self.grams: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for text, doc in sentences:
            if (text, doc) in seen:
                continue
            seen.add((text, doc))
            g = bigrams(text)
            if not g:
                continue
            k = len(self.texts)
            self.texts.append(text)
            self.docs.append(doc)
            self.grams.append(g)
            for b in g:
                self.postings[b].append(k)

    @staticmethod
    def sentences(plan_texts: Iterable[str]) -> list[str]:
        out = []
        for t in plan_texts:
            for piece in _RE_PLAN_SPLIT.split(t):
                s = _RE_LEAD.sub("", piece.replace("**", "")).strip()
                if LOOKUP_MIN <= len(s) <= LOOKUP_MAX:
                    out.append(s)
        return out

    def query(self, text: str, exclude_doc: str, k: int = TOP) -> list[dict[str, Any]]:
        q = bigrams(text)
        inter: Counter[int] = Counter()
        for b in q:
            for i in self.postings.get(b, ()):
                inter[i] += 1
        scored = sorted(((c / (len(q) + len(self.grams[i]) - c), i) for i, c in inter.items()
                         if self.docs[i] != exclude_doc), key=lambda x: (-x[0], self.texts[x[1]], x[1]))
        out: list[dict[str, Any]] = []
        kept: list[frozenset[str]] = []
        for s, i in scored:
            g = self.grams[i]
            if any(jaccard(g, o) >= DUP_JACCARD for o in kept):
                continue
            out.append({"text": self.texts[i], "score": round(s, 4), "source": f"lookup:{self.docs[i]}"})
            kept.append(g)
            if len(out) >= k:
                break
        return out


# --------------------------------------------------------------------------- the previous release

_PREVIOUS_SCRIPT = r"""
import json, os, sys, time
req = json.load(sys.stdin)
if req.get("site"):  # a version installed as zongjie (this layout: pip install --target SITE)
    import zongjie as pipeline
    root = os.path.realpath(req["site"])
    from zongjie.suggest import suggest
    from zongjie.suggest.measures import default_index
else:  # the old release's source tree
    import pipeline
    root = os.path.realpath(os.getcwd())
    from pipeline.suggest import suggest
    from pipeline.suggest.index import default_index
if not os.path.realpath(pipeline.__file__).startswith(root + os.sep):
    raise SystemExit("previous release: imported from %s, not from %s" % (pipeline.__file__, root))
t = time.perf_counter()
ix = default_index()
docs = ix.meta.get("documents", []) if ix else []  # a list of ids in the old release, a count today
out = {"load_seconds": time.perf_counter() - t, "index_documents": docs if isinstance(docs, int) else len(docs),
       "reports": {}}
for r in req["reports"]:
    t0 = time.perf_counter()
    doc = pipeline.structure(r["text"])
    t1 = time.perf_counter()
    res = suggest(doc, top=req["top"], index=ix, exclude_docs=[r["id"]])
    t2 = time.perf_counter()
    out["reports"][r["id"]] = {"problems": res, "structure_seconds": t1 - t0, "suggest_seconds": t2 - t1}
sys.stdout.write(json.dumps(out, ensure_ascii=False))
"""


def run_previous(rev: str, reports: Sequence[Report], top: int = TOP, site: str | None = None) -> dict[str, Any]:
    """Suggestions of the release at ``rev`` for ``reports`` (leave-one-out), in one subprocess.

    The release is checked out with ``git worktree add --detach`` into a temporary directory
    outside the repository and removed afterwards; it runs with ``PYTHONPATH`` and cwd set to that
    directory and its own cache directory (compiled-pattern caches of two versions must not mix).
    A version of today's layout, whose modules import ``zongjie``, runs from ``site`` instead: the
    same commit installed with ``pip install --target site`` (the worktree still names the commit).
    """
    parent = Path(tempfile.mkdtemp(prefix="zongjie-prev-"))
    wt = parent / "tree"
    try:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(wt), rev],
                       check=True, capture_output=True, text=True)
        sha = subprocess.run(["git", "-C", str(wt), "rev-parse", "HEAD"], check=True, capture_output=True,
                             text=True).stdout.strip()
        env = dict(os.environ)
        env["PYTHONPATH"] = site or str(wt)
        env["ZONGJIE_CACHE_DIR"] = str(parent / "cache")
        req = {"top": top, "site": site, "reports": [{"id": r.id, "text": r.text} for r in reports]}
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _PREVIOUS_SCRIPT], input=json.dumps(req, ensure_ascii=False),
                              capture_output=True, text=True, cwd=str(wt), env=env)
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            raise RuntimeError(f"previous release ({rev}) failed:\n{proc.stderr[-3000:]}")
        out = json.loads(proc.stdout)
        out["wall_seconds"] = wall
        out["commit"] = sha
        return out
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)],
                       capture_output=True, text=True)
        shutil.rmtree(parent, ignore_errors=True)


# --------------------------------------------------------------------------- items, key, instructions

def _one_line(s: str) -> str:
    return re.sub(r"\s*\n\s*", " ", s).strip()


def build_items(problems: Sequence[Problem], outputs: dict[str, dict[str, list[dict[str, Any]]]], seed: int,
                top: int = TOP, show_identical: bool = False) -> tuple[str, dict[str, Any]]:
    """``items.md`` text and the key, from each system's suggestions per problem id.

    Per problem two items — current vs lookup, current vs previous — whose suffixes (a/b), list
    labels (甲/乙) and places in the file are all drawn from one seeded generator, so the same
    seed gives the same file and nothing in it tells which comparison or list is which.

    An item whose two lists are identical is not shown (unless ``show_identical``): it would be a
    tie anyway, and showing it unblinds its sibling — the list shared by both items of a problem
    is then plainly this version's. It is scored as a tie, each list kept as often as the reviewer
    kept the same current list in the sibling item (``"hidden": true`` in the key). Only one item
    of a problem is ever hidden, so that sibling always exists.
    """
    rng = random.Random(f"{seed}:layout")
    items: list[dict[str, Any]] = []
    key_items: dict[str, dict[str, Any]] = {}
    for p in problems:
        suffixes = ["a", "b"]
        rng.shuffle(suffixes)
        mine: list[str] = []
        for opp, suf in zip(OPPONENTS, suffixes):
            order = ["current", opp]
            rng.shuffle(order)
            iid = f"{p.pid}-{suf}"
            lists = {lab: [_one_line(s["text"]) for s in outputs[sysname].get(p.pid, [])][:top]
                     for lab, sysname in zip(LABELS, order)}
            key_items[iid] = {"problem": p.pid, "doc": p.doc, "opponent": opp,
                              LABELS[0]: order[0], LABELS[1]: order[1],
                              "shown": {lab: len(lists[lab]) for lab in LABELS},
                              "identical": lists[LABELS[0]] == lists[LABELS[1]], "hidden": False}
            items.append({"id": iid, "problem": p, "lists": lists})
            mine.append(iid)
        a, b = mine
        key_items[a]["sibling"], key_items[b]["sibling"] = b, a
        if not show_identical:
            same = [i for i in mine if key_items[i]["identical"]]
            if len(same) == 1:
                key_items[same[0]]["hidden"] = True
    items = [it for it in items if not key_items[it["id"]]["hidden"]]
    rng.shuffle(items)
    lines = ["# 建议评审条目", "",
             f"共 {len(items)} 条。评审方法与判定格式见同目录下的 `instructions.md`。每条给出报告（地区与层级）、"
             "问题原文及上下文，以及两组下一年度工作建议（甲、乙）。", ""]
    for it in items:
        p: Problem = it["problem"]
        year = f"{p.year}年" if p.year else "年份不详"
        lines += [f"## {it['id']}", "",
                  f"- 报告：{_one_line(p.title)}（{year}，{p.setting}）",
                  f"- 问题：{_one_line(p.text)}",
                  f"- 上下文：{_one_line(p.before)}【{_one_line(p.text)}】{_one_line(p.after)}", ""]
        for lab in LABELS:
            lines.append(f"**{lab}**")
            lines.append("")
            shown = it["lists"][lab]
            lines += [f"{k}. {s}" for k, s in enumerate(shown, 1)] if shown else [EMPTY]
            lines.append("")
    key = {"format": "zongjie-judge-key", "version": 1, "seed": seed, "top": top,
           "problems": len(problems), "order": [it["id"] for it in items],
           "hidden": sorted(i for i, k in key_items.items() if k["hidden"]), "items": key_items}
    return "\n".join(lines).rstrip() + "\n", key


INSTRUCTIONS = """# 评审说明（盲评）

## 你的角色

你是一名经验丰富的办公室工作人员，常年起草和审核年度工作总结、述职报告和政府工作报告。

## 你要做什么

`items.md` 里每一条（如 `P07-a`）给出：

- **报告**：标题、年份、地区与层级——建议要放在 *这个* 地方、*这个* 层级的下一年度工作安排里；
- **问题**：报告“存在的问题”部分的一句（上下文里用【】标出）；
- 两组建议 **甲** 和 **乙**，每组最多 3 条。两组的来源不告诉你，也不要去猜；两组的先后顺序是随机的。
  “（无建议）”表示这一组是空的（0 条可用）。

同一个问题可能出现在两条里（如 `P07-a` 和 `P07-b`），请把每一条当作独立的一条来判。

## 什么算“可用”

一条建议“可用”，是指你愿意把它（原样或只作很小的文字改动）写进 *这个* 地方明年的工作安排，
用来回应 *这个* 问题。必须同时满足：

1. **是措施**：写的是要做的事（一个动作，如“健全……机制”“加大……力度”）；
   不是问题陈述（“……还不够健全”“……压力较大”），不是目标数字（“增长5%左右”），
   不是成绩（“……取得明显成效”），也不是形势分析或解释说明；
2. **切题**：针对这个问题的主题，不是泛泛的套话，也不是别的主题；
3. **适合这个地方和层级**：不是另一个地方的专有项目或地名（如别的省份的某某计划、某某工程），
   也不是明显不属于这一层级的事；
4. **文字规范**：通顺的公文汉语，没有残句、乱码、编号残留（如“（一）”“一是”）；
5. **不重复**：和同组中已经算作可用的一条基本相同的，不再计入。

## 如何判定胜者

想象你要起草明年的工作安排：甲、乙两组你更愿意收到哪一组？选那一组为胜者。
两组差不多（包括完全相同、或都不可用）时判 `tie`。胜负可以参考可用条数，但不必机械一致
（例如一条真正到位的建议可以胜过两条勉强可用的）。

## 判定格式

每条一行 JSON，写到 `verdicts_<你的名字>.jsonl`（如 `verdicts_r1.jsonl`），每一条都要判，且只判一次：

```
{"item": "P07-a", "winner": "甲", "keep_甲": 2, "keep_乙": 0, "note": "乙是问题陈述"}
```

- `item`：条目编号；
- `winner`：`"甲"`、`"乙"` 或 `"tie"`；
- `keep_甲`、`keep_乙`：该组中你会保留的条数（0–3，不能超过该组实际显示的条数；空组为 0）；
- `note`：简短理由，可为空字符串。

请独立评审：不要与其他评审人交流，也不要查看 `key.json` 和 `systems.json`。
"""


def write_items(out: Path, problems: Sequence[Problem], outputs: dict[str, dict[str, list[dict[str, Any]]]],
                seed: int, release: str, meta: dict[str, Any] | None = None, top: int = TOP,
                show_identical: bool = False) -> dict[str, Any]:
    """Write items.md, key.json, systems.json, instructions.md (and meta.json) to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    md, key = build_items(problems, outputs, seed, top=top, show_identical=show_identical)
    key["release"] = release
    (out / "items.md").write_text(md, "utf-8")
    (out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1) + "\n", "utf-8")
    (out / "instructions.md").write_text(INSTRUCTIONS, "utf-8")
    raw = {"release": release, "seed": seed, "top": top,
           "problems": [{**asdict(p), **{s: outputs[s].get(p.pid, []) for s in SYSTEMS}} for p in problems]}
    (out / "systems.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if meta is not None:
        (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return key


def _source_state() -> dict[str, Any]:
    """HEAD and a digest of the suggestion code as it was when the items were made: the tree is
    edited while releases are measured, so HEAD alone does not say what "current" was."""
    def git(*args: str) -> str:
        r = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return r.stdout.strip()

    h = hashlib.sha256()
    files = sorted([*(ROOT / "pipeline" / "suggest").glob("*.py"), ROOT / "pipeline" / "matcher.py",
                    *(ROOT / "pipeline" / "data").glob("*.json"), *(ROOT / "models" / "suggest_index").glob("*")])
    for f in files:
        if f.is_file():
            h.update(f.relative_to(ROOT).as_posix().encode())
            h.update(f.read_bytes())
    return {"head": git("rev-parse", "HEAD"),
            "dirty": git("status", "--porcelain", "--", "pipeline", "models").splitlines(),
            "suggest_sha256": h.hexdigest()}


def cmd_items(args: argparse.Namespace) -> int:
    import zongjie
    from zongjie.matcher import plan_items, problem_statements
    from zongjie.suggest import reads_as_problem, stands_for_others, suggest
    from zongjie.suggest.measures import default_index

    out = Path(args.out) if args.out else RESULTS_DIR / args.release
    t_all = time.perf_counter()
    # the lookup and the previous release see every report; the draw is from the chosen corpus
    reports = load_reports() + load_team_reports()
    by_id = {r.id: r for r in reports}
    t = time.perf_counter()
    docs, probs, plans = {}, {}, {}
    for r in reports:
        d = zongjie.structure(r.text)
        docs[r.id] = d
        # the statements the engine answers: narrative, measures and exhortations of a problems
        # paragraph are not offered for suggestions (from round r8 on)
        probs[r.id] = [st for st in problem_statements(d) if reads_as_problem(st.text) and not stands_for_others(st.text)]
        plans[r.id] = [p.text for p in plan_items(d)]
    t_structure = time.perf_counter() - t
    team = args.corpus == "team"
    pool = {rid: v for rid, v in probs.items() if (by_id[rid].group == "team") == team}
    n, required = args.n, () if team else REQUIRED_GROUPS
    if args.only_differing:
        # two close versions side by side: only the statements whose lists differ can tell them apart
        ix0 = default_index()
        cur_all = {rid: suggest(docs[rid], top=args.top, index=ix0, exclude_docs=[rid]) for rid in sorted(pool)}
        prev_all = run_previous(args.previous_rev, [by_id[rid] for rid in sorted(pool)], top=args.top,
                                site=args.previous_site)
        pool = differing(pool, cur_all, {rid: v["problems"] for rid, v in prev_all["reports"].items()})
        n = min(n, sum(min(PER_REPORT, sum(len(st.text.strip()) >= MIN_PROBLEM_CHARS for st in v)) for v in pool.values()))
        required = ()
        print(f"{n} of the statements differ from {args.previous_rev}'s", file=sys.stderr)
    problems = draw(pool, by_id, n, args.seed, required=required)
    sampled = sorted({p.doc for p in problems})
    print(f"{len(reports)} reports structured in {t_structure:.1f} s; {len(problems)} problems drawn from "
          f"{len(sampled)} reports ({dict(Counter(by_id[p.doc].group for p in problems))})", file=sys.stderr)

    outputs: dict[str, dict[str, list[dict[str, Any]]]] = {s: {} for s in SYSTEMS}
    missing: dict[str, list[str]] = {s: [] for s in SYSTEMS}

    # current: the whole suggest() per report (outline reuse, alignment, every problem), timed
    t = time.perf_counter()
    ix = default_index()
    t_load = time.perf_counter() - t
    cur: dict[str, list[dict[str, Any]]] = {}
    t_suggest, n_all = 0.0, 0
    for rid in sampled:
        t = time.perf_counter()
        cur[rid] = suggest(docs[rid], top=args.top, index=ix, exclude_docs=[rid])
        t_suggest += time.perf_counter() - t
        n_all += len(cur[rid])
    for p in problems:
        e = find_entry(cur[p.doc], p.start, p.end, p.text)
        if e is None:
            missing["current"].append(p.pid)
        outputs["current"][p.pid] = e["suggestions"] if e else []

    # lookup: plan sentences of every public report; the problem's own report excluded at query time
    t = time.perf_counter()
    lookup = Lookup((s, rid) for rid in sorted(plans) for s in Lookup.sentences(plans[rid]))
    t_lbuild = time.perf_counter() - t
    t = time.perf_counter()
    for p in problems:
        outputs["lookup"][p.pid] = lookup.query(p.text, p.doc, k=args.top)
    t_lquery = time.perf_counter() - t

    # previous release, one subprocess for all sampled reports
    prev = run_previous(args.previous_rev, [by_id[rid] for rid in sampled], top=args.top, site=args.previous_site)
    for p in problems:
        e = find_entry(prev["reports"][p.doc]["problems"], p.start, p.end, p.text)
        if e is None:
            missing["previous"].append(p.pid)
        outputs["previous"][p.pid] = e["suggestions"] if e else []
    n_prev = sum(len(v["problems"]) for v in prev["reports"].values())
    p_suggest = sum(v["suggest_seconds"] for v in prev["reports"].values())
    p_structure = sum(v["structure_seconds"] for v in prev["reports"].values())

    timing = {
        "total_seconds": round(time.perf_counter() - t_all, 2),
        "structure_all_reports_seconds": round(t_structure, 2),
        "current": {"index_load_seconds": round(t_load, 3), "suggest_seconds": round(t_suggest, 3),
                    "problems_computed": n_all,
                    "ms_per_problem": round(1000 * t_suggest / max(1, n_all), 2),
                    "ms_per_drawn_problem": round(1000 * t_suggest / max(1, len(problems)), 2)},
        "lookup": {"build_seconds": round(t_lbuild, 3), "sentences": len(lookup.texts),
                   "ms_per_problem": round(1000 * t_lquery / max(1, len(problems)), 2)},
        "previous": {"subprocess_wall_seconds": round(prev["wall_seconds"], 2),
                     "index_load_seconds": round(prev["load_seconds"], 3),
                     "structure_seconds": round(p_structure, 3), "suggest_seconds": round(p_suggest, 3),
                     "problems_computed": n_prev,
                     "ms_per_problem": round(1000 * p_suggest / max(1, n_prev), 2),
                     "ms_per_drawn_problem": round(1000 * p_suggest / max(1, len(problems)), 2)},
    }
    empty = {s: sum(1 for p in problems if not outputs[s][p.pid]) for s in SYSTEMS}
    meta = {"release": args.release, "corpus": args.corpus, "seed": args.seed, "n": args.n, "top": args.top,
            "previous_rev": args.previous_rev, "previous_commit": prev["commit"],
            "previous_index_documents": prev.get("index_documents"),
            "source": _source_state(), "groups": dict(Counter(by_id[p.doc].group for p in problems)),
            "reports_drawn": len(sampled), "empty_lists": empty, "not_found": missing,
            "problems_per_report_current_vs_previous": {
                rid: [len(cur[rid]), len(prev["reports"][rid]["problems"])] for rid in sampled
                if len(cur[rid]) != len(prev["reports"][rid]["problems"])},
            "timing": timing}
    key = write_items(out, problems, outputs, args.seed, args.release, meta=meta, top=args.top,
                      show_identical=args.show_identical)
    same = sum(1 for k in key["items"].values() if k["identical"])
    print(f"wrote {out}/items.md ({len(key['order'])} items shown; {same} of {len(key['items'])} with identical "
          f"lists, {len(key['hidden'])} of them hidden as automatic ties), key.json, "
          f"systems.json, instructions.md, meta.json", file=sys.stderr)
    print(json.dumps({"timing": timing, "empty_lists": empty, "not_found": missing}, ensure_ascii=False, indent=1))
    return 0


# --------------------------------------------------------------------------- score

class VerdictError(ValueError):
    """Verdicts that do not match the key."""


def load_verdicts(folder: Path, key: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Every ``verdicts_<reviewer>.jsonl`` of ``folder``, validated against ``key``."""
    files = sorted(folder.glob("verdicts_*.jsonl"))
    if not files:
        raise VerdictError(f"{folder}: no verdicts_*.jsonl")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for f in files:
        reviewer = f.stem[len("verdicts_"):]
        rows: dict[str, dict[str, Any]] = {}
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{f.name}:{n}"
            try:
                v = json.loads(line)
            except json.JSONDecodeError as e:
                raise VerdictError(f"{where}: not JSON ({e.msg})") from None
            rows_add(rows, v, key, where)
        missing = [i for i in key["items"] if i not in rows and not key["items"][i].get("hidden")]
        if missing:
            raise VerdictError(f"{f.name}: {len(missing)} item(s) without a verdict: {', '.join(missing[:10])}")
        out[reviewer] = rows
    return out


def rows_add(rows: dict[str, dict[str, Any]], v: Any, key: dict[str, Any], where: str) -> None:
    if not isinstance(v, dict):
        raise VerdictError(f"{where}: a verdict is a JSON object")
    iid = v.get("item")
    if iid not in key["items"]:
        raise VerdictError(f"{where}: unknown item {iid!r}")
    if key["items"][iid].get("hidden"):
        raise VerdictError(f"{where}: item {iid} was not shown (identical lists, scored as a tie)")
    if iid in rows:
        raise VerdictError(f"{where}: item {iid} judged twice")
    if v.get("winner") not in WINNERS:
        raise VerdictError(f"{where}: winner must be one of 甲/乙/tie, not {v.get('winner')!r}")
    shown = key["items"][iid]["shown"]
    for lab in LABELS:
        k = v.get(f"keep_{lab}")
        if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k <= shown[lab]:
            raise VerdictError(f"{where}: keep_{lab} must be an integer in 0–{shown[lab]} "
                               f"(suggestions shown), not {k!r}")
    rows[iid] = v


def _outcome(v: dict[str, Any], k: dict[str, Any]) -> str:
    """The winner in system terms: ``current``, ``other`` or ``tie``."""
    if v["winner"] == "tie":
        return "tie"
    return "current" if k[v["winner"]] == "current" else "other"


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' labels; ``None`` when chance agreement is 1 (undefined)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[c] * cb[c] for c in set(ca) | set(cb)) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def _hidden_verdict(key: dict[str, Any], rows: dict[str, dict[str, Any]], iid: str) -> dict[str, Any]:
    """A hidden item (identical lists): a tie, each list kept as often as the reviewer kept the
    same current list in the sibling item."""
    sib = key["items"][iid]["sibling"]
    ks = key["items"][sib]
    cur = LABELS[0] if ks[LABELS[0]] == "current" else LABELS[1]
    kept = rows[sib][f"keep_{cur}"]
    return {"item": iid, "winner": "tie", **{f"keep_{lab}": kept for lab in LABELS}, "auto": True}


def score_reviewer(key: dict[str, Any], rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    top = key.get("top", TOP)
    use: dict[str, Counter[str]] = defaultdict(Counter)
    comp: dict[str, Counter[str]] = {o: Counter() for o in OPPONENTS}
    inconsistent = []
    for iid, k in key["items"].items():
        v = rows[iid] if not k.get("hidden") else _hidden_verdict(key, rows, iid)
        opp = k["opponent"]
        for lab in LABELS:
            sysname = k[lab]
            for bucket in ([sysname, f"current_vs_{opp}"] if sysname == "current" else [sysname]):
                use[bucket]["kept"] += v[f"keep_{lab}"]
                use[bucket]["shown"] += k["shown"][lab]
                use[bucket]["slots"] += top
                use[bucket]["lists"] += 1
                use[bucket]["empty"] += k["shown"][lab] == 0
        o = _outcome(v, k)
        comp[opp][{"current": "wins", "other": "losses", "tie": "ties"}[o]] += 1
        comp[opp]["identical_lists"] += bool(k["identical"])
        if v["winner"] != "tie":
            loser = LABELS[1] if v["winner"] == LABELS[0] else LABELS[0]
            if v[f"keep_{v['winner']}"] < v[f"keep_{loser}"]:
                inconsistent.append(iid)
    usable = {s: {"kept": c["kept"], "shown": c["shown"], "slots": c["slots"], "lists": c["lists"],
                  "empty_lists": c["empty"], "usable_rate": _ratio(c["kept"], c["shown"]),
                  "usable_rate_top": _ratio(c["kept"], c["slots"])}
              for s, c in sorted(use.items())}
    comps = {}
    for opp, c in comp.items():
        decided = c["wins"] + c["losses"]
        comps[opp] = {"wins": c["wins"], "losses": c["losses"], "ties": c["ties"], "decided": decided,
                      "won_share_of_decided": _ratio(c["wins"], decided),
                      "identical_lists": c["identical_lists"]}
    return {"usable": usable, "vs": comps, "winner_below_loser_in_keeps": inconsistent}


def _mean(xs: Iterable[float | None]) -> float | None:
    vals = [x for x in xs if x is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def _average(per: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean over reviewers of every number of their score dicts (same shape)."""
    if not per:
        return {}
    out: dict[str, Any] = {}
    for k, v in per[0].items():
        if isinstance(v, dict):
            out[k] = _average([p[k] for p in per])
        elif isinstance(v, (int, float)) and not isinstance(v, bool) or v is None:
            out[k] = _mean(p[k] for p in per)
    return out


def score(key: dict[str, Any], verdicts: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    per = {r: score_reviewer(key, rows) for r, rows in sorted(verdicts.items())}
    avg = _average([{"usable": p["usable"], "vs": p["vs"]} for p in per.values()])
    # agreement only over what the reviewers saw: automatic ties would inflate it
    ids = [i for i, k in key["items"].items() if not k.get("hidden")]
    agreement = []
    for r1, r2 in itertools.combinations(sorted(verdicts), 2):
        row: dict[str, Any] = {"reviewers": [r1, r2]}
        for name, sel in [("all", ids)] + [(f"vs_{o}", [i for i in ids if key["items"][i]["opponent"] == o])
                                          for o in OPPONENTS]:
            a = [_outcome(verdicts[r1][i], key["items"][i]) for i in sel]
            b = [_outcome(verdicts[r2][i], key["items"][i]) for i in sel]
            kap = cohen_kappa(a, b)
            row[name] = {"items": len(sel),
                         "same_winner_rate": _ratio(sum(x == y for x, y in zip(a, b)), len(sel)),
                         "kappa": round(kap, 4) if kap is not None else None}
        diffs = [abs(verdicts[r1][i][f"keep_{lab}"] - verdicts[r2][i][f"keep_{lab}"]) for i in ids for lab in LABELS]
        row["keep_counts"] = {"lists": len(diffs), "same_rate": _ratio(sum(d == 0 for d in diffs), len(diffs)),
                              "mean_abs_diff": _ratio(sum(diffs), len(diffs))}
        agreement.append(row)
    return {"release": key.get("release"), "problems": key["problems"], "items": len(ids),
            "hidden_items_scored_as_ties": len(key["items"]) - len(ids), "top": key.get("top", TOP),
            "reviewers": sorted(verdicts), "mean": avg, "per_reviewer": per, "agreement": agreement}


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{100 * x:.1f} %" if pct else f"{x:.3f}"


def summary(res: dict[str, Any]) -> str:
    m = res["mean"]
    lines = [f"release {res['release']}: {res['problems']} problems, {res['items']} items shown "
             f"(+{res['hidden_items_scored_as_ties']} identical-list items scored as ties), "
             f"reviewers {', '.join(res['reviewers'])} (mean over reviewers)"]
    for s in ("current", "lookup", "previous"):
        u = m["usable"].get(s)
        if u:
            lines.append(f"  usable {s:9s} kept/shown {_fmt(u['usable_rate'])}   kept/{res.get('top', TOP)}-slots "
                         f"{_fmt(u['usable_rate_top'])}   (kept {u['kept']}, shown {u['shown']})")
    for o in OPPONENTS:
        c = m["vs"][o]
        lines.append(f"  current vs {o:8s} wins {c['wins']}  losses {c['losses']}  ties {c['ties']}  "
                     f"won of decided {_fmt(c['won_share_of_decided'], pct=True)}  (identical lists {c['identical_lists']})")
    for a in res["agreement"]:
        lines.append(f"  agreement {a['reviewers'][0]}~{a['reviewers'][1]}: same winner "
                     f"{_fmt(a['all']['same_winner_rate'], pct=True)}, kappa {_fmt(a['all']['kappa'])}; "
                     f"keep counts same {_fmt(a['keep_counts']['same_rate'], pct=True)}")
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    try:
        key = json.loads((folder / "key.json").read_text("utf-8"))
        verdicts = load_verdicts(folder, key)
    except (OSError, VerdictError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    res = score(key, verdicts)
    (folder / "score.json").write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(summary(res))
    return 0


# --------------------------------------------------------------------------- audit

# Section markers left inside a suggestion: `（一）`, `(2)`, `①`, and — at the start or after
# punctuation, so that 统一、规范 or 唯一是 do not count — `一是`, `一、`, `第一，`, `1.`, `2、`.
RE_MARKER = re.compile(
    r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[①-⑳]|^——"
    r"|(?:^|(?<=[，,。；;：:、\s]))(?:[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十]{1,3}[，,、]|\d{1,2}[.．、](?!\d))")

CHECKS = ("section_marker", "near_duplicate", "longer_than_60", "classified_problem", "has_deficiency",
          "names_other_place")


def lazy(module: str, name: str, probe: tuple[Any, ...]) -> tuple[Callable[..., Any] | None, str | None]:
    """``module.name`` if it can be imported and answers ``probe``, else ``(None, why)``: the
    classifier modules are written in parallel with this harness (a module can exist before the
    data it loads does) and the audit must run with or without them."""
    try:
        fn = getattr(importlib.import_module(module), name)
        fn(*probe)
    except Exception as e:  # any failure of a half-built module means "not available yet"
        # relative paths only: results are committed and must not name this machine's folders
        return None, f"{type(e).__name__}: {e}".replace(str(ROOT) + os.sep, "")
    return fn, None


def audit_entries(entries: Iterable[tuple[str, str, str, list[str]]],
                  classify: Callable[[str], Any] | None = None,
                  has_deficiency: Callable[[str], Any] | None = None,
                  foreign_marks: Callable[[str, str], Any] | None = None,
                  unavailable: dict[str, str] | None = None) -> dict[str, Any]:
    """Counts, rates and examples of the automatic checks over ``(doc id, doc text, problem,
    suggestions)``. A check whose function is ``None`` is reported as ``"unavailable"``."""
    unavailable = dict(unavailable or {})
    funcs: dict[str, Callable[[str, str], Any] | None] = {
        "classified_problem": (lambda s, d: classify(s)[0] == "problem") if classify else None,
        "has_deficiency": (lambda s, d: bool(has_deficiency(s))) if has_deficiency else None,
        "names_other_place": (lambda s, d: list(foreign_marks(s, d) or [])) if foreign_marks else None,
    }
    counts: Counter[str] = Counter()
    affected: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    n_prob = n_sugg = n_empty = 0
    empty_examples: list[dict[str, Any]] = []
    docs: set[str] = set()
    for doc_id, doc_text, problem, suggs in entries:
        docs.add(doc_id)
        n_prob += 1
        n_sugg += len(suggs)
        if not suggs:
            n_empty += 1
            if len(empty_examples) < EXAMPLES:
                empty_examples.append({"doc": doc_id, "problem": problem})
        grams = [bigrams(s) for s in suggs]
        hit_here: set[str] = set()
        for i, s in enumerate(suggs):
            found: dict[str, Any] = {}
            m = RE_MARKER.search(s)
            if m:
                found["section_marker"] = m.group(0)
            dup = next((suggs[j] for j in range(i) if jaccard(grams[i], grams[j]) >= DUP_JACCARD), None)
            if dup is not None:
                found["near_duplicate"] = dup
            if len(s) > LONG_CHARS:
                found["longer_than_60"] = len(s)
            for name, fn in funcs.items():
                if fn is not None:
                    r = fn(s, doc_text)
                    if r:
                        found[name] = r if isinstance(r, list) else True
            for name, why in found.items():
                counts[name] += 1
                hit_here.add(name)
                if len(examples[name]) < EXAMPLES:
                    examples[name].append({"doc": doc_id, "problem": problem, "suggestion": s, "why": why})
        affected.update(hit_here)
    for name, fn in funcs.items():
        if fn is None:
            unavailable.setdefault(name, "not given")
    checks: dict[str, Any] = {}
    for name in CHECKS:
        if name in unavailable:
            checks[name] = {"count": "unavailable", "reason": unavailable[name]}
            continue
        checks[name] = {"count": counts[name], "rate_of_suggestions": _ratio(counts[name], n_sugg),
                        "problems_affected": affected[name], "examples": examples[name]}
    return {"reports": len(docs), "problems": n_prob, "suggestions": n_sugg,
            "suggestions_per_problem": _ratio(n_sugg, n_prob),
            "empty_lists": {"count": n_empty, "rate_of_problems": _ratio(n_empty, n_prob),
                            "examples": empty_examples},
            "checks": checks}


def cmd_audit(args: argparse.Namespace) -> int:
    import zongjie
    from zongjie.matcher import problem_statements
    from zongjie.suggest import suggest
    from zongjie.suggest.measures import default_index

    out = Path(args.out) if args.out else RESULTS_DIR / args.release
    unavailable: dict[str, str] = {}
    classify, why = lazy("zongjie.suggest.sentclass", "classify", ("加快推进信息化建设",))
    if why:
        unavailable["classified_problem"] = why
    has_def, why = lazy("zongjie.suggest.sentclass", "has_deficiency", ("信息化建设滞后",))
    if why:
        unavailable["has_deficiency"] = why
    foreign, why = lazy("zongjie.suggest.places", "foreign_marks", ("学习浙江经验", "北京市政府工作报告"))
    if why:
        unavailable["names_other_place"] = why
    t0 = time.perf_counter()
    ix = default_index()
    rows: list[tuple[str, str, str, list[str]]] = []
    t_suggest = 0.0
    statements = 0  # the matcher's; the engine answers those that read as problems
    for r in load_reports():
        d = zongjie.structure(r.text)
        statements += len(problem_statements(d))
        t = time.perf_counter()
        res = suggest(d, top=args.top, index=ix, exclude_docs=[r.id])
        t_suggest += time.perf_counter() - t
        rows += [(r.id, d.text, e["text"], [s["text"] for s in e["suggestions"]]) for e in res]
    res_a = audit_entries(rows, classify, has_def, foreign, unavailable)
    res_a = {"release": args.release, "top": args.top, "source": _source_state(), **res_a,
             "statements": statements, "statements_not_answered": statements - len(rows),
             "timing": {"total_seconds": round(time.perf_counter() - t0, 2),
                        "ms_per_problem": _ratio(1000 * t_suggest, len(rows))}}
    out.mkdir(parents=True, exist_ok=True)
    (out / "audit.json").write_text(json.dumps(res_a, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"audit {args.release}: {res_a['reports']} reports with problems, {res_a['problems']} problems, "
          f"{res_a['suggestions']} suggestions; empty lists {res_a['empty_lists']['count']} "
          f"({_fmt(res_a['empty_lists']['rate_of_problems'], pct=True)})")
    for name, c in res_a["checks"].items():
        if c["count"] == "unavailable":
            print(f"  {name:20s} unavailable ({c['reason']})")
        else:
            print(f"  {name:20s} {c['count']:5d} suggestions ({_fmt(c['rate_of_suggestions'], pct=True)}), "
                  f"{c['problems_affected']} problems")
    print(f"  wrote {out}/audit.json")
    return 0


# --------------------------------------------------------------------------- examples

def examples(folder: Path, good: int = 6, bad: int = 4, seed: int = 0) -> str:
    """Markdown: real problems of a judged round with this version's list — ``good`` that every
    reviewer kept in full (all shown, at least two), ``bad`` that no reviewer kept anything of —
    drawn at random (``seed``) so that the README shows neither the best nor the worst only."""
    key = json.loads((folder / "key.json").read_text("utf-8"))
    verdicts = load_verdicts(folder, key)
    systems = json.loads((folder / "systems.json").read_text("utf-8"))
    probs = {p["pid"]: p for p in systems["problems"]}
    kept: dict[str, list[int]] = defaultdict(list)
    shown: dict[str, int] = {}
    for iid, k in key["items"].items():
        if k.get("hidden"):
            continue
        side = next(lab for lab in LABELS if k[lab] == "current")
        shown[k["problem"]] = k["shown"][side]
        for rows in verdicts.values():
            kept[k["problem"]].append(rows[iid][f"keep_{side}"])
    full = sorted(p for p, ks in kept.items() if shown[p] >= 2 and all(x == shown[p] for x in ks))
    none = sorted(p for p, ks in kept.items() if not any(ks))
    rng = random.Random(seed)
    picks = [(p, True) for p in rng.sample(full, min(good, len(full)))]
    picks += [(p, False) for p in rng.sample(none, min(bad, len(none)))]
    lines = []
    for pid, ok in picks:
        p = probs[pid]
        lines.append(f"- **{p['setting']}** · {p['title']} — 问题：{_one_line(p['text'])}")
        lines.append(f"  kept by the reviewers: {'all' if ok else 'none'} of {shown[pid]}")
        for sug in p["current"][:shown[pid]]:
            lines.append(f"  - {_one_line(sug['text'])}  <sub>({sug['source']})</sub>")
    return "\n".join(lines) + "\n"


def cmd_examples(args: argparse.Namespace) -> int:
    sys.stdout.write(examples(Path(args.dir), args.good, args.bad, args.seed))
    return 0


# --------------------------------------------------------------------------- CLI

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("items", help="draw problems, run the three systems, write items/key/systems")
    a.add_argument("--n", type=int, default=64)
    a.add_argument("--seed", type=int, default=13)
    a.add_argument("--release", required=True)
    a.add_argument("--out", default=None, help="default bench/results/judge/RELEASE/")
    a.add_argument("--previous-rev", default=DEFAULT_PREVIOUS)
    a.add_argument("--top", type=int, default=TOP)
    a.add_argument("--corpus", choices=("public", "team"), default="public",
                   help="draw the problems from the public reports or from the team's own documents")
    a.add_argument("--previous-site", default=None,
                   help="--previous-rev installed with pip install --target DIR (a version of today's layout)")
    a.add_argument("--only-differing", action="store_true",
                   help="draw only statements whose lists differ from --previous-rev's (two close versions)")
    a.add_argument("--show-identical", action="store_true",
                   help="also show items whose two lists are identical (they unblind their sibling item)")
    s = sub.add_parser("score", help="validate and score the verdicts of a folder")
    s.add_argument("--dir", required=True)
    u = sub.add_parser("audit", help="automatic checks on every problem of the public reports")
    u.add_argument("--release", required=True)
    u.add_argument("--out", default=None, help="default bench/results/judge/RELEASE/")
    u.add_argument("--top", type=int, default=TOP)
    e = sub.add_parser("examples", help="markdown examples of a judged round (kept in full / kept nothing)")
    e.add_argument("--dir", required=True)
    e.add_argument("--good", type=int, default=6)
    e.add_argument("--bad", type=int, default=4)
    e.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    return {"items": cmd_items, "score": cmd_score, "audit": cmd_audit,
            "examples": cmd_examples}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
