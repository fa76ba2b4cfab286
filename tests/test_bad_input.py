"""Property test of bad input: every form and every view that reads URL parameters, driven with generated hostile
values (huge, negative, NaN, infinity, year 0 and 9999, control and bidi characters, 100,000 characters).

For each URL of the access matrix, as the first person allowed to use it, every example must answer without a
server error; a form shown again carries its errors in Hebrew (the default language), never the English msgid;
and the database is unchanged (tests/access_matrix.py `fingerprint`: no table but the access log and sessions
written).

A view that reads request.POST or request.GET must be declared in tests/form_inputs.py: FORMS says which fields
its form takes (built from the form classes), QUERY which query parameters it reads, NO_INPUT that it reads none
of its own. `test_every_view_reading_input_is_declared` fails for a new view that is not. Third-party views
(allauth, the Django admin) are left to their own test suites.

Examples per URL: BAD_INPUT_EXAMPLES in the environment (8 by default, so the run stays within minutes).
"""

import copy
import inspect
import os
import re

import pytest
from django import forms
from django.contrib.messages import constants as message_levels
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import NoReverseMatch, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access_matrix import BAD_REQUEST, REDIRECT, changed_tables, fingerprint
from tests.conftest import ACTORS
from tests.form_inputs import FORMS, NO_INPUT, QUERY
from tests.test_access_matrix import RULES

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "8"))
THIRD_PARTY = ("account_", "mfa_", "admin:")
HEBREW = re.compile("[\u0590-\u05ff]")


# --- bad values ------------------------------------------------------------------------------------------------

HUGE = "9" * 100_000
BAD_NUMBERS = (
    st.sampled_from(
        [
            "1e309",
            "-1e309",
            "NaN",
            "-nan",
            "sNaN",
            "Infinity",
            "-Infinity",
            "inf",
            "99999999999999999999999999",
            "-99999999999999999999999999",
            "9223372036854775808",
            "-1",
            "1e-400",
            "0.0000001",
            HUGE,
            "١٢٣",
            "²",
            "1,5",
            "0x10",
        ]
    )
    | st.integers(min_value=-(10**30), max_value=10**30).map(str)
    | st.floats().map(repr)
)
BAD_DATES = st.sampled_from(
    [
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "1999-12-31",
        "2101-01-01",
        "2026-02-30",
        "2026-13-01",
        "99999-01-01",
        "-2026-01-01",
        "0000-01",
        "9999-12",
        "0000-Q1",
        "2026-Q9",
    ]
) | st.dates().map(lambda day: day.isoformat())
BAD_TEXTS = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\x01\x07\x0b\x1b\x7f",
        "\u202e\u2066evil\u2069\u202c",
        "\u200f\u200e",
        '=HYPERLINK("http://x")',
        "\ud7ff\uffff",
        "x" * 100_000,
        "א" * 100_000,
        "🙂" * 50,
    ]
) | st.text(max_size=30)
BAD_ANY = BAD_NUMBERS | BAD_DATES | BAD_TEXTS


def values_for(field):
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return BAD_NUMBERS | BAD_ANY
    if isinstance(field, forms.DateField):
        return BAD_DATES | BAD_ANY
    if isinstance(field, forms.CharField):
        return BAD_TEXTS
    return BAD_ANY


def surely_invalid(field):
    """A value the field must refuse, so the form cannot pass and nothing may be written."""
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return st.sampled_from(["1e309", "NaN", "Infinity", "-1e999", "abc", HUGE])
    if isinstance(field, forms.DateField):
        return st.sampled_from(["0000-01-01", "9999-12-31", "0001-01-01", "2026-02-30"])
    if isinstance(field, forms.CharField | forms.ChoiceField | forms.ModelChoiceField):
        return st.sampled_from(["\x00", "bad\x00value"])
    return None


def data_for(form_fields: dict):
    """Hostile values for any subset of the fields, with one field surely invalid."""
    guarded = {name: surely_invalid(field) for name, field in form_fields.items()}
    guarded = {name: strategy for name, strategy in guarded.items() if strategy is not None}

    @st.composite
    def build(draw):
        data = {}
        for name, field in form_fields.items():
            if draw(st.booleans()):
                data[name] = draw(values_for(field))
        if guarded:
            name = draw(st.sampled_from(sorted(guarded)))
            data[name] = draw(guarded[name])
        return data

    return build()


# --- the targets ------------------------------------------------------------------------------------------------


def first_rules() -> dict:
    rules = {}
    for rule in RULES:
        rules.setdefault(rule.name, rule)
    return rules


RULE_OF = first_rules()


def allowed_actor(rule, override=None) -> str | None:
    if override:
        return override
    # whoever may use it; else whoever may, but whose sample data the rule's form refuses (400 with the errors)
    return next((actor for actor in ACTORS if rule.expected[actor] in (200, REDIRECT)), None) or next(
        (actor for actor in ACTORS if rule.expected[actor] == BAD_REQUEST), None
    )


def prepare(rule, actor_override, client, module_world):
    world = copy.deepcopy(module_world)
    if rule.setup:
        rule.setup(world)
    url = reverse(rule.name, kwargs=rule.kwargs(world) if rule.kwargs else {})
    actor = allowed_actor(rule, actor_override)
    if actor is None:
        pytest.skip(f"nobody may use {rule.name}")
    client.logout()
    if actor != "anonymous":
        client.force_login(world.people[actor])
    return url


