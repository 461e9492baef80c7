"""How often the rewrite rules read a problem clause: the share of the clauses the engine answers
(``zongjie.suggest._clauses`` of every answered problem statement) for which a rule gives a
well-formed remedy (``_rewrite_candidates``: the whole clause, else its comma pieces).

Issue #13 measured 16 % on government-report clauses before the rules were rebuilt. Government
reports (national and provincial 政府工作报告 and congress reports in ``corpora/public``) and the
team's department summaries are counted apart; the rules each clause met are tallied.

    .venv/bin/python bench/rewrite_coverage.py [--json-out bench/results/rewrite_coverage.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import judge_suggest as js  # noqa: E402  (the corpora as the judged rounds read them)


def coverage(reports: list[Any]) -> dict[str, Any]:
    import zongjie
    from zongjie.matcher import problem_statements
    from zongjie.suggest import _clauses, _rewrite_candidates, reads_as_problem, stands_for_others

    clauses = covered = 0
    rules: Counter[str] = Counter()
    for r in reports:
        d = zongjie.structure(r.text)
        for st in problem_statements(d):
            if not reads_as_problem(st.text) or stands_for_others(st.text):
                continue
            for c in _clauses(st.text):
                clauses += 1
                found = _rewrite_candidates(c)
                if found:
                    covered += 1
                    rules.update(rule for x in found for rule in x.extra.get("rules", []))
    return {"reports": len(reports), "clauses": clauses, "rewritten": covered,
            "share": round(covered / clauses, 4) if clauses else None, "rules": dict(rules.most_common())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json-out", default=None)
    a = ap.parse_args(argv)
    res = {"government": coverage(js.load_reports()), "team": coverage(js.load_team_reports())}
    for k, v in res.items():
        print(f"{k}: {v['rewritten']} of {v['clauses']} clauses rewritten ({100 * (v['share'] or 0):.1f} %) "
              f"in {v['reports']} reports")
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
