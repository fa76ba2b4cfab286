"""Compile locale/*/LC_MESSAGES/django.po to .mo with polib, so no system gettext is needed.

With --check, fail if a committed .mo differs from what its .po compiles to, or if any string of a .po is left
untranslated or fuzzy (every page must read fully in Hebrew and Arabic). With --check-translated, only the latter:
CI runs it right after a fresh `makemessages`, so a string missing from the catalogues fails too.
"""

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    check_translated = "--check-translated" in sys.argv
    check = "--check" in sys.argv or check_translated
    stale = []
    incomplete = []
    for po_path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        catalogue = polib.pofile(str(po_path))
        if check:
            for entry in catalogue:
                if entry.obsolete:
                    continue
                translated = any(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
                if not translated or "fuzzy" in entry.flags:
                    where = entry.occurrences[0][0] if entry.occurrences else "?"
                    state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
                    incomplete.append(f"{po_path.relative_to(ROOT)}: {state} ({where}) {entry.msgid[:80]!r}")
            if check_translated:
                continue
            with tempfile.NamedTemporaryFile(suffix=".mo") as compiled:
                catalogue.save_as_mofile(compiled.name)
                if not mo_path.exists() or Path(compiled.name).read_bytes() != mo_path.read_bytes():
                    stale.append(str(mo_path.relative_to(ROOT)))
        else:
            catalogue.save_as_mofile(str(mo_path))
            print(f"compiled {mo_path.relative_to(ROOT)} ({catalogue.percent_translated()}% translated)")
    if incomplete:
        print("Strings without a finished translation:\n  " + "\n  ".join(incomplete), file=sys.stderr)
    if stale:
        print("Out of date, run `make messages`: " + ", ".join(stale), file=sys.stderr)
    if stale or incomplete:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
