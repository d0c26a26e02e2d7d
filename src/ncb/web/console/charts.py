"""Pictures drawn on the server, as numbers a template turns into inline SVG (no JavaScript, nothing from
elsewhere): horizontal bar charts, and the link graph laid out in columns by kind of object.

Only geometry lives here; words (titles, labels) come in already translated, and the templates draw
(``chart_macros.html``), so every text is escaped by Jinja2.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ncb.domain.cooperation.graph import Graph, Node

CHART_WIDTH = 640
LABEL_WIDTH = 200
BAR_HEIGHT = 22
BAR_GAP = 8
VALUE_ROOM = 70  # room right of the longest bar for its number
FONT_SIZE = 14


@dataclass(frozen=True)
class Bar:
    label: str
    short: str  # the label as drawn: cut to fit left of the bar (the whole one is its tooltip)
    value: float
    shown: str  # the value as written in the page's language
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    desc: str
    bars: tuple[Bar, ...]
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP


def bar_chart(id: str, title: str, desc: str, items: Sequence[tuple[str, float, str]]) -> BarChart:
    """A chart of ``(label, value, value as shown)`` bars, the longest bar filling the room there is."""
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_ROOM
    top = max((v for _, v, _ in items), default=0) or 1
    bars = tuple(Bar(label, fit(label, LABEL_WIDTH - 12), value, shown, BAR_GAP + i * (BAR_HEIGHT + BAR_GAP),
                     round(room * value / top, 1)) for i, (label, value, shown) in enumerate(items))
    return BarChart(id, title, desc, bars)


def fit(text: str, width: float, size: float = FONT_SIZE) -> str:
    """``text`` cut (with an ellipsis) to about ``width`` units at ``size``: a CJK character takes a full em,
    others about 0.6 em."""
    used = 0.0
    for i, ch in enumerate(text):
        used += size * (1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.6)
        if used > width:
            return text[:max(0, i - 1)] + "…"
    return text


# -- the link graph -------------------------------------------------------------------------------------------

COLUMNS: tuple[tuple[str, ...], ...] = (("person", "organisation"), ("notice",), ("case", "operation"),
                                        ("message",))
GRAPH_WIDTH = 1000
ROW = 36
TOP = 48
SIDE = 24
LABEL_ROOM = 150  # units of the drawing a node's label may take
GRAPH_FONT_SIZE = 12
SWEEPS = 4


@dataclass(frozen=True)
class PlacedNode:
    id: str
    kind: str
    text: str  # the short label drawn beside it
    title: str  # the full label, as a tooltip
    href: str
    x: float
    y: float


@dataclass(frozen=True)
class PlacedEdge:
    source: str
    target: str
    relation: str
    path: str  # the SVG path from source to target


@dataclass(frozen=True)
class Column:
    kinds: tuple[str, ...]
    x: float


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    columns: tuple[Column, ...]
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]


def _short(text: str) -> str:
    return fit(text, LABEL_ROOM, GRAPH_FONT_SIZE)


def _ordered(graph: Graph, columns: list[list[str]]) -> list[list[str]]:
    """Each column's nodes ordered so that linked nodes sit at about the same height (a few barycentre
    sweeps, from a sorted start: the same graph is always drawn the same way)."""
    neighbours: dict[str, set[str]] = {k: set() for k in graph.nodes}
    for e in graph.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    order = [sorted(c) for c in columns]
    for _ in range(SWEEPS):
        place = {n: i / max(1, len(c) - 1) for c in order for i, n in enumerate(c)}
        for c in order:
            own = set(c)
            centre = {}
            for n in c:
                around = [place[m] for m in neighbours[n] if m not in own]
                centre[n] = sum(around) / len(around) if around else place[n]
            c.sort(key=centre.__getitem__)
    return order


def layout(graph: Graph, *, href: Callable[[Node], str], text: Callable[[Node], str],
           title: Callable[[Node], str]) -> Drawing:
    """The graph drawn in columns (persons and organisations, notices, cases and operations, messages; empty
    columns left out), one row per node, each edge a curve from its source to its target."""
    used = [kinds for kinds in COLUMNS if any(n.kind in kinds for n in graph.nodes.values())]
    members = [[k for k, n in graph.nodes.items() if n.kind in kinds] for kinds in used]
    order = _ordered(graph, members)
    step = (GRAPH_WIDTH - 2 * SIDE) / max(1, len(used))
    columns = tuple(Column(kinds, SIDE + 12 + i * step) for i, kinds in enumerate(used))
    placed: dict[str, PlacedNode] = {}
    for column, keys in zip(columns, order, strict=True):
        for row, key in enumerate(keys):
            node = graph.nodes[key]
            placed[key] = PlacedNode(key, node.kind, _short(text(node)), title(node), href(node), column.x,
                                     TOP + row * ROW)
    edges = tuple(PlacedEdge(e.source, e.target, e.relation, _curve(placed[e.source], placed[e.target]))
                  for e in graph.edges if e.source in placed and e.target in placed)
    rows = max((len(c) for c in order), default=0)
    return Drawing(GRAPH_WIDTH, TOP + rows * ROW, columns, tuple(placed.values()), edges)


def _curve(a: PlacedNode, b: PlacedNode) -> str:
    if a.x == b.x:  # two nodes of one column: an arc out to the left, clear of the labels
        bend = a.x - 18 - min(60.0, abs(b.y - a.y) / 4)
        return f"M{a.x:.0f} {a.y:.0f} C{bend:.0f} {a.y:.0f} {bend:.0f} {b.y:.0f} {b.x:.0f} {b.y:.0f}"
    mid = (a.x + b.x) / 2
    return f"M{a.x:.0f} {a.y:.0f} C{mid:.0f} {a.y:.0f} {mid:.0f} {b.y:.0f} {b.x:.0f} {b.y:.0f}"
