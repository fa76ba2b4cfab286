"""A bounded memo kept in each process: what a page or a download computed once from the same content is not
computed again. Keys are content (digests, languages), never identities that a later object could share."""

import hashlib
import threading
from collections import OrderedDict

from django.template.loader import render_to_string
from django.utils import timezone, translation


class Memo:
    """A bounded least-recently-used map, safe across threads."""

    def __init__(self, size: int):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

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


def render_each(memo: Memo, template_name: str, contexts) -> list[str]:
    """Each context (a dict of plain values whose repr is their content: text, numbers, dates, None) rendered by
    `template_name`; the HTML is kept once per process for that template, context, language and time zone, so a
    row whose shown values are unchanged is not rendered again. The template sees only its context, so the key
    holds all it shows. The key is a digest of the context's repr: 1 and True, or Decimal 1.5 and 1.50, differ."""
    language, zone = translation.get_language(), timezone.get_current_timezone_name()
    results = []
    for context in contexts:
        shown = repr((template_name, language, zone, tuple(context.items())))
        key = hashlib.blake2b(shown.encode(), digest_size=16).digest()
        html = memo.get(key)
        if html is None:
            html = render_to_string(template_name, context)
            memo.put(key, html)
        results.append(html)
    return results
