"""``zongjie.record`` behaves like ``dataclasses.dataclass`` for what the engine's classes use."""

from __future__ import annotations

import dataclasses

import pytest
from zongjie import record as R
from zongjie.markers import Marker, parse_marker
from zongjie.model import Document, Finding, Section, Span


def make(deco, fld):
    @deco
    class Node:
        """A node."""

        name: str
        level: int
        note: str | None = None
        children: list = fld(default_factory=list)
        tags: set = fld(default_factory=set)
        meta: dict = fld(default_factory=dict)
        _cache: object = fld(default=None, repr=False)

    return Node


def make_frozen(deco):
    @deco(frozen=True)
    class Point:
        x: int
        y: int = 0

    return Point


@pytest.fixture
def pair():
    """The same class through record and through dataclasses."""
    return make(R.record, R.field), make(dataclasses.dataclass, dataclasses.field)


def test_init_defaults_and_factories(pair):
    ours, ref = pair
    for args, kw in [(("a", 1), {}), (("a", 1, "n"), {}), (("a",), {"level": 2, "meta": {"k": 1}}),
                     ((), {"name": "b", "level": 3, "children": [1], "_cache": 5})]:
        a, b = ours(*args, **kw), ref(*args, **kw)
        assert repr(a).replace("Node", "X") == repr(b).replace("Node", "X")
        assert vars(a) == vars(b)
    a1, a2 = ours("a", 1), ours("a", 1)
    assert a1.children is not a2.children  # a fresh list per instance
    with pytest.raises(TypeError):
        ours()
    with pytest.raises(TypeError):
        ref()


def test_equality_and_hash(pair):
    ours, ref = pair
    for cls in (ours, ref):
        assert cls("a", 1) == cls("a", 1)
        assert cls("a", 1) != cls("a", 2)
        assert cls("a", 1, _cache=1) != cls("a", 1, _cache=2)  # repr=False still compares
        assert cls("a", 1) != ("a", 1)
        assert cls.__hash__ is None
        with pytest.raises(TypeError):
            hash(cls("a", 1))
    assert ours.__match_args__ == ref.__match_args__


def test_class_attributes_as_dataclasses(pair):
    ours, ref = pair
    for cls in (ours, ref):
        assert cls.note is None and cls._cache is None
        assert not hasattr(cls, "children")


def test_frozen():
    ours, ref = make_frozen(R.record), make_frozen(dataclasses.dataclass)
    for cls, err in ((ours, R.FrozenInstanceError), (ref, dataclasses.FrozenInstanceError)):
        p = cls(1)
        assert p == cls(1, 0) and hash(p) == hash(cls(1, 0)) and {p, cls(1)} == {p}
        with pytest.raises(err):
            p.x = 2
        with pytest.raises(err):
            del p.y
        assert repr(p).endswith("Point(x=1, y=0)")


def test_field_order_is_checked():
    with pytest.raises(TypeError):
        @R.record
        class Bad:
            a: int = 0
            b: int


def test_engine_classes():
    d = Document(text="一、总体情况")
    assert d.sections == [] and d.meta == {} and d.file is None
    assert "_lines" not in repr(d) and "text='一、总体情况'" in repr(d)
    s1 = Section("achievements", 1, "一、", 1, "总体情况", 0, 6, 1)
    s2 = Section("achievements", 1, "一、", 1, "总体情况", 0, 6, 1)
    assert s1 == s2 and s1.children is not s2.children and s1.kind == "heading"
    f = Finding("ZJ001", "missing-section", "error", "缺少", 0, 1)
    f._downgrade = 1  # the checker tags findings in passing
    del f._downgrade
    assert Span(1, 2) == Span(1, 2) and Span(1, 2) != Span(1, 3)
    m = parse_marker("（一）总体情况")
    assert isinstance(m, Marker) and hash(m) == hash(parse_marker("（一）总体情况"))
    with pytest.raises(AttributeError):
        m.level = 9