def assert_answer_is_sound(response):
    assert response.status_code in (200, 302, 400, 403, 404, 405), response.status_code
    context = response.context or {}
    for value in (context.flatten() if hasattr(context, "flatten") else {}).values():
        if isinstance(value, forms.BaseForm | forms.BaseFormSet) and value.is_bound:
            messages = [str(error) for error in _errors_of(value)]
            english = [message for message in messages if not HEBREW.search(message)]
            assert english == [], f"untranslated errors: {english}"
    shown = [str(message) for message in get_messages(response.wsgi_request) if message.level >= message_levels.WARNING]
    assert [message for message in shown if not HEBREW.search(message)] == [], shown


def _errors_of(form):
    if isinstance(form, forms.BaseFormSet):
        errors = [error for sub in form.forms for error in _errors_of(sub)]
        return errors + list(form.non_form_errors())
    return [error for errors in form.errors.values() for error in errors]


def run_example(client, method, url, data):
    before = fingerprint()
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        assert_answer_is_sound(response)
        after = fingerprint()
        transaction.set_rollback(True)
    assert changed_tables(before, after) == [], f"{method.upper()} {url} {data!r:.300} wrote to the database"


HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_bad_form_input_is_refused_in_hebrew_and_writes_nothing(name, client, module_world):
    form = FORMS[name]
    url = prepare(RULE_OF[name], form.actor, client, module_world)

    @HYPOTHESIS
    @given(data=data_for(form.fields))
    def check(data):
        run_example(client, "post", url, data)

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(QUERY))
def test_bad_query_parameters_answer_without_error_and_write_nothing(name, client, module_world):
    url = prepare(RULE_OF[name], None, client, module_world)
    fields = QUERY[name]

    @HYPOTHESIS
    @given(data=st.fixed_dictionaries({}, optional={key: values_for(field) for key, field in fields.items()}))
    def check(data):
        run_example(client, "get", url, {key: value[:2000] for key, value in data.items()})

    check()


PATH_VALUES = {
    "int": st.sampled_from([0, 2**31, 2**63 - 1, 2**63, 10**30]),
    "str": st.sampled_from(["0000-01-01", "9999-12-31", "x" * 2000, "\u202eevil", "%00", "..", "2026-02-30"]),
}


def path_rules():
    return sorted(
        {rule.name for rule in RULES if rule.kwargs and not rule.name.startswith(THIRD_PARTY)}
        - {"accounts:invitation_accept"}  # a signed token, checked by its own tests
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", path_rules())
def test_bad_path_parameters_answer_without_error(name, client, module_world):
    rule = RULE_OF[name]
    url = prepare(rule, None, client, module_world)
    world_kwargs = get_resolver().resolve(url).kwargs
    converters = {key: "int" if isinstance(value, int) else "str" for key, value in world_kwargs.items()}

    @HYPOTHESIS
    @given(data=st.fixed_dictionaries({key: PATH_VALUES[kind] for key, kind in converters.items()}))
    def check(data):
        try:
            bad_url = reverse(name, kwargs={**world_kwargs, **data})
        except NoReverseMatch:
            return  # the URL pattern itself refuses the value (a slug, say): nothing of it reaches the view
        run_example(client, rule.method, bad_url, {})

    check()


# --- coverage: a new view reading input must be declared --------------------------------------------------------


def reads_input(view) -> bool:
    view = inspect.unwrap(getattr(view, "view_class", view))
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        return False
    # reading input directly, through a form, or through the chooser of a CEO's clusters (?cluster=)
    return bool(re.search(r"request\.(POST|GET|FILES)|Form\(|ceo_cluster_choice\(", source))


# Views that read input and are not driven by this test (no value can make their form invalid). The list may only
# shrink: a view added elsewhere, or one of these left out of it while still undeclared, fails the test below.
NOT_YET_DRIVEN = {
    "public:preview",  # any POST is a valid choice of what to publish: its own tests cover it
    "network:knowledge_transition",  # the action is in the path; publishing takes no input (tests/network)
    "notifications:preferences",  # yes/no boxes only: every choice is valid (tests/accounts/test_notifications.py)
}


def test_every_view_reading_input_is_declared():
    from tests.test_access_matrix import project_url_names

    resolver = get_resolver()
    undeclared = []
    for name, _route in project_url_names():
        if not name or name.startswith(THIRD_PARTY) or name in FORMS or name in QUERY or name in NO_INPUT:
            continue
        callback = _callback_of(resolver, name)
        if callback is not None and reads_input(callback):
            undeclared.append(name)
    missing = sorted(set(undeclared) - NOT_YET_DRIVEN)
    assert missing == [], "views reading input missing from tests/test_bad_input.py: " + ", ".join(missing)
    # a view of the list that is declared now (or reads no input any more) leaves the list
    assert sorted(NOT_YET_DRIVEN - set(undeclared)) == []


def _callback_of(resolver, name):
    namespace, _, url_name = name.rpartition(":")
    current = resolver
    for part in filter(None, namespace.split(":")):
        current = current.namespace_dict[part][1]
    for pattern in current.url_patterns:
        if getattr(pattern, "name", None) == url_name:
            return pattern.callback
    return None
