/* zongjie web editor — plain JavaScript, no framework, no build step.
 *
 * The API counts offsets in code points (Python str indices); JavaScript strings count UTF-16
 * units.  cpMap(text)[i] is the UTF-16 index of code point i, so 𠀀 or an emoji before a finding
 * does not shift its highlight.
 */
"use strict";

const $ = (id) => document.getElementById(id);
const editor = $("text");
const highlights = $("highlights");
const backdrop = $("backdrop");
const statusEl = $("status");

const ROLE = { preamble: "前言", achievements: "成效", problems: "问题", plans: "计划",
  experience: "经验", other: "其他" };
const SEV = { error: "错误", warning: "警告", info: "提示" };

const state = {
  name: null, markdown: null, seq: 0, analyzedText: null, map: null,
  outline: null, extract: null, check: null, suggest: null,
  previous: null, follow: null, // last year's document { name, text } (sent along, never stored)
};

// ---------------------------------------------------------------- helpers

function cpMap(text) {
  const map = [0];
  let u = 0;
  for (const ch of text) { u += ch.length; map.push(u); }
  return map;
}

function u16(cp) {
  const m = state.map;
  if (!m) return cp;
  return m[Math.max(0, Math.min(cp, m.length - 1))];
}

function setStatus(msg, isError) {
  statusEl.textContent = msg;
  statusEl.classList.toggle("error", !!isError);
}

function payload(text) {
  const t = $("template").value;
  const body = { text: text, file: state.name, markdown: state.markdown, template: t || null };
  if (state.previous) { body.previous_text = state.previous.text; body.previous_file = state.previous.name; }
  return body;
}

async function api(path, body) {
  const resp = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (!resp.ok) throw new Error(await errorText(resp));
  return resp.json();
}

async function errorText(resp) {
  try {
    const j = await resp.json();
    if (typeof j.detail === "string") return j.detail;
  } catch (e) { /* not JSON */ }
  return `HTTP ${resp.status}`;
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

// ---------------------------------------------------------------- highlights

function renderHighlights() {
  const text = editor.value;
  const ranges = [];
  if (state.analyzedText === text && state.map) {
    const add = (s, e, cls, title) => {
      let a = u16(s), b = u16(e);
      if (b <= a) b = Math.min(text.length, a + 1);
      if (b > a) ranges.push({ a, b, cls, title });
    };
    for (const c of (state.extract && state.extract.claims) || []) if (!c.placeholder) add(c.start, c.end, "hl-claim");
    for (const p of (state.extract && state.extract.placeholders) || []) add(p.start, p.end, "hl-placeholder");
    for (const f of (state.check && state.check.findings) || []) add(f.start, f.end, "hl-" + f.severity, f.message);
  }
  const points = new Set([0, text.length]);
  for (const r of ranges) { points.add(r.a); points.add(r.b); }
  const cuts = [...points].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const seg = text.slice(a, b);
    const cls = [...new Set(ranges.filter((r) => r.a <= a && r.b >= b).map((r) => r.cls))];
    if (cls.length) {
      const m = el("mark", { class: cls.join(" "), "data-start": String(a) });
      m.textContent = seg;
      frag.append(m);
    } else {
      frag.append(document.createTextNode(seg));
    }
  }
  frag.append(document.createTextNode("\n\u200b")); // keeps a trailing newline's height
  highlights.replaceChildren(frag);
  syncScroll();
}

function syncScroll() {
  backdrop.scrollTop = editor.scrollTop;
  backdrop.scrollLeft = editor.scrollLeft;
}

/* Scroll the textarea so that UTF-16 offset `u` is visible, measured in the backdrop. */
function scrollToOffset(u) {
  let seen = 0;
  const walker = document.createTreeWalker(highlights, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const len = node.nodeValue.length;
    if (seen + len >= u) {
      const r = document.createRange();
      r.setStart(node, Math.max(0, u - seen));
      r.collapse(true);
      const rect = r.getBoundingClientRect();
      const base = backdrop.getBoundingClientRect();
      editor.scrollTop = Math.max(0, rect.top - base.top + backdrop.scrollTop - editor.clientHeight / 3);
      syncScroll();
      return;
    }
    seen += len;
  }
}

