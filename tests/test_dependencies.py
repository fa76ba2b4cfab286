"""Apps depend in one direction: outbox <- accounts <- clusters <- quality <- advisors <- engagements <- network
<- forums <- oversight <- api.

An app may import only the apps below it; nothing but api imports oversight. Network and forums read engagements
only through their public selectors; oversight reads advisors, engagements, network and forums only through theirs.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "outbox",
    "accounts",
    "clusters",
    "quality",
    "advisors",
    "engagements",
    "network",
    "forums",
    "oversight",
    "api",
]


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


def test_nothing_but_api_imports_oversight():
    offenders = []
    for folder in ["config", *[app for app in LAYERS if app not in ("oversight", "api")]]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "oversight" in imported_project_apps(path):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    """The guard itself works: an upward import is reported."""
    module = tmp_path / "sample.py"
    module.write_text("from oversight.models import Finding\nimport engagements.services\n", encoding="utf-8")
    assert imported_project_apps(module) == {"oversight", "engagements"}


def reads_beyond_selectors(app: str, guarded: tuple[str, ...]) -> list[str]:
    """Modules of `app` importing anything of the `guarded` apps but their public selectors (demo seeding aside)."""
    problems = []
    for path in sorted((ROOT / app).rglob("*.py")):
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
                imported, _, rest = module.partition(".")
                if imported in guarded and rest != "selectors":
                    problems.append(f"{path.relative_to(ROOT)} imports {module}")
    return problems


# What api may take from each app below it: their read API (selectors), who may see what (permissions) and, for the
# CEO's publish switches, the workflows that change what is public.
API_MAY_IMPORT = {
    "clusters": {"selectors", "permissions", "services"},
    "advisors": {"selectors"},
    "engagements": {"selectors", "permissions"},
    "oversight": {"selectors", "publication"},
    "quality": {"selectors"},
    "forums": {"selectors"},
}


def api_reads_beyond_selectors() -> list[str]:
    problems = []
    for path in sorted((ROOT / "api").rglob("*.py")):
        if "migrations" in path.parts or path.name == "demo.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = (
                    [f"{node.module}.{alias.name}" for alias in node.names] if "." not in node.module else [node.module]
                )
            for module in modules:
                app, _, rest = module.partition(".")
                if app in API_MAY_IMPORT and rest.split(".")[0] not in API_MAY_IMPORT[app]:
                    problems.append(f"{path.relative_to(ROOT)} imports {module}")
    return problems


def test_api_reads_the_other_apps_only_through_their_selectors():
    assert api_reads_beyond_selectors() == []


def test_oversight_reads_advisors_engagements_network_and_quality_only_through_their_selectors():
    assert reads_beyond_selectors("oversight", ("advisors", "engagements", "network", "forums", "quality")) == []


def test_network_reads_engagements_only_through_their_selectors():
    """The national cluster may read engagements' public summaries and open needs, never their content."""
    assert reads_beyond_selectors("network", ("engagements",)) == []


def test_forums_read_engagements_only_through_their_selectors():
    """A forum shows its facilitation's counts and hours, never a work log's text."""
    assert reads_beyond_selectors("forums", ("engagements",)) == []
