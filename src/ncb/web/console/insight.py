"""What the bureau's cooperation adds up to: the graph of how persons, organisations, notices, cases, operations and
messages are linked, and the statistics (notices by year, type and country; hits; request response times;
extradition outcomes) as tables, bar charts and CSV files.

Both come from the services (:func:`ncb.services.cooperation.link_graph`, :func:`~.statistics`) with the officer as
actor, so they hold only what the bureau may see; the CSV files are the services' own
(:meth:`StatTable.to_csv`, :func:`tables_csv`). The pictures are inline SVG drawn on the server
(:mod:`.charts`), each with its title and description, and every number is in a table beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from ncb.domain.cooperation.graph import Graph, Node
from ncb.domain.cooperation.statistics import StatTable, tables_csv
from ncb.domain.notices import url_id_of
from ncb.errors import NotFound
from ncb.services import cooperation as svc
from ncb.web.console import charts
from ncb.web.console.context import PREFIX, ConsoleRoute, Context, Ctx, PageError
from ncb.web.console.labels import (
    CHANNELS,
    HIT_STATUSES,
    MESSAGE_TYPES,
    NODE_KINDS,
    RELATIONS,
    STAGES,
    STAT_COLUMNS,
    STAT_TITLES,
    TYPES,
)
from ncb.web.portal.i18n import number

router = APIRouter(prefix=PREFIX, route_class=ConsoleRoute, include_in_schema=False)
MAX_DRAWN = 150  # nodes drawn at most; a larger graph is listed, and drawn around one of its nodes
MAX_LISTED = 1000  # links listed at most


# -- the link graph -------------------------------------------------------------------------------------------

def _ref(node: Node) -> str:
    return node.id.split(":", 1)[1]


def _href(ctx: Context) -> Callable[[Node], str]:
    pages = {"notice": lambda ref: f"notices/{url_id_of(ref)}", "case": lambda ref: f"cases/{ref}",
             "operation": lambda ref: f"operations/{ref}", "message": lambda ref: f"messages/{ref}"}

    def href(node: Node) -> str:
        page = pages.get(node.kind)
        return f"{ctx.base}/{page(_ref(node))}" if page else f"{ctx.base}/graph?around={quote(node.id, safe='')}"

    return href


def _text(node: Node) -> str:
    """Persons and organisations by name, the rest by id."""
    return node.label if node.kind in ("person", "organisation") else _ref(node)


def _view(ctx: Context, node: Node, href: Callable[[Node], str]) -> dict[str, Any]:
    return {"id": node.id, "kind": node.kind, "kind_label": ctx.t(NODE_KINDS.get(node.kind, node.kind)),
            "text": _text(node), "href": href(node), "around": f"{ctx.base}/graph?around={quote(node.id, safe='')}"}


def _depth(ctx: Context) -> int:
    raw = ctx.request.query_params.get("depth", "2")
    if not raw.isdigit() or not 1 <= int(raw) <= 5:
        raise PageError(422, ctx.t("The depth is a number of links from 1 to 5."))
    return int(raw)


@router.get("/{lang}/graph")
def graph_page(ctx: Ctx) -> HTMLResponse:
    ctx.need_purpose()
    depth = _depth(ctx)
    around = ctx.request.query_params.get("around", "").strip()[:400] or None
    error = None
    try:
        graph = svc.link_graph(ctx.uow(write=False), actor=ctx.actor, around=around, depth=depth)
    except NotFound:
        error = ctx.t("Nothing called “%(name)s” is in your graph; the whole graph is shown.", name=around)
        around, graph = None, svc.link_graph(ctx.uow(write=False), actor=ctx.actor, depth=depth)
    href = _href(ctx)
    nodes = {k: _view(ctx, n, href) for k, n in graph.nodes.items()}
    drawing = _drawing(ctx, graph, href) if 0 < len(graph.nodes) <= MAX_DRAWN else None
    links = [{"source": nodes[e.source], "relation": ctx.t(RELATIONS.get(e.relation, e.relation)),
              "target": nodes[e.target]} for e in graph.edges[:MAX_LISTED]]
    kinds = [(k, ctx.t(label)) for k, label in NODE_KINDS.items() if any(n.kind == k for n in graph.nodes.values())]
    return ctx.render("graph.html", drawing=drawing, links=links, kinds=kinds, around=around, depth=depth,
                      error=error, total_nodes=len(graph.nodes), total_links=len(graph.edges), max_drawn=MAX_DRAWN,
                      max_listed=MAX_LISTED, centre=nodes.get(around or ""),
                      column_label=lambda kinds_: " · ".join(ctx.t(NODE_KINDS[k]) for k in kinds_))


def _drawing(ctx: Context, graph: Graph, href: Callable[[Node], str]) -> charts.Drawing:
    return charts.layout(graph, href=href, text=_text,
                         title=lambda n: f"{ctx.t(NODE_KINDS.get(n.kind, n.kind))}: {n.label}")


# -- statistics -----------------------------------------------------------------------------------------------

# A column's values as the page shows them: translated codes, country names, numbers.
_COUNTRY_COLUMNS = frozenset({"country", "bureau", "requested"})
_NUMBER_COLUMNS = frozenset({"notices", "hits", "sent", "answered", "median_days", "p90_days", "max_days", "cases"})
_CODES = {("notices", "type"): {t.value: label for t, label in TYPES.items()},
          ("hits", "status"): HIT_STATUSES, ("response_times", "type"): MESSAGE_TYPES,
          ("response_times", "channel"): CHANNELS, ("extradition_outcomes", "stage"): STAGES,
          ("extradition_outcomes", "state"): {"open": STAT_COLUMNS["open"], "closed": STAT_COLUMNS["closed"]}}


def _cell(ctx: Context, table: str, column: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {"kind": "text", "value": "—"}
    if column in _COUNTRY_COLUMNS:
        return {"kind": "country", "value": value}
    if column in _NUMBER_COLUMNS:
        return {"kind": "number", "value": value}
    codes = _CODES.get((table, column), {})
    return {"kind": "text", "value": ctx.t(codes[value]) if value in codes else str(value)}


def _table(ctx: Context, t: StatTable) -> dict[str, Any]:
    return {"name": t.name, "title": ctx.t(STAT_TITLES.get(t.name, t.title)),
            "headers": [(ctx.t(STAT_COLUMNS.get(c, c)), c in _NUMBER_COLUMNS) for c in t.columns],
            "rows": [[_cell(ctx, t.name, c, v) for c, v in zip(t.columns, row, strict=True)] for row in t.rows],
            "csv": f"{ctx.base}/statistics/{t.name}.csv"}


def _sum(t: StatTable, key: str, value: str) -> Counter[Any]:
    at, by = t.columns.index(key), t.columns.index(value)
    totals: Counter[Any] = Counter()
    for row in t.rows:
        totals[row[at]] += row[by]
    return totals


def _chart(ctx: Context, id: str, title: str, items: list[tuple[str, float]]) -> charts.BarChart | None:
    if not items:
        return None
    label, top = max(items, key=lambda i: i[1])
    desc = ctx.t("%(count)s bars; the longest: %(label)s, %(value)s. The same numbers are in the table below.",
                 count=len(items), label=label, value=number(top, ctx.lang))
    return charts.bar_chart(id, title, desc, [(k, v, number(v, ctx.lang)) for k, v in items])


def _charts(ctx: Context, tables: dict[str, StatTable]) -> list[charts.BarChart]:
    def label(table: str, column: str, value: Any) -> str:
        return str(_cell(ctx, table, column, value)["value"])

    notices, hits = tables["notices"], tables["hits"]
    by_type = _sum(notices, "type", "notices").most_common()
    by_year = sorted(_sum(notices, "year", "notices").items())
    by_status = _sum(hits, "status", "hits").most_common()
    times = tables["response_times"]
    median = [(f"{label('response_times', 'type', r[0])} ({label('response_times', 'channel', r[1])})", r[4])
              for r in times.rows if r[4] is not None]
    by_stage = _sum(tables["extradition_outcomes"], "stage", "cases").most_common()
    made = [
        _chart(ctx, "chart-notice-types", ctx.t("Notices by type"),
               [(label("notices", "type", k), v) for k, v in by_type]),
        _chart(ctx, "chart-notice-years", ctx.t("Notices by year"), [(str(k), v) for k, v in by_year]),
        _chart(ctx, "chart-hits", ctx.t("Screening hits by status"),
               [(label("hits", "status", k), v) for k, v in by_status]),
        _chart(ctx, "chart-response", ctx.t("Median days to an answer, by kind of request"), median),
        _chart(ctx, "chart-cases", ctx.t("Extradition cases by stage reached"),
               [(label("extradition_outcomes", "stage", k), v) for k, v in by_stage]),
    ]
    return [c for c in made if c is not None]


def _statistics(ctx: Context) -> list[StatTable]:
    return svc.statistics(ctx.uow(write=False), actor=ctx.actor, today=ctx.now.date())


@router.get("/{lang}/statistics")
def statistics_page(ctx: Ctx) -> HTMLResponse:
    tables = _statistics(ctx)
    return ctx.render("statistics.html", tables=[_table(ctx, t) for t in tables],
                      charts=_charts(ctx, {t.name: t for t in tables}), today=ctx.now.date())


def _csv(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@router.get("/{lang}/statistics.csv")
def statistics_csv(ctx: Ctx) -> Response:
    return _csv(tables_csv(_statistics(ctx)), "statistics.csv")


@router.get("/{lang}/statistics/{name}.csv")
def statistics_table_csv(name: str, ctx: Ctx) -> Response:
    table = next((t for t in _statistics(ctx) if t.name == name), None)
    if table is None:
        raise PageError(404, ctx.t("There is no such table."))
    return _csv(table.to_csv(), f"{table.name}.csv")
