"""A published goal's measured quantity over time as a small server-side SVG (no script: the strict CSP holds)."""

WIDTH, HEIGHT, PAD = 320, 120, 10


def progress_chart(progress) -> dict | None:
    """Coordinates of the measured quantity against the baseline and target lines; None without measurements."""
    values = [(day, value) for day, value in progress.series if value is not None]
    if not values:
        return None
    numbers = [float(v) for _day, v in values] + [float(progress.baseline), float(progress.target)]
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0

    def y(value) -> float:
        return round(HEIGHT - PAD - (float(value) - low) / span * (HEIGHT - 2 * PAD), 1)

    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    dots = [(round(PAD + i * step, 1), y(value)) for i, (_day, value) in enumerate(values)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": " ".join(f"{x},{yy}" for x, yy in dots),
        "dots": dots,
        "baseline_y": y(progress.baseline),
        "target_y": y(progress.target),
        "left": PAD,
        "right": WIDTH - PAD,
    }