function jump(start, end) {
  if (editor.value !== state.analyzedText) return;
  const a = u16(start), b = u16(Math.max(start, end));
  scrollToOffset(a);
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(a, b);
}

// ---------------------------------------------------------------- panels

function renderOutline() {
  const ul = $("outline");
  const o = state.outline;
  $("doc-title").textContent = o && o.title ? o.title.text : "";
  if (!o || !o.sections.length) {
    ul.replaceChildren(el("li", { class: "empty", text: "（尚无提纲）" }));
    return;
  }
  const build = (nodes) => nodes.map((s) => {
    const name = s.kind === "preamble" ? "前言"
      : (s.marker || s.heading) ? `${s.kind === "markdown" ? "" : (s.marker || "")}${s.heading || ""}`
        : `〔${ROLE[s.role] || s.role}〕`;
    const target = s.heading_span || { start: s.start, end: s.start };
    const a = el("a", { title: `第${s.line}行`, onclick: () => jump(target.start, target.end) },
      name, el("span", { class: `role role-${s.role}`, text: ROLE[s.role] || s.role }));
    const li = el("li", { "data-role": s.role }, a);
    if (s.children.length) li.append(el("ul", {}, ...build(s.children)));
    return li;
  });
  ul.replaceChildren(...build(o.sections));
}

function renderFindings() {
  const ul = $("findings");
  const c = state.check;
  if (!c) { ul.replaceChildren(); $("finding-count").textContent = ""; return; }
  const s = c.summary;
  $("finding-count").textContent = `错误 ${s.errors} · 警告 ${s.warnings} · 提示 ${s.infos}`;
  if (!c.findings.length) {
    ul.replaceChildren(el("li", { class: "empty", text: "未发现问题。" }));
    return;
  }
  ul.replaceChildren(...c.findings.map((f) => el("li", {
    class: "finding", "data-name": f.name, "data-severity": f.severity,
    title: `${f.rule} ${f.name}`, onclick: () => jump(f.start, f.end),
  }, el("span", { class: `sev sev-${f.severity}`, text: SEV[f.severity] || f.severity }),
  f.message, " ", el("span", { class: "rule", text: `${f.rule} ${f.name} · 第${f.line}行` }))));
}

function renderClaims() {
  const ul = $("claims");
  const x = state.extract;
  if (!x) { ul.replaceChildren(); $("claim-count").textContent = ""; return; }
  $("claim-count").textContent = `数据 ${x.claims.length} · 占位符 ${x.placeholders.length}`;
  const items = [];
  for (const p of x.placeholders) {
    items.push(el("li", { class: "placeholder", onclick: () => jump(p.start, p.end) },
      el("mark", { class: "hl-placeholder", text: p.text }), ` 待填：${p.slot}`,
      el("span", { class: "meta", text: ` （${p.kind}）` })));
  }
  for (const c of x.claims) {
    const v = c.placeholder ? "待补充" : (c.value_max != null ? `${c.value}–${c.value_max}` : `${c.value}`);
    items.push(el("li", { class: "claim", onclick: () => jump(c.start, c.end) },
      el("strong", { text: c.text }), ` = ${v} ${c.unit}${c.qualifier ? "（" + c.qualifier + "）" : ""}`,
      el("div", { class: "meta", text: c.subject || "" })));
  }
  if (!items.length) items.push(el("li", { class: "empty", text: "（没有数据）" }));
  ul.replaceChildren(...items);
}

function renderSuggestions() {
  const ul = $("suggestions");
  const s = state.suggest;
  if (!s || !s.problems.length) {
    ul.replaceChildren(el("li", { class: "empty", text: "（没有识别到需要对应计划的问题）" }));
    return;
  }
  const items = [];
  s.problems.forEach((p) => {
    items.push(el("li", { class: "problem", onclick: () => jump(p.start, p.end) }, p.text,
      p.addressed_by ? el("span", { class: "done", text: "✓ 已有计划回应" }) : null));
    for (const g of p.suggestions) {
      items.push(el("li", { class: "sugg", "data-testid": "suggestion" },
        el("span", { text: g.text }),
        el("button", { type: "button", "data-testid": "insert-suggestion", title: "插入到计划部分末尾",
          onclick: (ev) => { ev.stopPropagation(); insertSuggestion(g.text); } }, "插入")));
    }
  });
  ul.replaceChildren(...items);
}

