"""Role cues (data in ``data/roles.json``) and the small functions that apply them."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from zongjie import rx
from zongjie.datafiles import read_data
from zongjie.normalize import fold

RANK = {"preamble": 0, "achievements": 1, "experience": 1.5, "problems": 2, "plans": 3, "other": 4}


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = json.loads(read_data("roles.json"))

    def one(patterns: list[str]) -> re.Pattern[str]:
        # one alternation per list: half the compile time of separate patterns (start-up budget)
        return rx.compile("|".join(f"(?:{p})" for p in patterns))

    def comp(group: dict) -> dict[str, re.Pattern[str]]:
        return {k: one(v) for k, v in group.items() if not k.startswith("_")}

    return {
        "heading": comp(raw["heading"]),
        "heading_strong": comp(raw["heading_strong"]),
        "priority": raw["heading_priority"],
        "opening": comp(raw["opening"]),
        "preamble": one(raw["preamble"]),
    }


def heading_roles(heading: str, strong: bool = False) -> list[str]:
    """Every role whose heading cues match, in priority order."""
    d = _data()
    table = d["heading_strong"] if strong else d["heading"]
    h = fold(heading).strip().rstrip("。.：:")
    return [r for r in d["priority"] if r in table and table[r].search(h)]


def heading_role(heading: str, strong: bool = False) -> str | None:
    roles = heading_roles(heading, strong)
    return roles[0] if roles else None


RE_ADDRESS = rx.compile(r"^(各位代表|同志们)[，,！!：:]\s*")


def first_sentence(par: str, limit: int = 90) -> str:
    f = RE_ADDRESS.sub("", fold(par[: limit + 80]).strip())  # only the opening is read
    m = rx.search(r"[。！？!?]", f)
    return f[: m.start() if m else limit][:limit]


def opening_role(par: str) -> str | None:
    """The part an unheaded paragraph opens, judged on its first sentence (precision first)."""
    d = _data()["opening"]
    s = first_sentence(par)
    for role in ("other", "problems", "plans", "experience"):
        if d[role].search(s):
            if role == "problems" and _problem_false_alarm(s):
                continue
            return role
    return None


def continues_problems(par: str) -> bool:
    s = first_sentence(par)
    return bool(_data()["opening"]["problems_continue"].search(s))


def _problem_false_alarm(s: str) -> bool:
    # `解决了…存在的问题` / `针对…存在的问题，我们…` report work done, not shortcomings.
    return bool(rx.search(r"(解决|整改|破解|化解|针对|排查|梳理|聚焦)[^。，,]{0,12}(存在|问题)", s))


def is_preamble_line(line: str) -> bool:
    f = fold(line).strip()
    return bool(_data()["preamble"].search(f))
