"""The console's server-drawn pictures, as numbers: bars proportional to their values, labels cut to fit in any
script, and the link graph laid out in columns by kind, the same way every time."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ncb.domain.cooperation.extradition import open_case
from ncb.domain.cooperation.graph import build_graph
from ncb.web.console.charts import COLUMNS, bar_chart, fit, layout

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_bars_are_proportional_and_the_longest_fills_the_room() -> None:
    chart = bar_chart("c", "Notices by type", "two bars", [("Red Notice", 12, "12"), ("Yellow Notice", 3, "3")])
    red, yellow = chart.bars
    assert red.width == 4 * yellow.width and red.width + chart.label_width < chart.width
    assert yellow.y > red.y and chart.height > yellow.y + chart.bar_height
    assert bar_chart("z", "t", "d", [("none", 0, "0")]).bars[0].width == 0


def test_labels_are_cut_to_fit_and_wide_characters_count_double() -> None:
    assert fit("Red Notice", 200) == "Red Notice"
    latin, kanji = fit("x" * 60, 100), fit("赤" * 60, 100)
    assert latin.endswith("…") and kanji.endswith("…") and len(kanji) < len(latin)


def test_the_graph_is_laid_out_in_columns_by_kind_the_same_way_every_time() -> None:
    cases = [open_case(id=f"JP-2026-E0000{i}", bureau="JP", person=person, requesting="JP", requested="FR",
                       located_on=date(2026, 11, 1), actor="sato", now=NOW, notice=f"2026/0000{i}")
             for i, person in ((1, "YAMADA Taro"), (2, "SATO Hanako"))]
    graph = build_graph(cases=cases)
    drawing = layout(graph, href=lambda n: f"/{n.id}", text=lambda n: n.label, title=lambda n: n.kind)
    again = layout(graph, href=lambda n: f"/{n.id}", text=lambda n: n.label, title=lambda n: n.kind)
    assert drawing == again
    assert [c.kinds for c in drawing.columns] == [COLUMNS[0], COLUMNS[1], COLUMNS[2]]  # no message: no column
    x = {n.id: n.x for n in drawing.nodes}
    assert x["person:yamada taro"] < x["notice:2026/00001"] < x["case:JP-2026-E00001"]
    y = {n.id: n.y for n in drawing.nodes}
    for i in (1, 2):  # each case sits level with its notice
        assert y[f"case:JP-2026-E0000{i}"] == y[f"notice:2026/0000{i}"]
    assert len(drawing.edges) == 4 and all(e.path.startswith("M") for e in drawing.edges)
