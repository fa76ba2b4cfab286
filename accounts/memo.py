"""A bounded memo kept in each process: what a page or a download computed once from the same content is not
computed again. Keys are content (digests, languages), never identities that a later object could share."""

import hashlib
import secrets
import threading
import weakref
from collections import OrderedDict

from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe

_MEMOS = weakref.WeakSet()


class Memo:
    """A bounded least-recently-used map, safe across threads."""

    def __init__(self, size: int):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()
        _MEMOS.add(self)

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


@receiver(file_changed, dispatch_uid="accounts_memo_file_changed")
def _template_changed(sender, file_path, **kwargs):
    """The development server reloads changed templates without restarting: what they rendered is not kept."""
    if file_path.suffix != ".py":
        for memo in list(_MEMOS):
            memo.clear()


# Stands in a kept row for the request's CSRF token (never sent: replaced by the token before the row is shown).
_CSRF_PLACEHOLDER = f"csrf-{secrets.token_hex(16)}"


def render_each(memo: Memo, template_name: str, contexts, *, csrf_token: str | None = None) -> list[str]:
    """Each context (a dict of plain values whose repr is their content: text, numbers, dates, None) rendered by
    `template_name`; the HTML is kept once per process for that template, context, language and time zone, so a
    row whose shown values are unchanged is not rendered again. The template sees only its context, so the key
    holds all it shows. The key is a digest of the context's repr: 1 and True, or Decimal 1.5 and 1.50, differ.

    With `csrf_token` (the request's), the rows' `{% csrf_token %}` fields hold it: a row is kept with a
    placeholder in their place, which each request's token replaces."""
    language, zone = translation.get_language(), timezone.get_current_timezone_name()
    results = []
    for context in contexts:
        shown = repr((template_name, language, zone, tuple(context.items())))
        key = hashlib.blake2b(shown.encode(), digest_size=16).digest()
        html = memo.get(key)
        if html is None:
            values = context if csrf_token is None else {**context, "csrf_token": _CSRF_PLACEHOLDER}
            html = render_to_string(template_name, values)
            memo.put(key, html)
        if csrf_token is not None:
            html = mark_safe(html.replace(_CSRF_PLACEHOLDER, csrf_token))  # noqa: S308 (our own rows, a token)
        results.append(html)
    return results
