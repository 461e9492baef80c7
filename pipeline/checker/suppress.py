"""Inline suppression comments (markdownlint / ESLint style).

In text and markdown::

    <!-- zongjie-disable numbering-style -->      … rules off from here
    <!-- zongjie-enable -->                       … back on (all, or the rules named)
    <!-- zongjie-disable-next-line placeholder --> the next non-blank line only
    <!-- zongjie-disable-line ZJ301 -->            this line only (comment at its end)
    <!-- zongjie-disable-file -->                  the whole file

Rules are named by name or code, separated by blanks or commas; none named means all rules.
In a plain-text file (not markdown) a line ``# zongjie-disable …`` works the same way.
"""

from __future__ import annotations

from zongjie import rx
from zongjie.record import field, record

RE_HTML = rx.compile(r"<!--\s*zongjie-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->")
RE_HASH = rx.compile(r"^[ \t\u3000]*#[ \t]*zongjie-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$")
ALL = "*"


@record
class Suppressions:
    """The inline ``zongjie-disable`` comments of a text, by line."""

    # per 1-based line: the set of suppressed rule keys (names/codes, lower-case) or {"*"}
    by_line: dict[int, set[str]] = field(default_factory=dict)
    file: set[str] = field(default_factory=set)
    directive_lines: set[int] = field(default_factory=set)

    def suppressed(self, line: int, name: str, code: str) -> bool:
        keys = {name.lower(), code.lower(), ALL}
        if self.file & keys:
            return True
        return bool(self.by_line.get(line, set()) & keys)

    def __bool__(self) -> bool:
        return bool(self.by_line or self.file)


def _rules(arg: str) -> set[str]:
    names = {x.lower() for x in rx.split(r"[\s,，]+", arg.strip()) if x}
    return names or {ALL}


def parse(text: str, markdown: bool = False) -> Suppressions:
    sup = Suppressions()
    if "zongjie-" not in text:
        return sup
    lines = text.split("\n")
    active: set[str] = set()
    pending: set[str] = set()  # for the next non-blank, non-directive line
    for no, raw in enumerate(lines, start=1):
        directives = [(m.group(1), m.group(2)) for m in RE_HTML.finditer(raw)]
        if not directives and not markdown:
            m = RE_HASH.match(raw)
            if m:
                directives = [(m.group(1), m.group(2))]
        line_keys: set[str] = set(active)
        rest = "" if (not markdown and RE_HASH.match(raw)) else RE_HTML.sub("", raw).strip()
        only_directive = bool(directives) and not rest
        for kind, arg in directives:
            names = _rules(arg)
            if kind == "disable":
                active |= names
                line_keys |= names
            elif kind == "enable":
                if ALL in names:
                    active = set()
                else:
                    active -= names
            elif kind == "disable-next-line":
                pending |= names
            elif kind == "disable-line":
                line_keys |= names
            elif kind == "disable-file":
                sup.file |= names
        if directives:
            sup.directive_lines.add(no)
        if not only_directive and raw.strip() and pending:
            line_keys |= pending
            pending = set()
        if line_keys:
            sup.by_line[no] = line_keys
    return sup


def comment_spans(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """Offsets of the directive comments (not substantive content)."""
    if "zongjie-" not in text:
        return []
    out = [(m.start(), m.end()) for m in RE_HTML.finditer(text)]
    if not markdown:
        pos = 0
        for raw in text.split("\n"):
            if RE_HASH.match(raw):
                out.append((pos, pos + len(raw)))
            pos += len(raw) + 1
    return out
