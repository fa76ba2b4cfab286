"""Walk every URL of the project and check each actor's answer against the declared matrix."""

import importlib
import pkgutil
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access_matrix import LOGIN, REDIRECT, Namespace, Rule
from tests.conftest import ACTORS, build_world


def collect_rules() -> tuple[list[Rule], list[Namespace]]:
    rules, namespaces = [], []
    for module_info in pkgutil.iter_modules(tests.__path__):
        if not module_info.ispkg:
            continue
        try:
            module = importlib.import_module(f"tests.{module_info.name}.access")
        except ModuleNotFoundError:
            continue
        for item in getattr(module, "RULES", []):
            (namespaces if isinstance(item, Namespace) else rules).append(item)
    return rules, namespaces


def project_url_names() -> list[tuple[str, str]]:
    def walk(patterns, namespace=None, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                yield (f"{namespace}:{name}" if namespace else name), prefix + str(pattern.pattern)

    return list(walk(get_resolver().url_patterns))


RULES, NAMESPACES = collect_rules()


def test_every_url_is_declared_in_the_matrix():
    declared = {rule.name for rule in RULES} | {name for rule in RULES for name in rule.covers}
    namespaces = {ns.namespace for ns in NAMESPACES}
    undeclared = [
        f"{name} ({route})"
        for name, route in project_url_names()
        if name not in declared and name.split(":")[0] not in namespaces
    ]
    assert undeclared == [], "URLs missing from the access matrix: " + ", ".join(undeclared)


def test_every_rule_names_a_real_url():
    names = {name for name, _route in project_url_names()}
    assert [rule.name for rule in RULES if rule.name not in names] == []


def answer_of(response) -> object:
    if response.status_code in (301, 302, 303):
        target = urlparse(response["Location"]).path
        if target in (resolve_url(settings.LOGIN_URL), reverse("admin:login")):
            return LOGIN
        return REDIRECT
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_access(rule: Rule, client):
    world = build_world()
    if rule.setup:
        rule.setup(world)
    kwargs = rule.kwargs(world) if rule.kwargs else {}
    url = reverse(rule.name, kwargs=kwargs)
    mismatches = []
    for actor in ACTORS:
        client.logout()
        if actor != "anonymous":
            client.force_login(world.people[actor])
        data = rule.data(world) if callable(rule.data) else (rule.data or {})
        # Each actor's request runs in a savepoint rolled back afterwards, so one actor's write
        # (revoking an invitation, say) does not change what the next actor finds.
        with transaction.atomic():
            response = getattr(client, rule.method)(url, data)
            transaction.set_rollback(True)
        got, wanted = answer_of(response), rule.expected[actor]
        if got != wanted:
            mismatches.append(f"{actor}: expected {wanted}, got {got}")
    assert mismatches == [], f"{rule.method.upper()} {url}: " + "; ".join(mismatches)


@pytest.mark.django_db
@pytest.mark.parametrize("namespace", NAMESPACES, ids=[ns.namespace for ns in NAMESPACES])
def test_namespace_access(namespace: Namespace, client):
    """Every argument-free URL of the namespace (admin index, change lists, add forms) answers as declared."""
    world = build_world()
    explicit = {rule.name for rule in RULES}
    urls = []
    for name, _route in project_url_names():
        if name in explicit:
            continue
        if name.split(":")[0] == namespace.namespace:
            try:
                urls.append((name, reverse(name)))
            except NoReverseMatch:  # takes arguments: the same admin check guards it
                continue
    assert urls, f"no argument-free URL found in {namespace.namespace}"
    mismatches = []
    for name, url in urls:
        expected = {**namespace.expected, **namespace.overrides.get(name, {})}
        for actor in ACTORS:
            client.logout()
            if actor != "anonymous":
                client.force_login(world.people[actor])
            got, wanted = answer_of(client.get(url)), expected[actor]
            if got != wanted:
                mismatches.append(f"{url} {actor}: expected {wanted}, got {got}")
    assert mismatches == [], "\n".join(mismatches)
