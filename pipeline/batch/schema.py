"""The pyarrow schemas of every table ``zongjie batch`` writes (the documented contract).

Every table is keyed by ``doc_id``; a row's ``*_id`` column numbers the object inside its document
(0-based, document order), so ``(doc_id, <x>_id)`` is the primary key.  Offsets are code-point
indices into the decoded text (SPEC "Offsets"); ``line`` is 1-based.  Empty tables are written with
these columns, so readers never meet a schema-less file.

SPEC tables: documents, sections, claims, placeholders, findings, problems, plans, errors.
Extra tables (inputs of the report, kept for notebooks and SQL): achievements, minhash, and the
archive-level results themes, followthrough, copies.
"""

from __future__ import annotations

import pyarrow as pa

s, i32, i64, f64, b = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_()

ROLE_COLUMNS = ("preamble", "achievements", "problems", "plans", "experience", "other")

DOCUMENTS = pa.schema([
    ("doc_id", s),             # zongjie.archive id: path under the directory given, `a.zip:member`, JSONL `id`
    ("path", s),               # where it came from: the file, `a.zip:member`, `corpus.jsonl:LINE`
    ("format", s),             # txt | md | docx | pdf | jsonl
    ("encoding", s),           # detected text encoding (null for docx/pdf/jsonl)
    ("sha256", s),             # sha256 of the decoded text (UTF-8): the resume key
    ("chars", i64),            # length of the text in code points
    ("lines", i32),
    ("title", s),              # title line (JSONL `title` overrides)
    ("org", s),                # organisation: JSONL `org` > title
    ("year", i32),             # JSONL `year` > summary_year > plan_year
    ("summary_year", i32),     # JSONL `summary_year` > title > derived from `year`
    ("plan_year", i32),        # JSONL `plan_year` > title > derived from `year`
    ("doc_type", s),           # JSONL `type` > title (annual-summary, government-work-report, …)
    ("template", s),           # checker template used
    ("sections", i32),         # number of outline nodes (all levels)
    ("claims", i32),
    ("placeholders", i32),
    ("findings", i32),
    ("errors", i32),           # findings of severity error / warning / info
    ("warnings", i32),
    ("infos", i32),
    ("problems", i32),         # problem statements
    ("plans", i32),            # plan items
    ("completeness", f64),     # share of the core parts present with content: achievements, problems, plans
    ("placeholder_density", f64),  # placeholders per 10,000 characters
    ("share_preamble", f64),   # share of the characters whose role is …
    ("share_achievements", f64),
    ("share_problems", f64),
    ("share_plans", f64),
    ("share_experience", f64),
    ("share_other", f64),
    ("version", s),            # zongjie version that produced the rows
])

SECTIONS = pa.schema([
    ("doc_id", s), ("section_id", i32),   # pre-order index of the node in the outline
    ("parent_id", i32),                   # null for a top-level node
    ("depth", i32),                       # 0 for a top-level node
    ("role", s), ("level", i32), ("marker", s), ("number", i32), ("heading", s), ("kind", s),
    ("start", i64), ("end", i64), ("line", i32),
    ("chars", i64),                       # end - start
    ("items", i32),                       # inline enumerations (一是…) directly in this node
])

CLAIMS = pa.schema([
    ("doc_id", s), ("claim_id", i32), ("text", s), ("start", i64), ("end", i64), ("line", i32),
    ("value", f64), ("value_max", f64), ("unit", s), ("qualifier", s), ("placeholder", b),
    ("subject", s), ("sentence_start", i64), ("sentence_end", i64), ("role", s),
])

PLACEHOLDERS = pa.schema([
    ("doc_id", s), ("placeholder_id", i32), ("text", s), ("start", i64), ("end", i64), ("line", i32),
    ("kind", s), ("slot", s), ("role", s),
])

FINDINGS = pa.schema([
    ("doc_id", s), ("finding_id", i32), ("rule", s), ("name", s), ("severity", s), ("message", s),
    ("start", i64), ("end", i64), ("line", i32), ("column", i32),
    ("fix", s),                           # the SPEC `fix` object as JSON text, or null
])

