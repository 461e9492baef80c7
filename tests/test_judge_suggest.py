"""bench/judge_suggest.py: blind items, key, scoring and the audit checks, on a tiny synthetic
setup (hand-made suggestions stand in for the three systems; no index, no corpora)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.bench_modules import load_bench

ROOT = Path(__file__).resolve().parents[1]


js = load_bench("judge_suggest")

REPORT_TEXT = ("在肯定成绩的同时，我们也清醒认识到，发展中还存在一些问题：有效需求不足，重大项目储备不够；"
               "城乡区域发展不平衡问题依然比较突出。对此我们高度重视。")


def _problems(n: int = 6) -> list[Any]:
    out = []
    for i in range(1, n + 1):
        s = REPORT_TEXT.index("有效需求")
        out.append(js.Problem(f"P{i:02d}", f"cn-gwr-prov-2026-{10 + i}", f"2026年某{i}省政府工作报告", 2026,
                              "省级（某省）", f"问题{i}：有效需求不足，重大项目储备不够", s, s + 15, "前文。", "后文。"))
    return out


def _outputs(problems: list[Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    out: dict[str, dict[str, list[dict[str, Any]]]] = {s: {} for s in js.SYSTEMS}
    for p in problems:
        k = p.pid
        out["current"][k] = [{"text": f"加大重大项目储备力度{k}", "score": 0.5, "source": "rewrite"},
                             {"text": f"扩大有效投资{k}", "score": 0.4, "source": "index:x"},
                             {"text": f"培育新型消费{k}", "score": 0.3, "source": "index:y"}]
        out["lookup"][k] = [{"text": f"推动城市治理提质增效{k}", "score": 0.1, "source": "lookup:z"},
                            {"text": f"优化投资结构{k}", "score": 0.1, "source": "lookup:z"}]
        # an empty list must be shown as such and count as 0 usable
        out["previous"][k] = [] if p.pid == "P01" else [{"text": f"加快新型消费培育{k}", "score": 0.2,
                                                         "source": "rewrite"}]
    return out


def test_items_blind_and_key_complete(tmp_path: Path) -> None:
    probs = _problems()
    key = js.write_items(tmp_path, probs, _outputs(probs), seed=7, release="t")
    md = (tmp_path / "items.md").read_text("utf-8")
    low = md.lower()
    for word in js.REVEALING + ("lookup:z", "index:x", "0.5"):
        assert word.lower() not in low, word
    # every item of every problem, once, with both systems behind 甲/乙
    assert sorted(key["items"]) == sorted(f"{p.pid}-{s}" for p in probs for s in "ab")
    assert sorted(key["order"]) == sorted(key["items"])
    for iid, k in key["items"].items():
        assert f"## {iid}\n" in md
        assert {k["甲"], k["乙"]} == {"current", k["opponent"]}
    for p in probs:  # per problem: one item against each opponent
        assert sorted(key["items"][f"{p.pid}-{s}"]["opponent"] for s in "ab") == ["lookup", "previous"]
    # P01's previous list is empty: shown as such, shown count 0
    k01 = next(k for i, k in key["items"].items() if i.startswith("P01") and k["opponent"] == "previous")
    lab = "甲" if k01["甲"] == "previous" else "乙"
    assert k01["shown"][lab] == 0
    assert js.EMPTY in md
    # raw outputs kept with the sources for the README's examples
    raw = json.loads((tmp_path / "systems.json").read_text("utf-8"))
    assert raw["problems"][0]["lookup"][0]["source"] == "lookup:z"
    assert "verdicts_" in (tmp_path / "instructions.md").read_text("utf-8")


def test_layout_shuffled_but_seeded() -> None:
    probs = _problems(12)
    outs = _outputs(probs)
    md1, k1 = js.build_items(probs, outs, seed=3)
    md2, k2 = js.build_items(probs, outs, seed=3)
    _, k3 = js.build_items(probs, outs, seed=4)
    assert md1 == md2 and k1 == k2
    assert k1["order"] != k3["order"]
    # not in problem order, and comparisons not tied to a suffix or to a label
    assert k1["order"] != sorted(k1["order"])
    assert {k["opponent"] for i, k in k1["items"].items() if i.endswith("-a")} == {"lookup", "previous"}
    assert {k["甲"] for k in k1["items"].values()} >= {"current", "lookup", "previous"}
    first = [i[:3] for i in k1["order"]]
    assert first != [p.pid for p in probs for _ in "ab"]


def test_draw_caps_per_report_and_keeps_levels() -> None:
    reports = {}
    problems = {}
    for rid in ["cn-gwr-national-2020", "cn-gwr-prov-2026-11", "cn-gwr-prov-2026-12", "cpc-congress-20"]:
        reports[rid] = js.Report(rid, f"{rid}报告", 2026, REPORT_TEXT)
        problems[rid] = [SimpleNamespace(text=f"第{i}个问题：有效需求不足明显", start=i * 10, end=i * 10 + 5)
                         for i in range(5)] + [SimpleNamespace(text="太短", start=99, end=101)]
    drawn = js.draw(problems, reports, 7, seed=1)
    assert len(drawn) == 7
    per = {}
    for p in drawn:
        per[p.doc] = per.get(p.doc, 0) + 1
        assert len(p.text) >= 8
    assert max(per.values()) <= 2
    assert {"national", "provincial"} <= {reports[p.doc].group for p in drawn}
    assert [p.text for p in js.draw(problems, reports, 7, seed=1)] == [p.text for p in drawn]
    with pytest.raises(ValueError):
        js.draw(problems, reports, 9, seed=1)  # 4 reports × 2


def test_lookup_excludes_own_report_and_dedups() -> None:
    lk = js.Lookup([("加大重大项目储备力度", "a"), ("加大重大项目储备力度！", "b"), ("切实加大重大项目储备力度", "b"),
                    ("扩大有效投资规模", "b"), ("推进乡村振兴", "c")])
    got = lk.query("重大项目储备不够", exclude_doc="a")
    texts = [g["text"] for g in got]
    assert texts[0] == "加大重大项目储备力度！"
    assert "加大重大项目储备力度" not in texts  # own report
    assert "切实加大重大项目储备力度" not in texts  # near-duplicate of the first (Jaccard 9/11 ≥ 0.8)
    assert texts == ["加大重大项目储备力度！"]  # the rest share no bigram with the problem: not padded
    assert js.Lookup.sentences(["（一）加快推进信息化建设。二是统一规范数据标准；短句。第五，提高依法行政能力"]) == [
        "加快推进信息化建设", "统一规范数据标准", "提高依法行政能力"]  # markers stripped, < 8 characters dropped


def test_identical_lists_hidden_and_scored_as_ties(tmp_path: Path) -> None:
    probs = _problems(3)
    outs = _outputs(probs)
    outs["previous"]["P02"] = list(outs["current"]["P02"])  # this version = the previous one here
    key = js.write_items(tmp_path, probs, outs, seed=5, release="t")
    md = (tmp_path / "items.md").read_text("utf-8")
    hidden = [i for i, k in key["items"].items() if k["hidden"]]
    assert key["hidden"] == hidden and len(hidden) == 1
    hid = hidden[0]
    assert hid.startswith("P02") and key["items"][hid]["opponent"] == "previous"
    assert f"## {hid}" not in md and hid not in key["order"] and len(key["order"]) == 5
    sib = key["items"][hid]["sibling"]
    assert f"## {sib}" in md  # the lookup comparison of P02 is still shown
    cur = "甲" if key["items"][sib]["甲"] == "current" else "乙"
    rows = [{"item": i, "winner": "tie", "keep_甲": 0, "keep_乙": 0, "note": ""} for i in key["order"]]
    for r in rows:
        if r["item"] == sib:
            r[f"keep_{cur}"] = 2
    (tmp_path / "verdicts_r1.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    res = js.score(key, js.load_verdicts(tmp_path, key))
    u = res["per_reviewer"]["r1"]["usable"]
    # the hidden identical list is kept as often as in its sibling, for both systems
    assert u["previous"]["kept"] == 2 and u["current"]["kept"] == 4
    assert res["per_reviewer"]["r1"]["vs"]["previous"]["ties"] == 3
    assert res["items"] == 5 and res["hidden_items_scored_as_ties"] == 1
    # a verdict on an item nobody saw is an error
    (tmp_path / "verdicts_r1.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows + [
        {"item": hid, "winner": "tie", "keep_甲": 0, "keep_乙": 0}]), "utf-8")
    with pytest.raises(js.VerdictError, match="not shown"):
        js.load_verdicts(tmp_path, key)
    # --show-identical keeps them
    _, shown = js.build_items(probs, outs, seed=5, show_identical=True)
    assert not shown["hidden"] and len(shown["order"]) == 6


def _verdict_dir(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A hand-made key of 4 items (2 problems) and two reviewers' verdicts."""
    key = {"problems": 2, "top": 3, "release": "t", "order": ["P01-a", "P01-b", "P02-a", "P02-b"], "items": {
        "P01-a": {"problem": "P01", "opponent": "lookup", "甲": "current", "乙": "lookup",
                  "shown": {"甲": 3, "乙": 3}, "identical": False},
        "P01-b": {"problem": "P01", "opponent": "previous", "甲": "previous", "乙": "current",
                  "shown": {"甲": 0, "乙": 3}, "identical": False},
        "P02-a": {"problem": "P02", "opponent": "previous", "甲": "current", "乙": "previous",
                  "shown": {"甲": 2, "乙": 2}, "identical": True},
        "P02-b": {"problem": "P02", "opponent": "lookup", "甲": "lookup", "乙": "current",
                  "shown": {"甲": 3, "乙": 2}, "identical": False}}}
    (tmp_path / "key.json").write_text(json.dumps(key, ensure_ascii=False), "utf-8")
    r1 = [{"item": "P01-a", "winner": "甲", "keep_甲": 2, "keep_乙": 1, "note": ""},
          {"item": "P01-b", "winner": "乙", "keep_甲": 0, "keep_乙": 3, "note": ""},
          {"item": "P02-a", "winner": "tie", "keep_甲": 1, "keep_乙": 1, "note": ""},
          {"item": "P02-b", "winner": "甲", "keep_甲": 2, "keep_乙": 1, "note": ""}]
    r2 = [{"item": "P01-a", "winner": "甲", "keep_甲": 3, "keep_乙": 0, "note": ""},
          {"item": "P01-b", "winner": "tie", "keep_甲": 0, "keep_乙": 1, "note": ""},
          {"item": "P02-a", "winner": "tie", "keep_甲": 1, "keep_乙": 1, "note": ""},
          {"item": "P02-b", "winner": "乙", "keep_甲": 0, "keep_乙": 2, "note": ""}]
    for name, rows in (("r1", r1), ("r2", r2)):
        (tmp_path / f"verdicts_{name}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return tmp_path, key


def test_score_usable_wins_kappa(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = _verdict_dir(tmp_path)
    assert js.main(["score", "--dir", str(folder)]) == 0
    res = json.loads((folder / "score.json").read_text("utf-8"))
    r1 = res["per_reviewer"]["r1"]
    # current: kept 2+3+1+1 = 7 of shown 3+3+2+2 = 10, of 12 slots
    assert r1["usable"]["current"]["kept"] == 7 and r1["usable"]["current"]["shown"] == 10
    assert r1["usable"]["current"]["usable_rate"] == 0.7
    assert r1["usable"]["current"]["usable_rate_top"] == round(7 / 12, 4)
    assert r1["usable"]["current_vs_lookup"]["usable_rate"] == round(3 / 5, 4)
    # lookup: kept 1+2 of 6 shown; previous: 0+1 of 2 shown (one empty list) and of 6 slots
    assert r1["usable"]["lookup"]["usable_rate"] == 0.5
    assert r1["usable"]["previous"]["usable_rate"] == 0.5
    assert r1["usable"]["previous"]["usable_rate_top"] == round(1 / 6, 4)
    assert r1["usable"]["previous"]["empty_lists"] == 1
    assert r1["vs"]["lookup"] == {"wins": 1, "losses": 1, "ties": 0, "decided": 2, "won_share_of_decided": 0.5,
                                  "identical_lists": 0}
    assert r1["vs"]["previous"]["wins"] == 1 and r1["vs"]["previous"]["ties"] == 1
    assert r1["vs"]["previous"]["identical_lists"] == 1
    r2 = res["per_reviewer"]["r2"]
    assert r2["vs"]["lookup"]["wins"] == 2 and r2["vs"]["lookup"]["won_share_of_decided"] == 1.0
    assert res["mean"]["vs"]["lookup"]["won_share_of_decided"] == 0.75
    assert res["mean"]["usable"]["current"]["usable_rate"] == round((0.7 + 0.7) / 2, 4)
    # winners in system terms: r1 = current, current, tie, other; r2 = current, tie, tie, current
    # p_o = 2/4; p_e = (2/4·2/4 + 1/4·2/4 + 1/4·0) = 3/8; kappa = (1/2 − 3/8) / (5/8) = 0.2
    ag = res["agreement"][0]
    assert ag["all"]["same_winner_rate"] == 0.5
    assert ag["all"]["kappa"] == 0.2
    assert res["problems"] == 2
    assert "wins" in capsys.readouterr().out


def test_kappa_known_values() -> None:
    assert js.cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    assert js.cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
    assert js.cohen_kappa(["a", "a"], ["a", "a"]) is None  # chance agreement 1: undefined


@pytest.mark.parametrize("change, message", [
    (lambda rows: rows[:-1], "without a verdict"),
    (lambda rows: rows + rows[:1], "judged twice"),
    # P01-b's 甲 list is empty: nothing can be kept from it
    (lambda rows: [dict(r, **({"keep_甲": 1} if r["item"] == "P01-b" else {})) for r in rows], "0–0"),
    (lambda rows: [dict(r, **({"keep_乙": 3} if r["item"] == "P02-b" else {})) for r in rows], "0–2"),
    (lambda rows: [dict(rows[0], winner="A")] + rows[1:], "winner"),
    (lambda rows: [dict(rows[0], item="P09-a")] + rows[1:], "unknown item"),
])
def test_score_validation(tmp_path: Path, change: Any, message: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    folder, key = _verdict_dir(tmp_path)
    f = folder / "verdicts_r2.jsonl"
    rows = [json.loads(x) for x in f.read_text("utf-8").splitlines()]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in change(rows)) + "\n", "utf-8")
    with pytest.raises(js.VerdictError, match=message):
        js.load_verdicts(folder, key)
    assert js.main(["score", "--dir", str(folder)]) == 2
    assert not (folder / "score.json").exists()
    assert "error" in capsys.readouterr().err


def test_audit_checks() -> None:
    entries = [
        ("d1", "本省文本", "问题一还不够", ["（一）加快信息化建设", "加快信息化建设步伐", "加快信息化建设。"]),
        ("d1", "本省文本", "问题二", []),
        ("d2", "本省文本", "问题三", ["一是健全机制", "统一、规范数据标准", "增长5%左右" + "很长" * 30,
                                 "学习浙江千万工程经验"]),
    ]
    res = js.audit_entries(entries,
                           classify=lambda s: ("problem", 0.9) if "不够" in s or "%" in s else ("action", 0.9),
                           has_deficiency=lambda s: "%" in s,
                           foreign_marks=lambda s, d: ["浙江"] if "浙江" in s and "浙江" not in d else [])
    assert res["problems"] == 3 and res["suggestions"] == 7
    assert res["empty_lists"]["count"] == 1
    c = res["checks"]
    assert c["section_marker"]["count"] == 2  # （一） and 一是, not 统一、
    assert c["near_duplicate"]["count"] == 1  # 加快信息化建设。 repeats the first (Jaccard 1.0)
    assert c["longer_than_60"]["count"] == 1
    assert c["classified_problem"]["count"] == 1 and c["has_deficiency"]["count"] == 1
    assert c["names_other_place"]["count"] == 1
    assert c["names_other_place"]["examples"][0]["why"] == ["浙江"]
    assert c["section_marker"]["problems_affected"] == 2


def test_audit_reports_missing_classifiers() -> None:
    res = js.audit_entries([("d1", "", "问题", ["加快建设"])], unavailable={"has_deficiency": "ImportError: x"})
    for name in ("classified_problem", "has_deficiency", "names_other_place"):
        assert res["checks"][name]["count"] == "unavailable"
    assert res["checks"]["has_deficiency"]["reason"] == "ImportError: x"
    assert res["checks"]["section_marker"]["count"] == 0


def test_marker_pattern() -> None:
    hits = ["（三）推进改革", "(2)加强监管", "1.加快建设", "推进改革，二是加强监管", "①加快", "一、总体要求"]
    misses = ["统一、规范数据标准", "增长1.5%", "唯一是指", "2025年完成", "第一产业增加值"]
    assert all(js.RE_MARKER.search(s) for s in hits)
    assert not any(js.RE_MARKER.search(s) for s in misses)


def test_lazy_classifier_resolution() -> None:
    fn, why = js.lazy("json", "dumps", ({},))
    assert fn is not None and why is None
    fn, why = js.lazy("json", "loads", ("{",))  # importable but failing (e.g. its data not there yet)
    assert fn is None and why.startswith("JSONDecodeError")
    fn, why = js.lazy("zongjie_no_such_module", "f", ())
    assert fn is None and "ModuleNotFoundError" in why


def test_examples_come_from_the_verdicts() -> None:
    folder = ROOT / "bench" / "results" / "judge" / "0.2.0-r7"
    md = js.examples(folder, good=3, bad=2, seed=1)
    heads = [ln for ln in md.splitlines() if ln.startswith("- **")]
    kept = [ln.strip() for ln in md.splitlines() if ln.strip().startswith("kept by the reviewers")]
    assert len(heads) == 5 and len(kept) == 5
    assert sum(k.startswith("kept by the reviewers: all") for k in kept) == 3
    assert sum(k.startswith("kept by the reviewers: none") for k in kept) == 2
    assert md == js.examples(folder, good=3, bad=2, seed=1)  # seeded


def test_titled_reports_carry_their_title_line() -> None:
    assert js.titled("2026年某省政府工作报告", "各位代表：").startswith("2026年某省政府工作报告\n\n")
    assert js.titled("某报告", "某报告\n正文") == "某报告\n正文"


def test_team_documents_are_reports_of_their_own_group(tmp_path: Path) -> None:
    d = tmp_path / "corpora" / "team"
    d.mkdir(parents=True)
    (d / "a.txt").write_text("某县统计局2023年工作总结\n\n一、存在的问题\n统计数据质量有待提高。\n", "utf-8")
    (d / "b.txt").write_bytes("某镇2023年工作总结\n\n一、存在的问题\n产业结构较为单一。\n".encode("gbk"))
    (d / "notes.json").write_text("{}", "utf-8")
    js_root = js.ROOT
    try:
        js.ROOT = tmp_path
        got = js.load_team_reports([d])
    finally:
        js.ROOT = js_root
    assert [r.id for r in got] == ["corpora/team/a.txt", "corpora/team/b.txt"]  # a .json sidecar is no report
    assert all(r.group == "team" and r.setting.startswith("本单位：") for r in got)
    assert got[0].title == "某县统计局2023年工作总结" and got[0].year == 2023
    assert "产业结构较为单一" in got[1].text  # read as GBK
    # the public draw's levels are not required of a team draw
    probs = {r.id: [SimpleNamespace(text=t, start=0, end=len(t))] for r, t in
             zip(got, ["统计数据质量有待提高", "产业结构较为单一"])}
    drawn = js.draw(probs, {r.id: r for r in got}, 2, 1, required=())
    assert sorted(p.doc for p in drawn) == ["corpora/team/a.txt", "corpora/team/b.txt"]
    with pytest.raises(ValueError):
        js.draw(probs, {r.id: r for r in got}, 2, 1)


def test_a_side_by_side_round_draws_only_the_statements_whose_lists_differ() -> None:
    st = [SimpleNamespace(text=f"问题{i}：有效需求不足", start=10 * i, end=10 * i + 9) for i in range(3)]
    entry = lambda s, texts: {"text": s.text, "start": s.start, "end": s.end,  # noqa: E731
                              "suggestions": [{"text": t} for t in texts]}
    current = {"r1": [entry(st[0], ["着力扩大有效需求"]), entry(st[1], ["甲", "乙"])], "r2": [entry(st[2], ["丙"])]}
    previous = {"r1": [entry(st[0], ["着力扩大有效需求"]), entry(st[1], ["乙", "甲"])], "r2": []}
    got = js.differing({"r1": st[:2], "r2": st[2:]}, current, previous)
    # the same list is no evidence; another order, or a list the other version lacks, is
    assert got == {"r1": [st[1]], "r2": [st[2]]}


def test_the_previous_version_script_runs_a_version_of_todays_layout_from_its_site() -> None:
    import os
    import subprocess
    import sys

    import zongjie

    site = str(Path(zongjie.__file__).resolve().parents[1])  # where this zongjie is importable from
    text = "某县2023年工作总结\n\n一、存在的问题\n专业人才储备不足，投融资人才较为缺乏。\n\n二、2024年工作计划\n严控新增债务规模。\n"
    req = {"top": 3, "site": site, "reports": [{"id": "x", "text": text}]}
    proc = subprocess.run([sys.executable, "-c", js._PREVIOUS_SCRIPT], input=json.dumps(req, ensure_ascii=False),
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": site}, cwd=site)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["index_documents"] >= 140  # today's meta holds a count
    problems = out["reports"]["x"]["problems"]
    assert problems and problems[0]["suggestions"]


def test_readme_examples_are_the_commands_output():
    """The README's ten examples are exactly what its two `examples` commands print."""
    readme = (ROOT / "README.md").read_text("utf-8")
    judge = ROOT / "bench" / "results" / "judge"
    good = js.examples(judge / "0.2.0-r48", good=7, bad=1, seed=48)
    bad = js.examples(judge / "0.2.0-r49", good=0, bad=2, seed=49)
    assert sum(line.startswith("- **") for line in (good + bad).splitlines()) == 10
    assert good.strip() + "\n" + bad.strip() in readme
