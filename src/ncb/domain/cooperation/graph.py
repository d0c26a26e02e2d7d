"""The graph of how persons, organisations, notices, extradition cases, operations and messages are linked:
nodes and edges, built from what a viewer may see (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ncb.domain.cooperation.extradition import ExtraditionCase
from ncb.domain.cooperation.messages import Message
from ncb.domain.cooperation.operations import Operation, TargetKind


@dataclass(frozen=True)
class Node:
    id: str  # kind:ref, e.g. notice:2026/00001, person:yamada taro
    kind: str  # person, organisation, notice, case, operation, message
    label: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # concerns, links, targets, located_by...


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def node(self, kind: str, ref: str, label: str | None = None) -> str:
        key = f"{kind}:{_key(kind, ref)}"
        if key not in self.nodes or (label and self.nodes[key].label == ref):
            self.nodes[key] = Node(key, kind, label or ref)
        return key

    def link(self, source: str, target: str, relation: str) -> None:
        edge = Edge(source, target, relation)
        if edge not in self.edges:
            self.edges.append(edge)

    def neighbourhood(self, start: str, depth: int = 2) -> Graph:
        """The part of the graph within ``depth`` edges of ``start``."""
        keep = {start}
        frontier = {start}
        for _ in range(depth):
            nxt = {e.target for e in self.edges if e.source in frontier} | \
                  {e.source for e in self.edges if e.target in frontier}
            frontier = nxt - keep
            keep |= nxt
        out = Graph({k: v for k, v in self.nodes.items() if k in keep},
                    [e for e in self.edges if e.source in keep and e.target in keep])
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": [{"id": n.id, "kind": n.kind, "label": n.label} for n in self.nodes.values()],
                "edges": [{"source": e.source, "target": e.target, "relation": e.relation} for e in self.edges]}


def _key(kind: str, ref: str) -> str:
    return " ".join(ref.split()).casefold() if kind in ("person", "organisation") else ref


def build_graph(*, messages: Iterable[Message] = (), cases: Iterable[ExtraditionCase] = (),
                operations: Iterable[Operation] = (), notice_labels: Mapping[str, str] | None = None) -> Graph:
    """Nodes for every message, case and operation given and for what they link; ``notice_labels`` names
    notices (``2026/00001`` -> ``red: YAMADA TARO``) when known."""
    labels = notice_labels or {}
    g = Graph()

    def notice(entity_id: str) -> str:
        return g.node("notice", entity_id, labels.get(entity_id, entity_id))

    for c in cases:
        cid = g.node("case", c.id, f"extradition of {c.person} ({c.requesting} <- {c.requested}, {c.stage.value})")
        g.link(cid, g.node("person", c.person), "concerns")
        if c.notice:
            g.link(cid, notice(c.notice), "red_notice")
        for ref in c.messages:
            g.link(g.node("message", ref), cid, "about")
    for o in operations:
        oid = g.node("operation", o.id, f"operation {o.name}")
        for t in o.targets:
            target = notice(t.ref) if t.kind is TargetKind.NOTICE else g.node(t.kind.value, t.ref, t.label)
            g.link(oid, target, "targets")
    for m in messages:
        mid = g.node("message", m.id, f"{m.type.value}: {m.subject}")
        for n in m.notices:
            g.link(mid, notice(n), "concerns")
        for p in m.persons:
            g.link(mid, g.node("person", p), "concerns")
        for ref in m.cases:
            kind = "case" if "-E" in ref else "operation"
            g.link(mid, g.node(kind, ref), "about")
        if m.parent:
            g.link(mid, g.node("message", m.parent), "replies_to")
    return g
