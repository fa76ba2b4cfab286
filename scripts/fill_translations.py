"""Fill msgstr for the given msgids in locale/<language>/LC_MESSAGES/django.po and drop fuzzy flags.

Usage: python scripts/fill_translations.py FILE.json   where FILE.json is {"he": {msgid: text}, "ar": {...}}.
Plural entries take a list of forms. Entries not named are left as they are.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main(path: str) -> int:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    for language, entries in translations.items():
        catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        filled = 0
        for entry in catalogue:
            if entry.msgid not in entries:
                continue
            text = entries[entry.msgid]
            if entry.msgid_plural:
                forms = text if isinstance(text, list) else [text]
                entry.msgstr_plural = {index: forms[min(index, len(forms) - 1)] for index in entry.msgstr_plural}
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            filled += 1
        catalogue.save()
        print(f"{language}: {filled} entries filled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
