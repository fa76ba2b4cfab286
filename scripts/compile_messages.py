"""Compile locale/*/LC_MESSAGES/django.po to .mo with polib, so no system gettext is needed.

With --check, fail if a committed .mo differs from what its .po compiles to.
"""

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for po_path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        catalogue = polib.pofile(str(po_path))
        if check:
            with tempfile.NamedTemporaryFile(suffix=".mo") as compiled:
                catalogue.save_as_mofile(compiled.name)
                if not mo_path.exists() or Path(compiled.name).read_bytes() != mo_path.read_bytes():
                    stale.append(str(mo_path.relative_to(ROOT)))
        else:
            catalogue.save_as_mofile(str(mo_path))
            print(f"compiled {mo_path.relative_to(ROOT)} ({catalogue.percent_translated()}% translated)")
    if stale:
        print("Out of date, run `make messages`: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