function renderFollow() {
  const sec = $("follow-section");
  const f = state.follow;
  sec.hidden = !state.previous;
  $("previous").hidden = !state.previous;
  $("previous-name").textContent = state.previous ? `对照：${state.previous.name}` : "";
  const ul = $("follow");
  if (!f) { ul.replaceChildren(); $("follow-count").textContent = ""; return; }
  $("follow-count").textContent = `${f.total} 条，已报告 ${f.reported} 条`;
  if (!f.plans.length) {
    ul.replaceChildren(el("li", { class: "empty", text: "（上年文档中没有找到计划条目）" }));
    return;
  }
  ul.replaceChildren(...f.plans.map((p) => {
    const m = p.match;
    const where = m ? `→ 第${m.line}行 ${m.text.slice(0, 30)}` : "→ 未找到";
    return el("li", {
      class: m ? "follow" : "follow missing", "data-reported": m ? "1" : "0", title: `上年第${p.plan_line}行`,
      onclick: m ? () => jump(m.start, m.end) : null,
    }, p.plan, el("span", { class: "where", text: where }));
  }));
}

function renderAll() {
  renderOutline();
  renderFollow();
  renderFindings();
  renderClaims();
  renderSuggestions();
  renderHighlights();
}

// ---------------------------------------------------------------- analysis

let timer = null;

async function analyze() {
  clearTimeout(timer);
  const seq = ++state.seq;
  const text = editor.value;
  if (!text.trim()) {
    Object.assign(state, { analyzedText: null, outline: null, extract: null, check: null, suggest: null,
      follow: null });
    renderAll();
    setStatus("粘贴草稿或上传文件即可开始。");
    return;
  }
  setStatus("分析中…");
  const body = payload(text);
  try {
    const [o, x, c, s, f] = await Promise.all([
      api("/api/outline", body), api("/api/extract", body), api("/api/check", body), api("/api/suggest", body),
      state.previous ? api("/api/follow", body) : Promise.resolve(null),
    ]);
    if (seq !== state.seq) return;
    Object.assign(state, { outline: o, extract: x, check: c, suggest: s, follow: f, analyzedText: text,
      map: cpMap(text) });
    renderAll();
    const sm = c.summary;
    setStatus(`已分析：错误 ${sm.errors}，警告 ${sm.warnings}，提示 ${sm.infos}；数据 ${x.claims.length} 项，占位符 ${x.placeholders.length} 处`);
  } catch (e) {
    if (seq === state.seq) setStatus(`分析失败：${e.message}`, true);
  }
}

function scheduleAnalyze() {
  clearTimeout(timer);
  renderHighlights(); // plain text at once, so the backdrop stays aligned while typing
  setStatus("编辑中…");
  timer = setTimeout(analyze, 350);
}

async function insertSuggestion(text) {
  if (editor.value !== state.analyzedText) await analyze();
  const probs = (state.suggest && state.suggest.problems) || [];
  let g = null;
  for (const p of probs) for (const s of p.suggestions) if (!g && s.text === text) g = s;
  const cur = editor.value;
  const at = g ? u16(g.insert_at) : cur.length;
  const ins = g ? g.insert_text : "\n" + text;
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(at, at);
  let ok = false;
  try { ok = document.execCommand("insertText", false, ins); } catch (e) { ok = false; }
  if (!ok || editor.value === cur) {
    editor.setRangeText(ins, at, at, "end");
    editor.dispatchEvent(new Event("input", { bubbles: true }));
  }
  editor.setSelectionRange(at + ins.length, at + ins.length);
  setStatus("已插入计划建议。");
  await analyze();
  scrollToOffset(at);
}

