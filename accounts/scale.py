"""Synthetic data at national scale (`manage.py seed_demo --scale N [--seed S]`), on top of the demo data.

Each app that has data to add keeps a `<app>/scale.py` with `seed(ctx)`; they run in INSTALLED_APPS order, lowest
app first, as the demo modules do. A lower app hands what the higher apps build on (clusters, goals, people,
profiles) through `ctx.data`. Rows are written with `bulk_create` in batches: no per-row signals and no model
history, which synthetic rows do not need. Everything random comes from `ctx.rng`, so the same seed gives the same
data on the same day.

Sizes at N=1 (each multiplied by N): 15 clusters of 5–10 real authorities, 400 advisors in 40 organisations, about
60,000 work logs, three years of measurements and quarterly reports.
"""

import io
import json
import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from .models import RoleAssignment, User

BATCH_SIZE = 2000
# Synthetic people have addresses at this domain: it marks a database that already holds scale data.
EMAIL_DOMAIN = "scale.test"

FIRST_NAMES_HE = ["נועה", "יעל", "תמר", "מיכל", "רונית", "דוד", "יוסי", "אורי", "עמית", "גלעד", "שירה", "איתי"]
LAST_NAMES_HE = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "אזולאי", "דהן", "גולן"]
FIRST_NAMES_AR = ["ריم", "סאמר", "מוחמד", "נור", "עלי", "היבה", "כרים", "ליאנה"]
LAST_NAMES_AR = ["חורי", "עודה", "חביב", "נסאר", "סלאמה", "ג'אבר", "מנסור"]


class Progress:
    """A one-line progress bar on a terminal; one line per step otherwise (logs, tests)."""

    WIDTH = 30

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total, self.done = stdout, label, max(total, 1), 0
        self.is_terminal = getattr(getattr(stdout, "_out", stdout), "isatty", lambda: False)()
        self.shown = -1

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        percent = 100 * self.done // self.total
        if self.is_terminal and percent != self.shown:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "." * (self.WIDTH - filled)
            self.stdout.write(f"\r{self.label:<16} [{bar}] {percent:3d}%", ending="")
            self.stdout.flush()
            self.shown = percent

    def finish(self, summary: str = "") -> None:
        self.done = self.total
        if self.is_terminal:
            self.stdout.write(f"\r{self.label:<16} [{'#' * self.WIDTH}] 100% {summary}")
        else:
            self.stdout.write(f"{self.label}: {summary}")


@dataclass
class ScaleContext:
    """What every app's `seed(ctx)` receives: the size, the random source, today, and what lower apps built."""

    scale: float
    rng: random.Random
    stdout: object
    today: date = field(default_factory=timezone.localdate)
    now: object = field(default_factory=timezone.now)
    data: dict = field(default_factory=dict)
    password: str = ""
    timings: dict = field(default_factory=dict)  # seconds each app's part took

    def count(self, per_unit: int) -> int:
        """How many at this scale of what N=1 has `per_unit` of (at least one)."""
        return max(1, round(per_unit * self.scale))

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.stdout, label, total)

    def reserve_ids(self, model, count: int) -> range:
        """Primary keys for `count` rows that copy_rows will insert with explicit ids."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequence = cursor.fetchone()[0]
                cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count])
                last = cursor.fetchone()[0]
                return range(last - count + 1, last + 1)
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 (a model's table name)
            first = cursor.fetchone()[0] + 1
            return range(first, first + count)

    def copy_rows(self, model, columns: list[str], rows: list[tuple]) -> None:
        """Insert plain rows (values in column order) without building model instances: COPY on PostgreSQL,
        executemany elsewhere. For the largest tables, where model instances would cost most of the time."""
        if not rows:
            return
        table = model._meta.db_table
        names = ", ".join(f'"{column}"' for column in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                buffer = io.StringIO()
                for row in rows:
                    buffer.write("\t".join(_copy_text(value) for value in row))
                    buffer.write("\n")
                buffer.seek(0)
                cursor.cursor.copy_expert(f'COPY "{table}" ({names}) FROM STDIN', buffer)
                return
            adapted = [tuple(_adapt(value) for value in row) for row in rows]
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({placeholders})', adapted)  # noqa: S608

    def bulk(self, model, objects: list, progress: Progress | None = None) -> list:
        """Insert in batches (primary keys are set on the objects on PostgreSQL and SQLite)."""
        created = []
        for start in range(0, len(objects), BATCH_SIZE):
            batch = objects[start : start + BATCH_SIZE]
            created.extend(model.objects.bulk_create(batch, batch_size=BATCH_SIZE))
            if progress:
                progress.advance(len(batch))
        return created


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _adapt(value):
    if value is None:
        return value
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def is_seeded() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def person_name(rng: random.Random, *, arabic_share: float = 0.25) -> str:
    if rng.random() < arabic_share:
        return f"{rng.choice(FIRST_NAMES_AR)} {rng.choice(LAST_NAMES_AR)}"
    return f"{rng.choice(FIRST_NAMES_HE)} {rng.choice(LAST_NAMES_HE)}"


def create_people(ctx: ScaleContext, people: list[tuple[str, str, str]]) -> list[User]:
    """Users (email local part, full name, language) with verified addresses; they sign in with the demo password."""
    users = [
        User(
            email=f"{local}@{EMAIL_DOMAIN}",
            full_name=name,
            preferred_language=language,
            password=ctx.password,
            date_joined=ctx.now,
        )
        for local, name, language in people
    ]
    ctx.bulk(User, users)
    ctx.bulk(
        EmailAddress,
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
    )
    return users


def grant_roles(ctx: ScaleContext, grants: list[tuple[User, str, object | None]], starts_on: date) -> None:
    """Role assignments (person, role, scope object or None), all starting on one day."""
    types = {}
    rows = []
    for user, role, scope in grants:
        scope_type = None
        if scope is not None:
            model = type(scope)
            scope_type = types.setdefault(model, ContentType.objects.get_for_model(model))
        rows.append(
            RoleAssignment(
                user=user,
                role=role,
                scope_type=scope_type,
                scope_id=scope.pk if scope is not None else None,
                starts_on=starts_on,
            )
        )
    ctx.bulk(RoleAssignment, rows)


def generate(*, scale: float, seed: int, stdout) -> ScaleContext:
    """Run every app's scale seed, lowest app first."""
    from .demo import DEMO_PASSWORD

    ctx = ScaleContext(scale=scale, rng=random.Random(seed), stdout=stdout)
    ctx.password = make_password(DEMO_PASSWORD, salt=f"scale{seed}")
    if connection.vendor == "postgresql":
        # Django's foreign keys are checked at commit by default: millions of queued checks made the commit of a 10x
        # seed take most of a minute. Checked as each row goes in, they cost less and count in each part's time.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for config in apps.get_app_configs():
        module_name = f"{config.name}.scale"
        if config.path.startswith(str(settings.BASE_DIR)) and find_spec(module_name):
            started = time.monotonic()
            import_module(module_name).seed(ctx)
            ctx.timings[config.label] = time.monotonic() - started
    if connection.vendor == "postgresql":
        # Rows arrived in bulk: give the planner statistics now rather than when autovacuum gets to them.
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        ctx.timings["ANALYZE"] = time.monotonic() - started
    stdout.write("time by part: " + ", ".join(f"{part} {seconds:.0f} s" for part, seconds in ctx.timings.items()))
    return ctx


def seed(ctx: ScaleContext) -> None:
    """Accounts has nothing of its own to add: the apps above create their people with create_people."""
