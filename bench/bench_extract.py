"""zongjie against jionlp and cn2an on the golden extraction suite: accuracy per expression type and
throughput.

    python bench/bench_extract.py [--reps 5] [--markdown]

What is compared.  A case is correct for a tool when the tool finds exactly the quantities of the
case (and, for zongjie, exactly its placeholders: the baselines detect none, so they fail every case
that has a placeholder).  To be fair to tools that only return numbers, the baselines are scored on
values, not on spans, units or qualifiers: a predicted quantity matches an expected claim when its
absolute value (value x magnitude of the unit: 3.5万元 -> 35000) is the same, and, for a range, so is
the upper end; a baseline range on an expected single value (jionlp reads 10亿余元 as 10-20 亿) is
accepted on its lower end.  zongjie is scored twice: on the same value basis, and exactly (every
field, as tests/test_golden_extraction.py does).

* jionlp: ``jionlp.ner.extract_money(text, with_parsing=True)`` (money only; jionlp has no general
  quantity extractor).
* cn2an: ``cn2an.transform(text, "cn2an")``, then every Arabic number in the result, with a 万/亿
  magnitude right after it (the "parse of numeric substrings" baseline).

Throughput: cases per second over the whole suite (after one warm-up pass), CPU time, the tools
interleaved and the median taken (the bench machine is shared); and, when the real reports of
``corpora/public`` are there, characters per second on whole documents (the first 20 reports,
0.5 M characters), which is what the pipeline does in practice.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from zongjie.claims import find_claims  # noqa: E402
from zongjie.placeholders import find_placeholders  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "extraction_cases.jsonl"
_MAG = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))


def magnitude(unit: str | None) -> float:
    for prefix, m in _MAG:
        if unit and unit.startswith(prefix):
            return m
    return 1.0


def key(value, vmax, unit) -> tuple:
    if value is None:
        return (None, None)
    m = magnitude(unit)
    return (round(value * m, 4), None if vmax is None else round(vmax * m, 4))


def matches(pred: list[tuple], exp: list[tuple]) -> bool:
    """One-to-one match on values; a predicted range may stand for an expected single value."""
    if len(pred) != len(exp):
        return False
    left = list(pred)
    for e in exp:
        for i, p in enumerate(left):
            if p[0] == e[0] and (p[1] == e[1] or (e[1] is None and p[0] is not None)):
                del left[i]
                break
        else:
            return False
    return True


# --- the tools --------------------------------------------------------------------------------

def zongjie(case: dict):
    text = case["input"]
    phs = find_placeholders(text, markdown=case.get("markdown", False))
    return find_claims(text, phs), phs


def zongjie_values(case: dict) -> tuple[list[tuple], int]:
    claims, phs = zongjie(case)
    return [key(c.value, c.value_max, c.unit) for c in claims], len(phs)


def zongjie_exact(case: dict) -> bool:
    claims, phs = zongjie(case)
    got_c = [(c.text, c.value, c.value_max, c.unit, c.qualifier, c.placeholder) for c in claims]
    exp_c = [(c["text"], None if c["value"] is None else float(c["value"]),
              None if c["value_max"] is None else float(c["value_max"]), c["unit"], c["qualifier"],
              c["placeholder"]) for c in case["claims"]]
    got_p = [(p.text, p.kind, p.slot) for p in phs]
    exp_p = [(p["text"], p["kind"], p["slot"]) for p in case["placeholders"]]
    return got_c == exp_c and got_p == exp_p


def load_jionlp():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp
    return jionlp


def jionlp_values(jio, case: dict) -> tuple[list[tuple], int]:
    out = []
    try:
        items = jio.ner.extract_money(case["input"], with_parsing=True)
    except Exception:
        items = []
    for it in items:
        num = it.get("detail", {}).get("num")
        if isinstance(num, list):
            out.append((round(float(num[0]), 4), round(float(num[1]), 4)))
        elif num is not None:
            out.append((round(float(num), 4), None))
    return out, 0


_NUM = re.compile(r"(\d+(?:\.\d+)?)(万亿|亿|万)?")


def cn2an_values(cn2an, case: dict) -> tuple[list[tuple], int]:
    try:
        text = cn2an.transform(case["input"], "cn2an")
    except Exception:
        text = case["input"]
    out = []
    for m in _NUM.finditer(text):
        v = float(m.group(1)) * dict(_MAG).get(m.group(2) or "", 1.0)
        out.append((round(v, 4), None))
    return out, 0


# --- the bench ----------------------------------------------------------------------------------

def run(reps: int = 15) -> str:
    cases = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    jio = load_jionlp()
    import cn2an

    tools = {
        "zongjie (exact)": None,
        "zongjie": zongjie_values,
        "jionlp": lambda c: jionlp_values(jio, c),
        "cn2an": lambda c: cn2an_values(cn2an, c),
    }
    per_type: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for case in cases:
        exp = [key(c["value"], c["value_max"], c["unit"]) for c in case["claims"]]
        n_ph = len(case["placeholders"])
        for name, fn in tools.items():
            if fn is None:
                ok = zongjie_exact(case)
            else:
                pred, got_ph = fn(case)
                ok = matches(pred, exp) and got_ph == n_ph
            cell = per_type[case["type"]][name]
            cell[0] += ok
            cell[1] += 1

    speed = {}
    timed = {"zongjie": lambda c: zongjie(c), "jionlp": lambda c: jio.ner.extract_money(c["input"], with_parsing=True),
             "cn2an": lambda c: cn2an_values(cn2an, c)}
    for fn in timed.values():
        for c in cases:  # warm-up (lazy imports, caches)
            fn(c)
    samples: dict[str, list[float]] = {name: [] for name in timed}
    for rep in range(reps):
        order = list(timed.items()) if rep % 2 == 0 else list(timed.items())[::-1]
        for name, fn in order:
            t0 = time.process_time()
            for c in cases:
                fn(c)
            samples[name].append(time.process_time() - t0)
    for name, xs in samples.items():
        speed[name] = len(cases) / statistics.median(xs)

    docs_speed = {}
    corpora = sorted((ROOT / "corpora" / "public").glob("*/*.jsonl"))
    if corpora:
        docs = [json.loads(line)["text"] for p in corpora for line in p.read_text(encoding="utf-8").splitlines()
                if line.strip()][:20]
        chars = sum(len(d) for d in docs)
        doc_fns = {"zongjie": lambda d: find_claims(d, find_placeholders(d)),
                   "jionlp": lambda d: jio.ner.extract_money(d, with_parsing=True)}
        doc_samples: dict[str, list[float]] = {name: [] for name in doc_fns}
        for _rep in range(3):
            for name, fn in doc_fns.items():
                t0 = time.process_time()
                for d in docs:
                    fn(d)
                doc_samples[name].append(time.process_time() - t0)
        docs_speed = {name: chars / statistics.median(xs) for name, xs in doc_samples.items()}

    names = list(tools)
    lines = ["| type | cases | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    totals = {n: [0, 0] for n in names}
    for t in sorted(per_type):
        row = per_type[t]
        n = row[names[0]][1]
        cells = []
        for name in names:
            ok, tot = row[name]
            totals[name][0] += ok
            totals[name][1] += tot
            cells.append(f"{ok / tot:.2f}")
        lines.append(f"| {t} | {n} | " + " | ".join(cells) + " |")
    lines.append(f"| **all** | {totals[names[0]][1]} | "
                 + " | ".join(f"**{totals[n][0] / totals[n][1]:.2f}**" for n in names) + " |")
    lines.append("")
    lines.append("| tool | golden cases/s | vs jionlp | real reports, chars/s | vs jionlp |")
    lines.append("|---|---:|---:|---:|---:|")
    for name in ("zongjie", "jionlp", "cn2an"):
        docs_cell = (f"{docs_speed[name]:,.0f} | {docs_speed[name] / docs_speed['jionlp']:.2f}x"
                     if name in docs_speed else "– | –")
        lines.append(f"| {name} | {speed[name]:,.0f} | {speed[name] / speed['jionlp']:.2f}x | {docs_cell} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=15)
    args = ap.parse_args()
    print(run(args.reps))


if __name__ == "__main__":
    main()
