"""``record``: the part of ``dataclasses.dataclass`` the engine's own classes use, at a fraction
of its start-up cost.

``dataclasses`` imports ``inspect`` (≈ 12 ms) and builds every method of every class through its
own ``exec`` (≈ 0.5 ms a class): for the twenty classes a ``zongjie check`` loads, a fifth of the
whole cold run.  ``record`` builds ``__init__``, ``__repr__`` and ``__eq__`` of a class in one
``exec`` with the same semantics for what the model uses:

- fields are the class's own annotations, in order (no inheritance of fields, no ``ClassVar``);
- defaults, ``field(default_factory=…)``, ``field(default=…, repr=False)``; a field given by
  ``field()`` without a plain default loses its class attribute, as in dataclasses;
- ``__eq__`` compares the field tuples of two instances of the same class, so ``__hash__`` is
  ``None``; with ``frozen=True`` assignment raises ``FrozenInstanceError`` and instances hash by
  their fields.

``tests/test_record.py`` runs the same classes through both decorators and compares them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Callable
    from typing import Any

_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Field:
    __slots__ = ("default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, repr: bool) -> None:  # noqa: A002
        self.default, self.default_factory, self.repr = default, default_factory, repr


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING,
          repr: bool = True) -> Any:  # noqa: A002 - the dataclasses name
    """A field with a default value or a default factory (called for each instance)."""
    if default is not _MISSING and default_factory is not _MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return _Field(default, default_factory, repr)


if TYPE_CHECKING:
    # Type checkers and editors see ``record`` as what it is, a dataclass transform: they check
    # constructor calls and know the fields (PEP 681).  Never executed, so no ``typing`` import.
    from typing import TypeVar, overload

    from typing_extensions import dataclass_transform

    _C = TypeVar("_C", bound=type)

    @overload
    def record(cls: _C, /) -> _C: ...
    @overload
    def record(*, frozen: bool = False) -> Callable[[_C], _C]: ...
    @dataclass_transform(field_specifiers=(field,))
    def record(cls: _C | None = None, /, *, frozen: bool = False) -> _C | Callable[[_C], _C]: ...
else:
    def record(cls=None, /, *, frozen=False):
        """``@record`` or ``@record(frozen=True)`` on a class with annotated fields."""
        def wrap(c):
            return _process(c, frozen)

        return wrap if cls is None else wrap(cls)


def _is_classvar(annotation: object) -> bool:
    a = str(annotation)
    return a.startswith(("ClassVar", "typing.ClassVar"))


def _process(cls: type, frozen: bool) -> type:
    names = [n for n, a in cls.__dict__.get("__annotations__", {}).items() if not _is_classvar(a)]
    ns: dict[str, Any] = {"_MISSING": _MISSING, "_cls": cls, "_set": object.__setattr__,
                          "FrozenInstanceError": FrozenInstanceError}
    params: list[str] = []
    body: list[str] = []
    shown: list[str] = []
    after_default = None
    for n in names:
        v = cls.__dict__.get(n, _MISSING)
        f = v if isinstance(v, _Field) else _Field(v, _MISSING, True)
        if isinstance(v, _Field):  # the class attribute becomes the plain default, or goes
            if f.default is _MISSING:
                delattr(cls, n)
            else:
                setattr(cls, n, f.default)
        if f.default_factory is not _MISSING:
            ns[f"_f_{n}"] = f.default_factory
            params.append(f"{n}=_MISSING")
            value = f"_f_{n}() if {n} is _MISSING else {n}"
            after_default = n
        elif f.default is not _MISSING:
            ns[f"_d_{n}"] = f.default
            params.append(f"{n}=_d_{n}")
            value = n
            after_default = n
        else:
            if after_default is not None:
                raise TypeError(f"non-default argument {n!r} follows default argument {after_default!r}")
            params.append(n)
            value = n
        body.append(f"  _set(self, {n!r}, {value})" if frozen else f"  self.{n} = {value}")
        if f.repr:
            shown.append(n)
    src = [f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):"]
    src += body or ["  pass"]
    parts = ", ".join(f"{n}={{self.{n}!r}}" for n in shown)
    src += ["def __repr__(self):", f"  return f'{{self.__class__.__qualname__}}({parts})'"]
    fields = "".join(f"self.{n}," for n in names)
    others = "".join(f"other.{n}," for n in names)
    src += ["def __eq__(self, other):",
            "  if other.__class__ is self.__class__:",
            f"    return ({fields}) == ({others})",
            "  return NotImplemented"]
    if frozen:
        src += ["def __hash__(self):", f"  return hash(({fields}))",
                "def __setattr__(self, name, value):",
                "  if type(self) is _cls or name in _names:",
                "    raise FrozenInstanceError(f'cannot assign to field {name!r}')",
                "  super(_cls, self).__setattr__(name, value)",
                "def __delattr__(self, name):",
                "  if type(self) is _cls or name in _names:",
                "    raise FrozenInstanceError(f'cannot delete field {name!r}')",
                "  super(_cls, self).__delattr__(name)"]
        ns["_names"] = frozenset(names)
    exec("\n".join(src), ns)  # noqa: S102 - generated from the class's own field names
    methods = ["__init__", "__repr__", "__eq__"] + (["__hash__", "__setattr__", "__delattr__"] if frozen else [])
    for m in methods:
        fn = ns[m]
        fn.__qualname__ = f"{cls.__qualname__}.{m}"
        fn.__module__ = cls.__module__
        setattr(cls, m, fn)
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment] - equal by value, so not hashable (as dataclasses)
    cls.__match_args__ = tuple(names)  # type: ignore[attr-defined]
    return cls
