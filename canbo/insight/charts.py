"""Server-side SVG charts: no JavaScript, no dependency.

Each chart is an `<svg role="img">` with a `<title>` and `aria-describedby`
naming the table that shows the same numbers beside it (the table is the
accessible form; the chart is for the eye). The drawing uses a viewBox and
scales to the width of a phone. Labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The four levels, then neutral colours; readable on white and in greyscale order.
PALETTE = ("#1b7f3b", "#5aa469", "#e0b000", "#c0392b", "#8a94a6", "#2f6fb0", "#7b4fa0")
TEXT = "#3b4252"
GRID = "#d8dde6"
WIDTH = 600
LABEL_WIDTH = 170
ROW = 26


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


def _fmt(value: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def _svg(title: str, table_id: str, height: float, body: list[str]) -> SafeString:
    head = (
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {_fmt(height)}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-describedby="{escape(table_id)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="13">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 (every value escaped)


def _empty(title: str, table_id: str, message: str) -> SafeString:
    body = [
        f'<text x="{WIDTH // 2}" y="30" text-anchor="middle" fill="{TEXT}">'
        f"{escape(message)}</text>"
    ]
    return _svg(title, table_id, 50, body)


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
        f"{escape(text)}</text>"
    )


def _rect(x: float, y: float, w: float, h: float, colour: str, label: str) -> str:
    return (
        f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(h)}" '
        f'fill="{colour}"><title>{escape(label)}</title></rect>'
    )


def hbars(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    table_id: str,
    empty: str = "—",
    maximum: float | None = None,
    suffix: str = "",
) -> SafeString:
    """Horizontal bars, one per (label, value), proportional to the largest
    value (or to `maximum`, e.g. 100 for percents)."""
    if not items:
        return _empty(title, table_id, empty)
    top = maximum if maximum else max((v for _l, v in items), default=0)
    span = WIDTH - LABEL_WIDTH - 60
    body: list[str] = []
    for i, (label, value) in enumerate(items):
        y = 6 + i * ROW
        length = span * value / top if top > 0 else 0
        body.append(_text(LABEL_WIDTH - 6, y + 15, _short(label), "end"))
        tip = f"{label}: {_number(value)}{suffix}"
        body.append(_rect(LABEL_WIDTH, y + 3, length, ROW - 8, PALETTE[5], tip))
        body.append(_text(LABEL_WIDTH + length + 4, y + 15, _number(value) + suffix))
    return _svg(title, table_id, 12 + len(items) * ROW, body)


def vbars(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    table_id: str,
    empty: str = "—",
) -> SafeString:
    """Vertical bars (columns), one per (label, value), proportional to the
    largest value."""
    if not items:
        return _empty(title, table_id, empty)
    top = max(v for _l, v in items)
    height, base = 220.0, 190.0
    step = (WIDTH - 40) / len(items)
    body = [
        f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="{GRID}"/>'
    ]
    for i, (label, value) in enumerate(items):
        h = (base - 30) * value / top if top > 0 else 0
        x = 20 + i * step
        tip = f"{label}: {_number(value)}"
        body.append(_rect(x + step * 0.15, base - h, step * 0.7, h, PALETTE[5], tip))
        body.append(_text(x + step / 2, base - h - 4, _number(value), "middle"))
        body.append(_text(x + step / 2, base + 16, _short(label, 10), "middle"))
    return _svg(title, table_id, height, body)


def stacked(
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[str],
    *,
    title: str,
    table_id: str,
    empty: str = "—",
) -> SafeString:
    """A 100 % stacked horizontal bar per row: each row's values as shares of its
    total, one colour per series, with a legend."""
    drawn = [(label, values) for label, values in rows if sum(values) > 0]
    if not drawn:
        return _empty(title, table_id, empty)
    span = WIDTH - LABEL_WIDTH - 10
    body, legend = _legend(series, 4)
    for i, (label, values) in enumerate(drawn):
        y = 10 + legend + i * ROW
        total = sum(values)
        x = float(LABEL_WIDTH)
        body.append(_text(LABEL_WIDTH - 6, y + 15, _short(label), "end"))
        for j, value in enumerate(values):
            w = span * value / total
            if w > 0:
                tip = f"{label} · {series[j]}: {_number(value)}"
                body.append(_rect(x, y + 3, w, ROW - 8, PALETTE[j % len(PALETTE)], tip))
            x += w
    return _svg(title, table_id, 16 + legend + len(drawn) * ROW, body)


def lines(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    table_id: str,
    empty: str = "—",
    maximum: float | None = None,
) -> SafeString:
    """A line per series over `labels` (months); a missing value breaks the line
    and each point carries its value."""
    values = [v for s in series for v in s.values if v is not None]
    if not labels or not values:
        return _empty(title, table_id, empty)
    top = maximum if maximum else max(values)
    top = top if top > 0 else 1
    body, legend = _legend([s.name for s in series], 4, 5)
    left, right, upper = 56.0, WIDTH - 20.0, 16.0 + legend
    base = upper + 166
    step = (right - left) / max(len(labels) - 1, 1)
    for tick in (0, 0.5, 1):
        y = base - (base - upper) * tick
        body.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{right}" y2="{_fmt(y)}" stroke="{GRID}"/>'
        )
        tick_value = round(top * tick, 0 if top >= 10 else 1)
        body.append(_text(left - 4, y + 4, _number(tick_value), "end"))
    for i, label in enumerate(labels):
        body.append(_text(left + i * step, base + 16, label, "middle"))
    for k, line in enumerate(series):
        colour = PALETTE[(k + 5) % len(PALETTE)]
        points: list[str] = []
        for i, value in enumerate(line.values):
            if value is None:
                body.append(_polyline(points, colour))
                points = []
                continue
            x, y = left + i * step, base - (base - upper) * value / top
            points.append(f"{_fmt(x)},{_fmt(y)}")
            body.append(
                f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3" fill="{colour}">'
                f"<title>{escape(f'{line.name} · {labels[i]}: {_number(value)}')}</title></circle>"
            )
        body.append(_polyline(points, colour))
    return _svg(title, table_id, base + 26, body)


def pyramid(
    groups: Sequence[str],
    left: Sequence[int],
    right: Sequence[int],
    *,
    left_name: str,
    right_name: str,
    title: str,
    table_id: str,
    empty: str = "—",
) -> SafeString:
    """A population pyramid: one row per group (youngest at the bottom), the
    `left` counts drawn leftwards and the `right` counts rightwards from the
    middle, on the same scale."""
    top = max([*left, *right], default=0)
    if top <= 0:
        return _empty(title, table_id, empty)
    middle, label_w = WIDTH / 2, 56.0
    span = middle - label_w / 2 - 40
    body = [
        _text(middle - label_w / 2 - 4, 16, left_name, "end"),
        _text(middle + label_w / 2 + 4, 16, right_name),
    ]
    count = len(groups)
    for i, group in enumerate(groups):
        y = 24 + (count - 1 - i) * ROW
        lw, rw = span * left[i] / top, span * right[i] / top
        lx = middle - label_w / 2 - lw
        body.append(
            _rect(
                lx, y + 3, lw, ROW - 8, PALETTE[5], f"{group} · {left_name}: {left[i]}"
            )
        )
        body.append(
            _rect(
                middle + label_w / 2,
                y + 3,
                rw,
                ROW - 8,
                PALETTE[6],
                f"{group} · {right_name}: {right[i]}",
            )
        )
        body.append(_text(middle, y + 15, group, "middle"))
        body.append(_text(lx - 4, y + 15, str(left[i]), "end"))
        body.append(_text(middle + label_w / 2 + rw + 4, y + 15, str(right[i])))
    return _svg(title, table_id, 30 + count * ROW, body)


def _legend(names: Sequence[str], y: float, offset: int = 0) -> tuple[list[str], float]:
    """The legend from `y`, wrapped onto new lines as needed; and its height."""
    body: list[str] = []
    x, line = 4.0, 0
    for j, name in enumerate(names):
        width = 24 + 7 * len(name)
        if x > 4 and x + width > WIDTH:
            x, line = 4.0, line + 1
        top = y + line * 18
        colour = PALETTE[(j + offset) % len(PALETTE)]
        body.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(top)}" width="12" height="12" fill="{colour}"/>'
        )
        body.append(_text(x + 16, top + 11, name))
        x += width
    return body, 18.0 * (line + 1)


def _polyline(points: list[str], colour: str) -> str:
    if len(points) < 2:
        return ""
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="2"/>'
    )


def _short(label: str, size: int = 26) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"
