"""A table that scrolls sideways on a phone (Bootstrap's `.table-responsive`) is a region the keyboard reaches and a
screen reader names (axe's scrollable-region-focusable): tabindex="0", role="region" and an aria-label naming the
table, in every template (tests/engagements/test_table_regions.py reads them on rendered pages)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The opening tag of any element with the class (its attributes may hold template tags, never a ">").
SCROLLING = re.compile(r"<(?:div|section)\b[^>]*\bclass=\"[^\"]*\btable-responsive\b[^\"]*\"[^>]*>")


def scrolling_tags():
    return [
        (path.relative_to(TEMPLATES).as_posix(), match.group(0))
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in SCROLLING.finditer(path.read_text(encoding="utf-8"))
    ]


def missing_attributes(tag: str) -> list[str]:
    missing = [attribute for attribute in ('tabindex="0"', 'role="region"') if attribute not in tag]
    label = re.search(r'\baria-label="((?:[^"{]|\{[{%].*?[}%]\})*)"', tag)
    if label is None or not label.group(1).strip():
        missing.append("aria-label")
    return missing


def test_every_scrolling_table_in_the_templates_is_a_named_focusable_region():
    tags = scrolling_tags()
    assert len(tags) >= 54  # the search itself finds them: the statistics, the burn tables, the queues...
    assert [(path, missing_attributes(tag)) for path, tag in tags if missing_attributes(tag)] == []


@pytest.mark.parametrize(
    ("tag", "missing"),
    [
        ('<div class="table-responsive">', ['tabindex="0"', 'role="region"', "aria-label"]),
        ('<div class="table-responsive" tabindex="0" role="region" aria-label="">', ["aria-label"]),
        ('<div class="mb-3 table-responsive" tabindex="-1" role="region" aria-label="x">', ['tabindex="0"']),
        ('<div class="table-responsive" tabindex="0" role="region" aria-label="{% translate "Goals" %}">', []),
    ],
)
def test_the_check_sees_a_missing_or_empty_attribute(tag, missing):
    assert SCROLLING.fullmatch(tag)
    assert missing_attributes(tag) == missing
