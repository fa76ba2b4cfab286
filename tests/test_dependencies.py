"""Apps depend in one direction: accounts <- clusters <- quality <- advisors <- engagements <- oversight.

An app may import only the apps below it; nothing imports oversight.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["accounts", "clusters", "quality", "advisors", "engagements", "oversight"]


def imported_project_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in LAYERS)
    return found


def violations_in(app: str) -> list[str]:
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    problems = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for imported in sorted(imported_project_apps(path) - allowed):
            problems.append(f"{path.relative_to(ROOT)} imports {imported}")
    return problems


@pytest.mark.parametrize("app", LAYERS)
def test_app_imports_only_apps_below_it(app):
    assert violations_in(app) == []


def test_nothing_outside_oversight_imports_it():
    offenders = []
    for folder in ["config", *LAYERS[:-1]]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "oversight" in imported_project_apps(path):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    """The guard itself works: an upward import is reported."""
    module = tmp_path / "sample.py"
    module.write_text("from oversight.models import Finding\nimport engagements.services\n", encoding="utf-8")
    assert imported_project_apps(module) == {"oversight", "engagements"}


def oversight_reads_beyond_selectors() -> list[str]:
    """Oversight reads advisors, engagements and quality only through their public selectors (demo seeding aside)."""
    problems = []
    for path in sorted((ROOT / "oversight").rglob("*.py")):
        if "migrations" in path.parts or path.name.endswith("demo.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from advisors import selectors` names the module it takes
                modules = (
                    [f"{node.module}.{alias.name}" for alias in node.names] if "." not in node.module else [node.module]
                )
            for module in modules:
                app, _, rest = module.partition(".")
                if app in ("advisors", "engagements", "quality") and rest != "selectors":
                    problems.append(f"{path.relative_to(ROOT)} imports {module}")
    return problems


def test_oversight_reads_advisors_engagements_and_quality_only_through_their_selectors():
    assert oversight_reads_beyond_selectors() == []
