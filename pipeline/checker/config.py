"""Project configuration: ``.zongjie.toml`` found by searching upward from the checked file.

```toml
template = "annual-summary"          # default template (the title still decides when it can)
disable = ["section-share", "ZJ602"] # rule names or codes, or a tier: "条例" "国标" "标准" "实务"
enable = []                          # rules that are off by default
max-size = "20MB"                    # input limit of decoded text (also `--max-size`)
previous = "../2023/总结.docx"        # last year's document (relative to this file): the editors
                                     # check against it (`plan-not-reported`, `problem-repeated`)
[severity]                           # per-rule severity: error | warning | info
heading-punctuation = "error"
[options.heading-punctuation]        # per-rule options (see `zongjie rules NAME`)
strict-arabic = true
[templates.party-building]           # a custom template (same keys as data/templates/*.toml)
extends = "annual-summary"
required = ["achievements", "experience", "problems", "plans"]
```
"""

from __future__ import annotations

import os
from pathlib import Path

from zongjie.checker.registry import SEVERITIES, TIERS, find_rule, load_rules
from zongjie.datafiles import toml_module
from zongjie.errors import UsageError
from zongjie.record import field, record

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing is 4 ms of a cold `zongjie check`
    from typing import Any

CONFIG_NAME = ".zongjie.toml"
_KEYS = {"template", "disable", "enable", "severity", "options", "templates", "fail-level", "max-size",
         "previous"}


@record
class Config:
    """A project's checker configuration (``.zongjie.toml``): severities, disabled rules, templates."""

    path: str | None = None
    template: str | None = None
    disable: set[str] = field(default_factory=set)  # rule names
    enable: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)  # rule name -> severity
    options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule name -> options
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_level: str | None = None
    max_size: int | None = None  # `max-size = "20MB"`: the input limit (zongjie.reader.parse_size)
    previous: str | None = None  # last year's document, made absolute against the config file's folder

    def option(self, rule: str, key: str, default: Any = None) -> Any:
        return self.options.get(rule, {}).get(key, default)


def _rule_name(key: str, where: str) -> str:
    r = find_rule(key)
    if r is None:
        raise UsageError(f"{where}: unknown rule {key!r}")
    return r.name


def from_dict(data: dict[str, Any], path: str | None = None) -> Config:
    where = path or "config"
    unknown = set(data) - _KEYS
    if unknown:
        raise UsageError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    cfg = Config(path=path)
    t = data.get("template")
    if t is not None and not isinstance(t, str):
        raise UsageError(f"{where}: template must be a string")
    cfg.template = t
    for key in ("disable", "enable"):
        v = data.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list):
            raise UsageError(f"{where}: {key} must be a list of rule names")
        for x in map(str, v):
            if x in TIERS:  # a whole tier (`disable = ["实务"]`): every rule whose source is of it
                getattr(cfg, key).update(r.name for r in load_rules().values() if r.tier == x)
            else:
                getattr(cfg, key).add(_rule_name(x, where))
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise UsageError(f"{where}: [severity] must be a table")
    for k, v in sev.items():
        if v not in SEVERITIES and v != "off":
            raise UsageError(f"{where}: severity of {k} must be error, warning, info or off")
        name = _rule_name(k, where)
        if v == "off":
            cfg.disable.add(name)
        else:
            cfg.severity[name] = v
    opts = data.get("options", {})
    if not isinstance(opts, dict):
        raise UsageError(f"{where}: [options] must be a table")
    for k, v in opts.items():
        if not isinstance(v, dict):
            raise UsageError(f"{where}: [options.{k}] must be a table")
        cfg.options[_rule_name(k, where)] = dict(v)
    tpls = data.get("templates", {})
    if not isinstance(tpls, dict) or not all(isinstance(v, dict) for v in tpls.values()):
        raise UsageError(f"{where}: [templates.NAME] must be tables")
    cfg.templates = {k: dict(v) for k, v in tpls.items()}
    fl = data.get("fail-level")
    if fl is not None and fl not in SEVERITIES:
        raise UsageError(f"{where}: fail-level must be error, warning or info")
    cfg.fail_level = fl
    ms = data.get("max-size")
    if ms is not None:
        from zongjie.reader import parse_size

        try:
            cfg.max_size = parse_size(ms if isinstance(ms, (str, int)) else str(ms))
        except ValueError:
            raise UsageError(f"{where}: max-size must be a size such as \"20MB\" or \"500k\"") from None
    prev = data.get("previous")
    if prev is not None:
        if not isinstance(prev, str) or not prev.strip() or "\0" in prev:
            raise UsageError(f"{where}: previous must be the path of last year's document (a string)")
        prev = os.path.expanduser(prev.strip())
        if path is not None and not os.path.isabs(prev):  # relative to the config file
            prev = os.path.join(os.path.dirname(os.path.abspath(path)), prev)
        cfg.previous = os.path.normpath(prev)
    return cfg


def load_config(path: str | os.PathLike) -> Config:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{p}: no such config file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{p}: cannot read config ({e})") from None
    toml = toml_module()
    try:
        data = toml.loads(raw)
    except toml.TOMLDecodeError as e:
        raise UsageError(f"{p}: invalid TOML ({e})") from None
    return from_dict(data, str(p))


def find_config(start: str | os.PathLike | None) -> Path | None:
    """The nearest ``.zongjie.toml`` in ``start``'s directory or any parent."""
    if start is None:
        return None
    p = Path(start)
    try:
        p = p.resolve()
    except OSError:
        return None
    d = p if p.is_dir() else p.parent
    for cand in (d, *d.parents):
        f = cand / CONFIG_NAME
        if f.is_file():
            return f
    return None


def resolve(config: object | None, file: str | None = None) -> Config:
    """Turn what ``check(config=…)`` was given into a :class:`Config`.

    ``None`` → discovered from ``file`` (when it is a real path), else defaults; a ``Config`` as
    is; a ``dict`` as the parsed TOML; a ``str``/``PathLike`` as the path of a TOML file.
    """
    if isinstance(config, Config):
        return config
    if isinstance(config, dict):
        return from_dict(config)
    if isinstance(config, (str, os.PathLike)):
        return load_config(config)
    if config is None:
        if file and file != "-" and "#" not in file and os.path.exists(file):
            found = find_config(file)
            if found is not None:
                return load_config(found)
        return Config()
    raise UsageError(f"unsupported config object {type(config).__name__}")
