"""Train the paragraph-role classifier shipped as models/roles.json (reproducible: fixed seed).

Training data (never the evaluation documents of bench/evaluate.py's real set):
- paragraphs of the real reports in corpora/public that are NOT in corpora/real/structure.jsonl,
  labelled by the engine's *headed* sections only (weak labels: role_source rule/inherited);
- corpora/seed.txt and the team's drafts in corpora/drafts (same weak labelling).
Model: TF-IDF over character 1–2-grams restricted to the 4,000 most informative n-grams (chi²),
multinomial logistic regression. Exported as plain JSON (vocabulary, idf, coefficients) so the
run time scores it in pure Python without scikit-learn.
Usage: python models/train_roles.py  → models/roles.json and a held-out accuracy report.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA_DIR = ROOT / "corpora"

LABELS = ["achievements", "problems", "plans", "experience", "other", "preamble"]


def paragraphs(doc) -> list[tuple[str, str]]:
    from zongjie.segment import split_lines

    out = []
    heads = {s.line for s in doc.walk() if s.heading is not None}
    for ln in split_lines(doc.text):
        if ln.no in heads or ln.end - ln.start < 20:
            continue
        node = doc.node_at(ln.start)
        if node is None or node.role_source not in ("rule", "inherited", "cue"):
            continue
        out.append((doc.text[ln.start:ln.end], node.role))
    return out


def main() -> None:
    import zongjie
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.feature_selection import SelectKBest, chi2
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import classification_report

    held = {json.loads(line)["doc_id"] for line in (ROOT / "corpora/real/structure.jsonl").open(encoding="utf-8")}
    data: list[tuple[str, str, str]] = []
    for f in sorted((CORPORA_DIR / "public").glob("*/*.jsonl")):
        for line in f.open(encoding="utf-8"):
            d = json.loads(line)
            if d["id"] in held:
                continue
            data += [(d["id"], t, r) for t, r in paragraphs(zongjie.structure(d["text"]))]
    extra = [CORPORA_DIR / "seed.txt", *sorted((ROOT / "corpora/drafts").glob("*.txt"))]
    for p in extra:
        data += [(p.name, t, r) for t, r in paragraphs(zongjie.structure(p.read_text("utf-8", errors="ignore")))]
    random.Random(7).shuffle(data)
    docs = sorted({d for d, _, _ in data})
    random.Random(11).shuffle(docs)
    test_docs = set(docs[: max(1, len(docs) // 5)])
    train = [(t, r) for d, t, r in data if d not in test_docs]
    test = [(t, r) for d, t, r in data if d in test_docs]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    X = vec.fit_transform([t for t, _ in train])
    y = [r for _, r in train]
    # sklearn is unannotated: pyright infers the return types below from its source, wrongly
    sel = SelectKBest(chi2, k=min(4000, X.shape[1])).fit(X, y)  # pyright: ignore[reportOptionalSubscript, reportAttributeAccessIssue] - a sparse matrix
    vocab = [f for f, keep in zip(vec.get_feature_names_out(), sel.get_support()) if keep]  # pyright: ignore[reportArgumentType] - a boolean mask
    vec2 = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocab)
    X2 = vec2.fit_transform([t for t, _ in train])
    clf = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced").fit(X2, y)
    pred = clf.predict(vec2.transform([t for t, _ in test]))
    print(classification_report([r for _, r in test], pred, zero_division=0))  # pyright: ignore[reportArgumentType] - unannotated sklearn: inferred as str from the default "warn"
    model = {
        "kind": "tfidf-char12-logreg", "classes": list(clf.classes_), "ngram_range": [1, 2],
        "vocab": {f: i for i, f in enumerate(vec2.get_feature_names_out())},
        "idf": [round(float(x), 5) for x in vec2.idf_],
        "coef": [[round(float(x), 4) for x in row] for row in clf.coef_],
        "intercept": [round(float(x), 4) for x in clf.intercept_],
        "train_paragraphs": len(train), "test_paragraphs": len(test),
        "test_accuracy": round(float((pred == [r for _, r in test]).mean()), 4),
    }
    (ROOT / "models/roles.json").write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print("wrote models/roles.json", model["test_accuracy"], len(vocab), "features")


if __name__ == "__main__":
    main()
