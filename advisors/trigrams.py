"""pg_trgm's word similarity in Python, so that the embedded default (SQLite) finds what PostgreSQL finds.

PostgreSQL's `word_similarity(a, b)` is the greatest similarity between the trigrams of `a` and any continuous
extent of the ordered trigrams of `b`. This module follows pg_trgm's definition (trgm_op.c: words are runs of
letters and digits, lower-cased and padded with two spaces before and one after; similarity of an extent is
shared / (trigrams of a + trigrams of the extent - shared); the extent is grown and shrunk as in
`iterate_word_similarity`), and is registered on every SQLite connection as the SQL function `word_similarity`,
the name pg_trgm gives it, so one query runs on both databases.
"""

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")


def word_trigrams(text: str) -> list[str]:
    """The trigrams of every word of `text`, in order, with repeats (pg_trgm's generate_trgm_only)."""
    found = []
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        found.extend(padded[index : index + 3] for index in range(len(padded) - 2))
    return found


@lru_cache(maxsize=4096)
def _trigram_set(text: str) -> frozenset[str]:
    return frozenset(word_trigrams(text))


def _similarity(count: int, first: int, extent: int) -> float:
    return count / (first + extent - count) if first + extent - count else 0.0


def word_similarity(first: str | None, second: str | None) -> float:
    """pg_trgm's word_similarity(first, second): how well `first` matches the best part of `second`, 0 to 1."""
    if not first or not second:
        return 0.0
    wanted = _trigram_set(first)
    unique_first = len(wanted)
    if not unique_first:
        return 0.0
    sequence = word_trigrams(second)
    last_position: dict[str, int] = {}
    lower = -1
    count = 0
    unique_extent = 0
    best = 0.0
    for index, trigram in enumerate(sequence):
        is_wanted = trigram in wanted
        if lower >= 0 or is_wanted:
            if last_position.get(trigram, -1) < 0:
                unique_extent += 1
                if is_wanted:
                    count += 1
            last_position[trigram] = index
        if not is_wanted:
            continue
        upper = index
        if lower == -1:
            lower = index
            unique_extent = 1
        current = _similarity(count, unique_first, unique_extent)
        # Try moving the lower bound up for a greater similarity.
        trial_count, trial_extent, previous_lower = count, unique_extent, lower
        for trial_lower in range(lower, upper + 1):
            trial = _similarity(trial_count, unique_first, trial_extent)
            if trial > current:
                current, unique_extent, lower, count = trial, trial_extent, trial_lower, trial_count
            dropped = sequence[trial_lower]
            if last_position.get(dropped, -1) == trial_lower:
                trial_extent -= 1
                if dropped in wanted:
                    trial_count -= 1
        best = max(best, current)
        for dropped_index in range(previous_lower, lower):
            dropped = sequence[dropped_index]
            if last_position.get(dropped, -1) == dropped_index:
                last_position[dropped] = -1
    return best


def register_on_sqlite(sender, connection, **kwargs) -> None:
    """Make `word_similarity(a, b)` available on a new SQLite connection (PostgreSQL has it from pg_trgm)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("word_similarity", 2, word_similarity, deterministic=True)
