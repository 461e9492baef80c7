"""Are this checkout's outputs identical to another revision's, on every document the project ships?

For each document of ``corpora/`` (the public reports, the annotated documents, the checker's
drafts, the seed and the demo draft) it compares the SPEC JSON of ``outline --json``,
``extract --json`` and ``check --format json`` produced by this checkout with the ones of
``--rev`` (built into a temporary folder from ``git archive``, run in a subprocess, never
installed), and lists every document whose output differs, with the first differing key.

Run: ``.venv/bin/python bench/compare_outputs.py --rev 563aaee [--out bench/results/compare.json]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs inside the interpreter of either revision: reads the document list on stdin, prints one JSON
# line per document. Only the public API (`analyze`, `to_dict` shapes) is used, so it runs on both.
DUMP = r"""
import json, sys
import zongjie
from zongjie.reader import read_file
for line in sys.stdin:
    job = json.loads(line)
    if "path" in job:
        src = read_file(job["path"])
        text, md = src.text, src.markdown
    else:
        text, md = job["text"], False
    doc = zongjie.analyze(text, file=job["id"], markdown=md)
    out = {"id": job["id"], "outline": doc.outline_dict(), "extract": doc.extract_dict(),
           "check": {"template": doc.template, "findings": [f.to_dict() for f in doc.findings]}}
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def jobs() -> list[dict]:
    out: list[dict] = []
    for f in sorted((ROOT / "corpora" / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            out.append({"id": f"{f.name}#{d['id']}", "text": d["text"]})
    for folder in ("annotated", "drafts", "demo"):
        for p in sorted((ROOT / "corpora" / folder).iterdir()):
            if p.suffix in (".txt", ".md", ".docx"):
                out.append({"id": f"{folder}/{p.name}", "path": str(p)})
    out.append({"id": "seed.txt", "path": str(ROOT / "corpora" / "seed.txt")})
    return out


def dump(pythonpath: str | None, todo: list[dict], tmp: Path) -> dict[str, dict]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "ZONGJIE_CACHE_DIR": str(tmp / "cache")}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    run = subprocess.run([sys.executable, "-c", DUMP], input="".join(json.dumps(j) + "\n" for j in todo),
                         capture_output=True, text=True, env=env, cwd=tmp, check=True)
    return {d["id"]: d for d in map(json.loads, run.stdout.splitlines())}


def build(rev: str, where: Path) -> str:
    """The package of ``rev`` installed into ``where/site`` (from ``git archive``); its path."""
    src, site = where / "src", where / "site"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(where / "w"), str(src)],
                   check=True, capture_output=True)
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), *map(str, (where / "w").glob("*.whl"))],
                   check=True, capture_output=True)
    return str(site)


def first_difference(a: object, b: object, path: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {a!r:.80} != {b!r:.80}"
    if isinstance(a, dict):
        assert isinstance(b, dict)
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'new' if k in a else 'old'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        assert isinstance(b, list)
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r:.80} != {b!r:.80}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rev", required=True, help="the revision to compare with (e.g. the last release)")
    ap.add_argument("--new", default=None, help="compare this revision instead of the working tree")
    ap.add_argument("--out", default=None, help="write the comparison as JSON here")
    a = ap.parse_args()
    todo = jobs()
    with tempfile.TemporaryDirectory(prefix="zongjie-compare-") as t:
        tmp = Path(t)
        old = dump(build(a.rev, tmp / "old"), todo, tmp)
        new = dump(build(a.new, tmp / "new") if a.new else None, todo, tmp)
    rows = []
    for j in todo:
        for part in ("outline", "extract", "check"):
            d = first_difference(new[j["id"]][part], old[j["id"]][part], part)
            if d:
                rows.append({"document": j["id"], "part": part, "difference": d})
    res = {"rev": a.rev, "documents": len(todo), "identical": len(todo) - len({r["document"] for r in rows}),
           "differences": rows}
    print(f"{res['identical']}/{len(todo)} documents identical to {a.rev} (outline, extract, check)")
    for r in rows:
        print(f"  {r['document']}: {r['difference']}")
    if a.out:
        Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
