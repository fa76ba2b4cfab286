"""A bounded memo kept in each process: what a page or a download computed once from the same content is not
computed again. Keys are content (digests, languages), never identities that a later object could share."""

import threading
from collections import OrderedDict


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