// Every safe fix at once (一键修正): the checker's fixes in order of position, an overlapping one
// left for the next round (as zongjie.fixes.apply does), applied from the end so earlier offsets hold.
async function fixAll() {
  if (editor.value !== state.analyzedText) await analyze();
  const fixes = ((state.check && state.check.findings) || []).map((f) => f.fix).filter((f) => f && f.safe)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const taken = [];
  let last = -1;
  for (const f of fixes) {
    if (f.start < last) continue;
    taken.push(f);
    last = f.end;
  }
  if (!taken.length) { setStatus("没有可安全修正之处。"); return; }
  let text = editor.value;
  for (const f of taken.reverse()) text = text.slice(0, u16(f.start)) + f.replacement + text.slice(u16(f.end));
  editor.value = text;
  editor.dispatchEvent(new Event("input", { bubbles: true }));
  await analyze();
  setStatus(`已修正 ${taken.length} 处。`);
}

// ---------------------------------------------------------------- files

async function upload(file) {
  const fd = new FormData();
  fd.append("file", file, file.name);
  setStatus(`正在读取 ${file.name}…`);
  try {
    const resp = await fetch("/api/upload", { method: "POST", body: fd });
    if (!resp.ok) throw new Error(await errorText(resp));
    const data = await resp.json();
    state.name = data.name;
    state.markdown = data.markdown;
    editor.value = data.text;
    editor.scrollTop = 0;
    await analyze();
  } catch (e) {
    setStatus(`上传失败：${e.message}`, true);
  }
}

async function readFile(file) {
  const fd = new FormData();
  fd.append("file", file, file.name);
  const resp = await fetch("/api/upload", { method: "POST", body: fd });
  if (!resp.ok) throw new Error(await errorText(resp));
  return resp.json();
}

/* Last year's document: read once, its text kept here and sent with every analysis request. */
async function uploadPrevious(file) {
  setStatus(`正在读取上年文档 ${file.name}…`);
  try {
    const data = await readFile(file);
    state.previous = { name: data.name, text: data.text };
    renderFollow();
    await analyze();
  } catch (e) {
    setStatus(`上年文档读取失败：${e.message}`, true);
  }
}

function filenameFrom(disposition, fallback) {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

async function download(format) {
  const text = editor.value;
  if (!text.trim()) { setStatus("没有可下载的内容。", true); return; }
  const url = format === "annotated" ? "/api/annotate" : `/api/export?format=${format}`;
  if (format === "annotated") { format = "docx"; setStatus("正在生成批注版…"); }
  try {
    const resp = await fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload(text)),
    });
    if (!resp.ok) throw new Error(await errorText(resp));
    const blob = await resp.blob();
    const name = filenameFrom(resp.headers.get("Content-Disposition"), `zongjie.${format}`);
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 2000);
    setStatus(`已下载 ${name}`);
  } catch (e) {
    setStatus(`下载失败：${e.message}`, true);
  }
}

async function loadTemplates() {
  try {
    const resp = await fetch("/api/templates");
    if (!resp.ok) return;
    const sel = $("template");
    for (const name of await resp.json()) sel.append(el("option", { value: name, text: name }));
  } catch (e) { /* optional */ }
}

// ---------------------------------------------------------------- wiring

editor.addEventListener("input", scheduleAnalyze);
editor.addEventListener("scroll", syncScroll);
window.addEventListener("resize", syncScroll);
$("template").addEventListener("change", analyze);
$("upload").addEventListener("change", (ev) => {
  const f = ev.target.files && ev.target.files[0];
  if (f) upload(f);
  ev.target.value = "";
});
$("fix-all").addEventListener("click", fixAll);
$("download-md").addEventListener("click", () => download("md"));
$("download-docx").addEventListener("click", () => download("docx"));
$("download-annotated").addEventListener("click", () => download("annotated"));
$("upload-previous").addEventListener("change", (ev) => {
  const f = ev.target.files && ev.target.files[0];
  if (f) uploadPrevious(f);
  ev.target.value = "";
});
$("previous-clear").addEventListener("click", () => {
  Object.assign(state, { previous: null, follow: null });
  renderFollow();
  analyze();
});
loadTemplates();
renderAll();