PROBLEMS = pa.schema([
    ("doc_id", s), ("problem_id", i32), ("text", s), ("start", i64), ("end", i64), ("line", i32),
    ("plan_id", i32),                     # the plan item that addresses it (matcher.align), or null
    ("score", f64),                       # alignment score of that plan item, or null
])

PLANS = pa.schema([
    ("doc_id", s), ("plan_id", i32), ("text", s), ("start", i64), ("end", i64), ("line", i32),
])

ERRORS = pa.schema([
    ("doc_id", s), ("path", s),
    ("stage", s),                         # read | analyze | worker
    ("error", s),                         # one line
    ("sha256", s),                        # null when the text could not be decoded
])

ACHIEVEMENTS = pa.schema([
    ("doc_id", s), ("para_id", i32), ("start", i64), ("end", i64), ("text", s),
])

MINHASH = pa.schema([
    ("doc_id", s), ("num_perm", i32),
    ("signature", pa.binary()),           # num_perm little-endian uint32 MinHash values (copies.signature)
])

THEMES = pa.schema([
    ("theme_id", i32),                    # 0 = the largest theme
    ("size", i64),                        # problem statements in the theme
    ("documents", i64),                   # distinct documents with a statement in the theme
    ("terms", s),                         # characteristic character n-grams, "、"-separated
    ("examples", s),                      # up to 3 representative statements, newline-separated
])

FOLLOWTHROUGH = pa.schema([
    ("org", s),                           # organisation key (org, or the document type when unknown)
    ("plan_doc_id", s), ("plan_year", i32), ("plan_id", i32), ("plan_text", s),
    ("result_doc_id", s),                 # the same org's report on plan_year
    ("score", f64),                       # best matcher.similarity against its achievements sentences
    ("best_match", s),                    # that sentence
    ("followed", b),                      # score >= threshold
])

COPIES = pa.schema([
    ("doc_id", s),                        # the later report
    ("earlier_doc_id", s),                # the earlier report it nearly copies
    ("jaccard", f64),                     # MinHash estimate of the character-shingle Jaccard similarity
    ("year", i32), ("earlier_year", i32),
])

#: Tables filled per document (by the workers), in write order.
DOC_TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "sections": SECTIONS, "claims": CLAIMS, "placeholders": PLACEHOLDERS,
    "findings": FINDINGS, "problems": PROBLEMS, "plans": PLANS, "errors": ERRORS,
    "achievements": ACHIEVEMENTS, "minhash": MINHASH,
}
#: Archive-level tables computed at the end from the per-document ones.
ARCHIVE_TABLES: dict[str, pa.Schema] = {"themes": THEMES, "followthrough": FOLLOWTHROUGH, "copies": COPIES}
ALL_TABLES: dict[str, pa.Schema] = {**DOC_TABLES, **ARCHIVE_TABLES}
#: The tables SPEC requires.
SPEC_TABLES = ("documents", "sections", "claims", "placeholders", "findings", "problems", "plans", "errors")
#: Primary keys (for sorting and comparisons).
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",), "sections": ("doc_id", "section_id"), "claims": ("doc_id", "claim_id"),
    "placeholders": ("doc_id", "placeholder_id"), "findings": ("doc_id", "finding_id"),
    "problems": ("doc_id", "problem_id"), "plans": ("doc_id", "plan_id"), "errors": ("doc_id",),
    "achievements": ("doc_id", "para_id"), "minhash": ("doc_id",), "themes": ("theme_id",),
    "followthrough": ("plan_doc_id", "plan_id"), "copies": ("doc_id", "earlier_doc_id"),
}


def empty(name: str) -> pa.Table:
    return ALL_TABLES[name].empty_table()


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) → a table with exactly the documented schema (missing keys → null)."""
    schema = ALL_TABLES[name]
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)


def tuples_to_table(name: str, rows: list[tuple]) -> pa.Table:
    """Rows as tuples in schema order → the table: the workers' path (no dict per row); the
    same Arrow conversion per column as :func:`to_table`."""
    schema = ALL_TABLES[name]
    if not rows:
        return schema.empty_table()
    return pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(zip(*rows), schema)],
                                schema=schema)
