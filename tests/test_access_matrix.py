"""Walk every URL of the project and check each actor's answer against the declared matrix."""

import copy
import importlib
import pkgutil
from urllib.parse import urlencode, urlparse

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access_matrix import (
    BAD_REQUEST,
    FORBIDDEN,
    LOGIN,
    OK,
    REDIRECT,
    REFUSALS,
    Namespace,
    Rule,
    changed_tables,
    fingerprint,
)
from tests.conftest import ACTORS, sign_in_as
from tests.form_inputs import FORMS


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
def test_access(rule: Rule, client, module_world):
    world = copy.deepcopy(module_world)
    if rule.setup:
        rule.setup(world)
    kwargs = rule.kwargs(world) if rule.kwargs else {}
    url = reverse(rule.name, kwargs=kwargs)
    mismatches = []
    for actor in ACTORS:
        sign_in_as(client, world, actor)
        data = rule.data(world) if callable(rule.data) else (rule.data or {})
        got, written = request_in_savepoint(client, rule.method, url, data, check=rule.expected[actor] in REFUSALS)
        wanted = rule.expected[actor]
        if got != wanted:
            mismatches.append(f"{actor}: expected {wanted}, got {got}")
        elif written:
            mismatches.append(f"{actor}: refused with {got} but wrote to {', '.join(written)}")
    assert mismatches == [], f"{rule.method.upper()} {url}: " + "; ".join(mismatches)


def request_in_savepoint(client, method, url, data, *, check: bool):
    """The answer, and the tables it changed (checked for refusals only).

    Each actor's request runs in a savepoint rolled back afterwards, so one actor's write (revoking an
    invitation, say) does not change what the next actor finds.
    """
    with transaction.atomic():
        before = fingerprint() if check else None
        response = getattr(client, method)(url, data)
        got = answer_of(response)
        written = changed_tables(before, fingerprint()) if check and got in (*REFUSALS, OK, BAD_REQUEST) else []
        transaction.set_rollback(True)
    return got, written


def form_rules() -> list[Rule]:
    """The GET rules of form URLs (tests/form_inputs.py lists them): their POST is checked too."""
    seen, rules = set(), []
    for rule in RULES:
        if rule.method == "get" and rule.name in FORMS and rule.name not in seen:
            seen.add(rule.name)
            rules.append(rule)
    return rules


FORM_RULES = form_rules()


@pytest.mark.django_db
@pytest.mark.parametrize("rule", FORM_RULES, ids=[rule.name for rule in FORM_RULES])
def test_form_post_access(rule: Rule, client, module_world):
    """POSTing a form URL: whoever may not open the form gets the same refusal and nothing is written; whoever
    may open it gets the form back (200 or 400) or is redirected after the write."""
    world = copy.deepcopy(module_world)
    if rule.setup:
        rule.setup(world)
    url = reverse(rule.name, kwargs=rule.kwargs(world) if rule.kwargs else {})
    mismatches = []
    for actor in ACTORS:
        sign_in_as(client, world, actor)
        # The GET rule's data is its query string (?profile=...): the form posts back to the same address.
        data = rule.data(world) if callable(rule.data) else (rule.data or {})
        target = f"{url}?{urlencode(data, doseq=True)}" if data else url
        wanted = rule.expected[actor]
        got, written = request_in_savepoint(client, "post", target, {}, check=True)
        if wanted in REFUSALS and got != wanted:
            mismatches.append(f"{actor}: expected {wanted}, got {got}")
        elif wanted not in REFUSALS and got not in (OK, REDIRECT, BAD_REQUEST, FORBIDDEN):
            # who may read a form page but not act on it (a board member, the Treasury referent) gets a 403
            mismatches.append(f"{actor}: expected the form, a redirect or a 403, got {got}")
        elif written:
            mismatches.append(f"{actor}: refused with {got} but wrote to {', '.join(written)}")
    assert mismatches == [], f"POST {url}: " + "; ".join(mismatches)


@pytest.mark.django_db
@pytest.mark.parametrize("namespace", NAMESPACES, ids=[ns.namespace for ns in NAMESPACES])
def test_namespace_access(namespace: Namespace, client, module_world):
    """Every argument-free URL of the namespace (admin index, change lists, add forms) answers as declared."""
    world = copy.deepcopy(module_world)
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
            sign_in_as(client, world, actor)
            got, wanted = answer_of(client.get(url)), expected[actor]
            if got != wanted:
                mismatches.append(f"{url} {actor}: expected {wanted}, got {got}")
    assert mismatches == [], "\n".join(mismatches)


@pytest.mark.django_db
def test_the_fingerprint_sees_every_kind_of_write_and_not_one_rolled_back_before_it(module_world):
    from clusters.models import Cluster

    cluster = Cluster.objects.get(pk=module_world.cluster.pk)
    with transaction.atomic():  # an earlier actor's write, rolled back
        Cluster.objects.filter(pk=cluster.pk).update(name_he=cluster.name_he + "!")
        transaction.set_rollback(True)
    start = fingerprint()
    Cluster.objects.filter(pk=cluster.pk).values_list("name_he", flat=True).get()  # reads are not writes
    assert changed_tables(start, fingerprint()) == []
    writes = [
        lambda: Cluster.objects.filter(pk=cluster.pk).update(name_he=cluster.name_he + "!"),
        lambda: module_world.people["no_role"].delete(),
    ]
    if connection.vendor == "postgresql":  # the checksum of the rows themselves cannot see this one
        writes.append(lambda: Cluster.objects.filter(pk=cluster.pk).update(name_he=cluster.name_he))
    for write in writes:
        with transaction.atomic():
            before = fingerprint()
            write()
            assert changed_tables(before, fingerprint()) != []
            transaction.set_rollback(True)
