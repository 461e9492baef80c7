"""Tiny inline-SVG charts (no JavaScript, no external assets) for report.html."""

from __future__ import annotations

from html import escape

PALETTE = ["#3366cc", "#dc3912", "#ff9900", "#109618", "#990099", "#0099c6", "#dd4477",
           "#66aa00", "#b82e2e", "#316395", "#994499", "#22aa99"]
ROLE_COLORS = {"preamble": "#9e9e9e", "achievements": "#3366cc", "problems": "#dc3912",
               "plans": "#109618", "experience": "#ff9900", "other": "#cfcfcf"}


def _fmt(v: float) -> str:
    if v is None:
        return ""
    if abs(v) >= 100 or float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:.2f}"


def _svg(w: int, h: int, body: list[str], label: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
            f'aria-label="{escape(label)}">' + "".join(body) + "</svg>")


def _clip(s: str, n: int) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def hbar(data: list[tuple[str, float]], title: str = "", width: int = 640, value_fmt=_fmt,
         color: str = PALETTE[0], label_chars: int = 18, max_value: float | None = None) -> str:
    """Horizontal bars: one row per (label, value)."""
    if not data:
        return '<p class="empty">（无数据）</p>'
    row, left, right = 22, 14 * min(label_chars, max(len(str(k)) for k, _ in data)) + 10, 70
    h = row * len(data) + 10
    vmax = max_value or max((v for _, v in data), default=0) or 1
    span = width - left - right
    body = []
    for i, (k, v) in enumerate(data):
        y = 5 + i * row
        w = max(0.0, (v or 0) / vmax * span)
        body.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" class="lbl">'
                    f'<title>{escape(str(k))}</title>{escape(_clip(k, label_chars))}</text>')
        body.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{color}">'
                    f'<title>{escape(str(k))}: {escape(value_fmt(v))}</title></rect>')
        body.append(f'<text x="{left + w + 4:.1f}" y="{y + 15}" class="val">{escape(value_fmt(v))}</text>')
    return _svg(width, h, body, title)


def vbar(data: list[tuple[str, float]], title: str = "", width: int = 640, height: int = 220,
         color: str = PALETTE[0], value_fmt=_fmt) -> str:
    """Vertical bars (histograms, counts per year)."""
    if not data:
        return '<p class="empty">（无数据）</p>'
    left, bottom, top = 40, 40, 16
    n = len(data)
    span_w = width - left - 10
    bw = span_w / n
    vmax = max((v for _, v in data), default=0) or 1
    ph = height - bottom - top
    body = [f'<line x1="{left}" y1="{top + ph}" x2="{width - 10}" y2="{top + ph}" class="axis"/>',
            f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="val">{escape(value_fmt(vmax))}</text>',
            f'<text x="{left - 4}" y="{top + ph}" text-anchor="end" class="val">0</text>']
    step = max(1, n // 20)
    for i, (k, v) in enumerate(data):
        x = left + i * bw
        hgt = (v or 0) / vmax * ph
        body.append(f'<rect x="{x + bw * 0.1:.1f}" y="{top + ph - hgt:.1f}" width="{bw * 0.8:.1f}" '
                    f'height="{hgt:.1f}" fill="{color}"><title>{escape(str(k))}: {escape(value_fmt(v))}</title></rect>')
        if i % step == 0:
            body.append(f'<text x="{x + bw / 2:.1f}" y="{top + ph + 14}" text-anchor="middle" class="lbl sm">'
                        f'{escape(_clip(k, 8))}</text>')
    return _svg(width, height, body, title)


def stacked(rows: list[tuple[str, dict[str, float]]], keys: list[str], colors: dict[str, str],
            title: str = "", width: int = 640, label_chars: int = 18, names: dict[str, str] | None = None) -> str:
    """Horizontal 100 % stacked bars (shares), with a legend."""
    if not rows:
        return '<p class="empty">（无数据）</p>'
    names = names or {}
    row = 20
    left = 14 * min(label_chars, max(len(str(k)) for k, _ in rows)) + 10
    legend_h = 24
    h = legend_h + row * len(rows) + 6
    span = width - left - 10
    body = []
    x = left
    for k in keys:
        body.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colors.get(k, "#999")}"/>'
                    f'<text x="{x + 16}" y="15" class="lbl sm">{escape(names.get(k, k))}</text>')
        x += 16 + 13 * len(names.get(k, k)) + 14
    for i, (label, shares) in enumerate(rows):
        y = legend_h + i * row
        body.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" class="lbl">'
                    f'<title>{escape(str(label))}</title>{escape(_clip(label, label_chars))}</text>')
        tot = sum(max(0.0, shares.get(k) or 0) for k in keys) or 1
        x = float(left)
        for k in keys:
            w = max(0.0, shares.get(k) or 0) / tot * span
            if w > 0:
                body.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row - 4}" '
                            f'fill="{colors.get(k, "#999")}"><title>{escape(str(label))} · '
                            f'{escape(names.get(k, k))}: {100 * (shares.get(k) or 0) / tot:.1f}%</title></rect>')
            x += w
    return _svg(width, h, body, title)


def heatmap(rows: list[str], cols: list[str], values: dict[tuple[str, str], float], title: str = "",
            cell: int = 22, label_chars: int = 8) -> str:
    """A count matrix (rows × cols), colour = log-scaled count."""
    if not rows or not cols:
        return '<p class="empty">（无数据）</p>'
    import math

    left = 14 * min(label_chars, max(len(r) for r in rows)) + 10
    top = 46
    w = left + cell * len(cols) + 10
    h = top + cell * len(rows) + 6
    vmax = max(values.values(), default=1) or 1
    body = []
    for j, c in enumerate(cols):
        x = left + j * cell + cell / 2
        body.append(f'<text transform="translate({x:.1f},{top - 4}) rotate(-60)" class="lbl sm">{escape(_clip(c, 8))}</text>')
    for i, r in enumerate(rows):
        y = top + i * cell
        body.append(f'<text x="{left - 6}" y="{y + cell * 0.7:.1f}" text-anchor="end" class="lbl">{escape(_clip(r, label_chars))}</text>')
        for j, c in enumerate(cols):
            v = values.get((r, c), 0)
            if not v:
                fill = "#f4f4f4"
            else:
                t = math.log1p(v) / math.log1p(vmax)
                light = int(95 - 60 * t)
                fill = f"hsl(215,70%,{light}%)"
            body.append(f'<rect x="{left + j * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" fill="{fill}">'
                        f'<title>{escape(r)} · {escape(c)}: {_fmt(v)}</title></rect>')
    return _svg(w, h, body, title)


def inline_bar(frac: float, width: int = 80, color: str = PALETTE[0]) -> str:
    """A small bar for table cells (0…1)."""
    f = 0.0 if frac is None else max(0.0, min(1.0, float(frac)))
    return (f'<svg class="ib" viewBox="0 0 {width} 10" width="{width}" height="10">'
            f'<rect width="{width}" height="10" fill="#eee"/><rect width="{f * width:.1f}" height="10" '
            f'fill="{color}"/></svg>')
