"""``report.html``: one self-contained page (inline CSS and SVG, no script, no external asset)
built from the output tables with DuckDB queries (memory stays flat on big archives)."""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from html import escape
from pathlib import Path

from zongjie.batch import svg
from zongjie.batch.store import SPILL

ROLE_NAMES = {"preamble": "前言", "achievements": "成绩", "problems": "问题", "plans": "计划",
              "experience": "经验", "other": "其他"}
ROLES = list(ROLE_NAMES)
MAX_DOC_ROWS = 300

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:0;color:#222;background:#fafafa;line-height:1.5}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;border-bottom:2px solid #3366cc;padding-bottom:4px;margin-top:36px}
h3{font-size:16px;margin:18px 0 6px} .muted{color:#777;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}
table{border-collapse:collapse;background:#fff;font-size:13px;width:100%;margin:6px 0}
th,td{border:1px solid #e2e2e2;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f3fa} td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{max-width:100%;height:auto;background:#fff;border:1px solid #eee;margin:4px 0}
.chart .lbl{font-size:12px;fill:#333} .chart .sm{font-size:10px} .chart .val{font-size:11px;fill:#555}
.chart .axis{stroke:#999} .ib{vertical-align:middle}
.ex{white-space:pre-line;color:#444} .empty{color:#999} .error{color:#b00020;font-weight:600}
nav a{margin-right:12px;color:#3366cc;text-decoration:none}
details{margin:6px 0} .grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}
@media (max-width:800px){.grid{grid-template-columns:1fr}}
"""


def _q(con, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def _table(headers: list[str], rows: list[list], numeric: set[int] | None = None, raw: set[int] | None = None) -> str:
    numeric, raw = numeric or set(), raw or set()
    if not rows:
        return '<p class="empty">（无）</p>'
    h = "".join(f"<th>{escape(x)}</th>" for x in headers)
    body = []
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            if i in raw:
                cells.append(f"<td>{v}</td>")
                continue
            txt = "" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))
            cls = ' class="n"' if i in numeric else ""
            cells.append(f"<td{cls}>{escape(txt)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{h}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def write_report(out: Path) -> Path:
    import duckdb

    out = Path(out)
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute("SET memory_limit = '256MB'")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET temp_directory = '{_sql_str(out / SPILL)}'")
    for name in ("documents", "sections", "claims", "placeholders", "findings", "problems", "plans",
                 "errors", "themes", "followthrough", "copies"):
        p = out / f"{name}.parquet"
        if p.exists():
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{_sql_str(p)}')")
    sections = [("summary", "概况", _summary), ("completeness", "完整度与检查", _completeness),
                ("roles", "角色占比", _roles), ("placeholders", "占位符", _placeholders),
                ("claims", "数据声明", _claims), ("themes", "问题主题", _themes),
                ("followthrough", "计划落实", _followthrough), ("copies", "近似复制", _copies),
                ("errors", "错误", _errors)]
    parts = [_section(con, anchor, title, fn) for anchor, title, fn in sections]
    con.close()
    shutil.rmtree(out / SPILL, ignore_errors=True)
    nav = "".join(f'<a href="#{a}">{escape(t)}</a>' for a, t in (
        ("completeness", "完整度与检查"), ("roles", "角色占比"), ("placeholders", "占位符"),
        ("claims", "数据声明"), ("themes", "问题主题"), ("followthrough", "计划落实"),
        ("copies", "近似复制"), ("errors", "错误")))
    html = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>zongjie 归档分析报告</title><style>{CSS}</style></head><body><main>"
            f"<h1>总结归档分析报告</h1><p class=\"muted\">zongjie batch · 生成于 "
            f"{_dt.datetime.now().strftime('%Y-%m-%d %H:%M')} · 输出目录 {escape(out.name)}</p>"
            f"<nav>{nav}</nav>" + "".join(parts) + "</main></body></html>")
    tmp = out / ".report.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, out / "report.html")
    return out / "report.html"


def _section(con, anchor: str, title: str, fn) -> str:
    """One section of the report; a table that is missing or a query that fails shows as a
    visible note in its place (the rest of the report is still written), never as an empty chart."""
    import duckdb

    try:
        return fn(con)
    except duckdb.Error as exc:
        msg = " ".join(str(exc).split())[:300]
        return f'<h2 id="{anchor}">{escape(title)}</h2><p class="error">本节生成失败：{escape(msg)}</p>'


def _sql_str(p: Path) -> str:
    return str(p).replace("'", "''")


def _summary(con) -> str:
    (n, chars, y0, y1, orgs), = _q(con, "SELECT count(*), coalesce(sum(chars),0), min(year), max(year), "
                                        "count(DISTINCT org) FROM documents")
    tot = {t: _q(con, f"SELECT count(*) FROM {t}")[0][0] for t in
           ("claims", "placeholders", "findings", "problems", "plans", "errors")}
    cards = [("文档", n), ("字符", f"{chars:,}"), ("年份", f"{y0}–{y1}" if y0 else "—"), ("机构", orgs),
             ("数据声明", tot["claims"]), ("占位符", tot["placeholders"]), ("检查结果", tot["findings"]),
             ("问题表述", tot["problems"]), ("计划条目", tot["plans"]), ("读取/分析错误", tot["errors"])]
    types = _q(con, "SELECT coalesce(doc_type,'（未知）'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC")
    return ('<div class="cards">' + "".join(f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>'
                                            for k, v in cards) + "</div>"
            + "<h3>文档类型</h3>" + svg.hbar([(t, c) for t, c in types], "文档类型"))


def _completeness(con) -> str:
    hist = _q(con, "SELECT round(completeness*3)::INT k, count(*) FROM documents GROUP BY 1 ORDER BY 1")
    labels = {0: "0/3", 1: "1/3", 2: "2/3", 3: "3/3"}
    rules = _q(con, "SELECT name, severity, count(*) FROM findings GROUP BY 1,2 ORDER BY 3 DESC LIMIT 20")
    n = _q(con, "SELECT count(*) FROM documents")[0][0]
    docs = _q(con, f"""SELECT doc_id, title, org, year, doc_type, completeness, errors, warnings, infos,
                       claims, placeholders, problems, plans FROM documents
                       ORDER BY completeness, errors DESC, warnings DESC, doc_id LIMIT {MAX_DOC_ROWS}""")
    rows = [[d[0], d[1], d[2], d[3], d[4], svg.inline_bar(d[5]) + f" {d[5] * 100:.0f}%", *d[6:]] for d in docs]
    note = (f'<p class="muted">按完整度升序、错误数降序列出前 {MAX_DOC_ROWS} 篇（共 {n} 篇）。</p>'
            if n > MAX_DOC_ROWS else "")
    return ('<h2 id="completeness">完整度与检查结果（逐篇）</h2>'
            '<p class="muted">完整度 = 成绩、问题、计划三部分中有实际内容的比例；检查结果来自 zongjie check 的规则。</p>'
            '<div class="grid"><div><h3>完整度分布</h3>'
            + svg.vbar([(labels.get(k, str(k)), c) for k, c in hist], "完整度分布", width=500)
            + "</div><div><h3>检查结果（按规则）</h3>"
            + svg.hbar([(f"{r} ({s})", c) for r, s, c in rules], "按规则的检查结果", width=520)
            + "</div></div><h3>逐篇</h3>" + note
            + _table(["doc_id", "标题", "机构", "年份", "类型", "完整度", "错误", "警告", "提示", "数据声明",
                      "占位符", "问题", "计划"], rows, numeric={3, 6, 7, 8, 9, 10, 11, 12}, raw={5}))


def _roles(con) -> str:
    cols = ", ".join(f"avg(share_{r})" for r in ROLES)
    by_type = _q(con, f"SELECT coalesce(doc_type,'（未知）'), count(*), {cols} FROM documents GROUP BY 1 ORDER BY 2 DESC")
    rows_t = [(f"{t}（{n}）", dict(zip(ROLES, v))) for t, n, *v in by_type]
    cols2 = ", ".join(f"share_{r}" for r in ROLES)
    per_doc = _q(con, f"SELECT coalesce(title, doc_id), {cols2} FROM documents "
                      f"ORDER BY year NULLS LAST, doc_id LIMIT 60")
    rows_d = [(t, dict(zip(ROLES, v))) for t, *v in per_doc]
    return ('<h2 id="roles">角色占比</h2><p class="muted">各角色（前言、成绩、问题、计划、经验、其他）所占字符比例。</p>'
            "<h3>按文档类型（平均）</h3>" + svg.stacked(rows_t, ROLES, svg.ROLE_COLORS, "按类型的角色占比", names=ROLE_NAMES)
            + "<h3>逐篇（按年份，最多 60 篇）</h3>"
            + svg.stacked(rows_d, ROLES, svg.ROLE_COLORS, "逐篇角色占比", label_chars=20, names=ROLE_NAMES))


def _placeholders(con) -> str:
    buckets = _q(con, """SELECT CASE WHEN placeholder_density = 0 THEN '0'
                              WHEN placeholder_density < 1 THEN '<1' WHEN placeholder_density < 5 THEN '1–5'
                              WHEN placeholder_density < 20 THEN '5–20' ELSE '≥20' END b, count(*),
                              min(placeholder_density) FROM documents GROUP BY 1 ORDER BY 3""")
    kinds = _q(con, "SELECT kind || ' / ' || slot, count(*) FROM placeholders GROUP BY 1 ORDER BY 2 DESC LIMIT 15")
    top = _q(con, """SELECT doc_id, title, placeholders, placeholder_density FROM documents
                     WHERE placeholders > 0 ORDER BY placeholder_density DESC, doc_id LIMIT 20""")
    return ('<h2 id="placeholders">占位符密度</h2><p class="muted">每万字占位符个数（**、XX、X月X日、【待补充】…）。</p>'
            '<div class="grid"><div><h3>密度分布（篇数）</h3>' + svg.vbar([(b, c) for b, c, _ in buckets], "占位符密度", width=500)
            + "</div><div><h3>占位符类型 / 槽位</h3>" + svg.hbar(kinds, "占位符类型", width=520) + "</div></div>"
            + "<h3>占位符最密的文档</h3>"
            + _table(["doc_id", "标题", "占位符", "每万字"], [list(r) for r in top], numeric={2, 3}))


def _claims(con) -> str:
    units = [u for u, _ in _q(con, "SELECT unit, count(*) FROM claims WHERE unit IS NOT NULL AND unit <> '' "
                                   "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15")]
    years = [y for (y,) in _q(con, "SELECT DISTINCT d.year FROM claims c JOIN documents d USING (doc_id) "
                                   "WHERE d.year IS NOT NULL ORDER BY 1 DESC LIMIT 40")]
    years = sorted(years)
    vals = {}
    if units and years:
        for u, y, c in _q(con, f"""SELECT c.unit, d.year, count(*) FROM claims c JOIN documents d USING (doc_id)
                                  WHERE c.unit IN ({",".join("?" * len(units))}) AND d.year >= ?
                                  GROUP BY 1, 2""", [*units, years[0]]):
            vals[(u, str(y))] = c
    per_year = _q(con, "SELECT d.year, count(*) * 10000.0 / max(d2.c) FROM claims c JOIN documents d USING (doc_id) "
                       "JOIN (SELECT sum(chars) c, year FROM documents GROUP BY year) d2 ON d2.year = d.year "
                       "WHERE d.year IS NOT NULL GROUP BY 1 ORDER BY 1")
    top_units = _q(con, "SELECT unit, count(*) FROM claims GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15")
    return ('<h2 id="claims">数据声明：按单位与年份</h2>'
            '<p class="muted">“数据声明”是文中可核对的数量（12次、3.5万元、95%…）。热力图：前 15 个单位 × 年份的声明数（颜色按对数刻度）。</p>'
            + svg.heatmap(units, [str(y) for y in years], vals, "单位 × 年份")
            + '<div class="grid"><div><h3>最常见的单位</h3>' + svg.hbar(top_units, "单位", width=500)
            + "</div><div><h3>每万字数据声明数（按年份）</h3>"
            + svg.vbar([(str(y), v) for y, v in per_year], "每万字声明数", width=520) + "</div></div>")


def _themes(con) -> str:
    rows = _q(con, "SELECT theme_id, size, documents, terms, examples FROM themes ORDER BY theme_id")
    total = sum(r[1] for r in rows) or 1
    table = [[r[0] + 1, r[1], r[2], r[3], f'<div class="ex">{escape(r[4] or "")}</div>'] for r in rows]
    return ('<h2 id="themes">最常见的问题主题</h2>'
            '<p class="muted">全部“问题”表述按主题词的字符 n-gram（TF-IDF）用 KMeans 聚类；每类列出特征词与最有代表性的表述。</p>'
            + svg.hbar([(f"#{r[0] + 1} {r[3]}", r[1]) for r in rows], "问题主题", label_chars=26,
                       value_fmt=lambda v: f"{v:,.0f}（{100 * v / total:.0f}%）")
            + _table(["#", "表述数", "文档数", "特征词", "示例"], table, numeric={0, 1, 2}, raw={4}))


def _followthrough(con) -> str:
    pairs = _q(con, """SELECT org, plan_year, plan_doc_id, result_doc_id, count(*) n, sum(followed::INT) f
                       FROM followthrough GROUP BY 1,2,3,4 ORDER BY 1, 2""")
    by_org = {}
    for org, y, pd_, rd, n, f in pairs:
        by_org.setdefault(org, []).append((y, pd_, rd, n, f))
    parts = ['<h2 id="followthrough">计划落实：上一年计划在下一年成绩中的体现</h2>'
             '<p class="muted">同一机构：计划年份为 Y 的报告中的每条计划，与总结年份为 Y 的报告“成绩”部分的句子比对'
             '（zongjie.matcher.similarity，≥ 0.35 计为已落实）。</p>']
    if not by_org:
        parts.append('<p class="empty">（归档中没有同一机构相邻年份的报告）</p>')
        return "".join(parts)
    summary = [[org, len(v), sum(x[3] for x in v), sum(x[4] for x in v),
                svg.inline_bar(sum(x[4] for x in v) / max(1, sum(x[3] for x in v)))
                + f" {100 * sum(x[4] for x in v) / max(1, sum(x[3] for x in v)):.0f}%"] for org, v in sorted(by_org.items())]
    parts.append(_table(["机构", "年份对", "计划条目", "已落实", "落实率"], summary, numeric={1, 2, 3}, raw={4}))
    for org, v in sorted(by_org.items(), key=lambda kv: -len(kv[1]))[:8]:
        parts.append(f"<h3>{escape(org)}：各年落实率</h3>"
                     + svg.vbar([(str(y), 100.0 * f / max(1, n)) for y, _, _, n, f in v], org, width=700,
                                height=180, color=svg.PALETTE[3], value_fmt=lambda x: f"{x:.0f}%"))
    last = pairs[-1]
    ex = _q(con, """SELECT plan_text, score, best_match, followed FROM followthrough
                    WHERE plan_doc_id = ? ORDER BY score DESC LIMIT 6""", [last[2]])
    parts.append(f"<details><summary>示例：{escape(last[0])} {last[1]} 年计划（{escape(last[2])} → {escape(last[3])}）"
                 "</summary>" + _table(["计划条目", "得分", "最相近的成绩表述", "已落实"], [list(r) for r in ex],
                                       numeric={1}) + "</details>")
    return "".join(parts)


def _copies(con) -> str:
    n = _q(con, "SELECT count(*), count(DISTINCT doc_id) FROM copies")[0]
    rows = _q(con, """SELECT c.doc_id, d1.title, c.earlier_doc_id, d2.title, c.jaccard FROM copies c
                      LEFT JOIN documents d1 ON d1.doc_id = c.doc_id
                      LEFT JOIN documents d2 ON d2.doc_id = c.earlier_doc_id
                      ORDER BY c.jaccard DESC, c.doc_id, c.earlier_doc_id LIMIT 100""")
    return ('<h2 id="copies">与早先报告的近似复制</h2>'
            f'<p class="muted">字符 5-gram 的 MinHash LSH（128 个排列），估计 Jaccard ≥ 0.8 的报告对：共 {n[0]} 对，'
            f'涉及 {n[1]} 篇较晚的报告（最多列出 100 对）。</p>'
            + _table(["文档", "标题", "早先的文档", "标题", "Jaccard"], [list(r) for r in rows], numeric={4}))


def _errors(con) -> str:
    rows = _q(con, "SELECT doc_id, path, stage, error FROM errors ORDER BY doc_id LIMIT 200")
    n = _q(con, "SELECT count(*) FROM errors")[0][0]
    return (f'<h2 id="errors">无法读取或分析的输入（{n}）</h2>'
            + _table(["doc_id", "路径", "阶段", "错误"], [list(r) for r in rows]))
