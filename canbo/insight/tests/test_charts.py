"""The SVG charts: proportional, accessible, escaped, and sane when empty."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from canbo.insight import charts

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted data)


def _bars(svg: str) -> list[float]:
    """The widths of the drawn bars (rects with a tooltip), in order."""
    root = _parse(svg)
    return [
        float(r.get("width", 0))
        for r in root.iter(f"{NS}rect")
        if r.find(f"{NS}title") is not None
    ]


def test_horizontal_bars_are_proportional_to_the_values() -> None:
    svg = charts.hbars([("A", 10), ("B", 5), ("C", 0)], title="T", table_id="t")
    a, b, c = _bars(svg)
    assert a == 2 * b
    assert c == 0


def test_a_maximum_sets_the_scale() -> None:
    svg = charts.hbars([("A", 50)], title="T", table_id="t", maximum=100)
    full = charts.WIDTH - charts.LABEL_WIDTH - 60
    assert _bars(svg) == [full / 2]


def test_charts_are_accessible_images_pointing_at_their_table() -> None:
    svg = charts.vbars([("1", 3)], title="Tasks", table_id="tasks-table")
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-describedby") == "tasks-table"
    assert root.get("viewBox", "").startswith("0 0 600 ")
    assert root.find(f"{NS}title").text == "Tasks"  # type: ignore[union-attr]


def test_labels_and_titles_are_escaped() -> None:
    svg = charts.hbars([("<script>x</script>", 1)], title='"&<', table_id='a"b')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    _parse(svg)  # still well-formed


def test_empty_charts_say_so() -> None:
    for svg in (
        charts.hbars([], title="T", table_id="t", empty="Nothing"),
        charts.vbars([], title="T", table_id="t", empty="Nothing"),
        charts.stacked(
            [("2025", [0, 0])], ["a", "b"], title="T", table_id="t", empty="Nothing"
        ),
        charts.lines(
            ["1"],
            [charts.Series("s", [None])],
            title="T",
            table_id="t",
            empty="Nothing",
        ),
        charts.pyramid(
            ["<30"],
            [0],
            [0],
            left_name="M",
            right_name="F",
            title="T",
            table_id="t",
            empty="Nothing",
        ),
    ):
        assert "Nothing" in svg
        assert _bars(svg) == []


def test_all_zero_bars_do_not_divide_by_zero() -> None:
    assert _bars(charts.hbars([("A", 0)], title="T", table_id="t")) == [0]
    assert len(_bars(charts.vbars([("A", 0), ("B", 0)], title="T", table_id="t"))) == 2


def test_stacked_bars_fill_the_row_in_proportion() -> None:
    svg = charts.stacked(
        [("2025", [1, 3, 0, 0])], ["X", "T", "H", "K"], title="T", table_id="t"
    )
    first, second = _bars(svg)  # zero segments are not drawn
    assert second == 3 * first
    assert first + second == charts.WIDTH - charts.LABEL_WIDTH - 10
    assert "2025 · T: 3" in svg


def test_lines_break_at_missing_values_and_label_each_point() -> None:
    svg = charts.lines(
        ["1", "2", "3", "4"],
        [charts.Series("Score", [80, 90, None, 70])],
        title="T",
        table_id="t",
    )
    root = _parse(svg)
    assert len(list(root.iter(f"{NS}circle"))) == 3
    assert len(list(root.iter(f"{NS}polyline"))) == 1  # 1–2 drawn; 4 alone is a point
    assert "Score · 2: 90" in svg


def test_pyramid_bars_share_one_scale() -> None:
    svg = charts.pyramid(["<30", "30–34"], [4, 2], [1, 0], left_name="Men", right_name="Women",
                         title="T", table_id="t")  # fmt: skip
    men_young, women_young, men_30, women_30 = _bars(svg)
    assert men_young == 2 * men_30 == 4 * women_young
    assert women_30 == 0
    assert re.search(r">Men<", svg)
    assert re.search(r">Women<", svg)
