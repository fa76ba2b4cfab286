"""Small multiples as server-side SVG coordinates (no script, so the strict CSP holds).

Every authority's panel shares one vertical scale, so the panels compare at a glance; the cluster's median is the
dashed line in each.
"""

WIDTH, HEIGHT, PAD = 240, 90, 8


def _scale(values):
    numbers = [float(v) for v in values if v is not None]
    if not numbers:
        return None
    low, high = min(numbers + [0.0]), max(numbers)
    return low, (high - low) or 1.0


def _line(series, low, span, count):
    step = (WIDTH - 2 * PAD) / max(count - 1, 1)
    points = []
    for index, value in enumerate(series):
        if value is None:
            continue
        y = round(HEIGHT - PAD - (float(value) - low) / span * (HEIGHT - 2 * PAD), 1)
        points.append((round(PAD + index * step, 1), y))
    return points


def small_multiples(comparison) -> list[dict]:
    """One panel per authority of a ServiceComparison: its line and the cluster median's line."""
    every = [v for row in comparison.rows for v in row.series] + list(comparison.medians)
    scale = _scale(every)
    if scale is None:
        return []
    low, span = scale
    count = len(comparison.months)
    median = _line(comparison.medians, low, span, count)
    panels = []
    for row in comparison.rows:
        points = _line(row.series, low, span, count)
        panels.append(
            {
                "authority": row.authority,
                "row": row,
                "width": WIDTH,
                "height": HEIGHT,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": points,
                "median": " ".join(f"{x},{y}" for x, y in median),
                "latest": row.series[-1] if row.series else None,
            }
        )
    return panels


def gap_line(comparison) -> dict | None:
    """The gap between the best and the worst authority, month by month."""
    scale = _scale(comparison.gaps)
    if scale is None:
        return None
    low, span = scale
    points = _line(comparison.gaps, low, span, len(comparison.months))
    return {"width": WIDTH, "height": HEIGHT, "points": " ".join(f"{x},{y}" for x, y in points), "dots": points}
