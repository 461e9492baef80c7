"""The suggestion numbers the README reports, held by tests at (or just under) their values.

- the automatic audit over every problem statement of the public reports (leave-one-out): no empty
  list, no section marker, nothing over 60 characters, no near-duplicate in a list, no suggestion
  naming a province the report does not, no problem statement offered as a measure;
- the blind judging of the latest round, recomputed from its committed key and verdicts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import zongjie
from zongjie.suggest import suggest
from zongjie.suggest.measures import default_index
from zongjie.suggest.rank import bigrams, jaccard

from tests.bench_modules import load_bench

ROOT = Path(__file__).resolve().parents[1]
JUDGE = ROOT / "bench" / "results" / "judge"
# this stop's code, round by round (r31–r36), pooled in the README
JUDGED = [JUDGE / f"0.2.0-r{n}" for n in range(31, 37)]
LAST = [JUDGE / f"0.2.0-r{n}" for n in (34, 35, 36)]  # this release's public lists (r36: its code)
ROUNDS = [JUDGE / f"0.2.0-r{n}" for n in range(15, 37)]  # this version's family, pooled in the README
# the team's own department summaries (t15: 3 Dec's afternoon code; t17: its evening code, judged
# by two pairs of reviewers, t17 and t17b, each counted as a round)
TEAM = [JUDGE / f"0.2.0-t{n}" for n in (*range(3, 9), 15, 17)] + [JUDGE / "0.2.0-t17b"]
LATEST_TEAM = [JUDGE / "0.2.0-t17", JUDGE / "0.2.0-t17b"]
# the README's values, rounded down: usable, kept per slot, won of decided vs lookup and vs previous
CURRENT_USABLE, KEPT_PER_SLOT, WON_VS_LOOKUP, WON_VS_PREVIOUS = 0.845, 0.68, 0.81, 0.68
LAST_USABLE, LAST_VS_LOOKUP = 0.80, 0.77
POOLED_USABLE, POOLED_PER_SLOT, POOLED_VS_LOOKUP, POOLED_VS_PREVIOUS = 0.82, 0.65, 0.80, 0.64
# …and on the team's documents, where the previous release still wins most comparisons: held so that
# it cannot slip unnoticed (usable, its margin over the previous release's usable on the same
# problems — 0.70 against 0.60 —, won vs lookup, won vs previous); the latest code's alone
TEAM_USABLE, TEAM_MARGIN, TEAM_VS_LOOKUP, TEAM_VS_PREVIOUS = 0.70, 0.10, 0.80, 0.29
LATEST_USABLE, LATEST_MARGIN, LATEST_VS_LOOKUP, LATEST_VS_PREVIOUS = 0.81, 0.20, 0.90, 0.43
MARKER = re.compile(r"^\s*(（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}[是要、]|"
                    r"第[一二三四五六七八九十]{1,3}[，,、]|\d{1,2}[.、．])")


@pytest.fixture(scope="module")
def audited() -> list[tuple[str, str, dict]]:
    from zongjie.suggest import places

    ix = default_index()
    out = []
    for f in sorted((ROOT / "corpora" / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            r = json.loads(line)
            doc = zongjie.structure(r["text"])
            for p in suggest(doc, index=ix, exclude_docs=[r["id"]]):
                out.append((r["id"], r["text"], p))
    assert len(out) >= 435 and places is not None  # README: 435 problems answered
    return out


def test_audit_lists_are_never_empty_and_clean(audited):
    for doc_id, _, p in audited:
        sug = p["suggestions"]
        assert sug, (doc_id, p["text"])
        for s in sug:
            assert len(s["text"]) <= 60 and not MARKER.match(s["text"]), s
        for i, a in enumerate(sug):
            for b in sug[i + 1:]:
                assert jaccard(bigrams(a["text"]), bigrams(b["text"])) < 0.8, (a["text"], b["text"])


def test_audit_other_places_and_problem_statements(audited):
    from zongjie.suggest import places, sentclass

    shown = [(text, s["text"]) for _, text, p in audited for s in p["suggestions"]]
    foreign = sum(bool(places.foreign_marks(s, text)) for text, s in shown)
    problems = sum(sentclass.has_deficiency(s) for _, s in shown)
    assert foreign == 0 and problems == 0, (foreign, problems)  # README: 0 and 0 (issue: ≤ 1 %, 0)


def _score(folder: Path) -> dict:
    mod = load_bench("judge_suggest")
    key = json.loads((folder / "key.json").read_text("utf-8"))
    return mod.score(key, mod.load_verdicts(folder, key))


def _pooled(folders: list[Path]) -> dict[str, float]:
    """Kept over shown, kept over the three slots and wins over decided comparisons, pooled over
    ``folders`` — each round better than both opponents on its own."""
    kept = shown = slots = 0.0
    wins = {"lookup": [0.0, 0.0], "previous": [0.0, 0.0]}
    for folder in folders:
        s = _score(folder)
        assert s["problems"] >= 60 and len(s["reviewers"]) == 2
        u, vs = s["mean"]["usable"], s["mean"]["vs"]
        assert u["current"]["usable_rate"] > max(u["lookup"]["usable_rate"], u["previous"]["usable_rate"])
        kept, shown, slots = kept + u["current"]["kept"], shown + u["current"]["shown"], slots + u["current"]["slots"]
        for k, w in wins.items():
            w[0] += vs[k]["wins"]
            w[1] += vs[k]["wins"] + vs[k]["losses"]
    return {"usable": kept / shown, "per_slot": kept / slots,
            "vs_lookup": wins["lookup"][0] / wins["lookup"][1], "vs_previous": wins["previous"][0] / wins["previous"][1]}


def test_judged_rounds_as_reported():
    """The README's numbers of this stop's code: rounds r31–r36 (384 problems, twelve reviewers),
    pooled, and its last two rounds (this release's public lists)."""
    p = _pooled(JUDGED)
    assert p["usable"] >= CURRENT_USABLE and p["per_slot"] >= KEPT_PER_SLOT
    assert p["vs_lookup"] >= WON_VS_LOOKUP and p["vs_previous"] >= WON_VS_PREVIOUS
    last = _pooled(LAST)
    assert last["usable"] >= LAST_USABLE and last["vs_lookup"] >= LAST_VS_LOOKUP
    # this release's public lists are r33's but for one: r31–r33 pooled 0.89, 85 %, 73 %
    lists = _pooled(JUDGED[:3])
    assert lists["usable"] >= 0.88 and lists["vs_lookup"] >= 0.84 and lists["vs_previous"] >= 0.73


def test_pooled_rounds_as_reported():
    """The README's pooled numbers of rounds r15–r36 (1,408 problems, forty-four reviewers)."""
    p = _pooled(ROUNDS)
    assert p["usable"] >= POOLED_USABLE and p["per_slot"] >= POOLED_PER_SLOT
    assert p["vs_lookup"] >= POOLED_VS_LOOKUP and p["vs_previous"] >= POOLED_VS_PREVIOUS


def _team_pool(folders: list[Path]) -> tuple[float, float, float, float]:
    """Pooled over rounds: usable, its margin over the previous release's, won of decided vs the
    lookup and vs the previous release."""
    kept = shown = prev_kept = prev_shown = 0.0
    wins = {"lookup": [0.0, 0.0], "previous": [0.0, 0.0]}
    for folder in folders:
        s = _score(folder)
        assert s["problems"] >= 60 and len(s["reviewers"]) == 2
        u, vs = s["mean"]["usable"], s["mean"]["vs"]
        kept, shown = kept + u["current"]["kept"], shown + u["current"]["shown"]
        prev_kept, prev_shown = prev_kept + u["previous"]["kept"], prev_shown + u["previous"]["shown"]
        for k, w in wins.items():
            w[0] += vs[k]["wins"]
            w[1] += vs[k]["wins"] + vs[k]["losses"]
    return (kept / shown, kept / shown - prev_kept / prev_shown,
            wins["lookup"][0] / wins["lookup"][1], wins["previous"][0] / wins["previous"][1])


def test_team_rounds_as_reported():
    """The README's numbers on the team's department summaries (t3–t8, t15, t17): better than the
    lookup, more usable than the previous release, which still wins most comparisons."""
    usable, margin, vs_lookup, vs_previous = _team_pool(TEAM)
    assert usable >= TEAM_USABLE and margin >= TEAM_MARGIN
    assert vs_lookup >= TEAM_VS_LOOKUP and vs_previous >= TEAM_VS_PREVIOUS


def test_latest_team_round_as_reported():
    """The README's fresh draw on the latest code (t17), judged by two pairs of reviewers: each pair
    keeps more than three quarters of what is shown."""
    usable, margin, vs_lookup, vs_previous = _team_pool(LATEST_TEAM)
    assert usable >= LATEST_USABLE and margin >= LATEST_MARGIN
    assert vs_lookup >= LATEST_VS_LOOKUP and vs_previous >= LATEST_VS_PREVIOUS
    for folder in LATEST_TEAM:
        assert _team_pool([folder])[0] >= 0.76


def test_previous_judged_as_reported():
    """`check --previous`, judged blind (round 2, after the threshold change): the README's precisions."""
    res = load_bench("judge_previous").score(ROOT / "bench" / "results" / "previous" / "0.2.0-r2")
    avg = res["average"]
    assert avg["not_reported"]["precision"] >= 0.90 and avg["reported"]["precision"] >= 0.96
    key = json.loads((ROOT / "bench" / "results" / "previous" / "0.2.0-r2" / "key.json").read_text("utf-8"))
    kinds = [v["kind"] for v in key.get("items", key).values() if isinstance(v, dict)]
    assert kinds.count("not_reported") >= 50 and kinds.count("reported") >= 50


def test_side_by_side_round_as_reported():
    """The README's side-by-side round ab33: on the 22 public statements whose lists differ, r33's
    code (the previous version here) kept more and won most comparisons — why the owner-alone
    penalty is applied to department summaries only."""
    s = _score(JUDGE / "0.2.0-ab33")
    assert s["problems"] == 22 and len(s["reviewers"]) == 2
    u, vs = s["mean"]["usable"], s["mean"]["vs"]["previous"]
    assert u["current"]["usable_rate"] >= 0.73 and u["previous"]["usable_rate"] >= 0.80
    assert vs["losses"] >= 10 and vs["wins"] / (vs["wins"] + vs["losses"]) <= 0.13


def test_fresh_public_round_as_reported():
    """The README's fresh public draw on the final code of 3 December (r38, reviewers DK/DL): the
    public lists are unchanged since r36's code but for one reordered list."""
    p = _pooled([JUDGE / "0.2.0-r38"])
    assert p["usable"] >= 0.83 and p["vs_lookup"] >= 0.87 and p["vs_previous"] >= 0.63
    pooled = _pooled([*JUDGED, JUDGE / "0.2.0-r38"])
    assert pooled["usable"] >= 0.844 and pooled["vs_lookup"] >= 0.82


@pytest.mark.parametrize("round_, problems, current_min, previous_max, wins_min, share_min", [
    # t14: the bare-key and one-key-fill rules on the 22 team lists they changed
    ("0.2.0-t14", 22, 0.79, 0.58, 12, 0.85),
    # t16: the rules on another subject, industry, campaign and level on their 22 team lists
    ("0.2.0-t16", 22, 0.73, 0.56, 10, 0.8),
    # t18: the five team lists changed after t17 (a campaign under way, a lead-in before a colon,
    # names opening with a negation, a national strategy): none lost
    ("0.2.0-t18", 5, 0.9, 0.64, 3.5, 1.0),
    # t21: another report's figures left out of the measures it offers (six team lists): none lost
    ("0.2.0-t21", 6, 0.69, 0.59, 2, 1.0),
    # t22: 缓解 for pressures, rules uneven/absent/rate-high, consequence clauses, schooling terms (16 team lists)
    ("0.2.0-t22", 16, 0.78, 0.62, 7.5, 1.0),
    # r43: the final code of 4 Dec against t22's on the 14 public lists that differ
    ("0.2.0-r43", 14, 0.95, 0.92, 5, 0.7),
    # r45, t25: a measure whose topic words a kept one already writes is not shown again; a
    # prefecture's short form (大连) is a place (11 public and 2 team lists)
    ("0.2.0-r45", 11, 0.92, 0.83, 5, 0.7),
    ("0.2.0-t25", 2, 0.83, 0.67, 1, 1.0),
    # r47: a key named only as one sector's (农业科技创新 for 科技创新能力还不强): 7 public lists
    ("0.2.0-r47", 7, 0.9, 0.8, 4, 0.8),
])
def test_side_by_side_gain_as_reported(round_: str, problems: int, current_min: float, previous_max: float,
                                       wins_min: float, share_min: float) -> None:
    """The README's side-by-side rounds on exactly the lists a change touched: this version kept more
    of what it showed than the version before the change and won most decided comparisons."""
    s = _score(JUDGE / round_)
    assert s["problems"] == problems and len(s["reviewers"]) == 2
    u, vs = s["mean"]["usable"], s["mean"]["vs"]["previous"]
    assert u["current"]["usable_rate"] >= current_min and u["previous"]["usable_rate"] <= previous_max
    assert vs["wins"] >= wins_min and vs["wins"] / (vs["wins"] + vs["losses"]) >= share_min


def test_rewrite_rules_rounds_as_reported():
    """The README's side-by-side rounds r39 and r40: the public lists the new rewrite rules changed
    (five, then four): kept more of what was shown and won more than they lost."""
    kept = shown = prev_kept = prev_shown = wins = losses = 0.0
    for name, n in (("0.2.0-r39", 5), ("0.2.0-r40", 4)):
        s = _score(JUDGE / name)
        assert s["problems"] == n and len(s["reviewers"]) == 2
        u, vs = s["mean"]["usable"], s["mean"]["vs"]["previous"]
        kept, shown = kept + u["current"]["kept"], shown + u["current"]["shown"]
        prev_kept, prev_shown = prev_kept + u["previous"]["kept"], prev_shown + u["previous"]["shown"]
        wins, losses = wins + vs["wins"], losses + vs["losses"]
    assert kept / shown >= 0.88 and prev_kept / prev_shown <= 0.74
    assert wins == 6.5 and losses == 1.0


def test_owned_head_round_as_reported():
    """The README's side-by-side round t20 judged a broader trial of the owned-head rule on 8 team
    lists; the rule kept (single keys, 力量 ~ 队伍/人员) changes 3 of them exactly as judged there — the
    market-supervision, legal-service and elderly-care statements — and lost none of them."""
    folder = JUDGE / "0.2.0-t20"
    key = json.loads((folder / "key.json").read_text("utf-8"))["items"]
    problems = {p["pid"]: p for p in json.loads((folder / "systems.json").read_text("utf-8"))["problems"]}
    kept = {"09_scjg_2024_halfyear", "23-heading-comma", "24-problem-no-plan"}
    outcome = {"won": 0, "lost": 0, "tied": 0}
    for f in sorted(folder.glob("verdicts_*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            v = json.loads(line)
            info = key[v["item"]]
            if info["opponent"] != "previous" or not any(k in problems[info["problem"]]["doc"] for k in kept):
                continue
            current = "甲" if info["甲"] == "current" else "乙"
            outcome["tied" if v["winner"] == "tie" else "won" if v["winner"] == current else "lost"] += 1
    assert outcome == {"won": 4, "lost": 0, "tied": 2}  # 3 statements × 2 reviewers


def test_word_swap_round_as_reported():
    """The README's round r41: the 15 public lists where only 化解 became 缓解 (…压力, structural
    矛盾) were judged side by side: every comparison a tie, the same share kept."""
    s = _score(JUDGE / "0.2.0-r41")
    assert s["problems"] == 15 and len(s["reviewers"]) == 2
    u, vs = s["mean"]["usable"], s["mean"]["vs"]["previous"]
    assert vs["ties"] == 15 and vs["wins"] == vs["losses"] == 0
    assert u["current"]["usable_rate"] == u["previous"]["usable_rate"] >= 0.95


def test_first_form_of_the_new_rules_as_reported():
    """The README's rounds r42 and t23 on the first form of 4 December's rules (before rule
    `inefficient` was dropped and `strain` got its alternate wording): public 5 won, 5.5 lost; team
    1 won, none lost."""
    r42, t23 = _score(JUDGE / "0.2.0-r42"), _score(JUDGE / "0.2.0-t23")
    assert r42["problems"] == 15 and t23["problems"] == 3
    vs = r42["mean"]["vs"]["previous"]
    assert (vs["wins"], vs["losses"]) == (5.0, 5.5)
    vs = t23["mean"]["vs"]["previous"]
    assert (vs["wins"], vs["losses"]) == (1.0, 0.0)


def test_fresh_rounds_of_4_december_as_reported():
    """The README's fresh random draws of 4 December: 64 public statements (r44, EG/EH; r46, EK/EL on
    the code after r45) and 64 of the team's (t24, EE/EF); the public pools and the team pool."""
    r44 = _pooled([JUDGE / "0.2.0-r44"])
    assert r44["usable"] >= 0.855 and r44["vs_lookup"] >= 0.75 and r44["vs_previous"] >= 0.60
    # r46, a second fresh public draw on the code after r45 (EK/EL): 0.81; the two pooled 0.83, and
    # every public round of this version 0.843 — the 0.85 target is not met pooled
    r46 = _pooled([JUDGE / "0.2.0-r46"])
    assert r46["usable"] >= 0.81 and r46["vs_lookup"] >= 0.77 and r46["vs_previous"] >= 0.63
    latest = _pooled([JUDGE / "0.2.0-r44", JUDGE / "0.2.0-r46"])
    assert latest["usable"] >= 0.833 and latest["vs_lookup"] >= 0.76
    pooled = _pooled([*JUDGED, JUDGE / "0.2.0-r38", JUDGE / "0.2.0-r44", JUDGE / "0.2.0-r46"])
    assert pooled["usable"] >= 0.842 and pooled["vs_lookup"] >= 0.80
    usable, margin, vs_lookup, vs_previous = _team_pool([JUDGE / "0.2.0-t24"])
    assert usable >= 0.815 and margin >= 0.27 and vs_lookup >= 0.85 and vs_previous >= 0.52
    usable, margin, vs_lookup, vs_previous = _team_pool([*TEAM, JUDGE / "0.2.0-t24"])
    assert usable >= 0.71 and vs_lookup >= 0.80 and vs_previous >= 0.31


def test_fresh_rounds_of_the_decision_rule_as_reported():
    """The README's fresh random draws on commit 8daf4df (r48, EO/EP; r49, EQ/ER), judged under the
    rule written before their verdicts (``0.2.0-r48/precommit.md``): #13's usable target is met only
    if the two pooled reach 0.85 usable and 75 % won against the lookup. They give 0.861 and 82 %."""
    assert "before any verdict" in (JUDGE / "0.2.0-r48" / "precommit.md").read_text("utf-8")
    r48, r49 = _pooled([JUDGE / "0.2.0-r48"]), _pooled([JUDGE / "0.2.0-r49"])
    assert r48["usable"] >= 0.88 and r48["vs_lookup"] >= 0.84 and r48["vs_previous"] >= 0.72
    assert r49["usable"] >= 0.83 and r49["vs_lookup"] >= 0.79 and r49["vs_previous"] >= 0.56
    both = _pooled([JUDGE / "0.2.0-r48", JUDGE / "0.2.0-r49"])
    assert both["usable"] >= 0.86 and both["vs_lookup"] >= 0.81 and both["per_slot"] >= 0.67
    # every fresh public draw of 4 December pooled (two versions of the code): 0.848
    fresh = _pooled([JUDGE / f"0.2.0-{r}" for r in ("r44", "r46", "r48", "r49")])
    assert fresh["usable"] >= 0.847 and fresh["vs_lookup"] >= 0.78


def test_team_draw_of_the_decision_code_as_reported():
    """The README's fresh team draw on the code of r48/r49 (t26, ES/ET): 0.85 usable, 88 % won
    against the lookup, 45 % against the previous release (which still wins more of the decided
    department comparisons than it loses: 14.5 to 18)."""
    usable, margin, vs_lookup, vs_previous = _team_pool([JUDGE / "0.2.0-t26"])
    assert usable >= 0.848 and margin >= 0.26 and vs_lookup >= 0.88 and 0.44 <= vs_previous < 0.5
    usable, _, vs_lookup, _ = _team_pool([JUDGE / "0.2.0-t24", JUDGE / "0.2.0-t26"])
    assert usable >= 0.833 and vs_lookup >= 0.87
    usable, _, vs_lookup, _ = _team_pool([*TEAM, JUDGE / "0.2.0-t24", JUDGE / "0.2.0-t26"])
    assert usable >= 0.724 and vs_lookup >= 0.81
